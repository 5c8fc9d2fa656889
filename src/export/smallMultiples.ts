/**
 * Small multiples: one small map per year of a mission (violence cells and bases) on a grid, with
 * one shared colour scale, one base-size key and one legend, like the yearly panel figure of the
 * research brief. Layout is pure; drawing is Canvas 2D, so the figure is deterministic and
 * exports as one PNG.
 */
import { worldPx } from '../domain/basemap';
import type { Dataset, PerpetratorFilter } from '../domain/dataset';
import {
  FALLBACK_BBOX,
  fitCamera,
  FIT_MARGIN_DEG,
  unionBBox,
  type BBox,
  type Viewport,
} from '../map/camera';
import { mapContent, type MapContent } from './content';
import { attributionText } from './attribution';
import { drawLegend, PANEL_FILL, wrapText, type LegendSpec } from './overlay';
import { sheetCaption } from './viewCaption';
import { drawMap, EXPORT_FONT, type PreparedCountry, type Rect } from './render2d';

/** Where the parts of a small-multiples figure go. */
export interface SmallMultiplesLayout {
  cols: number;
  rows: number;
  /** One rectangle per panel, row by row. */
  panels: Rect[];
  header: Rect;
  /** The legend column on the right. */
  legend: Rect;
  footer: Rect;
  /** Type unit (1 at 1920×1080). */
  unit: number;
}

/** Options of {@link smallMultiplesLayout}. */
export interface LayoutOptions {
  /** Width / height of one panel's map (the mission box's aspect in Web Mercator). */
  aspect: number;
  gap?: number;
}

/**
 * Lays out `n` panels of a given aspect ratio: a title band on top, a legend column on the
 * right, the attribution along the bottom, and the grid (the column count that makes panels
 * largest) in the rest. Panels never overlap and stay inside the figure.
 */
export function smallMultiplesLayout(
  n: number,
  view: Viewport,
  opts: LayoutOptions,
): SmallMultiplesLayout {
  const unit = Math.max(0.4, Math.min(view.width / 1920, view.height / 1080));
  const gap = (opts.gap ?? 14) * unit;
  const headerH = 128 * unit;
  const footerH = 34 * unit;
  const legendW = Math.round(Math.max(260, 400 * unit));
  const grid: Rect = {
    x: gap,
    y: headerH,
    width: Math.max(1, view.width - legendW - 2 * gap),
    height: Math.max(1, view.height - headerH - footerH - gap),
  };
  const aspect = opts.aspect > 0 && Number.isFinite(opts.aspect) ? opts.aspect : 1.4;
  const count = Math.max(1, n);
  let best = { cols: 1, rows: count, w: 0, h: 0 };
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const cw = (grid.width - (cols - 1) * gap) / cols;
    const ch = (grid.height - (rows - 1) * gap) / rows;
    const w = Math.min(cw, ch * aspect);
    if (w > best.w + 1e-9) best = { cols, rows, w, h: w / aspect };
  }
  const { cols, rows, w, h } = best;
  const usedW = cols * w + (cols - 1) * gap;
  const usedH = rows * h + (rows - 1) * gap;
  const x0 = grid.x + (grid.width - usedW) / 2;
  const y0 = grid.y + (grid.height - usedH) / 2;
  const panels: Rect[] = [];
  for (let i = 0; i < n; i++) {
    const r = Math.floor(i / cols);
    const c = i % cols;
    panels.push({ x: x0 + c * (w + gap), y: y0 + r * (h + gap), width: w, height: h });
  }
  return {
    cols,
    rows,
    panels,
    header: { x: 0, y: 0, width: view.width, height: headerH },
    legend: { x: view.width - legendW, y: headerH, width: legendW - gap, height: grid.height },
    footer: { x: 0, y: view.height - footerH, width: view.width, height: footerH },
    unit,
  };
}

/** Width / height of a lon/lat box in Web Mercator (with the fit margin). */
export function mercatorAspect(bbox: BBox, marginDeg = FIT_MARGIN_DEG): number {
  const [w, s, e, n] = bbox;
  const [x1, y1] = worldPx(w - marginDeg, n + marginDeg);
  const [x2, y2] = worldPx(e + marginDeg, s - marginDeg);
  return Math.max(1e-6, x2 - x1) / Math.max(1e-6, y2 - y1);
}

/**
 * The box every panel shows: the mission's bases together with its host countries (so that a
 * country is not cut off where it has no base).
 */
