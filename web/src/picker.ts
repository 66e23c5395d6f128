// A search box with results as you type, usable by keyboard (arrows, Enter, Escape).
import { search, nameOf, type GraphNode, type Lang } from './api';

export interface PickerOptions {
  input: HTMLInputElement;
  list: HTMLUListElement;
  lang: () => Lang;
  onPick: (node: GraphNode) => void;
  onError: (message: string) => void;
}

export function picker(o: PickerOptions): { clear(): void } {
  let results: GraphNode[] = [];
  let active = -1;
  let timer: number | undefined;
  let seq = 0;

  const close = () => {
    o.list.hidden = true;
    o.input.setAttribute('aria-expanded', 'false');
    o.input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const render = (hits: { node: GraphNode; matched: string }[]) => {
    results = hits.map((h) => h.node);
    o.list.replaceChildren(
      ...hits.map((h, i) => {
        const li = document.createElement('li');
        li.id = `${o.list.id}-${i}`;
        li.setAttribute('role', 'option');
        li.dataset.id = h.node.id;
        const name = document.createElement('span');
        name.className = 'name';
        name.textContent = nameOf(h.node.properties, o.lang());
        const meta = document.createElement('span');
        meta.className = 'meta';
        meta.textContent = `${h.node.kind.toLowerCase()} · ${h.matched}`;
        li.append(name, meta);
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          pick(i);
        });
        return li;
      }),
    );
    if (hits.length === 0) {
      const li = document.createElement('li');
      li.className = 'empty';
      li.textContent = 'Nothing found';
      o.list.append(li);
    }
    o.list.hidden = false;
    o.input.setAttribute('aria-expanded', 'true');
    active = -1;
  };

  const highlight = (i: number) => {
    const items = o.list.querySelectorAll<HTMLLIElement>('[role=option]');
    if (items.length === 0) return;
    active = (i + items.length) % items.length;
    items.forEach((li, j) => li.setAttribute('aria-selected', String(j === active)));
    o.input.setAttribute('aria-activedescendant', items[active].id);
    items[active].scrollIntoView({ block: 'nearest' });
  };

  const pick = (i: number) => {
    const node = results[i];
    if (!node) return;
    o.input.value = nameOf(node.properties, o.lang());
    close();
    o.onPick(node);
  };

  o.input.addEventListener('input', () => {
    window.clearTimeout(timer);
    const q = o.input.value.trim();
    if (q === '') {
      close();
      return;
    }
    timer = window.setTimeout(async () => {
      const mine = ++seq;
      try {
        const hits = await search(q);
        if (mine === seq) render(hits);
      } catch (e) {
        if (mine === seq) o.onError((e as Error).message);
      }
    }, 180);
  });

  o.input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      highlight(active + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      highlight(active - 1);
    } else if (e.key === 'Enter') {
      if (!o.list.hidden && results.length > 0) {
        e.preventDefault();
        pick(active >= 0 ? active : 0);
      }
    } else if (e.key === 'Escape') {
      close();
    }
  });
  o.input.addEventListener('blur', () => window.setTimeout(close, 150));

  return {
    clear() {
      o.input.value = '';
      close();
    },
  };
}
