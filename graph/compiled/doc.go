// Package compiled answers plain nested reads with one Cypher query per root field: the second of
// Urbangraph's two read engines, beside the resolvers in package graph.
//
// # Why
//
// Most read traffic asks for entities, their names and flags, and the entities their relationships
// lead to, nested a few levels deep. gqlgen answers such a query object by object (a goroutine and
// a field context per list element, a batch of Cypher per level), which costs far more than Neo4j's
// own work (docs/benchmarks.md). The compiler answers these operations the way the Neo4j GraphQL
// Library does: each root field becomes one operation that reads the whole selection with one
// Cypher query (store.Tree: nested COLLECT subqueries), and the response is written from it directly.
//
// # What it covers
//
// Query operations whose root fields are
//
//   - an entity by ID (city, organisation, centre, event: every Query field that takes only an id
//     and returns an entity type),
//   - a list connection (cities, organisations... : every Query field returning an entity
//     connection), with totalCount, pageInfo, edges, cursors and nodes,
//   - search (its hits' countries too: one more query), neighbourhood, shortestPath and paths, their
//     nodes and edges without properties or evidence,
//   - nearby and similar (ranked.go: the store call the resolvers make), their nodes as above,
//   - __typename,
//
// and whose selections below hold __typename, id, kind, name(lang), names, aliases, unnamed,
// collective, location (a city's point, the others' through their kind's path: store.Tree.Location),
// sources (the sentences that name it, each with its source: store.Tree.Sources), history (a page of
// its change log: store.Tree.History; the actor shown by the caller's role, history.go),
// the scalar fields of each entity type (@property in the schema: model.Properties),
// and relationship fields (@relation, read by package fields), to entities or to edges (founders,
// participants: both ends, the relationship's properties and its evidence with its sources, edge.go),
// nested to any depth, with
// fragments, aliases, variables and @skip/@include.
//
// # What falls back, and why the answers are identical
//
// Anything else is planned as ErrNotCovered with the reason. A root field that is not covered is
// answered by the resolvers alone when the operation's roots are plain fields: they run the
// operation cut down to it, and the two answers are written together (partial.go). Otherwise the
// resolvers answer the whole operation: mutations, introspection, properties, two pages of one entity's
// history in one selection, a relation to any kind (Programme.funds),
// node(id), stats, fields whose
// definition carries a directive (@hasRole: only the resolvers run directives), @defer, an argument
// of an unexpected type or out of range. So is anything that fails on the way (an entity not found,
// a Neo4j error, a deadline): the resolvers then report it the one usual way. Arguments are checked
// by package args, which the resolvers use too; values are written with gqlgen's marshalers and the
// model's own methods, in selection order. The differential test (internal/server/compiled_test.go)
// runs fixed and random queries through a server with and one without compiled reads and requires
// byte-identical bodies; the tests here check the plans (GraphQL in, store reads out) with no
// database.
//
// # Shape
//
// Reads is the gqlgen extension; Prepare plans a query for tools. A Plan holds one operation per
// root field (entityRoot, connectionRoot, searchRoot, neighbourhoodRoot, pathsRoot, nearbyRoot,
// similarRoot, typenameRoot),
// each with its store request as plain data. plan.go turns selections into store.Trees, args.go reads
// collected arguments, write.go writes JSON.
package compiled
