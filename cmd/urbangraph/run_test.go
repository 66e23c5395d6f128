package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-yaml"

	"urbangraph/internal/neo4jtest"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

// testEnv is the environment the tests run the program with: the test Neo4j, the given overrides.
func testEnv(t *testing.T, overrides map[string]string) func(string) string {
	t.Helper()
	cfg, err := neo4jtest.Config()
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"NEO4J_URI": cfg.Neo4jURI, "NEO4J_USERNAME": cfg.Neo4jUsername,
		"NEO4J_PASSWORD": cfg.Neo4jPassword, "NEO4J_DATABASE": cfg.Neo4jDatabase,
	}
	for k, v := range overrides {
		env[k] = v
	}
	return func(k string) string { return env[k] }
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func TestServeAnswersThenShutsDownGracefully(t *testing.T) {
	neo4jtest.Store(t) // fails clearly if Neo4j is down
	addr, cancel, done := startServe(t)

	answersTypename(t, addr)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run returned %v after SIGINT-equivalent, want nil", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after its context was cancelled")
	}
}

// startServe runs the real program's serve on a free port and waits until it is healthy; cancel is
// the SIGINT, done receives run's result.
func startServe(t *testing.T) (addr string, cancel context.CancelFunc, done chan error) {
	t.Helper()
	addr = freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done = make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, testEnv(t, map[string]string{"URBANGRAPH_ADDR": addr}), io.Discard, io.Discard)
	}()
	waitHealthy(t, "http://"+addr, done)
	return addr, cancel, done
}

// waitHealthy polls /healthz instead of sleeping.
func waitHealthy(t *testing.T, base string, done <-chan error) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("serve exited early: %v", err)
		default:
		}
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("server did not become healthy")
}

func TestMigrateIsIdempotent(t *testing.T) {
	neo4jtest.Store(t)
	for i := range 2 {
		var stderr bytes.Buffer
		if err := run(context.Background(), []string{"migrate"}, testEnv(t, nil), io.Discard, &stderr); err != nil {
			t.Fatalf("migrate #%d: %v\n%s", i+1, err, stderr.String())
		}
	}
}

func TestBadConfigurationIsReportedBeforeAnythingStarts(t *testing.T) {
	err := run(context.Background(), []string{"serve"}, testEnv(t, map[string]string{"URBANGRAPH_LOG_FORMAT": "xml"}), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "URBANGRAPH_LOG_FORMAT") {
		t.Fatalf("err = %v, want a configuration error naming URBANGRAPH_LOG_FORMAT", err)
	}
}

func TestUnknownCommandIsAnError(t *testing.T) {
	var stderr bytes.Buffer
	err := run(context.Background(), []string{"frobnicate"}, testEnv(t, nil), io.Discard, &stderr)
	if err == nil || !strings.Contains(err.Error(), `unknown command "frobnicate"`) || !strings.Contains(stderr.String(), "usage:") {
		t.Fatalf("err = %v, stderr = %q", err, stderr.String())
	}
}

// There is no Docker engine on the development machines, so the compose file is checked for the
// wiring that matters: the right Neo4j image, a health check, and the API waiting for it.
func TestDockerComposeWiresTheAPIToAHealthyNeo4j(t *testing.T) {
	raw, err := os.ReadFile("../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Services map[string]struct {
			Image       string         `yaml:"image"`
			Build       any            `yaml:"build"`
			Healthcheck map[string]any `yaml:"healthcheck"`
			DependsOn   map[string]struct {
				Condition string `yaml:"condition"`
			} `yaml:"depends_on"`
			Environment map[string]string `yaml:"environment"`
			Ports       []string          `yaml:"ports"`
		} `yaml:"services"`
		Volumes map[string]any `yaml:"volumes"`
	}
	if err := yaml.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	neo, api := c.Services["neo4j"], c.Services["api"]
	if neo.Image != "neo4j:5.26-community" || neo.Healthcheck["test"] == nil {
		t.Errorf("neo4j service: image %q, healthcheck %v", neo.Image, neo.Healthcheck)
	}
	if _, ok := c.Volumes["neo4j-data"]; !ok {
		t.Error("no named volume neo4j-data")
	}
	if api.Build == nil || api.DependsOn["neo4j"].Condition != "service_healthy" {
		t.Errorf("api service: build %v, depends_on %v", api.Build, api.DependsOn)
	}
	if api.Environment["NEO4J_URI"] != "bolt://neo4j:7687" {
		t.Errorf("api NEO4J_URI = %q", api.Environment["NEO4J_URI"])
	}
	// Neo4j is reached through the API: its ports, if published, are on the loopback only, and its
	// password comes from the environment, with no default in the file (compose refuses to start
	// without one).
	for _, p := range neo.Ports {
		if !strings.HasPrefix(p, "127.0.0.1:") {
			t.Errorf("neo4j publishes %q on every interface", p)
		}
	}
	const required = "${NEO4J_PASSWORD:?"
	if !strings.HasPrefix(neo.Environment["NEO4J_AUTH"], "neo4j/"+required) || !strings.HasPrefix(api.Environment["NEO4J_PASSWORD"], required) {
		t.Errorf("the password: NEO4J_AUTH %q, the API's NEO4J_PASSWORD %q", neo.Environment["NEO4J_AUTH"], api.Environment["NEO4J_PASSWORD"])
	}
	if strings.Contains(string(raw), "NEO4J_PASSWORD:-") || strings.Contains(string(raw), "urbangraph-dev") {
		t.Error("the compose file holds a default password")
	}
	// The image serves the seed graph, as `make run` does.
	dockerfile, err := os.ReadFile("../../Dockerfile")
	if err != nil || !strings.Contains(string(dockerfile), `CMD ["serve", "--seed"]`) {
		t.Errorf("the Dockerfile does not serve with the seed (%v)", err)
	}
}

