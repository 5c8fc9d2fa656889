/**
 * What every exported image and video frame carries besides the map: title, the year in large
 * type, the caption, the legend (violence classes, no-data hatching, base sizes, highlights, lag
 * flags) and the data attribution. Layout is pure (tested); drawing uses Canvas 2D.
 */
import type { PerpetratorFilter } from '../domain/dataset';
import { CATEGORY_STYLES } from '../map/flagLayers';
import { BASE_SIZE_KEY, MISSION_COLOR, baseRadius, violenceLegend } from '../map/scales';
import type { Padding, Viewport } from '../map/camera';
import { PERPETRATOR_LABELS } from '../domain/perpetrator';
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

/** What the legend shows. */
export interface LegendSpec {
  perpetrator: PerpetratorFilter;
  violence: boolean;
  noData: boolean;
  bases: boolean;
  highlights: boolean;
  flags: boolean;
  /** A drawn flag may have begun before the first analysed year (adds the "‹" key). */
  censored?: boolean;
  /** Base radius multiplier of the map (the key uses the same). */
  baseScale?: number;
  mission: string;
}

function font(px: number, weight = 400): string {
  return `${weight} ${Math.round(px)}px ${EXPORT_FONT}`;
}

/**
 * Draws the legend with its top-left at (x, y), `width` wide, type scaled by `u`; returns the
 * height used.
 */
