package server_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"urbangraph/internal/feed"
	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/server"
	"urbangraph/internal/store"
)

// rawRequest sends head (a request line and headers, without the blank line) and then body over a
// fresh connection with a small receive buffer, and returns the connection.
func rawConn(t *testing.T, base string) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetReadBuffer(4096)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// An SSE subscription whose body is dripped (1,000 bytes declared, one sent) is answered 408 at the
// body's read deadline and closed, instead of holding the connection for ever.
func TestASubscriptionBodyMustArriveInTime(t *testing.T) {
	s := neo4jtest.Seeded(t)
	ts, _ := newFeedServer(t, s, feed.Limits{}, &server.Limits{BodyReadTimeout: time.Second})
	conn := rawConn(t, ts.URL)
	fmt.Fprintf(conn, "POST /subscriptions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: 1000\r\n\r\n{")
	_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second)) // the test's own bound, far past the server's
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer: %v", err)
	}
	if resp.StatusCode != http.StatusRequestTimeout {
		t.Errorf("a dripped body: %s", resp.Status)
	}
}

// An SSE subscriber that stops reading loses its stream once a write has waited StreamWriteTimeout,
// and with it its place: the same client (one subscription at most) subscribes again.
func TestAStalledSubscriberIsLetGo(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ts, _ := newFeedServer(t, s, feed.Limits{PerClient: 1}, &server.Limits{StreamWriteTimeout: time.Second})
	body := `{"query": "subscription { changes { seq fields { name after } } }"}`
	conn := rawConn(t, ts.URL)
	fmt.Fprintf(conn, "POST /subscriptions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	rd := bufio.NewReaderSize(conn, 512)
	resp, err := http.ReadResponse(rd, nil)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("subscribing: %v %v", resp, err)
	}
	// Its first event proves it holds the client's place (it subscribes just after its headers).
	small := store.NodeWrite{ID: "city:small", Kind: store.City, Names: map[string]string{"en": "Small"},
		Evidence: []store.EvidenceWrite{{Source: "source:stara-zagora-thessaloniki-seminar", Quote: "A small city."}}}
	for end := time.Now().Add(10 * time.Second); ; {
		if _, err := s.Write(context.Background(), []store.NodeWrite{small}, nil, "test"); err != nil {
			t.Fatal(err)
		}
		_ = conn.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
		if line, _ := rd.ReadString('\n'); strings.HasPrefix(line, "event: next") {
			break
		}
		if time.Now().After(end) {
			t.Fatal("the subscription receives nothing")
		}
		small.Names["en"] += "!" // another write, another change
	}
	// Subscribing again: refused at once with TOO_MANY_SUBSCRIPTIONS while the stalled one holds
	// the client's place; accepted, the stream stays open until this request's own deadline.
	again := func() bool {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/subscriptions", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "text/event-stream")
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		resp, err := http.DefaultClient.Do(req.WithContext(ctx))
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		head, _ := io.ReadAll(io.LimitReader(resp.Body, 2000))
		return resp.StatusCode == http.StatusOK && !bytes.Contains(head, []byte("TOO_MANY_SUBSCRIPTIONS"))
	}
	if again() {
		t.Fatal("a second subscription while the first holds the client's place")
	}
	// Twenty writes of half a megabyte each: 10 MB of events the client never reads.
	big := strings.Repeat("x", 500_000)
	for i := range 20 {
		n := store.NodeWrite{ID: fmt.Sprintf("city:big-%d", i), Kind: store.City, Names: map[string]string{"en": fmt.Sprintf("Big %d", i)},
			Props:    map[string]any{"description": big},
			Evidence: []store.EvidenceWrite{{Source: "source:stara-zagora-thessaloniki-seminar", Quote: "A big city.", Properties: []string{"description"}}}}
		if _, err := s.Write(context.Background(), []store.NodeWrite{n}, nil, "test"); err != nil {
			t.Fatal(err)
		}
	}
	for end := time.Now().Add(time.Minute); ; time.Sleep(200 * time.Millisecond) {
		if again() {
			break
		}
		if time.Now().After(end) {
			t.Fatal("the stalled subscriber still holds its place")
		}
	}
}

// A body gqlgen cannot decode is refused by the server itself, and no log has its text: gqlgen
// would log the whole body.
func TestASubscriptionBodyIsNeverLogged(t *testing.T) {
	var std bytes.Buffer
	log.SetOutput(&std)
	t.Cleanup(func() { log.SetOutput(io.Discard) })
	ts, _ := newFeedServer(t, neo4jtest.Store(t), feed.Limits{}, nil)
	for _, body := range []string{`{"query": 5, "variables": {"password": "hunter2-SECRET"}}`, `not json hunter2-SECRET`} {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/subscriptions", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "text/event-stream")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		answer, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest || bytes.Contains(answer, []byte("SECRET")) {
			t.Errorf("%q: %s %s", body, resp.Status, answer)
		}
	}
	if strings.Contains(std.String(), "SECRET") {
		t.Errorf("the log has the body: %s", std.String())
	}
}
