package server_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/server"
	"urbangraph/internal/store"
)

// stalledExport asks for an export over a socket with a small receive buffer, reads the status and
// headers, and then never reads again: a slow or hostile client.
func stalledExport(t *testing.T, base, file string) (net.Conn, *http.Response) {
	t.Helper()
	d := net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		var serr error
		err := c.Control(func(fd uintptr) { serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096) })
		if err != nil {
			return err
		}
		return serr
	}}
	conn, err := d.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	req, _ := http.NewRequest(http.MethodGet, base+"/export/"+file, nil)
	if err := req.Write(conn); err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(time.Minute))
	resp, err := http.ReadResponse(bufio.NewReaderSize(conn, 512), req)
	if err != nil {
		t.Fatal(err)
	}
	return conn, resp
}

// With two connections to Neo4j, three clients that ask for an export and never read it cannot
// starve queries: one export runs (half the pool), the others are refused with 429 and Retry-After,
// a query answers, and the stalled export is ended after ExportWriteTimeout, its slot and
// connection freed for the next.
func TestStalledExportsCannotTakeEveryConnection(t *testing.T) {
	neo4jtest.WithReference(t) // the seed and the gazetteer: an export of megabytes
	cfg, err := neo4jtest.Config()
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(store.Options{URI: cfg.Neo4jURI, Username: cfg.Neo4jUsername, Password: cfg.Neo4jPassword,
		Database: cfg.Neo4jDatabase, MaxPoolSize: 2, AcquisitionTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	var logs syncBuffer
	// Every limit but the write deadline is the default: the cap on exports is not configured here.
	ts := newLimitedServer(t, s, server.Limits{ExportWriteTimeout: time.Second}, &logs)

	var running int
	for range 3 {
		_, resp := stalledExport(t, ts.URL, "graph.jsonld")
		switch resp.StatusCode {
		case http.StatusOK:
			running++
		case http.StatusTooManyRequests:
			if resp.Header.Get("Retry-After") == "" {
				t.Error("a 429 without Retry-After")
			}
		default:
			t.Errorf("export: %s", resp.Status)
		}
	}
	if running != 1 {
		t.Errorf("%d exports running with a pool of 2, want 1", running)
	}
	r := gql(t, ts.URL, `{ city(id: "city:plovdiv") { id } }`, nil)
	if len(r.Errors) > 0 || at(r.Data, "city", "id") != "city:plovdiv" {
		t.Fatalf("a query while exports stall: %+v", r)
	}
	// The stalled export ends (its writes time out); the log says so, and the next export runs.
	for end := time.Now().Add(time.Minute); !strings.Contains(logs.String(), "export failed"); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("the stalled export was never ended; log:\n%s", logs.String())
		}
	}
	resp, err := http.Get(ts.URL + "/export/graph.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("an export after the stalled one ended: %s", resp.Status)
	}
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		t.Errorf("reading the next export: %v", err)
	}
}
