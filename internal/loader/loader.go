// Package loader batches the per-parent lookups of one GraphQL request: all the children asked for at
// one level of a query become one Cypher query (UNWIND $ids), not one per parent.
package loader

import (
	"context"
	"net/http"
	"sync"
	"time"

	"urbangraph/internal/store"
)

// gqlgen resolves sibling fields in goroutines that all ask within microseconds; a batch goes out
// when they have been quiet for quietPeriod, or maxWait after its first key.
const (
	quietPeriod = 2 * time.Millisecond
	maxWait     = 20 * time.Millisecond
)

// Loaders are one request's loaders. They cache, so they must never outlive the request.
type Loaders struct {
	store    *store.Store
	mu       sync.Mutex
	related  map[relatedKey]*batcher[string, []store.Link]
	expected map[any]int // sibling lists announced per list field (Expect)
	mentions *batcher[string, []store.Mention]
	nodes    *batcher[string, store.Node]
}

// New makes the loaders for one request.
func New(s *store.Store) *Loaders {
	l := &Loaders{store: s, related: map[relatedKey]*batcher[string, []store.Link]{}}
	l.mentions = newBatcher(s.Mentions, quietPeriod, maxWait)
	l.nodes = newBatcher(s.NodesByID, quietPeriod, maxWait)
	return l
}

type ctxKey struct{}

// Middleware gives every request its own loaders.
func Middleware(s *store.Store, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, New(s))))
	})
}

// For returns the request's loaders. Outside a request (tests, tools) it returns fresh ones.
func For(ctx context.Context, s *store.Store) *Loaders {
	if l, ok := ctx.Value(ctxKey{}).(*Loaders); ok {
		return l
	}
	return New(s)
}

// relatedKey is what calls must share to be batched together: the relationship and the projection.
type relatedKey struct {
	rel store.Rel
	p   store.Projection
}

func (l *Loaders) relatedLoader(rel store.Rel, p store.Projection) *batcher[string, []store.Link] {
	l.mu.Lock()
	defer l.mu.Unlock()
	key := relatedKey{rel, p}
	ld, ok := l.related[key]
	if !ok {
		ld = newBatcher(func(ctx context.Context, ids []string) (map[string][]store.Link, error) {
			return l.store.Related(ctx, rel, p, ids)
		}, quietPeriod, maxWait)
		l.related[key] = ld
	}
	return ld
}

// RelatedMany returns the entities that rel reaches from each of ids (the parents of one batch
// resolver), projected by p, batched with the other calls for the same rel and projection in this
// request; expect is how many such calls make up the batch (0: unknown, wait for the quiet period).
func (l *Loaders) RelatedMany(ctx context.Context, rel store.Rel, p store.Projection, ids []string, expect int) (map[string][]store.Link, error) {
	return l.relatedLoader(rel, p).loadMany(ctx, ids, expect)
}

// MentionsMany returns the evidence of each of ids, batched like RelatedMany.
func (l *Loaders) MentionsMany(ctx context.Context, ids []string, expect int) (map[string][]store.Mention, error) {
	return l.mentions.loadMany(ctx, ids, expect)
}

// Expect records that lists were produced for the field sel: n of them are not empty, so a child
// batch resolver under sel will be called n more times. Counts add up over calls.
func (l *Loaders) Expect(sel any, n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.expected == nil {
		l.expected = map[any]int{}
	}
	l.expected[sel] += n
}

// Expected is how many calls Expect announced for sel (0: unknown).
func (l *Loaders) Expected(sel any) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.expected[sel]
}

// Nodes returns the stored entities among ids, in the order asked, skipping missing ones.
func (l *Loaders) Nodes(ctx context.Context, ids []string) ([]store.Node, error) {
	byID, err := l.nodes.loadMany(ctx, ids, 0)
	if err != nil {
		return nil, err
	}
	out := make([]store.Node, 0, len(ids))
	for _, id := range ids {
		if n, ok := byID[id]; ok {
			out = append(out, n)
		}
	}
	return out, nil
}
