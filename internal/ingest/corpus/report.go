package corpus

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// Counts are a set of documents' figures at the threshold: annotated entities found with the right
// kind, annotated facts found, and proposed relationships that are facts (Right) among those
// proposed (Proposed; the implied ones left out).
type Counts struct {
	Documents            int
	Entities, EntitiesOf int
	Facts, FactsOf       int
	Right, Proposed      int
}

// Counts are the result's figures.
func (r Result) Counts() Counts {
	c := Counts{Documents: 1, EntitiesOf: len(r.Entities), FactsOf: len(r.Facts)}
	for _, e := range r.Entities {
		if e.Rule != "" {
			c.Entities++
		}
	}
	for _, f := range r.Facts {
		if f.Rule != "" {
			c.Facts++
		}
	}
	for _, rel := range r.Relations {
		if rel.Confidence < r.Min || rel.Verdict == Implied {
			continue
		}
		c.Proposed++
		if rel.Verdict == Right {
			c.Right++
		}
	}
	return c
}

func (c Counts) add(o Counts) Counts {
	return Counts{c.Documents + o.Documents, c.Entities + o.Entities, c.EntitiesOf + o.EntitiesOf,
		c.Facts + o.Facts, c.FactsOf + o.FactsOf, c.Right + o.Right, c.Proposed + o.Proposed}
}

// EntityRecall, FactRecall and Precision are shares between 0 and 1 (1 for precision when nothing
// was proposed).
func (c Counts) EntityRecall() float64 { return share(c.Entities, c.EntitiesOf) }
func (c Counts) FactRecall() float64   { return share(c.Facts, c.FactsOf) }
func (c Counts) Precision() float64 {
	if c.Proposed == 0 {
		return 1
	}
	return share(c.Right, c.Proposed)
}

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// Report is a corpus's results.
type Report struct {
	Corpus  string
	Command string
	Min     float64
	Results []Result
}

// Totals adds up the results keep selects.
func (rp Report) Totals(keep func(Result) bool) Counts {
	var c Counts
	for _, r := range rp.Results {
		if keep(r) {
			c = c.add(r.Counts())
		}
	}
	return c
}

// Set is a named selection of a report's documents.
type Set struct {
	Name string
	Keep func(Result) bool
}

// Sets are the rows of the summary: the corpus, its halves, its languages, each language's halves.
func (rp Report) Sets() []Set {
	all := func(Result) bool { return true }
	half := func(h string) func(Result) bool { return func(r Result) bool { return r.Doc.Half() == h } }
	lang := func(l string) func(Result) bool { return func(r Result) bool { return r.Doc.Language == l } }
	sets := []Set{{"corpus", all}, {"odd half", half("odd")}, {"even half", half("even")}}
	var langs []string
	for _, r := range rp.Results {
		if !slices.Contains(langs, r.Doc.Language) {
			langs = append(langs, r.Doc.Language)
		}
	}
	for _, l := range langs {
		sets = append(sets, Set{l, lang(l)})
	}
	for _, l := range langs {
		for _, h := range []string{"odd", "even"} {
			sets = append(sets, Set{l + ", " + h, func(r Result) bool { return lang(l)(r) && half(h)(r) }})
		}
	}
	return slices.DeleteFunc(sets, func(s Set) bool { return rp.Totals(s.Keep).Documents == 0 })
}

// Summary writes the summary table as plain text (the command's output).
func (rp Report) Summary(w io.Writer) {
	fmt.Fprintf(w, "%-26s %5s  %-18s %-18s %-18s\n", "", "docs", "entities", "facts", "precision")
	for _, s := range rp.Sets() {
		c := rp.Totals(s.Keep)
		fmt.Fprintf(w, "%-26s %5d  %-18s %-18s %-18s\n", s.Name, c.Documents, ratio(c.Entities, c.EntitiesOf),
			ratio(c.Facts, c.FactsOf), ratio(c.Right, c.Proposed))
	}
}

