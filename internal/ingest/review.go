package ingest

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"urbangraph/internal/domain"
	"urbangraph/internal/errs"
	"urbangraph/internal/store"
)

// Edit is a reviewer's correction of a proposal before accepting it. Empty fields keep the
// proposal's value.
type Edit struct {
	// ENTITY: the kind, the names (by language), the ID to write, an organisation's category.
	// MENTION: ID is the entity the sentence names (required when the mention is ambiguous).
	Kind     string
	Names    map[string]string
	ID       string
	Category string
	// RELATIONSHIP: the endpoints and the type.
	From, To, Type string
}

// Accept writes what a proposal states, corrected by edit, as an import writes it (MERGE on IDs,
// the document as source, the sentence as quote), and marks it ACCEPTED, in one transaction. A
// relationship whose endpoint is a proposed entity not yet reviewed accepts that entity with it.
func (sv Service) Accept(ctx context.Context, id string, edit Edit, actor string) ([]store.Proposal, error) {
	ps, err := sv.Store.ProposalsByID(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, fmt.Errorf("proposal %q: %w", id, errs.ErrNotFound)
	}
	return sv.accept(ctx, ps, map[string]Edit{id: edit}, actor)
}

// Reject marks a proposal REJECTED, with the reviewer's reason.
func (sv Service) Reject(ctx context.Context, id, reason, actor string) (store.Proposal, error) {
	if _, err := sv.Store.Review(ctx, []store.Decision{{Proposal: id, Reason: strings.TrimSpace(reason)}}, actor); err != nil {
		return store.Proposal{}, err
	}
	ps, err := sv.Store.ProposalsByID(ctx, []string{id})
	if err != nil || len(ps) == 0 {
		return store.Proposal{}, err
	}
	return ps[0], nil
}

// AcceptAll accepts every proposal of a document still PROPOSED with at least minConfidence, but
// ambiguous mentions and new entities that may be known ones (a reviewer chooses their entity), and
// relationships whose proposed endpoint is not accepted with them. It returns the proposals accepted.
func (sv Service) AcceptAll(ctx context.Context, document string, minConfidence float64, actor string) ([]store.Proposal, error) {
	if err := store.CheckConfidence("minConfidence", minConfidence); err != nil {
		return nil, err
	}
	if _, err := sv.Store.DocumentByID(ctx, document, false); err != nil {
		return nil, err
	}
	return sv.acceptIn(ctx, document, func(p store.Proposal) bool { return p.Confidence >= minConfidence }, false, actor)
}

// acceptIn accepts the proposals of a document still PROPOSED that pick selects, but ambiguous
// mentions, new entities that may be known ones, and relationships whose proposed endpoint is not
// accepted with them; a dry run returns them, writing nothing.
func (sv Service) acceptIn(ctx context.Context, document string, pick func(store.Proposal) bool, dryRun bool, actor string) ([]store.Proposal, error) {
	all, err := sv.Store.Proposals(ctx, document, nil)
	if err != nil {
		return nil, err
	}
	taken := map[string]bool{} // entities accepted before or now
	var chosen []store.Proposal
	for _, p := range all {
		switch {
		case p.Status == store.Accepted:
			taken[p.ID] = true
		case p.Status == store.Proposed && pick(p) && p.Type != store.ProposedRelationship &&
			!(p.Type == store.ProposedMention && len(p.Candidates) != 1) && !(p.Type == store.ProposedEntity && len(p.Candidates) > 0):
			taken[p.ID] = true
			chosen = append(chosen, p)
		}
	}
	for _, p := range all {
		if p.Status == store.Proposed && p.Type == store.ProposedRelationship && pick(p) &&
			(p.FromProposal == "" || taken[p.FromProposal]) && (p.ToProposal == "" || taken[p.ToProposal]) {
			chosen = append(chosen, p)
		}
	}
	if dryRun {
		return chosen, nil
	}
	// In transactions of acceptBatch proposals, entities and mentions first: a long report's
	// thousands of facts would outgrow one transaction's memory. A failure leaves the batches before
	// it accepted; running it again accepts the rest.
	var out []store.Proposal
	for batch := range slices.Chunk(chosen, acceptBatch) {
		ps, err := sv.accept(ctx, batch, nil, actor)
		if err != nil {
			return out, err
		}
		out = append(out, ps...)
	}
	return out, nil
}

// acceptBatch is how many proposals AcceptAll accepts in one transaction.
const acceptBatch = 1000

