package store

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// ReadForTest, StreamForTest and WriteForTest run any query the way the store's own reads, exports
// and logged writes do, with their transaction settings, for the tests of those settings.
func (s *Store) ReadForTest(ctx context.Context, query string) error {
	_, err := s.read(ctx, "test", query, nil)
	return err
}

func (s *Store) StreamForTest(ctx context.Context, query string) error {
	return s.stream(ctx, "test", query, nil, func(*neo4j.Record) error { return nil })
}

func (s *Store) WriteForTest(ctx context.Context, query string) error {
	session, done := s.session(ctx, neo4j.AccessModeWrite, 0)
	defer done()
	_, err := s.writeLogged(ctx, session, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := s.run(ctx, tx, "test", query, nil)
		if err != nil {
			return nil, err
		}
		return res.Consume(ctx)
	})
	return mapErr("test", err)
}
