/**
 * Thin, pure deck.gl layer builders of the timeline:
 *
 * - change markers of a year (per base, relative to the year before): a ring around a NEW base,
 *   ▲ beside a STRENGTHENED one, ▼ beside a REDUCED one, and a ghost outline where a base was
 *   CLOSED (drawn for that one year, at the size it had the year before);
 * - tweened drawing between a step and the next (frame `t` from `frameOf`): cell fills fade
 *   (and change class colour) and base circles grow and shrink with their troops; an opening base
 *   grows from nothing, a closing one fades out.
 *
 * The tweened layers reuse the viewer's layer ids (`LAYER_IDS.violence`, `LAYER_IDS.bases`) and
 * carry `gid`/`value` and `base`/`by` on their objects, so picking and details work while playing.
 */
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { BaseChange, ChangeKind } from '../domain/changes';
import { ease, lerp } from '../domain/timeline';
import type { BaseTween } from '../data/timelineSelectors';
import { LABEL_FONT_FAMILY } from './basemap/labels';
import { LAYER_IDS, baseStyle, hqRingWidth, type BaseLayerOptions, type BaseStyle } from './layers';
import { VIOLENCE_RGBA, baseRadius, hexToRgba, violenceClass, type RGBA } from './scales';

/** Layer ids of the change markers. */
export const CHANGE_LAYER_IDS = {
  newRings: 'change-new-rings',
  arrows: 'change-arrows',
  ghosts: 'change-closed-ghosts',
  tweenHq: 'bases-hq-tween',
} as const;

/** Marker colours (shape carries the meaning; colour repeats it). */
export const CHANGE_COLORS: Record<Exclude<ChangeKind, 'UNCHANGED'>, string> = {
  NEW: '#007f5f',
  STRENGTHENED: '#007f5f',
  REDUCED: '#6a3d9a',
  CLOSED: '#4d4d4d',
};

/** The glyph of each change kind, as the map and the changes list show it. */
export const CHANGE_GLYPHS: Record<ChangeKind, string> = {
  NEW: '◯',
  STRENGTHENED: '▲',
  REDUCED: '▼',
  CLOSED: '◌',
  UNCHANGED: '•',
};

/** A change marker positioned on the map. */
export interface ChangeMarker {
  change: BaseChange;
  position: [number, number];
  /** Radius (px) of the base circle the marker sits on. */
  radius: number;
}

/** Markers of the changes to draw: every kind except UNCHANGED, at the change's position. */
export function changeMarkers(changes: readonly BaseChange[]): ChangeMarker[] {
  return changes
    .filter((c) => c.kind !== 'UNCHANGED')
    .map((c) => ({
      change: c,
      position: [c.lon, c.lat],
      // The circle's size: Geo-PKO's yearly figure (a STRENGTHENED / REDUCED change compares the
      // highest / lowest map figures, which the circle does not show).
      radius: baseRadius(c.kind === 'CLOSED' ? c.troopsBefore : c.troopsYearly),
    }));
}

/** Options of {@link changeLayers}. */
export interface ChangeLayerOptions {
  /** Opacity 0–1 (the markers fade in after a year change while playing). */
  opacity?: number;
}

/** A year's markers split by what draws them (see {@link changeLayers}). */
interface SplitMarkers {
  rings: ChangeMarker[];
  arrows: ChangeMarker[];
  ghosts: ChangeMarker[];
}

const splitCache = new WeakMap<readonly BaseChange[], SplitMarkers>();

/** The markers of `changes`, split by layer; made once per changes list (stable per step). */
function splitMarkers(changes: readonly BaseChange[]): SplitMarkers {
  let s = splitCache.get(changes);
  if (!s) {
    const markers = changeMarkers(changes);
    s = {
      rings: markers.filter((m) => m.change.kind === 'NEW'),
      arrows: markers.filter(
        (m) => m.change.kind === 'STRENGTHENED' || m.change.kind === 'REDUCED',
      ),
      ghosts: markers.filter((m) => m.change.kind === 'CLOSED'),
    };
    splitCache.set(changes, s);
  }
  return s;
}

