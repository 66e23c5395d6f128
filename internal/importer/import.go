package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"urbangraph/internal/store"
)

// DefaultBatchSize is how many rows one transaction writes (docs/benchmarks.md has the measurement
// behind it).
const DefaultBatchSize = 5000

// Options tune an import.
type Options struct {
	BatchSize int       // rows per transaction; DefaultBatchSize when 0
	Strict    bool      // any bad row aborts the whole import before anything is written
	Actor     string    // recorded as createdBy/updatedBy
	Progress  io.Writer // where progress goes (nil: nowhere)
	Terminal  bool      // Progress is a terminal: redraw one line instead of printing lines
}

// Summary is what an import did.
type Summary struct {
	Files    []string
	Counts   store.Counts
	Rejected []Problem
	Elapsed  time.Duration
}

// Elements is how many entities and relationships were written or found unchanged.
func (s Summary) Elements() int {
	c := s.Counts
	return c.NodesCreated + c.NodesUpdated + c.NodesUnchanged + c.RelsCreated + c.RelsUpdated + c.RelsUnchanged
}

// ErrRejected is returned (wrapped) when some rows were rejected and the rest imported.
var ErrRejected = errors.New("rows rejected")

// Run reads, checks and writes the files at paths. In strict mode a bad row means nothing is
// written (ProblemsError). Otherwise the good rows are written and the error wraps ErrRejected
// when any row was rejected. Entities go first (sources before the rest), then relationships, in
// transactions of BatchSize rows: an import killed half-way leaves whole batches behind, and
// running it again completes it without duplicates, because every write merges on IDs.
func Run(ctx context.Context, s *store.Store, paths []string, o Options) (Summary, error) {
	start := time.Now()
	if o.BatchSize <= 0 {
		o.BatchSize = DefaultBatchSize
	}
	in, err := Read(paths)
	if err != nil {
		return Summary{}, err
	}
	plan, err := Check(in, func(ids []string) (map[string]bool, error) { return s.ExistingIDs(ctx, ids) })
	if err != nil {
		return Summary{}, err
	}
	sum := Summary{Files: in.Files, Rejected: plan.Rejected}
	if o.Strict && len(plan.Rejected) > 0 {
		return sum, ProblemsError(plan.Rejected)
	}
	total := len(plan.Nodes) + len(plan.Rels)
	p := newProgress(o.Progress, o.Terminal, total)
	writeNodes := func(b []store.NodeWrite) (store.Counts, error) { return s.Write(ctx, b, nil, o.Actor) }
	writeRels := func(b []store.RelWrite) (store.Counts, error) { return s.Write(ctx, nil, b, o.Actor) }
	if err := inBatches("entities", plan.Nodes, o.BatchSize, writeNodes, &sum.Counts, p); err != nil {
		return sum, err
	}
	if err := inBatches("relationships", plan.Rels, o.BatchSize, writeRels, &sum.Counts, p); err != nil {
		return sum, err
	}
	p.done()
	sum.Elapsed = time.Since(start)
	if len(plan.Rejected) > 0 {
		return sum, fmt.Errorf("%d %w", len(plan.Rejected), ErrRejected)
	}
	return sum, nil
}

// inBatches writes rows in transactions of size rows each, adding up the counts and the progress.
func inBatches[T any](what string, rows []T, size int, write func([]T) (store.Counts, error), counts *store.Counts, p *progress) error {
	for i := 0; i < len(rows); i += size {
		batch := rows[i:min(i+size, len(rows))]
		c, err := write(batch)
		if err != nil {
			return fmt.Errorf("writing %s %d-%d: %w", what, i+1, i+len(batch), err)
		}
		counts.Add(c)
		p.add(len(batch))
	}
	return nil
}

// Import loads documents strictly (all or nothing), without progress: for the seed and tests.
func Import(ctx context.Context, s *store.Store, paths []string, actor string) (Summary, error) {
	return Run(ctx, s, paths, Options{Strict: true, Actor: actor})
}

// progress reports how far an import is, with its rate and the time left.
type progress struct {
	w              io.Writer
	terminal       bool
	total, written int
	start, last    time.Time
}

func newProgress(w io.Writer, terminal bool, total int) *progress {
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
	eta := "?"
	if rate > 0 {
		eta = (time.Duration(float64(p.total-p.written)/rate) * time.Second).Round(time.Second).String()
	}
	pct := 100
	if p.total > 0 {
		pct = p.written * 100 / p.total
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
		fmt.Fprintf(p.w, "\r[%s] %3d%% %d/%d elements  %.0f/s  ETA %s   ", bar, pct, p.written, p.total, rate, eta)
		return
	}
	fmt.Fprintf(p.w, "import: %d/%d elements (%d%%), %.0f/s, ETA %s\n", p.written, p.total, pct, rate, eta)
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
