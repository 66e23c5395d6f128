// Package store is the only package that speaks Cypher. Every value reaches Neo4j as a $parameter;
// labels and relationship types come from the closed lists in model.go.
package store

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	neo4jconfig "github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// Sentinel errors the API maps to error codes. Wrap them with context: fmt.Errorf("...: %w", ErrNotFound).
var (
	ErrNotFound    = errors.New("not found")
	ErrUnavailable = errors.New("database unavailable")
)

// InputError is a problem with the caller's input, reported to the client as BAD_USER_INPUT.
type InputError struct {
	Field   string // the argument or input field path, e.g. "first" or "filter.country"
	Message string
}

func (e *InputError) Error() string {
	if e.Field == "" {
		return e.Message
	}
	return e.Field + ": " + e.Message
}

// ConflictError says a write clashes with what is stored (a generated ID taken by another entity, a
// delete that would orphan facts). Its message is written for the client; the API reports CONFLICT.
type ConflictError struct{ Message string }

func (e *ConflictError) Error() string { return e.Message }

// BadInput builds an *InputError.
func BadInput(field, format string, args ...any) error {
	return &InputError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// Options configure Open.
type Options struct {
	URI, Username, Password, Database string
}

// Store wraps one driver for the whole process. It is safe for concurrent use: every method opens
// its own session through neo4j.ExecuteQuery.
type Store struct {
	driver neo4j.DriverWithContext
	db     string
	trips  atomic.Int64
}

// Open creates the driver. It does not contact the server: call Ping (or Migrate) for that.
func Open(o Options) (*Store, error) {
	driver, err := neo4j.NewDriverWithContext(o.URI, neo4j.BasicAuth(o.Username, o.Password, ""),
		func(c *neo4jconfig.Config) {
			c.SocketConnectTimeout = 5 * time.Second
			c.ConnectionAcquisitionTimeout = 10 * time.Second
			c.MaxTransactionRetryTime = 10 * time.Second
			c.UserAgent = "urbangraph"
		})
	if err != nil {
		return nil, fmt.Errorf("neo4j driver for %s: %w", o.URI, err)
	}
	return &Store{driver: driver, db: o.Database}, nil
}

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

// read runs one query on a reader (a follower in a cluster).
func (s *Store) read(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error) {
	s.trips.Add(1)
	res, err := neo4j.ExecuteQuery(ctx, s.driver, query, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, err
	}
	return res.Records, nil
}

// write runs one query on the leader, in one transaction.
func (s *Store) write(ctx context.Context, query string, params map[string]any) (neo4j.ResultSummary, error) {
	s.trips.Add(1)
	res, err := neo4j.ExecuteQuery(ctx, s.driver, query, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithWritersRouting())
	if err != nil {
		return nil, err
	}
	return res.Summary, nil
}

// mapErr turns a driver error into one the API can classify, keeping the original for the log.
func mapErr(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return fmt.Errorf("%s: %w", op, err)
	case neo4j.IsConnectivityError(err):
		return fmt.Errorf("%s: %w: %w", op, ErrUnavailable, err)
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) && (ne.Code == "Neo.ClientError.Security.Unauthorized" ||
		ne.Code == "Neo.TransientError.General.DatabaseUnavailable") {
		return fmt.Errorf("%s: %w: %w", op, ErrUnavailable, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// Wipe deletes every node and relationship of the database, in batches. Constraints and indexes stay.
// It exists for tests and `scripts/neo4j.sh`-style resets; the API never calls it.
func (s *Store) Wipe(ctx context.Context) error {
	// CALL ... IN TRANSACTIONS needs an auto-commit transaction, hence a session and Run.
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	s.trips.Add(1)
	res, err := session.Run(ctx, "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	return mapErr("wipe", err)
}
