package errs

import (
	"context"
	"errors"
	"net/http"
)

// More codes: a subscription over the caps; operations refused before they run (the selection too
// deep, too many root fields and aliases, a document that does not validate).
const (
	CodeTooManySubscriptions = "TOO_MANY_SUBSCRIPTIONS"
	CodeTooDeep              = "QUERY_TOO_DEEP"
	CodeTooManyAliases       = "TOO_MANY_ALIASES"
	CodeValidation           = "GRAPHQL_VALIDATION_FAILED"
)

// Errors of the API's edges, each with its code (Classify): package auth and package feed return
// them under these names.
var (
	ErrUnauthenticated      = errors.New("a valid token is required: send Authorization: Bearer <token>") // UNAUTHENTICATED
	ErrForbidden            = errors.New("your token's role does not allow this")                         // FORBIDDEN
	ErrTooManySubscriptions = errors.New("too many subscriptions")                                        // TOO_MANY_SUBSCRIPTIONS
)

// Severity says whether the server logs an error, and how loudly.
type Severity int

const (
	Quiet Severity = iota // the client's doing: not logged
	Warn                  // the database or the deadline: logged as a warning
	Fail                  // a defect or an unexpected failure: logged as an error
)

// Class is what a client is told of an error: its code (extensions.code), the HTTP status a route
// answers with, the message (never internal text) and, for input, the field; and whether the server
// logs the error.
type Class struct {
	Code, Message, Field string
	Status               int
	Severity             Severity
}

// Classify maps an error to what the API says of it: the one mapping of the GraphQL presenter and
// the HTTP routes (/ingest, /import, /reconcile...). Anything it does not know is INTERNAL, with no
// detail.
func Classify(err error) Class {
	var input *InputError
	var conflict *ConflictError
	switch {
	case errors.As(err, &input):
		return Class{Code: CodeBadInput, Message: input.Error(), Field: input.Field, Status: http.StatusBadRequest}
	case errors.Is(err, ErrUnauthenticated):
		return Class{Code: CodeUnauth, Message: ErrUnauthenticated.Error(), Status: http.StatusUnauthorized}
	case errors.Is(err, ErrForbidden):
		return Class{Code: CodeForbidden, Message: ErrForbidden.Error(), Status: http.StatusForbidden}
	case errors.As(err, &conflict):
		return Class{Code: CodeConflict, Message: conflict.Message, Status: http.StatusConflict}
	case errors.Is(err, ErrTooManySubscriptions):
		return Class{Code: CodeTooManySubscriptions, Status: http.StatusTooManyRequests,
			Message: "too many subscriptions: close one first (URBANGRAPH_MAX_SUBSCRIPTIONS, URBANGRAPH_MAX_SUBSCRIPTIONS_PER_CLIENT)"}
	case errors.Is(err, ErrNotFound):
		return Class{Code: CodeNotFound, Message: "not found", Status: http.StatusNotFound}
	case errors.Is(err, ErrUnavailable):
		return Class{Code: CodeUnavailable, Message: "the database is unavailable; try again shortly",
			Status: http.StatusServiceUnavailable, Severity: Warn}
	case errors.Is(err, context.DeadlineExceeded):
		return Class{Code: CodeTimeout, Message: "the request took longer than its deadline (URBANGRAPH_REQUEST_TIMEOUT)",
			Status: http.StatusGatewayTimeout, Severity: Warn}
	}
	return Class{Code: CodeInternal, Message: "internal error", Status: http.StatusInternalServerError, Severity: Fail}
}
