package errs

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
)

// Every error the API knows has one code, one status and one message for clients, wrapped or not;
// anything else is INTERNAL with no detail, and logged.
func TestEveryErrorIsClassifiedOnce(t *testing.T) {
	secret := errors.New("neo4j: Neo.ClientError.Statement.SyntaxError at MATCH (n) ...")
	for _, c := range []struct {
		err           error
		code, message string
		status        int
		severity      Severity
	}{
		{BadInput("first", "is %d; the limit is %d", 101, 100), CodeBadInput, "first: is 101; the limit is 100", http.StatusBadRequest, Quiet},
		{fmt.Errorf("upsert: %w", ErrUnauthenticated), CodeUnauth, ErrUnauthenticated.Error(), http.StatusUnauthorized, Quiet},
		{ErrForbidden, CodeForbidden, ErrForbidden.Error(), http.StatusForbidden, Quiet},
		{&ConflictError{Message: "org:x is taken"}, CodeConflict, "org:x is taken", http.StatusConflict, Quiet},
		{ErrTooManySubscriptions, CodeTooManySubscriptions, "too many subscriptions: close one first (URBANGRAPH_MAX_SUBSCRIPTIONS, URBANGRAPH_MAX_SUBSCRIPTIONS_PER_CLIENT)", http.StatusTooManyRequests, Quiet},
		{fmt.Errorf("node %q: %w", "city:x", ErrNotFound), CodeNotFound, "not found", http.StatusNotFound, Quiet},
		{fmt.Errorf("search: %w: %w", ErrUnavailable, secret), CodeUnavailable, "the database is unavailable; try again shortly", http.StatusServiceUnavailable, Warn},
		{fmt.Errorf("search: %w", context.DeadlineExceeded), CodeTimeout, "the request took longer than its deadline (URBANGRAPH_REQUEST_TIMEOUT)", http.StatusGatewayTimeout, Warn},
		{secret, CodeInternal, "internal error", http.StatusInternalServerError, Fail},
	} {
		got := Classify(c.err)
		if got.Code != c.code || got.Message != c.message || got.Status != c.status || got.Severity != c.severity {
			t.Errorf("%v: %+v, want %s %q %d %d", c.err, got, c.code, c.message, c.status, c.severity)
		}
	}
	if f := Classify(BadInput("filter.country", "bad")).Field; f != "filter.country" {
		t.Errorf("an input error's field: %q", f)
	}
}
