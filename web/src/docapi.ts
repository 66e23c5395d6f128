// The review of ingested documents through the GraphQL API (editors only: every call carries the
// editor's token).
import { gql } from './api';

export interface DocSummary {
  id: string;
  title: string;
  language: string | null;
  format: string;
  ingestedAt: string;
  counts: { proposed: number; accepted: number; rejected: number };
}

export interface Proposal {
  id: string;
  type: 'ENTITY' | 'RELATIONSHIP' | 'MENTION';
  status: 'PROPOSED' | 'ACCEPTED' | 'REJECTED';
  rule: string;
  confidence: number;
  sentence: string;
  start: number;
  end: number;
  spans: number[];
  name: string | null;
  kind: string | null;
  entityId: string | null;
  category: string | null;
  candidates: string[];
  from: string | null;
  to: string | null;
  relationshipType: string | null;
  reason: string | null;
  acceptedId: string | null;
}

export interface Doc extends DocSummary {
  text: string;
  proposals: Proposal[];
}

const SUMMARY = 'id title language format ingestedAt counts { proposed accepted rejected }';
const PROPOSAL = 'id type status rule confidence sentence start end spans name kind entityId category candidates from to relationshipType reason acceptedId';

export async function listDocuments(token: string): Promise<DocSummary[]> {
  const d = await gql<{ documents: { nodes: DocSummary[] } }>(`{ documents(first: 50) { nodes { ${SUMMARY} } } }`, {}, token);
  return d.documents.nodes;
}

export async function loadDocument(token: string, id: string): Promise<Doc | null> {
  const d = await gql<{ document: Doc | null }>(
    `query Doc($id: ID!) { document(id: $id) { ${SUMMARY} text proposals { ${PROPOSAL} } } }`, { id }, token);
  return d.document;
}

export interface IngestInput {
  text?: string;
  upload?: { name: string; contentType?: string; base64: string };
  title?: string;
  url?: string;
}

export async function ingestDocument(token: string, input: IngestInput): Promise<{ id: string; created: boolean }> {
  const d = await gql<{ ingestDocument: { created: boolean; document: { id: string } } }>(
    'mutation Ingest($in: IngestInput!) { ingestDocument(input: $in) { created document { id } } }', { in: input }, token);
  return { id: d.ingestDocument.document.id, created: d.ingestDocument.created };
}

export interface Edit {
  id?: string;
  kind?: string;
  names?: { en?: string; bg?: string; el?: string };
}

export async function acceptProposal(token: string, id: string, edit?: Edit): Promise<Proposal[]> {
  const d = await gql<{ acceptProposal: Proposal[] }>(
    `mutation Accept($id: ID!, $edit: ProposalEdit) { acceptProposal(id: $id, edit: $edit) { ${PROPOSAL} } }`, { id, edit: edit ?? null }, token);
  return d.acceptProposal;
}

export async function rejectProposal(token: string, id: string, reason: string): Promise<Proposal> {
  const d = await gql<{ rejectProposal: Proposal }>(
    `mutation Reject($id: ID!, $reason: String) { rejectProposal(id: $id, reason: $reason) { ${PROPOSAL} } }`, { id, reason }, token);
  return d.rejectProposal;
}

export async function acceptAll(token: string, documentId: string, minConfidence: number): Promise<Proposal[]> {
  const d = await gql<{ acceptProposals: Proposal[] }>(
    `mutation AcceptAll($doc: ID!, $min: Float) { acceptProposals(documentId: $doc, minConfidence: $min) { ${PROPOSAL} } }`,
    { doc: documentId, min: minConfidence }, token);
  return d.acceptProposals;
}

// fileToBase64 reads a file the user picked, for ingestDocument's upload.
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(new Error(`Could not read ${file.name}.`));
    r.readAsDataURL(file);
  });
}
