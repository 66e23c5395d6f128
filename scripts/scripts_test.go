// Package scripts_test runs the repository's shell scripts that other tests do not reach: the
// fetch of Neo4j's jars from a lock, and the check that no build output is tracked.
package scripts_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// fakeRepo serves a Maven repository layout holding two jars and returns the lock that lists them.
func fakeRepo(t *testing.T) (url, lock string, requests *atomic.Int64) {
	t.Helper()
	files := map[string]string{
		"/org/example/alpha/1.0/alpha-1.0.jar":                "alpha's bytes",
		"/io/example/beta/2.1.Final/beta-2.1.Final-linux.jar": "beta's bytes, a classifier",
	}
	requests = new(atomic.Int64)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		body, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, body)
	}))
	t.Cleanup(srv.Close)
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	lock = "# a test lock\n" +
		fmt.Sprintf("org.example:alpha:1.0\t%d\t%s\n", len("alpha's bytes"), sum("alpha's bytes")) +
		fmt.Sprintf("io.example:beta:2.1.Final:linux\t%d\t%s\n", len("beta's bytes, a classifier"), sum("beta's bytes, a classifier"))
	return srv.URL, lock, requests
}

// runFetch copies fetch.sh beside the given lock (as version 5.26.99) and runs it.
func runFetch(t *testing.T, repo, lock, cache string) (stdout, stderr string, err error) {
	t.Helper()
	dir := t.TempDir()
	script, rerr := os.ReadFile("neo4j/fetch.sh")
	if rerr != nil {
		t.Fatal(rerr)
	}
	if err := os.WriteFile(filepath.Join(dir, "fetch.sh"), script, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "neo4j-5.26.99.lock"), []byte(lock), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", filepath.Join(dir, "fetch.sh"), "5.26.99")
	cmd.Env = append(os.Environ(), "URBANGRAPH_CACHE="+cache, "MAVEN_REPOSITORY="+repo)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	return strings.TrimSpace(out.String()), errb.String(), err
}

