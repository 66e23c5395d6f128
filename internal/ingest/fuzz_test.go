package ingest

import (
	"testing"
	"time"
	"unicode/utf8"
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
