// The Duplicates view: pairs of entities that may be one, best first, side by side with their
// names, kinds, places, neighbours and evidence; an editor merges a pair (keeping either, after a dry
// run says what would move) or marks it distinct.
import { editorToken, tokenForm } from './editor';
import { el } from './panel';
import { cards, duplicates, markDistinct, mergeEntities, type Card, type Pair } from './reviewapi';

export interface DuplicatesHost {
  kindLabel: (kind: string) => string;
  kinds: string[];
  status: (msg: string, error?: boolean) => void;
  showInGraph: (id: string) => void;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export class DuplicatesView {
  private readonly list = $<HTMLOListElement>('dup-list');
  private asked = 0; // the number of the latest request

  constructor(private readonly host: DuplicatesHost) {
    const kind = $<HTMLSelectElement>('dup-kind');
    kind.append(...host.kinds.filter((k) => k !== 'SOURCE').map((k) => { const o = el('option', host.kindLabel(k)); o.value = k; return o; }));
    tokenForm($('dup-filter') as HTMLFormElement, $('dup-token'), () => void this.open());
  }

  async open(): Promise<void> {
    const tok = editorToken();
    if (!tok) {
      this.host.status('Merging is editors’ work: enter an editor token.', true);
      $('dup-token').focus();
      return;
    }
    const asked = ++this.asked;
    try {
      const kind = $<HTMLSelectElement>('dup-kind').value;
      const { total, pairs } = await duplicates(tok, kind ? [kind] : []);
      const seen = await cards(tok, [...new Set(pairs.flatMap((p) => [p.a, p.b]))]);
      if (asked !== this.asked) return; // a later request answers for the view
      this.list.replaceChildren(...pairs.map((p) => this.pair(p, seen)));
      this.host.status(total ? `${total} pair${total === 1 ? '' : 's'} that may be one entity${total > pairs.length ? `; the first ${pairs.length} shown` : ''}.` : 'No duplicates found.');
    } catch (e) {
      this.host.status((e as Error).message, true);
    }
  }

  private pair(p: Pair, seen: Map<string, Card>): HTMLLIElement {
    const li = el('li', undefined, 'dup-pair');
    li.dataset.a = p.a;
    li.dataset.b = p.b;
    li.append(el('div', `${Math.round(p.score * 100)} % · ${p.reasons.join('; ')}`, 'meta'));
    const sides = el('div', undefined, 'dup-sides');
    sides.append(this.card(seen.get(p.a), p.a), this.card(seen.get(p.b), p.b));
    li.append(sides);
    const box = el('div', undefined, 'proposal-actions');
    const button = (label: string, cls: string, fn: () => void) => {
      const b = el('button', label, `small ${cls}`);
      b.type = 'button';
      b.addEventListener('click', fn);
      box.append(b);
    };
    button(`Keep ${p.a}, merge ${p.b} into it`, 'accept merge-keep-a', () => void this.merge(p.a, p.b));
    button(`Keep ${p.b}, merge ${p.a} into it`, 'accept merge-keep-b', () => void this.merge(p.b, p.a));
    button('Not the same', 'reject distinct', () => void this.act(() => markDistinct(editorToken(), p.a, p.b), 'Marked distinct: the pair is not listed again.'));
    li.append(box);
    return li;
  }

  private card(c: Card | undefined, id: string): HTMLElement {
    const box = el('div', undefined, 'dup-card');
    if (!c) {
      box.append(el('div', `${id} (gone)`, 'what'));
      return box;
    }
    const p = c.properties;
    const name = (l: string) => (typeof p[`name_${l}`] === 'string' ? String(p[`name_${l}`]) : '');
    const link = el('button', c.id, 'link');
    link.type = 'button';
    link.addEventListener('click', () => this.host.showInGraph(c.id));
    box.append(link, el('div', this.host.kindLabel(c.kind), 'meta'));
    const names = ['en', 'bg', 'el'].map(name).filter(Boolean);
    box.append(el('div', names.join(' · '), 'what'));
    const aliases = Array.isArray(p.aliases) ? (p.aliases as string[]) : [];
    if (aliases.length) box.append(el('div', `Also: ${aliases.join(', ')}`, 'meta'));
    const place = c.relationships.find((r) => r.type === 'LOCATED_IN' && r.source === c.id)?.target;
    const neighbours = new Set(c.relationships.map((r) => (r.source === c.id ? r.target : r.source)));
    box.append(el('div', `${place ? `In ${place} · ` : ''}${neighbours.size} neighbour${neighbours.size === 1 ? '' : 's'}`, 'meta'));
    for (const s of c.sources.slice(0, 2)) box.append(el('blockquote', `${s.quote} (${s.source.id})`));
    return box;
  }

  // merge says what merging would move, and merges when the editor agrees.
  private async merge(keep: string, merge: string): Promise<void> {
    try {
      const dry = await mergeEntities(editorToken(), keep, merge, true);
      const what = `${dry.relationships} relationship${dry.relationships === 1 ? '' : 's'} (${dry.combined} joined to one ${keep} has), ` +
        `${dry.evidence} sentence${dry.evidence === 1 ? '' : 's'} of evidence and the names ${dry.names.join(', ') || '(none new)'}`;
      if (!window.confirm(`Merge ${merge} into ${keep}? It moves ${what}; ${merge} will answer with ${keep}.`)) return;
      await this.act(() => mergeEntities(editorToken(), keep, merge, false), `Merged ${merge} into ${keep}: ${what}.`);
    } catch (e) {
      this.host.status((e as Error).message, true);
    }
  }

  private async act(work: () => Promise<unknown>, done: string): Promise<void> {
    try {
      await work();
      await this.open();
      this.host.status(done);
    } catch (e) {
      this.host.status((e as Error).message, true);
    }
  }
}
