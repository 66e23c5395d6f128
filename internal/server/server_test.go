package server_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/server"
	"urbangraph/internal/store"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

func newServer(t *testing.T, s *store.Store) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(server.New(server.Deps{
		Store:       s,
		Logger:      slog.New(slog.NewTextHandler(io.Discard, nil)),
		CORSOrigins: []string{"https://explorer.example"},
		Version:     "test",
	}))
	t.Cleanup(ts.Close)
	return ts
}

func TestTypenameAnswersOverPOSTAndGET(t *testing.T) {
	ts := newServer(t, neo4jtest.Store(t))
	post, err := http.Post(ts.URL+"/graphql", "application/json", strings.NewReader(`{"query":"{ __typename }"}`))
	if err != nil {
		t.Fatal(err)
	}
	get, err := http.Get(ts.URL + "/graphql?query=" + url.QueryEscape("{ __typename }"))
	if err != nil {
		t.Fatal(err)
	}
	for name, resp := range map[string]*http.Response{"POST": post, "GET": get} {
		body := decode(t, resp)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d, body %v", name, resp.StatusCode, body)
		}
		data, _ := body["data"].(map[string]any)
		if data["__typename"] != "Query" {
			t.Errorf("%s: __typename = %v, want Query (body %v)", name, data["__typename"], body)
		}
		if resp.Header.Get("X-Request-Id") == "" {
			t.Errorf("%s: no X-Request-Id header", name)
		}
	}
}

func TestReadyzIs200WithNeo4jUp(t *testing.T) {
	ts := newServer(t, neo4jtest.Store(t))
	resp, err := http.Get(ts.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	if body := decode(t, resp); resp.StatusCode != http.StatusOK || body["status"] != "ready" {
		t.Fatalf("readyz: %d %v, want 200 ready", resp.StatusCode, body)
	}
}

func TestReadyzIs503WhenNeo4jPortIsClosed(t *testing.T) {
	// A port that was just free: nothing listens there.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	s, err := store.Open(store.Options{URI: "bolt://" + addr, Username: "neo4j", Password: "x", Database: "neo4j"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	ts := newServer(t, s)

	start := time.Now()
	resp, err := http.Get(ts.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body := decode(t, resp)
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("readyz: %d %v, want 503", resp.StatusCode, body)
	}
	if body["reason"] != "neo4j is not reachable" {
		t.Errorf("reason = %v", body["reason"])
	}
	// The bound is the handler's own 2 s deadline plus slack; it guards against a hang, not speed.
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("readyz took %v: it must not hang", d)
	}
	// The process is still serving.
	resp, err = http.Get(ts.URL + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz after failed readyz: %v %v", resp, err)
	}
	resp.Body.Close()
}

func TestCORSAllowsOnlyConfiguredOrigins(t *testing.T) {
	ts := newServer(t, neo4jtest.Store(t))
	for origin, want := range map[string]string{
		"https://explorer.example": "https://explorer.example",
		"https://evil.example":     "",
	} {
		req, _ := http.NewRequest(http.MethodOptions, ts.URL+"/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != want {
			t.Errorf("origin %s: Access-Control-Allow-Origin = %q, want %q", origin, got, want)
		}
	}
}

func TestCORSStarAllowsAnyOriginOnlyWhenAskedFor(t *testing.T) {
	s := neo4jtest.Store(t)
	for _, c := range []struct {
		name    string
		origins []string
		want    string
	}{
		{"no origins listed", nil, ""},
		{"an empty list", []string{}, ""},
		{"*", []string{"*"}, "*"},
		{"another origin listed", []string{"https://explorer.example"}, ""},
	} {
		ts := httptest.NewServer(server.New(server.Deps{Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
			CORSOrigins: c.origins}))
		req, _ := http.NewRequest(http.MethodOptions, ts.URL+"/graphql", nil)
		req.Header.Set("Origin", "https://evil.example")
		req.Header.Set("Access-Control-Request-Method", "POST")
		resp, err := http.DefaultClient.Do(req)
		ts.Close()
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != c.want {
			t.Errorf("%s: Access-Control-Allow-Origin for https://evil.example = %q, want %q", c.name, got, c.want)
		}
	}
}

func decode(t *testing.T, resp *http.Response) map[string]any {
	t.Helper()
	defer resp.Body.Close()
	var v map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		t.Fatalf("decode body: %v", err)
	}
	return v
}

// The Playground is GraphiQL built into the binary: its page and every asset it names come from this
// server, and its policy names no other host (make e2e loads it with every other host blocked).
func TestThePlaygroundIsServedFromTheBinary(t *testing.T) {
	ts := newServer(t, neo4jtest.Store(t))
	resp, err := http.Get(ts.URL + "/playground")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "<title>Urbangraph Playground</title>") {
		t.Fatalf("/playground: %d %.200s", resp.StatusCode, body)
	}
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self';", "connect-src 'self';", "worker-src 'self';"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "http") || strings.Contains(csp, "unsafe-eval") || strings.Contains(csp, "*") {
		t.Errorf("CSP %q allows another host or eval", csp)
	}
	assets := regexp.MustCompile(`(?:src|href)="(/assets/[^"]+)"`).FindAllStringSubmatch(string(body), -1)
	if len(assets) < 2 {
		t.Fatalf("the page names %d assets, want its script and stylesheet: %s", len(assets), body)
	}
	for _, a := range assets {
		resp, err := http.Get(ts.URL + a[1])
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", a[1], resp.StatusCode)
		}
	}
	if regexp.MustCompile(`(?:src|href)="(?:https?:)?//`).Match(body) {
		t.Errorf("the page loads something from another host: %s", body)
	}
}

func TestTheExplorerIsServedWithCachingAndCSP(t *testing.T) {
	ts := newServer(t, neo4jtest.Store(t))
	resp, err := http.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "<title>Urbangraph explorer</title>") {
		t.Fatalf("/: %d", resp.StatusCode)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") {
		t.Errorf("CSP %q", csp)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("index Cache-Control %q", cc)
	}
	asset := regexp.MustCompile(`/assets/explorer-[A-Za-z0-9_-]+\.js`).FindString(string(body))
	if asset == "" {
		t.Fatal("index.html names no script asset")
	}
	resp, err = http.Get(ts.URL + asset)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") ||
		!strings.Contains(resp.Header.Get("Content-Type"), "javascript") {
		t.Errorf("%s: %d %q %q", asset, resp.StatusCode, resp.Header.Get("Cache-Control"), resp.Header.Get("Content-Type"))
	}
	for _, missing := range []string{"/assets/nothing.js", "/nothing"} {
		resp, err := http.Get(ts.URL + missing)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d", missing, resp.StatusCode)
		}
	}
}
