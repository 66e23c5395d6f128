// Package feed serves the change log live. Each API replica tails the log in Neo4j: Run reads the
// log's counter every poll (and at once after a write through the replica's own store) and, when
// it grew, the new changes, into a window of the most recent ones; a subscriber takes its changes
// from that window, and reads them from the log itself only while it is further behind than the
// window reaches (a client resuming from an old sequence number, or one too slow to keep up). So a
// change written through any replica reaches the subscribers of every replica, in order and
// exactly once, a client that reconnects with the last number it saw misses nothing, and the
// queries a replica sends do not grow with its subscribers (docs/changes.md). The window holds only
// what was read from the log, whose numbers are gap-free and visible in order (package store), so a
// contiguous run of them is all there is.
package feed

import (
	"context"
	"slices"
	"sync"
	"time"

	"urbangraph/internal/errs"
	"urbangraph/internal/store"
)

// ErrTooMany refuses a subscription over the caps (Limits): TOO_MANY_SUBSCRIPTIONS.
var ErrTooMany = errs.ErrTooManySubscriptions

// Limits bound subscriptions: in total on this replica, and per client (a token's name, or an
// anonymous client's address).
type Limits struct {
	Total, PerClient int
	Poll             time.Duration // how often the log's counter is read (default 100 ms)
	Page             int           // changes a subscriber behind the window reads at a time (default 100)
	Window           int           // the most recent changes kept for subscribers (default 1,000)
}

// Feed is one replica's view of the log.
type Feed struct {
	s      *store.Store
	limits Limits

	wg   sync.WaitGroup // Run and every subscriber's reader
	stop chan struct{}  // closed by Close
	poke chan struct{}  // a write through this replica committed: tail now (Store.OnCommit)

	mu      sync.Mutex
	started bool           // Run has read the counter
	last    int64          // the log's newest sequence number, as last read
	window  []store.Change // the changes last-len(window)+1 … last, in order
	grew    chan struct{}  // closed (and replaced) when last changes
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
	if l.Window <= 0 {
		l.Window = 1000
	}
	if l.Total <= 0 {
		l.Total = 1000
	}
	if l.PerClient <= 0 {
		l.PerClient = 20
	}
	f := &Feed{s: s, limits: l, grew: make(chan struct{}), clients: map[string]int{}, stop: make(chan struct{}),
		poke: make(chan struct{}, 1)}
	s.OnCommit(f.nudge)
	return f
}

// nudge asks Run to tail the log now; nudges that come while one waits make one.
func (f *Feed) nudge() {
	select {
	case f.poke <- struct{}{}:
	default:
	}
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

// Run tails the log every Limits.Poll, and at once after a write through this replica's store or
// a new subscription, until ctx ends, waking subscribers when it grows. Writes through other
// replicas are seen at the next poll. While no subscription is open on the replica it sends no
// query at all: an idle replica costs Neo4j nothing.
func (f *Feed) Run(ctx context.Context) {
	f.wg.Add(1)
	defer f.wg.Done()
	ctx, cancel := f.stoppable(ctx)
	defer cancel()
	t := time.NewTicker(f.limits.Poll)
	defer t.Stop()
	for {
		if f.subscribed() {
			f.tail(ctx)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-f.poke:
		}
	}
}

// subscribed reports whether a subscription is open on this replica.
func (f *Feed) subscribed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.total > 0
}

// tail reads the log's counter and, when it grew by at most a window, the new changes (one query
// each, whatever the number of subscribers). A larger jump, or a log started anew (`urbangraph
// wipe`), empties the window: subscribers behind it read from the log. A failed read changes
// nothing; the next poll tries again.
func (f *Feed) tail(ctx context.Context) {
	seq, err := f.s.LastChange(ctx)
	if err != nil {
		return
	}
	f.mu.Lock()
	started, last := f.started, f.last
	f.mu.Unlock()
	if started && seq == last {
		return
	}
	var fresh []store.Change
	if started && seq > last && seq-last <= int64(f.limits.Window) {
		if fresh, err = f.s.Changes(ctx, last, int(seq-last), nil, nil); err != nil {
			return
		}
		if !contiguous(fresh, last, seq) {
			fresh = nil
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if fresh != nil {
		f.window = append(f.window, fresh...)
		if len(f.window) > 2*f.limits.Window { // keep between one and two windows
			f.window = slices.Clone(f.window[len(f.window)-f.limits.Window:])
		}
	} else {
		f.window = nil
	}
	f.started, f.last = true, seq
	close(f.grew)
	f.grew = make(chan struct{})
}

// contiguous reports whether changes are exactly the numbers after … last.
func contiguous(changes []store.Change, after, last int64) bool {
	for i, c := range changes {
		if c.Seq != after+int64(i)+1 {
			return false
		}
	}
	return int64(len(changes)) == last-after
}

// since returns the window's changes after from, and whether the window reaches back to from (it
// holds every change after it). f.mu must be held. The slice is never written again: appends go
// past its end, and a trim copies.
func (f *Feed) since(from int64) ([]store.Change, bool) {
	start := f.last - int64(len(f.window)) // the window holds start+1 … last
	switch {
	case !f.started || from < start:
		return nil, false
	case from >= f.last:
		return nil, true
	}
	return f.window[from-start:], true
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
	f.nudge() // Run tails now: it may have been idle
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

// stream delivers every matching change after from, in order: from the window when it reaches back
// to from, otherwise page by page from the log; then it waits for the log to grow.
func (f *Feed) stream(ctx context.Context, from int64, kinds []store.Kind, ids []string, out chan<- store.Change) {
	for {
		f.mu.Lock()
		grew, started, upto := f.grew, f.started, f.last
		recent, inWindow := f.since(from)
		f.mu.Unlock()
		var retry <-chan time.Time
		if inWindow {
			for _, c := range recent {
				if store.ChangeMatches(c, kinds, ids) && !send(ctx, out, c) {
					return
				}
				from = c.Seq
			}
			if len(recent) > 0 {
				continue
			}
		} else {
			page, err := f.s.Changes(ctx, from, f.limits.Page, kinds, ids)
			for _, c := range page {
				if !send(ctx, out, c) {
					return
				}
				from = c.Seq
			}
			switch {
			case err != nil: // the database may come back: try again after a poll
				retry = time.After(f.limits.Poll)
			case len(page) == f.limits.Page:
				continue
			case started:
				// Every change up to upto was committed before this read began: none is left to read.
				from = max(from, upto)
				continue
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-grew:
		case <-retry:
		}
	}
}

func send(ctx context.Context, out chan<- store.Change, c store.Change) bool {
	select {
	case out <- c:
		return true
	case <-ctx.Done():
		return false
	}
}
