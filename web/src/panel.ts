// The side panel: an entity's names, properties, relationships in the picture, evidence, and what
// is near it; in a second tab, its history from the change log, each change with the entity as it
// was after it.
import type { NodeSingular } from 'cytoscape';
import { asOf, history, nameOf, nearby, type Change, type Evidence, type GraphNode, type Lang, type Snapshot, type Source } from './api';
import { META_PROPS } from './model.gen';

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
  panel.replaceChildren();
  panel.append(el('h2', nameOf(props, lang)), el('p', `${act.kindLabel(node.data('kind') as string)} · ${node.id()}`, 'meta'));
  const details = detailsTab(node, ev, act);
  const { pane: hist, open } = historyTab(node.id(), act);
  panel.append(tabBar([['Details', details, () => {}], ['History', hist, open]]), details, hist);
}

// detailsTab is the entity as the picture shows it: names, properties, relationships, evidence,
// what is near it.
function detailsTab(node: NodeSingular, ev: Evidence[] | null, act: PanelActions): HTMLElement {
  const lang = act.lang();
  const props = node.data('props') as Record<string, unknown>;
  const pane = el('div');
  pane.id = 'details';
  pane.append(el('h3', 'Names'), namesList(props));
  const aliases = Array.isArray(props.aliases) ? (props.aliases as string[]) : [];
  if (aliases.length) pane.append(el('p', `Also: ${aliases.join(', ')}`));
  const facts = factsList(props);
  if (facts) pane.append(el('h3', 'Properties'), facts);

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
  pane.append(el('h3', 'Relationships in the picture'), rels);
  pane.append(evidenceSection(ev, lang));
  if (LOCATED.has(node.data('kind') as string)) pane.append(nearSection(node.id(), act));

  const expandButton = el('button', 'Expand: add its neighbours');
  expandButton.type = 'button';
  expandButton.addEventListener('click', () => act.expand(node.id()));
  pane.append(expandButton);
  return pane;
}

function namesList(props: Record<string, unknown>): HTMLElement {
  const names = el('dl', undefined, 'names');
  for (const [l, label] of [['en', 'English'], ['bg', 'Български'], ['el', 'Ελληνικά']]) {
    names.append(el('dt', label), el('dd', typeof props[`name_${l}`] === 'string' ? String(props[`name_${l}`]) : '—'));
  }
  return names;
}

function factsList(props: Record<string, unknown>): HTMLElement | null {
  const facts = Object.entries(props).filter(([k]) => !META_PROPS.has(k));
  if (!facts.length) return null;
  const dl = el('dl', undefined, 'facts');
  for (const [k, v] of facts) dl.append(el('dt', k), el('dd', Array.isArray(v) ? v.join(', ') : String(v)));
  return dl;
}

// tabBar shows one pane at a time (the WAI-ARIA tabs pattern: arrow keys move between tabs); each
// tab's callback runs when it is shown.
function tabBar(tabs: [string, HTMLElement, () => void][]): HTMLElement {
  const bar = el('div', undefined, 'tabs');
  bar.setAttribute('role', 'tablist');
  const buttons = tabs.map(([label, pane]) => {
    const b = el('button', label, 'tab');
    b.type = 'button';
    b.id = `tab-${pane.id}`;
    b.setAttribute('role', 'tab');
    b.setAttribute('aria-controls', pane.id);
    pane.setAttribute('role', 'tabpanel');
    pane.setAttribute('aria-labelledby', b.id);
    return b;
  });
  const show = (i: number) => {
    buttons.forEach((b, j) => {
      b.setAttribute('aria-selected', String(i === j));
      b.tabIndex = i === j ? 0 : -1;
      tabs[j][1].hidden = i !== j;
    });
    tabs[i][2]();
  };
  buttons.forEach((b, i) => b.addEventListener('click', () => show(i)));
  bar.addEventListener('keydown', (e) => {
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0 || (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft')) return;
    const next = (i + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length;
    show(next);
    buttons[next].focus();
  });
  bar.append(...buttons);
  show(0);
  return bar;
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

// historyTab is the entity's changes from the change log, newest first, loaded when the tab is
// first shown.
function historyTab(id: string, act: PanelActions): { pane: HTMLElement; open: () => void } {
  const pane = el('div', undefined, 'history');
  pane.id = 'history';
  const list = el('ol', undefined, 'history-list');
  pane.append(list);
  const open = async () => {
    if (list.dataset.loaded) return;
    list.dataset.loaded = 'loading';
    const changes = await act.busy('Loading the history', () => history(id));
    if (!changes) {
      delete list.dataset.loaded; // an error: try again when the tab is shown again
      return;
    }
    list.dataset.loaded = 'true';
    if (changes.length === 0) list.append(el('li', 'No change is recorded (imported in a batch, or before the log).', 'meta'));
    for (const c of changes) list.append(changeItem(id, c, act));
  };
  return { pane, open };
}

function changeItem(id: string, c: Change, act: PanelActions): HTMLLIElement {
  const li = el('li');
  li.dataset.seq = String(c.seq);
  const what = c.from ? `${c.operation.toLowerCase().replace(/_/g, ' ')} ${c.from} ${c.type} ${c.to}` : c.operation.toLowerCase();
  li.append(el('div', `#${c.seq} ${what}`, 'what'), el('div', `${new Date(c.at).toLocaleString()} · ${c.actor}`, 'meta'));
  const dl = el('dl');
  for (const f of c.fields) {
    dl.append(el('dt', f.name), el('dd', `${show(f.before)} → ${show(f.after)}`));
  }
  if (c.fields.length) li.append(dl);
  const then = el('button', 'As it was after this change', 'link asof-button');
  then.type = 'button';
  then.addEventListener('click', async () => {
    const snap = await act.busy('Rebuilding it from the log', () => asOf(id, c.at));
    if (snap === undefined) return;
    li.querySelector('.asof')?.remove();
    li.append(snapshotView(snap, act.lang()));
  });
  li.append(then);
  return li;
}

// snapshotView is an entity as entity(id, asOf) rebuilt it: its names, properties and relationships
// then.
function snapshotView(snap: Snapshot | null, lang: Lang): HTMLElement {
  const box = el('div', undefined, 'asof');
  if (!snap) {
    box.append(el('p', 'It did not exist then.', 'meta'));
    return box;
  }
  box.append(el('h4', nameOf(snap.properties, lang) || snap.id), namesList(snap.properties));
  const facts = factsList(snap.properties);
  if (facts) box.append(facts);
  const rels = el('ul', undefined, 'relationships');
  for (const r of snap.relationships) {
    rels.append(el('li', r.source === snap.id ? `${r.type} → ${r.target}` : `← ${r.type} ${r.source}`));
  }
  box.append(el('p', `${snap.relationships.length} relationship(s) then`, 'meta'), rels);
  return box;
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}
