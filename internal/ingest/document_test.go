package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"urbangraph/internal/errs"
)

// makePDF writes a one-page PDF whose text layer holds lines in Helvetica (WinAnsi text: English),
// or no text at all when lines is empty (a scan without OCR). The cross-reference table is computed,
// so the file is valid for any reader.
func makePDF(lines []string) []byte {
	var content strings.Builder
	if len(lines) > 0 {
		content.WriteString("BT /F1 12 Tf 72 720 Td 14 TL\n")
		for _, l := range lines {
			fmt.Fprintf(&content, "(%s) Tj T*\n", strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(l))
		}
		content.WriteString("ET\n")
	} else {
		content.WriteString("0 0 1 rg 72 600 200 100 re f\n") // a filled rectangle: a picture, no text
	}
	return writePDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	)
}

// writePDF writes objects 1, 2, ... (the first the catalog) as a PDF file with its
// cross-reference table.
func writePDF(objects ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

func TestDocumentsAreReadInEachFormat(t *testing.T) {
	page := `<!doctype html><html lang="en"><head><title>Varna opens a centre for marine research</title>
<meta property="article:published_time" content="2025-03-14T09:00:00Z"><script>var tracking = "Cookie banner text";</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/contact">Contact us</a></nav>
<article><h1>Varna opens a centre for marine research</h1>
<p>Varna Municipality and the Ministry of Education and Science opened the Centre for Marine Research in Varna, Bulgaria.
The centre was founded in 2025 by Varna Municipality with the support of the European Regional Development Fund.</p>
<p>Researchers from the Technical University of Varna will work in the fields of ecology, shipbuilding and tourism,
and the centre will host seminars for start-ups and schools from the whole region every month of the year.</p></article>
<footer>© 2025 Varna News. All rights reserved. Subscribe to our newsletter.</footer></body></html>`
	for _, c := range []struct {
		name, contentType string
		data              []byte
		format, title     string
		has, hasNot       []string
	}{
		{"note.txt", "", []byte("Line one.\r\nLine two.  \r\n"), Text, "", []string{"Line one.\nLine two."}, []string{"\r"}},
		{"note.md", "", []byte("# A seminar in Plovdiv\n\nExperts from *Plovdiv Municipality* met [colleagues](https://example.org)\nfrom Sofia.\n\n- one\n- two\n\n```\ncode()\n```\n"),
			Markdown, "A seminar in Plovdiv", []string{"A seminar in Plovdiv\n\nExperts from Plovdiv Municipality met colleagues from Sofia.", "one\n\ntwo"}, []string{"*", "](", "code()"}},
		{"page.html", "", []byte(page), HTML, "Varna opens a centre for marine research",
			[]string{"Varna Municipality and the Ministry of Education and Science opened", "ecology, shipbuilding and tourism"},
			[]string{"Contact us", "Cookie banner", "All rights reserved", "<p>"}},
		{"", "text/html; charset=utf-8", []byte(page), HTML, "Varna opens a centre for marine research", []string{"Centre for Marine Research"}, nil},
		{"report.pdf", "", makePDF([]string{"The Centre for Digital Transformation was founded in 2020 by Cisco.", "It is in Thessaloniki (Greece)."}),
			PDF, "", []string{"The Centre for Digital Transformation was founded in 2020 by Cisco.", "It is in Thessaloniki (Greece)."}, nil},
		{"", "", makePDF([]string{"Sniffed by its first bytes."}), PDF, "", []string{"Sniffed by its first bytes."}, nil},
	} {
		got, err := Extract(context.Background(), c.name, c.contentType, c.data)
		if err != nil {
			t.Errorf("%s %s: %v", c.name, c.contentType, err)
			continue
		}
		if got.Format != c.format || got.Title != c.title {
			t.Errorf("%s %s: format %q, title %q; want %q, %q", c.name, c.contentType, got.Format, got.Title, c.format, c.title)
		}
		for _, h := range c.has {
			if !strings.Contains(got.Text, h) {
				t.Errorf("%s %s: text lacks %q:\n%s", c.name, c.contentType, h, got.Text)
			}
		}
		for _, h := range c.hasNot {
			if strings.Contains(got.Text, h) {
				t.Errorf("%s %s: text keeps %q:\n%s", c.name, c.contentType, h, got.Text)
			}
		}
	}
	if got, _ := Extract(context.Background(), "page.html", "", []byte(page)); got.Language != "en" || got.Published != "2025-03-14" {
		t.Errorf("the page's language and date: %q, %q", got.Language, got.Published)
	}
}

func TestBadDocumentsAreClearErrors(t *testing.T) {
	for _, c := range []struct {
		name, contentType string
		data              []byte
		field, want       string
	}{
		{"a.docx", "", []byte("PK..."), "type", `unsupported type ".docx"`},
		{"", "image/png", []byte("\x89PNG"), "type", `unsupported type "image/png"`},
		{"", "not a type;;", []byte("x"), "type", "is not a media type"},
		{"b.txt", "", []byte{0xff, 0xfe, 'a'}, "document", "is not UTF-8 text"},
		{"c.txt", "", bytes.Repeat([]byte("a"), MaxBytes+1), "document", "the limit is 10485760"},
		{"d.txt", "", []byte(" \n\t "), "document", "has no text"},
		{"scan.pdf", "", makePDF(nil), "document", "has no text layer"},
		{"broken.pdf", "", []byte("%PDF-1.7 and nothing else"), "document", "broken.pdf"},
	} {
		_, err := Extract(context.Background(), c.name, c.contentType, c.data)
		var in *errs.InputError
		if !errors.As(err, &in) || in.Field != c.field || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %q: %v, want an input error on %s saying %q", c.name, c.contentType, err, c.field, c.want)
		}
	}
}

func TestTheLanguageIsDetected(t *testing.T) {
	for text, want := range map[string]string{
		"Общината представи програмата.":                                                 "bg",
		"Ο Δήμος Θεσσαλονίκης παρουσίασε το νέο πρόγραμμα.":                              "el",
		"The ministry presented a programme for cities and towns.":                       "en",
		"Експерти от Община Стара Загора обмениха опит със свои колеги от Община Солун.": "bg",
	} {
		if got := DetectLanguage(text); got != want {
			t.Errorf("%q: %q, want %q", text, got, want)
		}
	}
}
