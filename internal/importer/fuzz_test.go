package importer

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"urbangraph/internal/domain"
)

// Any file content is read without panicking; every problem found says where it is.
func fuzzRead(f *testing.F, read func(*Input, string, []byte), seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		in := &Input{}
		read(in, "fuzz", raw)
		for _, p := range in.Problems {
			if p.File != "fuzz" {
				t.Fatalf("problem without its file: %v", p)
			}
		}
		if _, err := Check(in, nil); err != nil {
			t.Fatalf("check: %v", err)
		}
	})
}

func FuzzReadDocument(f *testing.F) {
	fuzzRead(f, (*Input).readDocument,
		`{"format": "urbangraph/1", "nodes": [{"id": "city:a", "kind": "CITY", "names": {"en": "A"}}], "relationships": []}`,
		`{"format": "urbangraph/1", "nodes": [{"id": 1}]}`, `[`, `{"nodes": {}}`, "{\"format\": \"\xff\"}")
}

func FuzzReadLines(f *testing.F) {
	fuzzRead(f, (*Input).readLines,
		`{"id": "city:a", "kind": "CITY", "names": {"en": "A"}, "evidence": [{"source": "source:s", "quote": "q"}]}`,
		`{"from": "a:b", "type": "X", "to": "c:d"}`, "\n\n{", "\xff\xfe")
}

func FuzzReadCSV(f *testing.F) {
	fuzzRead(f, (*Input).readCSV,
		"id,kind,name_en,name_bg,name_el,aliases,unnamed,collective,properties,evidence\ncity:a,CITY,A,,,[],false,false,{},[]\n",
		"from,type,to,properties,sources,quotes\na:b,LOCATED_IN,c:d,{},[\"s\"],[\"q\"]\n", "\"unterminated", "id\n")
}

// The fast path of JSON Lines reads a line exactly as the general path does, or leaves it to it.
func FuzzFastLineAgreesWithTheGeneralPath(f *testing.F) {
	for _, s := range []string{
		`{"id": "city:a", "kind": "CITY", "names": {"en": "A"}}`, `{"from": "a:b", "type": "X", "to": "c:d", "quote": "q"}`,
		`{"from": "", "type": "X"}`, `{"type": "from"}`, `{"aliases": ["from"], "id": "city:a"}`, `{"\u0066rom": "a:b"}`,
		`{"id": "city:a"} trailing`, `null`, `[1]`, `{"id": 1}`, `{"from": "a:b", "id": "x"}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if strings.ContainsAny(line, "\n\r") {
			return
		}
		fast := &Input{}
		if !fastLine(fast, Pos{File: "f", Line: 1}, []byte(strings.TrimSpace(line))) {
			return
		}
		var probe map[string]json.RawMessage
		if json.Unmarshal([]byte(line), &probe) != nil {
			t.Fatalf("the fast path took %q, which is not one JSON object", line)
		}
		_, isRel := probe["from"]
		if isRel != (len(fast.Rels) == 1) {
			t.Fatalf("%q: fast path rel=%v, the probe says %v", line, len(fast.Rels) == 1, isRel)
		}
		var err error
		if isRel {
			var r domain.Rel
			err = strictDecode([]byte(line), &r)
			if err == nil && !reflect.DeepEqual(r, fast.Rels[0].Rel) {
				t.Fatalf("%q: %+v vs %+v", line, r, fast.Rels[0].Rel)
			}
		} else {
			var n domain.Node
			err = strictDecode([]byte(line), &n)
			got := append(fast.Sources, fast.Nodes...)
			if err == nil && (len(got) != 1 || !reflect.DeepEqual(n, got[0].Node)) {
				t.Fatalf("%q: %+v vs %+v", line, n, got)
			}
		}
		if err != nil {
			t.Fatalf("%q: the fast path took a line the general path refuses: %v", line, err)
		}
	})
}
