package ingest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
	"urbangraph/internal/errs"
)

// Whatever a document says, the reader does not fail nor hang, and every proposal points at a
// sentence of the text and at entities it proposes or mentions.
func FuzzPropose(f *testing.F) {
	for _, s := range []string{
		"Община Ловеч и Аграрният университет създадоха Център за зелени технологии.",
		"Ο Δήμος Κοζάνης φιλοξένησε την ημερίδα «Νερό και πόλη» (ΝΠ), στο πλαίσιο του έργου AQUA-2.",
		"The Smart Towns call benefited Lovech Municipality, Pleven Municipality (Bulgaria) and the University of Ruse.",
		"„Ще продължим“, заяви г-жа Иванова. Той разполага с отдел за анализи – Lab 4.0, както и отдели STEM и Robotics.",
		"(", "„", "A (B) «C» – , и и and και ; : . ...", "20 21-2027 (3 юни), Пловдив (5 юни) и Русе.",
	} {
		f.Add(s)
	}
	l := NewLinker(places)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		// A hang is a failure the fuzzer would not report (its workers wait for ever): ten seconds
		// on a short input is no time goal but a hang's sign.
		var p Proposals
		done := make(chan bool)
		go func() { p = Propose(text, l); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("no answer in 10 s: %q", text)
		}
		ids := map[string]bool{}
		for _, e := range p.Entities {
			ids[e.ID] = true
		}
		for _, m := range p.Mentions {
			for _, c := range m.Candidates {
				ids[c.ID] = true
			}
		}
		runes := []rune(text)
		for _, r := range p.Relations {
			if !ids[r.From] || !ids[r.To] {
				t.Fatalf("%q: %s %s %s names an entity the text does not", text, r.From, r.Type, r.To)
			}
			if r.Start < 0 || r.End > len(runes) || string(runes[r.Start:r.End]) != r.Quote {
				t.Fatalf("%q: the quote %q is not the text at %d–%d", text, r.Quote, r.Start, r.End)
			}
		}
	})
}

// Whatever bytes a file of each format holds, reading it answers, within its read timeout and by
// itself (not at the deadline), with text or an input error: no panic escapes, nothing hangs.
func FuzzExtract(f *testing.F) {
	f.Add(uint8(0), []byte("Община Ловеч и Аграрният университет.\n\nВторият абзац."))
	f.Add(uint8(1), []byte("# Заглавие\n\n*Ο Δήμος Κοζάνης* [φιλοξένησε](http://x) την ημερίδα.\n\n```\ncode\n```"))
	f.Add(uint8(2), []byte(`<html lang="en"><head><title>T</title></head><body><article><p>The centre opened.</p></article></body></html>`))
	f.Add(uint8(3), makePDF([]string{"The Centre for Digital Transformation was founded in 2020 by Cisco."}))
	f.Add(uint8(3), writePDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"))
	names := []string{"f.txt", "f.md", "f.html", "f.pdf"}
	f.Fuzz(func(t *testing.T, format uint8, data []byte) {
		ctx, cancel := WithReadTimeout(context.Background(), 10*time.Second)
		defer cancel()
		ex, err := Extract(ctx, names[int(format)%len(names)], "", data)
		var in *errs.InputError
		switch {
		case err == nil:
			if !utf8.ValidString(ex.Text) || ex.Text == "" || len(ex.Text) > MaxText {
				t.Fatalf("text of %d bytes, valid UTF-8 %v", len(ex.Text), utf8.ValidString(ex.Text))
			}
		case !errors.As(err, &in):
			t.Fatalf("not an input error: %v", err)
		case strings.Contains(err.Error(), "took longer"):
			t.Fatalf("no answer within the read timeout on %d bytes", len(data))
		}
	})
}
