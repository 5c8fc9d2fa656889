/**
 * Names on the offline basemap, drawn by deck.gl (it rasterises a system font into its own atlas,
 * so no glyph or font file is requested). Thin builders of (data, zoom, box): which names show at
 * a zoom is decided at build time (`minZoom` per name, see `src/domain/basemap.ts`), so labels
 * never overlap and need no collision detection at run time. Only the names inside a box around
 * the view are handed to deck.gl (`labelBox`: the view and a margin, snapped so that small pans
 * keep the same box): a subset of non-overlapping names still does not overlap, and at zoom 7
 * that is a few hundred names instead of ~3,500.
 */
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import {
  COUNTRY_LABEL,
  PLACE_LABEL,
  countryFontSize,
  countryLabelLines,
  placeFontSize,
  visibleCountryLabels,
  visiblePlaces,
  type BasemapCountryLabel,
  type BasemapPlace,
} from '../../domain/basemap';

/** RGBA colour. */
type RGBA = [number, number, number, number];

/** System fonts only: nothing is downloaded. */
export const LABEL_FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Label colours: dark grey text with a light halo; country names quieter than towns. */
export const LABEL_COLORS = {
  place: [52, 52, 52, 255] as RGBA,
  placeDot: [70, 70, 70, 255] as RGBA,
  halo: [250, 250, 248, 230] as RGBA,
  hostCountry: [105, 98, 88, 255] as RGBA,
  country: [140, 134, 126, 255] as RGBA,
};

/** Layer ids (stable: the map component orders layers by them). */
export const LABEL_LAYER_IDS = {
  placeDots: 'basemap-place-dots',
  places: 'basemap-place-labels',
  countries: 'basemap-country-labels',
} as const;

/** SDF font atlas: needed for the halo (outline). */
const FONT_SETTINGS = { sdf: true, fontSize: 64, buffer: 8, radius: 16, cutoff: 0.22 };

/**
 * Zoom rounded down to the 0.1 steps that `minZoom` values use: the visible set is the same, and
 * repeated calls while panning at one zoom return the same array (deck.gl then skips the update).
 */
function zoomStep(zoom: number): number {
  return Math.floor(zoom * 10 + 1e-9) / 10;
}

/** A lon/lat box (west, south, east, north); labels outside it are not drawn. */
export interface LabelBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

const TILE = 512;

/** Web-Mercator y of a latitude in world pixels at zoom 0 (0 at the top, 512 at the bottom). */
function mercatorY(lat: number): number {
  const phi = (Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180;
  return TILE * (0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI));
}

function latOfY(y: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / TILE))) * 180) / Math.PI;
}

/**
 * The box of names to draw for a camera and a viewport (CSS px): the view's square neighbourhood
 * on a grid of squares as large as the viewport's larger side — the square holding the centre and
 * its eight neighbours, so that at least half a viewport of margin surrounds the view, and the box
 * (hence the layer's data) changes only when the centre crosses a grid line.
 */
export function labelBox(
  camera: { lon: number; lat: number; zoom: number },
  viewport: { width: number; height: number },
): LabelBox {
  const scale = 2 ** zoomStep(camera.zoom);
  const side = Math.max(1, viewport.width, viewport.height) / scale; // world px at zoom 0
  const x = ((camera.lon + 180) / 360) * TILE;
  const y = mercatorY(camera.lat);
  const i = Math.floor(x / side);
  const j = Math.floor(y / side);
  const lon = (px: number) => (px / TILE) * 360 - 180;
  return {
    west: lon((i - 1) * side),
    east: lon((i + 2) * side),
    north: latOfY(Math.max(0, (j - 1) * side)),
    south: latOfY(Math.min(TILE, (j + 2) * side)),
  };
}

/** True when the point is in the box (longitudes wrapped around the antimeridian). */
export function inLabelBox(box: LabelBox, lon: number, lat: number): boolean {
  if (lat < box.south || lat > box.north) return false;
  if (box.east - box.west >= 360) return true;
  const d = (((lon - box.west) % 360) + 360) % 360;
  return d <= box.east - box.west;
}

function boxKey(box: LabelBox | null): string {
  return box ? `${box.west},${box.south},${box.east},${box.north}` : '';
}

const cache = new WeakMap<
  readonly object[],
  { step: number; box: string; visible: readonly object[] }
>();

