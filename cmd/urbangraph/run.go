package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"urbangraph/internal/auth"
	"urbangraph/internal/config"
	"urbangraph/internal/export"
	"urbangraph/internal/feed"
	"urbangraph/internal/importer"
	"urbangraph/internal/server"
	"urbangraph/internal/store"
	"urbangraph/internal/synth"
	"urbangraph/internal/tracing"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const usage = `usage: urbangraph <command> [flags]

commands:
  serve     migrate the database, then serve the HTTP API (--seed: load URBANGRAPH_SEED_DIR and URBANGRAPH_REFERENCE_DIR first)
  migrate   create the constraints and indexes the model needs (idempotent)
  import    PATH...: validate and load graph documents (files or directories of *.json)
  export    --format json|graphml|csv|jsonld|nquads|geojson [--out PATH]: write the whole graph (csv: --out DIR)
  ingest    [--accept MIN] [--title T --url U --published DATE --language L] FILE...: store documents (.txt, .md, .html, .pdf) and their proposals for review; --dry-run [--json] only shows them
  ingest-report [--corpus DIR] [--out FILE] [--min C] [--only odd|even] [--seed]: measure ingestion on an annotated corpus (data/corpus/README.md)
  apikey    NAME ROLE: make an API key (role reader, editor or admin) and the entry for URBANGRAPH_API_KEYS
  gen       --scale 10k|100k|1M --seed S --out DIR: write a synthetic graph (DIR/graph.jsonl) to import
  wipe      --yes: delete every entity and relationship of the database (constraints stay)
  version   print the version

Configuration is read from the environment; see docs/configuration.md.`

// run is the whole program; main only wires it to the process. Tests call it directly.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return errors.New("no command given")
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "version":
		fmt.Fprintln(stdout, version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	case "apikey":
		return apiKey(args, stdout)
	case "gen":
		return generate(args, stdout)
	}
	cfg, err := config.FromEnv(getenv)
	if err != nil {
		return fmt.Errorf("configuration:\n%w", err)
	}
	log := newLogger(cfg.LogFormat, stderr)
	// Traces over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT says where (package tracing).
	stopTracing, err := tracing.Setup(ctx, version, getenv)
	if err != nil {
		return fmt.Errorf("tracing: %w", err)
	}
	defer func() {
		flushCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if err := stopTracing(flushCtx); err != nil {
			log.Warn("tracing: the last spans were not sent", "err", err)
		}
	}()
	if tracing.Enabled() {
		log.Info("tracing", "exporter", "otlp/http")
	}
	switch cmd {
	case "serve":
		return serve(ctx, cfg, args, log)
	case "migrate":
		return withStore(ctx, cfg, func(s *store.Store) error {
			if err := s.Migrate(ctx); err != nil {
				return err
			}
			log.Info("migrated", "database", cfg.Neo4jDatabase)
			return nil
		})
	case "import":
		return importCommand(ctx, cfg, args, stdout, stderr)
	case "export":
		return exportGraph(ctx, cfg, args, stdout, stderr)
	case "ingest":
		return ingestCommand(ctx, cfg, args, stdout, stderr)
	case "ingest-report":
		return ingestReport(ctx, cfg, args, stdout, stderr, log)
	case "wipe":
		if len(args) != 1 || args[0] != "--yes" {
			return errors.New("wipe deletes everything in " + cfg.Neo4jDatabase + " at " + cfg.Neo4jURI + "; run it with --yes")
		}
		return withStore(ctx, cfg, func(s *store.Store) error { return s.Wipe(ctx) })
	default:
		fmt.Fprintln(stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}
}

func newLogger(format string, w io.Writer) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

