package ingest

import (
	"bufio"
	"embed"
	"fmt"
	"slices"
	"strings"

	"urbangraph/internal/store"
	"urbangraph/internal/translit"
)

// The lexicons (lexicon/LANG.lex) hold the words the rules read, one file per language: the head
// words that give a name its kind, and named lists of words and phrases (cues of relationships,
// titles, joining words...). The rules are code and say which list they read; the words are data,
// so a linguist can add a word without touching a rule. The format:
//
//	# a comment
//	@head KIND [CATEGORY]   then one noun a line: its forms, base form first; "|" parts the
//	                        singular forms from the plural ones; a line that starts with "!" is a
//	                        head only inside a capitalised name ("Технологичен парк", not "парк");
//	                        "= gloss" at the end gives the noun's English base form ("център … =
//	                        centre"), by which resolution compares names across languages (an
//	                        English head's gloss is its base form)
//	@list NAME              then words or phrases; "_" joins the words of a phrase
//	@cue NAME               the same as @list (a relationship's cue words)
//
// Every form is matched on the words' plain form (lower case, without accents: translit.Plain).
//
//go:embed lexicon/*.lex
var lexiconFiles embed.FS

// lexicon is one language's words.
type lexicon struct {
	lang    string
	heads   map[string][]head   // first word of a form → the heads with a form starting with it
	phrases map[string]*phrases // list name → its phrases
	lines   map[string][]string // list name → its lines, forms joined by "|"
	written map[string][]string // list name → its lines as written (case and accents kept)
}

// head is a noun whose presence in a name gives the name's kind: "община" an organisation (a
// municipality), "център" a centre.
type head struct {
	words          []string // one form, word by word (plain)
	base           string   // the noun's base form, as written in the lexicon
	gloss          string   // its English base form, if the lexicon gives one
	kind, category string
	inflected      bool // not the base form (in Bulgarian: with the article)
	plural         bool
	properOnly     bool // a head only inside a capitalised name
}

// phrases is a set of word sequences, indexed by their first word.
type phrases struct {
	byFirst map[string][][]string
}

var lexicons = loadLexicons()

func loadLexicons() map[string]*lexicon {
	out := map[string]*lexicon{}
	for _, lang := range store.Langs {
		raw, err := lexiconFiles.ReadFile("lexicon/" + lang + ".lex")
		if err != nil {
			panic(err)
		}
		lx, err := parseLexicon(lang, string(raw))
		if err != nil {
			panic(fmt.Sprintf("lexicon/%s.lex: %v", lang, err))
		}
		out[lang] = lx
	}
	return out
}

func parseLexicon(lang, raw string) (*lexicon, error) {
	lx := &lexicon{lang: lang, heads: map[string][]head{}, phrases: map[string]*phrases{}, lines: map[string][]string{}, written: map[string][]string{}}
	var section []string
	sc := bufio.NewScanner(strings.NewReader(raw))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "@") {
			section = strings.Fields(line)
			switch {
			case section[0] == "@head" && (len(section) == 2 || len(section) == 3):
			case (section[0] == "@list" || section[0] == "@cue") && len(section) == 2:
				if lx.phrases[section[1]] == nil {
					lx.phrases[section[1]] = &phrases{byFirst: map[string][][]string{}}
				}
			default:
				return nil, fmt.Errorf("line %d: %q is not @head KIND [CATEGORY], @list NAME or @cue NAME", n, line)
			}
			continue
		}
		if section == nil {
			return nil, fmt.Errorf("line %d: words before any @head, @list or @cue", n)
		}
		forms := strings.Fields(line)
		switch section[0] {
		case "@head":
			h := head{kind: section[1]}
			if len(section) == 3 {
				h.category = section[2]
			}
			if forms[0] == "!" {
				h.properOnly, forms = true, forms[1:]
			}
			if k := slices.Index(forms, "="); k >= 0 {
				if k != len(forms)-2 || k == 0 {
					return nil, fmt.Errorf("line %d: %q: \"=\" is followed by one gloss and ends the line", n, line)
				}
				h.gloss, forms = strings.ReplaceAll(forms[k+1], "_", " "), forms[:k]
			}
			h.base = strings.ReplaceAll(forms[0], "_", " ")
			if lang == "en" && h.gloss == "" {
				h.gloss = h.base
			}
			for k, f := range forms {
				if f == "|" {
					h.plural = true
					continue
				}
				h.words, h.inflected = words(f), k > 0
				lx.heads[h.words[0]] = append(lx.heads[h.words[0]], h)
			}
		default:
			p := lx.phrases[section[1]]
			var line []string
			for _, f := range forms {
				line = append(line, plain(f))
			}
			lx.lines[section[1]] = append(lx.lines[section[1]], strings.Join(line, "|"))
			lx.written[section[1]] = append(lx.written[section[1]], strings.Join(forms, " "))
			for _, f := range forms {
				w := words(f)
				p.byFirst[w[0]] = append(p.byFirst[w[0]], w)
			}
		}
	}
	return lx, sc.Err()
}

