// Package synth writes a deterministic synthetic graph in the import format (JSON Lines), for
// benchmarks: the model's kinds and relationship types in realistic proportions, skewed degrees (a
// few hub cities, organisations and domains, many small ones), names in Latin, Cyrillic and Greek.
// Every fact cites one Source marked synthetic.
package synth

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
)

// Counts say what a graph holds.
type Counts struct {
	Nodes, Relationships int // relationships include each entity's evidence link (MENTIONED_IN)
}

// Elements is nodes plus relationships: what scales are measured in.
func (c Counts) Elements() int { return c.Nodes + c.Relationships }

// An entity has on average about 1.5 relationships of its own plus one evidence link, so a graph of
// n elements has about n/3.5 entities.
const elementsPerEntity = 3.5

type gen struct {
	w      *bufio.Writer
	r      *rand.Rand
	source string
	counts Counts
	err    error
	quote  int
}

// Generate writes a graph of about `scale` elements (nodes + relationships) with random seed `seed`.
// The same scale and seed always give the same bytes.
func Generate(w io.Writer, scale int, seed uint64) (Counts, error) {
	g := &gen{w: bufio.NewWriterSize(w, 1<<20), r: rand.New(rand.NewPCG(seed, uint64(scale)))}
	g.source = fmt.Sprintf("source:synthetic-%d-%d", scale, seed)
	g.line(map[string]any{"id": g.source, "kind": "SOURCE",
		"names":      map[string]string{"en": fmt.Sprintf("Synthetic graph (scale %d, seed %d), not real data", scale, seed)},
		"properties": map[string]any{"synthetic": true, "documentType": "synthetic benchmark data"}})
	g.counts.Nodes++
	ids := idsFor(scale)
	g.entitiesOf(ids)
	g.relationshipsOf(ids)
	if g.err == nil {
		g.err = g.w.Flush()
	}
	return g.counts, g.err
}

// synthIDs are the IDs of a graph's entities, by kind.
type synthIDs struct {
	country, city, org, centre, unit, domain, practice, event, programme, topic []string
}

// idsFor sizes each kind for scale elements: shares of the entities, with a floor for each kind.
func idsFor(scale int) synthIDs {
	entities := max(int(float64(scale)/elementsPerEntity), 60)
	share := func(f float64, least int) int { return max(int(f*float64(entities)), least) }
	countries := min(share(0.002, 5), 60)
	domains := 20
	topics := 50
	cities := share(0.05, 10)
	programmes := share(0.03, 5)
	centres := share(0.03, 3)
	units := share(0.05, 5)
	events := share(0.08, 5)
	orgs := share(0.35, 10)
	practices := max(entities-countries-domains-topics-cities-programmes-centres-units-events-orgs, 10)
	ids := func(prefix string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("%s:syn-%d", prefix, i)
		}
		return out
	}
	return synthIDs{country: ids("country", countries), city: ids("city", cities), org: ids("org", orgs),
		centre: ids("centre", centres), unit: ids("unit", units), domain: ids("domain", domains),
		practice: ids("practice", practices), event: ids("event", events), programme: ids("programme", programmes),
		topic: ids("topic", topics)}
}

func (g *gen) entitiesOf(ids synthIDs) {
	categories := []string{"MUNICIPALITY", "COMPANY", "MINISTRY", "ACADEMIA", "START_UP", "OTHER"}
	g.entities("COUNTRY", ids.country, 2, nil)
	// Cities lie in Europe's box (35..70 N, 10 W..45 E), spread by their index alone: no random
	// draw is added, so a seed still gives the graph it gave before cities had coordinates.
	g.entities("CITY", ids.city, 3, func(i int) map[string]any {
		return map[string]any{"latitude": 35 + float64(i*7919%35000)/1000, "longitude": -10 + float64(i*104729%55000)/1000}
	})
	g.entities("ORGANISATION", ids.org, 4, func(int) map[string]any {
		return map[string]any{"category": categories[g.r.IntN(len(categories))]}
	})
	g.entities("CENTRE", ids.centre, 4, func(int) map[string]any { return map[string]any{"foundedYear": 1990 + g.r.IntN(35)} })
	g.entities("UNIT", ids.unit, 3, nil)
	g.entities("DOMAIN", ids.domain, 3, nil)
	g.entities("PRACTICE", ids.practice, 5, nil)
	g.entities("EVENT", ids.event, 4, func(int) map[string]any { return map[string]any{"eventType": "seminar"} })
	g.entities("PROGRAMME", ids.programme, 4, nil)
	g.entities("TOPIC", ids.topic, 3, nil)
}

