// Package store is the only package that speaks Cypher. Every value reaches Neo4j as a $parameter;
// labels and relationship types come from the closed lists in model.go.
package store

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	neo4jconfig "github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"

	"urbangraph/internal/errs"
	"urbangraph/internal/metrics"
	"urbangraph/internal/tracing"
)

// Options configure Open. Zero durations and sizes take the defaults below.
type Options struct {
	URI, Username, Password, Database string
	// MaxPoolSize is the most connections per server (default 50: twice what a 2-core API keeps busy,
	// far under Neo4j's own Bolt thread pool).
	MaxPoolSize int
	// AcquisitionTimeout bounds waiting for a pooled connection (default 5s): under overload, fail a
	// request rather than queue it past its deadline.
	AcquisitionTimeout time.Duration
	// ConnectTimeout bounds opening a TCP connection (default 3s): a dead server is found out quickly.
	ConnectTimeout time.Duration
	// LivenessCheck re-checks pooled connections idle longer than this before use (default 30s), so a
	// connection broken by a restart or a firewall is not handed to a request.
	LivenessCheck time.Duration
	// MaxRetryTime is how long the driver retries transient failures (default 15s). It is longer than
	// the API's request deadline on purpose: the request's context ends retries first, so a client
	// always gets an answer within the deadline.
	MaxRetryTime time.Duration
	// TxTimeout ends, on the server, any transaction that runs longer (default 30s): a query the
	// complexity limit misjudged, or a client that stops reading, cannot hold a connection for ever.
	TxTimeout time.Duration
	// StreamTxTimeout is the same for streamed reads, the exports (default 10m): a whole graph takes
	// longer than a query, a stalled export no longer than this.
	StreamTxTimeout time.Duration
}

func (o *Options) defaults() {
	if o.MaxPoolSize <= 0 {
		o.MaxPoolSize = 50
	}
	if o.AcquisitionTimeout <= 0 {
		o.AcquisitionTimeout = 5 * time.Second
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = 3 * time.Second
	}
	if o.LivenessCheck <= 0 {
		o.LivenessCheck = 30 * time.Second
	}
	if o.MaxRetryTime <= 0 {
		o.MaxRetryTime = 15 * time.Second
	}
	if o.TxTimeout <= 0 {
		o.TxTimeout = 30 * time.Second
	}
	if o.StreamTxTimeout <= 0 {
		o.StreamTxTimeout = 10 * time.Minute
	}
}

// Store wraps one driver for the whole process. It is safe for concurrent use: every method opens
// its own session through neo4j.ExecuteQuery.
type Store struct {
	driver neo4j.DriverWithContext
	db     string
	trips  atomic.Int64
	// poolSize, txTimeout and streamTxTimeout are Options' (defaults applied).
	poolSize                   int
	txTimeout, streamTxTimeout time.Duration
	// profiling makes read prefix its queries with PROFILE and add up their database hits (dbHits):
	// the benchmark's --profile mode. Never set in the API.
	profiling atomic.Bool
	dbHits    atomic.Int64

	hooksMu sync.RWMutex
	hooks   []func() // OnCommit's
}

// OnCommit registers f, called after each write that appends to the change log has committed: the
// replica's feed (package feed) then tails the log at once rather than at its next poll. f must not
// block.
func (s *Store) OnCommit(f func()) {
	s.hooksMu.Lock()
	defer s.hooksMu.Unlock()
	s.hooks = append(s.hooks, f)
}

// writeLogged runs work, a write that appends to the change log, in a managed write transaction
// and, once it has committed, calls the OnCommit functions.
func (s *Store) writeLogged(ctx context.Context, session neo4j.SessionWithContext, work neo4j.ManagedTransactionWork) (any, error) {
	out, err := session.ExecuteWrite(ctx, work, neo4j.WithTxTimeout(s.txTimeout))
	if err == nil {
		s.hooksMu.RLock()
		defer s.hooksMu.RUnlock()
		for _, f := range s.hooks {
			f()
		}
	}
	return out, err
}

// Profile turns profiling of reads on or off (see Store.profiling) and returns the database hits
// counted since the last call.
func (s *Store) Profile(on bool) int64 {
	s.profiling.Store(on)
	return s.dbHits.Swap(0)
}

