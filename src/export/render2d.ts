/**
 * A Canvas-2D map renderer for exports: the basemap countries (Natural Earth, from the data
 * build's `countries.geojson`), "no violence data" hatching, PRIO-GRID violence cells, lag flags
 * and bases, in the viewer's colours and scales, for a camera. Deterministic (no WebGL, no tile
 * loading), so small multiples and video frames look the same on every machine and every run.
 * All coordinates are CSS pixels; callers scale the context for 2× output.
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { BASEMAP_PALETTE } from '../map/basemap/style';
import { CATEGORY_STYLES, HALO_EXTRA_PX, censoredChevron } from '../map/flagLayers';
import { UNKNOWN_TROOPS_COLOR, baseRadius, violenceColor, type RGBA } from '../map/scales';
import { cellPolygon } from '../domain/grid';
import { placeFontSize, visiblePlaces, type BasemapPlace } from '../domain/basemap';
import { withoutReplacedPlaces } from '../map/replacedPlaces';
import { ROLE_OFFSETS, type RoleMark } from '../map/roleLayers';
import {
  projector,
  visibleBounds,
  type BBox,
  type CameraView,
  type Projector,
} from '../map/camera';
import type { BaseMark, CoverageMarks, MapContent } from './content';
import {
  COVERED_COLOR,
  REACH_FILL,
  REACH_LINE,
  SITE_COLOR,
  SITE_MARKER_PX,
  SITE_RANK_PX,
  SITE_REACH_FILL,
  SITE_REACH_LINE,
  UNCOVERED_COLOR,
  eventRadiusPx,
} from '../map/coverageLayers';
import { HOTSPOT_COLOR, hotspotStar } from '../map/hotspotLayers';

/** A country ready to draw: rings of lon/lat, its box, and whether it hosts a mission. */
export interface PreparedCountry {
  name: string;
  host: boolean;
  bbox: BBox;
  /** Polygons, each a list of rings (outer first), each a list of [lon, lat]. */
  polygons: Position[][][];
}

/** Countries of the basemap prepared once for many frames. */
export function prepareCountries(fc: FeatureCollection | null): PreparedCountry[] {
  if (!fc) return [];
  const out: PreparedCountry[] = [];
  for (const f of fc.features as Feature<Geometry | null>[]) {
    const g = f.geometry;
    if (!g) continue;
    const polygons =
      g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : null;
    if (!polygons) continue;
    let w = Infinity;
    let s = Infinity;
    let e = -Infinity;
    let n = -Infinity;
    for (const poly of polygons)
      for (const p of poly[0] ?? []) {
        w = Math.min(w, p[0]!);
        e = Math.max(e, p[0]!);
        s = Math.min(s, p[1]!);
        n = Math.max(n, p[1]!);
      }
    const props = (f.properties ?? {}) as { name?: unknown; host?: unknown };
    out.push({
      name: typeof props.name === 'string' ? props.name : '',
      host: props.host === true,
      bbox: [w, s, e, n],
      polygons,
    });
  }
  return out;
}

/** A rectangle in CSS pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Options of {@link drawMap}. */
export interface DrawMapOptions {
  /** Multiplies base circle radii (small multiples use < 1; shared by every panel). */
  baseScale?: number;
  /** Draw the names of highlighted bases. Default true. */
  baseLabels?: boolean;
  /** Font family for labels. */
  fontFamily?: string;
  /** Towns (GeoNames) to name, shown from their `minZoom` as on the live map. */
  places?: readonly BasemapPlace[];
}

export const EXPORT_FONT = 'system-ui, "DejaVu Sans", Arial, sans-serif';

function css([r, g, b, a]: RGBA): string {
  return `rgba(${r},${g},${b},${(a / 255).toFixed(3)})`;
}

