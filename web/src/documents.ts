// The Documents view: ingest a text or a file, read it with the names it mentions highlighted by
// kind, and review its proposals beside it (accept, correct, reject; accept everything above a
// confidence). Reviewing is editors' work: the view asks for an editor token once per tab
// (sessionStorage) and sends it with every call.
import {
  acceptAll, acceptProposal, fileToBase64, ingestDocument, listDocuments, loadDocument, rejectProposal,
  type Doc, type Edit, type Proposal,
} from './docapi';
import { editorToken, tokenForm } from './editor';
import { el } from './panel';

export interface DocumentsHost {
  kindColor: (kind: string) => string;
  kindLabel: (kind: string) => string;
  kinds: string[];
  status: (msg: string, error?: boolean) => void;
  opened: (id: string) => void; // the document shown changed (for the URL)
  showInGraph: (id: string) => void;
}

const GROUPS: { type: Proposal['type']; title: string }[] = [
  { type: 'ENTITY', title: 'New entities' },
  { type: 'RELATIONSHIP', title: 'Relationships' },
  { type: 'MENTION', title: 'Known entities named' },
];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export class DocumentsView {
  private doc: Doc | null = null;
  private readonly list = $<HTMLUListElement>('doc-list');
  private readonly textView = $<HTMLElement>('doc-text-view');
  private readonly proposals = $<HTMLElement>('doc-proposals');
  private readonly token = $<HTMLInputElement>('doc-token');

  constructor(private readonly host: DocumentsHost) {
    tokenForm($('doc-token-form') as HTMLFormElement, this.token, () => void this.open(this.doc?.id ?? ''));
    $('doc-new').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.ingest();
    });
  }

  private get tok(): string {
    return editorToken() || this.token.value.trim();
  }

  // open lists the documents and shows one (the newest when id is empty).
  async open(id: string): Promise<void> {
    if (!this.tok) {
      this.host.status('Reviewing documents is editors’ work: enter an editor token.', true);
      this.token.focus();
      return;
    }
    try {
      const docs = await listDocuments(this.tok);
      this.list.replaceChildren(...docs.map((d) => {
        const li = el('li');
        const b = el('button', d.title, 'link');
        b.type = 'button';
        b.dataset.id = d.id;
        b.addEventListener('click', () => void this.open(d.id));
        li.append(b, el('span', ` ${d.language ?? '?'} · ${d.counts.proposed} to review, ${d.counts.accepted} accepted, ${d.counts.rejected} rejected`, 'meta'));
        return li;
      }));
      const target = id || docs[0]?.id;
      if (!target) {
        this.host.status('No document yet: paste a text or pick a file to ingest one.');
        return;
      }
      this.doc = await loadDocument(this.tok, target);
      if (!this.doc) {
        this.host.status(`There is no document ${target}.`, true);
        return;
      }
      this.render();
      this.host.opened(this.doc.id);
      this.host.status(`${this.doc.title}: ${this.doc.counts.proposed} proposals to review.`);
    } catch (e) {
      this.host.status((e as Error).message, true);
    }
  }

  private async ingest(): Promise<void> {
    const file = $<HTMLInputElement>('doc-file').files?.[0];
    const text = $<HTMLTextAreaElement>('doc-text').value;
    const title = $<HTMLInputElement>('doc-title').value.trim();
    const url = $<HTMLInputElement>('doc-url').value.trim();
    if (!file && !text.trim()) {
      this.host.status('Paste a text or pick a file first.', true);
      return;
    }
    try {
      this.host.status('Reading the document…');
      const input = file ? { upload: { name: file.name, contentType: file.type || undefined, base64: await fileToBase64(file) } } : { text };
      const res = await ingestDocument(this.tok, { ...input, title: title || undefined, url: url || undefined });
      $<HTMLFormElement>('doc-new').reset();
      await this.open(res.id);
      if (!res.created) this.host.status('This text was ingested before: here are its proposals.');
    } catch (e) {
      this.host.status((e as Error).message, true);
    }
  }

  private render(): void {
    if (!this.doc) return;
    this.renderText(this.doc);
    this.renderProposals(this.doc);
  }

  // renderText writes the text with each named entity (new or known) marked by its kind's colour.
  // Offsets count characters (code points), as the server does.
  private renderText(doc: Doc): void {
    const chars = Array.from(doc.text);
    const marks = doc.proposals
      .filter((p) => p.type !== 'RELATIONSHIP' && p.status !== 'REJECTED')
      .flatMap((p) => p.spans.flatMap((_, i) => (i % 2 === 0 ? [{ p, start: p.spans[i], end: p.spans[i + 1] }] : [])))
      .filter((m) => m.end > m.start)
      .sort((a, b) => a.start - b.start || b.end - a.end);
    const out: Node[] = [];
    let at = 0;
    for (const { p, start, end } of marks) {
      if (start < at) continue; // inside a mark already drawn (the longer name wins)
      out.push(document.createTextNode(chars.slice(at, start).join('')));
      const m = el('mark', chars.slice(start, end).join(''));
      m.dataset.proposal = p.id;
      m.dataset.kind = p.kind ?? '';
      m.style.setProperty('--kind', this.host.kindColor(p.kind ?? ''));
      m.title = `${this.host.kindLabel(p.kind ?? '')}: ${p.type === 'MENTION' ? 'known' : 'new'} (${p.status.toLowerCase()})`;
      m.addEventListener('click', () => document.getElementById(`p-${p.id}`)?.scrollIntoView({ block: 'center' }));
      out.push(m);
      at = end;
    }
    out.push(document.createTextNode(chars.slice(at).join('')));
    const h = el('h2', doc.title);
    const body = el('div', undefined, 'doc-body');
    body.append(...out);
    this.textView.replaceChildren(h, body);
  }

  private renderProposals(doc: Doc): void {
    const head = el('div', undefined, 'doc-actions');
    const min = el('input');
    min.type = 'number';
    min.min = '0';
    min.max = '1';
    min.step = '0.05';
    min.value = '0.5';
    min.id = 'doc-min';
    min.setAttribute('aria-label', 'Lowest confidence to accept');
    const all = el('button', 'Accept all with confidence ≥');
    all.type = 'button';
    all.id = 'doc-accept-all';
    all.addEventListener('click', () => void this.act(() => acceptAll(this.tok, doc.id, Number(min.value))));
    head.append(all, min);
    const parts: HTMLElement[] = [head];
    for (const g of GROUPS) {
      const ps = doc.proposals.filter((p) => p.type === g.type);
      if (!ps.length) continue;
      const ul = el('ul', undefined, 'proposals');
      ul.append(...ps.map((p) => this.proposalItem(p)));
      parts.push(el('h3', `${g.title} (${ps.length})`), ul);
    }
    this.proposals.replaceChildren(...parts);
  }

  private proposalItem(p: Proposal): HTMLLIElement {
    const li = el('li', undefined, `proposal ${p.status.toLowerCase()}`);
    li.id = `p-${p.id}`;
    li.dataset.type = p.type;
    const what = p.type === 'RELATIONSHIP'
      ? `${p.from} ${p.relationshipType} ${p.to}`
      : `${p.name} — ${p.type === 'MENTION' ? (p.candidates.length > 1 ? `one of ${p.candidates.join(', ')}` : p.entityId) : `${this.host.kindLabel(p.kind ?? '')} ${p.entityId}`}`;
    li.append(el('div', what, 'what'));
    li.append(el('div', `${p.status.toLowerCase()} · ${p.rule} · confidence ${p.confidence.toFixed(2)}`, 'meta'));
    li.append(el('blockquote', p.sentence));
    if (p.status === 'PROPOSED') li.append(this.actions(p));
    if (p.status === 'REJECTED' && p.reason) li.append(el('div', `Reason: ${p.reason}`, 'meta'));
    const shown = p.acceptedId ?? (p.status === 'ACCEPTED' && p.type === 'RELATIONSHIP' ? p.from : null);
    if (p.status === 'ACCEPTED' && shown) {
      const b = el('button', 'Show in the graph', 'small');
      b.type = 'button';
      b.addEventListener('click', () => this.host.showInGraph(shown));
      li.append(b);
    }
    return li;
  }

  private actions(p: Proposal): HTMLElement {
    const box = el('div', undefined, 'proposal-actions');
    const button = (label: string, cls: string, fn: () => void) => {
      const b = el('button', label, `small ${cls}`);
      b.type = 'button';
      b.addEventListener('click', fn);
      box.append(b);
    };
    if (p.type === 'MENTION' && p.candidates.length > 1) {
      const pick = el('select');
      pick.setAttribute('aria-label', 'The entity it names');
      pick.append(...p.candidates.map((c) => { const o = el('option', c); o.value = c; return o; }));
      box.append(pick);
      button('Accept this one', 'accept', () => void this.act(() => acceptProposal(this.tok, p.id, { id: pick.value })));
    } else {
      button('Accept', 'accept', () => void this.act(() => acceptProposal(this.tok, p.id)));
    }
    if (p.type === 'ENTITY') button('Correct…', 'correct', () => box.replaceWith(this.editForm(p)));
    button('Reject', 'reject', () => {
      const reason = window.prompt('Why is it wrong? (kept with the proposal)') ?? '';
      void this.act(() => rejectProposal(this.tok, p.id, reason));
    });
    return box;
  }

  // editForm corrects a new entity's kind and names before accepting it.
  private editForm(p: Proposal): HTMLFormElement {
    const f = el('form', undefined, 'proposal-edit');
    const field = (label: string, input: HTMLInputElement | HTMLSelectElement) => {
      const l = el('label', label);
      l.append(input);
      f.append(l);
      return input;
    };
    const kind = el('select');
    kind.append(...this.host.kinds.filter((k) => k !== 'SOURCE').map((k) => {
      const o = el('option', this.host.kindLabel(k));
      o.value = k;
      o.selected = k === p.kind;
      return o;
    }));
    field('Kind', kind);
    const en = field('English name', el('input')) as HTMLInputElement;
    en.name = 'en';
    const local = field(`Name in the document (${p.name})`, el('input')) as HTMLInputElement;
    local.value = p.name ?? '';
    const ok = el('button', 'Accept corrected', 'small accept');
    ok.type = 'submit';
    f.append(ok);
    f.addEventListener('submit', (e) => {
      e.preventDefault();
      const edit: Edit = { kind: kind.value };
      const names: Edit['names'] = {};
      if (en.value.trim()) names.en = en.value.trim();
      const lang = /[\u0400-\u04ff]/.test(p.name ?? '') ? 'bg' : /[\u0370-\u03ff]/.test(p.name ?? '') ? 'el' : 'en';
      if (local.value.trim() && (lang !== 'en' || !names.en)) names[lang] = local.value.trim();
      if (Object.keys(names).length) edit.names = names;
      void this.act(() => acceptProposal(this.tok, p.id, edit));
    });
    return f;
  }

  // act runs a review call and shows the document again as it now stands.
  private async act(work: () => Promise<unknown>): Promise<void> {
    try {
      const out = await work();
      const n = Array.isArray(out) ? out.length : 1;
      await this.open(this.doc?.id ?? '');
      this.host.status(`Done: ${n} proposal${n === 1 ? '' : 's'} reviewed.`);
    } catch (e) {
      this.host.status((e as Error).message, true);
    }
  }
}
