/**
 * What every exported image and video frame carries besides the map: title, the year in large
 * type, the caption, the legend (violence classes, no-data hatching, base sizes, highlights, lag
 * flags) and the data attribution. Layout is pure (tested); drawing uses Canvas 2D.
 */
import type { PerpetratorFilter } from '../domain/dataset';
import { CATEGORY_STYLES } from '../map/flagLayers';
import { coverageSection, type CoverageLegendInput } from '../map/coverageLayers';
import {
  legendModel,
  type LegendSection,
  type LegendSymbol,
  type RoleLegendInput,
  worldSection,
} from '../map/legend';
import { baseRadius, violenceLegend } from '../map/scales';
import type { Padding, Viewport } from '../map/camera';
import { EXPORT_FONT, HIGHLIGHT_COLOR, type Rect } from './render2d';

/**
 * Splits `text` into lines no wider than `maxWidth` (as `measure` reports); a word longer than a
 * line gets a line of its own. Explicit newlines are kept.
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    const words = para.split(/\s+/).filter((w) => w.length > 0);
    let line = '';
    for (const w of words) {
      const next = line === '' ? w : `${line} ${w}`;
      if (line !== '' && measure(next) > maxWidth) {
        lines.push(line);
        line = w;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}

/** Where the parts of an export frame go (CSS pixels of the logical frame). */
export interface ExportLayout {
  /** The map fills the frame; the dock and strip cover parts of it. */
  map: Rect;
  /** The panel with title, year, caption and legend. */
  dock: Rect;
  dockSide: 'right' | 'bottom';
  /** The attribution strip along the bottom. */
  strip: Rect;
  /** What the dock and strip cover, for fitting the camera into the rest. */
  padding: Padding;
  /** Type unit: 1 at 1920×1080. */
  unit: number;
}

/**
 * The layout of an export frame: a dock on the right (landscape) or at the bottom (portrait)
 * holding title, year, caption and legend, and an attribution strip along the bottom.
 */
export function exportLayout(view: Viewport): ExportLayout {
  const { width: w, height: h } = view;
  const unit = Math.max(0.45, Math.min(w / 1920, h / 1080));
  const stripH = Math.round(34 * unit);
  const margin = Math.round(16 * unit);
  if (w >= h) {
    const dockW = Math.round(Math.min(Math.max(w * 0.3, 300), 640 * Math.max(1, unit)));
    const dock = { x: w - dockW, y: 0, width: dockW, height: h - stripH };
    return {
      map: { x: 0, y: 0, width: w, height: h },
      dock,
      dockSide: 'right',
      strip: { x: 0, y: h - stripH, width: w, height: stripH },
      padding: { top: margin, right: dockW + margin, bottom: stripH + margin, left: margin },
      unit,
    };
  }
  const dockH = Math.round(Math.max(h * 0.36, 260 * unit));
  return {
    map: { x: 0, y: 0, width: w, height: h },
    dock: { x: 0, y: h - stripH - dockH, width: w, height: dockH },
    dockSide: 'bottom',
    strip: { x: 0, y: h - stripH, width: w, height: stripH },
    padding: { top: margin, right: margin, bottom: dockH + stripH + margin, left: margin },
    unit,
  };
}

/** What the legend of an export shows (turned into the one legend model by {@link legendSections}). */
export interface LegendSpec {
  perpetrator: PerpetratorFilter;
  violence: boolean;
  noData: boolean;
  bases: boolean;
  highlights: boolean;
  flags: boolean;
  /** A drawn flag may have begun before the first analysed year (adds the "‹" key). */
  censored?: boolean;
  /** The onset years of such flags (named in the "‹" key). */
  censoredYears?: readonly number[];
  /** Base change markers are drawn (adds their key). */
  changes?: boolean;
  /** The period shown ("2017", "March 2017"); omitted on multi-year sheets. */
  period?: string;
  /** The year of the flags. */
  year?: number;
  /** Other missions drawn beside this one, with their colours. */
  others?: readonly { id: string; color: string }[];
  /** Deployment role / unit / contributor layers drawn (omitted: the default base key). */
  roles?: RoleLegendInput;
  /** Base radius multiplier of the map (the key uses the same). */
  baseScale?: number;
  mission: string;
  /** The coverage key's figures while the coverage marks are drawn (as the live legend). */
  coverage?: CoverageLegendInput | null;
  /** The new-hotspots key while the stars are drawn. */
  hotspots?: { year: number; theta: number; count: number | null } | null;
  /** The World view: the missions drawn with their colours (the live legend's list). */
  world?: readonly { id: string; color: string }[];
}

