// The Map view: country outlines drawn from Natural Earth (npm world-atlas, served by this host like
// every other asset: nothing comes from another host), and the located entities as markers coloured
// by kind, clustered when they crowd each other. Drag to pan, wheel or the buttons to zoom.
import { geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection, Geometry } from 'geojson';
import worldURL from 'world-atlas/countries-50m.json?url';

export interface MapPoint {
  id: string;
  kind: string;
  names: Record<string, string>;
  lat: number;
  lon: number;
  derived: boolean; // the point is the city's the entity is in
}

interface Options {
  color: (kind: string) => string;
  name: (p: MapPoint) => string;
  onPick: (id: string) => void;
  onList: (points: MapPoint[]) => void; // several entities at one place
}

const SVG = 'http://www.w3.org/2000/svg';
const CELL = 36; // px: markers closer than this on screen are drawn as one cluster
// The frame of the overview (and of an empty map): Europe and its neighbours, Iceland to the Caucasus.
export const EUROPE: [[number, number], [number, number]] = [[-24, 34], [48, 70]];

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

let world: Promise<FeatureCollection<Geometry>> | null = null;

// countries loads the outlines once (a 740 kB asset of this server, cached by the browser).
function countries(): Promise<FeatureCollection<Geometry>> {
  world ??= fetch(worldURL).then(async (res) => {
    if (!res.ok) throw new Error(`The map outlines answered ${res.status}.`);
    const topo = (await res.json()) as Topology<{ countries: GeometryCollection }>;
    return feature(topo, topo.objects.countries) as unknown as FeatureCollection<Geometry>;
  });
  return world;
}

export class MapView {
  private readonly root: SVGSVGElement;
  private readonly land = svg('g', { class: 'land' });
  private readonly markers = svg('g', { class: 'markers' });
  private projection: GeoProjection = geoMercator();
  private points: MapPoint[] = [];
  private selected = '';
  private k = 1; // zoom factor over the fitted view
  private tx = 0;
  private ty = 0;
  private frame?: [[number, number], [number, number]];

  constructor(private readonly container: HTMLElement, private readonly opts: Options) {
    this.root = svg('svg', { role: 'img', 'aria-label': 'Map of the located entities' });
    this.root.append(this.land, this.markers);
    container.append(this.root);
    this.wireGestures();
    new ResizeObserver(() => this.fit()).observe(container);
  }

  // setPoints shows these entities and fits the view to them, or to frame (south-west and north-east
  // corners, in degrees) when given; to Europe when there are none.
  async setPoints(points: MapPoint[], frame?: [[number, number], [number, number]]): Promise<void> {
    this.points = points;
    this.frame = frame;
    await this.drawLand();
    this.fit();
  }

  // shown is the IDs of the entities on the map (for tests and the curious).
  shown(): string[] {
    return this.points.map((p) => p.id);
  }

  select(id: string): void {
    this.selected = id;
    this.drawMarkers();
  }

  zoom(factor: number, cx = this.width() / 2, cy = this.height() / 2): void {
    const k = Math.min(400, Math.max(1, this.k * factor));
    const f = k / this.k;
    this.tx = cx - (cx - this.tx) * f;
    this.ty = cy - (cy - this.ty) * f;
    this.k = k;
    this.redraw();
  }

  // fit resets the zoom and frames the points.
  fit(): void {
    const w = this.width();
    const h = this.height();
    if (w === 0 || h === 0) return;
    this.root.setAttribute('viewBox', `0 0 ${w} ${h}`);
    const coords = this.points.map((p) => [p.lon, p.lat]);
    let [[x0, y0], [x1, y1]] = this.frame ?? EUROPE;
    if (coords.length > 0 && !this.frame) {
      x0 = Math.min(...coords.map((c) => c[0])) - 1.5;
      x1 = Math.max(...coords.map((c) => c[0])) + 1.5;
      y0 = Math.min(...coords.map((c) => c[1])) - 1;
      y1 = Math.max(...coords.map((c) => c[1])) + 1;
    }
    const frame = { type: 'MultiPoint' as const, coordinates: [[x0, y0], [x1, y1]] };
    this.projection = geoMercator().fitExtent([[20, 20], [w - 20, h - 20]], frame);
    this.k = 1;
    this.tx = 0;
    this.ty = 0;
    this.land.querySelectorAll('path').forEach((p) => p.remove());
    void this.drawLand();
    this.redraw();
  }

  private width(): number { return this.container.clientWidth; }
  private height(): number { return this.container.clientHeight; }

  private redraw(): void {
    this.land.setAttribute('transform', `translate(${this.tx},${this.ty}) scale(${this.k})`);
    this.drawMarkers();
  }