function memoVisible<T extends { minZoom: number; lon: number; lat: number }>(
  items: readonly T[],
  zoom: number,
  select: (items: readonly T[], zoom: number) => T[],
  box: LabelBox | null = null,
): T[] {
  const step = zoomStep(zoom);
  const key = boxKey(box);
  const hit = cache.get(items);
  if (hit && hit.step === step && hit.box === key) return hit.visible as T[];
  const all = select(items, step);
  const visible = box ? all.filter((p) => inLabelBox(box, p.lon, p.lat)) : all;
  cache.set(items, { step, box: key, visible });
  return visible;
}

/**
 * Glyphs to rasterise: those of the data ('auto'), or a single letter when nothing is shown
 * (an empty atlas makes WebGL warn).
 */
function characterSet(data: readonly unknown[]): 'auto' | string {
  return data.length > 0 ? 'auto' : 'A';
}

/** Town names shown at `zoom` (in `box`): left-aligned right of the town's dot, with a halo. */
export function placeLabelsLayer(
  places: readonly BasemapPlace[],
  zoom: number,
  box: LabelBox | null = null,
): TextLayer<BasemapPlace> {
  const data = memoVisible(places, zoom, visiblePlaces, box);
  return new TextLayer<BasemapPlace>({
    id: LABEL_LAYER_IDS.places,
    data,
    getPosition: (p) => [p.lon, p.lat],
    getText: (p) => p.name,
    getSize: (p) => placeFontSize(p),
    getColor: LABEL_COLORS.place,
    getTextAnchor: 'start',
    getAlignmentBaseline: 'center',
    getPixelOffset: [PLACE_LABEL.offsetPx, 0],
    sizeUnits: 'pixels',
    fontFamily: LABEL_FONT_FAMILY,
    fontWeight: 500,
    characterSet: characterSet(data),
    fontSettings: FONT_SETTINGS,
    outlineWidth: 3,
    outlineColor: LABEL_COLORS.halo,
    pickable: false,
  });
}

/** The dots that town names point at (same towns as {@link placeLabelsLayer}). */
export function placeDotsLayer(
  places: readonly BasemapPlace[],
  zoom: number,
  box: LabelBox | null = null,
): ScatterplotLayer<BasemapPlace> {
  return new ScatterplotLayer<BasemapPlace>({
    id: LABEL_LAYER_IDS.placeDots,
    data: memoVisible(places, zoom, visiblePlaces, box),
    getPosition: (p) => [p.lon, p.lat],
    getRadius: (p) => (p.capital ? PLACE_LABEL.dotPx + 0.5 : PLACE_LABEL.dotPx - 0.5),
    radiusUnits: 'pixels',
    getFillColor: LABEL_COLORS.placeDot,
    stroked: true,
    getLineColor: LABEL_COLORS.halo,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    pickable: false,
  });
}

/** Country names shown at `zoom`, upper case and wrapped, centred on their label points; hosts darker. */
export function countryLabelsLayer(
  labels: readonly BasemapCountryLabel[],
  zoom: number,
): TextLayer<BasemapCountryLabel> {
  const data = memoVisible(labels, zoom, visibleCountryLabels);
  return new TextLayer<BasemapCountryLabel>({
    id: LABEL_LAYER_IDS.countries,
    data,
    getPosition: (c) => [c.lon, c.lat],
    getText: (c) => countryLabelLines(c.name).join('\n'),
    getSize: (c) => countryFontSize(c),
    getPixelOffset: (c) => [0, c.dy],
    getColor: (c) => (c.host ? LABEL_COLORS.hostCountry : LABEL_COLORS.country),
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    sizeUnits: 'pixels',
    fontFamily: LABEL_FONT_FAMILY,
    fontWeight: 600,
    characterSet: characterSet(data),
    fontSettings: FONT_SETTINGS,
    outlineWidth: 3,
    outlineColor: LABEL_COLORS.halo,
    lineHeight: COUNTRY_LABEL.lineHeight,
    pickable: false,
  });
}

/**
 * The basemap's name layers in drawing order (dots, country names, town names); with a `box`
 * (see {@link labelBox}) only the towns inside it (country names are few and always drawn).
 */
export function basemapLabelLayers(
  data: { places: readonly BasemapPlace[]; countryLabels: readonly BasemapCountryLabel[] },
  zoom: number,
  box: LabelBox | null = null,
): [ScatterplotLayer<BasemapPlace>, TextLayer<BasemapCountryLabel>, TextLayer<BasemapPlace>] {
  return [
    placeDotsLayer(data.places, zoom, box),
    countryLabelsLayer(data.countryLabels, zoom),
    placeLabelsLayer(data.places, zoom, box),
  ];
}