func ratio(n, of int) string {
	if of == 0 {
		return fmt.Sprintf("%d/%d", n, of)
	}
	return fmt.Sprintf("%d/%d (%.0f %%)", n, of, 100*share(n, of))
}

// Markdown writes the whole report.
func (rp Report) Markdown(w io.Writer) {
	fmt.Fprintf(w, "# Ingestion report: %s\n\n", rp.Corpus)
	fmt.Fprintf(w, "Written by `%s`: every document of the corpus ingested in dry run against the names "+
		"`make run` serves (the seed and the gazetteer), scored as data/corpus/README.md says, at confidence %.2f "+
		"and above. docs/ingestion.md explains the rules and reads these figures.\n\n", rp.Command, rp.Min)
	fmt.Fprintf(w, "## Summary\n\n| documents | n | entities with the right kind | facts | precision |\n| --- | ---: | ---: | ---: | ---: |\n")
	for _, s := range rp.Sets() {
		c := rp.Totals(s.Keep)
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s |\n", s.Name, c.Documents, ratio(c.Entities, c.EntitiesOf),
			ratio(c.Facts, c.FactsOf), ratio(c.Right, c.Proposed))
	}
	rp.byType(w)
	rp.byRule(w)
	rp.byEntityRule(w)
	rp.byBand(w)
	fmt.Fprintf(w, "\n## Documents\n")
	for _, r := range rp.Results {
		r.markdown(w)
	}
}

// tally counts one row of a table: annotated items found, and proposals with the right ones.
type tally struct{ found, of, right, proposed int }

func (rp Report) byType(w io.Writer) {
	rows := map[string]*tally{}
	row := func(k string) *tally {
		if rows[k] == nil {
			rows[k] = &tally{}
		}
		return rows[k]
	}
	for _, r := range rp.Results {
		for _, f := range r.Facts {
			t := row(f.Fact[1])
			t.of++
			if f.Rule != "" {
				t.found++
			}
		}
		for _, rel := range r.Relations {
			if rel.Confidence >= rp.Min && rel.Verdict != Implied {
				t := row(rel.Type)
				t.proposed++
				if rel.Verdict == Right {
					t.right++
				}
			}
		}
	}
	fmt.Fprintf(w, "\n## By relationship type\n\n| type | facts found | proposed | right | precision |\n| --- | ---: | ---: | ---: | ---: |\n")
	for _, k := range sortedBy(rows, func(t *tally) int { return -t.of }) {
		t := rows[k]
		fmt.Fprintf(w, "| %s | %s | %d | %d | %s |\n", k, ratio(t.found, t.of), t.proposed, t.right, percent(t.right, t.proposed))
	}
}

func (rp Report) byRule(w io.Writer) {
	rows := map[string]*tally{}
	for _, r := range rp.Results {
		for _, rel := range r.Relations {
			if rel.Confidence < rp.Min || rel.Verdict == Implied {
				continue
			}
			if rows[rel.Rule] == nil {
				rows[rel.Rule] = &tally{}
			}
			rows[rel.Rule].proposed++
			if rel.Verdict == Right {
				rows[rel.Rule].right++
			}
		}
	}
	fmt.Fprintf(w, "\n## Relationships by rule\n\nProposals at or above the threshold, one per relationship (its most confident rule).\n\n"+
		"| rule | proposed | right | precision |\n| --- | ---: | ---: | ---: |\n")
	for _, k := range sortedBy(rows, func(t *tally) int { return -t.proposed }) {
		t := rows[k]
		fmt.Fprintf(w, "| %s | %d | %d | %s |\n", k, t.proposed, t.right, percent(t.right, t.proposed))
	}
}

