package compiled

import (
	"bytes"
	"context"

	"github.com/99designs/gqlgen/graphql"

	"urbangraph/graph/model"
)

// The response is written as gqlgen writes it: fields in selection order, values through gqlgen's
// own marshalers, so that the bytes are the resolvers' bytes.

func writeKey(w *bytes.Buffer, key string) {
	graphql.MarshalString(key).MarshalGQL(w)
	w.WriteByte(':')
}

// writeObject writes an object of type typ: the fields in order, each key, then __typename or what
// value writes for it.
func writeObject(w *bytes.Buffer, typ string, fields []leaf, value func(f leaf) error) error {
	w.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			w.WriteByte(',')
		}
		writeKey(w, f.key)
		if f.name == "__typename" {
			graphql.MarshalString(typ).MarshalGQL(w)
			continue
		}
		if err := value(f); err != nil {
			return err
		}
	}
	w.WriteByte('}')
	return nil
}

// writeLeaves writes an object of scalar fields of type typ; value writes the one called name.
func writeLeaves(w *bytes.Buffer, typ string, fields []leaf, value func(name string)) {
	_ = writeObject(w, typ, fields, func(f leaf) error { value(f.name); return nil })
}

func writePageInfo(w *bytes.Buffer, fields []leaf, info *model.PageInfo) {
	writeLeaves(w, "PageInfo", fields, func(name string) {
		switch name {
		case "hasNextPage":
			graphql.MarshalBoolean(info.HasNextPage).MarshalGQL(w)
		case "hasPreviousPage":
			graphql.MarshalBoolean(info.HasPreviousPage).MarshalGQL(w)
		case "startCursor":
			model.MarshalOptionalString(w, info.StartCursor)
		case "endCursor":
			model.MarshalOptionalString(w, info.EndCursor)
		}
	})
}

// writeObjects writes a list of n objects, item writing each.
func writeObjects(w *bytes.Buffer, n int, item func(i int) error) error {
	w.WriteByte('[')
	for i := range n {
		if i > 0 {
			w.WriteByte(',')
		}
		if err := item(i); err != nil {
			return err
		}
	}
	w.WriteByte(']')
	return nil
}

// writeFloat writes a Float as gqlgen's executor does.
func writeFloat(w *bytes.Buffer, f float64) error {
	return graphql.MarshalFloatContext(f).MarshalGQLContext(context.Background(), w)
}
