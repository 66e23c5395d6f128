package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"urbangraph/internal/auth"
	"urbangraph/internal/errs"
	"urbangraph/internal/feed"
)

// presentError maps resolver errors to coded client errors. Only messages written for clients pass
// through; anything else (driver messages, Cypher) is logged with the request ID and replaced.
func presentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		if gqlErr.Extensions == nil {
			gqlErr.Extensions = map[string]any{}
		}
		gqlErr.Extensions["requestId"] = requestID(ctx)
		var inputErr *errs.InputError
		var conflict *errs.ConflictError
		var already *gqlerror.Error
		switch {
		case errors.As(err, &inputErr):
			gqlErr.Message = inputErr.Error()
			gqlErr.Extensions["code"] = errs.CodeBadInput
			if inputErr.Field != "" {
				gqlErr.Extensions["field"] = inputErr.Field
			}
		case errors.Is(err, auth.ErrUnauthenticated):
			gqlErr.Message = auth.ErrUnauthenticated.Error()
			gqlErr.Extensions["code"] = errs.CodeUnauth
		case errors.Is(err, auth.ErrForbidden):
			gqlErr.Message = auth.ErrForbidden.Error()
			gqlErr.Extensions["code"] = errs.CodeForbidden
		case errors.As(err, &conflict):
			gqlErr.Message = conflict.Message
			gqlErr.Extensions["code"] = errs.CodeConflict
		case errors.Is(err, feed.ErrTooMany):
			gqlErr.Message = "too many subscriptions: close one first (URBANGRAPH_MAX_SUBSCRIPTIONS, URBANGRAPH_MAX_SUBSCRIPTIONS_PER_CLIENT)"
			gqlErr.Extensions["code"] = "TOO_MANY_SUBSCRIPTIONS"
		case errors.Is(err, errs.ErrNotFound):
			gqlErr.Message = "not found"
			gqlErr.Extensions["code"] = errs.CodeNotFound
		case errors.Is(err, errs.ErrUnavailable):
			log.WarnContext(ctx, "neo4j unavailable", "err", err, "request_id", requestID(ctx))
			gqlErr.Message = "the database is unavailable; try again shortly"
			gqlErr.Extensions["code"] = errs.CodeUnavailable
			setStatus(ctx, http.StatusServiceUnavailable)
		case errors.Is(err, context.DeadlineExceeded):
			log.WarnContext(ctx, "request deadline", "err", err, "request_id", requestID(ctx))
			gqlErr.Message = "the request took longer than its deadline (URBANGRAPH_REQUEST_TIMEOUT)"
			gqlErr.Extensions["code"] = errs.CodeTimeout
			setStatus(ctx, http.StatusGatewayTimeout)
		case errors.As(err, &already) && already.Extensions["code"] != nil:
			// Validation and parsing errors from gqlgen itself: already safe and coded.
		case errors.As(err, &already) && already.Rule != "":
			gqlErr.Extensions["code"] = "GRAPHQL_VALIDATION_FAILED"
		default:
			log.ErrorContext(ctx, "internal error", "err", err, "request_id", requestID(ctx))
			gqlErr.Message = "internal error"
			gqlErr.Extensions["code"] = errs.CodeInternal
		}
		return gqlErr
	}
}

func recoverPanic(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", p, "request_id", requestID(ctx))
		return errors.New("panic") // presented as INTERNAL
	}
}
