/**
 * The app's grid files (`grid_h3r4.json`, `grid_h3r5.json`), written by the data build and loaded
 * on the first switch to an H3 grid: the OSV events summed per hexagon-year (`aggregateOsvEvents`
 * in gridAggregate.ts, in the table format of `cell_years.json` without the columns it leaves empty, cells as the H3 keys of
 * gridSystem.ts) and the hexagon of every base coordinate, so that the browser aggregates nothing
 * and calls h3-js for no point. This module does not load h3-js (the loader imports it).
 *
 * The same cell-years are also cut per country (`grid_h3r5/index.json` and one part file per
 * country, {@link encodeGridParts}), so that a switch fetches and parses only the rows of the
 * mission's host countries: the part of a country holds every cell-year of every cell that has a
 * cell-year of that country or a base in that country (a border cell's other years included),
 * which is all the lag index, the year's hexagons and the comparison of a mission read
 * ({@link missionHostCountries}); the parts together, each cell-year once, are the whole file.
 */
import type { CellYearTable } from './cellYearTable';
import type { Base, BaseYear, CellYear } from './dataset';
import {
  concatCellYearTables,
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

/** The index of each H3 grid's part files (one per country, see {@link encodeGridParts}). */
export const GRID_PART_INDEX_FILES = {
  h3r4: 'grid_h3r4/index.json',
  h3r5: 'grid_h3r5/index.json',
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
  return {
    table: 'grid',
    version: GRID_FILE_VERSION,
    grid: grid.id,
    points: encodePoints(grid, dataset),
    cellYears: encodeOsvCellYears(cellYears),
  };
}

/** The grid cell of every base and base-year coordinate, sorted by latitude, then longitude. */
function encodePoints(
  grid: GridSystem,
  dataset: { bases: readonly Base[]; baseYears: readonly BaseYear[] },
): EncodedGridFile['points'] {
  const points = new Map<string, [number, number]>();
  for (const p of [...dataset.bases, ...dataset.baseYears])
    points.set(`${p.lat},${p.lon}`, [p.lat, p.lon]);
  const sorted = [...points.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    lat: sorted.map((p) => p[0]),
    lon: sorted.map((p) => p[1]),
    cell: sorted.map(([lat, lon]) => grid.cellOf(lat, lon)),
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
  const r = checkHeader(raw, 'grid', id, fail);
  const pointCells = decodePoints(r.points, fail);
  return { grid: id, cellYears: decodeOsvCellYearTable(r.cellYears, file), pointCells };
}

/**
 * The index of a grid's part files (`grid_h3r5/index.json`): the grid cell of every base
 * coordinate (as in {@link EncodedGridFile}) and, per country, its part file (relative to the
 * data folder) and row count.
 */
export interface EncodedGridIndex {
  table: 'gridIndex';
  version: number;
  grid: keyof typeof GRID_BROWSER_FILES;
  points: EncodedGridFile['points'];
  parts: { country: string; file: string; rows: number }[];
}

/** One country's part file (`grid_h3r5/democratic-republic-of-the-congo.json`). */
export interface EncodedGridPart {
  table: 'gridPart';
  version: number;
  grid: keyof typeof GRID_BROWSER_FILES;
  country: string;
  cellYears: EncodedTable;
}

/** A decoded part index: the cell of each base coordinate and the part file of each country. */
export interface GridPartIndex {
  grid: keyof typeof GRID_BROWSER_FILES;
  pointCells: Map<string, number>;
  /** Part file (relative to the data folder) by country. */
  parts: Map<string, string>;
}

/**
 * The file name of a country's part (here and in `cellYearParts.ts`): ASCII, lower case, words
 * joined by "-".
 */
export function partSlug(country: string): string {
  const s = country
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return s || 'country';
}

/**
 * The cells of each country's part file (the rule of the part files, H3 grids and PRIO-GRID
 * alike: see {@link encodeGridParts} and `cellYearParts.ts`): the cells with a cell-year of that
 * country (`addRows` calls `add` for each) and the cells holding one of its bases (the
 * coordinates of `bases` and `baseYears`, a base-year counted for its base's country; `cellOf`
 * gives a coordinate's cell). A part holds every cell-year of its cells, whatever their country,
 * so that a mission's host countries' parts hold every row its analysis reads: a border cell's
 * other years, and the cells of its bases.
 */
export function partCells(
  addRows: (add: (country: string, cell: number) => void) => void,
  dataset: { bases: readonly Base[]; baseYears: readonly BaseYear[] },
  cellOf: (p: { lat: number; lon: number; gid: number }) => number,
): Map<string, Set<number>> {
  const cellsOf = new Map<string, Set<number>>();
  const add = (country: string, cell: number): void => {
    let set = cellsOf.get(country);
    if (!set) cellsOf.set(country, (set = new Set()));
    set.add(cell);
  };
  addRows(add);
  const baseCountry = new Map(dataset.bases.map((b) => [b.id, b.country]));
  for (const b of dataset.bases) add(b.country, cellOf(b));
  for (const by of dataset.baseYears) {
    const country = baseCountry.get(by.baseId);
    if (country !== undefined) add(country, cellOf(by));
  }
  return cellsOf;
}

/**
 * The grid's cell-years cut per country: for each country that names a cell-year or has a base,
 * every cell-year (all countries, all years) of the cells that have a cell-year of that country
 * or hold one of its bases (the coordinates of `bases` and `baseYears`, a base-year counted for
 * its base's country); a country whose cells have no cell-year gets no part. Returns the index
 * (base coordinates as in {@link encodeGridFile}) and the part files by path
 * (`grid_h3r5/<country>.json`), countries in alphabetical order.
 */
export function encodeGridParts(
  grid: GridSystem,
  cellYears: readonly CellYear[],
  dataset: { bases: readonly Base[]; baseYears: readonly BaseYear[] },
): { index: EncodedGridIndex; parts: Map<string, EncodedGridPart> } {
  if (grid.id === 'prio') throw new Error('PRIO-GRID has no grid file');
  const id = grid.id;
  const points = encodePoints(grid, dataset);
  const pointCell = new Map(
    points.lat.map((lat, i) => [`${lat},${points.lon[i]}`, points.cell[i]!]),
  );
  const cellsOf = partCells(
    (add) => {
      for (const cy of cellYears) add(cy.country, cy.gid);
    },
    dataset,
    (p) => pointCell.get(`${p.lat},${p.lon}`)!,
  );
  const byCell = new Map<number, CellYear[]>();
  for (const cy of cellYears) {
    const list = byCell.get(cy.gid);
    if (list) list.push(cy);
    else byCell.set(cy.gid, [cy]);
  }
  const parts = new Map<string, EncodedGridPart>();
  const listed: EncodedGridIndex['parts'] = [];
  const used = new Set<string>();
  for (const country of [...cellsOf.keys()].sort()) {
    const rows = [...cellsOf.get(country)!].flatMap((cell) => byCell.get(cell) ?? []);
    if (rows.length === 0) continue; // bases only, in cells without violence: nothing to load
    let slug = partSlug(country);
    for (let k = 2; used.has(slug); k++) slug = `${partSlug(country)}-${k}`;
    used.add(slug);
    const file = `grid_${id}/${slug}.json`;
    parts.set(file, {
      table: 'gridPart',
      version: GRID_FILE_VERSION,
      grid: id,
      country,
      cellYears: encodeOsvCellYears(rows),
    });
    listed.push({ country, file, rows: rows.length });
  }
  return {
    index: {
      table: 'gridIndex',
      version: GRID_FILE_VERSION,
      grid: id,
      points,
      parts: listed,
    },
    parts,
  };
}

/** The checks every grid file shares: table, format version and grid. */
function checkHeader(
  raw: unknown,
  table: string,
  id: keyof typeof GRID_BROWSER_FILES,
  fail: (problem: string) => never,
): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null) return fail('expected a JSON object');
  const r = raw as Record<string, unknown>;
  if (r.table !== table) fail(`expected table "${table}", found ${JSON.stringify(r.table)}`);
  if (r.version !== GRID_FILE_VERSION)
    fail(
      `format version ${JSON.stringify(r.version)}, this app reads version ${GRID_FILE_VERSION}; rebuild the data with \`npm run data\``,
    );
  if (r.grid !== id) fail(`expected the grid "${id}", found ${JSON.stringify(r.grid)}`);
  return r;
}

