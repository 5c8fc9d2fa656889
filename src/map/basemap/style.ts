/**
 * The offline basemap style: a pure function of the URLs of the files the data build wrote
 * (`public/data/basemap/`). Water is the background, countries are a muted fill (host countries a
 * touch lighter), borders are thin lines. No glyphs, no sprite, no remote source: MapLibre
 * requests nothing but the two GeoJSON files. Names are drawn by deck.gl TextLayers
 * (`./labels.ts`), because MapLibre symbol layers would need a glyph server.
 */
import type {
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  LayerSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import { BASEMAP_ATTRIBUTION } from '../../domain/basemap';

/**
 * URLs of the basemap files (same origin; absolute or relative to the page), or the GeoJSON
 * itself (a self-contained story file has no URL to fetch).
 */
export interface BasemapUrls {
  countries: string | GeoJSON.GeoJSON;
  borders: string | GeoJSON.GeoJSON;
}

/**
 * Muted, light colours that keep the data readable: a YlOrRd violence fill and blue
 * peacekeeping circles sit on near-neutral greys, with no hue competing with them.
 */
export const BASEMAP_PALETTE = {
  water: '#d9e3ea',
  coast: '#b1c0ca',
  land: '#e9e7e2',
  hostLand: '#f8f7f4',
  border: '#c4beb4',
  hostBorder: '#8a8378',
  /**
   * A host country without violence data in the period: the no-data grey (`NO_DATA_COLOR`,
   * #9a9a9a) at 110/255 over the host land, as the deck.gl layer that drew it before.
   */
  noData: '#cfcfcd',
  noDataEdge: '#5a5a5a',
} as const;

/** Layer ids, bottom to top. */
export const BASEMAP_LAYER_IDS = {
  background: 'basemap-water',
  coast: 'basemap-coast',
  land: 'basemap-land',
  borders: 'basemap-borders',
  hostBorders: 'basemap-host-borders',
  noDataEdge: 'basemap-no-data-edge',
} as const;

/** Whether a country feature's name is one of `countries` (a MapLibre expression). */
function named(countries: readonly string[]): ExpressionSpecification {
  return ['in', ['to-string', ['get', 'name']], ['literal', [...countries]]];
}

/**
 * The paint of the layers that shade host countries without violence data (the "No data" key):
 * the land fill and an outline, both data-driven, so that a new list of countries only changes
 * paint values. MapLibre compiles the same programs for every list, so the first mission with
 * countries without data does not wait for new GPU programs (issue 17: switching from the World
 * view to such a mission blocked the page for half a minute on a software renderer, where the
 * deck.gl GeoJsonLayer that drew them compiled its programs on first use).
 */
export function noDataPaint(
  countries: readonly string[],
  palette: Record<keyof typeof BASEMAP_PALETTE, string> = BASEMAP_PALETTE,
): {
  landFill: DataDrivenPropertyValueSpecification<string>;
  edgeOpacity: DataDrivenPropertyValueSpecification<number>;
} {
  return {
    landFill: [
      'case',
      named(countries),
      palette.noData,
      ['==', ['get', 'host'], true],
      palette.hostLand,
      palette.land,
    ],
    edgeOpacity: ['case', named(countries), 0.8, 0],
  };
}

/** A line layer of the `borders` source: borders of one kind, wider from zoom 2 to zoom 8. */
function borderLayer(
  id: string,
  kind: 'other' | 'host',
  color: string,
  [w2, w8]: [number, number],
): LayerSpecification {
  return {
    id,
    type: 'line',
    source: 'borders',
    filter: ['==', ['get', 'kind'], kind],
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': color,
      'line-width': ['interpolate', ['linear'], ['zoom'], 2, w2, 8, w8],
    },
  };
}

/** Builds the MapLibre style of the offline basemap from the URLs of its files. */
export function basemapStyle(
  urls: BasemapUrls,
  palette: Record<keyof typeof BASEMAP_PALETTE, string> = BASEMAP_PALETTE,
  noData: readonly string[] = [],
): StyleSpecification {
  const paint = noDataPaint(noData, palette);
  return {
    version: 8,
    name: 'Presence Atlas offline basemap',
    sources: {
      countries: { type: 'geojson', data: urls.countries, attribution: BASEMAP_ATTRIBUTION },
      borders: { type: 'geojson', data: urls.borders },
    },
    layers: [
      {
        id: BASEMAP_LAYER_IDS.background,
        type: 'background',
        paint: { 'background-color': palette.water },
      },
      // Outlines under the land fill: the fill hides them along land borders, so only the
      // seaward half shows, as a fine coastline.
      {
        id: BASEMAP_LAYER_IDS.coast,
        type: 'line',
        source: 'countries',
        paint: {
          'line-color': palette.coast,
          'line-width': ['interpolate', ['linear'], ['zoom'], 2, 1, 8, 2],
        },
      },
      {
        id: BASEMAP_LAYER_IDS.land,
        type: 'fill',
        source: 'countries',
        paint: {
          'fill-color': paint.landFill,
          'fill-antialias': false,
        },
      },
      // Outlines of the countries without violence data (invisible for the others).
      {
        id: BASEMAP_LAYER_IDS.noDataEdge,
        type: 'line',
        source: 'countries',
        paint: {
          'line-color': palette.noDataEdge,
          'line-width': 1.5,
          'line-opacity': paint.edgeOpacity,
        },
      },
      borderLayer(BASEMAP_LAYER_IDS.borders, 'other', palette.border, [0.4, 1]),
      borderLayer(BASEMAP_LAYER_IDS.hostBorders, 'host', palette.hostBorder, [0.7, 1.6]),
    ],
  };
}
