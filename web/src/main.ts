// The Urbangraph explorer: search, draw neighbourhoods, read evidence, find paths, see it on a map.
// What is shown lives in the URL (url.ts): a link reopens the same view, back and forward move
// between views. With nothing in the URL it opens on an overview: the map of everything located, and
// the neighbourhood of the most connected entity as the starting picture.
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import './style.css';
import {
  downloadExport, evidence, hub, located, nameOf, neighbourhood, saveBlob, shortestPath,
  type GraphEdge, type GraphNode, type Lang, type Located,
} from './api';
import { EUROPE, MapView, type MapPoint } from './map';
import { el, renderPanel } from './panel';
import { DocumentsView } from './documents';
import { DuplicatesView } from './duplicates';
import { ReviewView } from './review';
import { KIND_LABELS, type Kind } from './model.gen';
import { picker } from './picker';
import { emptyState, read, write, type View, type ViewState } from './url';

// How each kind is drawn, in the legend's order. The kinds and their labels are the store's
// (model.gen.ts, generated): a kind added there fails this build until it has a colour and shape.
const STYLES: Record<Kind, { color: string; shape: cytoscape.Css.NodeShape }> = {
  CITY: { color: '#1f77b4', shape: 'ellipse' },
  COUNTRY: { color: '#0b3d6b', shape: 'octagon' },
  ORGANISATION: { color: '#ff7f0e', shape: 'round-rectangle' },
  CENTRE: { color: '#d62728', shape: 'star' },
  UNIT: { color: '#e377c2', shape: 'round-triangle' },
  DOMAIN: { color: '#2ca02c', shape: 'hexagon' },
  PRACTICE: { color: '#9467bd', shape: 'diamond' },
  EVENT: { color: '#8c564b', shape: 'vee' },
  PROGRAMME: { color: '#bcbd22', shape: 'barrel' },
  TOPIC: { color: '#17becf', shape: 'tag' },
  SOURCE: { color: '#7f7f7f', shape: 'rectangle' },
};
const KINDS: Record<string, { label: string; color: string; shape: cytoscape.Css.NodeShape }> = Object.fromEntries(
  (Object.keys(STYLES) as Kind[]).map((k) => [k, { label: KIND_LABELS[k], ...STYLES[k] }]),
);

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $<HTMLDivElement>('status');
const panel = $<HTMLElement>('panel');
const nodeList = $<HTMLUListElement>('node-list');
const langSelect = $<HTMLSelectElement>('lang');

const state = {
  lang: 'EN' as Lang, selected: '' as string, busy: 0,
  url: emptyState() as ViewState, // what is shown, as the URL says it
  overview: true, // the picture is the overview's (the map shows everything located)
};

const cy: Core = cytoscape({
  container: $('graph'),
  // A small picture is not blown up to fill the screen, nor a big one shrunk to dust.
  minZoom: 0.15,
  maxZoom: 1.6,
  style: [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'background-color': 'data(color)',
        shape: 'data(shape)' as unknown as cytoscape.Css.NodeShape,
        width: 34,
        height: 34,
        'font-size': 11,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': '140px',
        color: '#1b1b1b',
        'text-outline-color': '#fff',
        'text-outline-width': 2,
      },
    },
    {
      selector: 'edge',
      style: {
        label: 'data(type)',
        'font-size': 8,
        color: '#555',
        'text-rotation': 'autorotate',
        'text-outline-color': '#fff',
        'text-outline-width': 2,
        width: 1.5,
        'line-color': '#b5b5b5',
        'target-arrow-color': '#b5b5b5',
        'target-arrow-shape': 'triangle',
        'curve-style': 'bezier',
      },
    },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111' } },
    { selector: '.faded', style: { opacity: 0.15 } },
    { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#e4002b' } },
    { selector: 'edge.path', style: { width: 4, 'line-color': '#e4002b', 'target-arrow-color': '#e4002b', color: '#e4002b' } },
  ],
});

// For end-to-end tests and the curious: the picture is inspectable from the console.
const debug = { cy, state, map: null as unknown };
(window as unknown as { urbangraph: unknown }).urbangraph = debug;

function setStatus(message: string, kind: 'info' | 'error' | 'busy' = 'info'): void {
  status.textContent = message;
  status.className = kind;
  status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
}

const documents = new DocumentsView({
  kindColor: (k) => KINDS[k]?.color ?? '#999',
  kindLabel: (k) => KINDS[k]?.label ?? k,
  kinds: Object.keys(KINDS),
  status: (msg, error) => setStatus(msg, error ? 'error' : 'info'),
  opened: (id) => {
    state.url = { ...state.url, doc: id };
    write(state.url, false);
  },
  showInGraph: (id) => {
    setView('graph');
    void show(id);
  },
});