/** The legend model of an export: the same sections the live map's legend shows. */
export function legendSections(spec: LegendSpec): LegendSection[] {
  const censored = spec.censored ? (spec.censoredYears ?? []) : [];
  const sections = legendModel({
    period: spec.period ?? '',
    perpetrator: spec.perpetrator,
    layers: {
      violence: spec.violence,
      noData: true,
      bases: spec.bases,
      changes: spec.changes ?? false,
      flags: spec.flags,
    },
    noData: spec.noData,
    mission: spec.mission,
    others: spec.others ?? [],
    flags: spec.flags
      ? {
          year: spec.year ?? 0,
          censored: { count: spec.censored ? Math.max(1, censored.length) : 0, years: censored },
          notComputed: false,
        }
      : null,
    highlights: spec.highlights,
    coverage: spec.coverage ? coverageSection(spec.coverage) : null,
    hotspots: spec.hotspots ?? null,
    ...(spec.roles ? { roles: spec.roles } : {}),
  });
  if (spec.world && spec.world.length > 0) sections.push(worldSection(spec.year ?? 0, spec.world));
  // A sheet of many years names no single year in its titles.
  return sections.map((sec) =>
    sec.id === 'flags' && spec.year === undefined
      ? { ...sec, title: 'Lag flags' }
      : sec.id === 'violence' && spec.period === undefined
        ? { ...sec, title: 'Civilians killed per cell-year' }
        : sec,
  );
}

function font(px: number, weight = 400): string {
  return `${weight} ${Math.round(px)}px ${EXPORT_FONT}`;
}

/** Draws (or, with `ctx` null, only measures) one entry's symbol in a 26×20-unit box. */
function drawSymbol(
  ctx: CanvasRenderingContext2D,
  symbol: LegendSymbol,
  x: number,
  y: number,
  u: number,
  baseScale: number,
): void {
  const cx = x + 13 * u;
  const cy = y + 10 * u;
  const circle = (r: number): void => {
    ctx.beginPath();
    ctx.arc(cx, cy, r, 0, Math.PI * 2);
  };
  switch (symbol.kind) {
    case 'swatch':
      ctx.fillStyle = symbol.color;
      ctx.fillRect(x, y, 26 * u, 20 * u);
      return;
    case 'noData': {
      const w = 32 * u;
      const s = 20 * u;
      ctx.fillStyle = 'rgba(154,154,154,0.6)';
      ctx.fillRect(x, y, w, s);
      ctx.save();
      ctx.beginPath();
      ctx.rect(x, y, w, s);
      ctx.clip();
      ctx.strokeStyle = 'rgba(70,70,70,0.7)';
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (let d = -s; d < w; d += 6 * u) {
        ctx.moveTo(x + d, y + s);
        ctx.lineTo(x + d + s, y);
      }
      ctx.stroke();
      ctx.restore();
      return;
    }
    case 'base':
      circle(5 * baseScale);
      ctx.fillStyle = symbol.fill;
      ctx.fill();
      ctx.strokeStyle = symbol.stroke;
      ctx.lineWidth = symbol.strokeWidth;
      ctx.stroke();
      return;
    case 'hq':
      circle(4 * baseScale);
      ctx.fillStyle = symbol.color;
      ctx.fill();
      circle(7 * baseScale);
      ctx.strokeStyle = '#0b2545';
      ctx.lineWidth = 2.5;
      ctx.stroke();
      return;
    case 'mission':
      circle(6 * u);
      ctx.fillStyle = symbol.color;
      ctx.fill();
      return;
    case 'change':
      if (symbol.change === 'NEW' || symbol.change === 'CLOSED') {
        circle(7 * u);
        ctx.save();
        if (symbol.change === 'CLOSED') ctx.setLineDash([2 * u, 2 * u]);
        ctx.strokeStyle = symbol.color;
        ctx.lineWidth = symbol.change === 'NEW' ? 2.5 * u : 1.5 * u;
        ctx.stroke();
        ctx.restore();
      } else {
        ctx.fillStyle = symbol.color;
        ctx.font = font(17 * u, 700);
        ctx.fillText(symbol.glyph, x + 6 * u, y + 1 * u);
      }
      return;
    case 'flag': {
      const st = CATEGORY_STYLES[symbol.category];
      ctx.save();
      if (st.dashes > 0)
        ctx.setLineDash([((8 * u) / st.dashes) * 2, ((8 * u) / st.dashes) * 2 * st.gap]);
      ctx.strokeStyle = st.color;
      ctx.lineWidth = st.widthPx;
      ctx.strokeRect(x + 2, y + 2, 22 * u, 16 * u);
      ctx.restore();
      return;
    }
    case 'censored':
      ctx.strokeStyle = '#333';
      ctx.lineWidth = 2.5 * u;
      ctx.beginPath();
      ctx.moveTo(x + 16 * u, y + 3 * u);
      ctx.lineTo(x + 9 * u, y + 10 * u);
      ctx.lineTo(x + 16 * u, y + 17 * u);
      ctx.stroke();
      return;
    case 'hotspot': {
      const pts = [
        [9, 1],
        [11, 7],
        [17, 9],
        [11, 11],
        [9, 17],
        [7, 11],
        [1, 9],
        [7, 7],
      ];
      ctx.beginPath();
      pts.forEach(([px, py], k) =>
        k === 0 ? ctx.moveTo(x + px! * u, y + py! * u) : ctx.lineTo(x + px! * u, y + py! * u),
      );
      ctx.closePath();
      ctx.fillStyle = symbol.color;
      ctx.fill();
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 1;
      ctx.stroke();
      return;
    }
    case 'highlight':
      circle(9 * u);
      ctx.strokeStyle = HIGHLIGHT_COLOR;
      ctx.lineWidth = 3;
      ctx.stroke();
      return;
    case 'badge': {
      ctx.font = font(11 * u, 700);
      const w = Math.max(14 * u, ctx.measureText(symbol.text).width + 6 * u);
      ctx.fillStyle = symbol.color;
      ctx.fillRect(cx - w / 2, cy - 7 * u, w, 14 * u);
      ctx.fillStyle = '#ffffff';
      ctx.textAlign = 'center';
      ctx.fillText(symbol.text, cx, cy - 6 * u);
      ctx.textAlign = 'left';
      return;
    }
    case 'sizes':
      return; // drawn by the caller (it has its own row)
  }
}

