package ingest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"urbangraph/internal/store"
	"urbangraph/internal/translit"
)

// Confidence of a mention (Mention.Confidence).
const (
	mentionConfidence   = 0.9
	ambiguousConfidence = 0.3
)

// categories are the organisation categories the rules imply; a rule not listed proposes OTHER.
var categories = map[string]string{
	"bg-municipality": "MUNICIPALITY", "el-municipality": "MUNICIPALITY", "en-municipality": "MUNICIPALITY",
	"bg-municipalities": "MUNICIPALITY", "bg-ministry": "MINISTRY", "el-ministry": "MINISTRY", "en-ministry": "MINISTRY",
	"en-university": "ACADEMIA", "bg-university": "ACADEMIA", "el-university": "ACADEMIA",
}

// Records turns a document's proposals into the records review keeps, in the order of the text:
// one per new entity, one per known entity and sentence naming it (MENTION), one per relationship.
// IDs are the content hash's first twelve characters and the record's place, so the same text
// always gives the same IDs.
func Records(hash string, p Proposals) []store.Proposal {
	var out []store.Proposal
	withSentence := func(r store.Proposal, pos int) store.Proposal {
		s, _ := sentenceAt(p.Sentences, pos)
		r.Sentence, r.SentenceStart, r.SentenceEnd = s.Text, s.Start, s.End
		return r
	}
	for _, e := range p.Entities {
		out = append(out, withSentence(entityRecord(e), e.Start))
	}
	seen := map[string]int{} // candidates and sentence -> the mention's record
	for _, m := range p.Mentions {
		s, _ := sentenceAt(p.Sentences, m.Start)
		ids := make([]string, len(m.Candidates))
		for i, c := range m.Candidates {
			ids[i] = c.ID
		}
		key := strings.Join(ids, "|") + "@" + fmt.Sprint(s.Start)
		if i, ok := seen[key]; ok {
			out[i].Spans = append(out[i].Spans, m.Start, m.End)
			if m.Lang != "" && out[i].Lang == "" { // the resolved name, the entity may take it
				out[i].Name, out[i].Lang, out[i].Rule, out[i].Resolution, out[i].EnglishName = m.Text, m.Lang, "resolved", m.Resolution, m.English
			}
			continue
		}
		seen[key] = len(out)
		r := store.Proposal{Type: store.ProposedMention, Rule: "known-name", Confidence: m.Confidence(),
			Name: m.Text, Start: m.Start, End: m.End, Candidates: ids, Spans: []int{m.Start, m.End}}
		if m.Resolution != "" {
			r.Rule, r.Resolution, r.Lang, r.EnglishName = "resolved", m.Resolution, m.Lang, m.English
		}
		if m.Ambiguous() {
			r.Rule = "known-name-ambiguous"
		} else {
			if m.Weak {
				r.Rule = "known-name-unsure"
			}
			r.Kind, r.EntityID = store.Kind(m.Candidates[0].Kind), m.Candidates[0].ID
		}
		out = append(out, withSentence(r, m.Start))
	}
	for _, rp := range p.Relations {
		out = append(out, store.Proposal{Type: store.ProposedRelationship, Rule: rp.Rule, Confidence: rp.Confidence,
			From: rp.From, To: rp.To, RelType: rp.Type, Props: rp.Props, Sentence: rp.Quote,
			SentenceStart: rp.Start, SentenceEnd: rp.End, Start: rp.Start, End: rp.End})
	}
	// In the text's order; at one place, entities before mentions before relationships.
	slices.SortStableFunc(out, func(a, b store.Proposal) int {
		return cmp.Or(a.Start-b.Start, typeRank(a.Type)-typeRank(b.Type))
	})
	ids := map[string]string{} // new entity ID -> proposal ID
	for i := range out {
		out[i].Order = i
		out[i].ID = fmt.Sprintf("proposal:%s-%d", hash[:12], i)
		if out[i].Type == store.ProposedEntity {
			ids[out[i].EntityID] = out[i].ID
		}
	}
	for i := range out {
		if out[i].Type == store.ProposedRelationship {
			out[i].FromProposal, out[i].ToProposal = ids[out[i].From], ids[out[i].To]
		}
	}
	return out
}

func typeRank(t store.ProposalType) int {
	switch t {
	case store.ProposedEntity:
		return 0
	case store.ProposedMention:
		return 1
	}
	return 2
}

func entityRecord(e NewEntity) store.Proposal {
	r := store.Proposal{Type: store.ProposedEntity, Rule: e.Rule, Confidence: e.Confidence, Kind: store.Kind(e.Kind),
		Name: e.Name, Lang: cmp.Or(e.Lang, scriptLang(e.Name)), EntityID: e.ID, Start: e.Start, End: e.End}
	for _, sp := range e.Spans {
		r.Spans = append(r.Spans, sp.Start, sp.End)
	}
	if e.Kind == "ORGANISATION" {
		r.Category = cmp.Or(e.Category, categories[e.Rule], "OTHER")
		if !slices.Contains(store.OrganisationCategories, r.Category) {
			r.Category = "OTHER" // the rules' own categories (a NETWORK head) are no category of the model
		}
	}
	r.Collective, r.Unnamed, r.Aliases = e.Collective, e.Unnamed, e.Aliases
	r.EnglishName, r.Candidates, r.Resolution = e.English, e.Candidates, e.Resolution
	if e.Rule == "collective" {
		r.Collective = true
		f := translit.Fold(e.Name)
		switch {
		case strings.Contains(f, "akadem") || strings.Contains(f, "academ"):
			r.Category = "ACADEMIA"
		case strings.Contains(f, "start") || strings.Contains(f, "startira") || strings.Contains(f, "neofye"):
			r.Category = "START_UP"
		}
	}
	return r
}

// scriptLang is the language of a name by its letters (translit.ScriptLang).
var scriptLang = translit.ScriptLang

// Romanise writes a Bulgarian or Greek name in Latin letters (the project's transliteration), each
// word capitalised but the joining ones: the English name a new entity takes until an editor gives
// a better one ("Община Казанлък" → "Obshtina Kazanlak").
func Romanise(name string, capitalised bool) string {
	words := strings.Fields(translit.Fold(name))
	for i, w := range words {
		if capitalised && (i == 0 || !slices.Contains([]string{"na", "i", "za", "v", "kai", "tis", "tou", "ton", "of", "and", "the", "for"}, w)) {
			r := []rune(w)
			r[0] = unicode.ToUpper(r[0])
			words[i] = string(r)
		}
	}
	return strings.Join(words, " ")
}