// words splits a lexicon form at "_" into plain words.
func words(form string) []string {
	var out []string
	for _, w := range strings.Split(form, "_") {
		out = append(out, plain(w))
	}
	return out
}

// plain is a word's form for matching: lower case, no accents, the script kept, final sigma as σ.
func plain(w string) string { return translit.Plain(w) }

// list returns a named list, or an empty one (a language may leave a list out).
func (lx *lexicon) list(name string) *phrases {
	if p, ok := lx.phrases[name]; ok {
		return p
	}
	return &phrases{}
}

// matchAt returns the length in tokens of the longest phrase that starts at toks[i], or 0.
func (p *phrases) matchAt(toks []token, i int) int {
	best := 0
	if i >= len(toks) {
		return 0
	}
	for _, ph := range p.byFirst[toks[i].plain] {
		if len(ph) > best && i+len(ph) <= len(toks) && sameWords(toks[i:i+len(ph)], ph) {
			best = len(ph)
		}
	}
	return best
}

// has reports whether a one-word form is in the list.
func (p *phrases) has(w string) bool {
	for _, ph := range p.byFirst[w] {
		if len(ph) == 1 {
			return true
		}
	}
	return false
}

func sameWords(toks []token, ws []string) bool {
	for k, w := range ws {
		if toks[k].plain != w {
			return false
		}
	}
	return true
}

// headAt returns the longest head whose form starts at toks[i].
func (lx *lexicon) headAt(toks []token, i int) (head, bool) {
	var best head
	found := false
	if i >= len(toks) {
		return best, false
	}
	for _, h := range lx.heads[toks[i].plain] {
		if (!found || len(h.words) > len(best.words)) && i+len(h.words) <= len(toks) && sameWords(toks[i:i+len(h.words)], h.words) {
			best, found = h, true
		}
	}
	return best, found
}

// headsAt returns every head (of any kind) whose form starts at toks[i], longest first.
func (lx *lexicon) headsAt(toks []token, i int) []head {
	var out []head
	if i >= len(toks) {
		return nil
	}
	for _, h := range lx.heads[toks[i].plain] {
		if i+len(h.words) <= len(toks) && sameWords(toks[i:i+len(h.words)], h.words) {
			out = append(out, h)
		}
	}
	return out
}

// endings returns the one-word forms of a list (a list of word endings).
func (lx *lexicon) endings(name string) []string {
	p := lx.phrases[name]
	if p == nil {
		return nil
	}
	var out []string
	for _, phs := range p.byFirst {
		for _, ph := range phs {
			if len(ph) == 1 {
				out = append(out, ph[0])
			}
		}
	}
	return out
}

// ordered returns the lines of a list in the file's order, each line's forms joined by "|" (for
// lists whose order means something: numbers).
func (lx *lexicon) ordered(name string) []string { return lx.lines[name] }
