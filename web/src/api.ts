// The explorer's only way to the data: the public GraphQL API and the export endpoints.

export type Lang = 'EN' | 'BG' | 'EL';

export interface GraphNode {
  id: string;
  kind: string;
  properties: Record<string, unknown>;
}

export interface GraphEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  properties: Record<string, unknown>;
}

export interface Source {
  id: string;
  names: { en: string; bg: string | null; el: string | null };
  url: string | null;
  file: string | null;
}

export interface Evidence {
  quote: string;
  properties: string[];
  source: Source;
}

export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  truncated: boolean;
}

const TIMEOUT_MS = 10_000;

// fetchWithTimeout never leaves the user waiting forever: no answer within TIMEOUT_MS is an error.
async function fetchWithTimeout(input: string, init: RequestInit = {}): Promise<Response> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), TIMEOUT_MS);
  try {
    return await fetch(input, { ...init, signal: ctrl.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') {
      throw new Error(`The API did not answer within ${TIMEOUT_MS / 1000} seconds.`);
    }
    throw new Error('The API is unreachable. Is the server running?');
  } finally {
    clearTimeout(timer);
  }
}

// gql asks the API; with a token (an editor's, for the review of documents) as its bearer.
export async function gql<T>(query: string, variables: Record<string, unknown> = {}, token = ''): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetchWithTimeout('/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  let body: { data?: T; errors?: { message: string }[] };
  try {
    body = await res.json();
  } catch {
    throw new Error(`The API answered ${res.status} without a GraphQL response.`);
  }
  if (body.errors?.length) {
    throw new Error(body.errors.map((e) => e.message).join('; '));
  }
  if (!res.ok || !body.data) {
    throw new Error(`The API answered ${res.status}.`);
  }
  return body.data;
}

const NODE = 'id kind properties';
const EDGE = 'id type source target properties';

export async function search(query: string): Promise<{ node: GraphNode; matched: string }[]> {
  const d = await gql<{ search: { node: GraphNode; matched: string }[] }>(
    `query Search($q: String!) { search(query: $q, first: 8) { node { ${NODE} } matched } }`,
    { q: query },
  );
  return d.search;
}

export async function neighbourhood(id: string): Promise<Subgraph> {
  const d = await gql<{ neighbourhood: Subgraph }>(
    `query Neighbourhood($id: ID!) { neighbourhood(id: $id, depth: 1, limit: 100) { nodes { ${NODE} } edges { ${EDGE} } truncated } }`,
    { id },
  );
  return d.neighbourhood;
}

export async function shortestPath(from: string, to: string, maxHops: number): Promise<{ nodes: GraphNode[]; edges: GraphEdge[] } | null> {
  const d = await gql<{ shortestPath: { nodes: GraphNode[]; edges: GraphEdge[] } | null }>(
    `query Path($from: ID!, $to: ID!, $hops: Int) { shortestPath(from: $from, to: $to, maxHops: $hops) { nodes { ${NODE} } edges { ${EDGE} } } }`,
    { from, to, hops: maxHops },
  );
  return d.shortestPath;
}

export async function evidence(id: string): Promise<Evidence[]> {
  const d = await gql<{ entity: { sources: Evidence[] } }>(
    `query Evidence($id: ID!) { entity(id: $id) { sources { quote properties source { id names { en bg el } url file } } } }`,
    { id },
  );
  return d.entity.sources;
}

// download fetches one of the export endpoints for the given entities and saves it as a file.
export async function downloadExport(file: 'graph.json' | 'graph.graphml', ids: string[]): Promise<void> {
  const res = await fetchWithTimeout(`/export/${file}?ids=${encodeURIComponent(ids.join(','))}`);
  if (!res.ok) {
    throw new Error(`The export answered ${res.status}.`);
  }
  saveBlob(await res.blob(), `urbangraph-${file}`);
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function nameOf(props: Record<string, unknown>, lang: Lang): string {
  const v = props[`name_${lang.toLowerCase()}`];
  return typeof v === 'string' && v !== '' ? v : String(props.name_en ?? '');
}

export interface Located {
  id: string;
  kind: string;
  names: Record<string, string>;
  lat: number;
  lon: number;
  derived: boolean;
}

// located reads the located entities (all of them, or those of ids) from the GeoJSON export.
export async function located(ids?: string[]): Promise<Located[]> {
  const query = ids ? `?ids=${encodeURIComponent(ids.join(','))}` : '';
  const res = await fetchWithTimeout(`/export/graph.geojson${query}`);
  if (!res.ok) throw new Error(`The GeoJSON export answered ${res.status}.`);
  const fc = (await res.json()) as {
    features: { geometry: { coordinates: [number, number] }; properties: { id: string; kind: string; names: Record<string, string>; derived: boolean } }[];
  };
  return fc.features.map((f) => ({
    id: f.properties.id, kind: f.properties.kind, names: f.properties.names, derived: f.properties.derived,
    lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1],
  }));
}

export async function nearby(id: string, withinKm: number): Promise<{ node: GraphNode; distanceKm: number }[]> {
  const d = await gql<{ nearby: { node: GraphNode; distanceKm: number }[] }>(
    `query Nearby($id: ID!, $km: Float) { nearby(id: $id, withinKm: $km, first: 30) { node { ${NODE} } distanceKm } }`,
    { id, km: withinKm },
  );
  return d.nearby;
}

// hub is the overview's starting point: the most connected entity that is not a place or a
// source (a country of the gazetteer has a thousand towns; a centre has founders, units, domains).
export async function hub(): Promise<GraphNode | null> {
  const d = await gql<{ stats: { mostConnected: { node: GraphNode }[] } }>(
    `query Overview { stats { mostConnected(first: 40) { node { ${NODE} } } } }`,
  );
  return d.stats.mostConnected.map((c) => c.node).find((n) => !['CITY', 'COUNTRY', 'SOURCE'].includes(n.kind)) ?? null;
}

export interface Change {
  seq: number;
  at: string;
  actor: string;
  operation: string;
  entityId: string | null;
  from: string | null;
  type: string | null;
  to: string | null;
  fields: { name: string; before: unknown; after: unknown }[];
}

// history is an entity's changes from the change log, newest first.
export async function history(id: string, first = 20): Promise<Change[]> {
  const d = await gql<{ entity: { history: Change[] } }>(
    `query History($id: ID!, $first: Int) { entity(id: $id) { history(first: $first) { seq at actor operation entityId from type to fields { name before after } } } }`,
    { id, first },
  );
  return d.entity.history;
}

export interface Snapshot {
  id: string;
  kind: string;
  properties: Record<string, unknown>;
  relationships: { type: string; source: string; target: string }[];
}

// asOf is an entity as it was at a time (RFC 3339), rebuilt from the change log; null when it did
// not exist then.
export async function asOf(id: string, at: string): Promise<Snapshot | null> {
  try {
    const d = await gql<{ entity: Snapshot }>(
      `query AsOf($id: ID!, $at: String) { entity(id: $id, asOf: $at) { id kind properties relationships { type source target } } }`,
      { id, at },
    );
    return d.entity;
  } catch (e) {
    if (e instanceof Error && e.message === 'not found') return null;
    throw e;
  }
}
