/**
 * The "new hotspot" mark: a cell whose civilians killed reached the violence threshold θ this
 * year after being below it the year before (`Selectors.newHotspots`) gets a small black
 * four-point star with a white edge in its north-east quarter, clear of the flag outlines (drawn
 * along the edges) and of most base circles (at their locations). Off by default (layer
 * `hotspots`).
 */
import { PolygonLayer } from '@deck.gl/layers';
import { cellPolygon, type LonLat } from '../domain/grid';
import type { CellView } from '../data/selectors';
import { hexToRgba } from './scales';

/** Layer id (stable: picking relies on it). */
export const HOTSPOT_LAYER_ID = 'new-hotspots';
/** Fill of the star; its edge is white. */
export const HOTSPOT_COLOR = '#111111';
/** Outer radius of the star as a share of the cell size; the inner points at 40 % of it. */
export const HOTSPOT_RADIUS = 0.16;

/** The star of a cell: 8 points around (¾, ¾) of the cell, closed. */
export function hotspotStar(gid: number): LonLat[] {
  const ring = cellPolygon(gid);
  const [w, s] = ring[0]!;
  const [e, n] = ring[2]!;
  const cx = w + (e - w) * 0.75;
  const cy = s + (n - s) * 0.75;
  const out: LonLat[] = [];
  for (let k = 0; k < 8; k++) {
    const r = (k % 2 === 0 ? HOTSPOT_RADIUS : HOTSPOT_RADIUS * 0.4) * (e - w);
    const a = (Math.PI / 4) * k + Math.PI / 2;
    out.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  out.push(out[0]!);
  return out;
}

/** The new-hotspot stars of the year's cells (pickable: objects are {@link CellView}s). */
export function hotspotLayer(cells: readonly CellView[]): PolygonLayer<CellView> {
  return new PolygonLayer<CellView>({
    id: HOTSPOT_LAYER_ID,
    data: cells as CellView[],
    getPolygon: (c) => hotspotStar(c.gid),
    getFillColor: hexToRgba(HOTSPOT_COLOR, 255),
    getLineColor: [255, 255, 255, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    stroked: true,
    filled: true,
    pickable: true,
  });
}
