// Command modeldoc writes docs/model.md's tables of kinds and relationship types from the store's
// closed lists (go generate ./internal/store). A test fails when the committed page differs.
package main

import (
	"fmt"
	"os"

	"urbangraph/internal/store"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: modeldoc docs/model.md")
		os.Exit(2)
	}
	raw, err := os.ReadFile(os.Args[1])
	if err == nil {
		var doc string
		if doc, err = store.ReplaceModelDocTables(string(raw)); err == nil {
			err = os.WriteFile(os.Args[1], []byte(doc), 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "modeldoc:", err)
		os.Exit(1)
	}
}
