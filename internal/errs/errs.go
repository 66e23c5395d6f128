// Package errs holds the errors the API reports to clients, with the code each one carries in
// `extensions.code`: the store and the GraphQL layer return them, internal/server presents them.
// Anything that is none of these is logged and reported as INTERNAL, with no detail.
package errs

import (
	"errors"
	"fmt"
)

// Codes in the `extensions.code` of every error the API returns.
const (
	CodeNotFound    = "NOT_FOUND"
	CodeBadInput    = "BAD_USER_INPUT"
	CodeUnavailable = "SERVICE_UNAVAILABLE"
	CodeTimeout     = "TIMEOUT"
	CodeInternal    = "INTERNAL"
	CodeUnauth      = "UNAUTHENTICATED"
	CodeForbidden   = "FORBIDDEN"
	CodeConflict    = "CONFLICT"
	CodeBusy        = "TOO_MANY_REQUESTS" // a bounded resource (the exports' slots) is taken; Retry-After says when to come back
)

// Sentinel errors, wrapped with context: fmt.Errorf("...: %w", errs.ErrNotFound).
var (
	ErrNotFound    = errors.New("not found")            // NOT_FOUND
	ErrUnavailable = errors.New("database unavailable") // SERVICE_UNAVAILABLE
)

// InputError is a problem with the caller's input, reported as BAD_USER_INPUT with its field.
type InputError struct {
	Field   string // the argument or input field path, e.g. "first" or "filter.country"
	Message string
}

func (e *InputError) Error() string {
	if e.Field == "" {
		return e.Message
	}
	return e.Field + ": " + e.Message
}

// BadInput builds an *InputError.
func BadInput(field, format string, args ...any) error {
	return &InputError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// ConflictError says a write clashes with what is stored (a generated ID taken by another entity, a
// delete that would orphan facts). Its message is written for the client; the API reports CONFLICT.
type ConflictError struct{ Message string }

func (e *ConflictError) Error() string { return e.Message }