// Colours and accessors made once: a frame that only changes the opacity allocates nothing else.
const GHOST_FILL: RGBA = [255, 255, 255, 60];
const GHOST_LINE = hexToRgba(CHANGE_COLORS.CLOSED, 200);
const RING_LINE = hexToRgba(CHANGE_COLORS.NEW, 255);
const ARROW_COLORS = {
  STRENGTHENED: hexToRgba(CHANGE_COLORS.STRENGTHENED, 255),
  REDUCED: hexToRgba(CHANGE_COLORS.REDUCED, 255),
};
const ARROW_CHARACTERS = [CHANGE_GLYPHS.STRENGTHENED, CHANGE_GLYPHS.REDUCED];
const ARROW_FONT = { sdf: true, fontSize: 64, buffer: 8, radius: 16, cutoff: 0.22 };
const ARROW_OUTLINE: RGBA = [255, 255, 255, 230];
const markerPosition = (m: ChangeMarker): [number, number] => m.position;
const markerRadius = (m: ChangeMarker): number => m.radius;
const ringRadius = (m: ChangeMarker): number => m.radius + 4;
const arrowText = (m: ChangeMarker): string => CHANGE_GLYPHS[m.change.kind];
const arrowColor = (m: ChangeMarker): RGBA =>
  ARROW_COLORS[m.change.kind === 'STRENGTHENED' ? 'STRENGTHENED' : 'REDUCED'];
const arrowOffset = (m: ChangeMarker): [number, number] => [
  m.radius * 0.75 + 7,
  -(m.radius * 0.75 + 7),
];

/**
 * The change markers of a year: NEW rings, ▲/▼ arrows (placed at the circle's upper right), and
 * CLOSED ghost outlines. Layers without data are null. The markers (each layer's `data`) are made
 * once per `changes` list, so a fade (a new `opacity` each frame) leaves deck.gl's attributes
 * alone.
 */