export function frameBox(
  missionBox: BBox | null,
  hostCountries: readonly string[],
  countries: readonly PreparedCountry[],
): BBox {
  const boxes = countries.filter((c) => hostCountries.includes(c.name)).map((c) => c.bbox);
  if (missionBox) boxes.push(missionBox);
  return unionBBox(boxes) ?? [...FALLBACK_BBOX];
}

/** What to draw. */
export interface SmallMultiplesInput {
  dataset: Dataset;
  countries: readonly PreparedCountry[];
  mission: string;
  perpetrator: PerpetratorFilter;
  /** Years to show (default: all the mission's years). */
  years?: readonly number[];
  /** Figure size in CSS px (the canvas may be scaled for 2×). */
  width: number;
  height: number;
  title?: string;
  /** The sheet's caption (default: its key figures, {@link sheetCaption}). */
  caption?: string;
}

/** What was drawn, per panel. */
export interface SmallMultiplesResult {
  layout: SmallMultiplesLayout;
  panels: {
    year: number;
    hasData: boolean;
    cells: number;
    bases: number;
    fatalities: number | null;
    troops: number;
  }[];
  baseScale: number;
  /** The caption drawn under the title. */
  caption: string;
}

/** Shared base-circle scale for panels `panelWidth` px wide (the legend uses the same). */
export function panelBaseScale(panelWidth: number): number {
  return Math.min(1, Math.max(0.35, panelWidth / 700));
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Draws the small multiples of a mission into `ctx` (CSS px; scale the context for 2×). Years
 * without violence data are hatched and labelled "no violence data", never drawn as zero.
 */
export function drawSmallMultiples(
  ctx: CanvasRenderingContext2D,
  input: SmallMultiplesInput,
): SmallMultiplesResult {
  const mission = input.dataset.missions.find((m) => m.id === input.mission);
  const years = [...(input.years ?? mission?.years ?? [])];
  const bbox = frameBox(mission?.bbox ?? null, mission?.countries ?? [], input.countries);
  const view = { width: input.width, height: input.height };
  const layout = smallMultiplesLayout(years.length, view, { aspect: mercatorAspect(bbox, 0.3) });
  const u = layout.unit;
  const panelW = layout.panels[0]?.width ?? 300;
  const baseScale = panelBaseScale(panelW);

  // Every year's content first: the caption under the title sums them.
  const contents: MapContent[] = years.map((year) =>
    mapContent(input.dataset, { mission: input.mission, year, perpetrator: input.perpetrator }),
  );
  const figures = contents.map((content) => ({
    year: content.year,
    fatalities: content.hasData ? content.cells.reduce((s, c) => s + c.value, 0) : null,
    troops: content.bases.filter((b) => b.own).reduce((s, b) => s + (b.troops ?? 0), 0),
  }));
  const caption = input.caption ?? sheetCaption(input.mission, input.perpetrator, figures);

  ctx.save();
  ctx.globalAlpha = 1;
  ctx.fillStyle = PANEL_FILL;
  ctx.fillRect(0, 0, input.width, input.height);
  // Header.
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillStyle = '#111';
  ctx.font = `700 ${Math.round(32 * u)}px ${EXPORT_FONT}`;
  const first = years[0];
  const last = years[years.length - 1];
  const range = first === undefined ? '' : first === last ? ` ${first}` : ` ${first}–${last}`;
  ctx.fillText(
    input.title ?? `${input.mission}${range}: one-sided violence and peacekeeping bases by year`,
    14 * u,
    18 * u,
    input.width - 28 * u,
  );
  ctx.fillStyle = '#444';
  ctx.font = `400 ${Math.round(18 * u)}px ${EXPORT_FONT}`;
  ctx.fillText(
    `${mission?.countries.join(', ') ?? ''} · same colour scale and base sizes in every panel`,
    14 * u,
    60 * u,
    input.width - 28 * u,
  );
  ctx.fillStyle = '#111';
  ctx.font = `400 ${Math.round(17 * u)}px ${EXPORT_FONT}`;
  const capLines = wrapText(caption, input.width - 28 * u, (t) => ctx.measureText(t).width);
  capLines.slice(0, 2).forEach((line, k) => {
    const last = k === 1 && capLines.length > 2;
    ctx.fillText(last ? `${line} …` : line, 14 * u, 86 * u + k * 20 * u, input.width - 28 * u);
  });

  const panels: SmallMultiplesResult['panels'] = [];
  let anyNoData = false;
  years.forEach((year, i) => {
    const rect = layout.panels[i]!;
    const content = contents[i]!;
    const camera = fitCamera(bbox, rect, undefined, { maxZoom: 12, marginDeg: 0.3 });
    const stats = drawMap(ctx, input.countries, { content, camera }, rect, {
      baseScale,
      baseLabels: false,
    });
    ctx.strokeStyle = '#9aa4ae';
    ctx.lineWidth = 1;
    ctx.strokeRect(rect.x + 0.5, rect.y + 0.5, rect.width - 1, rect.height - 1);
    const { fatalities, troops } = figures[i]!;
    // Year label and figures.
    const label = String(year);
    ctx.font = `800 ${Math.round(30 * u)}px ${EXPORT_FONT}`;
    const lw = ctx.measureText(label).width;
    ctx.fillStyle = PANEL_FILL;
    ctx.fillRect(rect.x + 6 * u, rect.y + 6 * u, lw + 16 * u, 40 * u);
    ctx.fillStyle = '#0b2545';
    ctx.textBaseline = 'top';
    ctx.fillText(label, rect.x + 14 * u, rect.y + 11 * u);
    const line = `${fatalities === null ? 'no violence data' : `${fmt(fatalities)} killed`} · ${fmt(troops)} troops`;
    ctx.font = `600 ${Math.round(15 * u)}px ${EXPORT_FONT}`;
    const fw = ctx.measureText(line).width;
    ctx.fillStyle = PANEL_FILL;
    ctx.fillRect(rect.x + 6 * u, rect.y + rect.height - 30 * u, fw + 16 * u, 24 * u);
    ctx.fillStyle = fatalities === null ? '#5a5a5a' : '#222';
    ctx.fillText(line, rect.x + 14 * u, rect.y + rect.height - 26 * u);
    if (!content.hasData) {
      anyNoData = true;
      const text = 'no violence data';
      ctx.font = `800 ${Math.round(22 * u)}px ${EXPORT_FONT}`;
      const tw = ctx.measureText(text).width;
      const cx = rect.x + rect.width / 2;
      const cy = rect.y + rect.height / 2;
      ctx.fillStyle = PANEL_FILL;
      ctx.fillRect(cx - tw / 2 - 12 * u, cy - 18 * u, tw + 24 * u, 36 * u);
      ctx.strokeStyle = '#5a5a5a';
      ctx.lineWidth = 1.5;
      ctx.strokeRect(cx - tw / 2 - 12 * u, cy - 18 * u, tw + 24 * u, 36 * u);
      ctx.fillStyle = '#333';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(text, cx, cy);
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
    }
    panels.push({
      year,
      hasData: content.hasData,
      cells: stats.cells,
      bases: stats.bases,
      fatalities,
      troops,
    });
  });

  // Legend column and footer on opaque panels (nothing of a map is ever under them).
  const L = layout.legend;
  ctx.fillStyle = PANEL_FILL;
  ctx.fillRect(L.x, L.y, input.width - L.x, L.height);
  ctx.fillRect(layout.footer.x, layout.footer.y, layout.footer.width, layout.footer.height);
  const spec: LegendSpec = {
    perpetrator: input.perpetrator,
    violence: true,
    noData: anyNoData,
    bases: true,
    highlights: false,
    flags: false,
    baseScale,
    mission: input.mission,
  };
  const lx = L.x + 12 * u;
  const lw = L.width - 24 * u;
  ctx.fillStyle = '#111';
  ctx.font = `700 ${Math.round(20 * u)}px ${EXPORT_FONT}`;
  ctx.fillText('Legend', lx, L.y + 4 * u);
  const used = drawLegend(ctx, spec, lx, L.y + 40 * u, lw, u);
  ctx.fillStyle = '#444';
  ctx.font = `400 ${Math.round(14.5 * u)}px ${EXPORT_FONT}`;
  let ny = L.y + 40 * u + used + 12 * u;
  const note =
    'Cells: PRIO-GRID 0.5° (about 55 km). Bases: Geo-PKO locations with their yearly troop figures; bases are not patrols, and temporary operating bases are not shown.';
  for (const s of wrapText(note, lw, (t) => ctx.measureText(t).width)) {
    ctx.fillText(s, lx, ny);
    ny += 20 * u;
  }
  // Footer.
  const F = layout.footer;
  ctx.fillStyle = '#333';
  ctx.font = `400 ${Math.round(15 * u)}px ${EXPORT_FONT}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(
    attributionText(input.dataset.coverage),
    14 * u,
    F.y + F.height / 2,
    F.width - 28 * u,
  );
  ctx.restore();
  return { layout, panels, baseScale, caption };
}
