package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/store"
)

// slowQuery counts to two billion: minutes of work for Neo4j, unless something ends it.
const slowQuery = "UNWIND range(1, 2000000000) AS x RETURN count(x) AS n"

// Neo4j itself ends a transaction that outlives NEO4J_TX_TIMEOUT (NEO4J_EXPORT_TX_TIMEOUT for an
// export's stream), whatever the client does meanwhile: reads, exports and logged writes alike, and
// the error reads as a timeout. The calls' own contexts allow a minute, so only the server's
// timeout can end them early.
func TestNeo4jEndsTransactionsThatOutliveTheirTimeout(t *testing.T) {
	neo4jtest.Store(t) // Neo4j answers
	cfg, err := neo4jtest.Config()
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(store.Options{URI: cfg.Neo4jURI, Username: cfg.Neo4jUsername, Password: cfg.Neo4jPassword,
		Database: cfg.Neo4jDatabase, TxTimeout: 300 * time.Millisecond, StreamTxTimeout: 600 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	for name, run := range map[string]func(context.Context, string) error{
		"read": s.ReadForTest, "stream": s.StreamForTest,
		"write": func(ctx context.Context, q string) error { return s.WriteForTest(ctx, q+", 1 AS written") },
	} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			err := run(ctx, slowQuery)
			if err == nil {
				t.Fatal("the slow query finished: no timeout ended it")
			}
			if ctx.Err() != nil {
				t.Fatalf("the test's own minute ran out first: %v", err)
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("the error does not read as a timeout: %v", err)
			}
		})
	}
	// The default: 30 s for queries, so a quick one runs.
	if err := neo4jtest.Store(t).ReadForTest(context.Background(), "RETURN 1"); err != nil {
		t.Fatal(err)
	}
}