// withStore opens the driver, checks that Neo4j answers, runs f and closes the driver.
func withStore(ctx context.Context, cfg config.Config, f func(*store.Store) error) error {
	s, err := store.Open(store.Options{
		URI: cfg.Neo4jURI, Username: cfg.Neo4jUsername, Password: cfg.Neo4jPassword, Database: cfg.Neo4jDatabase,
		MaxPoolSize: cfg.Neo4jMaxPoolSize, AcquisitionTimeout: cfg.Neo4jAcquisitionTimeout, ConnectTimeout: cfg.Neo4jConnectTimeout,
		LivenessCheck: cfg.Neo4jLivenessCheck, MaxRetryTime: cfg.Neo4jMaxRetryTime,
		TxTimeout: cfg.Neo4jTxTimeout, StreamTxTimeout: cfg.Neo4jExportTxTimeout,
	})
	if err != nil {
		return err
	}
	defer s.Close(context.WithoutCancel(ctx))
	if err := s.Ping(ctx); err != nil {
		return fmt.Errorf("neo4j at %s: %w (is it running? `make neo4j-up` starts a local one)", cfg.Neo4jURI, err)
	}
	return f(s)
}

func serve(ctx context.Context, cfg config.Config, args []string, log *slog.Logger) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	seed := fs.Bool("seed", false, "load the seed documents in URBANGRAPH_SEED_DIR, then the reference gazetteer in URBANGRAPH_REFERENCE_DIR, before serving")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return withStore(ctx, cfg, func(s *store.Store) error {
		if err := s.Migrate(ctx); err != nil {
			return err
		}
		if *seed {
			if err := loadSeed(ctx, s, cfg, log); err != nil {
				return err
			}
		}
		authn, err := auth.New(ctx, auth.Config{APIKeys: cfg.APIKeys, JWTSecret: cfg.JWTSecret, JWKSURL: cfg.JWKSURL,
			RoleClaim: cfg.JWTRoleClaim, Issuer: cfg.JWTIssuer, Audience: cfg.JWTAudience})
		if err != nil {
			return fmt.Errorf("authentication: %w", err)
		}
		changes := feed.New(s, feed.Limits{Total: cfg.MaxSubscriptions, PerClient: cfg.MaxSubscriptionsPerClient})
		feedCtx, stopFeed := context.WithCancel(ctx)
		defer stopFeed()
		defer changes.Close() // first: subscribers stop reading before the store closes
		go changes.Run(feedCtx)
		srv := &http.Server{
			Addr: cfg.Addr,
			Handler: server.New(server.Deps{Store: s, Logger: log, CORSOrigins: cfg.CORSOrigins, Version: version,
				Auth: authn, Feed: changes, ReadsRequireToken: cfg.ReadsRequireToken, MaxImportBytes: cfg.MaxImportBytes,
				Limits: &server.Limits{MaxComplexity: cfg.MaxComplexity, MaxDepth: cfg.MaxDepth, MaxTokens: cfg.MaxTokens,
					MaxAliases: cfg.MaxAliases, MaxBodyBytes: cfg.MaxBodyBytes, RequestTimeout: cfg.RequestTimeout, SubscriptionIdle: cfg.SubscriptionIdleTimeout,
					NoIntrospection: !cfg.Introspection, NoPlayground: !cfg.Playground, ResolversOnly: !cfg.CompiledReads,
					MaxExports: cfg.MaxExports, ExportWriteTimeout: cfg.ExportWriteTimeout, IngestReadTimeout: cfg.IngestReadTimeout,
					ClientIPHeader: cfg.ClientIPHeader}}),
			ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout:       2 * time.Minute, // a whole body, imports included
			IdleTimeout:       2 * time.Minute,
			BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
		}
		if addr := cfg.PprofAddr; addr != "" {
			// Profiling on its own listener, never on the public one (URBANGRAPH_PPROF_ADDR).
			pprofMux := http.NewServeMux()
			pprofMux.HandleFunc("/debug/pprof/", pprof.Index)
			pprofMux.HandleFunc("/debug/pprof/profile", pprof.Profile)
			pprofMux.HandleFunc("/debug/pprof/trace", pprof.Trace)
			go func() { _ = http.ListenAndServe(addr, pprofMux) }()
			log.Info("pprof", "addr", addr)
		}
		ln, err := net.Listen("tcp", cfg.Addr)
		if err != nil {
			return err
		}
		log.Info("serving", "addr", ln.Addr().String(), "config", cfg)
		errc := make(chan error, 1)
		go func() { errc <- srv.Serve(ln) }()
		select {
		case err := <-errc:
			return err
		case <-ctx.Done():
		}
		log.Info("shutting down: ending subscriptions, draining in-flight requests")
		changes.Close() // subscriptions end (their clients reconnect elsewhere with their last seq)
		shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 20*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdownCtx); err != nil {
			return fmt.Errorf("shutdown: %w", err)
		}
		if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
}