func sumDbHits(p neo4j.ProfiledPlan) int64 {
	if p == nil {
		return 0
	}
	n := p.DbHits()
	for _, c := range p.Children() {
		n += sumDbHits(c)
	}
	return n
}

// Open creates the driver. It does not contact the server: call Ping (or Migrate) for that.
func Open(o Options) (*Store, error) {
	o.defaults()
	driver, err := neo4j.NewDriverWithContext(o.URI, neo4j.BasicAuth(o.Username, o.Password, ""),
		func(c *neo4jconfig.Config) {
			c.MaxConnectionPoolSize = o.MaxPoolSize
			c.ConnectionAcquisitionTimeout = o.AcquisitionTimeout
			c.SocketConnectTimeout = o.ConnectTimeout
			c.ConnectionLivenessCheckTimeout = o.LivenessCheck
			c.MaxTransactionRetryTime = o.MaxRetryTime
			c.UserAgent = "urbangraph"
		})
	if err != nil {
		return nil, fmt.Errorf("neo4j driver for %s: %w", o.URI, err)
	}
	metrics.PoolSize.Set(float64(o.MaxPoolSize))
	return &Store{driver: driver, db: o.Database, poolSize: o.MaxPoolSize, txTimeout: o.TxTimeout, streamTxTimeout: o.StreamTxTimeout}, nil
}

// PoolSize is the most connections the store opens to a server: what the API's own limits (the
// concurrent exports) must leave room in.
func (s *Store) PoolSize() int { return s.poolSize }

// Close releases the driver's connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// Ping checks that the server answers and the credentials are accepted.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return mapErr("ping", err)
	}
	return nil
}

// RoundTrips is how many queries this store has sent since it was opened. Tests use it to prove
// that nested lists are batched (no N+1).
func (s *Store) RoundTrips() int64 { return s.trips.Load() }

// Every query goes through read, stream, runLong (migrations) or a session from session() (writes:
// writeLogged); op names the store operation for metrics and errors.

// read runs one query on a reader (a follower in a cluster). All reads and writes share the
// driver's bookmark manager, so a read that follows a write sees it, on any cluster member.
func (s *Store) read(ctx context.Context, op, query string, params map[string]any) ([]*neo4j.Record, error) {
	return s.execute(ctx, op, query, params, neo4j.ExecuteQueryWithReadersRouting())
}

func (s *Store) execute(ctx context.Context, op, query string, params map[string]any, routing neo4j.ExecuteQueryConfigurationOption) ([]*neo4j.Record, error) {
	s.trips.Add(1)
	metrics.SessionsInUse.Inc()
	defer metrics.SessionsInUse.Dec()
	defer metrics.ObserveCypher(op, time.Now())
	profiling := s.profiling.Load()
	if profiling {
		query = "PROFILE " + query
	}
	ctx, span := querySpan(ctx, op)
	res, err := neo4j.ExecuteQuery(ctx, s.driver, query, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), routing, neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(s.txTimeout)))
	tracing.End(span, err)
	if err != nil {
		return nil, mapErr(op, err)
	}
	if profiling && res.Summary != nil {
		s.dbHits.Add(sumDbHits(res.Summary.Profile()))
	}
	return res.Records, nil
}

// session opens a session for work that needs more than one query, or streaming. It uses the shared
// bookmark manager; close it with the returned function.
func (s *Store) session(ctx context.Context, mode neo4j.AccessMode, fetchSize int) (neo4j.SessionWithContext, func()) {
	metrics.SessionsInUse.Inc()
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: mode, FetchSize: fetchSize,
		BookmarkManager: s.driver.ExecuteQueryBookmarkManager()})
	return sess, func() {
		_ = sess.Close(context.WithoutCancel(ctx))
		metrics.SessionsInUse.Dec()
	}
}

// run sends one query inside a transaction, counted like any other.
func (s *Store) run(ctx context.Context, tx neo4j.ManagedTransaction, op, query string, params map[string]any) (neo4j.ResultWithContext, error) {
	s.trips.Add(1)
	defer metrics.ObserveCypher(op, time.Now())
	ctx, span := querySpan(ctx, op)
	res, err := tx.Run(ctx, query, params)
	tracing.End(span, err) // until the first records: the rest are read as the caller consumes them
	return res, err
}

