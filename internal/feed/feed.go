// Package feed serves the change log live: each API replica polls the log's counter in Neo4j and
// wakes its subscribers, and each subscriber reads its changes from the log itself, from the last
// sequence number it delivered. So a change written through any replica reaches the subscribers of
// every replica, in order and exactly once, and a client that reconnects with the last number it
// saw misses nothing (docs/changes.md). Nothing is broadcast from memory: memory only says "the
// log grew".
package feed

import (
	"context"
	"errors"
	"sync"
	"time"

	"urbangraph/internal/store"
)

// ErrTooMany refuses a subscription over the caps (Limits).
var ErrTooMany = errors.New("too many subscriptions")

// Limits bound subscriptions: in total on this replica, and per client (a token's name, or an
// anonymous client's address).
type Limits struct {
	Total, PerClient int
	Poll             time.Duration // how often the log's counter is read (default 100 ms)
	Page             int           // changes read at a time (default 100)
}

// Feed is one replica's view of the log.
type Feed struct {
	s      *store.Store
	limits Limits

	wg   sync.WaitGroup // Run and every subscriber's reader
	stop chan struct{}  // closed by Close

	mu      sync.Mutex
	last    int64         // the log's newest sequence number, as last read
	grew    chan struct{} // closed (and replaced) when last grows
	total   int
	clients map[string]int
}

// New returns a feed over s; Run must run for it to see the log grow.
func New(s *store.Store, l Limits) *Feed {
	if l.Poll <= 0 {
		l.Poll = 100 * time.Millisecond
	}
	if l.Page <= 0 {
		l.Page = 100
	}
	if l.Total <= 0 {
		l.Total = 1000
	}
	if l.PerClient <= 0 {
		l.PerClient = 20
	}
	return &Feed{s: s, limits: l, grew: make(chan struct{}), clients: map[string]int{}, stop: make(chan struct{})}
}

// Close ends Run and every subscription, and waits until none reads the store any more.
func (f *Feed) Close() {
	f.mu.Lock()
	select {
	case <-f.stop:
	default:
		close(f.stop)
	}
	f.mu.Unlock()
	f.wg.Wait()
}

// Run reads the log's counter every Limits.Poll until ctx ends, waking subscribers when it grows.
func (f *Feed) Run(ctx context.Context) {
	f.wg.Add(1)
	defer f.wg.Done()
	ctx, cancel := f.stoppable(ctx)
	defer cancel()
	t := time.NewTicker(f.limits.Poll)
	defer t.Stop()
	for {
		if seq, err := f.s.LastChange(ctx); err == nil {
			f.mu.Lock()
			if seq != f.last {
				f.last = seq
				close(f.grew)
				f.grew = make(chan struct{})
			}
			f.mu.Unlock()
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Subscribe streams the changes after sequence number after (nil: from now on) that match kinds
// and ids, until ctx ends, for client. It refuses with ErrTooMany over the caps.
func (f *Feed) Subscribe(ctx context.Context, client string, after *int64, kinds []store.Kind, ids []string) (<-chan store.Change, error) {
	from := int64(0)
	if after != nil {
		from = *after
	} else {
		seq, err := f.s.LastChange(ctx)
		if err != nil {
			return nil, err
		}
		from = seq
	}
	f.mu.Lock()
	if f.total >= f.limits.Total || f.clients[client] >= f.limits.PerClient {
		f.mu.Unlock()
		return nil, ErrTooMany
	}
	f.total++
	f.clients[client]++
	f.wg.Add(1)
	f.mu.Unlock()
	out := make(chan store.Change)
	go func() {
		defer f.wg.Done()
		defer f.release(client)
		defer close(out)
		ctx, cancel := f.stoppable(ctx)
		defer cancel()
		f.stream(ctx, from, kinds, ids, out)
	}()
	return out, nil
}

// stoppable is ctx, ended also by Close.
func (f *Feed) stoppable(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		select {
		case <-f.stop:
			cancel()
		case <-ctx.Done():
		}
	}()
	return ctx, cancel
}

func (f *Feed) release(client string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.total--
	if f.clients[client]--; f.clients[client] <= 0 {
		delete(f.clients, client)
	}
}

// stream delivers, page by page from the log, every matching change after from; when it has
// read everything, it waits for the log to grow.
func (f *Feed) stream(ctx context.Context, from int64, kinds []store.Kind, ids []string, out chan<- store.Change) {
	for {
		f.mu.Lock()
		grew := f.grew
		f.mu.Unlock()
		page, err := f.s.Changes(ctx, from, f.limits.Page, kinds, ids)
		if err != nil {
			select { // the database may come back: try again after a poll
			case <-ctx.Done():
				return
			case <-time.After(f.limits.Poll):
				continue
			}
		}
		for _, c := range page {
			select {
			case out <- c:
				from = c.Seq
			case <-ctx.Done():
				return
			}
		}
		if len(page) == f.limits.Page {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-grew:
		}
	}
}