// dryRunImport reads and checks files against the stored graph and says what an import would
// write, and every row it would reject (an error then), writing nothing.
func dryRunImport(ctx context.Context, s *store.Store, paths []string, refuseDuplicates bool, stdout, stderr io.Writer) error {
	plan, err := importer.Preview(paths, importer.StoreLookups(ctx, s, refuseDuplicates))
	if err != nil {
		return err
	}
	for _, j := range plan.Joined {
		fmt.Fprintln(stdout, "would join:", j)
	}
	for _, p := range plan.Rejected {
		fmt.Fprintln(stderr, "would reject:", p)
	}
	fmt.Fprintf(stdout, "dry run, nothing written: %d entities and %d relationships pass the checks; %d rows would be rejected\n",
		len(plan.Nodes), len(plan.Rels), len(plan.Rejected))
	if len(plan.Rejected) > 0 {
		return fmt.Errorf("%d %w", len(plan.Rejected), importer.ErrRejected)
	}
	return nil
}

// importCommand loads files, showing progress on stderr, and prints a summary and every rejected row.
func importCommand(ctx context.Context, cfg config.Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	strict := fs.Bool("strict", false, "abort the whole import, writing nothing, if any row is bad")
	batch := fs.Int("batch-size", importer.DefaultBatchSize, "rows written per transaction")
	dryRun := fs.Bool("dry-run", false, "check the files as an import would and say what it would write, writing nothing")
	refuse := fs.Bool("refuse-duplicates", false, "reject a row whose external identifier (geonamesId) an entity of another ID holds, instead of writing it to that entity")
	logWhat := fs.String("log", "batches", "what the change log records: batches (one record a batch that changed something, with its counts) or entities (every entity and relationship written)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errors.New("import: name at least one file or directory, e.g. urbangraph import data/seed")
	}
	if *logWhat != "batches" && *logWhat != "entities" {
		return fmt.Errorf("import: --log is batches or entities, not %q", *logWhat)
	}
	if *batch < 1 || *batch > 100000 {
		return fmt.Errorf("import: --batch-size must be between 1 and 100000, got %d", *batch)
	}
	terminal := false
	if f, ok := stderr.(*os.File); ok {
		terminal = importer.IsTerminal(f)
	}
	return withStore(ctx, cfg, func(s *store.Store) error {
		if *dryRun {
			return dryRunImport(ctx, s, fs.Args(), *refuse, stdout, stderr)
		}
		if err := s.Migrate(ctx); err != nil {
			return err
		}
		sum, err := importer.Run(ctx, s, fs.Args(), importer.Options{
			BatchSize: *batch, Strict: *strict, Actor: "import:" + strings.Join(fs.Args(), ","), LogEntities: *logWhat == "entities",
			RefuseDuplicates: *refuse, Progress: stderr, Terminal: terminal})
		var problems importer.ProblemsError
		if errors.As(err, &problems) {
			return err
		}
		for _, j := range sum.Joined {
			fmt.Fprintln(stdout, "joined:", j)
		}
		for _, p := range sum.Rejected {
			fmt.Fprintln(stderr, "rejected:", p)
		}
		if len(sum.Files) > 0 {
			c := sum.Counts
			fmt.Fprintf(stdout, "imported %d file(s) in %s: nodes %d created, %d updated, %d unchanged; "+
				"relationships %d created, %d updated, %d unchanged; %d rejected; %d change record(s)\n",
				len(sum.Files), sum.Elapsed.Round(time.Millisecond), c.NodesCreated, c.NodesUpdated, c.NodesUnchanged,
				c.RelsCreated, c.RelsUpdated, c.RelsUnchanged, len(sum.Rejected), c.Changes)
		}
		return err
	})
}

