// Package loader batches the per-parent lookups of one GraphQL request: all the children asked for at
// one level of a query become one Cypher query (UNWIND $ids), not one per parent.
package loader

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	"urbangraph/internal/store"
)

// wait is how long a loader collects keys before it queries. gqlgen resolves sibling fields in
// goroutines that all ask within microseconds, so a short window catches a whole level.
const wait = 2 * time.Millisecond

// Loaders are one request's loaders. They cache, so they must never outlive the request.
type Loaders struct {
	store    *store.Store
	mu       sync.Mutex
	related  map[store.Rel]*dataloadgen.Loader[string, []store.Link]
	mentions *dataloadgen.Loader[string, []store.Mention]
	nodes    *dataloadgen.Loader[string, store.Node]
}

// New makes the loaders for one request.
func New(s *store.Store) *Loaders {
	l := &Loaders{store: s, related: map[store.Rel]*dataloadgen.Loader[string, []store.Link]{}}
	l.mentions = dataloadgen.NewMappedLoader(s.Mentions, dataloadgen.WithWait(wait))
	l.nodes = dataloadgen.NewMappedLoader(s.NodesByID, dataloadgen.WithWait(wait))
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

// Related returns the entities that rel reaches from id, batched with every other id asked for the
// same rel in this request.
func (l *Loaders) Related(ctx context.Context, rel store.Rel, id string) ([]store.Link, error) {
	l.mu.Lock()
	ld, ok := l.related[rel]
	if !ok {
		ld = dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string][]store.Link, error) {
			return l.store.Related(ctx, rel, ids)
		}, dataloadgen.WithWait(wait))
		l.related[rel] = ld
	}
	l.mu.Unlock()
	links, err := ld.Load(ctx, id)
	if isMissing(err) {
		return nil, nil // no related entities is not an error
	}
	return links, err
}

// Mentions returns the evidence of an entity.
func (l *Loaders) Mentions(ctx context.Context, id string) ([]store.Mention, error) {
	m, err := l.mentions.Load(ctx, id)
	if isMissing(err) {
		return nil, nil
	}
	return m, err
}

// Nodes returns the stored entities among ids, in the order asked, skipping missing ones.
func (l *Loaders) Nodes(ctx context.Context, ids []string) ([]store.Node, error) {
	out := make([]store.Node, 0, len(ids))
	thunks := make([]func() (store.Node, error), len(ids))
	for i, id := range ids {
		thunks[i] = l.nodes.LoadThunk(ctx, id)
	}
	for _, th := range thunks {
		n, err := th()
		if isMissing(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// isMissing reports the error a mapped loader gives for a key its fetch did not return.
func isMissing(err error) bool { return errors.Is(err, dataloadgen.ErrNotFound) }
