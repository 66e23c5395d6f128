package ingest

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"urbangraph/internal/errs"
)

// refusedAs checks that err is a BAD_USER_INPUT on the document saying want.
func refusedAs(t *testing.T, err error, want string) {
	t.Helper()
	var in *errs.InputError
	if !errors.As(err, &in) || in.Field != "document" || !strings.Contains(err.Error(), want) {
		t.Fatalf("%v; want an input error on the document saying %q", err, want)
	}
}

// A ~200-byte PDF whose page tree names itself as its kid (or a page that is its own parent) made
// the reader loop for ever; it is refused, by the walk's depth and not by the deadline.
func TestAPageTreeThatHoldsItselfIsRefused(t *testing.T) {
	for name, pdf := range map[string][]byte{
		"kids": writePDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"),
		"parent": writePDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 3 0 R /Contents 4 0 R >>", "<< /Length 0 >>\nstream\n\nendstream"),
		"count": writePDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R 2 0 R 2 0 R 2 0 R] /Count 2000000000 >>"),
	} {
		t.Run(name, func(t *testing.T) {
			t.Logf("%d bytes", len(pdf))
			ctx, cancel := WithReadTimeout(context.Background(), 2*time.Second)
			defer cancel()
			_, err := Extract(ctx, "loop.pdf", "", pdf)
			refusedAs(t, err, "loop.pdf: the PDF")
			if ctx.Err() != nil {
				t.Errorf("refused only by the deadline: %v", err)
			}
		})
	}
}

// bomb is a zlib stream that inflates to n MiB of "1 " (a number, pushed on the operand stack
// for ever): one compressed MiB repeated n times, as a deflate stream may (its checksum, never
// reached, is wrong).
func bomb(t *testing.T, n int) []byte {
	t.Helper()
	var raw bytes.Buffer
	fw, _ := flate.NewWriter(&raw, flate.BestCompression)
	mib := bytes.Repeat([]byte("1 "), 1<<19)
	var blocks [][]byte
	for range 3 {
		start := raw.Len()
		_, _ = fw.Write(mib)
		_ = fw.Flush()
		blocks = append(blocks, bytes.Clone(raw.Bytes()[start:]))
	}
	if !bytes.Equal(blocks[1], blocks[2]) {
		t.Fatal("the compressor's steady block differs from one MiB to the next")
	}
	out := append([]byte{0x78, 0xda}, blocks[0]...)
	for range n - 1 {
		out = append(out, blocks[1]...)
	}
	start := raw.Len()
	_ = fw.Close()
	return append(append(out, raw.Bytes()[start:]...), 0, 0, 0, 0)
}

// A PDF whose content stream inflates to 2 GiB is refused, and reading it allocates far less than
// 500 MB in all (so memory never holds more).
func TestAnInflationBombIsRefusedWithinBoundedMemory(t *testing.T) {
	stream := bomb(t, 2048)
	zr, err := zlib.NewReader(bytes.NewReader(stream))
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := io.Copy(io.Discard, io.LimitReader(zr, 64<<20)); n != 64<<20 {
		t.Fatalf("the bomb inflates to %d bytes only", n)
	}
	pdf := writePDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", len(stream), stream))
	t.Logf("a PDF of %d KiB whose content inflates to 2 GiB", len(pdf)>>10)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ctx, cancel := WithReadTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err = Extract(ctx, "bomb.pdf", "", pdf)
	runtime.ReadMemStats(&after)
	refusedAs(t, err, "page 1 inflates to more than 4 MiB")
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 500<<20 {
		t.Errorf("reading the bomb allocated %d MiB", alloc>>20)
	} else {
		t.Logf("allocated %d KiB", alloc>>10)
	}
}

// A reader that never ends is abandoned at the read timeout, a panic is an input error, and
// abandoned readers hold their places until they end: with every place taken, the next document is
// refused at its deadline, and served again once they end.
func TestAReaderIsAbandonedAtItsDeadline(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
	})
	stuck := func(context.Context) (Extracted, error) { <-release; return Extracted{}, nil }
	for range maxReading {
		ctx, cancel := WithReadTimeout(context.Background(), 50*time.Millisecond)
		_, err := guarded(ctx, "slow.pdf", PDF, stuck)
		cancel()
		refusedAs(t, err, "slow.pdf took longer than 50ms to read")
	}
	ctx, cancel := WithReadTimeout(context.Background(), 50*time.Millisecond)
	_, err := Extract(ctx, "next.txt", "", []byte("A text."))
	cancel()
	refusedAs(t, err, "next.txt took longer than 50ms")
	close(release)
	for end := time.Now().Add(time.Minute); len(reading) > 0 && time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
	}
	if ex, err := Extract(context.Background(), "next.txt", "", []byte("A text.")); err != nil || ex.Text != "A text." {
		t.Fatalf("after the readers ended: %q, %v", ex.Text, err)
	}
	_, err = guarded(context.Background(), "odd.html", HTML, func(context.Context) (Extracted, error) { panic("a library's bug") })
	refusedAs(t, err, "odd.html could not be read: it is not a valid html file (a library's bug)")
	_, err = guarded(context.Background(), "odd.md", Markdown, func(context.Context) (Extracted, error) {
		var s []int
		return Extracted{Text: fmt.Sprint(s[3])}, nil
	})
	refusedAs(t, err, "odd.md could not be read: it is not a valid markdown file (damaged)")
	// A request that ends first (its deadline, a client gone) ends the reading with its own error.
	parent, stop := context.WithCancel(context.Background())
	stop()
	if _, err := Extract(parent, "gone.txt", "", []byte("A text.")); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled request: %v", err)
	}
}

// The pipeline stops when its context ends.
func TestProposingStopsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ProposeContext(ctx, strings.Repeat("Община Ловеч посети Плевен. ", 100), NewLinker(places)); !errors.Is(err, context.Canceled) {
		t.Errorf("ProposeContext on an ended context: %v", err)
	}
}
