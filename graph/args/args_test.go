package args

import (
	"errors"
	"strings"
	"testing"

	"urbangraph/internal/errs"
)

// A cursor past MaxOffset (one this API never gives out, or a forged one) is refused: the page
// would have Neo4j sort and skip that many entities first.
func TestCursorsReachMaxOffset(t *testing.T) {
	if n, err := DecodeCursor(EncodeCursor(MaxOffset)); err != nil || n != MaxOffset {
		t.Errorf("the deepest cursor: %d, %v", n, err)
	}
	_, err := DecodeCursor(EncodeCursor(2_000_000_000))
	var in *errs.InputError
	if !errors.As(err, &in) || in.Field != "after" || !strings.Contains(err.Error(), "narrow this one with a filter") {
		t.Errorf("a cursor two billion deep: %v", err)
	}
}
