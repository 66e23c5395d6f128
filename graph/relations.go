package graph

import (
	"urbangraph/graph/fields"
	"urbangraph/internal/store"
)

// relations are the schema's relationship fields, read from their @relation directives: the batch
// resolvers and compiled reads both take them from here. A schema whose @relation disagrees with
// the model (internal/store/model.go) does not start.
var relations = mustRelations()

func mustRelations() fields.Relations {
	rs, err := fields.RelationsOf(Schema())
	if err != nil {
		panic("schema.graphqls: " + err.Error())
	}
	return rs
}

// rel is the relationship behind a relationship field.
func rel(typ, field string) store.Rel {
	r, ok := relations.Of(typ, field)
	if !ok {
		panic("graph: " + typ + "." + field + " has no @relation in schema.graphqls")
	}
	return r.Rel
}
