package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// The bounds of reading a PDF. Its text layer is read page by page with ledongthuc/pdf, but its
// page tree is walked here, with a depth and a size, and each page's streams are inflated and
// measured before the library interprets them: a page tree that names itself, a content stream
// that inflates to gigabytes, or an endless operand list cannot hang the reader or exhaust memory.
const (
	maxPDFDepth    = 32   // levels of the page tree, and of a page's parents
	maxPDFPages    = 5000 // pages
	maxPDFNodes    = 2 * maxPDFPages
	maxPDFPage     = 4 << 20   // a page's content (or a font's character map), inflated
	maxPDFInflated = 128 << 20 // all streams read, inflated
)

// pdfError is a PDF the reader refuses, and why.
func pdfError(format string, a ...any) error {
	return fmt.Errorf("the PDF "+format, a...)
}

// fromPDF reads a PDF's text layer, page by page, within the bounds above; it stops when ctx ends.
func fromPDF(ctx context.Context, data []byte) (Extracted, error) {
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Extracted{}, pdfError("cannot be opened: %v", err)
	}
	pages, err := pdfPages(ctx, r.Trailer().Key("Root").Key("Pages"))
	if err != nil {
		return Extracted{}, err
	}
	budget := int64(maxPDFInflated)
	fonts := map[string]*pdf.Font{} // by name across pages, as the library's own GetPlainText does
	var text bytes.Buffer
	for i, p := range pages {
		if err := ctx.Err(); err != nil {
			return Extracted{}, err
		}
		if err := pdfPageBounded(p, i+1, &budget); err != nil {
			return Extracted{}, err
		}
		for _, name := range p.Fonts() {
			if _, ok := fonts[name]; !ok {
				f := p.Font(name)
				fonts[name] = &f
			}
		}
		t, err := p.GetPlainText(fonts)
		if err != nil {
			return Extracted{}, pdfError("page %d cannot be read: %v", i+1, err)
		}
		text.WriteString(t)
		if text.Len() > MaxText {
			return Extracted{}, pdfError("holds more than %d MiB of text", MaxText>>20)
		}
	}
	b := text.Bytes()
	if !utf8.Valid(b) {
		b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	return Extracted{Text: string(b)}, nil
}

// pdfPages lists the pages of a page tree in order, refusing a tree deeper than maxPDFDepth (one
// that holds itself is endless), larger than maxPDFNodes or with more than maxPDFPages pages.
func pdfPages(ctx context.Context, root pdf.Value) ([]pdf.Page, error) {
	var pages []pdf.Page
	nodes := 0
	var walk func(v pdf.Value, depth int) error
	walk = func(v pdf.Value, depth int) error {
		if depth > maxPDFDepth {
			return pdfError("has a page tree deeper than %d levels (one that holds itself?)", maxPDFDepth)
		}
		if nodes++; nodes > maxPDFNodes {
			return pdfError("has a page tree of more than %d nodes", maxPDFNodes)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		switch v.Key("Type").Name() {
		case "Pages":
			kids := v.Key("Kids")
			for i := range kids.Len() {
				if err := walk(kids.Index(i), depth+1); err != nil {
					return err
				}
			}
		case "Page":
			if len(pages) == maxPDFPages {
				return pdfError("has more than %d pages", maxPDFPages)
			}
			pages = append(pages, pdf.Page{V: v})
		}
		return nil
	}
	return pages, walk(root, 0)
}

// pdfPageBounded checks what the library will read for page n before it does: the chain of
// parents it inherits resources through, and the inflated size of its content and of its fonts'
// character maps, which also come out of budget.
func pdfPageBounded(p pdf.Page, n int, budget *int64) error {
	v := p.V
	for depth := 0; !v.IsNull(); depth++ {
		if depth > maxPDFDepth {
			return pdfError("page %d has more than %d parents (a parent that holds itself?)", n, maxPDFDepth)
		}
		v = v.Key("Parent")
	}
	streams := []pdf.Value{p.V.Key("Contents")}
	for _, name := range p.Fonts() {
		streams = append(streams, p.Font(name).V.Key("ToUnicode"))
	}
	for _, s := range streams {
		limit := min(maxPDFPage, *budget)
		size := pdfInflated(s, limit)
		switch {
		case size <= limit:
			*budget -= size
		case limit == maxPDFPage:
			return pdfError("page %d inflates to more than %d MiB", n, maxPDFPage>>20)
		default:
			return pdfError("inflates to more than %d MiB", maxPDFInflated>>20)
		}
	}
	return nil
}

// pdfInflated is how many bytes a stream (or an array of streams, read as one) inflates to,
// counted up to limit+1 without keeping them. A damaged stream counts what can be read of it, as
// the library will read it.
func pdfInflated(v pdf.Value, limit int64) int64 {
	var readers []io.Reader
	switch v.Kind() {
	case pdf.Stream:
		readers = append(readers, v.Reader())
	case pdf.Array:
		for i := range v.Len() {
			if s := v.Index(i); s.Kind() == pdf.Stream {
				readers = append(readers, s.Reader())
			}
		}
	}
	n, _ := io.Copy(io.Discard, io.LimitReader(io.MultiReader(readers...), limit+1))
	return n
}
