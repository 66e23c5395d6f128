// Package importer reads graph data (the JSON document format of docs/import.md, JSON Lines, and the
// CSV files `urbangraph export` writes), checks every row against the model (known kinds and
// relationship types, IDs of the form kind:slug, names, and a source sentence for every fact), and
// writes the good rows to the store in batches. Bad rows are reported with their file and line.
package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"urbangraph/internal/store"
)

// DefaultBatchSize is how many rows one transaction writes (docs/benchmarks.md has the measurement
// behind it).
const DefaultBatchSize = 5000

// Options tune an import.
type Options struct {
	BatchSize int    // rows per transaction; DefaultBatchSize when 0
	Strict    bool   // any bad row aborts the whole import before anything is written
	Actor     string // recorded as createdBy/updatedBy and in the change log
	// LogEntities records every entity and relationship written in the change log; by default a
	// batch is one record with its counts (an import may write millions).
	LogEntities bool
	// RefuseDuplicates rejects a row whose external identifier (a GeoNames ID) a stored entity of
	// another ID holds, naming both, instead of writing the row to that entity.
	RefuseDuplicates bool
	Progress         io.Writer // where progress goes (nil: nowhere)
	Terminal         bool      // Progress is a terminal: redraw one line instead of printing lines
}

// Summary is what an import did.
type Summary struct {
	Files    []string
	Counts   store.Counts
	Rejected []Problem
	Joined   []Joined // rows written to the stored entity holding their external identifier
	Elapsed  time.Duration
}

// ErrRejected is returned (wrapped) when some rows were rejected and the rest imported.
var ErrRejected = errors.New("rows rejected")

// Run reads, checks and writes the files at paths. In strict mode a bad row means nothing is
// written (ProblemsError). Otherwise the good rows are written and the error wraps ErrRejected
// when any row was rejected. Entities go first (sources before the rest), then relationships, in
// transactions of BatchSize rows: an import killed half-way leaves whole batches behind, and
// running it again completes it without duplicates, because every write merges on IDs.
//
// The files are streamed, several times (see checker): memory holds the import's IDs and one batch,
// not its rows. A strict import checks everything in a dry run before writing.
func Run(ctx context.Context, s *store.Store, paths []string, o Options) (Summary, error) {
	start := time.Now()
	if o.BatchSize <= 0 {
		o.BatchSize = DefaultBatchSize
	}
	files, err := Files(paths)
	if err != nil {
		return Summary{}, err
	}
	each := func(sk sink) error { _, err := ReadEach(files, sk); return err }
	c := newChecker()
	if err := c.index(each, StoreLookups(ctx, s, o.RefuseDuplicates)); err != nil {
		return Summary{Files: files}, err
	}
	sum := Summary{Files: files}
	if o.Strict {
		if err := c.check(each, nil, nil); err != nil {
			return sum, err
		}
		if len(c.rejected) > 0 {
			sum.Rejected = c.rejected
			return sum, ProblemsError(c.rejected)
		}
	}
	p := newProgress(o.Progress, o.Terminal, func() int { return int(c.rows.Load()) })
	// One goroutine writes the batches, in order, while the files are read for the next one.
	wr := newWriter()
	nodes := newBatch(o.BatchSize, wr, func(b []store.NodeWrite) (store.Counts, error) {
		return s.ImportBatch(ctx, b, nil, o.Actor, o.LogEntities)
	}, &sum.Counts, p)
	rels := newBatch(o.BatchSize, wr, func(b []store.RelWrite) (store.Counts, error) {
		return s.ImportBatch(ctx, nil, b, o.Actor, o.LogEntities)
	}, &sum.Counts, p)
	err = c.check(each, nodes.add, func(w store.RelWrite) error {
		if err := nodes.flush(); err != nil { // every entity is written before the first relationship
			return err
		}
		return rels.add(w)
	})
	if err == nil {
		err = nodes.flush()
	}
	if err == nil {
		err = rels.flush()
	}
	if werr := wr.close(); err == nil {
		err = werr
	}
	sum.Rejected, sum.Joined = c.rejected, c.joined
	if err != nil {
		return sum, err
	}
	p.done()
	sum.Elapsed = time.Since(start)
	if len(c.rejected) > 0 {
		return sum, fmt.Errorf("%d %w", len(c.rejected), ErrRejected)
	}
	return sum, nil
}

