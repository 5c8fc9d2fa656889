/**
 * Pure Web Mercator camera math, matching MapLibre's conventions (512-px world at zoom 0): fit a
 * bounding box into a viewport that has part of it covered (a docked caption, a legend), keep an
 * authored centre visible beside the dock, project lon/lat to pixels for the Canvas-2D renderers,
 * and interpolate cameras for video flights. No DOM, no map instance.
 */
import { worldPx } from '../domain/basemap';

/** A camera: centre and MapLibre zoom. Same shape as the app state's camera. */
export interface CameraView {
  lon: number;
  lat: number;
  zoom: number;
}

/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];

/** Pixels of the viewport covered on each side (the map stays visible in the rest). */
export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A viewport in CSS pixels. */
export interface Viewport {
  width: number;
  height: number;
}

export const NO_PADDING: Padding = Object.freeze({ top: 0, right: 0, bottom: 0, left: 0 });

/** The viewer's limits: the map never zooms in further than this when fitting. */
export const FIT_MAX_ZOOM = 8;
export const MIN_ZOOM = 1;
export const MAX_ZOOM = 12;
/** Degrees added around a fitted box, like the viewer's "fit to mission". */
export const FIT_MARGIN_DEG = 0.5;

const WORLD = 512;

/**
 * The least zoom of a map `width` px wide that shows the world once across it (no repeated
 * copies of the continents and of the bases drawn on them): log2(width / 512), at least
 * {@link MIN_ZOOM}. A 3840-px map: 2.9; a 1280-px map: 1.32.
 */
export function singleWorldZoom(width: number): number {
  return Math.max(MIN_ZOOM, Math.log2(Math.max(1, width) / WORLD));
}

/** lon/lat of a point given in zoom-0 world pixels (inverse of `worldPx`). */
export function unprojectWorld(x: number, y: number): [number, number] {
  const lon = (x / WORLD) * 360 - 180;
  const n = Math.PI * (1 - (2 * y) / WORLD);
  const lat = (Math.atan(Math.sinh(n)) * 180) / Math.PI;
  return [lon, lat];
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** The area left free by the padding (never smaller than 1×1). */
export function freeArea(
  view: Viewport,
  pad: Padding,
): { x: number; y: number; width: number; height: number } {
  return {
    x: pad.left,
    y: pad.top,
    width: Math.max(1, view.width - pad.left - pad.right),
    height: Math.max(1, view.height - pad.top - pad.bottom),
  };
}

/**
 * The map centre that puts `center` in the middle of the free area (instead of the middle of the
 * whole viewport) at `zoom`.
 */
export function offsetCenter(
  center: [number, number],
  zoom: number,
  pad: Padding,
): [number, number] {
  const k = 2 ** zoom;
  const [x, y] = worldPx(center[0], center[1]);
  return unprojectWorld(x + (pad.right - pad.left) / 2 / k, y + (pad.bottom - pad.top) / 2 / k);
}

/** Options of {@link fitCamera}. */
export interface FitOptions {
  maxZoom?: number;
  minZoom?: number;
  /** Degrees added on each side of the box (default {@link FIT_MARGIN_DEG}). */
  marginDeg?: number;
}

/**
 * The camera that shows `bbox` as large as possible inside the free area of the viewport, centred
 * in it (what MapLibre's `fitBounds` with the same padding does). A box of one point is widened by
 * the margin, so a single base does not zoom to street level.
 */
export function fitCamera(
  bbox: BBox,
  view: Viewport,
  pad: Padding = NO_PADDING,
  opts: FitOptions = {},
): CameraView {
  const m = opts.marginDeg ?? FIT_MARGIN_DEG;
  const [w, s, e, n] = bbox;
  const [x1, y1] = worldPx(w - m, n + m);
  const [x2, y2] = worldPx(e + m, s - m);
  const dx = Math.max(1e-9, x2 - x1);
  const dy = Math.max(1e-9, y2 - y1);
  const free = freeArea(view, pad);
  const zoom = clamp(
    Math.log2(Math.min(free.width / dx, free.height / dy)),
    opts.minZoom ?? MIN_ZOOM,
    opts.maxZoom ?? FIT_MAX_ZOOM,
  );
  const [lon, lat] = unprojectWorld((x1 + x2) / 2, (y1 + y2) / 2);
  const [clon, clat] = offsetCenter([lon, lat], zoom, pad);
  return { lon: clon, lat: clat, zoom };
}

/** A projection of lon/lat to viewport pixels for a camera. */
export interface Projector {
  (lon: number, lat: number): [number, number];
  /** Pixels per zoom-0 world pixel (2^zoom). */
  scale: number;
}

/** lon/lat → pixel position (top-left origin) in a viewport showing `camera`. */
export function projector(camera: CameraView, view: Viewport): Projector {
  const k = 2 ** camera.zoom;
  const [cx, cy] = worldPx(camera.lon, camera.lat);
  const f = ((lon: number, lat: number): [number, number] => {
    const [x, y] = worldPx(lon, lat);
    return [(x - cx) * k + view.width / 2, (y - cy) * k + view.height / 2];
  }) as Projector;
  f.scale = k;
  return f;
}

/** The lon/lat box a viewport shows for a camera. */
export function visibleBounds(camera: CameraView, view: Viewport): BBox {
  const k = 2 ** camera.zoom;
  const [cx, cy] = worldPx(camera.lon, camera.lat);
  const [w, n] = unprojectWorld(cx - view.width / 2 / k, cy - view.height / 2 / k);
  const [e, s] = unprojectWorld(cx + view.width / 2 / k, cy + view.height / 2 / k);
  return [w, s, e, n];
}

/** The smallest box holding all points (null for none). */
export function bboxOf(points: readonly (readonly [number, number])[]): BBox | null {
  if (points.length === 0) return null;
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const [lon, lat] of points) {
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  }
  return [w, s, e, n];
}

