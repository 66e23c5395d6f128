// Package neo4jtest connects tests to the real Neo4j server they run against.
//
// Isolation: Neo4j Community has one user database, so test packages take turns. Main holds an
// exclusive file lock for a package's whole run, so `go test ./...` (packages in parallel) is safe.
// A package that needs data loads it itself (usually: wipe, then load data/seed), so every package
// starts from a known graph whatever ran before; the graph left behind is the seed graph, the same as
// `make run` serves.
//
// A test that needs Neo4j fails, never skips, when Neo4j is unreachable: `make test` starts it.
package neo4jtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"urbangraph/internal/config"
	"urbangraph/internal/importer"
	"urbangraph/internal/store"
)

// DevPassword is the password scripts/neo4j.sh gives the local server when NEO4J_PASSWORD is unset.
const DevPassword = "urbangraph-dev"

// Config is the configuration the program would read from this environment, with the local dev
// server's password when none is set.
func Config() (config.Config, error) {
	return config.FromEnv(func(k string) string {
		if v := os.Getenv(k); v != "" || k != "NEO4J_PASSWORD" {
			return v
		}
		return DevPassword
	})
}

// Main runs a package's tests holding the cross-process test lock. Use it from TestMain:
//
//	func TestMain(m *testing.M) { neo4jtest.Main(m) }
func Main(m *testing.M) {
	if slices.ContainsFunc(os.Args, func(a string) bool { return strings.HasPrefix(a, "-test.fuzzworker") }) {
		// A fuzzing worker, started by the test process that holds the lock: its targets do not
		// touch Neo4j, and waiting for the lock would wait for ever.
		os.Exit(m.Run())
	}
	unlock, err := lock()
	if err != nil {
		fmt.Fprintln(os.Stderr, "neo4jtest:", err)
		os.Exit(2)
	}
	code := m.Run()
	unlock()
	os.Exit(code)
}

func lock() (func(), error) {
	path := filepath.Join(os.TempDir(), "urbangraph-neo4j-tests.lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return func() { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
}

// Store opens a store on the configured Neo4j and checks that it answers; it fails the test if not.
// The store is closed when the test ends.
func Store(t testing.TB) *store.Store {
	t.Helper()
	cfg, err := Config()
	if err != nil {
		t.Fatalf("test configuration: %v", err)
	}
	s, err := store.Open(store.Options{URI: cfg.Neo4jURI, Username: cfg.Neo4jUsername,
		Password: cfg.Neo4jPassword, Database: cfg.Neo4jDatabase})
	if err != nil {
		t.Fatalf("neo4j driver: %v", err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("Neo4j is not reachable at %s (%v).\nThese tests need a real Neo4j: run `make test`, "+
			"or `make neo4j-up` then go test.", cfg.Neo4jURI, err)
	}
	if u, err := url.Parse(cfg.Neo4jURI); err == nil && !isLoopback(u.Hostname()) && os.Getenv("URBANGRAPH_TEST_ANY_HOST") == "" {
		t.Fatalf("tests wipe the database; refusing to use %s. Set URBANGRAPH_TEST_ANY_HOST=1 if that is really meant.", cfg.Neo4jURI)
	}
	return s
}

func isLoopback(host string) bool {
	switch host {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	return len(host) > 4 && host[:4] == "127."
}

// RepoRoot is the repository's top folder, for tests that read data/.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Seeded returns a store on a database holding exactly the seed graph (data/seed): it wipes the
// database, migrates and imports. Call it at the start of each test that reads the seed; a test that
// changes the graph calls it again in its cleanup.
func Seeded(t testing.TB) *store.Store {
	t.Helper()
	s := empty(t)
	if _, err := importer.Import(context.Background(), s, []string{filepath.Join(RepoRoot(), "data", "seed")}, "test"); err != nil {
		t.Fatalf("seed: %v", err)
	}
	return s
}

// empty returns a store on a wiped, migrated database.
func empty(t testing.TB) *store.Store {
	t.Helper()
	s := Store(t)
	ctx := context.Background()
	if err := s.Wipe(ctx); err != nil {
		t.Fatalf("wipe: %v", err)
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return s
}

// Stats counts the graph, failing the test on error: tests compare it before and after to show that
// something changed nothing.
func Stats(t testing.TB, s *store.Store) store.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("stats: %v", err)
	}
	return st
}

// ReferenceOnly returns a store holding the reference gazetteer (data/reference) and nothing else:
// the graph a document is ingested into when the test compares what ingestion finds with the seed.
func ReferenceOnly(t testing.TB) *store.Store {
	t.Helper()
	s := empty(t)
	if _, err := importer.Import(context.Background(), s, []string{filepath.Join(RepoRoot(), "data", "reference")}, "reference"); err != nil {
		t.Fatalf("reference: %v", err)
	}
	return s
}

// WithReference returns a store holding the seed graph and the reference gazetteer
// (data/reference), as `make run` serves it. Loading the gazetteer takes a few seconds: group the
// tests that need it.
func WithReference(t testing.TB) *store.Store {
	t.Helper()
	s := Seeded(t)
	if _, err := importer.Import(context.Background(), s, []string{filepath.Join(RepoRoot(), "data", "reference")}, "reference"); err != nil {
		t.Fatalf("reference: %v", err)
	}
	return s
}
