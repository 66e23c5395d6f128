// What the explorer shows, kept in the page's URL so that a link reopens the same view and the
// browser's back and forward buttons move between views:
//   ?view=map&lang=BG&show=city:thessaloniki&expand=country:greece,org:cisco&path=a~b~6&sel=org:cisco
//   ?view=documents&doc=source:… (the Documents view and the document reviewed)
//   ?view=review, ?view=duplicates (the review queue across documents; the duplicates to merge)
// show is the entity whose neighbourhood was drawn, expand the entities expanded since, path a path
// found between two entities (with its hop limit), sel the entity in the side panel. No show and no
// path: the overview.
import type { Lang } from './api';

export type View = 'graph' | 'map' | 'documents' | 'review' | 'duplicates';

const VIEWS: View[] = ['graph', 'map', 'documents', 'review', 'duplicates'];

export interface ViewState {
  view: View;
  lang: Lang;
  show: string;
  expand: string[];
  path: { from: string; to: string; hops: number } | null;
  sel: string;
  doc: string;
}

const LANGS: Lang[] = ['EN', 'BG', 'EL'];

export function emptyState(): ViewState {
  return { view: 'map', lang: 'EN', show: '', expand: [], path: null, sel: '', doc: '' };
}

// read parses the URL; anything malformed is ignored, never an error.
export function read(search = location.search): ViewState {
  const q = new URLSearchParams(search);
  const s = emptyState();
  const view = q.get('view');
  const lang = q.get('lang')?.toUpperCase() as Lang | undefined;
  s.show = q.get('show') ?? '';
  s.view = VIEWS.includes(view as View) ? (view as View) : s.show ? 'graph' : 'map';
  s.doc = q.get('doc') ?? '';
  if (lang && LANGS.includes(lang)) s.lang = lang;
  s.expand = (q.get('expand') ?? '').split(',').filter(Boolean);
  s.sel = q.get('sel') ?? '';
  const [from, to, hops] = (q.get('path') ?? '').split('~');
  if (from && to) s.path = { from, to, hops: Math.min(10, Math.max(1, Number(hops) || 6)) };
  return s;
}

export function toSearch(s: ViewState): string {
  const q = new URLSearchParams();
  q.set('view', s.view);
  if (s.lang !== 'EN') q.set('lang', s.lang);
  if (s.show) q.set('show', s.show);
  if (s.expand.length) q.set('expand', s.expand.join(','));
  if (s.path) q.set('path', `${s.path.from}~${s.path.to}~${s.path.hops}`);
  if (s.sel) q.set('sel', s.sel);
  if (s.doc) q.set('doc', s.doc);
  return '?' + q.toString();
}

// write records s as the current URL: a new history entry (push) or in place.
export function write(s: ViewState, push: boolean): void {
  const url = toSearch(s);
  if (url === location.search) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}
