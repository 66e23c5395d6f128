// Command urbangraph-bench measures Urbangraph against its limit (the same Cypher run directly with
// the Go driver, no HTTP, no GraphQL) and, when one is running, against the peer (the Neo4j GraphQL
// Library over HTTP), on one Neo4j and one graph, at fixed concurrency levels. scripts/bench.sh
// prepares the graph and the servers; this program prints the Markdown tables of docs/benchmarks.md.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"urbangraph/graph"
	"urbangraph/graph/compiled"
	"urbangraph/internal/config"
	"urbangraph/internal/gctune"
	"urbangraph/internal/store"
	"urbangraph/internal/translit"
)

func main() {
	gctune.Apply() // the limit runs with the API's GC target
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "urbangraph-bench:", err)
		os.Exit(1)
	}
}

// A query is one benchmarked request in its three forms.
type query struct {
	name    string
	graphql string                                          // sent to Urbangraph
	peer    string                                          // sent to the peer ("" when it cannot express it)
	limit   func(ctx context.Context, s *store.Store) error // the same Cypher, straight through the driver (set from the compiled plan)
}

// result is one measured series.
type result struct {
	p50, p99   time.Duration
	throughput float64 // successful requests per second
	errors     int
	requests   int // measured successful requests
	sent       int // every request sent, warm-up included
}

// target is what a series measures besides the limit, and for how long.
type target struct {
	api, peer        string // Urbangraph's base URL; the peer's GraphQL URL ("" for none)
	warmup, duration time.Duration
}

// series measures query q at concurrency c (the limit, Urbangraph, the peer) and prints its row.
func series(ctx context.Context, s *store.Store, q query, c int, t target) error {
	lim := measureLimit(ctx, s, q, c, t.warmup, t.duration)
	before, err := cypherQueries(t.api)
	if err != nil {
		return err
	}
	ug := measureHTTP(t.api+"/graphql", q.graphql, c, t.warmup, t.duration)
	after, _ := cypherQueries(t.api)
	perRequest := 0.0
	if ug.sent > 0 {
		perRequest = (after - before) / float64(ug.sent)
	}
	var peer *result
	if t.peer != "" && q.peer != "" {
		p := measureHTTP(t.peer, q.peer, c, t.warmup, t.duration)
		peer = &p
	}
	fmt.Printf("| %s | %d | %s | %s | %.0f | %s | %s | %.0f | %s | %s | %s | %s | %s | %s | %.1f |\n",
		q.name, c, ms(lim.p50), ms(lim.p99), lim.throughput, ms(ug.p50), ms(ug.p99), ug.throughput,
		peerCell(peer, func(r result) string { return ms(r.p50) }), peerCell(peer, func(r result) string { return ms(r.p99) }),
		peerCell(peer, func(r result) string { return fmt.Sprintf("%.0f", r.throughput) }),
		ratio(float64(ug.p50), float64(lim.p50)),
		peerCell(peer, func(r result) string { return ratio(float64(ug.p50), float64(r.p50)) }),
		peerCell(peer, func(r result) string { return ratio(ug.throughput, r.throughput) }),
		perRequest)
	if ug.errors > 0 || lim.errors > 0 || (peer != nil && peer.errors > 0) {
		e := 0
		if peer != nil {
			e = peer.errors
		}
		fmt.Fprintf(os.Stderr, "%s at %d: errors: limit %d, urbangraph %d, peer %d\n", q.name, c, lim.errors, ug.errors, e)
	}
	return nil
}