/** Rows of the violence classes in a legend `width` wide: two when one row would cramp the labels. */
export function legendClassRows(width: number, u: number): 1 | 2 {
  return width / violenceLegend().length < 58 * u ? 2 : 1;
}

/**
 * Lays out the sections top-down from (x, y), `width` wide, type scaled by `u`; draws them when
 * `ctx` is given. Returns the height used — the same whether drawing or measuring.
 */
function layoutLegend(
  ctx: CanvasRenderingContext2D | null,
  sections: readonly LegendSection[],
  x: number,
  y: number,
  width: number,
  u: number,
  baseScale: number,
): number {
  let cy = y;
  const text = (
    s: string,
    px: number,
    weight: number,
    color: string,
    tx: number,
    ty: number,
    w: number,
  ) => {
    if (!ctx) return;
    ctx.fillStyle = color;
    ctx.font = font(px, weight);
    ctx.fillText(s, tx, ty, w);
  };
  ctx?.save();
  if (ctx) {
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
  }
  sections.forEach((sec, i) => {
    if (i > 0) cy += 8 * u;
    const single = sec.entries.length === 1 && sec.notes.length === 0 && !sec.subtitle;
    if (!single) {
      text(sec.title, 17 * u, 700, '#111', x, cy, width);
      cy += 22 * u;
      if (sec.subtitle) {
        text(sec.subtitle, 15 * u, 600, '#333', x, cy, width);
        cy += 22 * u;
      }
    }
    if (sec.layout === 'scale') {
      const rows = legendClassRows(width, u);
      const perRow = Math.ceil(sec.entries.length / rows);
      const sw = width / perRow;
      sec.entries.forEach((e, k) => {
        const top = cy + Math.floor(k / perRow) * 46 * u;
        const left = x + (k % perRow) * sw;
        if (ctx && e.symbol.kind === 'swatch') {
          ctx.fillStyle = e.symbol.color;
          ctx.fillRect(left, top, sw - 2 * u, 20 * u);
        }
        text(e.label, 13.5 * u, 400, '#222', left, top + 24 * u, sw - 2 * u);
      });
      cy += rows * 46 * u;
    } else {
      for (const e of sec.entries) {
        if (e.symbol.kind === 'sizes') {
          const rMax = baseRadius(e.symbol.troops[e.symbol.troops.length - 1] ?? 3000) * baseScale;
          const mid = cy + rMax;
          let sx = x;
          for (const troops of e.symbol.troops) {
            const r = baseRadius(troops) * baseScale;
            const label = troops.toLocaleString('en-US');
            if (ctx) {
              ctx.beginPath();
              ctx.arc(sx + r, mid, r, 0, Math.PI * 2);
              ctx.fillStyle = e.symbol.color;
              ctx.fill();
              ctx.strokeStyle = '#fff';
              ctx.lineWidth = 1;
              ctx.stroke();
            }
            text(label, 13.5 * u, 400, '#222', sx, mid + rMax + 4 * u, 80 * u);
            sx += Math.max(2 * r, (ctx?.measureText(label).width ?? 0) + 0) + 14 * u;
          }
          text(e.label, 13.5 * u, 400, '#222', sx, mid - 8 * u, Math.max(0, x + width - sx));
          cy += 2 * rMax + 26 * u;
          continue;
        }
        if (ctx) drawSymbol(ctx, e.symbol, x, cy, u, baseScale);
        const label = e.detail !== undefined ? `${e.label} · ${e.detail}` : e.label;
        text(label, 14.5 * u, 400, '#222', x + 38 * u, cy + 2 * u, width - 40 * u);
        cy += 24 * u;
      }
    }
    for (const n of sec.notes) {
      text(n, 13.5 * u, 400, '#444', x, cy, width);
      cy += 22 * u;
    }
  });
  ctx?.restore();
  return cy - y;
}

