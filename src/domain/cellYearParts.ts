/**
 * The cell-years cut per country (`cell_years/index.json` and one part file per country), so
 * that a browser draws its first frame from the mission's host countries' parts and loads the
 * rest of `cell_years.json` after it. A country's part holds, in the format and order of
 * `cell_years.json`, every cell-year of the cells that have a cell-year of that country or hold
 * one of its bases (`partCells`, the rule of the H3 grid parts), whatever the row's country: so
 * a mission's host countries' parts hold every row its map, details and lag analysis read (a
 * border cell's years of the neighbour, which end its coverage there). The index lists the parts
 * and, per mission, the countries its first frame needs ({@link missionHostCountries}, the rule
 * of the lag index). Pure.
 */
import type { CellYearTable } from './cellYearTable';
import type { Dataset } from './dataset';
import {
  CELL_YEAR_COLUMNS,
  DataFormatError,
  FORMAT_VERSION,
  decodeCellYearTable,
  encodeCellYearColumnsJson,
  type RawColumns,
} from './encoding';
import { partCells, partSlug } from './gridFile';
import { missionHostCountries } from './lagIndex';

/** The index of the parts, under the data folder. */
export const CELL_YEAR_PARTS_INDEX = 'cell_years/index.json';

/** The folder of the part files, under the data folder. */
const PARTS_FOLDER = 'cell_years/';

/** The stored index ({@link CELL_YEAR_PARTS_INDEX}). */
export interface EncodedCellYearPartsIndex {
  table: 'cellYearParts';
  version: number;
  /** Rows of `cell_years.json` (parts share the rows of cells they share). */
  rows: number;
  /**
   * One entry per country whose cells have a cell-year, in alphabetical order: `rows` in the
   * part, `own` of them the country's own (the rest are other countries' years of its cells).
   */
  parts: { country: string; file: string; rows: number; own: number }[];
  /** Per mission id, the countries whose cell-years its mission view reads. */
  hosts: Record<string, string[]>;
}

/** A decoded index. */
export interface CellYearPartsIndex {
  /** Part file (relative to the data folder), its rows and the country's own rows, by country. */
  parts: Map<string, { file: string; rows: number; own: number }>;
  /** Host countries by mission id (see {@link missionHostCountries}). */
  hosts: Map<string, readonly string[]>;
}

/**
 * The cell-years (columns of `cell_years.json`, sorted by year and cell) cut per country (see the
 * module comment): the index and each part's JSON text in pieces by file path
 * (`cell_years/<country>.json`); a country whose cells have no cell-year gets no part.
 * `dataset` gives the bases and the missions' host countries.
 */
export function encodeCellYearParts(
  length: number,
  cols: RawColumns,
  dataset: Pick<Dataset, 'missions' | 'bases' | 'baseYears'>,
): { index: EncodedCellYearPartsIndex; parts: Map<string, Iterable<string>> } {
  const country = cols.country;
  const gid = cols.gid;
  if (!country || !gid) throw new Error('cell_years: no column "country" or "gid"');
  const rowsOfCell = new Map<number, number[]>();
  for (let i = 0; i < length; i++) {
    const g = gid[i] as number;
    const list = rowsOfCell.get(g);
    if (list) list.push(i);
    else rowsOfCell.set(g, [i]);
  }
  const cellsOf = partCells(
    (add) => {
      for (let i = 0; i < length; i++) {
        const c = country[i];
        if (typeof c !== 'string') throw new Error(`cell_years: row ${i + 1} has no country`);
        add(c, gid[i] as number);
      }
    },
    dataset,
    (p) => p.gid,
  );
  const used = new Set<string>();
  const listed: EncodedCellYearPartsIndex['parts'] = [];
  const parts = new Map<string, Iterable<string>>();
  for (const c of [...cellsOf.keys()].sort()) {
    // Ascending row numbers: the order of cell_years.json (year, then cell).
    const rows = [...cellsOf.get(c)!].flatMap((g) => rowsOfCell.get(g) ?? []).sort((a, b) => a - b);
    if (rows.length === 0) continue; // bases only, in cells without violence: nothing to load
    let slug = partSlug(c);
    for (let k = 2; used.has(slug); k++) slug = `${partSlug(c)}-${k}`;
    used.add(slug);
    const file = `${PARTS_FOLDER}${slug}.json`;
    const sub: Record<string, ArrayLike<unknown>> = {};
    for (const name of CELL_YEAR_COLUMNS) {
      const all = cols[name];
      if (!all) throw new Error(`cell_years: no column "${name}"`);
      sub[name] = rows.map((i) => all[i]);
    }
    parts.set(file, encodeCellYearColumnsJson(rows.length, sub as RawColumns));
    const own = rows.filter((i) => country[i] === c).length;
    listed.push({ country: c, file, rows: rows.length, own });
  }
  const hosts: Record<string, string[]> = {};
  for (const m of [...dataset.missions].sort((a, b) => (a.id < b.id ? -1 : 1)))
    hosts[m.id] = missionHostCountries(dataset, m.id);
  return {
    index: { table: 'cellYearParts', version: FORMAT_VERSION, rows: length, parts: listed, hosts },
    parts,
  };
}