func TestImportingTheSeedTwiceChangesNothingTheSecondTime(t *testing.T) {
	s := neo4jtest.Store(t)
	if err := s.Wipe(context.Background()); err != nil {
		t.Fatal(err)
	}
	var first, second bytes.Buffer
	if err := run(context.Background(), []string{"import", "../../data/seed"}, testEnv(t, nil), &first, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{"import", "../../data/seed"}, testEnv(t, nil), &second, io.Discard); err != nil {
		t.Fatal(err)
	}
	if want := "nodes 33 created, 0 updated, 0 unchanged; relationships 50 created"; !strings.Contains(first.String(), want) {
		t.Errorf("first import: %q, want %q", first.String(), want)
	}
	if want := "nodes 0 created, 0 updated, 33 unchanged; relationships 0 created, 0 updated, 50 unchanged"; !strings.Contains(second.String(), want) {
		t.Errorf("second import: %q, want %q", second.String(), want)
	}
}

func TestImportWithoutPathsSaysWhatToDo(t *testing.T) {
	err := run(context.Background(), []string{"import"}, testEnv(t, nil), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "urbangraph import data/seed") {
		t.Fatalf("err = %v", err)
	}
}

func TestAPIKeyPrintsATokenAndItsEntry(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"apikey", "analyst", "editor"}, testEnv(t, nil), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	if len(lines) < 4 || !strings.HasPrefix(strings.TrimSpace(lines[1]), "ug_") || !strings.HasPrefix(strings.TrimSpace(lines[3]), "analyst:editor:") {
		t.Fatalf("output:\n%s", out.String())
	}
	if err := run(context.Background(), []string{"apikey", "analyst", "god"}, testEnv(t, nil), io.Discard, io.Discard); err == nil {
		t.Error("an unknown role was accepted")
	}
}

// A request in flight when the signal comes is answered before the server exits.
func TestShutdownDrainsInFlightRequests(t *testing.T) {
	neo4jtest.Seeded(t)
	addr, cancel, done := startServe(t)

	// The request's body arrives in two parts; the signal comes between them.
	body, writer := io.Pipe()
	answer := make(chan string, 1)
	go func() {
		resp, err := http.Post("http://"+addr+"/graphql", "application/json", body)
		if err != nil {
			answer <- "error: " + err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		answer <- string(b)
	}()
	io.WriteString(writer, `{"query": "{ city(id: \"city:plovdiv\") `)
	time.Sleep(300 * time.Millisecond) // let the server take the request (ordering, not timing)
	cancel()
	time.Sleep(300 * time.Millisecond) // shutdown has begun: new connections are refused
	if _, err := http.Get("http://" + addr + "/healthz"); err == nil {
		t.Error("the server still accepts new connections while draining")
	}
	io.WriteString(writer, `{ name } }"}`)
	writer.Close()
	if got := <-answer; got != `{"data":{"city":{"name":"Plovdiv"}}}` {
		t.Errorf("the in-flight request got %s", got)
	}
	if err := <-done; err != nil {
		t.Errorf("run: %v", err)
	}
}

// The default configuration (URBANGRAPH_CORS_ORIGINS unset) allows no cross-origin access, as the
// README's table says: rs/cors alone would allow every origin for an empty list.
func TestTheDefaultConfigurationAllowsNoCrossOriginRequest(t *testing.T) {
	neo4jtest.Store(t)
	addr, cancel, done := startServe(t)
	defer func() { cancel(); <-done }()

	preflight, _ := http.NewRequest(http.MethodOptions, "http://"+addr+"/graphql", nil)
	preflight.Header.Set("Origin", "https://evil.example")
	preflight.Header.Set("Access-Control-Request-Method", "POST")
	preflight.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
	post, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/graphql", strings.NewReader(`{"query":"{ __typename }"}`))
	post.Header.Set("Content-Type", "application/json")
	post.Header.Set("Origin", "https://evil.example")
	for name, req := range map[string]*http.Request{"preflight": preflight, "POST": post} {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		for _, h := range []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Headers", "Access-Control-Allow-Methods",
			"Access-Control-Allow-Credentials"} {
			if v := resp.Header.Get(h); v != "" {
				t.Errorf("%s from https://evil.example with the default configuration: %s = %q, want none", name, h, v)
			}
		}
	}
	// A same-origin request (no Origin header) is answered as before.
	answersTypename(t, addr)
}

// answersTypename posts { __typename } to the server at addr and checks the answer.
func answersTypename(t *testing.T, addr string) {
	t.Helper()
	resp, err := http.Post("http://"+addr+"/graphql", "application/json", strings.NewReader(`{"query":"{ __typename }"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != `{"data":{"__typename":"Query"}}` {
		t.Fatalf("POST { __typename }: %s", body)
	}
}