func TestFetchVerifiesEveryJarAndThenNeedsNoNetwork(t *testing.T) {
	repo, lock, requests := fakeRepo(t)
	cache := t.TempDir()
	lib, stderr, err := runFetch(t, repo, lock, cache)
	if err != nil {
		t.Fatalf("fetch: %v\n%s", err, stderr)
	}
	if want := filepath.Join(cache, "neo4j-5.26.99", "lib"); lib != want {
		t.Fatalf("printed %q, want %q", lib, want)
	}
	for file, body := range map[string]string{"alpha-1.0.jar": "alpha's bytes", "beta-2.1.Final-linux.jar": "beta's bytes, a classifier"} {
		if got, err := os.ReadFile(filepath.Join(lib, file)); err != nil || string(got) != body {
			t.Errorf("%s: %q, %v", file, got, err)
		}
	}
	if !strings.Contains(stderr, "fetched and verified 2 jars") {
		t.Errorf("no summary on stderr:\n%s", stderr)
	}
	if n := requests.Load(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
	// A second clone with the same cache: nothing fetched, even with the repository unreachable.
	again, stderr, err := runFetch(t, "http://127.0.0.1:1/unreachable", lock, cache)
	if err != nil || again != lib {
		t.Fatalf("second fetch with a complete cache: %q, %v\n%s", again, err, stderr)
	}
	if n := requests.Load(); n != 2 {
		t.Errorf("the second fetch made %d more requests", n-2)
	}
}

func TestFetchRefusesAJarWhoseChecksumDiffersAndInstallsNothing(t *testing.T) {
	repo, lock, _ := fakeRepo(t)
	good := sha256.Sum256([]byte("alpha's bytes"))
	lock = strings.Replace(lock, hex.EncodeToString(good[:]), strings.Repeat("0", 64), 1)
	cache := t.TempDir()
	_, stderr, err := runFetch(t, repo, lock, cache)
	if err == nil {
		t.Fatalf("fetch succeeded with a wrong checksum:\n%s", stderr)
	}
	if !strings.Contains(stderr, "org.example:alpha:1.0: SHA-256") || !strings.Contains(stderr, "nothing is installed") {
		t.Errorf("the error does not name the jar and its checksum:\n%s", stderr)
	}
	if _, err := os.Stat(filepath.Join(cache, "neo4j-5.26.99", "lib")); !os.IsNotExist(err) {
		t.Errorf("lib exists after a failed fetch (%v): it would be taken for a complete server", err)
	}
	// The jar that was right is kept for the next try; the wrong one is not.
	part := filepath.Join(cache, "neo4j-5.26.99", "lib.part")
	if _, err := os.Stat(filepath.Join(part, "beta-2.1.Final-linux.jar")); err != nil {
		t.Errorf("the verified jar was not kept: %v", err)
	}
	if _, err := os.Stat(filepath.Join(part, "alpha-1.0.jar")); !os.IsNotExist(err) {
		t.Errorf("the jar with the wrong checksum was kept: %v", err)
	}
}

func TestFetchNamesAMissingArtifact(t *testing.T) {
	repo, lock, _ := fakeRepo(t)
	lock += "org.example:gone:3.0\t5\t" + strings.Repeat("ab", 32) + "\n"
	cache := t.TempDir()
	_, stderr, err := runFetch(t, repo, lock, cache)
	if err == nil {
		t.Fatal("fetch succeeded with a missing artifact")
	}
	if !strings.Contains(stderr, "org.example:gone:3.0: HTTP 404") {
		t.Errorf("the error does not name the missing artifact:\n%s", stderr)
	}
	if _, err := os.Stat(filepath.Join(cache, "neo4j-5.26.99", "lib")); !os.IsNotExist(err) {
		t.Errorf("lib exists after a failed fetch: %v", err)
	}
	// Once the artifact is there (here: dropped from the lock), the next run completes.
	fixed := strings.Split(lock, "org.example:gone")[0]
	if _, stderr, err := runFetch(t, repo, fixed, cache); err != nil {
		t.Fatalf("the fetch after the failure: %v\n%s", err, stderr)
	}
}

func TestTheRealLockNamesEveryJarOnce(t *testing.T) {
	version, err := os.ReadFile("neo4j/VERSION")
	if err != nil {
		t.Fatal(err)
	}
	lock, err := os.ReadFile("neo4j/neo4j-" + strings.TrimSpace(string(version)) + ".lock")
	if err != nil {
		t.Fatalf("scripts/neo4j/VERSION names a version without a lock: %v", err)
	}
	seen := map[string]bool{}
	rows := 0
	for i, line := range strings.Split(strings.TrimSpace(string(lock)), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || len(f[2]) != 64 || strings.Count(f[0], ":") < 2 || seen[f[0]] {
			t.Errorf("line %d: %q is not a unique coordinates<TAB>bytes<TAB>sha256 row", i+1, line)
		}
		seen[f[0]] = true
		rows++
	}
	want := "org.neo4j:neo4j:" + strings.TrimSpace(string(version))
	if !seen[want] || rows < 100 {
		t.Errorf("the lock has %d rows and %s: %v; a whole server has about 200 jars", rows, want, seen[want])
	}
}

func TestCheckRepoRefusesBinariesAndLargeFiles(t *testing.T) {
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@t"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name string, body []byte, mode os.FileMode) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, body, mode); err != nil {
			t.Fatal(err)
		}
	}
	check := func() (string, error) {
		out, err := exec.Command("bash", "check-repo.sh", dir).CombinedOutput()
		return string(out), err
	}
	git("init", "-q")
	write("run.sh", []byte("#!/bin/sh\necho hi\n"), 0o755)
	write("web/dist/big.js", []byte(strings.Repeat("x", 2<<20)), 0o644)
	git("add", ".")
	if out, err := check(); err != nil {
		t.Fatalf("a clean tree was refused: %v\n%s", err, out)
	}
	write("tool", append([]byte{0x7f, 'E', 'L', 'F'}, make([]byte, 64)...), 0o755)
	write("notes", []byte("not a script"), 0o755)
	write("data/huge.json", []byte(strings.Repeat("{}", 1<<20)), 0o644)
	git("add", ".")
	out, err := check()
	if err == nil {
		t.Fatalf("a tree with a binary was accepted:\n%s", out)
	}
	for _, want := range []string{"tool: a compiled binary", "notes: executable but not a script", "data/huge.json: 2048 KB"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report does not say %q:\n%s", want, out)
		}
	}
}
