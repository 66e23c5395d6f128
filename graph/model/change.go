package model

import (
	"slices"
	"time"

	"urbangraph/internal/store"
)

// NewChange is a change record as the API shows it, the actor as shown tells (by the caller's role:
// auth.Shown); the changed fields by name. Both read paths show changes with it.
func NewChange(c store.Change, shown func(actor string) string) *Change {
	m := &Change{Seq: int(c.Seq), At: c.At.UTC().Format(time.RFC3339Nano), Actor: shown(c.Actor), Operation: c.Op,
		EntityID: optional(c.Entity), From: optional(c.From), Type: optional(c.Type), To: optional(c.To),
		Fields: make([]*FieldChange, 0, len(c.Fields))}
	names := make([]string, 0, len(c.Fields))
	for k := range c.Fields {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		m.Fields = append(m.Fields, &FieldChange{Name: k, Before: c.Fields[k][0], After: c.Fields[k][1]})
	}
	return m
}
