/**
 * The violence cells and the lag flags on an H3 grid: thin, pure builders of deck.gl
 * `H3HexagonLayer`s (from `@deck.gl/geo-layers`). The data are the cell views and episodes of
 * the regridded dataset (`src/data/gridData.ts`), whose cell ids are H3 keys (`h3OfKey` gives the
 * index back). Same colours as PRIO-GRID: fill by fatality class, flags by category colour.
 */
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { h3OfKey } from '../domain/gridSystem';
import type { Episode } from '../domain/lagTypes';
import type { CellView } from '../data/selectors';
import { CATEGORY_STYLES } from './flagLayers';
import { HEX_LAYER_IDS } from './hexLayerIds';
import { cellFill } from './layers';
import { hexToRgba, type RGBA } from './scales';

export { HEX_LAYER_IDS };

/** The H3 index of a cell view or episode of the regridded dataset. */
const hexOf = (d: { gid: number }): string => h3OfKey(d.gid);

/** The violence cells of the year as hexagons, filled by fatality class. */
export function hexViolenceLayer(cells: readonly CellView[]): H3HexagonLayer<CellView> {
  return new H3HexagonLayer<CellView>({
    id: HEX_LAYER_IDS.violence,
    data: cells as CellView[],
    getHexagon: hexOf,
    getFillColor: cellFill,
    filled: true,
    stroked: true,
    extruded: false,
    getLineColor: [120, 40, 20, 90],
    lineWidthUnits: 'pixels',
    getLineWidth: 0.5,
    pickable: true,
    autoHighlight: true,
    highlightColor: [0, 0, 0, 50],
  });
}

/** Outline colour of a flagged hexagon (the category's colour). */
export function hexFlagColor(e: Episode): RGBA {
  return hexToRgba(CATEGORY_STYLES[e.category].color, 255);
}

/** Flagged episodes of the year as hexagon outlines in their category's colour. */
export function hexFlagLayer(episodes: readonly Episode[]): H3HexagonLayer<Episode> {
  return new H3HexagonLayer<Episode>({
    id: HEX_LAYER_IDS.flags,
    data: episodes as Episode[],
    getHexagon: hexOf,
    filled: false,
    stroked: true,
    extruded: false,
    getLineColor: hexFlagColor,
    lineWidthUnits: 'pixels',
    getLineWidth: 2.5,
    pickable: true,
  });
}