// writer runs jobs one at a time, in order, on a goroutine of its own; after a job fails it runs no
// more and reports the error.
type writer struct {
	jobs chan func() error
	done chan struct{}
	mu   sync.Mutex
	err  error
}

func newWriter() *writer {
	w := &writer{jobs: make(chan func() error, 1), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		for job := range w.jobs {
			if w.failed() != nil {
				continue
			}
			if err := job(); err != nil {
				w.mu.Lock()
				w.err = err
				w.mu.Unlock()
			}
		}
	}()
	return w
}

func (w *writer) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// submit queues a job (waiting while one is queued already) and returns an earlier job's error.
func (w *writer) submit(job func() error) error {
	if err := w.failed(); err != nil {
		return err
	}
	w.jobs <- job
	return nil
}

// close waits for the queued jobs and returns the first error.
func (w *writer) close() error {
	close(w.jobs)
	<-w.done
	return w.failed()
}

// batch collects rows and has the writer write them in transactions of size rows, adding up the
// counts and the progress.
type batch[T any] struct {
	rows    []T
	size    int
	written int
	w       *writer
	write   func([]T) (store.Counts, error)
	counts  *store.Counts
	p       *progress
}

func newBatch[T any](size int, w *writer, write func([]T) (store.Counts, error), counts *store.Counts, p *progress) *batch[T] {
	return &batch[T]{size: size, w: w, write: write, counts: counts, p: p}
}

func (b *batch[T]) add(row T) error {
	b.rows = append(b.rows, row)
	if len(b.rows) >= b.size {
		return b.flush()
	}
	return nil
}

func (b *batch[T]) flush() error {
	if len(b.rows) == 0 {
		return nil
	}
	rows, first := b.rows, b.written+1
	b.rows, b.written = make([]T, 0, b.size), b.written+len(rows)
	return b.w.submit(func() error {
		c, err := b.write(rows)
		if err != nil {
			return fmt.Errorf("writing rows %d-%d: %w", first, first+len(rows)-1, err)
		}
		b.counts.Add(c)
		b.p.add(len(rows))
		return nil
	})
}

// Import loads documents strictly (all or nothing), without progress: for the seed and tests.
func Import(ctx context.Context, s *store.Store, paths []string, actor string) (Summary, error) {
	return Run(ctx, s, paths, Options{Strict: true, Actor: actor})
}

// progress reports how far an import is, with its rate and the time left. The total is what the
// checks have let through so far: it only shrinks as rows are rejected.
type progress struct {
	w           io.Writer
	terminal    bool
	total       func() int
	written     int
	start, last time.Time
}

func newProgress(w io.Writer, terminal bool, total func() int) *progress {
	now := time.Now()
	return &progress{w: w, terminal: terminal, total: total, start: now, last: now}
}

func (p *progress) add(n int) {
	p.written += n
	if p.w == nil {
		return
	}
	now := time.Now()
	// A terminal is redrawn at most 10 times a second; a log gets a line every 5 seconds.
	if (p.terminal && now.Sub(p.last) < 100*time.Millisecond) || (!p.terminal && now.Sub(p.last) < 5*time.Second) {
		return
	}
	p.last = now
	p.print(now)
}

func (p *progress) print(now time.Time) {
	elapsed := now.Sub(p.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(p.written) / elapsed
	}
	total := p.total()
	eta := "?"
	if rate > 0 {
		eta = (time.Duration(float64(total-p.written)/rate) * time.Second).Round(time.Second).String()
	}
	pct := 100
	if total > 0 {
		pct = p.written * 100 / total
	}
	if p.terminal {
		const width = 30
		bar := make([]byte, width)
		for i := range bar {
			bar[i] = ' '
			if i < pct*width/100 {
				bar[i] = '='
			}
		}
		fmt.Fprintf(p.w, "\r[%s] %3d%% %d/%d elements  %.0f/s  ETA %s   ", bar, pct, p.written, total, rate, eta)
		return
	}
	fmt.Fprintf(p.w, "import: %d/%d elements (%d%%), %.0f/s, ETA %s\n", p.written, total, pct, rate, eta)
}

func (p *progress) done() {
	if p.w == nil {
		return
	}
	p.print(time.Now())
	if p.terminal {
		fmt.Fprintln(p.w)
	}
}

// IsTerminal reports whether f is a terminal (a character device), for choosing the progress style.
func IsTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
