// The Urbangraph explorer: search, draw neighbourhoods, read evidence, find paths.
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import './style.css';
import {
  downloadExport, evidence, nameOf, neighbourhood, saveBlob, shortestPath,
  type GraphEdge, type GraphNode, type Lang, type Source,
} from './api';
import { picker } from './picker';

// How each kind is drawn; the legend is made from this table.
const KINDS: Record<string, { label: string; color: string; shape: cytoscape.Css.NodeShape }> = {
  CITY: { label: 'City', color: '#1f77b4', shape: 'ellipse' },
  COUNTRY: { label: 'Country', color: '#0b3d6b', shape: 'octagon' },
  ORGANISATION: { label: 'Organisation', color: '#ff7f0e', shape: 'round-rectangle' },
  CENTRE: { label: 'Centre', color: '#d62728', shape: 'star' },
  UNIT: { label: 'Unit', color: '#e377c2', shape: 'round-triangle' },
  DOMAIN: { label: 'Domain', color: '#2ca02c', shape: 'hexagon' },
  PRACTICE: { label: 'Practice', color: '#9467bd', shape: 'diamond' },
  EVENT: { label: 'Event', color: '#8c564b', shape: 'vee' },
  PROGRAMME: { label: 'Programme', color: '#bcbd22', shape: 'barrel' },
  TOPIC: { label: 'Topic', color: '#17becf', shape: 'tag' },
  SOURCE: { label: 'Source', color: '#7f7f7f', shape: 'rectangle' },
};

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $<HTMLDivElement>('status');
const panel = $<HTMLElement>('panel');
const nodeList = $<HTMLUListElement>('node-list');
const langSelect = $<HTMLSelectElement>('lang');

const state = { lang: 'EN' as Lang, selected: '' as string, busy: 0 };

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
(window as unknown as { urbangraph: unknown }).urbangraph = { cy, state };

function setStatus(message: string, kind: 'info' | 'error' | 'busy' = 'info'): void {
  status.textContent = message;
  status.className = kind;
  status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
}

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

async function show(id: string): Promise<void> {
  const sg = await busy('Loading the neighbourhood', () => neighbourhood(id));
  if (!sg) return;
  cy.elements().remove();
  add(sg.nodes, sg.edges);
  layout();
  if (sg.truncated) setStatus('Only the first 100 neighbours are drawn.');
  await select(id);
}

async function expand(id: string): Promise<void> {
  const sg = await busy('Expanding', () => neighbourhood(id));
  if (!sg) return;
  const added = add(sg.nodes, sg.edges);
  layout();
  setStatus(added === 0 ? 'Nothing new around this entity.' : `Added ${added} elements.`);
}