func run() error {
	api := flag.String("api", "http://127.0.0.1:8091", "Urbangraph base URL")
	peerURL := flag.String("peer", "", "the peer's GraphQL URL (empty: no peer)")
	duration := flag.Duration("duration", 5*time.Second, "measured time per series")
	warmup := flag.Duration("warmup", 2*time.Second, "unmeasured time before each series")
	levels := flag.String("concurrency", "1,8,32", "concurrency levels")
	apiPID := flag.Int("api-pid", 0, "the API's process ID, for its peak RSS")
	only := flag.String("only", "", "run only the queries whose name contains this")
	profile := flag.Bool("profile", false, "print the database hits of each query's Cypher (PROFILE), then stop")
	peerCypher := flag.Bool("peer-cypher", false, "print, as JSON, the Cypher the peer runs as Urbangraph does (bench/peer), then stop")
	ingestOnly := flag.Bool("ingest", false, "time the ingestion of a 20-page report into the graph in the database, then stop")
	bounds := flag.Bool("bounds", false, "profile the reads whose work must not grow with the graph (the change log's, nearby, deep pages) and fail over their bounds, then stop")
	searchReport := flag.String("search-report", "", "measure search over the reference gazetteer (loaded in the database) and write the report to this file, then stop")
	flag.Parse()

	if *peerCypher {
		return json.NewEncoder(os.Stdout).Encode(peerStatements())
	}
	cfg, err := config.FromEnv(os.Getenv)
	if err != nil {
		return err
	}
	s, err := store.Open(store.Options{URI: cfg.Neo4jURI, Username: cfg.Neo4jUsername, Password: cfg.Neo4jPassword, Database: cfg.Neo4jDatabase})
	if err != nil {
		return err
	}
	defer s.Close(context.Background())
	ctx := context.Background()
	if *searchReport != "" {
		return writeSearchReport(ctx, s, *searchReport)
	}
	if *ingestOnly {
		return ingestBench(ctx, s)
	}
	if *bounds {
		return boundsBench(ctx, s)
	}
	qs, err := queries(ctx, s)
	if err != nil {
		return err
	}
	if *profile {
		return profileQueries(ctx, s, qs, *only)
	}
	var conc []int
	for _, l := range strings.Split(*levels, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(l))
		if err != nil || n < 1 {
			return fmt.Errorf("bad concurrency %q", l)
		}
		conc = append(conc, n)
	}

	fmt.Printf("| query | conc. | limit p50 | limit p99 | limit req/s | urbangraph p50 | urbangraph p99 | urbangraph req/s | peer p50 | peer p99 | peer req/s | UG/limit p50 | UG/peer p50 | UG/peer req/s | Cypher queries per request |\n")
	fmt.Printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, q := range qs {
		if !strings.Contains(q.name, *only) {
			continue
		}
		for _, c := range conc {
			if err := series(ctx, s, q, c, target{api: *api, peer: *peerURL, warmup: *warmup, duration: *duration}); err != nil {
				return err
			}
		}
	}
	if *apiPID > 0 {
		if rss, err := peakRSS(*apiPID); err == nil {
			fmt.Printf("\nUrbangraph API peak RSS: %s\n", rss)
		}
	}
	return nil
}

// peerStatements are the peer's @cypher statements that must be Urbangraph's own Cypher: the
// neighbourhood of the benchmark (depth 2, the light shape its selection gets), returned as one map.
func peerStatements() map[string]string {
	q := store.NeighbourhoodCypher(2, store.ExplorationTypes(), store.Projection{Light: true})
	return map[string]string{
		"neighbourhood": "CALL () {\n" + q + "\n}\nRETURN {nodes: nodes, edges: edges, truncated: truncated} AS sg",
	}
}

// profileQueries runs each query's limit once with PROFILE and prints the database hits of its
// Cypher queries.
func profileQueries(ctx context.Context, s *store.Store, qs []query, only string) error {
	fmt.Printf("| query | database hits (PROFILE, all its Cypher queries) |\n|---|---|\n")
	for _, q := range qs {
		if !strings.Contains(q.name, only) {
			continue
		}
		if err := q.limit(ctx, s); err != nil { // warm the page cache and the query cache
			return err
		}
		s.Profile(true)
		err := q.limit(ctx, s)
		hits := s.Profile(false)
		if err != nil {
			return err
		}
		fmt.Printf("| %s | %d |\n", q.name, hits)
	}
	return nil
}

