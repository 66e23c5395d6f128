package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// pending is an unpublished document's source: the properties of its (:PendingSource) node, and
// the Source to write when it is published, as JSON.
type pending struct {
	props map[string]any
	json  string
}

// pendingSource is what SaveDocument stores of src until a proposal of its document is accepted.
func pendingSource(src NodeWrite) (pending, error) {
	b, err := json.Marshal(src)
	if err != nil {
		return pending{}, fmt.Errorf("source %s: %w", src.ID, err)
	}
	props := map[string]any{"id": src.ID, "kind": string(Source)}
	for lang, name := range src.Names {
		props["name_"+lang] = name
	}
	for _, k := range []string{"url", "language"} {
		if v, ok := src.Props[k]; ok {
			props[k] = v
		}
	}
	return pending{props: props, json: string(b)}, nil
}

// deletePending deletes an unpublished document (its pending source, the document and its
// proposals), reporting whether there was one. It was never public: it leaves no record.
func (w batchWriter) deletePending(id string) (bool, error) {
	res, err := w.s.run(w.ctx, w.tx, "delete_pending", `MATCH (n:PendingSource {id: $id})
OPTIONAL MATCH (d:Document)-[:DOCUMENT_OF]->(n)
OPTIONAL MATCH (p:Proposal)-[:PROPOSED_IN]->(d)
DETACH DELETE p, d, n
RETURN count(*) > 0 AS deleted`, map[string]any{"id": id})
	if err != nil {
		return false, err
	}
	rec, err := res.Single(w.ctx)
	if err != nil {
		return false, err
	}
	deleted, _, _ := neo4j.GetRecordValue[bool](rec, "deleted")
	return deleted, nil
}

// PublishDocument makes an ingested document's source public before any proposal of it is
// accepted (an editor's choice: a source worth citing). It reports whether it was pending;
// errs.ErrNotFound when there is no such document.
func (s *Store) PublishDocument(ctx context.Context, id, actor string) (bool, error) {
	if err := checkIDs("id", id); err != nil {
		return false, err
	}
	if _, err := s.DocumentByID(ctx, id, false); err != nil {
		return false, err
	}
	session, done := s.session(ctx, neo4j.AccessModeWrite, 0)
	defer done()
	out, err := s.writeLogged(ctx, session, func(tx neo4j.ManagedTransaction) (any, error) {
		w := batchWriter{s: s, ctx: ctx, tx: tx, actor: actor, counts: &Counts{}, log: &changeLog{perEntity: true}}
		n, err := w.publish(`MATCH (d:Document)-[:DOCUMENT_OF]->(:PendingSource {id: $ids[0]}) RETURN d.source AS source`, []string{id})
		if err != nil {
			return nil, err
		}
		return n > 0, s.appendLog(ctx, tx, actor, w.log.rows)
	})
	if err != nil {
		return false, mapErr("publish document", err)
	}
	return out.(bool), nil
}

// publishPending publishes the sources of the documents of the accepted proposals that are still
// pending: each Source is written as any entity is (its CREATE record in w's log), its document
// moves to it, and the pending node goes. It runs before the accepted facts are written, so that
// their evidence finds the source.
func (w batchWriter) publishPending(accepted []string) error {
	_, err := w.publish(`UNWIND $ids AS id
MATCH (:Proposal {id: id})-[:PROPOSED_IN]->(d:Document)-[:DOCUMENT_OF]->(:PendingSource)
RETURN DISTINCT d.source AS source`, accepted)
	return err
}

// publish writes the pending sources a query finds (its column source: d.source) and moves their
// documents to them; it returns how many.
func (w batchWriter) publish(find string, ids []string) (int, error) {
	res, err := w.s.run(w.ctx, w.tx, "review_publish", find, map[string]any{"ids": ids})
	if err != nil {
		return 0, err
	}
	recs, err := res.Collect(w.ctx)
	if err != nil {
		return 0, err
	}
	var sources []NodeWrite
	published := make([]string, 0, len(recs))
	for _, r := range recs {
		raw, _, _ := neo4j.GetRecordValue[string](r, "source")
		var src NodeWrite
		if err := json.Unmarshal([]byte(raw), &src); err != nil {
			return 0, fmt.Errorf("a pending document's source: %w", err)
		}
		sources = append(sources, src)
		published = append(published, src.ID)
	}
	if len(sources) == 0 {
		return 0, nil
	}
	if err := w.write(newWriteBatch(sources, nil)); err != nil {
		return 0, err
	}
	_, err = w.s.run(w.ctx, w.tx, "review_publish", `UNWIND $ids AS id
MATCH (d:Document)-[r:DOCUMENT_OF]->(p:PendingSource {id: id})
MATCH (s:Source {id: id})
CREATE (d)-[:DOCUMENT_OF]->(s)
DELETE r, p
REMOVE d.source`, map[string]any{"ids": published})
	return len(sources), err
}