const review = new ReviewView({
  kindLabel: (k) => KINDS[k]?.label ?? k,
  kinds: Object.keys(KINDS),
  status: (msg, error) => setStatus(msg, error ? 'error' : 'info'),
});

const duplicates = new DuplicatesView({
  kindLabel: (k) => KINDS[k]?.label ?? k,
  kinds: Object.keys(KINDS),
  status: (msg, error) => setStatus(msg, error ? 'error' : 'info'),
  showInGraph: (id) => {
    setView('graph');
    void show(id);
  },
});

async function busy<T>(what: string, work: () => Promise<T>): Promise<T | undefined> {
  state.busy++;
  setStatus(`${what}…`, 'busy');
  try {
    const out = await work();
    setStatus('');
    return out;
  } catch (e) {
    setStatus((e as Error).message, 'error');
    return undefined;
  } finally {
    state.busy--;
  }
}

function nodeElement(n: GraphNode): ElementDefinition {
  const k = KINDS[n.kind] ?? KINDS.SOURCE;
  return {
    group: 'nodes',
    data: { id: n.id, kind: n.kind, props: n.properties, label: nameOf(n.properties, state.lang), color: k.color, shape: k.shape },
  };
}

function edgeElement(e: GraphEdge): ElementDefinition {
  return { group: 'edges', data: { id: e.id, source: e.source, target: e.target, type: e.type, props: e.properties } };
}

// add merges nodes and edges into the picture; what is already drawn is not drawn twice.
function add(nodes: GraphNode[], edges: GraphEdge[]): number {
  const fresh: ElementDefinition[] = [];
  for (const n of nodes) if (cy.getElementById(n.id).empty()) fresh.push(nodeElement(n));
  for (const e of edges) if (cy.getElementById(e.id).empty()) fresh.push(edgeElement(e));
  cy.add(fresh);
  return fresh.length;
}

function layout(): void {
  cy.layout({ name: 'cose', animate: false, nodeRepulsion: () => 400000, idealEdgeLength: () => 140, nodeOverlap: 40, gravity: 0.3, padding: 40 } as cytoscape.LayoutOptions).run();
  renderNodeList();
}

// replace draws a new picture.
function replace(nodes: GraphNode[], edges: GraphEdge[]): void {
  cy.elements().remove();
  add(nodes, edges);
  layout();
}

async function show(id: string, record = true): Promise<void> {
  const sg = await busy('Loading the neighbourhood', () => neighbourhood(id));
  if (!sg) return;
  replace(sg.nodes, sg.edges);
  state.overview = false;
  if (sg.truncated) setStatus('Only the first 100 neighbours are drawn.');
  if (record) {
    state.url = { ...state.url, show: id, expand: [], path: null, sel: id };
    write(state.url, true);
  }
  await select(id, false);
  if (state.url.view === 'map') await refreshMap();
}

async function expand(id: string, record = true): Promise<void> {
  const sg = await busy('Expanding', () => neighbourhood(id));
  if (!sg) return;
  const added = add(sg.nodes, sg.edges);
  layout();
  setStatus(added === 0 ? 'Nothing new around this entity.' : `Added ${added} elements.`);
  if (record && !state.url.expand.includes(id)) {
    state.url = { ...state.url, expand: [...state.url.expand, id] };
    write(state.url, true);
  }
  if (state.url.view === 'map' && !state.overview) await refreshMap();
}

async function select(id: string, record = true): Promise<void> {
  const node = cy.getElementById(id);
  if (node.empty()) return;
  state.selected = id;
  map.select(id);
  cy.nodes().unselect();
  node.select();
  if (record) {
    state.url = { ...state.url, sel: id };
    write(state.url, false);
  }
  renderPanel(panel, node, null, actions);
  const ev = await busy('Loading the evidence', () => evidence(id));
  if (ev && state.selected === id) renderPanel(panel, node, ev, actions);
}

// pick opens an entity chosen on the map or in a list: selected if it is in the picture, else its
// neighbourhood is added first.
async function pick(id: string): Promise<void> {
  if (cy.getElementById(id).empty()) await expand(id);
  await select(id);
}

const actions = {
  lang: () => state.lang,
  kindLabel: (kind: string) => KINDS[kind]?.label ?? kind,
  select: (id: string) => void select(id),
  expand: (id: string) => void expand(id),
  pick: (n: GraphNode) => void pick(n.id),
  busy,
};

// The map.
let everything: Promise<Located[]> | null = null;
const map = new MapView($('map'), {
  color: (kind) => (KINDS[kind] ?? KINDS.SOURCE).color,
  name: (p) => p.names[state.lang.toLowerCase()] || p.names.en || p.id,
  onPick: (id) => void pick(id),
  onList: (points) => listPlace(points),
});

