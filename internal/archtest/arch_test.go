// Package archtest checks the import rules of docs/architecture.md against the module's real
// import graph (go list), so that the design a newcomer reads is the design the code has.
package archtest

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"urbangraph/internal/store"
)

// imports maps each package of the module (without the module prefix) to the packages it imports
// outside its tests: ours without the prefix, others in full.
func imports(t *testing.T) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "urbangraph/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	m := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		var imps []string
		for _, i := range f[1:] {
			imps = append(imps, strings.TrimPrefix(i, "urbangraph/"))
		}
		m[strings.TrimPrefix(f[0], "urbangraph/")] = imps
	}
	return m
}

func TestPackagesImportOnlyWhatTheArchitectureAllows(t *testing.T) {
	m := imports(t)
	if len(m) < 15 {
		t.Fatalf("go list found %d packages", len(m))
	}
	for pkg, imps := range m {
		for _, imp := range imps {
			switch {
			case strings.HasPrefix(imp, "github.com/neo4j/neo4j-go-driver") && pkg != "internal/store":
				t.Errorf("%s imports the Neo4j driver: only internal/store speaks to Neo4j", pkg)
			case imp == "graph/generated" && pkg != "graph" && pkg != "graph/args":
				t.Errorf("%s imports graph/generated: the executor is assembled in graph alone", pkg)
			case imp == "graph" && (strings.HasPrefix(pkg, "graph/") || strings.HasPrefix(pkg, "internal/") && pkg != "internal/server"):
				t.Errorf("%s imports graph: below the server, nothing depends on the resolvers", pkg)
			case strings.HasPrefix(imp, "graph") && strings.HasPrefix(pkg, "internal/") && pkg != "internal/server":
				t.Errorf("%s imports %s: internal packages do not know the GraphQL layer", pkg, imp)
			case imp == "internal/server" && pkg != "cmd/urbangraph":
				t.Errorf("%s imports internal/server: only the binary assembles the HTTP API", pkg)
			}
		}
	}
}

// eachGoFile calls check with every hand-written Go file of the module outside tests (its path from
// the root and its text), skipping hidden folders, node_modules, the generated executor and the
// folders and files named in skip.
func eachGoFile(t *testing.T, check func(rel string, raw []byte), skip ...string) {
	t.Helper()
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if slices.Contains(skip, rel) && d.IsDir() {
			return filepath.SkipDir
		}
		if d.IsDir() && rel != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || rel == filepath.Join("graph", "generated")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") || slices.Contains(skip, rel) {
			return nil
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		check(rel, raw)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Cypher is written in internal/store only: elsewhere a query keyword in a Go string is a mistake.
func TestCypherIsWrittenOnlyInTheStore(t *testing.T) {
	cypher := regexp.MustCompile(`(MATCH|MERGE|OPTIONAL MATCH|DETACH DELETE) \(`)
	eachGoFile(t, func(rel string, raw []byte) {
		if loc := cypher.FindIndex(raw); loc != nil {
			t.Errorf("%s has Cypher (%q): queries belong in internal/store", rel, raw[loc[0]:loc[1]])
		}
	}, filepath.Join("internal", "store"))
}

// Error codes are declared in internal/errs only, which maps every error to its code and status
// (errs.Classify): elsewhere a code written as a string literal is a second mapping.
func TestErrorCodesAreDeclaredOnlyInErrs(t *testing.T) {
	literal := regexp.MustCompile(`"code"\s*(:|\]\s*=)\s*"[A-Z_]+"|Code\w*\s*=\s*"[A-Z_]+"`)
	eachGoFile(t, func(rel string, raw []byte) {
		if loc := literal.FindIndex(raw); loc != nil {
			t.Errorf("%s writes an error code (%s): declare it in internal/errs", rel, raw[loc[0]:loc[1]])
		}
	}, filepath.Join("internal", "errs"))
}

// The languages are store.Langs: a list of them written out elsewhere is a second home.
func TestTheLanguagesAreListedOnlyInTheStore(t *testing.T) {
	list := regexp.MustCompile(`"(en|bg|el)",\s*"(en|bg|el)",\s*"(en|bg|el)"`)
	eachGoFile(t, func(rel string, raw []byte) {
		if loc := list.FindIndex(raw); loc != nil {
			t.Errorf("%s lists the languages (%s): use store.Langs", rel, raw[loc[0]:loc[1]])
		}
	}, filepath.Join("internal", "store", "write.go"))
}

// Hand-written Go files stay readable: at most 500 lines a file and 80 a function (the brief's
// limits; generated files, "DO NOT EDIT", are gqlgen's and propgen's). The resolvers' files count:
// gqlgen writes their signatures, people their bodies.
func TestFilesAndFunctionsStayShort(t *testing.T) {
	const maxFile, maxFunc = 500, 80
	generated := regexp.MustCompile(`(?m)^// Code generated .* DO NOT EDIT\.$`)
	files := 0
	eachGoFile(t, func(rel string, raw []byte) {
		if generated.Match(raw) {
			return
		}
		files++
		if n := bytes.Count(raw, []byte("\n")); n > maxFile {
			t.Errorf("%s has %d lines (at most %d): split it", rel, n, maxFile)
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, rel, raw, 0)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if n := fset.Position(fd.End()).Line - fset.Position(fd.Pos()).Line; n > maxFunc {
					t.Errorf("%s: %s has %d lines (at most %d): split it", rel, fd.Name.Name, n, maxFunc)
				}
			}
		}
	}, "tmp")
	if files < 100 {
		t.Errorf("checked %d files", files)
	}
}

// The GraphQL layer names no relationship type: a field's relationship is its @relation in the
// schema, read by graph/fields, so a type written as a string in graph/ is a second home.
func TestTheGraphQLLayerNamesNoRelationshipType(t *testing.T) {
	var names []string
	for _, rt := range store.RelTypes() {
		names = append(names, string(rt))
	}
	literal := regexp.MustCompile(`"(` + strings.Join(names, "|") + `)"`)
	checked := 0
	eachGoFile(t, func(rel string, raw []byte) {
		if !strings.HasPrefix(rel, "graph"+string(filepath.Separator)) {
			return
		}
		checked++
		if loc := literal.FindIndex(raw); loc != nil {
			t.Errorf("%s names the relationship type %s: give the field a @relation instead", rel, raw[loc[0]:loc[1]])
		}
	})
	if checked < 20 {
		t.Errorf("checked %d files under graph/", checked)
	}
}
