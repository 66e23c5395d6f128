package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"urbangraph/internal/errs"
)

// presentError maps resolver errors to coded client errors with errs.Classify, the mapping every
// route shares. Only messages written for clients pass through; anything else (driver messages,
// Cypher) is logged with the request ID and replaced. A database that is down or a deadline also
// sets the HTTP status (503, 504); other errors keep GraphQL's (the errors in a 200).
func presentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		if gqlErr.Extensions == nil {
			gqlErr.Extensions = map[string]any{}
		}
		gqlErr.Extensions["requestId"] = requestID(ctx)
		c := errs.Classify(err)
		var already *gqlerror.Error
		switch {
		case c.Code != errs.CodeInternal:
			gqlErr.Message = c.Message
			gqlErr.Extensions["code"] = c.Code
			if c.Field != "" {
				gqlErr.Extensions["field"] = c.Field
			}
			if c.Status >= http.StatusInternalServerError {
				setStatus(ctx, c.Status)
			}
			logClass(ctx, log, c, err)
		case errors.As(err, &already) && already.Extensions["code"] != nil:
			// Validation and parsing errors from gqlgen itself: already safe and coded.
		case errors.As(err, &already) && already.Rule != "":
			gqlErr.Extensions["code"] = errs.CodeValidation
		default:
			logClass(ctx, log, c, err)
			gqlErr.Message = c.Message
			gqlErr.Extensions["code"] = c.Code
		}
		return gqlErr
	}
}

// fail answers an HTTP route's error as the GraphQL presenter would (errs.Classify): its status,
// code and client message, in the GraphQL error shape; logged by its severity.
func fail(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	c := errs.Classify(err)
	logClass(r.Context(), log, c, err)
	failWith(w, r, c)
}

// failWith answers a classified error (a route may change its status first: 415 for a document of
// an unknown type).
func failWith(w http.ResponseWriter, r *http.Request, c errs.Class) {
	if c.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="urbangraph"`)
	}
	ext := map[string]any{"code": c.Code, "requestId": requestID(r.Context())}
	if c.Field != "" {
		ext["field"] = c.Field
	}
	writeJSON(w, c.Status, map[string]any{"errors": []map[string]any{{"message": c.Message, "extensions": ext}}})
}

// logClass logs an error by its class's severity, with the request ID: the database and deadlines
// as warnings, anything unexpected as an error; the client's own mistakes not at all.
func logClass(ctx context.Context, log *slog.Logger, c errs.Class, err error) {
	switch c.Severity {
	case errs.Warn:
		log.WarnContext(ctx, "request failed", "code", c.Code, "err", err, "request_id", requestID(ctx))
	case errs.Fail:
		log.ErrorContext(ctx, "internal error", "err", err, "request_id", requestID(ctx))
	}
}

func recoverPanic(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", p, "request_id", requestID(ctx))
		return errors.New("panic") // presented as INTERNAL
	}
}