// querySpan starts the trace span of one query: its operation's name, never its parameters.
func querySpan(ctx context.Context, op string) (context.Context, trace.Span) {
	if !tracing.Enabled() {
		return tracing.Start(ctx, "")
	}
	return tracing.Start(ctx, "neo4j "+op, attribute.String("db.system.name", "neo4j"), attribute.String("db.operation.name", op))
}

// mapErr turns a driver error into one the API can classify, keeping the original for the log, and
// counts it. Errors already mapped (the store's own) pass through.
func mapErr(op string, err error) error {
	var inputErr *errs.InputError
	var conflict *errs.ConflictError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, errs.ErrUnavailable), errors.Is(err, errs.ErrNotFound), errors.As(err, &inputErr), errors.As(err, &conflict):
		return err
	case unavailable(err):
		metrics.CountNeo4jError("connectivity")
		lastUnavailable.Store(time.Now().UnixNano())
		return fmt.Errorf("%s: %w: %w", op, errs.ErrUnavailable, err)
	case errors.Is(err, context.DeadlineExceeded) && time.Since(time.Unix(0, lastUnavailable.Load())) < 30*time.Second:
		// The deadline cut the driver's retries short while Neo4j was recently unreachable: say so,
		// rather than "slow".
		metrics.CountNeo4jError("connectivity")
		return fmt.Errorf("%s: %w: %w", op, errs.ErrUnavailable, err)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		metrics.CountNeo4jError("timeout")
		return fmt.Errorf("%s: %w", op, err)
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		metrics.CountNeo4jError(ne.Code)
		if strings.HasPrefix(ne.Code, "Neo.ClientError.Transaction.TransactionTimedOut") {
			// NEO4J_TX_TIMEOUT ended it: to a client, the same as its own deadline.
			return fmt.Errorf("%s: %w: %w", op, context.DeadlineExceeded, err)
		}
		// Transient errors (a database starting or stopping, a leader switch, lock timeouts the driver
		// gave up retrying), transactions terminated by a shutdown, and rejected credentials all mean
		// "not now" to a client; the log keeps the real code.
		if strings.HasPrefix(ne.Code, "Neo.TransientError.") || ne.Code == "Neo.ClientError.Transaction.Terminated" ||
			ne.Code == "Neo.ClientError.Security.Unauthorized" {
			lastUnavailable.Store(time.Now().UnixNano())
			return fmt.Errorf("%s: %w: %w", op, errs.ErrUnavailable, err)
		}
		return fmt.Errorf("%s: %w", op, err)
	}
	metrics.CountNeo4jError("other")
	return fmt.Errorf("%s: %w", op, err)
}

// lastUnavailable is when a query last failed to reach Neo4j (unix nanoseconds).
var lastUnavailable atomic.Int64

// unavailable reports a failure to reach Neo4j: a connectivity error, or retries that ran out (or
// were cut short by the request's deadline) while the server could not be reached.
func unavailable(err error) bool {
	if neo4j.IsConnectivityError(err) {
		return true
	}
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) {
		for _, e := range limit.Errors {
			if neo4j.IsConnectivityError(e) {
				return true
			}
		}
	}
	var dial *net.OpError
	return errors.As(err, &dial)
}

// Wipe deletes every node and relationship of the database, in batches. Constraints and indexes stay.
// It exists for tests and `scripts/neo4j.sh`-style resets; the API never calls it.
func (s *Store) Wipe(ctx context.Context) error {
	// CALL ... IN TRANSACTIONS needs an auto-commit transaction, hence a session and Run.
	session, done := s.session(ctx, neo4j.AccessModeWrite, 0)
	defer done()
	s.trips.Add(1)
	defer metrics.ObserveCypher("wipe", time.Now())
	// Relationships first: a hub (a source cited by every entity) detached in one inner transaction
	// would hold all its relationships in memory at once.
	for _, q := range []string{
		"MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
		"MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
	} {
		res, err := session.Run(ctx, q, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return mapErr("wipe", err)
		}
	}
	return nil
}