func (rp Report) byEntityRule(w io.Writer) {
	rows := map[string]*tally{}
	row := func(k string) *tally {
		if rows[k] == nil {
			rows[k] = &tally{}
		}
		return rows[k]
	}
	for _, r := range rp.Results {
		for _, e := range r.Entities {
			if e.Rule != "" {
				row(e.Rule).found++
			}
		}
		for _, e := range r.UnexpectedEntities {
			row(e.Rule).proposed++
		}
	}
	fmt.Fprintf(w, "\n## Entities by rule\n\n| rule | annotated entities it found | proposals naming no annotated entity |\n| --- | ---: | ---: |\n")
	for _, k := range sortedBy(rows, func(t *tally) int { return -t.found }) {
		fmt.Fprintf(w, "| %s | %d | %d |\n", k, rows[k].found, rows[k].proposed)
	}
}

// bands are the confidence bands of the calibration table, each from its value up to the next.
var bands = []float64{0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}

func (rp Report) byBand(w io.Writer) {
	rows := make([]tally, len(bands))
	for _, r := range rp.Results {
		for _, rel := range r.Relations {
			if rel.Verdict == Implied {
				continue
			}
			i := len(bands) - 1
			for i > 0 && rel.Confidence < bands[i]-1e-9 {
				i--
			}
			rows[i].proposed++
			if rel.Verdict == Right {
				rows[i].right++
			}
		}
	}
	fmt.Fprintf(w, "\n## Precision by confidence band\n\nEvery proposed relationship, below the threshold too.\n\n"+
		"| confidence | proposed | right | precision |\n| --- | ---: | ---: | ---: |\n")
	for i, b := range bands {
		hi := 1.0
		if i+1 < len(bands) {
			hi = bands[i+1]
		}
		if rows[i].proposed > 0 {
			fmt.Fprintf(w, "| %.1f–%.1f | %d | %d | %s |\n", b, hi, rows[i].proposed, rows[i].right, percent(rows[i].right, rows[i].proposed))
		}
	}
}

func (r Result) markdown(w io.Writer) {
	c := r.Counts()
	fmt.Fprintf(w, "\n### %s (%s, %s half)\n\nEntities %s, facts %s, precision %s.\n", r.Doc.Name, r.Doc.Genre,
		cmp.Or(r.Doc.Half(), "no"), ratio(c.Entities, c.EntitiesOf), ratio(c.Facts, c.FactsOf), ratio(c.Right, c.Proposed))
	var missed []string
	for _, e := range r.Entities {
		if e.Rule == "" {
			missed = append(missed, fmt.Sprintf("%s %q", e.Kind, e.Name))
		}
	}
	list(w, "Entities missed", missed)
	missed = nil
	for _, f := range r.Facts {
		if f.Rule == "" {
			missed = append(missed, fmt.Sprintf("%q %s %q", f.Fact[0], f.Fact[1], f.Fact[2]))
		}
	}
	list(w, "Facts missed", missed)
	var extra []string
	for _, rel := range r.Relations {
		if rel.Confidence >= r.Min && rel.Verdict == Unexpected {
			extra = append(extra, fmt.Sprintf("%q %s %q (%s, %.2f): %q", rel.From, rel.Type, rel.To, rel.Rule, rel.Confidence, shorten(rel.Quote, 100)))
		}
	}
	list(w, "Unexpected relationships", extra)
	extra = nil
	for _, e := range r.UnexpectedEntities {
		extra = append(extra, fmt.Sprintf("%s %q (%s, %.2f)", e.Kind, e.Names[0], e.Rule, e.Confidence))
	}
	list(w, "Unexpected entities", extra)
}

func list(w io.Writer, title string, items []string) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s (%d):\n", title, len(items))
	for _, it := range items {
		fmt.Fprintf(w, "- %s\n", strings.ReplaceAll(it, "|", "\\|"))
	}
}

func percent(n, of int) string {
	if of == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f %%", 100*share(n, of))
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// sortedBy lists a table's keys by a value, then by name.
func sortedBy(rows map[string]*tally, by func(*tally) int) []string {
	keys := slices.Collect(maps.Keys(rows))
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(by(rows[a]), by(rows[b])), cmp.Compare(a, b)) })
	return keys
}
