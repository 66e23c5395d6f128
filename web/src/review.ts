// The Review view: the proposals of every document in one queue, filtered by status, kind,
// relationship type and confidence; each with its sentence and its name marked, and, for a new
// entity that may be a known one, its candidates. Keys: a accepts, r rejects, j or ↓ moves to the
// next, k or ↑ to the previous. "Accept all shown" and "Reject all shown" decide the whole filter,
// after saying how many (a dry run).
import { acceptProposal, rejectProposal } from './docapi';
import { editorToken, tokenForm } from './editor';
import { el } from './panel';
import { acceptWhere, queue, rejectWhere, type QueueFilter, type QueueItem } from './reviewapi';

export interface ReviewHost {
  kindLabel: (kind: string) => string;
  kinds: string[];
  status: (msg: string, error?: boolean) => void;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export class ReviewView {
  private items: QueueItem[] = [];
  private current = 0;
  private asked = 0; // the number of the latest queue request
  private readonly list = $<HTMLOListElement>('review-list');

  constructor(private readonly host: ReviewHost) {
    const kind = $<HTMLSelectElement>('review-kind');
    kind.append(...host.kinds.filter((k) => k !== 'SOURCE').map((k) => { const o = el('option', host.kindLabel(k)); o.value = k; return o; }));
    tokenForm($('review-filter') as HTMLFormElement, $('review-token'), () => void this.open());
    $('review-accept-all').addEventListener('click', () => void this.decideAll(true));
    $('review-reject-all').addEventListener('click', () => void this.decideAll(false));
    document.addEventListener('keydown', (e) => this.key(e));
  }

  private filter(): QueueFilter {
    const num = (id: string) => { const v = $<HTMLInputElement>(id).value; return v === '' ? undefined : Number(v); };
    const kind = $<HTMLSelectElement>('review-kind').value;
    const type = $<HTMLInputElement>('review-type').value.trim().toUpperCase();
    return {
      status: $<HTMLSelectElement>('review-status').value as QueueFilter['status'],
      kinds: kind ? [kind] : [], types: type ? [type] : [], minConfidence: num('review-min'), maxConfidence: num('review-max'),
    };
  }

  async open(): Promise<void> {
    const tok = editorToken();
    if (!tok) {
      this.host.status('Reviewing is editors’ work: enter an editor token.', true);
      $('review-token').focus();
      return;
    }
    const asked = ++this.asked;
    try {
      const { total, items } = await queue(tok, this.filter());
      if (asked !== this.asked) return; // a later request answers for the view
      this.items = items;
      this.current = Math.min(this.current, Math.max(0, items.length - 1));
      this.render();
      this.host.status(`${total} proposal${total === 1 ? '' : 's'} in the queue${total > items.length ? `; the first ${items.length} shown` : ''}.`);
    } catch (e) {
      this.host.status((e as Error).message, true);
    }
  }

  private render(): void {
    this.list.replaceChildren(...this.items.map((p, i) => this.item(p, i)));
    this.select(this.current, false);
  }

  private item(p: QueueItem, i: number): HTMLLIElement {
    const li = el('li', undefined, `proposal ${p.status.toLowerCase()}`);
    li.id = `q-${p.id}`;
    li.dataset.type = p.type;
    li.addEventListener('click', () => this.select(i, false));
    const what = p.type === 'RELATIONSHIP'
      ? `${p.from} ${p.relationshipType} ${p.to}`
      : p.type === 'MENTION'
        ? `${p.name} — ${p.candidates.length > 1 ? `one of ${p.candidates.join(', ')}` : p.entityId}`
        : `${p.name} — new ${this.host.kindLabel(p.kind ?? '')} ${p.entityId}`;
    li.append(el('div', what, 'what'));
    if (p.resolution) li.append(el('div', p.type === 'ENTITY' ? `May be ${p.candidates.join(', ')}: ${p.resolution}` : `Resolved: ${p.resolution}`, 'resolution'));
    li.append(el('div', `${p.documentId} · ${p.rule} · confidence ${p.confidence.toFixed(2)} · ${p.status.toLowerCase()}`, 'meta'));
    li.append(this.sentence(p));
    if (p.status === 'PROPOSED') li.append(this.actions(p));
    if (p.reason) li.append(el('div', `Reason: ${p.reason}`, 'meta'));
    return li;
  }

  // sentence is the proposal's sentence with its name marked (offsets in characters, as the server's).
  private sentence(p: QueueItem): HTMLElement {
    const chars = Array.from(p.sentence);
    const q = el('blockquote');
    let at = 0;
    for (let i = 0; i + 1 < p.spans.length; i += 2) {
      const s = p.spans[i] - p.sentenceStart, e = p.spans[i + 1] - p.sentenceStart;
      if (p.type === 'RELATIONSHIP' || s < at || e > chars.length || e <= s) continue;
      q.append(document.createTextNode(chars.slice(at, s).join('')), el('mark', chars.slice(s, e).join('')));
      at = e;
    }
    q.append(document.createTextNode(chars.slice(at).join('')));
    return q;
  }

  private actions(p: QueueItem): HTMLElement {
    const box = el('div', undefined, 'proposal-actions');
    const button = (label: string, cls: string, fn: () => void) => {
      const b = el('button', label, `small ${cls}`);
      b.type = 'button';
      b.addEventListener('click', (e) => { e.stopPropagation(); fn(); });
      box.append(b);
    };
    if (p.type === 'ENTITY' && p.candidates.length) {
      for (const c of p.candidates) button(`It is ${c}`, 'accept', () => void this.act(() => acceptProposal(editorToken(), p.id, { id: c })));
      button('A new entity', 'accept', () => void this.act(() => acceptProposal(editorToken(), p.id)));
    } else if (!(p.type === 'MENTION' && p.candidates.length > 1)) {
      button('Accept', 'accept', () => void this.accept(p));
    }
    button('Reject', 'reject', () => void this.reject(p));
    return box;
  }

  private accept(p: QueueItem): Promise<void> {
    return this.act(() => acceptProposal(editorToken(), p.id));
  }

  private reject(p: QueueItem): Promise<void> {
    const reason = window.prompt('Why is it wrong? (kept with the proposal)') ?? '';
    return this.act(() => rejectProposal(editorToken(), p.id, reason));
  }

  private select(i: number, scroll = true): void {
    this.current = Math.max(0, Math.min(i, this.items.length - 1));
    this.list.querySelectorAll('li.current').forEach((li) => li.classList.remove('current'));
    const li = this.list.children[this.current] as HTMLElement | undefined;
    li?.classList.add('current');
    if (scroll) li?.scrollIntoView({ block: 'nearest' });
  }

  // key: a accept, r reject, j/↓ next, k/↑ previous, while the view is shown and no field has the focus.
  private key(e: KeyboardEvent): void {
    const t = e.target as HTMLElement | null;
    if ($('review').hidden || e.ctrlKey || e.metaKey || e.altKey || (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) return;
    const p = this.items[this.current];
    switch (e.key) {
      case 'j': case 'ArrowDown': this.select(this.current + 1); break;
      case 'k': case 'ArrowUp': this.select(this.current - 1); break;
      case 'a': if (p?.status === 'PROPOSED' && !(p.type === 'ENTITY' && p.candidates.length) && !(p.type === 'MENTION' && p.candidates.length > 1)) void this.accept(p); break;
      case 'r': if (p?.status === 'PROPOSED') void this.reject(p); break;
      default: return;
    }
    e.preventDefault();
  }

  // decideAll accepts or rejects everything the filter selects, after a dry run says how much.
  private async decideAll(accept: boolean): Promise<void> {
    const f = this.filter();
    try {
      const n = accept ? await acceptWhere(editorToken(), f, true) : await rejectWhere(editorToken(), f, '', true);
      const reason = accept ? '' : window.prompt(`Reject ${n} proposals? Why (kept with each)?`);
      if (n === 0 || (accept ? !window.confirm(`Accept ${n} proposals?`) : reason === null)) return;
      const done = accept ? await acceptWhere(editorToken(), f, false) : await rejectWhere(editorToken(), f, reason ?? '', false);
      await this.open();
      this.host.status(`Done: ${done} proposal${done === 1 ? '' : 's'} ${accept ? 'accepted' : 'rejected'}.`);
    } catch (e) {
      this.host.status((e as Error).message, true);
    }
  }

  private async act(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
      await this.open();
    } catch (e) {
      this.host.status((e as Error).message, true);
    }
  }
}