  private async drawLand(): Promise<void> {
    if (this.land.querySelector('path')) return;
    const fc = await countries();
    const path = geoPath(this.projection);
    const frag = document.createDocumentFragment();
    for (const f of fc.features) {
      const d = path(f);
      if (d) frag.append(svg('path', { d, class: 'country' }));
    }
    this.land.replaceChildren(frag);
  }

  // screen is where a point is drawn at the current zoom.
  private screen(p: MapPoint): [number, number] | null {
    const xy = this.projection([p.lon, p.lat]);
    return xy ? [xy[0] * this.k + this.tx, xy[1] * this.k + this.ty] : null;
  }

  private drawMarkers(): void {
    const cells = new Map<string, { x: number; y: number; points: MapPoint[] }>();
    const w = this.width();
    const h = this.height();
    for (const p of this.points) {
      const xy = this.screen(p);
      if (!xy || xy[0] < -CELL || xy[1] < -CELL || xy[0] > w + CELL || xy[1] > h + CELL) continue;
      const key = `${Math.floor(xy[0] / CELL)}:${Math.floor(xy[1] / CELL)}`;
      const cell = cells.get(key) ?? { x: 0, y: 0, points: [] };
      cell.x += xy[0];
      cell.y += xy[1];
      cell.points.push(p);
      cells.set(key, cell);
    }
    const frag = document.createDocumentFragment();
    for (const cell of cells.values()) {
      const n = cell.points.length;
      const x = cell.x / n;
      const y = cell.y / n;
      frag.append(n === 1 ? this.marker(cell.points[0], x, y) : this.cluster(cell.points, x, y));
    }
    this.markers.replaceChildren(frag);
  }

  private marker(p: MapPoint, x: number, y: number): SVGGElement {
    const g = svg('g', { class: 'marker', 'data-id': p.id, tabindex: 0, role: 'button' });
    g.append(svg('circle', { cx: x, cy: y, r: p.id === this.selected ? 8 : 6, fill: this.opts.color(p.kind),
      class: p.id === this.selected ? 'selected' : '' }));
    const title = svg('title', {});
    title.textContent = this.opts.name(p) + (p.derived ? ' (at its city)' : '');
    g.append(title);
    const pick = () => this.opts.onPick(p.id);
    g.addEventListener('click', pick);
    g.addEventListener('keydown', (e) => { if (e.key === 'Enter') pick(); });
    return g;
  }

  // A cluster zooms in on click; when its entities share one place (a city and what is in it), it
  // lists them instead.
  private cluster(points: MapPoint[], x: number, y: number): SVGGElement {
    const g = svg('g', { class: 'cluster', tabindex: 0, role: 'button', 'data-count': points.length });
    const r = 9 + Math.min(8, 2 * Math.log2(points.length));
    const kinds = new Set(points.map((p) => p.kind));
    g.append(svg('circle', { cx: x, cy: y, r, fill: kinds.size === 1 ? this.opts.color(points[0].kind) : '#4a4a4a' }));
    const label = svg('text', { x, y: y + 4, 'text-anchor': 'middle' });
    label.textContent = String(points.length);
    const title = svg('title', {});
    title.textContent = points.slice(0, 8).map((p) => this.opts.name(p)).join(', ') + (points.length > 8 ? '…' : '');
    g.append(label, title);
    const samePlace = points.every((p) => p.lat === points[0].lat && p.lon === points[0].lon);
    const open = () => (samePlace || this.k >= 400 ? this.opts.onList(points) : this.zoom(3, x, y));
    g.addEventListener('click', open);
    g.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
    return g;
  }

  private wireGestures(): void {
    let drag: { x: number; y: number; tx: number; ty: number; moved: boolean } | null = null;
    this.root.addEventListener('pointerdown', (e) => {
      drag = { x: e.clientX, y: e.clientY, tx: this.tx, ty: this.ty, moved: false };
    });
    this.root.addEventListener('pointermove', (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      drag.moved = true;
      this.tx = drag.tx + dx;
      this.ty = drag.ty + dy;
      this.land.setAttribute('transform', `translate(${this.tx},${this.ty}) scale(${this.k})`);
    });
    const end = () => {
      if (drag?.moved) this.drawMarkers();
      drag = null;
    };
    this.root.addEventListener('pointerup', end);
    this.root.addEventListener('pointerleave', end);
    this.root.addEventListener('wheel', (e) => {
      e.preventDefault();
      const box = this.root.getBoundingClientRect();
      this.zoom(e.deltaY < 0 ? 1.5 : 1 / 1.5, e.clientX - box.left, e.clientY - box.top);
    }, { passive: false });
  }
}