// relationshipsOf writes the relationships, choosing skewed targets (Zipf: a few are hubs). The
// order of the random draws is what makes a seed reproduce its graph: keep it.
func (g *gen) relationshipsOf(ids synthIDs) {
	zipf := func(targets []string) func() string {
		z := rand.NewZipf(g.r, 1.2, 4, uint64(len(targets)-1))
		return func() string { return targets[z.Uint64()] }
	}
	inCountry, inCity, byOrg, inDomain := zipf(ids.country), zipf(ids.city), zipf(ids.org), zipf(ids.domain)
	fundedBy, atEvent, onTopic := zipf(ids.programme), zipf(ids.event), zipf(ids.topic)
	for _, c := range ids.city {
		g.rel(c, "LOCATED_IN", inCountry(), nil)
	}
	for _, o := range ids.org {
		g.rel(o, "LOCATED_IN", inCity(), nil)
	}
	for i, c := range ids.centre {
		g.rel(c, "LOCATED_IN", inCity(), nil)
		founders := map[string]bool{}
		for range 1 + g.r.IntN(3) {
			founders[byOrg()] = true
		}
		role := "creator"
		for _, f := range sortedKeys(founders) {
			g.rel(f, "FOUNDED", c, map[string]any{"year": 1990 + g.r.IntN(35), "role": role})
			role = "cooperation partner"
		}
		for _, d := range distinct(1+g.r.IntN(4), inDomain) {
			g.rel(c, "HAS_EXPERTISE_IN", d, nil)
		}
		if i%2 == 0 {
			g.rel(byOrg(), "SUPPORTS", c, nil)
		}
	}
	for i, u := range ids.unit {
		g.rel(ids.centre[i%len(ids.centre)], "HAS_UNIT", u, nil)
		if i%3 == 0 {
			g.rel(u, "WORKS_IN", inCountry(), nil)
		}
	}
	for _, e := range ids.event {
		g.rel(e, "HELD_IN", inCity(), nil)
		g.rel(e, "FUNDED_BY", fundedBy(), nil)
		for _, t := range distinct(1+g.r.IntN(2), onTopic) {
			g.rel(e, "DISCUSSED", t, nil)
		}
	}
	g.practicesOf(ids, byOrg, inDomain, atEvent, fundedBy)
	for i := 1; i < len(ids.programme); i++ {
		g.rel(ids.programme[i], "FUNDED_BY", ids.programme[g.r.IntN(i)], nil)
	}
	for i := 0; i+1 < len(ids.org); i += 7 {
		if a, b := byOrg(), ids.org[i]; a != b {
			g.rel(b, "PARTNER_OF", a, nil)
		}
	}
}

// practicesOf writes who presented each practice, its domain, and for some the event and funding.
func (g *gen) practicesOf(ids synthIDs, byOrg, inDomain, atEvent, fundedBy func() string) {
	for i, p := range ids.practice {
		presenter := byOrg()
		g.rel(presenter, "PRESENTED", p, nil)
		g.rel(p, "IN_DOMAIN", inDomain(), nil)
		if i%2 == 0 {
			ev := atEvent()
			g.rel(p, "PRESENTED_AT", ev, nil)
			g.rel(presenter, "PARTICIPATED_IN", ev, map[string]any{"role": "experts"})
		}
		if i%3 == 0 {
			g.rel(p, "FUNDED_BY", fundedBy(), nil)
		}
	}
}

func distinct(n int, pick func() string) []string {
	seen := map[string]bool{}
	var out []string
	for range n * 3 {
		if len(out) == n {
			break
		}
		if v := pick(); !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	for i := range out { // insertion sort: tiny maps, and no import of sort for determinism
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func (g *gen) line(v any) {
	if g.err != nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		g.err = err
		return
	}
	g.w.Write(b)
	g.err = g.w.WriteByte('\n')
}

func (g *gen) nextQuote() string {
	g.quote++
	return fmt.Sprintf("Synthetic fact %d.", g.quote)
}

func (g *gen) entities(kind string, ids []string, syllables int, props func(int) map[string]any) {
	for i, id := range ids {
		latin := g.name(syllables)
		n := map[string]any{"id": id, "kind": kind,
			"names": map[string]string{"en": latin, "bg": toScript(latin, cyrillic), "el": toScript(latin, greek)}}
		ev := map[string]any{"source": g.source, "quote": g.nextQuote()}
		if props != nil {
			p := props(i)
			n["properties"] = p
			keys := make([]string, 0, len(p))
			for k := range p {
				keys = append(keys, k)
			}
			slices.Sort(keys) // map order is random: the same seed must write the same lines
			ev["properties"] = keys
		}
		n["evidence"] = []any{ev}
		g.line(n)
		g.counts.Nodes++
		g.counts.Relationships++ // its evidence link
	}
}

func (g *gen) rel(from, typ, to string, props map[string]any) {
	r := map[string]any{"from": from, "type": typ, "to": to, "source": g.source, "quote": g.nextQuote()}
	if props != nil {
		r["properties"] = props
	}
	g.line(r)
	g.counts.Relationships++
}

var syllables = []string{"ka", "lo", "vi", "ra", "sto", "me", "na", "do", "ri", "pe", "li", "za", "mo", "te", "va",
	"po", "gra", "de", "si", "to", "ba", "ne", "ko", "la", "mi", "ro", "se", "di", "pa", "ve"}

// name makes a pronounceable Latin name of n syllables in one or two words.
func (g *gen) name(n int) string {
	var b strings.Builder
	for i := range n {
		if i == n/2 && n > 3 {
			b.WriteByte(' ')
		}
		b.WriteString(syllables[g.r.IntN(len(syllables))])
	}
	words := strings.Fields(b.String())
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

var (
	cyrillic = map[string]string{"a": "а", "b": "б", "d": "д", "e": "е", "g": "г", "i": "и", "k": "к", "l": "л", "m": "м",
		"n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "v": "в", "z": "з"}
	greek = map[string]string{"a": "α", "b": "β", "d": "δ", "e": "ε", "g": "γ", "i": "ι", "k": "κ", "l": "λ", "m": "μ",
		"n": "ν", "o": "ο", "p": "π", "r": "ρ", "s": "σ", "t": "τ", "v": "β", "z": "ζ"}
)

// toScript writes a generated Latin name in another script, letter by letter, capitals kept.
func toScript(latin string, letters map[string]string) string {
	var b strings.Builder
	for _, r := range latin {
		s := string(r)
		lower := strings.ToLower(s)
		if t, ok := letters[lower]; ok {
			if lower != s {
				t = strings.ToUpper(t)
			}
			b.WriteString(t)
			continue
		}
		b.WriteString(s)
	}
	return b.String()
}