function overlaps(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

function tracePolygon(ctx: CanvasRenderingContext2D, poly: Position[][], proj: Projector): void {
  for (const ring of poly) {
    ring.forEach((p, i) => {
      const [x, y] = proj(p[0]!, p[1]!);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.closePath();
  }
}

function traceCountry(ctx: CanvasRenderingContext2D, c: PreparedCountry, proj: Projector): void {
  ctx.beginPath();
  for (const poly of c.polygons) tracePolygon(ctx, poly, proj);
}

function traceCell(ctx: CanvasRenderingContext2D, gid: number, proj: Projector): void {
  const ring = cellPolygon(gid);
  ctx.beginPath();
  ring.forEach((p, i) => {
    const [x, y] = proj(p[0], p[1]);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  });
  ctx.closePath();
}

/** Diagonal hatching over the current clip region (a box in pixels). */
function hatch(
  ctx: CanvasRenderingContext2D,
  box: [number, number, number, number],
  step: number,
): void {
  const [x0, y0, x1, y1] = box;
  ctx.beginPath();
  for (let d = x0 - (y1 - y0); d < x1; d += step) {
    ctx.moveTo(d, y1);
    ctx.lineTo(d + (y1 - y0), y0);
  }
  ctx.stroke();
}

function projectedBox(c: PreparedCountry, proj: Projector): [number, number, number, number] {
  const [a, b] = proj(c.bbox[0], c.bbox[3]);
  const [d, e] = proj(c.bbox[2], c.bbox[1]);
  return [a, b, d, e];
}

/** Water, land (host countries lighter) and borders. */
export function drawBasemap(
  ctx: CanvasRenderingContext2D,
  countries: readonly PreparedCountry[],
  proj: Projector,
  rect: Rect,
  visible: BBox,
): void {
  ctx.fillStyle = BASEMAP_PALETTE.water;
  ctx.fillRect(rect.x, rect.y, rect.width, rect.height);
  const shown = countries.filter((c) => overlaps(c.bbox, visible));
  for (const c of shown) {
    traceCountry(ctx, c, proj);
    ctx.fillStyle = c.host ? BASEMAP_PALETTE.hostLand : BASEMAP_PALETTE.land;
    ctx.fill('evenodd');
  }
  ctx.lineJoin = 'round';
  for (const host of [false, true]) {
    ctx.strokeStyle = host ? BASEMAP_PALETTE.hostBorder : BASEMAP_PALETTE.border;
    ctx.lineWidth = host ? 1.2 : 0.7;
    for (const c of shown) {
      if (c.host !== host) continue;
      traceCountry(ctx, c, proj);
      ctx.stroke();
    }
  }
}

/** Host countries without violence data: grey with diagonal hatching (never "zero violence"). */
export function drawNoData(
  ctx: CanvasRenderingContext2D,
  countries: readonly PreparedCountry[],
  names: readonly string[],
  proj: Projector,
  alpha = 1,
): void {
  if (names.length === 0 || alpha <= 0) return;
  const set = new Set(names);
  for (const c of countries) {
    if (!set.has(c.name)) continue;
    ctx.save();
    ctx.globalAlpha = alpha;
    traceCountry(ctx, c, proj);
    ctx.fillStyle = css([0x9a, 0x9a, 0x9a, 110]);
    ctx.fill('evenodd');
    ctx.clip('evenodd');
    ctx.strokeStyle = 'rgba(90,90,90,0.55)';
    ctx.lineWidth = 1;
    hatch(ctx, projectedBox(c, proj), 9);
    ctx.restore();
    ctx.save();
    ctx.globalAlpha = alpha;
    traceCountry(ctx, c, proj);
    ctx.strokeStyle = 'rgba(90,90,90,0.8)';
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.restore();
  }
}

function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/**
 * Violence cells of `a`, faded `t` of the way to `b`: a cell in both gets the blended colour, a
 * cell in one only fades in or out.
 */
export function drawCells(
  ctx: CanvasRenderingContext2D,
  a: MapContent,
  b: MapContent | null,
  t: number,
  proj: Projector,
): number {
  const from = new Map(a.cells.map((c) => [c.gid, c.value]));
  const to = b && t > 0 ? new Map(b.cells.map((c) => [c.gid, c.value])) : null;
  const gids = new Set([...from.keys(), ...(to?.keys() ?? [])]);
  let drawn = 0;
  for (const gid of [...gids].sort((x, y) => x - y)) {
    const va = from.get(gid);
    const vb = to?.get(gid);
    const ca = va === undefined ? null : violenceColor(va);
    const cb = vb === undefined ? null : violenceColor(vb);
    let color: RGBA | null;
    if (ca && cb)
      color = [
        Math.round(lerp(ca[0], cb[0], t)),
        Math.round(lerp(ca[1], cb[1], t)),
        Math.round(lerp(ca[2], cb[2], t)),
        ca[3],
      ];
    else if (ca) color = [ca[0], ca[1], ca[2], ca[3] * (to ? 1 - t : 1)];
    else if (cb) color = [cb[0], cb[1], cb[2], cb[3] * t];
    else color = null;
    if (!color || color[3] < 1) continue;
    traceCell(ctx, gid, proj);
    ctx.fillStyle = css(color);
    ctx.fill();
    ctx.strokeStyle = css([120, 40, 20, Math.round(90 * (color[3] / 210))]);
    ctx.lineWidth = 0.5;
    ctx.stroke();
    drawn++;
  }
  return drawn;
}

/**
 * Lag flags: cell outlines in the category's colour over a white halo, dashed as in the app, with
 * the app's "‹" chevron inside when the episode may have begun before the first analysed year.
 */
export function drawFlags(
  ctx: CanvasRenderingContext2D,
  content: MapContent,
  proj: Projector,
): void {
  for (const f of content.flags) {
    const st = CATEGORY_STYLES[f.category];
    const ring = cellPolygon(f.gid);
    const [x0, y0] = proj(ring[0]![0], ring[2]![1]);
    const [x1, y1] = proj(ring[2]![0], ring[0]![1]);
    const inset = Math.abs(x1 - x0) * 0.08;
    const box = [
      Math.min(x0, x1) + inset,
      Math.min(y0, y1) + inset,
      Math.abs(x1 - x0) - 2 * inset,
      Math.abs(y1 - y0) - 2 * inset,
    ] as const;
    ctx.save();
    const side = box[2];
    if (st.dashes > 0) {
      const dash = side / (st.dashes * (1 + st.gap));
      ctx.setLineDash([dash, dash * st.gap]);
    }
    ctx.strokeStyle = 'rgba(255,255,255,0.86)';
    ctx.lineWidth = st.widthPx + HALO_EXTRA_PX;
    ctx.strokeRect(...box);
    ctx.strokeStyle = st.color;
    ctx.lineWidth = st.widthPx;
    ctx.strokeRect(...box);
    if (f.censored) {
      ctx.setLineDash([]);
      ctx.beginPath();
      censoredChevron(f.gid).forEach(([lon, lat], i) => {
        const [px, py] = proj(lon, lat);
        if (i === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      });
      ctx.strokeStyle = 'rgba(255,255,255,0.86)';
      ctx.lineWidth = st.widthPx + HALO_EXTRA_PX;
      ctx.stroke();
      ctx.strokeStyle = st.color;
      ctx.lineWidth = st.widthPx;
      ctx.stroke();
    }
    ctx.restore();
  }
}

/** Outlines of highlighted cells: thick black with a white halo. */
export function drawHighlightCells(
  ctx: CanvasRenderingContext2D,
  gids: readonly number[],
  proj: Projector,
): void {
  for (const gid of gids) {
    traceCell(ctx, gid, proj);
    ctx.strokeStyle = 'rgba(255,255,255,0.95)';
    ctx.lineWidth = 6;
    ctx.stroke();
    ctx.strokeStyle = '#111111';
    ctx.lineWidth = 3;
    ctx.stroke();
  }
}

/** The colour of a highlighted base's ring and label. */
export const HIGHLIGHT_COLOR = '#111111';

interface BaseDraw {
  mark: BaseMark;
  troops: number | null;
  alpha: number;
}

function blendBases(a: MapContent, b: MapContent | null, t: number): BaseDraw[] {
  if (!b || t <= 0) return a.bases.map((mark) => ({ mark, troops: mark.troops, alpha: 1 }));
  const next = new Map(b.bases.map((m) => [m.id, m]));
  const out: BaseDraw[] = [];
  for (const m of a.bases) {
    const n = next.get(m.id);
    if (n) {
      next.delete(m.id);
      const troops =
        m.troops !== null && n.troops !== null
          ? lerp(m.troops, n.troops, t)
          : t < 0.5
            ? m.troops
            : n.troops;
      out.push({ mark: t < 0.5 ? m : n, troops, alpha: 1 });
    } else out.push({ mark: m, troops: m.troops, alpha: 1 - t });
  }
  for (const n of next.values()) out.push({ mark: n, troops: n.troops, alpha: t });
  return out;
}

/** Bases: circles with area ∝ troops, hollow for zero troops, grey for unknown; HQ rings; highlights. */
export function drawBases(
  ctx: CanvasRenderingContext2D,
  a: MapContent,
  b: MapContent | null,
  t: number,
  proj: Projector,
  opts: DrawMapOptions = {},
): number {
  const k = opts.baseScale ?? 1;
  const list = blendBases(a, b, t).sort(
    (x, y) =>
      Number(x.mark.own) - Number(y.mark.own) ||
      baseRadius(y.troops) - baseRadius(x.troops) ||
      (x.mark.id < y.mark.id ? -1 : 1),
  );
  for (const d of list) {
    const [x, y] = proj(d.mark.lon, d.mark.lat);
    const r = baseRadius(d.troops === null ? null : d.troops) * k;
    ctx.save();
    ctx.globalAlpha = d.alpha;
    ctx.beginPath();
    ctx.arc(x, y, r, 0, Math.PI * 2);
    if (d.troops === null) {
      ctx.fillStyle = UNKNOWN_TROOPS_COLOR;
      ctx.fill();
      ctx.strokeStyle = d.mark.color;
      ctx.lineWidth = 1.5;
    } else if (d.mark.zeroTroops || d.troops < 0.5) {
      ctx.fillStyle = '#ffffff';
      ctx.fill();
      ctx.strokeStyle = d.mark.color;
      ctx.lineWidth = 2;
    } else {
      // Opaque: a base over a coloured cell keeps its own colour.
      ctx.fillStyle = d.mark.color;
      ctx.fill();
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1;
    }
    ctx.stroke();
    if (d.mark.hq > 0) {
      ctx.globalAlpha = d.alpha;
      ctx.beginPath();
      const w = d.mark.hq >= 3 ? 3 : 1.5;
      ctx.arc(x, y, r + 2 + w / 2, 0, Math.PI * 2);
      ctx.strokeStyle = '#0b2545';
      ctx.lineWidth = w;
      ctx.stroke();
    }
    ctx.restore();
  }
  // Highlights on top: a thick ring and the name.
  const labels: { x: number; y: number; r: number; name: string; alpha: number }[] = [];
  for (const d of list) {
    if (!d.mark.highlight) continue;
    const [x, y] = proj(d.mark.lon, d.mark.lat);
    const r = baseRadius(d.troops) * k + 5;
    ctx.save();
    ctx.globalAlpha = d.alpha;
    ctx.beginPath();
    ctx.arc(x, y, r, 0, Math.PI * 2);
    ctx.strokeStyle = 'rgba(255,255,255,0.95)';
    ctx.lineWidth = 6;
    ctx.stroke();
    ctx.strokeStyle = HIGHLIGHT_COLOR;
    ctx.lineWidth = 3;
    ctx.stroke();
    ctx.restore();
    labels.push({ x, y, r, name: d.mark.name, alpha: d.alpha });
  }
  if (opts.baseLabels !== false) {
    for (const l of labels) {
      ctx.save();
      ctx.globalAlpha = l.alpha;
      ctx.font = `700 ${Math.round(15 * Math.max(0.8, k))}px ${opts.fontFamily ?? EXPORT_FONT}`;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.lineJoin = 'round';
      ctx.strokeStyle = 'rgba(255,255,255,0.95)';
      ctx.lineWidth = 4;
      ctx.strokeText(l.name, l.x + l.r + 4, l.y);
      ctx.fillStyle = HIGHLIGHT_COLOR;
      ctx.fillText(l.name, l.x + l.r + 4, l.y);
      ctx.restore();
    }
  }
  return list.length;
}

/**
 * The role, unit-type and contributor markers beside the bases (`roleMarks`, placed with the live
 * map's `ROLE_OFFSETS` around a circle of the export's radius): lettered badges (white bold text
 * on the marker's colour) and the contributors' labels (coloured text with a white halo), a label
 * left out where it would overlap one already drawn (biggest sites first, as on the live map).
 * Returns how many were drawn.
 */
export function drawRoleMarks(
  ctx: CanvasRenderingContext2D,
  marks: readonly RoleMark[],
  proj: Projector,
  opts: DrawMapOptions = {},
): number {
  const k = opts.baseScale ?? 1;
  const font = opts.fontFamily ?? EXPORT_FONT;
  const taken: BBox[] = [];
  let drawn = 0;
  ctx.save();
  ctx.textBaseline = 'middle';
  for (const m of marks) {
    const [cx, cy] = proj(m.lon, m.lat);
    const [dx, dy] = ROLE_OFFSETS[m.kind](baseRadius(m.troops) * k, m.slot);
    const x = cx + dx;
    const y = cy + dy;
    if (m.kind === 'tccLabel') {
      ctx.font = `600 11px ${font}`;
      const w = ctx.measureText(m.text).width;
      const box: BBox = [x, y - 7, x + w, y + 7];
      if (taken.some((t) => overlaps(t, box))) continue;
      taken.push(box);
      ctx.textAlign = 'left';
      ctx.lineJoin = 'round';
      ctx.strokeStyle = 'rgba(255,255,255,0.9)';
      ctx.lineWidth = 3;
      ctx.strokeText(m.text, x, y);
      ctx.fillStyle = m.color;
      ctx.fillText(m.text, x, y);
    } else {
      const size = m.kind === 'unit' ? 10 : 11;
      ctx.font = `700 ${size}px ${font}`;
      const w = ctx.measureText(m.text).width + 4;
      const h = size + 2;
      ctx.fillStyle = m.color;
      ctx.fillRect(x - w / 2, y - h / 2, w, h);
      ctx.textAlign = 'center';
      ctx.fillStyle = '#ffffff';
      ctx.fillText(m.text, x, y);
    }
    drawn++;
  }
  ctx.restore();
  return drawn;
}

/**
 * Town names (dot, name right of it, light halo) of the towns the live map shows at this zoom
 * (their `minZoom` is already decluttered by the data build). Returns how many were drawn.
 */
export function drawPlaces(
  ctx: CanvasRenderingContext2D,
  places: readonly BasemapPlace[],
  proj: Projector,
  zoom: number,
  rect: Rect,
  fontFamily = EXPORT_FONT,
): number {
  let n = 0;
  ctx.save();
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  for (const p of visiblePlaces(places, Math.floor(zoom * 10 + 1e-9) / 10)) {
    const [x, y] = proj(p.lon, p.lat);
    if (x < rect.x - 2 || y < rect.y - 2 || x > rect.x + rect.width || y > rect.y + rect.height)
      continue;
    ctx.beginPath();
    ctx.arc(x, y, 2.5, 0, Math.PI * 2);
    ctx.fillStyle = '#464646';
    ctx.fill();
    ctx.font = `500 ${placeFontSize(p)}px ${fontFamily}`;
    ctx.strokeStyle = 'rgba(250,250,248,0.9)';
    ctx.lineWidth = 3;
    ctx.strokeText(p.name, x + 6, y);
    ctx.fillStyle = '#343434';
    ctx.fillText(p.name, x + 6, y);
    n++;
  }
  ctx.restore();
  return n;
}

const rgba = (c: RGBA): string => `rgba(${c[0]},${c[1]},${c[2]},${(c[3] ?? 255) / 255})`;

/** Degrees of latitude per km on turf's mean Earth radius (a disc's radius on the map). */
const DEG_PER_KM = 180 / (Math.PI * 6371.0088);

/**
 * The coverage view's marks as the live map draws them: translucent X km discs around the bases
 * with troops (radius measured north of the centre on the map's projection, as deck.gl scales
 * metres), then the covered events (small, cyan) and the uncovered ones (larger, magenta) on top.
 */
export function drawCoverage(
  ctx: CanvasRenderingContext2D,
  marks: CoverageMarks,
  proj: Projector,
  fontFamily = EXPORT_FONT,
): number {
  ctx.save();
  const disc = (d: { lon: number; lat: number }, fill: RGBA, line: RGBA, width: number): void => {
    const [x, y] = proj(d.lon, d.lat);
    const [, yn] = proj(d.lon, Math.min(89.9, d.lat + marks.km * DEG_PER_KM));
    ctx.beginPath();
    ctx.arc(x, y, Math.abs(y - yn), 0, Math.PI * 2);
    ctx.fillStyle = rgba(fill);
    ctx.fill();
    ctx.strokeStyle = rgba(line);
    ctx.lineWidth = width;
    ctx.stroke();
  };
  const sites = marks.sites ?? [];
  for (const d of marks.discs) disc(d, REACH_FILL, REACH_LINE, 1.5);
  // The what-if sites' reach, below the events (as the live map's layers).
  for (const s of sites) disc(s, SITE_REACH_FILL, SITE_REACH_LINE, 2);
  const dot = (e: { lon: number; lat: number; best: number }, uncovered: boolean): void => {
    const [x, y] = proj(e.lon, e.lat);
    ctx.beginPath();
    ctx.arc(x, y, eventRadiusPx(e.best, uncovered), 0, Math.PI * 2);
    ctx.fillStyle = uncovered ? UNCOVERED_COLOR : COVERED_COLOR;
    ctx.fill();
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = uncovered ? 2 : 1;
    ctx.stroke();
  };
  for (const e of marks.covered) dot(e, false);
  for (const e of marks.uncovered) dot(e, true);
  // The sites' markers with their rank, on top.
  for (const s of sites) {
    const [x, y] = proj(s.lon, s.lat);
    ctx.beginPath();
    ctx.arc(x, y, SITE_MARKER_PX, 0, Math.PI * 2);
    ctx.fillStyle = SITE_COLOR;
    ctx.fill();
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 2;
    ctx.stroke();
    ctx.fillStyle = '#ffffff';
    ctx.font = `700 ${SITE_RANK_PX}px ${fontFamily}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(String(s.rank), x, y);
  }
  ctx.restore();
  return marks.discs.length + marks.covered.length + marks.uncovered.length + 2 * sites.length;
}

/** New-hotspot stars (black with a white edge, in each cell's north-east quarter). */
export function drawHotspots(
  ctx: CanvasRenderingContext2D,
  gids: readonly number[],
  proj: Projector,
): number {
  ctx.save();
  for (const gid of gids) {
    ctx.beginPath();
    hotspotStar(gid).forEach(([lon, lat], i) => {
      const [x, y] = proj(lon, lat);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.closePath();
    ctx.fillStyle = HOTSPOT_COLOR;
    ctx.fill();
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 1;
    ctx.stroke();
  }
  ctx.restore();
  return gids.length;
}

/** What one map frame shows: a content, optionally fading `t` of the way to the next year's. */
export interface MapFrame {
  content: MapContent;
  next?: MapContent | null;
  t?: number;
  camera: CameraView;
}

/** Counts of what {@link drawMap} drew (for tests and the export log). */
export interface DrawStats {
  cells: number;
  bases: number;
  /** Reach discs and events of the coverage view drawn. */
  coverage: number;
  /** New-hotspot stars drawn. */
  hotspots: number;
  /** Role, unit-type and contributor markers drawn. */
  roles: number;
}

/**
 * Draws a whole map (basemap, no-data hatching, cells, flags, highlighted cells, bases) into
 * `rect`, clipped to it, for the frame's camera.
 */
export function drawMap(
  ctx: CanvasRenderingContext2D,
  countries: readonly PreparedCountry[],
  frame: MapFrame,
  rect: Rect,
  opts: DrawMapOptions = {},
): DrawStats {
  const view = { width: rect.width, height: rect.height };
  const inner = projector(frame.camera, view);
  const proj = ((lon: number, lat: number) => {
    const [x, y] = inner(lon, lat);
    return [x + rect.x, y + rect.y];
  }) as Projector;
  proj.scale = inner.scale;
  const visible = visibleBounds(frame.camera, view);
  const margin: BBox = [visible[0] - 1, visible[1] - 1, visible[2] + 1, visible[3] + 1];
  const t = frame.next ? Math.min(1, Math.max(0, frame.t ?? 0)) : 0;
  const next = frame.next ?? null;
  ctx.save();
  ctx.beginPath();
  ctx.rect(rect.x, rect.y, rect.width, rect.height);
  ctx.clip();
  drawBasemap(ctx, countries, proj, rect, margin);
  const a = frame.content;
  // No-data shading fades with the year it belongs to.
  const both = a.noData.filter((n) => !next || t === 0 || next.noData.includes(n));
  drawNoData(ctx, countries, both, proj);
  drawNoData(
    ctx,
    countries,
    a.noData.filter((n) => !both.includes(n)),
    proj,
    1 - t,
  );
  if (next && t > 0)
    drawNoData(
      ctx,
      countries,
      next.noData.filter((n) => !a.noData.includes(n)),
      proj,
      t,
    );
  const cells = drawCells(ctx, a, next, t, proj);
  const shown = t >= 0.5 && next ? next : a;
  drawFlags(ctx, shown, proj);
  drawHighlightCells(ctx, shown.highlightCells, proj);
  // The coverage marks go above the cells and flags (as the live map's layers); stars on top.
  const coverage = shown.coverage ? drawCoverage(ctx, shown.coverage, proj, opts.fontFamily) : 0;
  const hotspots = shown.hotspots ? drawHotspots(ctx, shown.hotspots, proj) : 0;
  if (opts.places) {
    // A highlighted base's bold name replaces its town's label (never the same name twice).
    const named = opts.baseLabels === false ? [] : shown.bases.filter((b) => b.highlight);
    const places = withoutReplacedPlaces(opts.places, named);
    drawPlaces(ctx, places, proj, frame.camera.zoom, rect, opts.fontFamily);
  }
  const bases = drawBases(ctx, a, next, t, proj, opts);
  const roles = shown.roles ? drawRoleMarks(ctx, shown.roles, proj, opts) : 0;
  ctx.restore();
  return { cells, bases, coverage, hotspots, roles };
}
