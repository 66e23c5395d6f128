package ingest

import (
	"cmp"
	"context"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"go.opentelemetry.io/otel/attribute"

	"urbangraph/internal/domain"
	"urbangraph/internal/errs"
	"urbangraph/internal/store"
	"urbangraph/internal/tracing"
)

// Service ingests documents into the store and applies reviewers' decisions. The command line,
// POST /ingest and the GraphQL mutations all go through it.
type Service struct {
	Store *store.Store
	// ReadTimeout bounds the reading of each document (DefaultReadTimeout when 0).
	ReadTimeout time.Duration
	// MaxProposals bounds the proposals a document is stored with (MaxProposals when 0).
	MaxProposals int
}

// Input is a document to ingest: its bytes (Name's extension or ContentType tells the format) and
// what the caller knows about it. Empty fields are taken from the document (an HTML page's title
// and date; the first line as title; the detected language).
type Input struct {
	Name, ContentType string
	Data              []byte
	Title, URL        string
	Published         string // a date, YYYY-MM-DD
	Language          string // ISO 639-1
}

// Result is an ingested document and its proposals. Created is false when the same text was
// ingested before: nothing was written, and the proposals are the stored ones.
type Result struct {
	Document  store.Document
	Created   bool
	Proposals []store.Proposal
}

var langPattern = regexp.MustCompile(`^[a-z]{2}$`)

// MaxProposals is the most proposals a document is stored with: they are written with it in one
// transaction (a 200-page report yields some 21,000).
const MaxProposals = 25000

// Ingest reads a document, proposes what it states against the names the graph knows, and stores
// the document (as a Source) with its proposals in one transaction.
func (sv Service) Ingest(ctx context.Context, in Input, actor string) (res Result, err error) {
	ctx, span := tracing.Start(ctx, "ingest", attribute.Int("ingest.bytes", len(in.Data)))
	defer func() { tracing.End(span, err) }()
	rctx, cancel := WithReadTimeout(ctx, sv.ReadTimeout)
	_, step := tracing.Start(rctx, "ingest.extract")
	ex, err := Extract(rctx, in.Name, in.ContentType, in.Data)
	tracing.End(step, err)
	cancel()
	if err != nil {
		return Result{}, err
	}
	if err := checkInput(in); err != nil {
		return Result{}, err
	}
	hash := Hash(ex.Text)
	if id, err := sv.Store.DocumentByHash(ctx, hash); err != nil || id != "" {
		if err != nil {
			return Result{}, err
		}
		return sv.result(ctx, id, false)
	}
	named, err := sv.Store.AllNames(ctx)
	if err != nil {
		return Result{}, err
	}
	_, step = tracing.Start(ctx, "ingest.propose", attribute.Int("ingest.characters", utf8.RuneCountInString(ex.Text)))
	p, err := ProposeContext(ctx, ex.Text, NewLinker(Names(named)))
	tracing.End(step, err)
	if err != nil {
		return Result{}, err
	}
	title := firstOf(in.Title, ex.Title, Title(ex.Text))
	lang := firstOf(in.Language, ex.Language, DetectLanguage(ex.Text))
	if len(lang) > 2 {
		lang = strings.ToLower(lang[:2]) // an HTML page's en-GB
	}
	src := store.NodeWrite{ID: sourceID(title, hash), Kind: store.Source, Names: sourceNames(title),
		Props: map[string]any{"documentType": "ingested " + ex.Format}}
	if lang != "" {
		src.Props["language"] = lang
	}
	if in.URL != "" {
		src.Props["url"] = in.URL
	}
	published := firstOf(in.Published, ex.Published)
	records := Records(hash, p)
	if most := cmp.Or(sv.MaxProposals, MaxProposals); len(records) > most {
		return Result{}, errs.BadInput("document", "%s yields %d proposals, and a document is stored with at most %d (in one transaction): ingest it in parts",
			label(in.Name), len(records), most)
	}
	sctx, step := tracing.Start(ctx, "ingest.store", attribute.Int("ingest.proposals", len(records)))
	id, created, err := sv.Store.SaveDocument(sctx, store.DocumentWrite{Source: src, Hash: hash, Text: ex.Text,
		Format: ex.Format, Published: published, Proposals: records}, actor)
	tracing.End(step, err)
	if err != nil {
		return Result{}, err
	}
	return sv.result(ctx, id, created)
}

func (sv Service) result(ctx context.Context, id string, created bool) (Result, error) {
	doc, err := sv.Store.DocumentByID(ctx, id, false)
	if err != nil {
		return Result{}, err
	}
	ps, err := sv.Store.Proposals(ctx, id, nil)
	return Result{Document: doc, Created: created, Proposals: ps}, err
}

// Names are the graph's names as the linker takes them.
func Names(named []store.Named) []Name {
	var names []Name
	for _, n := range named {
		for i, v := range n.Names {
			// AllNames lists the English name first: every entity has one.
			names = append(names, Name{ID: n.ID, Kind: string(n.Kind), Text: v, Country: n.Country, City: n.City,
				Alias: i >= len(n.Names)-n.Aliases, English: i == 0})
		}
	}
	return names
}

func checkInput(in Input) error {
	if in.URL != "" {
		u, err := url.Parse(in.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return errs.BadInput("url", "%q is not an http(s) URL", in.URL)
		}
	}
	if in.Published != "" {
		if _, err := time.Parse("2006-01-02", in.Published); err != nil {
			return errs.BadInput("publishedAt", "%q is not a date (YYYY-MM-DD)", in.Published)
		}
	}
	if in.Language != "" && !langPattern.MatchString(in.Language) {
		return errs.BadInput("language", "%q is not a two-letter language code (bg, el, en...)", in.Language)
	}
	if len([]rune(in.Title)) > 500 {
		return errs.BadInput("title", "longer than 500 characters")
	}
	return nil
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// sourceID is source: and the slug of the title, cut at a word to at most 60 characters; a
// title with no letters gives document-<hash>.
func sourceID(title, hash string) string {
	slug := domain.Slug(title)
	for len(slug) > 60 {
		i := strings.LastIndexByte(slug[:60], '-')
		if i <= 0 {
			slug = slug[:60]
			break
		}
		slug = slug[:i]
	}
	if slug == "" {
		slug = "document-" + hash[:8]
	}
	return domain.ID(store.Source, slug)
}

// sourceNames titles the source in its language, with an English (romanised) title as every entity
// needs.
func sourceNames(title string) map[string]string {
	names := map[string]string{"en": title}
	if l := scriptLang(title); l != "en" {
		names[l] = title
		names["en"] = Romanise(title, false)
		if r := []rune(names["en"]); len(r) > 0 {
			names["en"] = strings.ToUpper(string(r[0])) + string(r[1:])
		}
	}
	return names
}
