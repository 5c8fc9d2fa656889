/**
 * The grids the analysis can run on: PRIO-GRID 0.5° (the default, `grid.ts`) and H3 hexagons of
 * resolution 4 or 5 (h3-js). The lag analysis and the aggregation only need what a
 * {@link GridSystem} gives: the cell of a point, the cells within r rings of a cell, a cell's
 * centre and the ring distance of two cells. Cells are whole numbers on every grid, so the typed
 * arrays of the lag index serve all of them:
 *
 * - PRIO-GRID: the gid (1 … 259,200).
 * - H3 (resolutions 0–5, `h3Grid.ts`): the `h3Key`, the 7 hex digits after the leading "8" of the
 *   15-digit H3 index read as a number (< 2²⁸). Up to resolution 5 the last 7 hex digits of an
 *   H3 cell index are always "fffffff" (unused resolution digits are all ones), so the key keeps
 *   every bit that tells cells apart and {@link h3OfKey} gives the index back.
 *
 * This module does not load h3-js (PRIO-GRID is all the first frame needs); the H3 grids are in
 * `h3Grid.ts`, which the app loads when the grid is switched.
 */
import { cellCentroid, gidOf, neighbours, ringDistance, type LonLat } from './grid';

/** The grids of the app: PRIO-GRID 0.5°, H3 resolution 4, H3 resolution 5. */
export const GRID_IDS = ['prio', 'h3r4', 'h3r5'] as const;
export type GridId = (typeof GRID_IDS)[number];

/** A grid of whole-number cell ids. */
export interface GridSystem {
  id: GridId;
  /** Plain-language name ("PRIO-GRID 0.5°", "H3 resolution 4"). */
  label: string;
  /** Mean cell area in km² (PRIO-GRID: at the equator; H3: h3-js `getHexagonAreaAvg`). */
  meanAreaKm2: number;
  /**
   * The shortest distance between the centres of two neighbouring cells, in km (for turning a
   * reach in km into rings): PRIO-GRID 55.5 × cos(lat) km, H3 √3 × the smallest edge.
   */
  minSpacingKm(lat: number): number;
  /** The cell of a point. Throws a RangeError for a coordinate outside the globe. */
  cellOf(lat: number, lon: number): number;
  /** The cells within r rings (r = 0: the cell alone), the cell itself included, ascending. */
  neighbours(cell: number, r: number): number[];
  /** The centre of a cell as [lon, lat]. */
  centroid(cell: number): LonLat;
  /** Rings between two cells (0 = the same cell; Infinity when H3 cannot count them). */
  ringDistance(a: number, b: number): number;
}

/** PRIO-GRID 0.5° (see grid.ts). */
export const PRIO_GRID: GridSystem = Object.freeze({
  id: 'prio' as const,
  label: 'PRIO-GRID 0.5°',
  // 0.5° × 0.5° at the equator: (40,075 / 720)² ≈ 3,098 km²; smaller towards the poles.
  meanAreaKm2: (40_075 / 720) ** 2,
  minSpacingKm: (lat: number) =>
    55.5 * Math.max(0.05, Math.cos(((Math.abs(lat) + 1) * Math.PI) / 180)),
  cellOf: gidOf,
  neighbours,
  centroid: cellCentroid,
  ringDistance,
});

/** The H3 resolutions the app offers. */
export type H3Resolution = 4 | 5;

/**
 * Mean H3 cell areas in km² (h3-js `getHexagonAreaAvg(res, 'km2')`, checked by a test), beside
 * PRIO-GRID's ≈ 3,100 km² at the equator.
 */
export const H3_MEAN_AREA_KM2: Readonly<Record<H3Resolution, number>> = {
  4: 1770.347654491307,
  5: 252.9038581819449,
};

/** Mean cell area of a grid in km² (PRIO-GRID: at the equator). */
export function meanAreaKm2(id: GridId): number {
  return id === 'prio' ? PRIO_GRID.meanAreaKm2 : H3_MEAN_AREA_KM2[id === 'h3r4' ? 4 : 5];
}

/** The H3 cell index of a key made by `h3Key` (h3Grid.ts). */
export function h3OfKey(key: number): string {
  return `8${key.toString(16).padStart(7, '0')}fffffff`;
}
