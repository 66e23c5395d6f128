package server_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/proto"

	"urbangraph/internal/ingest"
	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/tracing"
)

// otlpReceiver is a minimal OTLP/HTTP trace receiver built on the official protobuf types: it keeps
// every span it is sent, with its service's name.
type otlpReceiver struct {
	mu      sync.Mutex
	spans   []*tracepb.Span
	service string
}

func (o *otlpReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/traces" || r.Header.Get("Content-Type") != "application/x-protobuf" {
		http.Error(w, "want a protobuf POST to /v1/traces", http.StatusNotFound)
		return
	}
	var body io.Reader = r.Body
	if r.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		body = zr
	}
	b, _ := io.ReadAll(body)
	var req coltracepb.ExportTraceServiceRequest
	if err := proto.Unmarshal(b, &req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	o.mu.Lock()
	for _, rs := range req.ResourceSpans {
		for _, a := range rs.GetResource().GetAttributes() {
			if a.Key == "service.name" {
				o.service = a.GetValue().GetStringValue()
			}
		}
		for _, ss := range rs.ScopeSpans {
			o.spans = append(o.spans, ss.Spans...)
		}
	}
	o.mu.Unlock()
	out, _ := proto.Marshal(&coltracepb.ExportTraceServiceResponse{})
	w.Header().Set("Content-Type", "application/x-protobuf")
	_, _ = w.Write(out)
}

// named returns the spans of that name.
func (o *otlpReceiver) named(name string) []*tracepb.Span {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []*tracepb.Span
	for _, s := range o.spans {
		if s.Name == name {
			out = append(out, s)
		}
	}
	return out
}

func attr(s *tracepb.Span, key string) string {
	for _, a := range s.Attributes {
		if a.Key == key {
			return anyValue(a.Value)
		}
	}
	return ""
}

func anyValue(v *commonpb.AnyValue) string {
	switch x := v.GetValue().(type) {
	case *commonpb.AnyValue_StringValue:
		return x.StringValue
	case *commonpb.AnyValue_IntValue:
		return strconv.FormatInt(x.IntValue, 10)
	}
	return v.String()
}

// A query's trace reaches a real OTLP receiver when OTEL_EXPORTER_OTLP_ENDPOINT says where: the
// HTTP request's span (continuing the caller's trace), the GraphQL operation's (its name, which path
// answered it) and each Neo4j query's (its operation, not its parameters), one inside the other;
// an ingestion's steps likewise.
func TestAQuerysTraceReachesAnOTLPReceiver(t *testing.T) {
	s := neo4jtest.Seeded(t)
	recv := &otlpReceiver{}
	collector := httptest.NewServer(recv)
	defer collector.Close()
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", collector.URL)
	t.Setenv("OTEL_SERVICE_NAME", "urbangraph-test")
	stop, err := tracing.Setup(context.Background(), "test", os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = stop(context.Background()) }()
	ts := newServer(t, s) // after Setup: the handler is traced

	const traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
	body := `{"query": "query CentreFounders($id: ID!) { centre(id: $id) { name founders { organisation { id } } } }",
		"variables": {"id": "centre:thessaloniki-digital-transformation"}}`
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Traceparent", "00-"+traceID+"-00f067aa0ba902b7-01")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	answer, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Contains(answer, []byte("org:cisco")) {
		t.Fatalf("the query: %s", answer)
	}
	if _, err := (ingest.Service{Store: s}).Ingest(context.Background(), ingest.Input{Name: "note.txt",
		Data: []byte("Община Видин откри Център за иновации през 2024 г.")}, "test"); err != nil {
		t.Fatal(err)
	}
	if err := stop(context.Background()); err != nil { // flushes
		t.Fatal(err)
	}

	if recv.service != "urbangraph-test" {
		t.Errorf("service.name %q", recv.service)
	}
	httpSpans, opSpans := recv.named("POST /graphql"), recv.named("graphql CentreFounders")
	if len(httpSpans) != 1 || len(opSpans) != 1 {
		t.Fatalf("spans: %d POST /graphql, %d graphql CentreFounders; all: %v", len(httpSpans), len(opSpans), names(recv))
	}
	h, op := httpSpans[0], opSpans[0]
	if got := hexID(h.TraceId); got != traceID || hexID(op.TraceId) != traceID {
		t.Errorf("the request's trace %s, want the caller's %s", got, traceID)
	}
	if !bytes.Equal(op.ParentSpanId, h.SpanId) || attr(op, "graphql.operation.name") != "CentreFounders" ||
		attr(op, "graphql.operation.type") != "query" || attr(op, "urbangraph.read_path") == "" {
		t.Errorf("the operation's span: parent %x (want %x), %v", op.ParentSpanId, h.SpanId, op.Attributes)
	}
	var queries int
	recv.mu.Lock()
	for _, sp := range recv.spans {
		if strings.HasPrefix(sp.Name, "neo4j ") && hexID(sp.TraceId) == traceID {
			queries++
			if attr(sp, "db.system.name") != "neo4j" || attr(sp, "db.operation.name") == "" || sp.EndTimeUnixNano <= sp.StartTimeUnixNano {
				t.Errorf("a query's span: %v", sp)
			}
		}
		for _, a := range sp.Attributes {
			if strings.Contains(a.Value.String(), "centre:thessaloniki-digital-transformation") {
				t.Errorf("span %s records a parameter: %s", sp.Name, a)
			}
		}
	}
	recv.mu.Unlock()
	if queries == 0 {
		t.Errorf("no Neo4j query's span in the request's trace: %v", names(recv))
	}
	for _, step := range []string{"ingest", "ingest.extract", "ingest.propose", "ingest.store"} {
		if len(recv.named(step)) != 1 {
			t.Errorf("ingestion's step %s: %d spans; all: %v", step, len(recv.named(step)), names(recv))
		}
	}
	if in := recv.named("ingest.store"); len(in) == 1 && !bytes.Equal(in[0].ParentSpanId, recv.named("ingest")[0].SpanId) {
		t.Errorf("ingest.store is not a step of ingest")
	}
}

func hexID(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}

func names(o *otlpReceiver) []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []string
	for _, s := range o.spans {
		out = append(out, s.Name)
	}
	return out
}