/**
 * Draws the legend (the sections of {@link legendSections}) with its top-left at (x, y), `width`
 * wide, type scaled by `u`; returns the height used.
 */
export function drawLegend(
  ctx: CanvasRenderingContext2D,
  spec: LegendSpec,
  x: number,
  y: number,
  width: number,
  u: number,
): number {
  return layoutLegend(ctx, legendSections(spec), x, y, width, u, spec.baseScale ?? 1);
}

/** The height {@link drawLegend} uses for a spec `width` wide at type unit `u`. */
export function legendHeight(spec: LegendSpec, width: number, u: number): number {
  return layoutLegend(null, legendSections(spec), 0, 0, width, u, spec.baseScale ?? 1);
}

/**
 * The fill of the export's panels (dock and attribution strip): fully opaque, so no map pixel
 * (a country or town name, a cell) ever shows through the title, caption or legend.
 */
export const PANEL_FILL = '#ffffff';

/** Texts stamped on an export frame. */
export interface OverlayText {
  title: string;
  /** A line under the title (mission, scene n of N, …). */
  subtitle?: string | null;
  /** The year (or "2014–2016"), drawn large. */
  year: string;
  caption?: string | null;
  attribution: string;
}

/**
 * Draws the dock (title, year, caption, legend) and the attribution strip of `layout` over the
 * map. Caption text that does not fit is cut with an ellipsis, never drawn over the legend.
 */
export function drawOverlay(
  ctx: CanvasRenderingContext2D,
  layout: ExportLayout,
  text: OverlayText,
  legend: LegendSpec,
): void {
  const u = layout.unit;
  const d = layout.dock;
  const pad = 28 * u;
  ctx.save();
  // Dock: opaque, over whatever the map drew there.
  ctx.globalAlpha = 1;
  ctx.globalCompositeOperation = 'source-over';
  ctx.fillStyle = PANEL_FILL;
  ctx.fillRect(d.x, d.y, d.width, d.height);
  ctx.fillStyle = '#0b2545';
  if (layout.dockSide === 'right') ctx.fillRect(d.x, d.y, 4 * u, d.height);
  else ctx.fillRect(d.x, d.y, d.width, 4 * u);
  const x = d.x + pad;
  const w = d.width - 2 * pad;
  let y = d.y + pad;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  // Legend height first (it is anchored at the bottom of the dock).
  const legendH = legendHeight(legend, w, u);
  const legendY = d.y + d.height - pad - legendH;
  ctx.fillStyle = '#111';
  ctx.font = font(27 * u, 700);
  for (const line of wrapText(text.title, w, (s) => ctx.measureText(s).width).slice(0, 3)) {
    ctx.fillText(line, x, y);
    y += 34 * u;
  }
  if (text.subtitle) {
    ctx.fillStyle = '#444';
    ctx.font = font(18 * u);
    for (const line of wrapText(text.subtitle, w, (s) => ctx.measureText(s).width).slice(0, 2)) {
      ctx.fillText(line, x, y + 2 * u, w);
      y += 24 * u;
    }
    y += 4 * u;
  }
  ctx.fillStyle = '#0b2545';
  ctx.font = font(76 * u, 800);
  ctx.fillText(text.year, x, y + 4 * u, w);
  y += 92 * u;
  if (text.caption) {
    ctx.fillStyle = '#111';
    const size = 23 * u;
    ctx.font = font(size);
    const lh = size * 1.38;
    const lines = wrapText(text.caption, w, (s) => ctx.measureText(s).width);
    const room = Math.max(0, Math.floor((legendY - 16 * u - y) / lh));
    const shown = lines.slice(0, room);
    if (lines.length > room && shown.length > 0)
      shown[shown.length - 1] = `${shown[shown.length - 1]} …`;
    for (const line of shown) {
      ctx.fillText(line, x, y);
      y += lh;
    }
  }
  drawLegend(ctx, legend, x, legendY, w, u);
  // Attribution strip.
  const s = layout.strip;
  ctx.fillStyle = PANEL_FILL;
  ctx.fillRect(s.x, s.y, s.width, s.height);
  ctx.fillStyle = '#333';
  ctx.font = font(15 * u);
  ctx.textBaseline = 'middle';
  ctx.fillText(text.attribution, s.x + 14 * u, s.y + s.height / 2, s.width - 28 * u);
  ctx.restore();
}