// exportGraph writes the graph to a file (or directory, for csv) or to stdout.
func exportGraph(ctx context.Context, cfg config.Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "json", "json (the import format), graphml, csv, jsonld, nquads or geojson")
	out := fs.String("out", "", "file to write (default: standard output); for csv, a directory for nodes.csv and edges.csv")
	if err := fs.Parse(args); err != nil {
		return err
	}
	type target struct {
		format export.Format
		path   string
	}
	var targets []target
	switch *format {
	case "json", "graphml", "jsonld", "nquads", "geojson":
		targets = []target{{export.Format(*format), *out}}
	case "csv":
		if *out == "" {
			return errors.New("export --format csv writes two files: name a directory with --out")
		}
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return err
		}
		targets = []target{{export.NodesCSV, filepath.Join(*out, "nodes.csv")}, {export.EdgesCSV, filepath.Join(*out, "edges.csv")}}
	default:
		return fmt.Errorf("export: unknown format %q (json, graphml, csv, jsonld, nquads, geojson)", *format)
	}
	return withStore(ctx, cfg, func(s *store.Store) error {
		for _, t := range targets {
			w := stdout
			var f *os.File
			if t.path != "" {
				var err error
				if f, err = os.Create(t.path); err != nil {
					return err
				}
				w = f
			}
			c, err := export.Write(ctx, s, t.format, export.Options{}, w)
			if f != nil {
				if cerr := f.Close(); err == nil {
					err = cerr
				}
			}
			if err != nil {
				return fmt.Errorf("export %s: %w", t.format, err)
			}
			where := t.path
			if where == "" {
				where = "standard output"
			}
			fmt.Fprintf(stderr, "exported %d entities and %d relationships as %s to %s\n", c.Nodes, c.Relationships, t.format, where)
		}
		return nil
	})
}

// apiKey prints a new API key once, with the configuration entry that accepts it.
func apiKey(args []string, stdout io.Writer) error {
	if len(args) != 2 {
		return errors.New("usage: urbangraph apikey NAME ROLE (role: reader, editor or admin)")
	}
	role, err := auth.ParseRole(args[1])
	if err != nil {
		return err
	}
	token, entry, err := auth.NewAPIKey(args[0], role)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "token (give it to the client; it is not stored anywhere):\n  %s\n"+
		"entry (add it to URBANGRAPH_API_KEYS, comma-separated):\n  %s\n", token, entry)
	return nil
}

// generate writes a synthetic graph for benchmarks.
func generate(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	scaleFlag := fs.String("scale", "10k", "about how many elements (nodes + relationships): a number, or with k or M")
	seed := fs.Uint64("seed", 1, "random seed: the same scale and seed give the same graph")
	out := fs.String("out", "", "directory to write graph.jsonl into (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	scale, err := parseScale(*scaleFlag)
	if err != nil {
		return err
	}
	if *out == "" {
		return errors.New("gen: --out DIR is required")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	path := filepath.Join(*out, "graph.jsonl")
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	c, err := synth.Generate(f, scale, *seed)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %d nodes and %d relationships (%d elements, synthetic)\n", path, c.Nodes, c.Relationships, c.Elements())
	return nil
}

func parseScale(s string) (int, error) {
	mult := 1
	switch {
	case strings.HasSuffix(s, "k"), strings.HasSuffix(s, "K"):
		mult, s = 1000, s[:len(s)-1]
	case strings.HasSuffix(s, "M"), strings.HasSuffix(s, "m"):
		mult, s = 1000000, s[:len(s)-1]
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n*mult > 50_000_000 {
		return 0, fmt.Errorf("gen: --scale %q: want a number of elements like 10k, 100k or 1M (at most 50M)", s)
	}
	return n * mult, nil
}

// loadSeed imports the seed, then the reference gazetteer (which never overwrites the seed's curated
// facts: docs/import.md, "Precedence"), logging what each added and how long it took.
func loadSeed(ctx context.Context, s *store.Store, cfg config.Config, log *slog.Logger) error {
	for _, l := range []struct{ what, dir string }{{"seed", cfg.SeedDir}, {"reference", cfg.ReferenceDir}} {
		if l.dir == "" {
			continue
		}
		start := time.Now()
		sum, err := importer.Import(ctx, s, []string{l.dir}, l.what)
		if err != nil {
			return fmt.Errorf("%s: %w", l.what, err)
		}
		log.Info(l.what+" loaded", "dir", l.dir, "created", sum.Counts.NodesCreated+sum.Counts.RelsCreated,
			"updated", sum.Counts.NodesUpdated+sum.Counts.RelsUpdated, "took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}
