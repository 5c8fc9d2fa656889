/**
 * Presenter layout, pure: where the caption dock goes for a screen size, how large the type is,
 * and the camera padding that keeps the highlighted area out from under the dock.
 */
import type { Padding, Viewport } from '../../map/camera';

/** The presenter's layout for a viewport. */
export interface PresenterLayout {
  /** `right` on landscape screens (projectors), `bottom` on tall or narrow ones. */
  dock: 'right' | 'bottom';
  /** Dock size in CSS px: its width (right) or height (bottom). */
  dockSize: number;
  /** Caption font size in CSS px (large: a room reads it from the back). */
  captionPx: number;
  /** Scene title font size. */
  titlePx: number;
  /** Camera padding: the dock plus a margin all round. */
  padding: Padding;
}

/** Margin kept free around the map's free area (px). */
export const PRESENTER_MARGIN = 24;

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/**
 * The layout for a viewport: a right-hand dock on screens at least 1.25 times as wide as high
 * (30 % of the width, 380–680 px; 300 px and up on screens under 500 px high), else a bottom dock
 * (38 % of the height, 220–460 px). Caption type scales with the dock, 20–34 px (15 px and up on
 * short screens, 16 px on phones held upright). Above 1920×1080 CSS px these limits grow with the
 * screen (twice at 3840×2160).
 */
export function presenterLayout(view: Viewport): PresenterLayout {
  const w = Math.max(1, view.width);
  const h = Math.max(1, view.height);
  const m = PRESENTER_MARGIN;
  const right = w / h >= 1.25 && w >= 760;
  // Short screens (a phone held sideways) get a narrower dock and smaller type; narrow ones (a
  // phone held upright) smaller type: the map keeps at least half the screen either way.
  const short = h < 500;
  // Screens larger than 1920×1080 CSS px (a 4K projector at 100 % scaling) scale the limits up:
  // the dock and its type then look as they do at 1920×1080, not shrunk into a corner.
  const k = Math.max(1, Math.min(w / 1920, h / 1080));
  const dockSize = right
    ? Math.round(clamp(w * 0.3, (short ? 300 : 380) * k, 680 * k))
    : Math.round(clamp(h * 0.38, 220 * k, 460 * k));
  const captionPx = right
    ? Math.round(clamp(dockSize / 20, (short ? 15 : 20) * k, 34 * k))
    : Math.round(clamp(w / 40, (w < 480 ? 16 : 18) * k, 30 * k));
  return {
    dock: right ? 'right' : 'bottom',
    dockSize,
    captionPx,
    titlePx: Math.round(captionPx * 1.25),
    padding: right
      ? { top: m, right: dockSize + m, bottom: m, left: m }
      : { top: m, right: m, bottom: dockSize + m, left: m },
  };
}

/**
 * The scale of the presenter's slide PNG for a screen: 2 (3840×2160) when the screen has well
 * over 1920×1080 device pixels (a 4K projector or a high-density laptop), else 1 (1920×1080).
 * `view` is in CSS px; `pixelRatio` is `devicePixelRatio`.
 */
export function slidePngScale(view: Viewport, pixelRatio: number): 1 | 2 {
  const dpr = Number.isFinite(pixelRatio) && pixelRatio > 0 ? pixelRatio : 1;
  const k = Math.max((view.width * dpr) / 1920, (view.height * dpr) / 1080);
  return k > 1.5 ? 2 : 1;
}
