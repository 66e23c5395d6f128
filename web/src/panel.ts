// The side panel: an entity's names, properties, relationships in the picture, evidence, and what
// is near it.
import type { NodeSingular } from 'cytoscape';
import { history, nameOf, nearby, type Change, type Evidence, type GraphNode, type Lang, type Source } from './api';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

export interface PanelActions {
  lang: () => Lang;
  kindLabel: (kind: string) => string;
  select: (id: string) => void;
  expand: (id: string) => void;
  pick: (n: GraphNode) => void; // an entity that may not be in the picture yet
  busy: <T>(what: string, work: () => Promise<T>) => Promise<T | undefined>;
}

const INTERNAL = new Set(['id', 'kind', 'name_en', 'name_bg', 'name_el', 'aliases', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy']);
const LOCATED = new Set(['CITY', 'ORGANISATION', 'CENTRE', 'EVENT', 'PRACTICE', 'UNIT']);

function sourceLink(src: Source, lang: Lang): HTMLElement {
  const names: Record<string, unknown> = { name_en: src.names.en, name_bg: src.names.bg, name_el: src.names.el };
  const title = nameOf(names, lang) || src.id;
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

export function renderPanel(panel: HTMLElement, node: NodeSingular, ev: Evidence[] | null, act: PanelActions): void {
  const lang = act.lang();
  const props = node.data('props') as Record<string, unknown>;
  const kind = node.data('kind') as string;
  panel.replaceChildren();
  panel.append(el('h2', nameOf(props, lang)), el('p', `${act.kindLabel(kind)} · ${node.id()}`, 'meta'));

  const names = el('dl', undefined, 'names');
  for (const [l, label] of [['en', 'English'], ['bg', 'Български'], ['el', 'Ελληνικά']]) {
    names.append(el('dt', label), el('dd', typeof props[`name_${l}`] === 'string' ? String(props[`name_${l}`]) : '—'));
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
    const button = el('button', nameOf(other.data('props'), lang), 'link');
    button.type = 'button';
    button.addEventListener('click', () => act.select(other.id()));
    li.append(el('span', outgoing ? `${e.data('type')} → ` : `← ${e.data('type')} `, 'rel'), button);
    const quotes = (e.data('props') as Record<string, unknown>).quotes;
    if (Array.isArray(quotes) && quotes.length) li.append(el('blockquote', String(quotes[0])));
    rels.append(li);
  });
  panel.append(el('h3', 'Relationships in the picture'), rels);
  panel.append(evidenceSection(ev, lang));
  if (LOCATED.has(kind)) panel.append(nearSection(node.id(), act));
  panel.append(historySection(node.id(), act));

  const expandButton = el('button', 'Expand: add its neighbours');
  expandButton.type = 'button';
  expandButton.addEventListener('click', () => act.expand(node.id()));
  panel.append(expandButton);
}

function evidenceSection(ev: Evidence[] | null, lang: Lang): HTMLElement {
  const section = el('section', undefined, 'evidence');
  section.append(el('h3', 'Evidence'));
  if (ev === null) {
    section.append(el('p', 'Loading…', 'meta'));
  } else if (ev.length === 0) {
    section.append(el('p', 'No source sentence is stored for this entity.', 'meta'));
  } else {
    for (const item of ev) {
      const fig = el('figure');
      fig.append(el('blockquote', item.quote));
      const cap = el('figcaption');
      cap.append(sourceLink(item.source, lang));
      if (item.properties.length) cap.append(el('span', ` — states ${item.properties.join(', ')}`, 'meta'));
      fig.append(cap);
      section.append(fig);
    }
  }
  return section;
}

// nearSection lists, on demand, what is within N km of the entity (its own place or its city's).
function nearSection(id: string, act: PanelActions): HTMLElement {
  const section = el('section', undefined, 'near');
  section.append(el('h3', 'Near this place'));
  const form = el('form');
  const label = el('label', 'Within ');
  const km = el('input');
  km.type = 'number';
  km.min = '1';
  km.max = '1000';
  km.value = '30';
  km.id = 'near-km';
  label.append(km, document.createTextNode(' km '));
  const go = el('button', 'List');
  go.type = 'submit';
  go.id = 'near-go';
  form.append(label, go);
  const list = el('ul', undefined, 'near-list');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const radius = Math.min(1000, Math.max(1, Number(km.value) || 30));
    const hits = await act.busy('Looking around', () => nearby(id, radius));
    if (!hits) return;
    list.replaceChildren();
    if (hits.length === 0) list.append(el('li', `Nothing located within ${radius} km.`, 'meta'));
    for (const h of hits) {
      const li = el('li');
      li.dataset.id = h.node.id;
      const b = el('button', nameOf(h.node.properties, act.lang()), 'link');
      b.type = 'button';
      b.addEventListener('click', () => act.pick(h.node));
      li.append(b, el('span', ` ${act.kindLabel(h.node.kind)} · ${h.distanceKm.toFixed(1)} km`, 'meta'));
      list.append(li);
    }
  });
  section.append(form, list);
  return section;
}

// historySection shows, when opened, the entity's changes from the change log, newest first.
function historySection(id: string, act: PanelActions): HTMLElement {
  const details = el('details', undefined, 'history');
  details.id = 'history';
  details.append(el('summary', 'History'));
  const list = el('ol', undefined, 'history-list');
  details.append(list);
  details.addEventListener('toggle', async () => {
    if (!details.open || list.dataset.loaded) return;
    const changes = await act.busy('Loading the history', () => history(id));
    if (!changes) return;
    list.dataset.loaded = 'true';
    if (changes.length === 0) list.append(el('li', 'No change is recorded (imported in a batch, or before the log).', 'meta'));
    for (const c of changes) list.append(changeItem(c));
  });
  return details;
}

function changeItem(c: Change): HTMLLIElement {
  const li = el('li');
  li.dataset.seq = String(c.seq);
  const what = c.from ? `${c.operation.toLowerCase().replace(/_/g, ' ')} ${c.from} ${c.type} ${c.to}` : c.operation.toLowerCase();
  li.append(el('div', `#${c.seq} ${what}`, 'what'), el('div', `${new Date(c.at).toLocaleString()} · ${c.actor}`, 'meta'));
  const dl = el('dl');
  for (const f of c.fields) {
    dl.append(el('dt', f.name), el('dd', `${show(f.before)} → ${show(f.after)}`));
  }
  if (c.fields.length) li.append(dl);
  return li;
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}
