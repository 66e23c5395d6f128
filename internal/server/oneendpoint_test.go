package server_test

import (
	"net/http"
	"testing"

	coderws "github.com/coder/websocket"

	"urbangraph/internal/feed"
	"urbangraph/internal/neo4jtest"
)

// Subscriptions are served at /graphql too, where GraphQL clients look for them (graphql-ws,
// graphql-sse, Apollo, GraphiQL: one URL), with the same origin check and tokens as at
// /subscriptions; queries and mutations at /graphql are answered as before.
func TestSubscriptionsAreServedAtTheGraphQLEndpointToo(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ts, token := newFeedServer(t, s, feed.Limits{}, nil)
	if _, resp, err := dialWSAt(t, ts.URL, "/graphql", "https://evil.example"); err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("a foreign origin at /graphql: %v, %v", err, resp)
	}
	c := connectAt(t, ts.URL, "/graphql", "https://app.example", token)
	c.send(map[string]any{"id": "1", "type": "subscribe", "payload": map[string]any{"query": varnaChanges, "variables": map[string]any{"after": 0}}})
	must(t, gqlAs(t, ts.URL, token, upsertCity, varna("Varna has 330,000 inhabitants."))) // a mutation at /graphql
	first := c.next()
	if at(first, "type") != "next" || at(first, "payload", "data", "changes", "entityId") != "city:varna" {
		t.Fatalf("over WebSocket at /graphql: %v", first)
	}
	_ = c.conn.Close(coderws.StatusNormalClosure, "")

	// Over SSE at /graphql, from the beginning: the same change.
	resp := subscribeSSE(t, ts.URL+"/graphql", token, varnaChanges, 0)
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("SSE at /graphql answered %d %q", resp.StatusCode, ct)
	}
	if ev := sseEvents(t, resp.Body, 1); at(ev[0], "data", "changes", "seq") != at(first, "payload", "data", "changes", "seq") {
		t.Errorf("over SSE at /graphql: %v, want seq %v", ev, at(first, "payload", "data", "changes", "seq"))
	}
}