// accept decides proposals (and the proposed endpoints their relationships need) and writes them.
func (sv Service) accept(ctx context.Context, ps []store.Proposal, edits map[string]Edit, actor string) ([]store.Proposal, error) {
	d := decider{sv: sv, ctx: ctx, edits: edits, decided: map[string]*store.Decision{}, byID: map[string]store.Proposal{}}
	for _, p := range ps {
		d.byID[p.ID] = p
	}
	if err := d.endpoints(ps); err != nil {
		return nil, err
	}
	// Entities and mentions first: a relationship takes its endpoints' accepted IDs.
	order := slices.Clone(ps)
	slices.SortStableFunc(order, func(a, b store.Proposal) int { return typeRank(a.Type) - typeRank(b.Type) })
	for _, p := range order {
		if _, err := d.decide(p); err != nil {
			return nil, err
		}
	}
	decisions := make([]store.Decision, 0, len(d.decided))
	for _, id := range slices.Sorted(maps.Keys(d.decided)) {
		decisions = append(decisions, *d.decided[id])
	}
	if _, err := sv.Store.Review(ctx, decisions, actor); err != nil {
		return nil, err
	}
	return sv.Store.ProposalsByID(ctx, slices.Sorted(maps.Keys(d.decided)))
}

// decider builds the decisions of one acceptance.
type decider struct {
	sv      Service
	ctx     context.Context
	edits   map[string]Edit
	decided map[string]*store.Decision
	byID    map[string]store.Proposal // the proposals in play, endpoints included
	kinds   map[string]store.Kind     // stored entities' kinds, for relationships' checks
}

// endpoints loads the entity proposals the relationships among ps stand on, and the kinds of the
// stored entities and sources they name.
func (d *decider) endpoints(ps []store.Proposal) error {
	var need, stored []string
	end := func(edited, proposal, id string) {
		switch {
		case edited != "":
			stored = append(stored, edited)
		case proposal != "":
			if _, ok := d.byID[proposal]; !ok {
				need = append(need, proposal)
			}
		default:
			stored = append(stored, id)
		}
	}
	for _, p := range ps {
		stored = append(stored, p.Document)
		if e := d.edits[p.ID]; p.Type == store.ProposedEntity && e.ID != "" {
			stored = append(stored, e.ID) // a known entity the reviewer says it is
		}
		if p.Type == store.ProposedRelationship {
			e := d.edits[p.ID]
			end(e.From, p.FromProposal, p.From)
			end(e.To, p.ToProposal, p.To)
		}
	}
	if len(need) > 0 {
		more, err := d.sv.Store.ProposalsByID(d.ctx, need)
		if err != nil {
			return err
		}
		for _, p := range more {
			d.byID[p.ID] = p
		}
	}
	nodes, err := d.sv.Store.NodesByID(d.ctx, stored)
	if err != nil {
		return err
	}
	d.kinds = map[string]store.Kind{}
	for id, n := range nodes {
		d.kinds[id] = n.Kind
	}
	for _, p := range ps {
		d.kinds[p.Document] = store.Source // published by the acceptance if it is still pending (store.Review)
	}
	return nil
}

// decide returns the decision for p (made once), writing its facts.
func (d *decider) decide(p store.Proposal) (*store.Decision, error) {
	if dec, ok := d.decided[p.ID]; ok {
		return dec, nil
	}
	var dec store.Decision
	var err error
	switch p.Type {
	case store.ProposedEntity:
		if e := d.edits[p.ID]; e.ID != "" && d.kinds[e.ID] != "" {
			dec, err = knownEntityDecision(p, e, d.kinds[e.ID])
		} else {
			dec, err = entityDecision(p, e)
		}
	case store.ProposedMention:
		dec, err = mentionDecision(p, d.edits[p.ID])
	case store.ProposedRelationship:
		dec, err = d.relationship(p, d.edits[p.ID])
	}
	if err != nil {
		return nil, err
	}
	d.decided[p.ID] = &dec
	return &dec, nil
}

func entityDecision(p store.Proposal, e Edit) (store.Decision, error) {
	kind := firstOf(e.Kind, string(p.Kind))
	// The document's name in its language and an English one (by its kind's pattern, else
	// romanised), unless the edit names them
	// (an empty name removes that language).
	names := map[string]string{p.Lang: p.Name}
	if p.Lang != "en" {
		names["en"] = cmp.Or(p.EnglishName, Romanise(p.Name, p.Kind != store.Domain))
	}
	for l, v := range e.Names {
		if v = strings.TrimSpace(v); v == "" {
			delete(names, l)
		} else {
			names[l] = v
		}
	}
	// An editor who gives the kind or an English name gives the ID too, as an import without id
	// makes it: kind:slug of the English name.
	id := e.ID
	switch {
	case id != "":
	case e.Kind != "" || e.Names["en"] != "":
		id = domain.ID(store.Kind(kind), names["en"])
	default:
		id = p.EntityID
	}
	n := domain.Node{ID: id, Kind: kind, Names: names, Aliases: p.Aliases, Collective: p.Collective, Unnamed: p.Unnamed, Properties: map[string]any{},
		Evidence: []domain.Evidence{{Source: p.Document, Quote: p.Sentence}}}
	if store.Kind(kind) == store.Organisation {
		n.Properties["category"] = firstOf(e.Category, p.Category, "OTHER")
		n.Evidence[0].Properties = []string{"category"}
	}
	w, problems := domain.CheckNode(n, false, p.Document)
	if len(problems) > 0 {
		return store.Decision{}, problemsError("edit", problems)
	}
	w.EnglishDerived = p.Lang != "en" && strings.TrimSpace(e.Names["en"]) == ""
	return store.Decision{Proposal: p.ID, Accept: true, AcceptedID: id, Nodes: []store.NodeWrite{w}}, nil
}

