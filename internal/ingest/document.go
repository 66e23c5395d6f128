package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"mime"
	"net/http"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/abadojack/whatlanggo"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/unicode/norm"

	"urbangraph/internal/errs"
)

// MaxBytes is the largest document ingest reads (10 MiB).
const MaxBytes = 10 << 20

// The formats a document may come in.
const (
	Text     = "text"
	Markdown = "markdown"
	HTML     = "html"
	PDF      = "pdf"
)

// Extracted is the text of a document and what the document says about itself (an HTML page's
// title, language and date; a Markdown file's first heading).
type Extracted struct {
	Text, Format               string
	Title, Language, Published string
}

// Extract reads a document's text. The format comes from the file name's extension, else from the
// content type, else from the bytes themselves. HTML keeps its main text only (go-readability drops
// navigation, scripts and boilerplate), Markdown its text without the markup, PDF its text layer.
// The text is normalised (NFC, \n line ends). Errors are errs.InputError: an unsupported type, too
// large, not UTF-8, no text (a PDF without a text layer), damaged, or too long to read; an
// unsupported type's field is "type". Reading runs guarded (read.go): it ends with ctx (give it
// WithReadTimeout's), a panic in a format's library is an error, and a PDF is read within bounds.
func Extract(ctx context.Context, name, contentType string, data []byte) (Extracted, error) {
	if len(data) > MaxBytes {
		return Extracted{}, errs.BadInput("document", "%s is %d bytes; the limit is %d (10 MiB)", label(name), len(data), MaxBytes)
	}
	format, err := formatOf(name, contentType, data)
	if err != nil {
		return Extracted{}, err
	}
	if format != PDF && !utf8.Valid(data) {
		return Extracted{}, errs.BadInput("document", "%s is not UTF-8 text", label(name))
	}
	out, err := guarded(ctx, name, format, func(ctx context.Context) (Extracted, error) {
		var out Extracted
		var err error
		switch format {
		case PDF:
			out, err = fromPDF(ctx, data)
		case HTML:
			out, err = fromHTML(data)
		case Markdown:
			out = fromMarkdown(data)
		default:
			out = Extracted{Text: string(data)}
		}
		if err != nil && ctx.Err() == nil {
			return Extracted{}, errs.BadInput("document", "%s: %v", label(name), err)
		}
		return out, err
	})
	if err != nil {
		return Extracted{}, err
	}
	out.Format = format
	out.Text = normalise(out.Text)
	if out.Text == "" {
		why := "has no text"
		if format == PDF {
			why = "has no text layer (a scanned PDF needs OCR first)"
		}
		return Extracted{}, errs.BadInput("document", "%s %s", label(name), why)
	}
	return out, nil
}

func label(name string) string {
	if name == "" {
		return "the document"
	}
	return name
}

// formatOf tells a document's format by its extension, its content type, or its first bytes.
func formatOf(name, contentType string, data []byte) (string, error) {
	byExt := map[string]string{".txt": Text, ".text": Text, ".md": Markdown, ".markdown": Markdown,
		".html": HTML, ".htm": HTML, ".xhtml": HTML, ".pdf": PDF}
	if ext := strings.ToLower(filepath.Ext(name)); ext != "" {
		if f, ok := byExt[ext]; ok {
			return f, nil
		}
		return "", errs.BadInput("type", "%s: unsupported type %q (plain text, Markdown, HTML or PDF)", name, ext)
	}
	if contentType != "" {
		mt, _, err := mime.ParseMediaType(contentType)
		switch {
		case err != nil:
			return "", errs.BadInput("type", "%q is not a media type", contentType)
		case mt == "text/plain":
			return Text, nil
		case mt == "text/markdown" || mt == "text/x-markdown":
			return Markdown, nil
		case mt == "text/html" || mt == "application/xhtml+xml":
			return HTML, nil
		case mt == "application/pdf":
			return PDF, nil
		case mt != "application/octet-stream":
			return "", errs.BadInput("type", "unsupported type %q (text/plain, text/markdown, text/html or application/pdf)", mt)
		}
	}
	if bytes.HasPrefix(data, []byte("%PDF-")) {
		return PDF, nil
	}
	if strings.HasPrefix(http.DetectContentType(data), "text/html") {
		return HTML, nil
	}
	return Text, nil
}

func fromHTML(data []byte) (Extracted, error) {
	parser := readability.NewParser()
	article, err := parser.Parse(bytes.NewReader(data), nil)
	if err != nil {
		return Extracted{}, err
	}
	if article.Node == nil {
		return Extracted{}, nil
	}
	out := Extracted{Text: render.InnerText(article.Node), Title: strings.TrimSpace(article.Title()), Language: article.Language()}
	if t, err := article.PublishedTime(); err == nil && !t.IsZero() {
		out.Published = t.Format("2006-01-02")
	}
	return out, nil
}

// fromMarkdown keeps the text of every block, a blank line between blocks; the first heading is the
// title.
func fromMarkdown(data []byte) Extracted {
	doc := goldmark.New().Parser().Parse(text.NewReader(data))
	var out Extracted
	var blocks []string
	var cur strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Text:
			if entering {
				cur.Write(n.Segment.Value(data))
				if n.SoftLineBreak() || n.HardLineBreak() {
					cur.WriteByte(' ')
				}
			}
		case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		if !entering && n.Type() == ast.TypeBlock && cur.Len() > 0 {
			b := strings.TrimSpace(cur.String())
			if _, ok := n.(*ast.Heading); ok && out.Title == "" {
				out.Title = b
			}
			blocks = append(blocks, b)
			cur.Reset()
		}
		return ast.WalkContinue, nil
	})
	out.Text = strings.Join(blocks, "\n\n")
	return out
}

// normalise is the text as stored: NFC, \n line ends, no trailing spaces on lines, trimmed.
func normalise(s string) string {
	s = norm.NFC.String(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\u00a0")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// Hash is the content hash that makes ingesting idempotent: SHA-256 of the normalised text.
func Hash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// DetectLanguage names the language of a text (ISO 639-1: bg, el, en...) by its letters' trigrams
// (whatlanggo); a text too short to tell among all languages is told among bg, el and en; "" when
// even that fails.
func DetectLanguage(text string) string {
	if len(text) > 20000 {
		text = text[:20000]
		for !utf8.ValidString(text) {
			text = text[:len(text)-1]
		}
	}
	if info := whatlanggo.Detect(text); info.Confidence >= 0.1 {
		return info.Lang.Iso6391()
	}
	// Too short to tell among every language: among the three the graph is named in.
	info := whatlanggo.DetectWithOptions(text, whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{
		whatlanggo.Bul: true, whatlanggo.Ell: true, whatlanggo.Eng: true}})
	if info.Confidence == 0 {
		return ""
	}
	return info.Lang.Iso6391()
}

// Title is a text's first line, at most 200 characters: the title a press release opens with.
func Title(text string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	first = strings.TrimSpace(first)
	if r := []rune(first); len(r) > 200 {
		first = strings.TrimSpace(string(r[:200])) + "…"
	}
	return first
}
