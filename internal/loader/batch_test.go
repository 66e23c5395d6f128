package loader

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func countingFetch(calls *atomic.Int32, sizes chan<- int) func(context.Context, []int) (map[int]string, error) {
	return func(_ context.Context, keys []int) (map[int]string, error) {
		calls.Add(1)
		if sizes != nil {
			sizes <- len(keys)
		}
		out := map[int]string{}
		for _, k := range keys {
			if k >= 0 {
				out[k] = fmt.Sprint(k)
			}
		}
		return out, nil
	}
}

func TestSiblingsArrivingInABurstShareOneFetch(t *testing.T) {
	var calls atomic.Int32
	// The quiet period is far longer than the gap between arrivals, so scheduling noise on a busy
	// machine cannot split the burst; the burst as a whole lasts far longer than the quiet period
	// would if it were a fixed window (50 × 20 ms = 1 s against 250 ms).
	b := newBatcher(countingFetch(&calls, nil), 250*time.Millisecond, 10*time.Second)
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i) * 20 * time.Millisecond)
			v, found, err := b.load(context.Background(), i)
			if err != nil || !found || v != fmt.Sprint(i) {
				t.Errorf("load(%d) = %q %v %v", i, v, found, err)
			}
		}()
	}
	wg.Wait()
	if calls.Load() != 1 {
		t.Errorf("%d fetches for one burst of 50 keys", calls.Load())
	}
}

func TestALoadOfACachedKeyDoesNotFetchAgain(t *testing.T) {
	var calls atomic.Int32
	b := newBatcher(countingFetch(&calls, nil), time.Millisecond, time.Second)
	for range 3 {
		if _, found, err := b.load(context.Background(), 7); err != nil || !found {
			t.Fatal(found, err)
		}
	}
	if _, found, _ := b.load(context.Background(), -1); found {
		t.Error("a key the fetch did not return was found")
	}
	if calls.Load() != 2 {
		t.Errorf("%d fetches, want 2 (7 once, -1 once)", calls.Load())
	}
}

func TestTheMaximumWaitBoundsANeverQuietBatch(t *testing.T) {
	var calls atomic.Int32
	sizes := make(chan int, 100)
	b := newBatcher(countingFetch(&calls, sizes), 10*time.Millisecond, 20*time.Millisecond)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	for i := 0; ctx.Err() == nil && i < 100; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); _, _, _ = b.load(ctx, i) }()
		time.Sleep(time.Millisecond) // never quiet for 10 ms
	}
	wg.Wait()
	if calls.Load() < 2 {
		t.Errorf("%d fetches: the maximum wait did not cut the batch", calls.Load())
	}
}

func TestFetchErrorsReachEveryWaiter(t *testing.T) {
	boom := errors.New("boom")
	b := newBatcher(func(context.Context, []int) (map[int]string, error) { return nil, boom }, time.Millisecond, time.Second)
	var wg sync.WaitGroup
	for i := range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, _, err := b.load(context.Background(), i); !errors.Is(err, boom) {
				t.Errorf("load(%d) err = %v", i, err)
			}
		}()
	}
	wg.Wait()
}

func TestLoadManyJoinsOneBatchWithConcurrentLoads(t *testing.T) {
	var calls atomic.Int32
	b := newBatcher(countingFetch(&calls, nil), 50*time.Millisecond, 10*time.Second)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		got, err := b.loadMany(context.Background(), []int{1, 2, 3, -1}, 0)
		if err != nil || len(got) != 3 || got[2] != "2" {
			t.Errorf("loadMany = %v %v", got, err)
		}
	}()
	go func() {
		defer wg.Done()
		if v, found, err := b.load(context.Background(), 9); err != nil || !found || v != "9" {
			t.Errorf("load = %q %v %v", v, found, err)
		}
	}()
	wg.Wait()
	if calls.Load() != 1 {
		t.Errorf("%d fetches, want 1", calls.Load())
	}
}

// When the number of callers is known, the batch goes out as soon as the last one joins, long before
// the quiet period would end.
func TestAnExpectedNumberOfCallersFiresTheBatchAtOnce(t *testing.T) {
	var calls atomic.Int32
	b := newBatcher(countingFetch(&calls, nil), time.Hour, time.Hour)
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := b.loadMany(context.Background(), []int{i * 10, i*10 + 1}, 3)
			if err != nil || len(got) != 2 {
				t.Errorf("loadMany = %v %v", got, err)
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the batch waited for the quiet period despite all expected callers joining")
	}
	if calls.Load() != 1 {
		t.Errorf("%d fetches for 3 expected callers, want 1", calls.Load())
	}
}