/** The cell of each base coordinate of a grid file's `points`. */
function decodePoints(p: unknown, fail: (problem: string) => never): Map<string, number> {
  const q = p as Partial<EncodedGridFile['points']> | undefined;
  const n = Array.isArray(q?.lat) ? q.lat.length : -1;
  if (!q || n < 0 || !Array.isArray(q.lon) || !Array.isArray(q.cell))
    return fail('"points" must hold the lists "lat", "lon" and "cell"');
  if (q.lon.length !== n || q.cell.length !== n)
    fail('"points": "lat", "lon" and "cell" must be of the same length');
  const pointCells = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const [lat, lon, cell] = [q.lat![i], q.lon[i], q.cell[i]];
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
  return pointCells;
}

/**
 * Decodes a parsed part index (`grid_h3r5/index.json`) of the grid `id`. Throws a
 * {@link DataFormatError} naming the file when it is malformed or of another grid or version.
 */
export function decodeGridIndex(raw: unknown, id: keyof typeof GRID_BROWSER_FILES): GridPartIndex {
  const file = GRID_PART_INDEX_FILES[id];
  const fail = (problem: string): never => {
    throw new DataFormatError(file, problem);
  };
  const r = checkHeader(raw, 'gridIndex', id, fail);
  const pointCells = decodePoints(r.points, fail);
  if (!Array.isArray(r.parts)) fail('"parts" must be a list');
  const parts = new Map<string, string>();
  const prefix = `grid_${id}/`;
  for (const p of r.parts as unknown[]) {
    const q = p as Partial<EncodedGridIndex['parts'][number]> | null;
    if (
      typeof q?.country !== 'string' ||
      typeof q.file !== 'string' ||
      !q.file.startsWith(prefix) ||
      !/^[a-z0-9-]+\.json$/.test(q.file.slice(prefix.length))
    )
      fail(`"parts": ${JSON.stringify(p)} is not a country and its file under ${prefix}`);
    parts.set(q!.country!, q!.file!);
  }
  return { grid: id, pointCells, parts };
}

/**
 * Decodes a parsed part file (`file`, of the grid `id` and the country `country`) into its
 * cell-years. Throws a {@link DataFormatError} naming the file when it is malformed.
 */
export function decodeGridPart(
  raw: unknown,
  id: keyof typeof GRID_BROWSER_FILES,
  file: string,
  country: string,
): CellYearTable {
  const fail = (problem: string): never => {
    throw new DataFormatError(file, problem);
  };
  const r = checkHeader(raw, 'gridPart', id, fail);
  if (r.country !== country)
    fail(`expected the part of ${JSON.stringify(country)}, found ${JSON.stringify(r.country)}`);
  return decodeOsvCellYearTable(r.cellYears, file);
}

/**
 * The grid's rows for a set of countries: the parts' cell-years as one table (each cell-year
 * once, in (year, cell) order) and the index's base coordinates, as a {@link GridPrecomputed}.
 */
export function mergeGridParts(
  index: GridPartIndex,
  parts: readonly CellYearTable[],
): GridPrecomputed {
  return {
    grid: index.grid,
    cellYears:
      parts.length === 0
        ? decodeOsvCellYearTable(encodeOsvCellYears([]), '')
        : concatCellYearTables(parts),
    pointCells: index.pointCells,
  };
}
