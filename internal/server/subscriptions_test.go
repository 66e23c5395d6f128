package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	coderws "github.com/coder/websocket"

	"urbangraph/internal/auth"
	"urbangraph/internal/feed"
	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/server"
	"urbangraph/internal/store"
)

// newFeedServer serves with a live feed (polling every 20 ms) and an editor's key, allowing the
// origin https://app.example; limits nil are the defaults.
func newFeedServer(t *testing.T, s *store.Store, l feed.Limits, limits *server.Limits) (*httptest.Server, string) {
	t.Helper()
	return newFeedServerAs(t, s, l, limits, auth.Editor)
}

// newFeedServerAs is newFeedServer with a token of another role.
func newFeedServerAs(t *testing.T, s *store.Store, l feed.Limits, limits *server.Limits, role auth.Role) (*httptest.Server, string) {
	t.Helper()
	token, entry, err := auth.NewAPIKey("subscriber", role)
	if err != nil {
		t.Fatal(err)
	}
	a, err := auth.New(context.Background(), auth.Config{APIKeys: []string{entry}})
	if err != nil {
		t.Fatal(err)
	}
	l.Poll = 20 * time.Millisecond
	f := feed.New(s, l)
	ctx, cancel := context.WithCancel(context.Background())
	go f.Run(ctx)
	ts := httptest.NewServer(server.New(server.Deps{Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Version: "test", Auth: a, Feed: f, CORSOrigins: []string{"https://app.example"}, Limits: limits}))
	t.Cleanup(func() { ts.Close(); f.Close(); cancel() })
	return ts, token
}

// wsClient speaks graphql-transport-ws.
type wsClient struct {
	t    *testing.T
	conn *coderws.Conn
}

func dialWS(t *testing.T, url, origin string) (*wsClient, *http.Response, error) {
	return dialWSAt(t, url, "/subscriptions", origin)
}

// dialWSAt dials the path (/subscriptions or /graphql).
func dialWSAt(t *testing.T, url, path, origin string) (*wsClient, *http.Response, error) {
	h := http.Header{}
	if origin != "" {
		h.Set("Origin", origin)
	}
	conn, resp, err := coderws.Dial(context.Background(), "ws"+strings.TrimPrefix(url, "http")+path,
		&coderws.DialOptions{Subprotocols: []string{"graphql-transport-ws"}, HTTPHeader: h})
	if err != nil {
		return nil, resp, err
	}
	return &wsClient{t: t, conn: conn}, resp, nil
}

// connect dials /subscriptions from origin and completes connection_init with the token.
func connect(t *testing.T, url, origin, token string) *wsClient {
	t.Helper()
	return connectAt(t, url, "/subscriptions", origin, token)
}

// connectAt is connect at the path (/subscriptions or /graphql).
func connectAt(t *testing.T, url, path, origin, token string) *wsClient {
	t.Helper()
	c, _, err := dialWSAt(t, url, path, origin)
	if err != nil {
		t.Fatalf("dial from %q: %v", origin, err)
	}
	c.send(map[string]any{"type": "connection_init", "payload": map[string]any{"Authorization": "Bearer " + token}})
	if m := c.next(); m["type"] != "connection_ack" {
		t.Fatalf("init: %v", m)
	}
	return c
}

func (c *wsClient) send(v any) {
	c.t.Helper()
	b, _ := json.Marshal(v)
	if err := c.conn.Write(context.Background(), coderws.MessageText, b); err != nil {
		c.t.Fatal(err)
	}
}

// next reads messages until one that is not a ping.
func (c *wsClient) next() map[string]any {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		_, b, err := c.conn.Read(ctx)
		if err != nil {
			c.t.Fatalf("read: %v", err)
		}
		var m map[string]any
		_ = json.Unmarshal(b, &m)
		if m["type"] == "ping" {
			c.send(map[string]any{"type": "pong"})
			continue
		}
		return m
	}
}

const varnaChanges = `subscription($after: Int) { changes(ids: ["city:varna"], after: $after) { seq operation entityId fields { name after } } }`

// A WebSocket subscriber receives the changes as they are committed, in order; reconnecting with
// the last seq it saw, it receives what came after, once.
func TestSubscribersReceiveEveryChangeOverWebSocketAndSSE(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ts, token := newFeedServer(t, s, feed.Limits{}, nil)
	c := connect(t, ts.URL, "", token)
	// From the beginning of the log (the seed's import batches do not name Varna).
	c.send(map[string]any{"id": "1", "type": "subscribe", "payload": map[string]any{"query": varnaChanges, "variables": map[string]any{"after": 0}}})
	must(t, gqlAs(t, ts.URL, token, upsertCity, varna("Varna has 330,000 inhabitants.")))
	more := varna("Varna has 336,000 inhabitants.")
	more["in"].(map[string]any)["properties"] = map[string]any{"population": 336000}
	more["in"].(map[string]any)["id"] = "city:varna"
	must(t, gqlAs(t, ts.URL, token, upsertCity, more))
	first, second := c.next(), c.next()
	if at(first, "type") != "next" || at(first, "payload", "data", "changes", "operation") != "CREATE" ||
		at(second, "payload", "data", "changes", "operation") != "UPDATE" {
		t.Fatalf("the stream: %v then %v", first, second)
	}
	seq1 := at(first, "payload", "data", "changes", "seq")
	_ = c.conn.Close(coderws.StatusNormalClosure, "")

	// Over SSE, from the first change's seq: the second only.
	resp := subscribeSSE(t, ts.URL+"/subscriptions", "", varnaChanges, seq1)
	events := sseEvents(t, resp.Body, 1)
	if at(events[0], "data", "changes", "seq") != at(second, "payload", "data", "changes", "seq") {
		t.Errorf("resuming after %v over SSE: %v", seq1, events)
	}
}

