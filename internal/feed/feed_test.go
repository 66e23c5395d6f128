package feed_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"urbangraph/internal/feed"
	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/store"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

// write upserts n test cities named after prefix, one write each, through w.
func write(t *testing.T, w *store.Store, prefix string, n int) {
	t.Helper()
	if err := writeCities(w, prefix, n); err != nil {
		t.Fatal(err)
	}
}

func writeCities(w *store.Store, prefix string, n int) error {
	for i := range n {
		id := fmt.Sprintf("city:%s-%d", prefix, i)
		c := store.NodeWrite{ID: id, Kind: store.City, Names: map[string]string{"en": fmt.Sprintf("%s %d", prefix, i)},
			Evidence: []store.EvidenceWrite{{Source: "source:stara-zagora-thessaloniki-seminar", Quote: "A test city."}}}
		if _, err := w.Write(context.Background(), []store.NodeWrite{c}, nil, "feed-test"); err != nil {
			return err
		}
	}
	return nil
}

// collect reads n changes from ch (10 s at most) and returns their seqs.
func collect(t *testing.T, ch <-chan store.Change, n int) []int64 {
	t.Helper()
	var seqs []int64
	timeout := time.After(10 * time.Second)
	for len(seqs) < n {
		select {
		case c, ok := <-ch:
			if !ok {
				t.Fatalf("the stream ended after %d changes", len(seqs))
			}
			seqs = append(seqs, c.Seq)
		case <-timeout:
			t.Fatalf("%d changes of %d after 10 s: %v", len(seqs), n, seqs)
		}
	}
	return seqs
}

func wantRun(from int64, n int) string {
	var seqs []int64
	for i := range n {
		seqs = append(seqs, from+int64(i)+1)
	}
	return fmt.Sprint(seqs)
}

// start runs a feed on its own store, so that its round trips can be counted apart from the writes.
func start(t *testing.T, l feed.Limits) (*feed.Feed, *store.Store) {
	t.Helper()
	fs := neo4jtest.Store(t)
	if l.Poll == 0 {
		l.Poll = 20 * time.Millisecond
	}
	f := feed.New(fs, l)
	ctx, cancel := context.WithCancel(context.Background())
	go f.Run(ctx)
	t.Cleanup(func() { cancel(); f.Close() })
	return f, fs
}

// Twenty subscribers receive every change in order, once; the queries the feed sends do not grow
// with its subscribers: it reads each change once, into its window, not once per subscriber.
func TestSubscribersShareOneTailOfTheLog(t *testing.T) {
	w := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	f, fs := start(t, feed.Limits{Poll: 50 * time.Millisecond})
	const subscribers, writes = 20, 30
	chans := make([]<-chan store.Change, subscribers)
	for i := range chans {
		ch, err := f.Subscribe(t.Context(), fmt.Sprint("client-", i), nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		chans[i] = ch
	}
	from := lastSeqOf(t, w)
	before := fs.RoundTrips()
	// The subscribers read while the writes go on, one at a time.
	var wg sync.WaitGroup
	got := make([]string, subscribers)
	for i, ch := range chans {
		wg.Go(func() { got[i] = fmt.Sprint(collect(t, ch, writes)) })
	}
	write(t, w, "tail", writes)
	wg.Wait()
	for i, g := range got {
		if g != wantRun(from, writes) {
			t.Errorf("subscriber %d: %s, want %s", i, g, wantRun(from, writes))
		}
	}
	// Per poll: the counter, and the new changes when it grew. Once per subscriber per change
	// would be 600.
	trips := fs.RoundTrips() - before
	t.Logf("%d queries for %d subscribers and %d changes", trips, subscribers, writes)
	if trips > subscribers*writes/2 {
		t.Errorf("the feed sent %d queries for %d subscribers and %d changes", trips, subscribers, writes)
	}
}

// A subscriber further behind than the window reads from the log until it catches up, then from
// the window: every change once, in order, also those written while it catches up; with ids, only
// those of the entity.
func TestASubscriberBehindTheWindowCatchesUp(t *testing.T) {
	w := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	f, _ := start(t, feed.Limits{Window: 5, Page: 7})
	from := lastSeqOf(t, w)
	write(t, w, "early", 30)
	time.Sleep(100 * time.Millisecond) // the feed has moved on: its window holds the last few
	all, err := f.Subscribe(t.Context(), "a", &from, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	one, err := f.Subscribe(t.Context(), "b", &from, []store.Kind{store.City}, []string{"city:late-3"})
	if err != nil {
		t.Fatal(err)
	}
	wrote := make(chan error, 1)
	go func() { wrote <- writeCities(w, "late", 20) }()
	if got := fmt.Sprint(collect(t, all, 50)); got != wantRun(from, 50) {
		t.Errorf("from %d: %s", from, got)
	}
	if err := <-wrote; err != nil {
		t.Fatal(err)
	}
	if got := collect(t, one, 1); got[0] != from+34 {
		t.Errorf("city:late-3's change: %v, want [%d]", got, from+34)
	}
	select {
	case c := <-all:
		t.Errorf("a change more than written: %+v", c)
	case c := <-one:
		t.Errorf("a change of another entity: %+v", c)
	case <-time.After(300 * time.Millisecond):
	}
}

func lastSeqOf(t *testing.T, s *store.Store) int64 {
	t.Helper()
	seq, err := s.LastChange(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return seq
}

// A write through the feed's own store (a write through this replica) is tailed at once, not at
// the next poll (an hour here).
func TestAWriteThroughTheReplicaIsTailedAtOnce(t *testing.T) {
	w := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	f := feed.New(w, feed.Limits{Poll: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	go f.Run(ctx)
	t.Cleanup(func() { cancel(); f.Close() })
	time.Sleep(200 * time.Millisecond) // Run's first tail: the next would come in an hour
	ch, err := f.Subscribe(t.Context(), "client", nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	from := lastSeqOf(t, w)
	write(t, w, "nudged", 3)
	if got := fmt.Sprint(collect(t, ch, 3)); got != wantRun(from, 3) {
		t.Errorf("changes: %s, want %s", got, wantRun(from, 3))
	}
}

// A replica nobody subscribes to sends no query, however long it runs; a subscription wakes it,
// and once the last one ends it goes quiet again.
func TestAnIdleFeedSendsNoQuery(t *testing.T) {
	neo4jtest.Seeded(t)
	f, fs := start(t, feed.Limits{Poll: 10 * time.Millisecond})
	before := fs.RoundTrips()
	time.Sleep(300 * time.Millisecond) // thirty polls (ordering, not a timing goal)
	if trips := fs.RoundTrips() - before; trips != 0 {
		t.Errorf("an idle feed sent %d queries", trips)
	}
	ctx, cancel := context.WithCancel(t.Context())
	if _, err := f.Subscribe(ctx, "client", nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	for end := time.Now().Add(10 * time.Second); fs.RoundTrips() == before && time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
	}
	if fs.RoundTrips() == before {
		t.Fatal("a subscription did not wake the feed")
	}
	cancel()
	quiet := func() bool { // no query over twenty polls
		n := fs.RoundTrips()
		time.Sleep(200 * time.Millisecond)
		return fs.RoundTrips() == n
	}
	for end := time.Now().Add(10 * time.Second); !quiet(); {
		if time.Now().After(end) {
			t.Fatal("the feed kept querying after its last subscription ended")
		}
	}
}