func peerCell(p *result, f func(result) string) string {
	if p == nil {
		return "–"
	}
	return f(*p)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

// queries picks fixed parameters from the synthetic graph: a hub city, an organisation, a search
// term in Bulgarian, two entities for a path.
func queries(ctx context.Context, s *store.Store) ([]query, error) {
	hubs, err := s.MostConnected(ctx, 20)
	if err != nil {
		return nil, err
	}
	pick := func(k store.Kind, nth int) (store.Node, error) {
		seen := 0
		for _, c := range hubs {
			if c.Node.Kind == k {
				if seen == nth {
					return c.Node, nil
				}
				seen++
			}
		}
		nodes, _, err := s.List(ctx, store.ListQuery{Kind: k, Sort: "ID_ASC", Skip: nth, Limit: 1}, store.Projection{})
		if err != nil || len(nodes) == 0 {
			return store.Node{}, fmt.Errorf("no %s in the graph: import one first (%v)", k, err)
		}
		return nodes[0], nil
	}
	city, err := pick(store.City, 0)
	if err != nil {
		return nil, err
	}
	org, err := pick(store.Organisation, 0)
	if err != nil {
		return nil, err
	}
	farCity, err := pick(store.City, 5)
	if err != nil {
		return nil, err
	}
	words := strings.Fields(city.Name("bg"))
	term := words[0]
	q := func(format string, args ...any) string { return fmt.Sprintf(format, args...) }
	qs := []query{
		{
			name:    "entity + 2 nested levels",
			graphql: q(`{ city(id: %q) { name organisations { name presented { name } } } }`, city.ID),
			peer:    q(`{ cities(where: {id: {eq: %q}}) { name_en organisations { name_en presented { name_en } } } }`, city.ID),
		},
		{
			name:    "filtered sorted page + totalCount",
			graphql: q(`{ organisations(first: 20, sort: NAME_ASC, filter: {category: COMPANY, city: %q}) { totalCount nodes { id name } } }`, city.ID),
			peer:    q(`{ organisationsConnection(first: 20, sort: [{name_en: ASC}], where: {category: {eq: "COMPANY"}, city: {some: {id: {eq: %q}}}}) { totalCount edges { node { id name_en } } } }`, city.ID),
		},
		{
			name:    "multilingual search",
			graphql: q(`{ search(query: %q, first: 10) { node { id name } score } }`, term),
			// The peer gets the folded word: its Cypher field queries the same full-text index, which
			// holds names folded to Latin (Urbangraph folds the query itself).
			peer: q(`{ search(term: %q) { id name_en } }`, translit.Fold(term)+"*"),
		},
		{
			name:    "neighbourhood depth 2",
			graphql: q(`{ neighbourhood(id: %q, depth: 2, limit: 100) { nodes { id name } edges { id type source target } truncated } }`, org.ID),
			peer:    q(`{ neighbourhood(id: %q, limit: 100) { nodes { id name_en } edges { id type from to } truncated } }`, org.ID),
		},
		{
			name:    "shortest path",
			graphql: q(`{ shortestPath(from: %q, to: %q) { length nodes { id } } }`, org.ID, farCity.ID),
			peer:    q(`{ shortestPathLength(from: %q, to: %q) }`, org.ID, farCity.ID),
		},
		{
			name:    "50 parents × children × grandchildren",
			graphql: `{ cities(first: 50) { nodes { id organisations { id presented { id } } } } }`,
			peer:    `{ cities(limit: 50, sort: [{name_en: ASC}]) { id organisations { id presented { id } } } }`,
		},
	}
	if err := compiledLimits(qs); err != nil {
		return nil, err
	}
	geo, err := geoQueries(ctx, s, city.ID)
	if err != nil {
		return nil, err
	}
	return append(qs, geo...), nil
}

// compiledLimits sets each query's limit to its compiled plan's Cypher: compiled reads answer every
// one of them (graph/compiled).
func compiledLimits(qs []query) error {
	for i := range qs {
		p, err := compiled.Prepare(graph.Schema(), qs[i].graphql, nil)
		if err != nil {
			return fmt.Errorf("%s: %w", qs[i].name, err)
		}
		qs[i].limit = func(ctx context.Context, s *store.Store) error { _, err := p.Fetch(ctx, s); return err }
	}
	return nil
}

// measureLimit runs q.limit in c goroutines, closed loop, for d after a warm-up.
func measureLimit(ctx context.Context, s *store.Store, q query, c int, warmup, d time.Duration) result {
	loop := func(until time.Time, record bool) ([]time.Duration, int) {
		var mu sync.Mutex
		var lat []time.Duration
		errs := 0
		var wg sync.WaitGroup
		for range c {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var mine []time.Duration
				bad := 0
				for time.Now().Before(until) {
					start := time.Now()
					if err := q.limit(ctx, s); err != nil {
						bad++
						continue
					}
					mine = append(mine, time.Since(start))
				}
				if record {
					mu.Lock()
					lat = append(lat, mine...)
					errs += bad
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		return lat, errs
	}
	loop(time.Now().Add(warmup), false)
	start := time.Now()
	lat, errs := loop(start.Add(d), true)
	return summarize(lat, errs, time.Since(start))
}

func summarize(lat []time.Duration, errs int, elapsed time.Duration) result {
	slices.Sort(lat)
	r := result{errors: errs, requests: len(lat)}
	if len(lat) > 0 {
		r.p50 = lat[len(lat)/2]
		r.p99 = lat[min(len(lat)-1, len(lat)*99/100)]
		r.throughput = float64(len(lat)) / elapsed.Seconds()
	}
	return r
}

// measureHTTP sends one GraphQL POST with vegeta: c workers, no rate limit (closed loop), for d
// after a warm-up. A response with GraphQL errors counts as an error.
func measureHTTP(url, gqlQuery string, c int, warmup, d time.Duration) result {
	body, _ := json.Marshal(map[string]any{"query": gqlQuery})
	target := vegeta.Target{Method: http.MethodPost, URL: url, Body: body,
		Header: http.Header{"Content-Type": []string{"application/json"}}}
	sent := 0
	attack := func(dur time.Duration, record bool) ([]time.Duration, int, time.Duration) {
		attacker := vegeta.NewAttacker(vegeta.Workers(uint64(c)), vegeta.MaxWorkers(uint64(c)),
			vegeta.Connections(c), vegeta.KeepAlive(true), vegeta.Timeout(30*time.Second))
		var lat []time.Duration
		errs := 0
		start := time.Now()
		for res := range attacker.Attack(vegeta.NewStaticTargeter(target), vegeta.Rate{Freq: 0}, dur, "bench") {
			sent++
			if !record {
				continue
			}
			if res.Code != http.StatusOK || res.Error != "" || bytes.Contains(res.Body, []byte(`"errors"`)) {
				errs++
				continue
			}
			lat = append(lat, res.Latency)
		}
		return lat, errs, time.Since(start)
	}
	attack(warmup, false)
	lat, errs, elapsed := attack(d, true)
	r := summarize(lat, errs, elapsed)
	r.sent = sent
	return r
}

var cypherLine = regexp.MustCompile(`(?m)^urbangraph_cypher_queries_total\{[^}]*\} (\S+)$`)

// cypherQueries sums the API's Cypher query counter.
func cypherQueries(api string) (float64, error) {
	resp, err := http.Get(api + "/metrics")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	total := 0.0
	for _, m := range cypherLine.FindAllStringSubmatch(string(raw), -1) {
		v, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			return 0, err
		}
		total += v
	}
	return total, nil
}

func peakRSS(pid int) (string, error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:")), nil
		}
	}
	return "", errors.New("no VmHWM")
}