// subscribeSSE posts a subscription for Server-Sent Events (with the token, if any) and returns the
// open stream, closed when the test ends; it gives up after ten seconds.
func subscribeSSE(t *testing.T, url, token, query string, after any) *http.Response {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": map[string]any{"after": after}})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// sseEvents reads n "next" events of a Server-Sent Events stream.
func sseEvents(t *testing.T, r io.Reader, n int) []map[string]any {
	t.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(r)
	event := ""
	for sc.Scan() && len(out) < n {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: ") && event == "next":
			var m map[string]any
			if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &m); err != nil {
				t.Fatalf("SSE data %q: %v", line, err)
			}
			out = append(out, m)
		}
	}
	if len(out) < n {
		t.Fatalf("the stream ended after %d events: %v", len(out), sc.Err())
	}
	return out
}

// A WebSocket from an origin not allowed is refused at the upgrade; one from an allowed origin is
// accepted; subscriptions over the per-client cap are refused.
func TestSubscriptionsCheckOriginAndCaps(t *testing.T) {
	s := neo4jtest.Seeded(t)
	ts, token := newFeedServer(t, s, feed.Limits{PerClient: 2}, nil)
	if _, resp, err := dialWS(t, ts.URL, "https://evil.example"); err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("a foreign origin: %v, %v", err, resp)
	}
	c := connect(t, ts.URL, "https://app.example", token) // the allowed origin
	// Three subscriptions at once (the server starts each in its own goroutine): one is refused.
	for _, id := range []string{"1", "2", "3"} {
		c.send(map[string]any{"id": id, "type": "subscribe", "payload": map[string]any{"query": `subscription { changes { seq } }`}})
	}
	m := c.next()
	if m["type"] != "next" || at(m, "payload", "errors", 0, "extensions", "code") != "TOO_MANY_SUBSCRIPTIONS" {
		t.Errorf("a subscription over the cap: %v", m)
	}
	// A query is not served here.
	c.send(map[string]any{"id": "4", "type": "subscribe", "payload": map[string]any{"query": `{ version }`}})
	for m = c.next(); m["id"] != "4"; m = c.next() {
	}
	if !strings.Contains(fmt.Sprint(m["payload"]), "only subscriptions are served over WebSocket and SSE") {
		t.Errorf("a query at /subscriptions: %v", m)
	}
	_ = c.conn.Close(coderws.StatusNormalClosure, "")
	// A bad token in connection_init ends the connection.
	bad, _, err := dialWS(t, ts.URL, "")
	if err != nil {
		t.Fatal(err)
	}
	bad.send(map[string]any{"type": "connection_init", "payload": map[string]any{"Authorization": "Bearer nope"}})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, _, err := bad.conn.Read(ctx); err == nil || coderws.CloseStatus(err) == -1 {
		t.Errorf("a bad token: %v", err)
	}
}

// A WebSocket is closed once it has held no subscription for the idle timeout: at once after init
// when it subscribes to nothing, and after its last subscription completes; never while it holds one.
func TestIdleWebSocketsAreClosed(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	const idle = 300 * time.Millisecond
	ts, token := newFeedServer(t, s, feed.Limits{}, &server.Limits{SubscriptionIdle: idle})
	// closed reads what is left until the connection ends (10 s at most), and says how it ended.
	closed := func(c *wsClient) error {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		for {
			_, b, err := c.conn.Read(ctx)
			if err != nil {
				return err
			}
			t.Logf("then: %s", b)
		}
	}
	// Subscribed to nothing: closed normally.
	if err := closed(connect(t, ts.URL, "", token)); coderws.CloseStatus(err) != coderws.StatusNormalClosure {
		t.Errorf("a connection without subscriptions: %v, want closed (1000)", err)
	}
	// Holding a subscription for ten idle timeouts: still served.
	c := connect(t, ts.URL, "", token)
	c.send(map[string]any{"id": "1", "type": "subscribe", "payload": map[string]any{"query": varnaChanges}})
	time.Sleep(10 * idle)
	must(t, gqlAs(t, ts.URL, token, upsertCity, varna("Varna has 330,000 inhabitants.")))
	if m := c.next(); at(m, "payload", "data", "changes", "entityId") != "city:varna" {
		t.Fatalf("a subscription held longer than the idle timeout: %v", m)
	}
	// Its subscription completed: the connection goes idle and is closed.
	c.send(map[string]any{"id": "1", "type": "complete"})
	if err := closed(c); coderws.CloseStatus(err) != coderws.StatusNormalClosure {
		t.Errorf("after the last subscription completed: %v, want closed (1000)", err)
	}
}