// knownEntityDecision accepts a proposed entity as one the graph holds (a resolution candidate the
// reviewer chose): the sentence becomes its evidence and the document's name its name in that
// language, or an alias.
func knownEntityDecision(p store.Proposal, e Edit, kind store.Kind) (store.Decision, error) {
	if want := store.Kind(firstOf(e.Kind, string(p.Kind))); kind != want {
		return store.Decision{}, errs.BadInput("edit.id", "%s is a %s, and the proposal a %s", e.ID, kind, want)
	}
	return store.Decision{Proposal: p.ID, Accept: true, AcceptedID: e.ID,
		Evidence: []store.Cite{{Entity: e.ID, Source: p.Document, Quote: p.Sentence, Name: p.Name, Lang: p.Lang}}}, nil
}

func mentionDecision(p store.Proposal, e Edit) (store.Decision, error) {
	entity := e.ID
	if entity == "" {
		if len(p.Candidates) != 1 {
			return store.Decision{}, errs.BadInput("edit.id", "%q may name %s: choose one with edit.id", p.Name, strings.Join(p.Candidates, ", "))
		}
		entity = p.Candidates[0]
	}
	c := store.Cite{Entity: entity, Source: p.Document, Quote: p.Sentence}
	if entity == p.EntityID && p.Resolution != "" {
		// A resolved name (resolve.go): the document's name of it; where it was resolved by its
		// canonical English name, an English name of the document is another form of it: an alias.
		c.Name, c.Lang, c.Alias = p.Name, p.Lang, p.Lang == "en" && p.EnglishName != ""
	}
	return store.Decision{Proposal: p.ID, Accept: true, AcceptedID: entity, Evidence: []store.Cite{c}}, nil
}

// relationship decides a relationship proposal: an endpoint that is a proposed entity is accepted
// with it (or, accepted before, gives its accepted ID); a rejected one refuses it.
func (d *decider) relationship(p store.Proposal, e Edit) (store.Decision, error) {
	from, to := firstOf(e.From, p.From), firstOf(e.To, p.To)
	kindOf := func(id string) (store.Kind, bool) { k, ok := d.kinds[id]; return k, ok }
	resolve := func(field, proposal, id string, edited bool) (string, error) {
		if proposal == "" || edited {
			return id, nil
		}
		ep, ok := d.byID[proposal]
		switch {
		case !ok:
			return "", fmt.Errorf("proposal %s: %w", proposal, errs.ErrNotFound)
		case ep.Status == store.Rejected:
			return "", errs.BadInput("edit."+field, "its %s, proposal %s (%s), was rejected; name another entity with edit.%s", field, ep.ID, ep.Name, field)
		case ep.Status == store.Accepted:
			d.kinds[ep.AcceptedID] = ep.Kind
			return ep.AcceptedID, nil
		}
		dec, err := d.decide(ep)
		if err != nil {
			return "", err
		}
		d.kinds[dec.AcceptedID] = dec.Nodes[0].Kind
		return dec.AcceptedID, nil
	}
	var err error
	if from, err = resolve("from", p.FromProposal, from, e.From != ""); err != nil {
		return store.Decision{}, err
	}
	if to, err = resolve("to", p.ToProposal, to, e.To != ""); err != nil {
		return store.Decision{}, err
	}
	rel, problems := domain.CheckRel(domain.Rel{From: from, Type: firstOf(e.Type, string(p.RelType)), To: to,
		Properties: p.Props, Source: p.Document, Quote: p.Sentence}, p.Document, kindOf)
	if len(problems) > 0 {
		return store.Decision{}, problemsError("edit", problems)
	}
	return store.Decision{Proposal: p.ID, Accept: true, Rels: []store.RelWrite{rel}}, nil
}

// problemsError is the first problem as an input error naming its field, the others in its message.
func problemsError(prefix string, ps []domain.Problem) error {
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.Path + ": " + p.Message
	}
	return errs.BadInput(prefix+"."+ps[0].Path, "%s", strings.Join(msgs, "; "))
}