debug.map = map;

// refreshMap shows the located entities of the picture, or of the whole graph for the overview.
async function refreshMap(): Promise<void> {
  const points = await busy('Placing the entities on the map', async () => {
    if (state.overview) {
      everything ??= located().catch((e) => { everything = null; throw e; });
      return everything;
    }
    return located(cy.nodes().map((n) => n.id()));
  });
  if (!points) return;
  await map.setPoints(points, state.overview ? EUROPE : undefined);
  map.select(state.selected);
  const n = points.length;
  setStatus(state.overview ? `Overview: ${n} located entities. Pick a marker, or search.` : `${n} of the ${cy.nodes().length} entities in the picture are located.`);
}

// listPlace lists in the panel the entities drawn at one place.
function listPlace(points: MapPoint[]): void {
  panel.replaceChildren(el('h2', `${points.length} entities at this place`));
  const ul = el('ul', undefined, 'place-list');
  for (const p of points) {
    const li = el('li');
    li.dataset.id = p.id;
    const b = el('button', p.names[state.lang.toLowerCase()] || p.names.en, 'link');
    b.type = 'button';
    b.addEventListener('click', () => void pick(p.id));
    li.append(b, el('span', ` ${KINDS[p.kind]?.label ?? p.kind}`, 'meta'));
    ul.append(li);
  }
  panel.append(ul);
}

function setView(view: View, record = true): void {
  const isMap = view === 'map';
  const isDocs = view === 'documents';
  const editorial = isDocs || view === 'review' || view === 'duplicates'; // no graph or map shown
  $('graph').hidden = isMap || editorial;
  $('map').hidden = !isMap;
  document.querySelector('main')!.hidden = editorial;
  document.querySelector<HTMLElement>('.entities')!.hidden = editorial;
  $('documents').hidden = !isDocs;
  $('review').hidden = view !== 'review';
  $('duplicates').hidden = view !== 'duplicates';
  for (const v of ['graph', 'map', 'documents', 'review', 'duplicates']) $(`view-${v}`).setAttribute('aria-pressed', String(view === v));
  if (record && state.url.view !== view) {
    state.url = { ...state.url, view };
    write(state.url, true);
  }
  state.url.view = view;
  if (isDocs) void documents.open(state.url.doc);
  else if (view === 'review') void review.open();
  else if (view === 'duplicates') void duplicates.open();
  else if (isMap) void refreshMap();
  else {
    cy.resize();
    cy.fit(undefined, 30);
  }
}

// overview draws the starting picture: the neighbourhood of the most connected entity.
async function overview(): Promise<void> {
  const start = await busy('Loading the overview', hub);
  state.overview = true;
  if (!start) {
    cy.elements().remove();
    return;
  }
  const sg = await busy('Loading the overview', () => neighbourhood(start.id));
  if (sg) replace(sg.nodes, sg.edges);
}

// restore rebuilds what s describes (the URL on load, or after back or forward).
async function restore(s: ViewState): Promise<void> {
  state.url = { ...s, expand: [] };
  state.lang = s.lang;
  langSelect.value = s.lang;
  document.documentElement.lang = s.lang.toLowerCase();
  state.selected = '';
  if (s.show) await show(s.show, false);
  else await overview();
  for (const id of s.expand) await expand(id, false);
  state.url.expand = [...s.expand];
  if (s.path) await findPath(s.path.from, s.path.to, s.path.hops, false);
  setView(s.view, false);
  if (s.sel) await select(s.sel, false);
  state.url = s;
}

function renderNodeList(): void {
  const items = cy.nodes().sort((a, b) => String(a.data('label')).localeCompare(String(b.data('label'))));
  nodeList.replaceChildren(
    ...items.map((n) => {
      const li = el('li');
      li.dataset.id = n.id();
      const open = el('button', n.data('label') as string, 'link');
      open.type = 'button';
      open.addEventListener('click', () => void select(n.id()));
      const more = el('button', 'Expand', 'small');
      more.type = 'button';
      more.setAttribute('aria-label', `Expand ${n.data('label')}`);
      more.addEventListener('click', () => void expand(n.id()));
      li.append(el('span', '', `swatch k-${n.data('kind')}`), open, more);
      li.querySelector<HTMLSpanElement>('.swatch')!.style.background = n.data('color');
      return li;
    }),
  );
}

function renderLegend(): void {
  const legend = $('legend');
  legend.replaceChildren(
    ...Object.values(KINDS).map((k) => {
      const item = el('span', k.label, 'legend-item');
      const dot = el('span', '', 'swatch');
      dot.style.background = k.color;
      item.prepend(dot);
      return item;
    }),
  );
}

