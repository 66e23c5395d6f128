package graph

import (
	"context"
	"encoding/base64"
	"slices"
	"strings"
	"time"

	"urbangraph/graph/args"
	"urbangraph/graph/model"
	"urbangraph/internal/auth"
	"urbangraph/internal/errs"
	"urbangraph/internal/ingest"
	"urbangraph/internal/store"
)

// Document ingestion and review (issue 15): the resolvers turn arguments into calls of
// ingest.Service and its answers into the schema's types.

func (r *Resolver) ingestService() ingest.Service {
	return ingest.Service{Store: r.Store, ReadTimeout: r.IngestReadTimeout}
}

func (r *Resolver) ingestDocument(ctx context.Context, in model.IngestInput) (*model.IngestResult, error) {
	input := ingest.Input{Title: deref(in.Title), URL: deref(in.URL), Published: deref(in.PublishedAt), Language: deref(in.Language)}
	switch {
	case (in.Text == nil) == (in.Upload == nil):
		return nil, errs.BadInput("input", "give either text or upload")
	case in.Text != nil:
		input.Name, input.ContentType, input.Data = "", "text/plain", []byte(*in.Text)
		if strings.TrimSpace(*in.Text) == "" {
			return nil, errs.BadInput("input.text", "is empty")
		}
	default:
		data, err := base64.StdEncoding.DecodeString(in.Upload.Base64)
		if err != nil {
			return nil, errs.BadInput("input.upload.base64", "is not base64 (standard alphabet)")
		}
		input.Name, input.ContentType, input.Data = in.Upload.Name, deref(in.Upload.ContentType), data
	}
	res, err := r.ingestService().Ingest(ctx, input, auth.FromContext(ctx).Name)
	if err != nil {
		return nil, err
	}
	return &model.IngestResult{Document: documentModel(res.Document), Created: res.Created}, nil
}

func (r *Resolver) documents(ctx context.Context, first, offset *int) (*model.DocumentList, error) {
	n, err := args.First("documents", first)
	if err != nil {
		return nil, err
	}
	skip, err := args.Offset("offset", offset)
	if err != nil {
		return nil, err
	}
	docs, total, err := r.Store.Documents(ctx, n, skip)
	if err != nil {
		return nil, err
	}
	out := &model.DocumentList{TotalCount: total, Nodes: make([]*model.Document, len(docs))}
	for i, d := range docs {
		out.Nodes[i] = documentModel(d)
	}
	return out, nil
}

func (r *Resolver) document(ctx context.Context, id string) (*model.Document, error) {
	d, err := r.Store.DocumentByID(ctx, id, false)
	if err != nil {
		return nil, err
	}
	return documentModel(d), nil
}

// documentTexts reads the text of each document (one store call each: a review reads one document).
func (r *Resolver) documentTexts(ctx context.Context, objs []*model.Document) ([]string, error) {
	out := make([]string, len(objs))
	for i, o := range objs {
		d, err := r.Store.DocumentByID(ctx, o.ID, true)
		if err != nil {
			return nil, err
		}
		out[i] = d.Text
	}
	return out, nil
}

func (r *Resolver) documentSentences(ctx context.Context, objs []*model.Document) ([][]*model.DocumentSentence, error) {
	texts, err := r.documentTexts(ctx, objs)
	if err != nil {
		return nil, err
	}
	out := make([][]*model.DocumentSentence, len(objs))
	for i, t := range texts {
		for _, s := range ingest.Split(t) {
			out[i] = append(out[i], &model.DocumentSentence{Text: s.Text, Start: s.Start, End: s.End})
		}
	}
	return out, nil
}

func (r *Resolver) documentProposals(ctx context.Context, objs []*model.Document, status []model.ProposalStatus, types []model.ProposalType) ([][]*model.Proposal, error) {
	st := make([]store.ProposalStatus, len(status))
	for i, s := range status {
		st[i] = store.ProposalStatus(s)
	}
	out := make([][]*model.Proposal, len(objs))
	for i, o := range objs {
		ps, err := r.Store.Proposals(ctx, o.ID, st)
		if err != nil {
			return nil, err
		}
		out[i] = []*model.Proposal{}
		for _, p := range ps {
			if len(types) == 0 || slices.Contains(types, model.ProposalType(p.Type)) {
				out[i] = append(out[i], proposalModel(p))
			}
		}
	}
	return out, nil
}

