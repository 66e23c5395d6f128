package archtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Adding a relationship type takes what docs/development.md says: one line in the model's closed
// list, a field in the schema, `go generate ./...`, and the resolver's one-line body (then `go
// generate` once more, which tidies the resolvers' imports). This test does
// it in a scratch copy of the repository (its tracked files) and checks that the copy builds, that
// the generated model tables and the explorer's module name the new type, and that both read paths
// take the field from its @relation (graph/fields and compiled reads plan it).
func TestARelationshipTypeIsAddedInOnePlaceInAScratchCopy(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	files, err := exec.Command("git", "-C", root, "ls-files", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	dir := t.TempDir()
	for _, f := range strings.Split(strings.TrimSpace(string(files)), "\n") {
		if strings.HasPrefix(f, "web/") && !strings.HasPrefix(f, "web/src/") && !strings.HasPrefix(f, "web/dist/") && f != "web/embed.go" {
			continue // the explorer's sources and build are enough: nothing here runs npm
		}
		raw, err := os.ReadFile(filepath.Join(root, f))
		if os.IsNotExist(err) {
			continue // deleted in the work tree
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit := func(file, old, new string) {
		t.Helper()
		p := filepath.Join(dir, file)
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Count(string(raw), old) != 1 {
			t.Fatalf("%s: %q is not there once", file, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(raw), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	// 1. The model: one line in the closed list of relationship types.
	edit("internal/store/model.go", "\t\"PARTNER_OF\":       {",
		"\t\"MENTORS\":          {[]Kind{Organisation}, []Kind{Organisation}, \"mentors\", nil},\n\t\"PARTNER_OF\":       {")
	// 2. The schema: the field, its meaning in its directive.
	edit("graph/kinds.graphqls", "  partners: [Organisation!]! @relation(type: \"PARTNER_OF\", direction: IN)\n",
		"  partners: [Organisation!]! @relation(type: \"PARTNER_OF\", direction: IN)\n  \"Organisations it mentors.\"\n  mentees: [Organisation!]! @relation(type: \"MENTORS\", direction: OUT)\n")
	// 3. go generate: gqlgen's resolver stub, the model's tables, the explorer's module.
	run("go", "generate", "./...")
	// 4. The resolver's body: one line.
	resolvers := filepath.Join(dir, "graph/kinds.resolvers.go")
	raw, err := os.ReadFile(resolvers)
	if err != nil {
		t.Fatal(err)
	}
	src := string(raw)
	i := strings.Index(src, "func (r *organisationResolver) Mentees(")
	if i < 0 {
		t.Fatal("go generate wrote no resolver for Organisation.mentees")
	}
	open := strings.Index(src[i:], "{\n") + i + 2
	end := strings.Index(src[open:], "\n}\n") + open
	src = src[:open] + "\treturn relatedBatch[*model.Organisation](ctx, r.Resolver, objs, rel(\"Organisation\", \"mentees\"))" + src[end:]
	if err := os.WriteFile(resolvers, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	run("go", "generate", "./graph") // as after any resolver is written: gqlgen tidies the file's imports
	run("go", "build", "./...")
	run("go", "vet", "./graph/...", "./internal/store/...")
	for file, want := range map[string]string{"docs/model.md": "`MENTORS` | Organisation | Organisation | mentors"} {
		if b, _ := os.ReadFile(filepath.Join(dir, file)); !strings.Contains(string(b), want) {
			t.Errorf("%s does not hold %q after go generate", file, want)
		}
	}
	// Both read paths take the field from its @relation: graph/fields reads it, compiled reads plan it.
	if err := os.WriteFile(filepath.Join(dir, "graph/compiled/mentees_test.go"), []byte(`package compiled

import (
	"testing"

	"urbangraph/graph"
)

func TestMenteesArePlanned(t *testing.T) {
	p, err := Prepare(graph.Schema(), `+"`"+`{ organisation(id: "org:a") { mentees { id mentees { name } } } }`+"`"+`, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := p.roots[0].op.(*entityRoot)
	if b := r.tree.Branches; len(b) != 1 || b[0].Rel.Type != "MENTORS" || len(b[0].Tree.Branches) != 1 {
		t.Fatalf("planned %+v", b)
	}
}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	run("go", "test", "-count=1", "-run", "TestMenteesArePlanned|TestTheSchemaRelations", "./graph/compiled/")
}
