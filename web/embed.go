// Package web holds the built web explorer (web/dist, made by `make web` from web/src), embedded in
// the binary so that `go build` and `make run` need no Node.js.
package web

import (
	"embed"
	"io/fs"
)

//go:embed dist
var dist embed.FS

// Dist is the built explorer: index.html, assets/ and build-hash.txt.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // the embed directive guarantees dist exists
	}
	return sub
}
