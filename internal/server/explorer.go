package server

import (
	"bytes"
	"io/fs"
	"net/http"
	"strings"
	"time"

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

// playgroundCSP is the Playground's (GraphiQL's) policy: its own scripts, styles, fonts (some inline
// as data: URIs in GraphiQL's stylesheet) and Monaco's editor workers, and /graphql; nothing from
// another host. Styles may be inline: Monaco, GraphiQL's editor, draws every line as markup with a
// style attribute and adds <style> elements as it goes, and offers no nonce. Scripts stay 'self'
// only, and every destination a style could load (img, font, connect, default) is this host, so an
// injected style can change how the page looks but can neither run code nor send data elsewhere.
const playgroundCSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; worker-src 'self'; " +
	"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; " +
	"frame-ancestors 'none'"

// playground serves the embedded GraphiQL page (web/playground.html, built into web/dist); its
// assets are served by explorer() under /assets/.
func playground() http.Handler {
	page, err := fs.ReadFile(web.Dist(), "playground.html")
	if err != nil {
		panic(err) // web/embed_test.go fails first when the build lacks the page
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", playgroundCSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache")
		h.Set("Content-Type", "text/html; charset=utf-8")
		http.ServeContent(w, r, "playground.html", time.Time{}, bytes.NewReader(page))
	})
}
