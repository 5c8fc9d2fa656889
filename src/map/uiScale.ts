/**
 * The large-screen factor of the map's pixel-sized content. On a large screen at 100 % scaling
 * (a 1440p monitor, a 4K projector) the page's chrome is drawn 1.5× / 2× as large through the CSS
 * custom property `--ui-zoom` (src/ui/app.css); the map's own text, symbols and pixel line widths
 * follow the same factor through deck.gl's scale props (`sizeScale`, `radiusScale`,
 * `lineWidthScale`, `widthScale`) and scaled pixel offsets, applied to finished layers by
 * {@link scaleLayer}. Data arrays are untouched, so a change of factor rebuilds no buffer; sizes in
 * metres (coverage range circles, cells) are never scaled. Exports render at factor 1.
 */
import type { Layer } from '@deck.gl/core';

/**
 * The viewport sizes (CSS px, width and height both at least) from which the chrome and the map
 * are drawn larger, smallest first. The media queries of `--ui-zoom` in src/ui/app.css use the
 * same numbers (a unit test reads that file and compares).
 */
export const UI_ZOOM_STEPS: readonly { minWidth: number; minHeight: number; zoom: number }[] = [
  { minWidth: 2400, minHeight: 1350, zoom: 1.5 },
  { minWidth: 2880, minHeight: 1600, zoom: 2 },
];

/** The media query of a step, written as app.css writes it. */
export function uiZoomQuery(step: { minWidth: number; minHeight: number }): string {
  return `(min-width: ${step.minWidth}px) and (min-height: ${step.minHeight}px)`;
}

/** The factor for a viewport of `width`×`height` CSS px: 1, 1.5 or 2 (as `--ui-zoom`). */
export function uiZoomOf(width: number, height: number): number {
  let zoom = 1;
  for (const s of UI_ZOOM_STEPS) if (width >= s.minWidth && height >= s.minHeight) zoom = s.zoom;
  return zoom;
}

/** A pixel offset accessor: a constant [x, y] or a function of the object. */
type Offset = readonly number[] | ((d: unknown, info: unknown) => readonly number[]);

function scaledOffset(offset: Offset, k: number): Offset {
  if (typeof offset === 'function')
    return (d: unknown, info: unknown) => offset(d, info).map((v) => v * k);
  return offset.map((v) => v * k);
}

/**
 * The props that draw `props`' pixel-sized content `k` times as large, or null when there is
 * none: text and icon sizes in pixels (`sizeScale`, with the collision test's `sizeScale`, the
 * pixel offset and a background's padding), circle radii in pixels (`radiusScale`), line widths in pixels (`lineWidthScale`,
 * `widthScale`). Sizes in metres or common units are left as they are.
 */
export function scaledProps(
  props: Readonly<Record<string, unknown>>,
  k: number,
): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  const num = (v: unknown): number => (typeof v === 'number' ? v : 1);
  const triggers: Record<string, unknown> = {};
  if ('sizeScale' in props && props.sizeUnits === 'pixels') {
    out.sizeScale = num(props.sizeScale) * k;
    const test = props.collisionTestProps as Record<string, unknown> | undefined;
    if (test && 'sizeScale' in test)
      out.collisionTestProps = { ...test, sizeScale: num(test.sizeScale) * k };
    // A text background's padding is in pixels and not multiplied by `sizeScale`.
    const pad = props.backgroundPadding;
    if (props.background === true && Array.isArray(pad))
      out.backgroundPadding = (pad as number[]).map((v) => v * k);
    const offset = props.getPixelOffset as Offset | undefined;
    if (offset !== undefined) {
      out.getPixelOffset = scaledOffset(offset, k);
      if (typeof offset === 'function') triggers.getPixelOffset = [readTrigger(props), k];
    }
  }
  if ('radiusScale' in props && props.radiusUnits === 'pixels')
    out.radiusScale = num(props.radiusScale) * k;
  if ('lineWidthScale' in props && props.lineWidthUnits === 'pixels')
    out.lineWidthScale = num(props.lineWidthScale) * k;
  if ('widthScale' in props && props.widthUnits === 'pixels')
    out.widthScale = num(props.widthScale) * k;
  if (Object.keys(out).length === 0) return null;
  if (Object.keys(triggers).length > 0)
    out.updateTriggers = { ...(props.updateTriggers as object | undefined), ...triggers };
  return out;
}

function readTrigger(props: Readonly<Record<string, unknown>>): unknown {
  const t = props.updateTriggers as Record<string, unknown> | undefined;
  return t?.getPixelOffset ?? null;
}

const cache = new WeakMap<Layer, { k: number; out: Layer }>();

/**
 * `layer` with its pixel-sized content drawn `k` times as large (see {@link scaledProps}): the
 * layer itself at `k` = 1 or when it has nothing in pixels, else a clone with the same data (the
 * same clone for the same layer and factor, so deck.gl sees an unchanged layer).
 */
export function scaleLayer<L extends Layer>(layer: L, k: number): L {
  if (k === 1) return layer;
  const hit = cache.get(layer);
  if (hit && hit.k === k) return hit.out as L;
  const props = scaledProps(layer.props as unknown as Record<string, unknown>, k);
  const out = props ? (layer.clone(props) as L) : layer;
  cache.set(layer, { k, out });
  return out;
}

/** {@link scaleLayer} over a list (empty entries dropped, as deck.gl would). */
export function scaleLayers(layers: readonly (Layer | null | false | undefined)[], k: number) {
  return layers.filter((l): l is Layer => !!l).map((l) => scaleLayer(l, k));
}