async function select(id: string): Promise<void> {
  const node = cy.getElementById(id);
  if (node.empty()) return;
  state.selected = id;
  cy.nodes().unselect();
  node.select();
  renderPanel(node, null);
  const ev = await busy('Loading the evidence', () => evidence(id));
  if (ev && state.selected === id) renderPanel(node, ev);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

const INTERNAL = new Set(['id', 'kind', 'name_en', 'name_bg', 'name_el', 'aliases', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy']);

function sourceLink(src: Source): HTMLElement {
  const names: Record<string, unknown> = { name_en: src.names.en, name_bg: src.names.bg, name_el: src.names.el };
  const title = nameOf(names, state.lang) || src.id;
  const url = src.url ?? '';
  if (/^https?:\/\//.test(url)) {
    const a = el('a', title);
    a.href = url;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    return a;
  }
  const span = el('span', title);
  if (src.file) span.title = src.file;
  return span;
}

function renderPanel(node: NodeSingular, ev: Awaited<ReturnType<typeof evidence>> | null): void {
  const props = node.data('props') as Record<string, unknown>;
  const kind = node.data('kind') as string;
  panel.replaceChildren();
  const h = el('h2', nameOf(props, state.lang));
  panel.append(h, el('p', `${KINDS[kind]?.label ?? kind} · ${node.id()}`, 'meta'));

  const names = el('dl', undefined, 'names');
  for (const [lang, label] of [['en', 'English'], ['bg', 'Български'], ['el', 'Ελληνικά']]) {
    names.append(el('dt', label), el('dd', typeof props[`name_${lang}`] === 'string' ? String(props[`name_${lang}`]) : '—'));
  }
  panel.append(el('h3', 'Names'), names);
  const aliases = Array.isArray(props.aliases) ? (props.aliases as string[]) : [];
  if (aliases.length) panel.append(el('p', `Also: ${aliases.join(', ')}`));

  const facts = Object.entries(props).filter(([k]) => !INTERNAL.has(k));
  if (facts.length) {
    const dl = el('dl', undefined, 'facts');
    for (const [k, v] of facts) dl.append(el('dt', k), el('dd', Array.isArray(v) ? v.join(', ') : String(v)));
    panel.append(el('h3', 'Properties'), dl);
  }

  const rels = el('ul', undefined, 'relationships');
  node.connectedEdges().forEach((e) => {
    const outgoing = e.source().id() === node.id();
    const other = outgoing ? e.target() : e.source();
    const li = el('li');
    const button = el('button', nameOf(other.data('props'), state.lang), 'link');
    button.type = 'button';
    button.addEventListener('click', () => void select(other.id()));
    li.append(el('span', outgoing ? `${e.data('type')} → ` : `← ${e.data('type')} `, 'rel'), button);
    const quotes = (e.data('props') as Record<string, unknown>).quotes;
    if (Array.isArray(quotes) && quotes.length) {
      const q = el('blockquote', String(quotes[0]));
      li.append(q);
    }
    rels.append(li);
  });
  panel.append(el('h3', 'Relationships in the picture'), rels);

  const evSection = el('section', undefined, 'evidence');
  evSection.append(el('h3', 'Evidence'));
  if (ev === null) {
    evSection.append(el('p', 'Loading…', 'meta'));
  } else if (ev.length === 0) {
    evSection.append(el('p', 'No source sentence is stored for this entity.', 'meta'));
  } else {
    for (const item of ev) {
      const fig = el('figure');
      fig.append(el('blockquote', item.quote));
      const cap = el('figcaption');
      cap.append(sourceLink(item.source));
      if (item.properties.length) cap.append(el('span', ` — states ${item.properties.join(', ')}`, 'meta'));
      fig.append(cap);
      evSection.append(fig);
    }
  }
  panel.append(evSection);

  const expandButton = el('button', 'Expand: add its neighbours');
  expandButton.type = 'button';
  expandButton.addEventListener('click', () => void expand(node.id()));
  panel.append(expandButton);
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

async function findPath(): Promise<void> {
  if (!pathFrom || !pathTo) {
    setStatus('Pick both ends of the path first.', 'error');
    return;
  }
  const hops = Math.min(10, Math.max(1, Number(($('path-hops') as HTMLInputElement).value) || 6));
  const from = pathFrom;
  const to = pathTo;
  const path = await busy('Looking for a path', () => shortestPath(from.id, to.id, hops));
  if (path === undefined) return;
  cy.elements().removeClass('path faded');
  if (path === null) {
    setStatus(`No path within ${hops} hops between ${nameOf(from.properties, state.lang)} and ${nameOf(to.properties, state.lang)}.`);
    return;
  }
  add(path.nodes, path.edges);
  layout();
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
picker({ input: $('search'), list: $('search-results'), lang: () => state.lang, onPick: (n) => void show(n.id), onError });
picker({ input: $('path-from'), list: $('from-results'), lang: () => state.lang, onPick: (n) => { pathFrom = n; }, onError });
picker({ input: $('path-to'), list: $('to-results'), lang: () => state.lang, onPick: (n) => { pathTo = n; }, onError });

$('path-form').addEventListener('submit', (e) => {
  e.preventDefault();
  void findPath();
});
$('path-toggle').addEventListener('click', () => {
  const form = $('path-form');
  form.hidden = !form.hidden;
  $('path-toggle').setAttribute('aria-expanded', String(!form.hidden));
  if (!form.hidden) $<HTMLInputElement>('path-from').focus();
});
$('fit').addEventListener('click', () => {
  cy.elements().removeClass('faded');
  cy.fit(undefined, 30);
});
langSelect.addEventListener('change', () => {
  state.lang = langSelect.value as Lang;
  document.documentElement.lang = state.lang.toLowerCase();
  relabel();
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

renderLegend();
