package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"urbangraph/internal/errs"
)

// readSSEBody reads a subscription request's body (an SSE POST's query) whole, within limits'
// BodyReadTimeout and MaxBodyBytes, before the connection's deadlines are cleared for the stream: a
// client that drips its body is cut off at the deadline. It checks the body decodes as a GraphQL
// request itself, so that gqlgen, which logs a body it cannot decode, never meets one. On a
// failure it has answered the client and returns false.
func readSSEBody(w http.ResponseWriter, r *http.Request, rc *http.ResponseController, limits Limits) bool {
	_ = rc.SetReadDeadline(time.Now().Add(limits.BodyReadTimeout))
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limits.MaxBodyBytes))
	var tooBig *http.MaxBytesError
	var timeout net.Error
	switch {
	case errors.As(err, &tooBig):
		refuse(w, r, http.StatusRequestEntityTooLarge, errs.CodeBadInput, errors.New("the request body is too large"))
		return false
	case errors.As(err, &timeout) && timeout.Timeout():
		refuse(w, r, http.StatusRequestTimeout, errs.CodeBadInput, errors.New("the request body did not arrive in time"))
		return false
	case err != nil:
		refuse(w, r, http.StatusBadRequest, errs.CodeBadInput, errors.New("could not read the request body"))
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&graphql.RawParams{}); err != nil {
		refuse(w, r, http.StatusBadRequest, errs.CodeBadInput, errors.New("the body is not a GraphQL request in JSON"))
		return false
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return true
}

// streamWriter is an SSE stream's ResponseWriter: each write has its own deadline, and a write
// that fails (a client that stopped reading, once its socket's buffers are full) ends the stream's
// context, so the subscription ends and its slot is freed.
type streamWriter struct {
	http.ResponseWriter
	rc      *http.ResponseController
	timeout time.Duration
	stop    context.CancelFunc
}

func (s streamWriter) Write(p []byte) (int, error) {
	_ = s.rc.SetWriteDeadline(time.Now().Add(s.timeout))
	n, err := s.ResponseWriter.Write(p)
	if err != nil {
		s.stop()
	}
	return n, err
}

func (s streamWriter) Flush() {
	_ = s.rc.SetWriteDeadline(time.Now().Add(s.timeout))
	if err := s.rc.Flush(); err != nil {
		s.stop()
	}
}

func (s streamWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// clientKey is who a subscriber is for the per-client cap, when it has no token: the address the
// header names (set by a trusted proxy, URBANGRAPH_CLIENT_IP_HEADER; for X-Forwarded-For the
// address the proxy appended, the last), else the connection's; an IPv6 address stands for its
// /64, which one client may hold whole.
func clientKey(r *http.Request, header string) string {
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	if header != "" {
		if v := r.Header.Values(header); len(v) > 0 {
			list := strings.Split(v[len(v)-1], ",")
			host = strings.TrimSpace(list[len(list)-1])
		}
	}
	ip := net.ParseIP(host)
	if ip == nil || ip.To4() != nil {
		return host
	}
	return (&net.IPNet{IP: ip.Mask(net.CIDRMask(64, 128)), Mask: net.CIDRMask(64, 128)}).String()
}