function relabel(): void {
  cy.nodes().forEach((n) => {
    n.data('label', nameOf(n.data('props'), state.lang));
  });
  renderNodeList();
  if (state.selected) {
    const n = cy.getElementById(state.selected);
    if (!n.empty()) void select(state.selected);
  }
}

// Path between two entities.
let pathFrom: GraphNode | null = null;
let pathTo: GraphNode | null = null;

async function findPath(from: string, to: string, hops: number, record = true): Promise<void> {
  const path = await busy('Looking for a path', () => shortestPath(from, to, hops));
  if (path === undefined) return;
  cy.elements().removeClass('path faded');
  if (path === null) {
    setStatus(`No path within ${hops} hops between ${from} and ${to}.`);
    return;
  }
  add(path.nodes, path.edges);
  layout();
  state.overview = false;
  if (record) {
    state.url = { ...state.url, path: { from, to, hops } };
    write(state.url, true);
  }
  const onPath = cy.collection();
  for (const n of path.nodes) onPath.merge(cy.getElementById(n.id));
  for (const e of path.edges) onPath.merge(cy.getElementById(e.id));
  cy.elements().not(onPath).addClass('faded');
  onPath.addClass('path');
  cy.fit(onPath, 60);
  setStatus(`Path of ${path.edges.length} hops: ${path.nodes.map((n) => nameOf(n.properties, state.lang)).join(' → ')}`);
}

// Wiring.
const onError = (m: string) => setStatus(m, 'error');
picker({ input: $('search'), list: $('search-results'), lang: () => state.lang, onPick: (n) => { setView('graph', false); void show(n.id); }, onError });
picker({ input: $('path-from'), list: $('from-results'), lang: () => state.lang, onPick: (n) => { pathFrom = n; }, onError });
picker({ input: $('path-to'), list: $('to-results'), lang: () => state.lang, onPick: (n) => { pathTo = n; }, onError });

$('path-form').addEventListener('submit', (e) => {
  e.preventDefault();
  if (!pathFrom || !pathTo) {
    setStatus('Pick both ends of the path first.', 'error');
    return;
  }
  const hops = Math.min(10, Math.max(1, Number(($('path-hops') as HTMLInputElement).value) || 6));
  setView('graph', false);
  void findPath(pathFrom.id, pathTo.id, hops);
});
$('path-toggle').addEventListener('click', () => {
  const form = $('path-form');
  form.hidden = !form.hidden;
  $('path-toggle').setAttribute('aria-expanded', String(!form.hidden));
  if (!form.hidden) $<HTMLInputElement>('path-from').focus();
});
$('fit').addEventListener('click', () => {
  if (state.url.view === 'map') {
    map.fit();
    return;
  }
  cy.elements().removeClass('faded');
  cy.fit(undefined, 30);
});
$('view-graph').addEventListener('click', () => setView('graph'));
$('view-map').addEventListener('click', () => setView('map'));
$('view-documents').addEventListener('click', () => setView('documents'));
$('view-review').addEventListener('click', () => setView('review'));
$('view-duplicates').addEventListener('click', () => setView('duplicates'));
$('zoom-in').addEventListener('click', () => map.zoom(2));
$('zoom-out').addEventListener('click', () => map.zoom(0.5));
$('overview').addEventListener('click', () => {
  state.url = { ...emptyState(), lang: state.lang };
  write(state.url, true);
  void restore(state.url);
});
langSelect.addEventListener('change', () => {
  state.lang = langSelect.value as Lang;
  document.documentElement.lang = state.lang.toLowerCase();
  state.url = { ...state.url, lang: state.lang };
  write(state.url, false);
  relabel();
  if (state.url.view === 'map') void refreshMap();
});
const ids = () => cy.nodes().map((n) => n.id());
$('dl-json').addEventListener('click', () => void busy('Exporting JSON', () => downloadExport('graph.json', ids())));
$('dl-graphml').addEventListener('click', () => void busy('Exporting GraphML', () => downloadExport('graph.graphml', ids())));
$('dl-png').addEventListener('click', () => {
  if (cy.nodes().empty()) {
    setStatus('Nothing to save yet.', 'error');
    return;
  }
  saveBlob(cy.png({ output: 'blob', bg: '#ffffff', full: true, scale: 2 }) as unknown as Blob, 'urbangraph.png');
});

cy.on('tap', 'node', (e) => void select(e.target.id()));
cy.on('dbltap', 'node', (e) => void expand(e.target.id()));
window.addEventListener('popstate', () => void restore(read()));

renderLegend();
void restore(read()).then(() => write(state.url, false));
