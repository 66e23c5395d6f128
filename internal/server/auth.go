package server

import (
	"errors"
	"net/http"

	"urbangraph/internal/auth"
	"urbangraph/internal/errs"
)

// authenticate puts the caller's identity in the request context. A token that does not verify is
// refused here, whatever the route.
func authenticate(d Deps, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := auth.Identity{Name: "anonymous", Role: auth.Anonymous}
		if d.Auth != nil {
			var err error
			if id, err = d.Auth.Authenticate(r); err != nil {
				refuse(w, r, http.StatusUnauthorized, errs.CodeUnauth, err)
				return
			}
		} else if r.Header.Get("Authorization") != "" {
			refuse(w, r, http.StatusUnauthorized, errs.CodeUnauth, errors.New("this server accepts no tokens"))
			return
		}
		next.ServeHTTP(w, r.WithContext(auth.WithIdentity(r.Context(), id)))
	})
}

// requireReadToken refuses anonymous requests when reads require a token.
func requireReadToken(d Deps, next http.Handler) http.Handler {
	if !d.ReadsRequireToken {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodOptions && auth.FromContext(r.Context()).Role == auth.Anonymous {
			refuse(w, r, http.StatusUnauthorized, errs.CodeUnauth, auth.ErrUnauthenticated)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// refuse answers in the GraphQL error shape, which every client of this API already reads.
func refuse(w http.ResponseWriter, r *http.Request, status int, code string, err error) {
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="urbangraph"`)
	}
	writeJSON(w, status, map[string]any{"errors": []map[string]any{{
		"message":    err.Error(),
		"extensions": map[string]any{"code": code, "requestId": requestID(r.Context())},
	}}})
}
