package loader

import (
	"context"
	"sync"
	"time"
)

// batcher collects the keys asked for by concurrent resolvers and fetches them in one call. A batch
// goes out once no new key has arrived for `quiet` (the burst of sibling resolvers is over), or
// `max` after its first key, whichever comes first. Compared with a fixed window, a straggler that
// is late by a scheduling hiccup still joins its siblings' batch, and a lone key waits only `quiet`.
// Results are cached for the batcher's life (one request).
type batcher[K comparable, V any] struct {
	fetch      func(ctx context.Context, keys []K) (map[K]V, error)
	quiet, max time.Duration

	mu    sync.Mutex
	cur   *batch[K, V]
	cache map[K]*batch[K, V]
}

type batch[K comparable, V any] struct {
	keys    []K
	poke    chan struct{}
	fire    chan struct{} // closed when every expected caller has joined: go now
	callers int
	expect  bool // a caller said how many callers there are: wait for them, not for quiet
	done    chan struct{}
	res     map[K]V
	err     error
}

func newBatcher[K comparable, V any](fetch func(context.Context, []K) (map[K]V, error), quiet, max time.Duration) *batcher[K, V] {
	return &batcher[K, V]{fetch: fetch, quiet: quiet, max: max, cache: map[K]*batch[K, V]{}}
}

// join returns the batch that answers key: the cached one, or the current one (started if need be),
// which the key joins. The caller holds l.mu.
func (l *batcher[K, V]) join(ctx context.Context, key K) *batch[K, V] {
	if b, ok := l.cache[key]; ok {
		return b
	}
	if l.cur == nil {
		l.cur = &batch[K, V]{poke: make(chan struct{}, 1), fire: make(chan struct{}), done: make(chan struct{})}
		go l.dispatch(ctx, l.cur)
	}
	b := l.cur
	b.keys = append(b.keys, key)
	l.cache[key] = b
	return b
}

// poke tells the current batch that keys arrived, restarting its quiet period. The caller holds l.mu.
func (l *batcher[K, V]) poke() {
	if l.cur != nil {
		select {
		case l.cur.poke <- struct{}{}:
		default:
		}
	}
}

// load returns the value for key (found false when the fetch did not return it).
func (l *batcher[K, V]) load(ctx context.Context, key K) (v V, found bool, err error) {
	got, err := l.loadMany(ctx, []K{key}, 0)
	v, found = got[key]
	return v, found, err
}

func (l *batcher[K, V]) dispatch(ctx context.Context, b *batch[K, V]) {
	maxT := time.NewTimer(l.max)
	defer maxT.Stop()
	quietT := time.NewTimer(l.quiet)
	defer quietT.Stop()
wait:
	for {
		select {
		case <-b.poke:
			quietT.Reset(l.quiet)
		case <-quietT.C:
			l.mu.Lock()
			expecting := b.expect
			l.mu.Unlock()
			if !expecting {
				break wait
			}
		case <-maxT.C:
			break wait
		case <-b.fire:
			break wait
		}
	}
	l.mu.Lock()
	if l.cur == b {
		l.cur = nil
	}
	keys := b.keys
	l.mu.Unlock()
	b.res, b.err = l.fetch(ctx, keys)
	close(b.done)
}

// loadMany asks for all keys in one go (they join the current batch together) and returns the found
// values by key. expect, when above 0, is how many loadMany calls are known to be coming for this
// batch (one per sibling list, see graph/batch.go): once that many have joined, the batch goes out at
// once instead of waiting for the quiet period.
func (l *batcher[K, V]) loadMany(ctx context.Context, keys []K, expect int) (map[K]V, error) {
	l.mu.Lock()
	wait := map[*batch[K, V]]bool{}
	of := make(map[K]*batch[K, V], len(keys))
	for _, key := range keys {
		b := l.join(ctx, key)
		of[key] = b
		wait[b] = true
	}
	if b := l.cur; b != nil {
		b.callers++
		b.expect = b.expect || expect > 0
		if expect > 0 && b.callers >= expect {
			close(b.fire)
			l.cur = nil // later callers start a new batch
		}
	}
	l.poke()
	l.mu.Unlock()
	out := make(map[K]V, len(keys))
	for b := range wait {
		select {
		case <-b.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if b.err != nil {
			return nil, b.err
		}
	}
	for key, b := range of {
		if v, ok := b.res[key]; ok {
			out[key] = v
		}
	}
	return out, nil
}
