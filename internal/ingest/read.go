package ingest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"urbangraph/internal/errs"
)

// DefaultReadTimeout is how long reading one document may take (URBANGRAPH_INGEST_READ_TIMEOUT).
const DefaultReadTimeout = 20 * time.Second

// MaxText is the most text a document may yield (10 MiB, as much as the largest file).
const MaxText = MaxBytes

// maxReading is how many documents are read at once in this process, those whose reading was
// abandoned at its deadline and still runs included: a reader that loops for ever holds its place
// until the process ends, so a handful of hostile files cannot pile up goroutines and cores.
const maxReading = 4

var reading = make(chan struct{}, maxReading)

// readTimeout is the cause of a context ended by WithReadTimeout.
type readTimeout struct{ d time.Duration }

func (e readTimeout) Error() string { return fmt.Sprintf("reading took longer than %s", e.d) }

// WithReadTimeout bounds the reading of a document (Extract) to d (DefaultReadTimeout when 0). A
// document still being read then is refused as BAD_USER_INPUT, while a parent context that ends
// first (a request's deadline, a client gone) ends it as usual.
func WithReadTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d <= 0 {
		d = DefaultReadTimeout
	}
	return context.WithTimeoutCause(ctx, d, readTimeout{d})
}

// guarded runs read where it can be abandoned: in a goroutine of its own, with a recover that turns
// a panic of a format's library into a clear BAD_USER_INPUT, and a wait that ends with ctx. A
// reader abandoned at ctx's end runs on until it stops (the PDF reader checks ctx between pages;
// a library loop may not), holding one of maxReading places.
func guarded(ctx context.Context, name, format string, read func(context.Context) (Extracted, error)) (Extracted, error) {
	select {
	case reading <- struct{}{}:
	case <-ctx.Done():
		return Extracted{}, ended(ctx, name)
	}
	type result struct {
		ex  Extracted
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() { <-reading }()
		defer func() {
			if r := recover(); r != nil {
				done <- result{err: errs.BadInput("document", "%s could not be read: it is not a valid %s file (%s)", label(name), format, damage(r))}
			}
		}()
		ex, err := read(ctx)
		done <- result{ex, err}
	}()
	select {
	case r := <-done:
		if r.err != nil && ctx.Err() != nil {
			return Extracted{}, ended(ctx, name)
		}
		return r.ex, r.err
	case <-ctx.Done():
		return Extracted{}, ended(ctx, name)
	}
}

// ended is the error of a reading its context ended: the document's fault when the read timeout
// ended it, else the context's error (a request's deadline or cancellation).
func ended(ctx context.Context, name string) error {
	var rt readTimeout
	if errors.As(context.Cause(ctx), &rt) {
		return errs.BadInput("document", "%s took longer than %s to read (URBANGRAPH_INGEST_READ_TIMEOUT): it is refused", label(name), rt.d)
	}
	return fmt.Errorf("reading %s: %w", label(name), ctx.Err())
}

// damage says what a reader's panic was about, without its internals: a runtime error (an index
// out of range in a library) is "damaged", the library's own message (a malformed structure) is
// kept, cut short.
func damage(r any) string {
	var re interface{ RuntimeError() }
	if err, ok := r.(error); ok && errors.As(err, &re) {
		return "damaged"
	}
	msg := fmt.Sprint(r)
	if len(msg) > 120 {
		msg = msg[:120] + "…"
	}
	return msg
}