export function changeLayers(
  changes: readonly BaseChange[],
  opts: ChangeLayerOptions = {},
): (ScatterplotLayer<ChangeMarker> | TextLayer<ChangeMarker> | null)[] {
  const { rings, arrows, ghosts } = splitMarkers(changes);
  const opacity = Math.min(1, Math.max(0, opts.opacity ?? 1));
  return [
    ghosts.length === 0
      ? null
      : new ScatterplotLayer<ChangeMarker>({
          id: CHANGE_LAYER_IDS.ghosts,
          data: ghosts,
          getPosition: markerPosition,
          radiusUnits: 'pixels',
          getRadius: markerRadius,
          filled: true,
          stroked: true,
          getFillColor: GHOST_FILL,
          getLineColor: GHOST_LINE,
          lineWidthUnits: 'pixels',
          getLineWidth: 1.5,
          opacity,
          pickable: false,
        }),
    rings.length === 0
      ? null
      : new ScatterplotLayer<ChangeMarker>({
          id: CHANGE_LAYER_IDS.newRings,
          data: rings,
          getPosition: markerPosition,
          radiusUnits: 'pixels',
          getRadius: ringRadius,
          filled: false,
          stroked: true,
          getLineColor: RING_LINE,
          lineWidthUnits: 'pixels',
          getLineWidth: 2.5,
          opacity,
          pickable: false,
        }),
    arrows.length === 0
      ? null
      : new TextLayer<ChangeMarker>({
          id: CHANGE_LAYER_IDS.arrows,
          data: arrows,
          getPosition: markerPosition,
          getText: arrowText,
          getColor: arrowColor,
          getSize: 15,
          sizeUnits: 'pixels',
          getPixelOffset: arrowOffset,
          getTextAnchor: 'middle',
          getAlignmentBaseline: 'center',
          characterSet: ARROW_CHARACTERS,
          fontFamily: LABEL_FONT_FAMILY,
          fontSettings: ARROW_FONT,
          outlineWidth: 3,
          outlineColor: ARROW_OUTLINE,
          opacity,
          pickable: false,
        }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Tweening

/** Alpha multiplier of a fade: an arriving item fades in, a leaving one fades out. */
function fadeAlpha(present: { from: boolean; to: boolean }, t: number): number {
  if (present.from && present.to) return 1;
  return present.from ? 1 - t : t;
}

/**
 * Writes into `out` the fill of a cell at tween `t` (eased): a cell in both steps changes colour
 * from its class now to its class next; one that appears fades in, one that disappears fades out.
 * Class colours come from the precomputed palette, so a frame parses and allocates nothing.
 */
export function cellTweenColorInto(
  out: number[] | RGBA,
  from: number | null,
  to: number | null,
  t: number,
): RGBA {
  const e = ease(t);
  const ia = from === null ? -1 : violenceClass(from);
  const ib = to === null ? -1 : violenceClass(to);
  const a = ia < 0 ? null : VIOLENCE_RGBA[ia]!;
  const b = ib < 0 ? null : VIOLENCE_RGBA[ib]!;
  if (a && b) {
    for (let i = 0; i < 4; i++) out[i] = Math.round(lerp(a[i]!, b[i]!, e));
  } else if (a || b) {
    const c = (a ?? b)!;
    const alpha = fadeAlpha({ from: a !== null, to: b !== null }, e);
    out[0] = c[0];
    out[1] = c[1];
    out[2] = c[2];
    out[3] = Math.round(c[3] * alpha);
  } else {
    out[0] = out[1] = out[2] = out[3] = 0;
  }
  return out as RGBA;
}

/** The fill of a cell at tween `t` as a new array (see {@link cellTweenColorInto}). */
export function cellTweenColor(from: number | null, to: number | null, t: number): RGBA {
  return cellTweenColorInto([0, 0, 0, 0], from, to, t);
}

/** A base's drawn state at tween `t`. */
export interface TweenedBase {
  position: [number, number];
  radius: number;
  /** Alpha multiplier (0–1) of fill and outline. */
  alpha: number;
}

/**
 * A base between two steps at tween `t` (eased): the radius moves from its size now to its size
 * next (area ∝ troops at both ends); an opening base grows from 0, a closing one fades out at its
 * size; a base whose position jitters slides. Writes into `out` (reused across frames).
 */
export function tweenBaseInto(
  out: TweenedBase,
  b: Pick<BaseTween, 'from' | 'to'>,
  t: number,
): TweenedBase {
  const e = ease(t);
  const { from, to } = b;
  if (from && to) {
    out.position[0] = lerp(from.lon, to.lon, e);
    out.position[1] = lerp(from.lat, to.lat, e);
    out.radius = lerp(baseRadius(from.troops), baseRadius(to.troops), e);
    out.alpha = 1;
  } else if (to) {
    out.position[0] = to.lon;
    out.position[1] = to.lat;
    out.radius = baseRadius(to.troops) * e;
    out.alpha = e;
  } else if (from) {
    out.position[0] = from.lon;
    out.position[1] = from.lat;
    out.radius = baseRadius(from.troops);
    out.alpha = 1 - e;
  } else {
    out.position[0] = out.position[1] = out.radius = out.alpha = 0;
  }
  return out;
}

/** A base between two steps at tween `t`, as a new value (see {@link tweenBaseInto}). */
export function tweenBase(b: Pick<BaseTween, 'from' | 'to'>, t: number): TweenedBase {
  return tweenBaseInto({ position: [0, 0], radius: 0, alpha: 0 }, b, t);
}

function alphaInto(out: number[], c: Readonly<RGBA>, alpha: number): RGBA {
  out[0] = c[0];
  out[1] = c[1];
  out[2] = c[2];
  out[3] = Math.round(c[3] * alpha);
  return out as RGBA;
}

/** The draw order and styles of a step pair's bases, computed once per (pairs, options). */
interface PreparedBases {
  data: BaseTween[];
  styles: BaseStyle[];
  hq: BaseTween[];
}

const prepared = new WeakMap<readonly BaseTween[], WeakMap<object, PreparedBases>>();

function prepareBases(bases: readonly BaseTween[], opts: BaseLayerOptions): PreparedBases {
  let byOpts = prepared.get(bases);
  if (!byOpts) prepared.set(bases, (byOpts = new WeakMap()));
  let p = byOpts.get(opts);
  if (!p) {
    // Big circles first, as in the static layer (sorted by the larger of the two sizes).
    const size = (b: BaseTween): number =>
      Math.max(baseRadius(b.from?.troops ?? null), baseRadius(b.to?.troops ?? null));
    const data = [...bases].sort(
      (a, b) => size(b) - size(a) || (a.base.id < b.base.id ? -1 : a.base.id > b.base.id ? 1 : 0),
    );
    const styles = data.map((b) => baseStyle(b, opts));
    const hq = opts.hqRings === false ? [] : data.filter((b) => b.by.hq > 0);
    p = { data, styles, hq };
    byOpts.set(opts, p);
  }
  return p;
}

const HQ_RING: Readonly<RGBA> = [11, 37, 69, 255];

/**
 * The bases between two steps, tweened (ids `LAYER_IDS.bases` and an HQ ring layer), coloured as
 * the viewer's {@link baseStyle} colours them (from the row of the step shown). Draw order and
 * styles are computed once per step pair and options (pass a stable `opts`); a frame writes
 * positions, radii and colours into deck.gl's target arrays and allocates nothing per base.
 */
export function tweenedBasesLayers(
  bases: readonly BaseTween[],
  t: number,
  opts: BaseLayerOptions,
): (ScatterplotLayer<BaseTween> | null)[] {
  const { data, styles, hq } = prepareBases(bases, opts);
  const tw: TweenedBase = { position: [0, 0], radius: 0, alpha: 0 };
  return [
    new ScatterplotLayer<BaseTween>({
      id: LAYER_IDS.bases,
      data,
      getPosition: (b, { target }) => {
        tweenBaseInto(tw, b, t);
        target[0] = tw.position[0];
        target[1] = tw.position[1];
        return target as [number, number];
      },
      radiusUnits: 'pixels',
      getRadius: (b) => tweenBaseInto(tw, b, t).radius,
      filled: true,
      stroked: true,
      getFillColor: (b, { index, target }) =>
        alphaInto(target, styles[index]!.fill, tweenBaseInto(tw, b, t).alpha),
      getLineColor: (b, { index, target }) =>
        alphaInto(target, styles[index]!.line, tweenBaseInto(tw, b, t).alpha),
      lineWidthUnits: 'pixels',
      getLineWidth: (_b, { index }) => styles[index]!.lineWidth,
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 90],
      updateTriggers: {
        getPosition: [t],
        getRadius: [t],
        getFillColor: [t, opts.mission],
        getLineColor: [t, opts.mission],
      },
    }),
    hq.length === 0
      ? null
      : new ScatterplotLayer<BaseTween>({
          id: CHANGE_LAYER_IDS.tweenHq,
          data: hq,
          getPosition: (b, { target }) => {
            tweenBaseInto(tw, b, t);
            target[0] = tw.position[0];
            target[1] = tw.position[1];
            return target as [number, number];
          },
          radiusUnits: 'pixels',
          getRadius: (b) => tweenBaseInto(tw, b, t).radius + 2 + hqRingWidth(b.by.hq) / 2,
          filled: false,
          stroked: true,
          getLineColor: (b, { target }) =>
            alphaInto(target, HQ_RING, tweenBaseInto(tw, b, t).alpha),
          lineWidthUnits: 'pixels',
          getLineWidth: (_b, { index }) => hqRingWidth(hq[index]!.by.hq),
          pickable: false,
          updateTriggers: { getPosition: [t], getRadius: [t], getLineColor: [t] },
        }),
  ];
}
