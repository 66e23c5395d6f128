package ingest

import "context"

// Proposals are what a document yields: its sentences, the mentions of known entities, the new
// entities it names, and the relationships its sentences state.
type Proposals struct {
	Sentences []Sentence    `json:"sentences"`
	Mentions  []Mention     `json:"mentions"`
	Entities  []NewEntity   `json:"entities"`
	Relations []RelProposal `json:"relations"`
}

// Propose runs the pipeline on a text with the names the graph knows (l): the sentences, the
// mentions of known entities, the names of new ones, and the relationships the sentences state.
// Ambiguous mentions take no part in relationships: a reviewer picks their entity first.
func Propose(text string, l *Linker) Proposals {
	p, _ := ProposeContext(context.Background(), text, l)
	return p
}

// ProposeContext is Propose that stops, with ctx's error, when ctx ends: between its stages and
// between sentences.
func ProposeContext(ctx context.Context, text string, l *Linker) (Proposals, error) {
	if err := ctx.Err(); err != nil {
		return Proposals{}, err
	}
	p := Proposals{Sentences: Split(text)}
	d := newDoc(text, p.Sentences)
	p.Mentions = d.quotedNamesAreNoPlaces(l.contextualise(l.Find(text), d.lang))
	d.addMentions(p.Mentions)
	d.addNames(d.findNames())
	d.acronymNames()
	d.collectives()
	d.mayorsMunicipalities()
	d.titledOrganisations()
	d.foundedCommonCentres()
	d.namedByWords()
	d.mergeAliases()
	d.mergeShortenedNames()
	d.namedAgain()
	p.Mentions = d.settleMentions(p.Mentions)
	d.keepMentions(p.Mentions)
	d.typeNames()
	d.references()
	d.pronouns()
	d.firstPerson()
	for _, s := range d.sents {
		if err := ctx.Err(); err != nil {
			return Proposals{}, err
		}
		d.partnersOf(s)
		d.teams(s)
		d.presented(s) // first: the practices it makes are funded and placed by the frames below
		d.founded(s)
		d.located(s)
		d.partners(s)
		d.signed(s)
		d.agreementOf(s)
		d.funded(s)
		d.benefits(s)
		d.receives(s)
		d.supports(s)
		d.supportedBy(s)
		d.participation(s)
		d.heldIn(s)
		d.domains(s)
		d.namedDomains(s)
		d.practiceDomains(s)
		d.units(s)
		d.unitsOf(s)
		d.worksIn(s)
		d.contributes(s)
		d.discussed(s)
		d.visited(s)
	}
	if err := ctx.Err(); err != nil {
		return Proposals{}, err
	}
	for _, s := range d.sents {
		d.introduced(s) // after the first pass: the hosts and founders are known
	}
	d.domainsInNames()
	d.visitsHeldWhereTheyWent()
	p.Entities = d.newEntities()
	p.Relations = noSurerThanEnds(d.rels, p.Entities)
	resolve(&p, d.runes, l)
	return p, nil
}

// noSurerThanEnds lowers each relationship's confidence to its new entities' where theirs is
// lower: a fact is no surer than the entities it needs ("Baltic", a capitalised word read as an
// organisation at 0.4, cannot take part in a workshop at 0.8).
func noSurerThanEnds(rels []RelProposal, ents []NewEntity) []RelProposal {
	conf := make(map[string]float64, len(ents))
	for _, e := range ents {
		conf[e.ID] = e.Confidence
	}
	for i, r := range rels {
		for _, id := range []string{r.From, r.To} {
			if c, ok := conf[id]; ok && c < rels[i].Confidence {
				rels[i].Confidence = c
			}
		}
	}
	return rels
}
