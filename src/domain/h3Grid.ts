/**
 * The H3 grids (h3-js) of resolutions 4 and 5 as {@link GridSystem}s: cells are the whole-number
 * keys of gridSystem.ts, reach is the k-ring (`gridDisk`), a point's cell is `latLngToCell`.
 * Loaded by the app only when the grid is switched to H3 (h3-js is large).
 */
import { cellToLatLng, gridDisk, gridDistance, isValidCell, latLngToCell } from 'h3-js';
import type { LonLat } from './grid';
import {
  H3_MEAN_AREA_KM2,
  PRIO_GRID,
  h3OfKey,
  type GridId,
  type GridSystem,
  type H3Resolution,
} from './gridSystem';

/** The key of an index that h3-js itself returned (no validation: the hot path). */
const keyOf = (h3: string): number => parseInt(h3.slice(1, 8), 16);

/** The whole-number key of an H3 cell index of resolution 0–5 (see the module comment). */
export function h3Key(h3: string): number {
  if (h3.length !== 15 || h3[0] !== '8' || !h3.endsWith('fffffff') || !isValidCell(h3))
    throw new RangeError(`not an H3 cell of resolution 0–5: "${h3}"`);
  return parseInt(h3.slice(1, 8), 16);
}

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
    meanAreaKm2: H3_MEAN_AREA_KM2[res],
    minSpacingKm: () => spacing,
    cellOf: (lat: number, lon: number) => {
      if (
        !Number.isFinite(lat) ||
        !Number.isFinite(lon) ||
        Math.abs(lat) > 90 ||
        Math.abs(lon) > 180
      )
        throw new RangeError(`coordinate out of range: lat ${lat}, lon ${lon}`);
      return keyOf(latLngToCell(lat, lon, res));
    },
    neighbours: (cell: number, r: number) => {
      if (!Number.isInteger(r) || r < 0)
        throw new RangeError(`ring radius must be a whole number ≥ 0, got ${r}`);
      return gridDisk(h3OfKey(cell), r)
        .map(keyOf)
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
