package compiled

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// partly answers an operation some of whose root fields the compiler covers: the resolvers run the
// operation cut down to the others (keys), and the two answers are written together in the
// operation's order, the resolvers' errors and extensions kept as they are (their paths start at
// the same root keys).
func (r *Reads) partly(ctx context.Context, next graphql.ResponseHandler, p *Plan, answer Answer, keys []string) *graphql.Response {
	ours := make([][]byte, len(p.roots)) // written first: the resolvers' answer can be asked for once
	for i, rt := range p.roots {
		if rt.op == nil {
			continue
		}
		var b bytes.Buffer
		if err := answer[i](&b); err != nil {
			readPath(ctx, "fallback")
			return next(ctx)
		}
		ours[i] = b.Bytes()
	}
	oc := graphql.GetOperationContext(ctx)
	whole := oc.Operation
	cut := *whole
	cut.SelectionSet = slices.DeleteFunc(slices.Clone(whole.SelectionSet), func(s ast.Selection) bool {
		f, _ := s.(*ast.Field)
		return f == nil || !slices.Contains(keys, f.Alias)
	})
	oc.Operation = &cut // the generated executor reads the operation when the response is asked for
	resp := next(ctx)
	oc.Operation = whole
	if resp == nil || resp.Data == nil || bytes.Equal(resp.Data, []byte("null")) {
		readPath(ctx, "partial")
		return resp // a non-null root failed: the data is null, as it would be
	}
	theirs, err := rootValues(resp.Data)
	if err != nil {
		readPath(ctx, "partial")
		return resp
	}
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, rt := range p.roots {
		if i > 0 {
			buf.WriteByte(',')
		}
		writeKey(&buf, rt.key)
		switch {
		case rt.op != nil:
			buf.Write(ours[i])
		case theirs[rt.key] != nil:
			buf.Write(theirs[rt.key])
		default:
			buf.WriteString("null")
		}
	}
	buf.WriteByte('}')
	readPath(ctx, "partial")
	resp.Data = buf.Bytes()
	return resp
}

// rootValues splits a response's data object into its root fields' raw values.
func rootValues(data []byte) (map[string]json.RawMessage, error) {
	var out map[string]json.RawMessage
	err := json.Unmarshal(data, &out)
	return out, err
}
