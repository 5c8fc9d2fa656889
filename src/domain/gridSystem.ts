/**
 * The grids the analysis can run on: PRIO-GRID 0.5° (the default, `grid.ts`) and H3 hexagons of
 * resolution 4 or 5 (h3-js). The lag analysis and the aggregation only need what a
 * {@link GridSystem} gives: the cell of a point, the cells within r rings of a cell, a cell's
 * centre and the ring distance of two cells. Cells are whole numbers on every grid, so the typed
 * arrays of the lag index serve all of them:
 *
 * - PRIO-GRID: the gid (1 … 259,200).
 * - H3 (resolutions 0–5): the {@link h3Key}, the 7 hex digits after the leading "8" of the
 *   15-digit H3 index read as a number (< 2²⁸). Up to resolution 5 the last 7 hex digits of an
 *   H3 cell index are always "fffffff" (unused resolution digits are all ones), so the key keeps
 *   every bit that tells cells apart and {@link h3OfKey} gives the index back.
 */
import {
  cellToLatLng,
  getHexagonAreaAvg,
  gridDisk,
  gridDistance,
  isValidCell,
  latLngToCell,
} from 'h3-js';
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

/** The whole-number key of an H3 cell index of resolution 0–5 (see the module comment). */
export function h3Key(h3: string): number {
  if (h3.length !== 15 || h3[0] !== '8' || !h3.endsWith('fffffff') || !isValidCell(h3))
    throw new RangeError(`not an H3 cell of resolution 0–5: "${h3}"`);
  return parseInt(h3.slice(1, 8), 16);
}

/** The H3 cell index of a key made by {@link h3Key}. */
export function h3OfKey(key: number): string {
  return `8${key.toString(16).padStart(7, '0')}fffffff`;
}

/** The H3 resolutions the app offers. */
export type H3Resolution = 4 | 5;

const h3Grids = new Map<H3Resolution, GridSystem>();

/** The H3 grid of a resolution (4 or 5). */
export function h3Grid(res: H3Resolution): GridSystem {
  let g = h3Grids.get(res);
  if (g) return g;
  // The smallest hexagons of a resolution (near the pentagons) have edges ≈ 0.7 × the mean.
  const spacing = Math.sqrt(3) * 0.7 * (res === 4 ? 26.07 : 9.854);
  g = Object.freeze({
    id: res === 4 ? ('h3r4' as const) : ('h3r5' as const),
    label: `H3 resolution ${res}`,
    meanAreaKm2: getHexagonAreaAvg(res, 'km2'),
    minSpacingKm: () => spacing,
    cellOf: (lat: number, lon: number) => {
      if (
        !Number.isFinite(lat) ||
        !Number.isFinite(lon) ||
        Math.abs(lat) > 90 ||
        Math.abs(lon) > 180
      )
        throw new RangeError(`coordinate out of range: lat ${lat}, lon ${lon}`);
      return h3Key(latLngToCell(lat, lon, res));
    },
    neighbours: (cell: number, r: number) => {
      if (!Number.isInteger(r) || r < 0)
        throw new RangeError(`ring radius must be a whole number ≥ 0, got ${r}`);
      return gridDisk(h3OfKey(cell), r)
        .map(h3Key)
        .sort((a, b) => a - b);
    },
    centroid: (cell: number): LonLat => {
      const [lat, lon] = cellToLatLng(h3OfKey(cell));
      return [lon, lat];
    },
    ringDistance: (a: number, b: number) => {
      // h3-js throws for cells too far apart (or across a pentagon) to count rings: far enough.
      try {
        return gridDistance(h3OfKey(a), h3OfKey(b));
      } catch {
        return Infinity;
      }
    },
  });
  h3Grids.set(res, g);
  return g;
}

/** The grid of an id. */
export function gridSystem(id: GridId): GridSystem {
  return id === 'prio' ? PRIO_GRID : h3Grid(id === 'h3r4' ? 4 : 5);
}

/** The cell id as users and files read it: the gid on PRIO-GRID, the H3 index on H3. */
export function cellIdText(grid: GridSystem, cell: number): string {
  return grid.id === 'prio' ? String(cell) : h3OfKey(cell);
}
