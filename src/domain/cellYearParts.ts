/**
 * The cell-years cut per country (`cell_years/index.json` and one part file per country), so
 * that a browser draws its first frame from the mission's host countries' rows and loads the rest
 * of `cell_years.json` after it. A part holds the rows of `cell_years.json` whose `country` is
 * its country, in the same format and order; the index lists the parts and, per mission, the
 * countries its first frame needs ({@link missionHostCountries}, the rule of the lag index). Pure.
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
import { partSlug } from './gridFile';
import { missionHostCountries } from './lagIndex';

/** The index of the parts, under the data folder. */
export const CELL_YEAR_PARTS_INDEX = 'cell_years/index.json';

/** The folder of the part files, under the data folder. */
const PARTS_FOLDER = 'cell_years/';

/** The stored index ({@link CELL_YEAR_PARTS_INDEX}). */
export interface EncodedCellYearPartsIndex {
  table: 'cellYearParts';
  version: number;
  /** Rows of `cell_years.json` (the sum of the parts'). */
  rows: number;
  /** One entry per country with at least one cell-year, in alphabetical order. */
  parts: { country: string; file: string; rows: number }[];
  /** Per mission id, the countries whose cell-years its mission view reads. */
  hosts: Record<string, string[]>;
}

/** A decoded index. */
export interface CellYearPartsIndex {
  /** Part file (relative to the data folder) by country. */
  parts: Map<string, string>;
  /** Host countries by mission id (see {@link missionHostCountries}). */
  hosts: Map<string, readonly string[]>;
}

/**
 * The cell-years (columns of `cell_years.json`, sorted by year and cell) cut per country: the
 * index and each part's JSON text in pieces by file path (`cell_years/<country>.json`).
 * `dataset` gives the missions' host countries.
 */
export function encodeCellYearParts(
  length: number,
  cols: RawColumns,
  dataset: Pick<Dataset, 'missions' | 'bases' | 'baseYears'>,
): { index: EncodedCellYearPartsIndex; parts: Map<string, Iterable<string>> } {
  const country = cols.country;
  if (!country) throw new Error('cell_years: no column "country"');
  const rowsOf = new Map<string, number[]>();
  for (let i = 0; i < length; i++) {
    const c = country[i];
    if (typeof c !== 'string') throw new Error(`cell_years: row ${i + 1} has no country`);
    let list = rowsOf.get(c);
    if (!list) rowsOf.set(c, (list = []));
    list.push(i);
  }
  const used = new Set<string>();
  const listed: EncodedCellYearPartsIndex['parts'] = [];
  const parts = new Map<string, Iterable<string>>();
  for (const c of [...rowsOf.keys()].sort()) {
    const rows = rowsOf.get(c)!;
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
    listed.push({ country: c, file, rows: rows.length });
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
  const parts = new Map<string, string>();
  for (const p of r!.parts!) {
    const q = p as Partial<EncodedCellYearPartsIndex['parts'][number]> | null;
    if (
      typeof q?.country !== 'string' ||
      typeof q.file !== 'string' ||
      !/^cell_years\/[a-z0-9-]+\.json$/.test(q.file)
    )
      fail(`"parts": ${JSON.stringify(p)} is not a country and its file under ${PARTS_FOLDER}`);
    parts.set(q!.country!, q!.file!);
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
 * Decodes a parsed part file (`file`, the part of `country`) into its cell-years. Throws a
 * {@link DataFormatError} naming the file when it is malformed or holds another country's rows.
 */
export function decodeCellYearPart(raw: unknown, file: string, country: string): CellYearTable {
  const table = decodeCellYearTable(raw, file);
  for (let i = 0; i < table.length; i++) {
    const c = table.countries[table.country[i]!];
    if (c !== country)
      throw new DataFormatError(
        file,
        `row ${i + 1} is a cell-year of ${JSON.stringify(c ?? null)}, not of ${JSON.stringify(country)}`,
      );
  }
  return table;
}
