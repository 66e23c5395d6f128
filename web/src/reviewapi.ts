// The review queue across documents and the duplicates of the graph, through the GraphQL API
// (editors only: every call carries the editor's token).
import { gql } from './api';
import type { Proposal } from './docapi';

export interface QueueFilter {
  status?: 'PROPOSED' | 'ACCEPTED' | 'REJECTED';
  kinds?: string[];
  types?: string[];
  minConfidence?: number;
  maxConfidence?: number;
  documentId?: string;
}

export interface QueueItem extends Proposal {
  documentId: string;
  sentenceStart: number;
  resolution: string | null;
}

const ITEM = 'id documentId type status rule confidence sentence sentenceStart start end spans name kind entityId category candidates from to relationshipType reason acceptedId resolution';

// vars gives a filter as the queries' variables (absent fields: null, the API's "any").
function vars(f: QueueFilter): Record<string, unknown> {
  return {
    kinds: f.kinds?.length ? f.kinds : null, types: f.types?.length ? f.types : null,
    min: f.minConfidence ?? null, max: f.maxConfidence ?? null, doc: f.documentId || null,
  };
}

const FILTER_ARGS = '$kinds: [Kind!], $types: [String!], $min: Float, $max: Float, $doc: ID';
const FILTER = 'kinds: $kinds, types: $types, minConfidence: $min, maxConfidence: $max, documentId: $doc';

export async function queue(token: string, f: QueueFilter, first = 50): Promise<{ total: number; items: QueueItem[] }> {
  const d = await gql<{ proposals: { totalCount: number; nodes: QueueItem[] } }>(
    `query Queue(${FILTER_ARGS}, $status: ProposalStatus, $first: Int) {
      proposals(${FILTER}, status: $status, first: $first) { totalCount nodes { ${ITEM} } } }`,
    { ...vars(f), status: f.status ?? 'PROPOSED', first }, token);
  return { total: d.proposals.totalCount, items: d.proposals.nodes };
}

// acceptWhere and rejectWhere decide every PROPOSED proposal the filter selects (dryRun: say which).
export async function acceptWhere(token: string, f: QueueFilter, dryRun: boolean): Promise<number> {
  const d = await gql<{ acceptProposals: { id: string }[] }>(
    `mutation AcceptWhere(${FILTER_ARGS}, $dry: Boolean) { acceptProposals(${FILTER}, dryRun: $dry) { id } }`,
    { ...vars(f), min: f.minConfidence ?? 0, dry: dryRun }, token);
  return d.acceptProposals.length;
}

export async function rejectWhere(token: string, f: QueueFilter, reason: string, dryRun: boolean): Promise<number> {
  const d = await gql<{ rejectProposals: { id: string }[] }>(
    `mutation RejectWhere(${FILTER_ARGS}, $reason: String, $dry: Boolean) { rejectProposals(${FILTER}, reason: $reason, dryRun: $dry) { id } }`,
    { ...vars(f), min: f.minConfidence ?? 0, reason, dry: dryRun }, token);
  return d.rejectProposals.length;
}

export interface Pair {
  a: string;
  b: string;
  score: number;
  reasons: string[];
}

export async function duplicates(token: string, kinds: string[], first = 20): Promise<{ total: number; pairs: Pair[] }> {
  const d = await gql<{ duplicates: { totalCount: number; nodes: { a: { id: string }; b: { id: string }; score: number; reasons: string[] }[] } }>(
    `query Duplicates($kinds: [Kind!], $first: Int) { duplicates(kinds: $kinds, first: $first) { totalCount nodes { a { id } b { id } score reasons } } }`,
    { kinds: kinds.length ? kinds : null, first }, token);
  return { total: d.duplicates.totalCount, pairs: d.duplicates.nodes.map((p) => ({ a: p.a.id, b: p.b.id, score: p.score, reasons: p.reasons })) };
}

export interface Card {
  id: string;
  kind: string;
  properties: Record<string, unknown>;
  sources: { quote: string; source: { id: string } }[];
  relationships: { type: string; source: string; target: string }[];
}

// cards reads entities side by side: names, properties, evidence and neighbours.
export async function cards(token: string, ids: string[]): Promise<Map<string, Card>> {
  if (!ids.length) return new Map();
  const fields = ids.map((_, i) => `e${i}: entity(id: $id${i}) { id kind properties sources { quote source { id } } relationships { type source target } }`);
  const args = ids.map((_, i) => `$id${i}: ID!`).join(', ');
  const v: Record<string, unknown> = {};
  ids.forEach((id, i) => { v[`id${i}`] = id; });
  const d = await gql<Record<string, Card | null>>(`query Cards(${args}) { ${fields.join(' ')} }`, v, token);
  const out = new Map<string, Card>();
  for (const c of Object.values(d)) if (c) out.set(c.id, c);
  return out;
}

export async function markDistinct(token: string, a: string, b: string): Promise<boolean> {
  const d = await gql<{ markDistinct: boolean }>('mutation Distinct($a: ID!, $b: ID!) { markDistinct(a: $a, b: $b) }', { a, b }, token);
  return d.markDistinct;
}

export interface MergeResult {
  merged: string;
  relationships: number;
  combined: number;
  dropped: number;
  evidence: number;
  names: string[];
  dryRun: boolean;
}

export async function mergeEntities(token: string, keep: string, merge: string, dryRun: boolean): Promise<MergeResult> {
  const d = await gql<{ mergeEntities: MergeResult }>(
    'mutation Merge($keep: ID!, $merge: ID!, $dry: Boolean) { mergeEntities(keep: $keep, merge: $merge, dryRun: $dry) { merged relationships combined dropped evidence names dryRun } }',
    { keep, merge, dry: dryRun }, token);
  return d.mergeEntities;
}
