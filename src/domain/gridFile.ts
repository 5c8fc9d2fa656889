/**
 * The app's grid files (`grid_h3r4.json`, `grid_h3r5.json`), written by the data build and loaded
 * on the first switch to an H3 grid: the OSV events summed per hexagon-year (`aggregateOsvEvents`
 * in gridAggregate.ts, in the table format of `cell_years.json` without the columns it leaves empty, cells as the H3 keys of
 * gridSystem.ts) and the hexagon of every base coordinate, so that the browser aggregates nothing
 * and calls h3-js for no point. This module does not load h3-js (the loader imports it).
 */
import type { CellYearTable } from './cellYearTable';
import type { Base, BaseYear, CellYear } from './dataset';
import {
  DataFormatError,
  decodeOsvCellYearTable,
  encodeOsvCellYears,
  type EncodedTable,
} from './encoding';
import type { GridSystem } from './gridSystem';

/** The browser files of the H3 grids (loaded on the first switch to the grid). */
export const GRID_BROWSER_FILES = {
  h3r4: 'grid_h3r4.json',
  h3r5: 'grid_h3r5.json',
} as const;

/** Format version of the grid files. */
export const GRID_FILE_VERSION = 1;

/**
 * A grid file (`grid_h3r4.json`): the OSV events summed per cell-year of the grid
 * ({@link aggregateOsvEvents}, in the table format of `cell_years.json`, cells as H3 keys) and
 * the grid cell of every base coordinate (`points`, sorted by latitude, then longitude).
 */
export interface EncodedGridFile {
  table: 'grid';
  version: number;
  grid: keyof typeof GRID_BROWSER_FILES;
  points: { lat: number[]; lon: number[]; cell: number[] };
  cellYears: EncodedTable;
}

/** A decoded grid file. */
export interface GridPrecomputed {
  grid: keyof typeof GRID_BROWSER_FILES;
  /** The cell-years of the grid (cell ids are the grid's whole-number keys). */
  cellYears: CellYearTable;
  /** The cell of each base coordinate, by `${lat},${lon}`. */
  pointCells: Map<string, number>;
}

/**
 * Encodes the grid file of an H3 grid: `cellYears` from {@link aggregateOsvEvents} and the cell of
 * every base and base-year coordinate of `dataset`.
 */
export function encodeGridFile(
  grid: GridSystem,
  cellYears: readonly CellYear[],
  dataset: { bases: readonly Base[]; baseYears: readonly BaseYear[] },
): EncodedGridFile {
  if (grid.id === 'prio') throw new Error('PRIO-GRID has no grid file');
  const points = new Map<string, [number, number]>();
  for (const p of [...dataset.bases, ...dataset.baseYears])
    points.set(`${p.lat},${p.lon}`, [p.lat, p.lon]);
  const sorted = [...points.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    table: 'grid',
    version: GRID_FILE_VERSION,
    grid: grid.id,
    points: {
      lat: sorted.map((p) => p[0]),
      lon: sorted.map((p) => p[1]),
      cell: sorted.map(([lat, lon]) => grid.cellOf(lat, lon)),
    },
    cellYears: encodeOsvCellYears(cellYears),
  };
}

/**
 * Decodes a parsed grid file of the grid `id`. Throws a {@link DataFormatError} naming the file
 * when it is malformed or of another grid or version.
 */
export function decodeGridFile(raw: unknown, id: keyof typeof GRID_BROWSER_FILES): GridPrecomputed {
  const file = GRID_BROWSER_FILES[id];
  const fail = (problem: string): never => {
    throw new DataFormatError(file, problem);
  };
  if (typeof raw !== 'object' || raw === null) return fail('expected a JSON object');
  const r = raw as Partial<EncodedGridFile>;
  if (r.table !== 'grid') fail(`expected table "grid", found ${JSON.stringify(r.table)}`);
  if (r.version !== GRID_FILE_VERSION)
    fail(
      `format version ${JSON.stringify(r.version)}, this app reads version ${GRID_FILE_VERSION}; rebuild the data with \`npm run data\``,
    );
  if (r.grid !== id) fail(`expected the grid "${id}", found ${JSON.stringify(r.grid)}`);
  const p = r.points;
  const n = Array.isArray(p?.lat) ? p.lat.length : -1;
  if (!p || n < 0 || !Array.isArray(p.lon) || !Array.isArray(p.cell))
    return fail('"points" must hold the lists "lat", "lon" and "cell"');
  if (p.lon.length !== n || p.cell.length !== n)
    fail('"points": "lat", "lon" and "cell" must be of the same length');
  const pointCells = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const [lat, lon, cell] = [p.lat[i], p.lon[i], p.cell[i]];
    if (
      typeof lat !== 'number' ||
      typeof lon !== 'number' ||
      typeof cell !== 'number' ||
      !Number.isInteger(cell) ||
      cell < 0
    )
      fail(`"points": row ${i + 1} is not [lat, lon, cell]`);
    pointCells.set(`${lat},${lon}`, cell!);
  }
  return { grid: id, cellYears: decodeOsvCellYearTable(r.cellYears, file), pointCells };
}