/** The box spanning all boxes: the least west and south, the greatest east and north (null for none). */
export function unionBBox(boxes: readonly BBox[]): BBox | null {
  if (boxes.length === 0) return null;
  const u: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of boxes) {
    u[0] = Math.min(u[0], b[0]);
    u[1] = Math.min(u[1], b[1]);
    u[2] = Math.max(u[2], b[2]);
    u[3] = Math.max(u[3], b[3]);
  }
  return u;
}

/**
 * The box shown when there is nothing to fit: Africa and the Middle East, where most missions
 * are.
 */
export const FALLBACK_BBOX: Readonly<BBox> = [-20, -35, 55, 38];

/** Smooth ease-in-out (cubic) of t in [0, 1]. */
export function easeInOut(t: number): number {
  const u = clamp(t, 0, 1);
  return u < 0.5 ? 4 * u * u * u : 1 - (-2 * u + 2) ** 3 / 2;
}

/**
 * The camera `t` (0..1) of the way from `a` to `b`: zoom linear, the centre moving linearly in
 * screen space at the interpolated zoom (so the motion looks steady), eased in and out.
 */
export function interpolateCamera(a: CameraView, b: CameraView, t: number): CameraView {
  const u = easeInOut(t);
  if (u <= 0) return a;
  if (u >= 1) return b;
  const [ax, ay] = worldPx(a.lon, a.lat);
  const [bx, by] = worldPx(b.lon, b.lat);
  const [lon, lat] = unprojectWorld(ax + (bx - ax) * u, ay + (by - ay) * u);
  return { lon, lat, zoom: a.zoom + (b.zoom - a.zoom) * u };
}

/** The lon/lat under a pixel of a viewport showing `camera` (inverse of {@link projector}). */
export function unprojectScreen(
  camera: CameraView,
  view: Viewport,
  x: number,
  y: number,
): [number, number] {
  const k = 2 ** camera.zoom;
  const [cx, cy] = worldPx(camera.lon, camera.lat);
  return unprojectWorld(cx + (x - view.width / 2) / k, cy + (y - view.height / 2) / k);
}

/** The lon/lat box shown in the free (unpadded) part of a viewport. */
export function freeBounds(camera: CameraView, view: Viewport, pad: Padding): BBox {
  const f = freeArea(view, pad);
  const [w, n] = unprojectScreen(camera, view, f.x, f.y);
  const [e, s] = unprojectScreen(camera, view, f.x + f.width, f.y + f.height);
  return [w, s, e, n];
}