export function drawLegend(
  ctx: CanvasRenderingContext2D,
  spec: LegendSpec,
  x: number,
  y: number,
  width: number,
  u: number,
): number {
  let cy = y;
  ctx.save();
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillStyle = '#111';
  if (spec.violence) {
    ctx.font = font(17 * u, 700);
    ctx.fillText('Civilians killed per 55 km cell', x, cy, width);
    cy += 22 * u;
    ctx.font = font(15 * u, 600);
    ctx.fillStyle = '#333';
    ctx.fillText(`${PERPETRATOR_LABELS[spec.perpetrator]}, one-sided violence`, x, cy, width);
    cy += 24 * u;
    const classes = violenceLegend();
    const rows = legendClassRows(width, u);
    const perRow = Math.ceil(classes.length / rows);
    const sw = width / perRow;
    classes.forEach((c, i) => {
      const col = i % perRow;
      const row = Math.floor(i / perRow);
      const top = cy + row * 46 * u;
      ctx.fillStyle = c.color;
      ctx.fillRect(x + col * sw, top, sw - 2 * u, 20 * u);
      ctx.fillStyle = '#222';
      ctx.font = font(13.5 * u);
      ctx.fillText(c.label, x + col * sw, top + 24 * u, sw - 2 * u);
    });
    cy += rows * 46 * u;
    ctx.fillStyle = '#444';
    ctx.font = font(13.5 * u);
    ctx.fillText('UCDP best estimate · no fill: none recorded', x, cy, width);
    cy += 24 * u;
  }
  if (spec.noData) {
    const s = 20 * u;
    ctx.fillStyle = 'rgba(154,154,154,0.6)';
    ctx.fillRect(x, cy, s * 1.6, s);
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, cy, s * 1.6, s);
    ctx.clip();
    ctx.strokeStyle = 'rgba(70,70,70,0.7)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let d = -s; d < s * 1.6; d += 6 * u) {
      ctx.moveTo(x + d, cy + s);
      ctx.lineTo(x + d + s, cy);
    }
    ctx.stroke();
    ctx.restore();
    ctx.fillStyle = '#111';
    ctx.font = font(15 * u, 600);
    ctx.fillText(
      'No violence data loaded (not zero)',
      x + s * 1.6 + 10 * u,
      cy + 2 * u,
      width - s * 2,
    );
    cy += 30 * u;
  }
  if (spec.bases) {
    const k = spec.baseScale ?? 1;
    ctx.fillStyle = '#111';
    ctx.font = font(17 * u, 700);
    ctx.fillText(`${spec.mission} bases · circle area ∝ troops`, x, cy, width);
    cy += 26 * u;
    const rMax = baseRadius(BASE_SIZE_KEY[BASE_SIZE_KEY.length - 1]!) * k;
    let cx = x;
    const mid = cy + rMax;
    for (const troops of BASE_SIZE_KEY) {
      const r = baseRadius(troops) * k;
      ctx.beginPath();
      ctx.arc(cx + r, mid, r, 0, Math.PI * 2);
      ctx.fillStyle = 'rgba(31,95,168,0.67)';
      ctx.fill();
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 1;
      ctx.stroke();
      ctx.fillStyle = '#222';
      ctx.font = font(13.5 * u);
      const label = troops.toLocaleString('en-US');
      ctx.fillText(label, cx, mid + rMax + 4 * u);
      cx += Math.max(2 * r, ctx.measureText(label).width) + 14 * u;
    }
    // Zero-troop ring.
    const r0 = 5 * k;
    ctx.beginPath();
    ctx.arc(cx + r0 + 4 * u, mid, r0, 0, Math.PI * 2);
    ctx.strokeStyle = MISSION_COLOR;
    ctx.lineWidth = 2;
    ctx.stroke();
    ctx.fillStyle = '#222';
    ctx.font = font(13.5 * u);
    ctx.fillText('no troops', cx, mid + rMax + 4 * u);
    cy += 2 * rMax + 26 * u;
  }
  if (spec.highlights) {
    const r = 9 * u;
    ctx.beginPath();
    ctx.arc(x + r + 2, cy + r, r, 0, Math.PI * 2);
    ctx.strokeStyle = HIGHLIGHT_COLOR;
    ctx.lineWidth = 3;
    ctx.stroke();
    ctx.fillStyle = '#111';
    ctx.font = font(15 * u);
    ctx.fillText('Highlighted in this scene', x + 2 * r + 12 * u, cy + 2 * u, width);
    cy += 2 * r + 10 * u;
  }
  if (spec.flags) {
    ctx.fillStyle = '#111';
    ctx.font = font(17 * u, 700);
    ctx.fillText('Lag flags (cell outlines)', x, cy, width);
    cy += 24 * u;
    const items: [keyof typeof CATEGORY_STYLES, string][] = [
      ['NOT_RESPONDED', 'no response'],
      ['PRESENT_NOT_STRENGTHENED', 'present, not strengthened'],
      ['RESPONDED_LATE', 'responded late'],
    ];
    for (const [cat, label] of items) {
      const st = CATEGORY_STYLES[cat];
      ctx.save();
      if (st.dashes > 0)
        ctx.setLineDash([((8 * u) / st.dashes) * 2, ((8 * u) / st.dashes) * 2 * st.gap]);
      ctx.strokeStyle = st.color;
      ctx.lineWidth = st.widthPx;
      ctx.strokeRect(x + 2, cy + 2, 26 * u, 16 * u);
      ctx.restore();
      ctx.fillStyle = '#222';
      ctx.font = font(14.5 * u);
      ctx.fillText(label, x + 38 * u, cy + 2 * u, width - 40 * u);
      cy += 24 * u;
    }
    if (spec.censored) {
      ctx.fillStyle = '#222';
      ctx.font = font(14.5 * u);
      ctx.fillText('‹ inside: may have begun before the first year analysed', x, cy + 2 * u, width);
      cy += 24 * u;
    }
  }
  ctx.restore();
  return cy - y;
}

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
  // Dock.
  ctx.fillStyle = 'rgba(255,255,255,0.96)';
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
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.fillRect(s.x, s.y, s.width, s.height);
  ctx.fillStyle = '#333';
  ctx.font = font(15 * u);
  ctx.textBaseline = 'middle';
  ctx.fillText(text.attribution, s.x + 14 * u, s.y + s.height / 2, s.width - 28 * u);
  ctx.restore();
}

/** Rows of the violence classes in a legend `width` wide: two when one row would cramp the labels. */
export function legendClassRows(width: number, u: number): 1 | 2 {
  return width / violenceLegend().length < 58 * u ? 2 : 1;
}

/** The height {@link drawLegend} uses for a spec `width` wide at type unit `u`. */
export function legendHeight(spec: LegendSpec, width: number, u: number): number {
  let h = 0;
  if (spec.violence) h += (70 + 46 * legendClassRows(width, u)) * u;
  if (spec.noData) h += 30 * u;
  if (spec.bases)
    h += 52 * u + 2 * baseRadius(BASE_SIZE_KEY[BASE_SIZE_KEY.length - 1]!) * (spec.baseScale ?? 1);
  if (spec.highlights) h += 28 * u;
  if (spec.flags) h += (24 + 3 * 24 + (spec.censored ? 24 : 0)) * u;
  return h;
}