func (r *Resolver) acceptProposal(ctx context.Context, id string, edit *model.ProposalEdit) ([]*model.Proposal, error) {
	var e ingest.Edit
	if edit != nil {
		e = ingest.Edit{ID: deref(edit.ID), From: deref(edit.From), To: deref(edit.To), Type: deref(edit.Type)}
		if edit.Kind != nil {
			e.Kind = string(*edit.Kind)
		}
		if edit.Category != nil {
			e.Category = string(*edit.Category)
		}
		if n := edit.Names; n != nil {
			e.Names = map[string]string{}
			for l, v := range map[string]*string{"en": n.En, "bg": n.Bg, "el": n.El} {
				if v != nil {
					e.Names[l] = *v
				}
			}
		}
	}
	ps, err := r.ingestService().Accept(ctx, id, e, auth.FromContext(ctx).Name)
	return proposalModels(ps), err
}

func (r *Resolver) rejectProposal(ctx context.Context, id string, reason *string) (*model.Proposal, error) {
	p, err := r.ingestService().Reject(ctx, id, deref(reason), auth.FromContext(ctx).Name)
	if err != nil {
		return nil, err
	}
	return proposalModel(p), nil
}

func (r *Resolver) publishDocument(ctx context.Context, id string) (*model.Document, error) {
	if _, err := r.Store.PublishDocument(ctx, id, auth.FromContext(ctx).Name); err != nil {
		return nil, err
	}
	d, err := r.Store.DocumentByID(ctx, id, false)
	if err != nil {
		return nil, err
	}
	return documentModel(d), nil
}

func documentModel(d store.Document) *model.Document {
	return &model.Document{ID: d.ID, Title: d.Title, URL: optional(d.URL), Language: optional(d.Language), Format: d.Format,
		PublishedAt: optional(d.PublishedAt), IngestedAt: d.IngestedAt.UTC().Format(time.RFC3339), IngestedBy: d.IngestedBy,
		Length: d.Length, Public: d.Public, Counts: &model.ProposalCounts{Proposed: d.Counts[store.Proposed], Accepted: d.Counts[store.Accepted],
			Rejected: d.Counts[store.Rejected]}}
}

func proposalModels(ps []store.Proposal) []*model.Proposal {
	out := make([]*model.Proposal, len(ps))
	for i, p := range ps {
		out[i] = proposalModel(p)
	}
	return out
}

func proposalModel(p store.Proposal) *model.Proposal {
	m := &model.Proposal{ID: p.ID, DocumentID: p.Document, Type: model.ProposalType(p.Type), Status: model.ProposalStatus(p.Status),
		Rule: p.Rule, Confidence: p.Confidence, Sentence: p.Sentence, SentenceStart: p.SentenceStart, SentenceEnd: p.SentenceEnd,
		Start: p.Start, End: p.End, Name: optional(p.Name), Lang: optional(p.Lang), EntityID: optional(p.EntityID),
		Collective: p.Collective, Candidates: p.Candidates, From: optional(p.From), To: optional(p.To),
		RelationshipType: optional(string(p.RelType)), FromProposal: optional(p.FromProposal), ToProposal: optional(p.ToProposal),
		ReviewedBy: optional(p.ReviewedBy), Reason: optional(p.Reason), AcceptedID: optional(p.AcceptedID),
		EnglishName: optional(p.EnglishName), Resolution: optional(p.Resolution)}
	if m.Candidates == nil {
		m.Candidates = []string{}
	}
	m.Aliases = p.Aliases
	if m.Aliases == nil {
		m.Aliases = []string{}
	}
	m.Spans = p.Spans
	if m.Spans == nil {
		m.Spans = []int{}
	}
	if p.Kind != "" {
		k := model.Kind(p.Kind)
		m.Kind = &k
	}
	if p.Category != "" {
		c := model.OrganisationCategory(p.Category)
		m.Category = &c
	}
	if p.Props != nil {
		m.Properties = p.Props
	}
	if !p.ReviewedAt.IsZero() {
		m.ReviewedAt = optional(p.ReviewedAt.UTC().Format(time.RFC3339))
	}
	return m
}

// optional is nil for "", else a pointer to s.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
