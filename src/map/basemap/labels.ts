/**
 * Names on the offline basemap, drawn by deck.gl (it rasterises a system font into its own atlas,
 * so no glyph or font file is requested). Thin builders of (data, zoom): which names show at a
 * zoom is decided at build time (`minZoom` per name, see `src/domain/basemap.ts`), so labels
 * never overlap and need no collision detection at run time.
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

const cache = new WeakMap<readonly object[], { step: number; visible: readonly object[] }>();

function memoVisible<T extends { minZoom: number }>(
  items: readonly T[],
  zoom: number,
  select: (items: readonly T[], zoom: number) => T[],
): T[] {
  const step = zoomStep(zoom);
  const hit = cache.get(items);
  if (hit && hit.step === step) return hit.visible as T[];
  const visible = select(items, step);
  cache.set(items, { step, visible });
  return visible;
}

/**
 * Glyphs to rasterise: those of the data ('auto'), or a single letter when nothing is shown
 * (an empty atlas makes WebGL warn).
 */
function characterSet(data: readonly unknown[]): 'auto' | string {
  return data.length > 0 ? 'auto' : 'A';
}

/** Town names shown at `zoom`: left-aligned right of the town's dot, with a halo. */
export function placeLabelsLayer(
  places: readonly BasemapPlace[],
  zoom: number,
): TextLayer<BasemapPlace> {
  const data = memoVisible(places, zoom, visiblePlaces);
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
): ScatterplotLayer<BasemapPlace> {
  return new ScatterplotLayer<BasemapPlace>({
    id: LABEL_LAYER_IDS.placeDots,
    data: memoVisible(places, zoom, visiblePlaces),
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

/** The basemap's name layers in drawing order (dots, country names, town names). */
export function basemapLabelLayers(
  data: { places: readonly BasemapPlace[]; countryLabels: readonly BasemapCountryLabel[] },
  zoom: number,
): [ScatterplotLayer<BasemapPlace>, TextLayer<BasemapCountryLabel>, TextLayer<BasemapPlace>] {
  return [
    placeDotsLayer(data.places, zoom),
    countryLabelsLayer(data.countryLabels, zoom),
    placeLabelsLayer(data.places, zoom),
  ];
}
