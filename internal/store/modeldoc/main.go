// Command modeldoc writes docs/model.md's tables of kinds and relationship types, and the
// explorer's web/src/model.gen.ts, from the store's closed lists (go generate ./internal/store).
// A test fails when a committed file differs.
package main

import (
	"fmt"
	"os"

	"urbangraph/internal/store"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: modeldoc docs/model.md web/src/model.gen.ts")
		os.Exit(2)
	}
	raw, err := os.ReadFile(os.Args[1])
	if err == nil {
		var doc string
		if doc, err = store.ReplaceModelDocTables(string(raw)); err == nil {
			err = os.WriteFile(os.Args[1], []byte(doc), 0o644)
		}
	}
	if err == nil {
		err = os.WriteFile(os.Args[2], []byte(store.ModelTypeScript()), 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "modeldoc:", err)
		os.Exit(1)
	}
}