/**
 * Decodes a parsed index. Throws a {@link DataFormatError} naming the file when it is not one
 * (another table, another format version, a part outside `cell_years/`).
 */
export function decodeCellYearPartsIndex(raw: unknown): CellYearPartsIndex {
  const fail = (problem: string): never => {
    throw new DataFormatError(CELL_YEAR_PARTS_INDEX, problem);
  };
  const r = raw as Partial<EncodedCellYearPartsIndex> | null;
  if (typeof r !== 'object' || r === null || r.table !== 'cellYearParts')
    fail('not an index of cell-year parts');
  if (r!.version !== FORMAT_VERSION)
    fail(
      `format version ${String(r!.version)}, this app reads ${FORMAT_VERSION}: rebuild the data`,
    );
  if (!Array.isArray(r!.parts)) fail('"parts" must be a list');
  const parts = new Map<string, { file: string; rows: number; own: number }>();
  for (const p of r!.parts!) {
    const q = p as Partial<EncodedCellYearPartsIndex['parts'][number]> | null;
    if (
      typeof q?.country !== 'string' ||
      typeof q.file !== 'string' ||
      !/^cell_years\/[a-z0-9-]+\.json$/.test(q.file) ||
      !Number.isInteger(q.rows) ||
      !Number.isInteger(q.own) ||
      q.own! < 0 ||
      q.own! > q.rows!
    )
      fail(
        `"parts": ${JSON.stringify(p)} is not a country, its file under ${PARTS_FOLDER}, its rows and its own rows`,
      );
    parts.set(q!.country!, { file: q!.file!, rows: q!.rows!, own: q!.own! });
  }
  const h = r!.hosts as unknown;
  if (typeof h !== 'object' || h === null || Array.isArray(h)) fail('"hosts" must be an object');
  const hosts = new Map<string, readonly string[]>();
  for (const [id, list] of Object.entries(h as Record<string, unknown>)) {
    if (!Array.isArray(list) || !list.every((c) => typeof c === 'string'))
      fail(`"hosts" of ${JSON.stringify(id)} must be a list of countries`);
    hosts.set(id, list as string[]);
  }
  return { parts, hosts };
}

/**
 * Decodes a parsed part file (`file`, listed with `rows` rows) into its cell-years. Throws a
 * {@link DataFormatError} naming the file when it is malformed or holds another number of rows
 * (a part of another build).
 */
export function decodeCellYearPart(raw: unknown, file: string, rows: number): CellYearTable {
  const table = decodeCellYearTable(raw, file);
  if (table.length !== rows)
    throw new DataFormatError(
      file,
      `${table.length} rows where cell_years/index.json lists ${rows}: rebuild the data`,
    );
  return table;
}
