package server

import (
	"io/fs"
	"net/http"
	"strings"

	"urbangraph/web"
)

// explorerCSP allows the explorer only what it uses: its own scripts, styles and API, and images
// it draws itself (the PNG download).
const explorerCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// explorer serves the embedded web explorer: index.html must be revalidated (it names the current
// assets), the assets are named by their content hash and never change.
func explorer() http.Handler {
	files := http.FileServerFS(web.Dist())
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", explorerCSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		if strings.HasPrefix(r.URL.Path, "/assets/") {
			if _, err := fs.Stat(web.Dist(), strings.TrimPrefix(r.URL.Path, "/")); err != nil {
				http.NotFound(w, r)
				return
			}
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			h.Set("Cache-Control", "no-cache")
		}
		files.ServeHTTP(w, r)
	})
}
