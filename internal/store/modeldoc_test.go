package store

import (
	"os"
	"testing"
)

// docs/model.md's tables of kinds and relationship types are the store's closed lists: run
// `go generate ./internal/store` after changing model.go.
func TestTheModelDocIsGeneratedFromTheModel(t *testing.T) {
	raw, err := os.ReadFile("../../docs/model.md")
	if err != nil {
		t.Fatal(err)
	}
	want, err := ReplaceModelDocTables(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	if string(raw) != want {
		t.Error("docs/model.md's tables differ from internal/store/model.go: run go generate ./internal/store")
	}
}

// The explorer's kinds and languages are the store's: web/src/model.gen.ts is generated.
func TestTheExplorersModelIsGeneratedFromTheModel(t *testing.T) {
	raw, err := os.ReadFile("../../web/src/model.gen.ts")
	if err != nil {
		t.Fatal(err)
	}
	if string(raw) != ModelTypeScript() {
		t.Error("web/src/model.gen.ts differs from internal/store/model.go: run go generate ./internal/store, then make web")
	}
}
