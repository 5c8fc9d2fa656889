/**
 * On-disk encoding of the built dataset (`public/data/`): what the pipeline writes and what the
 * browser and the headless analysis decode. Pure: no I/O; callers read / write the files.
 *
 * Every table file is a column-major JSON object ({@link EncodedTable}):
 *
 * ```json
 * { "table": "cell_years", "version": 1, "length": 2,
 *   "columns": ["gid", "year", "country", ...],
 *   "codecs": { "gid": "delta", "country": "dict" },
 *   "dicts": { "country": ["Central African Republic"] },
 *   "data": [[137213, 2], [2009, 0], [0, 0], ...] }
 * ```
 *
 * Codecs: `plain` (values as they are), `delta` (integers: first value, then differences to
 * the previous value), `dict` (string: index into `dicts[column]`, or null), `dictList` (list of
 * strings: list of indices into `dicts[column]`). Booleans are 0/1. Nested estimates are
 * flattened to one column per field (`osvBest`, `osvLow`, ...); the top perpetrators to
 * `top1Name`, `top1Class`, `top1Best`, ... `top3Best` (null where absent).
 */
import {
  IMPRECISE_LEVELS,
  type Base,
  type BaseMonth,
  type BaseYear,
  type CellMonth,
  type CellYear,
  type Coverage,
  type CellMonthsPending,
  type CellYearsPending,
  type Dataset,
  type Estimate,
  type HqLevel,
  type ImpreciseLevel,
  type Mission,
  type NamedPerpetrator,
  type Perpetrator,
  type PrecisionPart,
} from './dataset';
import * as typed from './columns';
import type { ColumnValue, TypedColumn, TypedTable } from './columns';
import {
  attachTables,
  CellYearTable,
  deriveDataset,
  detachTable,
  RowTable,
  tableOfDataset,
  type DatasetTables,
} from './cellYearTable';
import { perpetratorOf } from './perpetrator';

/** Version of the encoding; a decoder refuses files of another version. */
export const FORMAT_VERSION = 4;

/** File names under `public/data/`. */
export const DATA_FILES = {
  manifest: 'manifest.json',
  missions: 'missions.json',
  bases: 'bases.json',
  baseYears: 'base_years.json',
  baseMonths: 'base_months.json',
  cellYears: 'cell_years.json',
  cellMonths: 'cell_months.json',
  coverage: 'coverage.json',
  /** Every rejected source row: source, line, reason, detail. */
  rejects: 'rejects.csv',
  exportCellYearsCsv: 'export/cell_years.csv',
  exportBaseYearsCsv: 'export/base_years.csv',
  exportCellYearsParquet: 'export/cell_years.parquet',
  exportBaseYearsParquet: 'export/base_years.parquet',
} as const;

/** The JSON files a browser loads to get a {@link Dataset} (the manifest aside). */
export const DATASET_FILES = [
  DATA_FILES.missions,
  DATA_FILES.bases,
  DATA_FILES.baseYears,
  DATA_FILES.baseMonths,
  DATA_FILES.cellYears,
  DATA_FILES.cellMonths,
  DATA_FILES.coverage,
] as const;
export type DatasetFileName = (typeof DATASET_FILES)[number];

/** Exact column order of `export/cell_years.csv` (and `.parquet`). */
export const CELL_YEARS_EXPORT_COLUMNS = [
  'gid',
  'year',
  'lat',
  'lon',
  'country',
  'osv_fatalities',
  'osv_state_fatalities',
  'osv_nonstate_fatalities',
  'osv_events',
  'osv_fatalities_low',
  'osv_fatalities_high',
] as const;

/** Exact column order of `export/base_years.csv` (and `.parquet`). */
export const BASE_YEARS_EXPORT_COLUMNS = [
  'mission',
  'base_id',
  'location',
  'country',
  'year',
  'latitude',
  'longitude',
  'gid',
  'troops',
  'troops_min',
  'troops_max',
  'source_rows',
  'troops_from_maps',
  'hq',
  'zero_troops',
] as const;

/** A data file is missing, malformed or of another version. The message names the file. */
export class DataFormatError extends Error {
  readonly file: string;
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'DataFormatError';
    this.file = file;
  }
}

// ---------------------------------------------------------------------------------------------
// Generic column-major tables

export type Codec = 'plain' | 'delta' | 'dict' | 'dictList' | 'offset' | 'perpetrator';
type ColType = 'int' | 'num' | 'str' | 'bool' | 'strList';
/** One value of a table column before encoding (what a decoded row holds). */
export type { ColumnValue } from './columns';

/** A column-major table as stored in a `*.json` table file. */
export interface EncodedTable {
  table: string;
  version: number;
  length: number;
  columns: string[];
  codecs: Record<string, Codec>;
  dicts: Record<string, string[]>;
  /**
   * For `offset` columns: the earlier columns whose sum the stored value is relative to (a
   * leading `-` subtracts the column); for `perpetrator` columns: the name column.
   */
  bases?: Record<string, string[]>;
  /**
   * Sparse columns: column → an earlier column. Values are stored only for the rows where that
   * column is present (not null, 0 or false); the other rows are null (nullable columns) or 0.
   */
  masks?: Record<string, string>;
  data: unknown[][];
}

/** One column of a table spec: its name, value type, nullability and codec. */
export interface ColSpec {
  name: string;
  type: ColType;
  nullable?: boolean;
  codec?: Codec;
  /** `offset`: earlier columns whose sum is subtracted ('-name' adds); `perpetrator`: the name column. */
  base?: string[];
  /** Store values only where this earlier column is present, when that loses nothing. */
  mask?: string;
}

/** How a table is stored: its name, file, columns and row conversions. */
export interface TableSpec<T> {
  table: string;
  file: string;
  cols: ColSpec[];
  /** The row's values in column order (small tables) … */
  toRow?(item: T): ColumnValue[];
  /** … or one getter per column (large tables: no per-row arrays). */
  getters?: ((item: T) => ColumnValue)[];
  fromRow(row: ColumnValue[]): T;
}

/** A mask column's value marks a row present unless it is null, 0 or false. */
const present = (v: unknown): boolean => v !== null && v !== 0 && v !== false && v !== undefined;

/** What a sparse column holds on the rows its mask leaves out. */
const absentValue = (col: ColSpec): ColumnValue => (col.nullable ? null : 0);

/** Sign and column name of an offset base (`-name` subtracts). */
const baseRef = (b: string): [number, string] => (b.startsWith('-') ? [-1, b.slice(1)] : [1, b]);

/** Perpetrator class stored relative to the perpetrator rule: 0 = as the rule says for the name. */
const PERP_CODES: Record<Perpetrator, number> = { state: 1, nonstate: 2 };

/** Which rows a mask column marks present, and their indices. */
interface MaskRows {
  present: Uint8Array;
  rows: number[];
}

function maskRows(mask: ArrayLike<ColumnValue>): MaskRows {
  const flags = new Uint8Array(mask.length);
  const rows: number[] = [];
  for (let i = 0; i < mask.length; i++)
    if (present(mask[i])) {
      flags[i] = 1;
      rows.push(i);
    }
  return { present: flags, rows };
}

/** True when every row the mask leaves out holds the absent value (the mask loses nothing). */
function maskLossless(values: ArrayLike<ColumnValue>, m: MaskRows, absent: ColumnValue): boolean {
  const flags = m.present;
  for (let i = 0; i < values.length; i++) if (flags[i] === 0 && values[i] !== absent) return false;
  return true;
}

/** The values of `rows` (all rows when null), as a plain array. */
function gather(values: ArrayLike<ColumnValue>, rows: number[] | null): ColumnValue[] {
  if (rows === null) {
    if (Array.isArray(values)) return values as ColumnValue[];
    const out = new Array<ColumnValue>(values.length);
    for (let k = 0; k < values.length; k++) out[k] = values[k] as ColumnValue;
    return out;
  }
  const out = new Array<ColumnValue>(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k] as number] as ColumnValue;
  return out;
}

function encodeOffset(v: ColumnValue[], bases: [number, ColumnValue[]][]): unknown[] {
  const out = new Array<unknown>(v.length);
  for (let k = 0; k < v.length; k++) {
    const x = v[k] as number | null;
    if (x === null) {
      out[k] = null;
      continue;
    }
    let s = x;
    for (let r = 0; r < bases.length; r++) {
      const [sign, b] = bases[r] as [number, ColumnValue[]];
      s -= sign * ((b[k] as number | null) ?? 0);
    }
    out[k] = s;
  }
  return out;
}

function encodeDelta(v: ColumnValue[]): unknown[] {
  const out = new Array<unknown>(v.length);
  let prev = 0;
  for (let k = 0; k < v.length; k++) {
    const x = v[k] as number;
    out[k] = x - prev;
    prev = x;
  }
  return out;
}

/** Dictionary indices (first appearance order) and the dictionary. */
function encodeDict(v: ColumnValue[]): [unknown[], string[]] {
  const dict: string[] = [];
  const index = new Map<string, number>();
  const idx = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = dict.length;
      dict.push(s);
      index.set(s, i);
    }
    return i;
  };
  const out = new Array<unknown>(v.length);
  for (let k = 0; k < v.length; k++) {
    const x = v[k] as ColumnValue;
    out[k] = x === null ? null : Array.isArray(x) ? x.map(idx) : idx(String(x));
  }
  return [out, dict];
}

function encodePerpetrator(v: ColumnValue[], names: ColumnValue[]): unknown[] {
  const rule = new Map<string | null, Perpetrator>();
  const out = new Array<unknown>(v.length);
  for (let k = 0; k < v.length; k++) {
    const x = v[k] as Perpetrator | null;
    if (x === null) {
      out[k] = null;
      continue;
    }
    const name = names[k] as string | null;
    let byRule = rule.get(name);
    if (byRule === undefined) rule.set(name, (byRule = perpetratorOf(name)));
    out[k] = x === byRule ? 0 : PERP_CODES[x];
  }
  return out;
}

/** What a table file holds besides its data, filled in while its columns are encoded. */
interface TableMeta {
  codecs: Record<string, Codec>;
  bases: Record<string, string[]>;
  dicts: Record<string, string[]>;
  masks: Record<string, string>;
}

/**
 * Encodes a table's raw columns (`rawOf(name)`: one value per row, rows in the table's
 * canonical order) one column at a time, yielding each column's stored values and filling in
 * `meta.dicts` and `meta.masks` on the way (codecs and bases are known up front). Every codec
 * is exactly reversible for any input; a mask is applied only where the rows it leaves out
 * hold the absent value.
 */
function* encodeColumns<T>(
  spec: TableSpec<T>,
  length: number,
  rawOf: (name: string) => ArrayLike<ColumnValue>,
  meta: TableMeta,
): Generator<unknown[]> {
  const maskCache = new Map<string, MaskRows>();
  for (const col of spec.cols) {
    const values = rawOf(col.name);
    if (values.length !== length)
      throw new Error(`${spec.table}.${col.name}: ${values.length} values, expected ${length}`);
    let rows: number[] | null = null;
    if (col.mask) {
      let m = maskCache.get(col.mask);
      if (!m) maskCache.set(col.mask, (m = maskRows(rawOf(col.mask))));
      if (maskLossless(values, m, absentValue(col))) {
        rows = m.rows;
        meta.masks[col.name] = col.mask;
      }
    }
    const v = gather(values, rows);
    switch (col.codec ?? 'plain') {
      case 'offset':
        yield encodeOffset(
          v,
          (col.base ?? []).map((b) => {
            const [sign, name] = baseRef(b);
            return [sign, gather(rawOf(name), rows)];
          }),
        );
        break;
      case 'delta':
        yield encodeDelta(v);
        break;
      case 'dict':
      case 'dictList': {
        const [out, dict] = encodeDict(v);
        meta.dicts[col.name] = dict;
        yield out;
        break;
      }
      case 'perpetrator':
        yield encodePerpetrator(v, gather(rawOf(col.base?.[0] as string), rows));
        break;
      default:
        yield col.type === 'bool' ? v.map((x) => (x === null ? null : x ? 1 : 0)) : v;
    }
  }
}

function tableMeta<T>(spec: TableSpec<T>): TableMeta {
  const meta: TableMeta = { codecs: {}, bases: {}, dicts: {}, masks: {} };
  for (const col of spec.cols) {
    const codec = col.codec ?? 'plain';
    meta.codecs[col.name] = codec;
    if (codec === 'offset' || codec === 'perpetrator') meta.bases[col.name] = col.base ?? [];
  }
  return meta;
}

/** The fields of a table file before its data, in file order. */
function tableHead<T>(spec: TableSpec<T>, length: number, meta: TableMeta) {
  return {
    table: spec.table,
    version: FORMAT_VERSION,
    length,
    columns: spec.cols.map((c) => c.name),
    codecs: meta.codecs,
    ...(Object.keys(meta.bases).length ? { bases: meta.bases } : {}),
  };
}

/** Encodes a table from its raw columns (see {@link encodeColumns}). */
function encodeTable<T>(
  spec: TableSpec<T>,
  length: number,
  rawOf: (name: string) => ArrayLike<ColumnValue>,
): EncodedTable {
  const meta = tableMeta(spec);
  const data = [...encodeColumns(spec, length, rawOf, meta)];
  return {
    ...tableHead(spec, length, meta),
    data,
    dicts: meta.dicts,
    ...(Object.keys(meta.masks).length ? { masks: meta.masks } : {}),
  };
}

/**
 * The JSON text of {@link encodeTable}'s result, exactly as JSON.stringify writes it, in pieces:
 * the head, then one piece per column as it is encoded, then the dictionaries and masks. Lets a
 * writer compress (and write) a large table while the rest of it is still being encoded.
 */
function* encodeTableJson<T>(
  spec: TableSpec<T>,
  length: number,
  rawOf: (name: string) => ArrayLike<ColumnValue>,
): Generator<string> {
  const meta = tableMeta(spec);
  const head = JSON.stringify(tableHead(spec, length, meta));
  yield `${head.slice(0, -1)},"data":[`;
  let first = true;
  for (const column of encodeColumns(spec, length, rawOf, meta)) {
    yield `${first ? '' : ','}${JSON.stringify(column)}`;
    first = false;
  }
  const tail = JSON.stringify({
    dicts: meta.dicts,
    ...(Object.keys(meta.masks).length ? { masks: meta.masks } : {}),
  });
  yield `],${tail.slice(1)}`;
}

/** Encodes a table from row objects (already in canonical order). */
export function encodeItems<T>(spec: TableSpec<T>, items: readonly T[]): EncodedTable {
  const index = new Map(spec.cols.map((c, i) => [c.name, i]));
  const rows = spec.getters || !spec.toRow ? null : items.map((it) => spec.toRow!(it));
  const cache = new Map<string, ColumnValue[]>();
  return encodeTable(spec, items.length, (name) => {
    let values = cache.get(name);
    if (!values) {
      const c = index.get(name);
      if (c === undefined) throw new Error(`${spec.table}: no column "${name}"`);
      const get = spec.getters?.[c];
      values = get
        ? items.map((it) => get(it) ?? null)
        : (rows as ColumnValue[][]).map((r) => r[c] ?? null);
      cache.set(name, values);
    }
    return values;
  });
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** What a value of a column must be (the wording of a type error). */
function typeExpected(col: ColSpec, v: unknown): string {
  if (v === null) return `a ${col.type} (not null)`;
  switch (col.type) {
    case 'int':
      return 'a whole number';
    case 'num':
      return 'a number';
    case 'str':
      return 'a string';
    case 'bool':
      return '0 or 1';
    case 'strList':
      return 'a list of strings';
  }
}

const isNumber = (d: unknown): d is number => typeof d === 'number' && Number.isFinite(d);

// Bound once: the decoding loops call them per value (a module namespace read is not free where
// the modules are compiled to CommonJS, as under tsx).
const { columnValue, INT_MAX, INT_NULL, BOOL_NULL, numberAt, presentAt, setNull } = typed;

/** The classes a `perpetrator` column decodes to (its codes index this list). */
const PERP_DICT: readonly Perpetrator[] = ['state', 'nonstate'];

/** An empty column of `col`'s type for `length` rows (codes index `dict` for `str`). */
function newColumn(col: ColSpec, length: number, dict: readonly string[]): TypedColumn {
  switch (col.type) {
    case 'int':
      return { type: 'int', values: new Int32Array(length) };
    case 'num':
      return { type: 'num', values: new Float64Array(length) };
    case 'bool':
      return { type: 'bool', values: new Uint8Array(length) };
    case 'str':
      return { type: 'str', codes: new Int32Array(length), dict };
    case 'strList':
      return { type: 'strList', values: new Array<string[] | null>(length).fill(null) };
  }
}

// Decoding kernels: one small function per codec and value type, so that each is optimized on
// its own, early, with type feedback from one kind of column (a cold decode, as in a browser's
// single page load, runs mostly in code that has just been optimized). Each stores the values it
// can (whole numbers in ±INT_MAX, or valid indices) straight into the typed array and hands
// anything else to `slow`, which stores it or throws the error naming column and row; the values
// stored are those of the per-value path. `rows`: the rows of a sparse column (null: all rows).

/** Stores, or refuses, stored value k (the per-value path of a kernel). */
type Slow = (k: number, v: unknown) => void;

/** A whole number an `int` column stores as it is: in ±INT_MAX (INT_NULL is its null). */
const isStoredInt = (v: unknown): v is number =>
  typeof v === 'number' && (v | 0) === v && v !== INT_NULL;

/** `plain` whole numbers. */
function plainInts(values: unknown[], target: Int32Array, rows: Int32Array | null, slow: Slow) {
  const n = values.length;
  if (rows === null)
    for (let k = 0; k < n; k++) {
      const v = values[k];
      if (isStoredInt(v)) target[k] = v;
      else slow(k, v);
    }
  else
    for (let k = 0; k < n; k++) {
      const v = values[k];
      if (isStoredInt(v)) target[rows[k]!] = v;
      else slow(k, v);
    }
}

/**
 * `delta` whole numbers: `slow` gets the running sum where it is not a whole number in range;
 * `bad` is called (and throws) where a stored difference is not a finite number.
 */
function deltaInts(
  values: unknown[],
  target: Int32Array,
  rows: Int32Array | null,
  slow: Slow,
  bad: (k: number) => void,
) {
  const n = values.length;
  let acc = 0;
  for (let k = 0; k < n; k++) {
    const d = values[k];
    if (typeof d !== 'number') bad(k);
    acc += d as number;
    if (isStoredInt(acc)) target[rows === null ? k : rows[k]!] = acc;
    else {
      if (!Number.isFinite(d)) bad(k);
      slow(k, acc);
    }
  }
}

/**
 * `offset` whole numbers over whole-number bases (a null base counts 0): the stored value plus
 * each base times its sign. `slow` gets null, and a sum that is not a whole number in range;
 * `bad` is called (and throws) where a stored value is neither null nor a finite number.
 */
function offsetInts(
  values: unknown[],
  target: Int32Array,
  rows: Int32Array | null,
  bases: Int32Array[],
  signs: number[],
  slow: Slow,
  bad: (k: number) => void,
) {
  const n = values.length;
  const nb = bases.length;
  const b0 = nb > 0 ? bases[0]! : null;
  const s0 = nb > 0 ? signs[0]! : 0;
  for (let k = 0; k < n; k++) {
    const d = values[k];
    if (typeof d !== 'number') {
      if (d === null) slow(k, null);
      else bad(k);
      continue;
    }
    const i = rows === null ? k : rows[k]!;
    let s = d;
    if (b0 !== null) {
      const b = b0[i]!;
      if (b !== INT_NULL) s += s0 * b;
      for (let r = 1; r < nb; r++) {
        const x = bases[r]![i]!;
        if (x !== INT_NULL) s += signs[r]! * x;
      }
    }
    if (isStoredInt(s)) target[i] = s;
    else {
      if (!Number.isFinite(d)) bad(k);
      slow(k, s);
    }
  }
}

/** `dict` codes of a string column: indices below `size`; null as −1 where `nullable`. */
function dictCodes(
  values: unknown[],
  codes: Int32Array,
  rows: Int32Array | null,
  size: number,
  nullable: boolean,
  slow: Slow,
) {
  const n = values.length;
  for (let k = 0; k < n; k++) {
    const v = values[k];
    if (typeof v === 'number' && (v | 0) === v && v >= 0 && v < size)
      codes[rows === null ? k : rows[k]!] = v;
    else if (v === null && nullable) codes[rows === null ? k : rows[k]!] = -1;
    else slow(k, v);
  }
}

/** The rows where `mask` is present (not null, 0 or false), in order. */
function maskRowIndices(mask: TypedColumn, length: number): Int32Array {
  let count = 0;
  if (mask.type === 'int') {
    const m = mask.values;
    for (let i = 0; i < length; i++) {
      const v = m[i]!;
      if (v !== INT_NULL && v !== 0) count++;
    }
    const rows = new Int32Array(count);
    for (let i = 0, k = 0; i < length; i++) {
      const v = m[i]!;
      if (v !== INT_NULL && v !== 0) rows[k++] = i;
    }
    return rows;
  }
  for (let i = 0; i < length; i++) if (presentAt(mask, i)) count++;
  const rows = new Int32Array(count);
  for (let i = 0, k = 0; i < length; i++) if (presentAt(mask, i)) rows[k++] = i;
  return rows;
}

/**
 * Decodes a table file into typed columns ({@link TypedTable}): one pass per column straight into
 * its typed array (sparse columns scattered to the rows their mask marks present; each mask's
 * rows computed once). No object per row. Throws {@link DataFormatError} naming the file, the
 * column and the row (1-based) of the first bad value.
 */
export function decodeColumns<T>(spec: TableSpec<T>, raw: unknown): TypedTable {
  const file = spec.file;
  const fail = (problem: string): never => {
    throw new DataFormatError(file, problem);
  };
  if (raw === undefined || raw === null) fail('file is missing');
  if (!isRecord(raw)) return fail('expected a JSON object with a column-major table');
  if (raw.table !== spec.table)
    fail(`expected table "${spec.table}", found ${describe(raw.table)}`);
  if (raw.version !== FORMAT_VERSION)
    fail(
      `format version ${describe(raw.version)}, this app reads version ${FORMAT_VERSION}; rebuild the data with \`npm run data\``,
    );
  const n = raw.length;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
    fail(`"length" must be a whole number, found ${describe(n)}`);
  const length = n as number;
  if (!Array.isArray(raw.columns)) fail('"columns" must be a list of column names');
  if (!Array.isArray(raw.data)) fail('"data" must be a list of columns');
  const codecs = isRecord(raw.codecs) ? raw.codecs : {};
  const dicts = isRecord(raw.dicts) ? raw.dicts : {};
  const bases = isRecord(raw.bases) ? raw.bases : {};
  const masks = isRecord(raw.masks) ? raw.masks : {};
  const decoded = new Map<string, TypedColumn>();
  /** Mask column name → the rows it marks present. */
  const maskRowsOf = new Map<string, Int32Array>();
  const columns = raw.columns as unknown[];
  const data = raw.data as unknown[];
  for (const col of spec.cols) {
    const at = columns.indexOf(col.name);
    if (at < 0)
      return fail(
        `column "${col.name}" is missing (data of an older build: rebuild it with \`npm run data\`)`,
      );
    const values = data[at];
    if (!Array.isArray(values)) return fail(`column "${col.name}" has no data list`);
    // Sparse column: the rows its mask marks present, in order.
    let rows: Int32Array | null = null;
    const maskName = masks[col.name];
    if (maskName !== undefined) {
      const mask = typeof maskName === 'string' ? decoded.get(maskName) : undefined;
      if (!mask) return fail(`column "${col.name}" has no valid mask column`);
      rows = maskRowsOf.get(maskName as string) ?? null;
      if (rows === null) {
        rows = maskRowIndices(mask, length);
        maskRowsOf.set(maskName as string, rows);
      }
    }
    const count = rows ? rows.length : length;
    if (values.length !== count)
      fail(`column "${col.name}" has ${values.length} values, expected ${count}`);
    const codec = (codecs[col.name] ?? 'plain') as Codec;
    const nullable = col.nullable === true;
    const bad = (k: number, what: string): never =>
      fail(
        `column "${col.name}" row ${(rows ? rows[k]! : k) + 1}: expected ${what}, found ${describe(values[k])}`,
      );
    const baseCols = (): [number, TypedColumn][] => {
      const names = bases[col.name];
      if (
        !Array.isArray(names) ||
        names.some((b) => typeof b !== 'string' || !decoded.has(baseRef(b)[1]))
      )
        fail(`column "${col.name}" has no valid base columns`);
      return (names as string[]).map((b) => {
        const [sign, name] = baseRef(b);
        return [sign, decoded.get(name)!];
      });
    };
    let dict: readonly string[] = [];
    if (codec === 'dict' || codec === 'dictList') {
      const d = dicts[col.name];
      if (!Array.isArray(d) || d.some((s) => typeof s !== 'string'))
        fail(`column "${col.name}" has no string dictionary`);
      dict = d as string[];
    } else if (codec === 'perpetrator') dict = PERP_DICT;
    else if (col.type === 'str') dict = [];
    const out = newColumn(col, length, dict);
    // Rows the mask leaves out hold the absent value: null (nullable) or 0.
    if (rows && (nullable || out.type === 'str')) {
      if (out.type === 'int') out.values.fill(INT_NULL);
      else if (out.type === 'num') out.values.fill(NaN);
      else if (out.type === 'bool') out.values.fill(BOOL_NULL);
      else if (out.type === 'str') out.codes.fill(-1);
    }
    // A string column stored plain gets its own dictionary.
    const strIndex = out.type === 'str' && codec === 'plain' ? new Map<string, number>() : null;
    /** Stores the codec's value `v` of stored value k after its type check. */
    const put = (k: number, v: unknown): void => {
      const i = rows ? rows[k]! : k;
      if (v === null) {
        if (!nullable) bad(k, typeExpected(col, v));
        setNull(out, i);
        return;
      }
      switch (out.type) {
        case 'int':
          if (typeof v !== 'number' || !Number.isInteger(v)) bad(k, typeExpected(col, v));
          if ((v as number) > INT_MAX || (v as number) < -INT_MAX)
            bad(k, `a whole number within ±${INT_MAX}`);
          out.values[i] = v as number;
          return;
        case 'num':
          if (!isNumber(v)) bad(k, typeExpected(col, v));
          out.values[i] = v as number;
          return;
        case 'bool':
          if (v === 1 || v === true) out.values[i] = 1;
          else if (v === 0 || v === false) out.values[i] = 0;
          else bad(k, typeExpected(col, v));
          return;
        case 'str': {
          if (typeof v !== 'string') return bad(k, typeExpected(col, v));
          let c = strIndex!.get(v);
          if (c === undefined) {
            c = (out.dict as string[]).length;
            (out.dict as string[]).push(v);
            strIndex!.set(v, c);
          }
          out.codes[i] = c;
          return;
        }
        case 'strList':
          if (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))
            bad(k, typeExpected(col, v));
          out.values[i] = v as string[];
      }
    };
    if (codec === 'plain') {
      // The bulk of the data: whole numbers.
      if (out.type === 'int') plainInts(values, out.values, rows, put);
      else for (let k = 0; k < count; k++) put(k, values[k]);
    } else if (codec === 'delta') {
      const badDelta = (k: number): never => bad(k, 'a number (delta)');
      if (out.type === 'int') deltaInts(values, out.values, rows, put, badDelta);
      else {
        let acc = 0;
        for (let k = 0; k < count; k++) {
          const d: unknown = values[k];
          if (!isNumber(d)) badDelta(k);
          put(k, (acc += d as number));
        }
      }
    } else if (codec === 'offset') {
      const base = baseCols();
      const signs = base.map(([sign]) => sign);
      const cols = base.map(([, b]) => b);
      const badOffset = (k: number): never => bad(k, 'a number (offset)');
      // Whole numbers over whole-number bases (the fatality bounds): read the bases' arrays
      // directly (a null base counts 0, as numberAt); anything else goes through put.
      if (out.type === 'int' && cols.every((c) => c.type === 'int'))
        offsetInts(
          values,
          out.values,
          rows,
          cols.map((c) => (c as { values: Int32Array }).values),
          signs,
          put,
          badOffset,
        );
      else
        for (let k = 0; k < count; k++) {
          const d: unknown = values[k];
          if (d === null) {
            put(k, null);
            continue;
          }
          if (!isNumber(d)) badOffset(k);
          const i = rows ? rows[k]! : k;
          let s = d as number;
          for (let r = 0; r < cols.length; r++) s += signs[r]! * numberAt(cols[r]!, i);
          put(k, s);
        }
    } else if (codec === 'dict' || codec === 'dictList') {
      const size = dict.length;
      const isIndex = (d: unknown): d is number =>
        typeof d === 'number' && Number.isInteger(d) && d >= 0 && d < size;
      const what = `an index into the dictionary of ${size} entries`;
      if (codec === 'dict' && out.type === 'str')
        dictCodes(values, out.codes, rows, size, nullable, (k, v) =>
          v === null ? put(k, null) : bad(k, what),
        );
      else
        for (let k = 0; k < count; k++) {
          const v: unknown = values[k];
          if (v === null) put(k, null);
          else if (codec === 'dict') {
            if (!isIndex(v)) bad(k, what);
            put(k, dict[v as number]);
          } else if (!Array.isArray(v)) bad(k, 'a list of dictionary indices');
          else {
            const names = new Array<string>(v.length);
            for (let j = 0; j < v.length; j++) {
              const d: unknown = v[j];
              if (!isIndex(d)) bad(k, what);
              names[j] = dict[d as number]!;
            }
            put(k, names);
          }
        }
    } else if (codec === 'perpetrator') {
      const [[, names] = [1, null]] = baseCols();
      const byRule = new Map<string, number>();
      if (out.type !== 'str') fail(`column "${col.name}" must hold strings`);
      const codes = (out as { codes: Int32Array }).codes;
      // The class by the rule, per name code of a string name column (−2: not looked up yet).
      const nameCodes = names?.type === 'str' ? names.codes : null;
      const ruleOfCode = new Int32Array(names?.type === 'str' ? names.dict.length : 0).fill(-2);
      const byRuleOf = (k: number, name: unknown): number => {
        if (typeof name !== 'string') bad(k, 'a perpetrator name');
        let c = byRule.get(name as string);
        if (c === undefined)
          byRule.set(name as string, (c = PERP_DICT.indexOf(perpetratorOf(name as string))));
        return c;
      };
      for (let k = 0; k < count; k++) {
        const v: unknown = values[k];
        const i = rows ? rows[k]! : k;
        if (v === 0) {
          if (nameCodes !== null) {
            const code = nameCodes[i]!;
            let c = code < 0 ? -2 : ruleOfCode[code]!;
            if (c === -2) {
              c = byRuleOf(k, columnValue(names!, i));
              ruleOfCode[code] = c;
            }
            codes[i] = c;
          } else codes[i] = byRuleOf(k, names ? columnValue(names, i) : null);
        } else if (v === null) put(k, null);
        else if (v === 1) codes[i] = 0;
        else if (v === 2) codes[i] = 1;
        else bad(k, 'a perpetrator code 0, 1 or 2');
      }
    } else {
      fail(`column "${col.name}" has unknown codec ${describe(codec)}`);
    }
    decoded.set(col.name, out);
  }
  return { length, columns: decoded };
}

/**
 * Makes row objects of typed columns: `fromRow` of the row's values (in the spec's column
 * order) for each row asked for. Throws {@link DataFormatError} naming the row when `fromRow`
 * refuses one.
 */
export function rowReader<T>(spec: TableSpec<T>, table: TypedTable): (i: number) => T {
  const cols = spec.cols.map((c) => table.columns.get(c.name)!);
  const width = cols.length;
  const row = new Array<ColumnValue>(width);
  return (i) => {
    for (let c = 0; c < width; c++) row[c] = columnValue(cols[c]!, i);
    try {
      return spec.fromRow(row);
    } catch (e) {
      throw new DataFormatError(spec.file, `row ${i + 1}: ${(e as Error).message}`);
    }
  };
}

/**
 * Decodes a table file into row objects: {@link decodeColumns}, then one `fromRow` per row. For
 * the small tables; the big ones stay typed columns ({@link decodeCellYearTable}).
 */
export function decodeTable<T>(spec: TableSpec<T>, raw: unknown): T[] {
  const table = decodeColumns(spec, raw);
  const read = rowReader(spec, table);
  const items: T[] = new Array<T>(table.length);
  for (let i = 0; i < table.length; i++) items[i] = read(i);
  return items;
}
// ---------------------------------------------------------------------------------------------
// Table specs

/** Stored order: events first (the mask of the others), then best, low and high. */
const ESTIMATE_FIELDS = ['Events', 'Best', 'Low', 'High'] as const;
/**
 * Stored order: osv after its parts, so that it is stored as an offset from their sum; the
 * foreign-government part of osvState last (sparse).
 */
const ESTIMATES = [
  'osvState',
  'osvNonState',
  'stateBased',
  'nonStateConflict',
  'osv',
  'osvForeign',
] as const;

/**
 * Estimate columns. Best, low and high are stored only where the category has events (sparse);
 * low and high relative to best; every osv column relative to osvState + osvNonState. What is
 * left is mostly zeros, which compress to almost nothing.
 */
const estimateCols = (): ColSpec[] =>
  ESTIMATES.flatMap((e) =>
    ESTIMATE_FIELDS.map((f): ColSpec => {
      const name = `${e}${f}`;
      const mask = f === 'Events' ? {} : { mask: `${e}Events` };
      if (e === 'osv')
        return {
          name,
          type: 'int',
          codec: 'offset',
          base: [`osvState${f}`, `osvNonState${f}`],
          ...mask,
        };
      if (f === 'Low' || f === 'High')
        return { name, type: 'int', codec: 'offset', base: [`${e}Best`], ...mask };
      return { name, type: 'int', ...mask };
    }),
  );

const perpClass = (v: ColumnValue): Perpetrator => {
  if (v !== 'state' && v !== 'nonstate')
    throw new Error(`perpetrator class must be "state" or "nonstate", found ${describe(v)}`);
  return v;
};

const hqLevel = (v: ColumnValue): HqLevel => {
  if (v !== 0 && v !== 1 && v !== 2 && v !== 3)
    throw new Error(`hq must be 0, 1, 2 or 3, found ${describe(v)}`);
  return v;
};

/**
 * Top perpetrators: names only where the cell-year has OSV events; the class relative to the
 * perpetrator rule (0 = as the rule says for the name); top1Best relative to
 * osvBest − top2Best − top3Best (0 when the cell-year has at most three perpetrators).
 */
const TOP_COLS: ColSpec[] = [
  ...[1, 2, 3].map((k): ColSpec => ({
    name: `top${k}Name`,
    type: 'str',
    nullable: true,
    codec: 'dict',
    mask: 'osvEvents',
  })),
  ...[1, 2, 3].map((k): ColSpec => ({
    name: `top${k}Class`,
    type: 'str',
    nullable: true,
    codec: 'perpetrator',
    base: [`top${k}Name`],
    mask: `top${k}Name`,
  })),
  { name: 'top2Best', type: 'int', nullable: true, mask: 'top2Name' },
  { name: 'top3Best', type: 'int', nullable: true, mask: 'top3Name' },
  {
    name: 'top1Best',
    type: 'int',
    nullable: true,
    codec: 'offset',
    base: ['osvBest', '-top2Best', '-top3Best'],
    mask: 'top1Name',
  },
];

/** Perpetrator classes of the imprecise-event columns and the estimate that holds them. */
const PRECISION_CLASSES = [
  ['State', 'state', 'osvStateEvents'],
  ['Foreign', 'foreign', 'osvForeignEvents'],
  ['NonState', 'nonState', 'osvNonStateEvents'],
] as const;

/**
 * Imprecise events (GED where_prec 6 and 7) per class: `osvP6StateEvents`, `osvP6StateBest`, …
 * Events only where the class has any OSV event at all, best only where it has imprecise
 * events: almost every row stores nothing.
 */
const PRECISION_COLS: ColSpec[] = IMPRECISE_LEVELS.flatMap((level) =>
  PRECISION_CLASSES.flatMap(([suffix, , mask]): ColSpec[] => [
    { name: `osvP${level}${suffix}Events`, type: 'int', mask },
    { name: `osvP${level}${suffix}Best`, type: 'int', mask: `osvP${level}${suffix}Events` },
  ]),
);

const CELL_YEAR_COLS: ColSpec[] = [
  { name: 'year', type: 'int', codec: 'delta' },
  { name: 'gid', type: 'int', codec: 'delta' },
  { name: 'country', type: 'str', codec: 'dict' },
  { name: 'region', type: 'str', nullable: true, codec: 'dict' },
  ...estimateCols(),
  ...TOP_COLS,
  ...PRECISION_COLS,
];
const CY = new Map(CELL_YEAR_COLS.map((c, i) => [c.name, i]));
const cyAt = (name: string): number => CY.get(name) as number;

// Column positions of the cell-year fields, computed once (decoding reads them for every row).
interface EstimateAt {
  best: number;
  low: number;
  high: number;
  events: number;
}
const estimateAt = (e: string): EstimateAt => ({
  best: cyAt(`${e}Best`),
  low: cyAt(`${e}Low`),
  high: cyAt(`${e}High`),
  events: cyAt(`${e}Events`),
});
const CY_GID = cyAt('gid');
const CY_YEAR = cyAt('year');
const CY_COUNTRY = cyAt('country');
const CY_REGION = cyAt('region');
const CY_EST = {
  osv: estimateAt('osv'),
  osvState: estimateAt('osvState'),
  osvNonState: estimateAt('osvNonState'),
  osvForeign: estimateAt('osvForeign'),
  stateBased: estimateAt('stateBased'),
  nonStateConflict: estimateAt('nonStateConflict'),
};
const CY_TOP = [1, 2, 3].map((k) => ({
  name: cyAt(`top${k}Name`),
  cls: cyAt(`top${k}Class`),
  best: cyAt(`top${k}Best`),
}));
const precisionAt = (level: ImpreciseLevel) => {
  const at = (suffix: string) => ({
    events: cyAt(`osvP${level}${suffix}Events`),
    best: cyAt(`osvP${level}${suffix}Best`),
  });
  return { state: at('State'), foreign: at('Foreign'), nonState: at('NonState') };
};
const CY_PRECISION = { 6: precisionAt(6), 7: precisionAt(7) } as const;

/** The columns of `cell_years.json`, in stored order (see {@link encodeCellYearColumns}). */
export const CELL_YEAR_COLUMNS: readonly string[] = CELL_YEAR_COLS.map((c) => c.name);

/** Estimate column name → [estimate, field]. */
const ESTIMATE_COLUMN = new Map<string, readonly [(typeof ESTIMATES)[number], string]>(
  ESTIMATES.flatMap((e) => ESTIMATE_FIELDS.map((f) => [`${e}${f}`, [e, f] as const] as const)),
);

const estimateOf = (c: CellYear, e: (typeof ESTIMATES)[number], f: string): number => {
  const est = c[e];
  return f === 'Events' ? est.events : f === 'Best' ? est.best : f === 'Low' ? est.low : est.high;
};

const CELL_YEARS: TableSpec<CellYear> = {
  table: 'cell_years',
  file: DATA_FILES.cellYears,
  cols: CELL_YEAR_COLS,
  getters: CELL_YEAR_COLS.map((col): ((c: CellYear) => ColumnValue) => {
    const name = col.name;
    if (name === 'year') return (c) => c.year;
    if (name === 'gid') return (c) => c.gid;
    if (name === 'country') return (c) => c.country;
    if (name === 'region') return (c) => c.region ?? null;
    const top = /^top(\d)(Name|Class|Best)$/.exec(name);
    if (top) {
      const k = Number(top[1]) - 1;
      const f = top[2];
      return (c) => {
        const t = c.topPerpetrators[k];
        return t ? (f === 'Name' ? t.name : f === 'Class' ? t.perpetrator : t.best) : null;
      };
    }
    const prec = /^osvP(\d)(State|Foreign|NonState)(Events|Best)$/.exec(name);
    if (prec) {
      const level = Number(prec[1]) as ImpreciseLevel;
      const cls = PRECISION_CLASSES.find(([suffix]) => suffix === prec[2])![1];
      const f = prec[3] === 'Events' ? 'events' : 'best';
      return (c) => c.osvImprecise[level][cls][f];
    }
    const ef = ESTIMATE_COLUMN.get(name);
    if (!ef) throw new Error(`cell_years: no getter for ${name}`);
    const [e, f] = ef;
    return (c) => estimateOf(c, e, f);
  }),
  fromRow: (r) => {
    const est = (p: EstimateAt): Estimate => ({
      best: r[p.best] as number,
      low: r[p.low] as number,
      high: r[p.high] as number,
      events: r[p.events] as number,
    });
    const top: NamedPerpetrator[] = [];
    for (const t of CY_TOP) {
      const name = r[t.name] as string | null;
      if (name === null) continue;
      top.push({
        name,
        perpetrator: perpClass(r[t.cls] as ColumnValue),
        best: (r[t.best] as number | null) ?? 0,
      });
    }
    const part = (p: (typeof CY_PRECISION)[ImpreciseLevel]): PrecisionPart => ({
      state: { events: r[p.state.events] as number, best: r[p.state.best] as number },
      foreign: { events: r[p.foreign.events] as number, best: r[p.foreign.best] as number },
      nonState: { events: r[p.nonState.events] as number, best: r[p.nonState.best] as number },
    });
    return {
      gid: r[CY_GID] as number,
      year: r[CY_YEAR] as number,
      country: r[CY_COUNTRY] as string,
      region: r[CY_REGION] as string | null,
      osv: est(CY_EST.osv),
      osvState: est(CY_EST.osvState),
      osvNonState: est(CY_EST.osvNonState),
      osvForeign: est(CY_EST.osvForeign),
      osvImprecise: { 6: part(CY_PRECISION[6]), 7: part(CY_PRECISION[7]) },
      stateBased: est(CY_EST.stateBased),
      nonStateConflict: est(CY_EST.nonStateConflict),
      topPerpetrators: top,
    };
  },
};

const CELL_MONTH_COLS: ColSpec[] = [
  { name: 'year', type: 'int', codec: 'delta' },
  { name: 'month', type: 'int', codec: 'delta' },
  { name: 'gid', type: 'int', codec: 'delta' },
  { name: 'osvStateBest', type: 'int' },
  { name: 'osvNonStateBest', type: 'int' },
  { name: 'osvBest', type: 'int', codec: 'offset', base: ['osvStateBest', 'osvNonStateBest'] },
  { name: 'osvForeignBest', type: 'int', mask: 'osvStateBest' },
  { name: 'osvStateLow', type: 'int', codec: 'offset', base: ['osvStateBest'] },
  { name: 'osvStateHigh', type: 'int', codec: 'offset', base: ['osvStateBest'] },
  { name: 'osvNonStateLow', type: 'int', codec: 'offset', base: ['osvNonStateBest'] },
  { name: 'osvNonStateHigh', type: 'int', codec: 'offset', base: ['osvNonStateBest'] },
];

/** The columns of `cell_months.json`, in stored order (see {@link encodeCellMonthColumns}). */
export const CELL_MONTH_COLUMNS: readonly string[] = CELL_MONTH_COLS.map((c) => c.name);

const CELL_MONTHS: TableSpec<CellMonth> = {
  table: 'cell_months',
  file: DATA_FILES.cellMonths,
  cols: CELL_MONTH_COLS,
  getters: [
    (c) => c.year,
    (c) => c.month,
    (c) => c.gid,
    (c) => c.osvStateBest,
    (c) => c.osvNonStateBest,
    (c) => c.osvBest,
    (c) => c.osvForeignBest,
    (c) => c.osvStateLow,
    (c) => c.osvStateHigh,
    (c) => c.osvNonStateLow,
    (c) => c.osvNonStateHigh,
  ],
  fromRow: (r) => ({
    gid: r[2] as number,
    year: r[0] as number,
    month: r[1] as number,
    osvBest: r[5] as number,
    osvStateBest: r[3] as number,
    osvNonStateBest: r[4] as number,
    osvForeignBest: r[6] as number,
    osvStateLow: r[7] as number,
    osvStateHigh: r[8] as number,
    osvNonStateLow: r[9] as number,
    osvNonStateHigh: r[10] as number,
  }),
};

const BASES: TableSpec<Base> = {
  table: 'bases',
  file: DATA_FILES.bases,
  cols: [
    { name: 'id', type: 'str' },
    { name: 'mission', type: 'str', codec: 'dict' },
    { name: 'location', type: 'str' },
    { name: 'country', type: 'str', codec: 'dict' },
    { name: 'lat', type: 'num' },
    { name: 'lon', type: 'num' },
    { name: 'gid', type: 'int' },
  ],
  toRow: (b) => [b.id, b.mission, b.location, b.country, b.lat, b.lon, b.gid],
  fromRow: (r) => ({
    id: r[0] as string,
    mission: r[1] as string,
    location: r[2] as string,
    country: r[3] as string,
    lat: r[4] as number,
    lon: r[5] as number,
    gid: r[6] as number,
  }),
};

const BASE_YEARS: TableSpec<BaseYear> = {
  table: 'base_years',
  file: DATA_FILES.baseYears,
  cols: [
    { name: 'baseId', type: 'str', codec: 'dict' },
    { name: 'mission', type: 'str', codec: 'dict' },
    { name: 'year', type: 'int', codec: 'delta' },
    { name: 'troops', type: 'int', nullable: true },
    { name: 'troopsMin', type: 'int', nullable: true },
    { name: 'troopsMax', type: 'int', nullable: true },
    { name: 'troopsFromMaps', type: 'bool' },
    { name: 'sourceRows', type: 'int' },
    { name: 'hq', type: 'int' },
    { name: 'unpol', type: 'bool' },
    { name: 'unmo', type: 'bool' },
    { name: 'units', type: 'strList', codec: 'dictList' },
    { name: 'tcc', type: 'strList', codec: 'dictList' },
    { name: 'tccCount', type: 'int', nullable: true },
    { name: 'zeroTroops', type: 'bool' },
    { name: 'lat', type: 'num' },
    { name: 'lon', type: 'num' },
    { name: 'gid', type: 'int' },
  ],
  toRow: (b) => [
    b.baseId,
    b.mission,
    b.year,
    b.troops,
    b.troopsMin,
    b.troopsMax,
    b.troopsFromMaps,
    b.sourceRows,
    b.hq,
    b.unpol,
    b.unmo,
    b.units,
    b.tcc,
    b.tccCount,
    b.zeroTroops,
    b.lat,
    b.lon,
    b.gid,
  ],
  fromRow: (r) => ({
    baseId: r[0] as string,
    mission: r[1] as string,
    year: r[2] as number,
    troops: r[3] as number | null,
    troopsMin: r[4] as number | null,
    troopsMax: r[5] as number | null,
    troopsFromMaps: r[6] as boolean,
    sourceRows: r[7] as number,
    hq: hqLevel(r[8] as ColumnValue),
    unpol: r[9] as boolean,
    unmo: r[10] as boolean,
    units: r[11] as string[],
    tcc: r[12] as string[],
    tccCount: r[13] as number | null,
    zeroTroops: r[14] as boolean,
    lat: r[15] as number,
    lon: r[16] as number,
    gid: r[17] as number,
  }),
};

const BASE_MONTHS: TableSpec<BaseMonth> = {
  table: 'base_months',
  file: DATA_FILES.baseMonths,
  cols: [
    { name: 'baseId', type: 'str', codec: 'dict' },
    { name: 'mission', type: 'str', codec: 'dict' },
    { name: 'year', type: 'int', codec: 'delta' },
    { name: 'month', type: 'int', codec: 'delta' },
    { name: 'troops', type: 'int', nullable: true },
    { name: 'tcc', type: 'strList', codec: 'dictList' },
    { name: 'tccCount', type: 'int', nullable: true },
  ],
  toRow: (b) => [b.baseId, b.mission, b.year, b.month, b.troops, b.tcc, b.tccCount],
  fromRow: (r) => ({
    baseId: r[0] as string,
    mission: r[1] as string,
    year: r[2] as number,
    month: r[3] as number,
    troops: r[4] as number | null,
    tcc: r[5] as string[],
    tccCount: r[6] as number | null,
  }),
};

const MISSIONS: TableSpec<Mission> = {
  table: 'missions',
  file: DATA_FILES.missions,
  cols: [
    { name: 'id', type: 'str' },
    { name: 'countries', type: 'strList', codec: 'dictList' },
    { name: 'years', type: 'strList' },
    { name: 'west', type: 'num' },
    { name: 'south', type: 'num' },
    { name: 'east', type: 'num' },
    { name: 'north', type: 'num' },
  ],
  // Years as a compact range string list, e.g. ["2014-2024"] or ["1999", "2001-2003"].
  toRow: (m) => [m.id, m.countries, yearRanges(m.years), ...m.bbox],
  fromRow: (r) => ({
    id: r[0] as string,
    countries: r[1] as string[],
    years: parseYearRanges(r[2] as string[]),
    bbox: [r[3] as number, r[4] as number, r[5] as number, r[6] as number],
  }),
};

/** Ascending years as ranges: [2001, 2002, 2003, 2007] → ["2001-2003", "2007"]. */
export function yearRanges(years: readonly number[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < years.length) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === (years[j] as number) + 1) j++;
    out.push(j === i ? String(years[i]) : `${years[i]}-${years[j]}`);
    i = j + 1;
  }
  return out;
}

/** Inverse of {@link yearRanges}; throws on a malformed range. */
export function parseYearRanges(ranges: readonly string[]): number[] {
  const out: number[] = [];
  for (const r of ranges) {
    const m = /^(\d{4})(?:-(\d{4}))?$/.exec(r);
    if (!m) throw new Error(`malformed year range ${describe(r)}`);
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    if (b < a) throw new Error(`malformed year range ${describe(r)}`);
    for (let y = a; y <= b; y++) out.push(y);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Coverage

/** `coverage.json`: {@link Coverage} plus the table header fields. */
export interface EncodedCoverage extends Coverage {
  table: 'coverage';
  version: number;
}

function encodeCoverage(c: Coverage): EncodedCoverage {
  return {
    table: 'coverage',
    version: FORMAT_VERSION,
    gedVersions: c.gedVersions,
    years: c.years,
    scope: c.scope,
    countries: c.countries,
  };
}

function decodeCoverage(raw: unknown): Coverage {
  const file = DATA_FILES.coverage;
  const fail = (problem: string): never => {
    throw new DataFormatError(file, problem);
  };
  if (raw === undefined || raw === null) fail('file is missing');
  if (!isRecord(raw)) return fail('expected a JSON object');
  if (raw.version !== FORMAT_VERSION)
    fail(`format version ${describe(raw.version)}, this app reads version ${FORMAT_VERSION}`);
  const strings = (v: unknown, what: string): string[] => {
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))
      return fail(`"${what}" must be a list of strings, found ${describe(v)}`);
    return v as string[];
  };
  const years = raw.years;
  if (
    years !== null &&
    !(
      Array.isArray(years) &&
      years.length === 2 &&
      years.every((y) => typeof y === 'number' && Number.isInteger(y)) &&
      (years[0] as number) <= (years[1] as number)
    )
  )
    fail(`"years" must be [first, last] or null, found ${describe(years)}`);
  const scope = raw.scope;
  if (scope !== 'global' && scope !== 'countries' && scope !== 'none')
    fail(`"scope" must be "global", "countries" or "none", found ${describe(scope)}`);
  return {
    gedVersions: strings(raw.gedVersions, 'gedVersions'),
    years: years as [number, number] | null,
    scope: scope as Coverage['scope'],
    countries: strings(raw.countries, 'countries'),
  };
}

// ---------------------------------------------------------------------------------------------
// Dataset

/** The parsed JSON of each dataset file, keyed by file name (see {@link DATASET_FILES}). */
export type EncodedDataset = Record<DatasetFileName, unknown>;

/**
 * Encodes one file of a dataset (see {@link DATASET_FILES}); lets a writer encode, serialize and
 * release one table at a time.
 */
export function encodeDatasetFile(ds: Dataset, file: DatasetFileName): unknown {
  switch (file) {
    case DATA_FILES.missions:
      return encodeItems(MISSIONS, ds.missions);
    case DATA_FILES.bases:
      return encodeItems(BASES, ds.bases);
    case DATA_FILES.baseYears:
      return encodeItems(
        BASE_YEARS,
        [...ds.baseYears].sort((a, b) => a.year - b.year || cmp(a.baseId, b.baseId)),
      );
    case DATA_FILES.baseMonths:
      return encodeItems(
        BASE_MONTHS,
        [...ds.baseMonths].sort(
          (a, b) => a.year - b.year || a.month - b.month || cmp(a.baseId, b.baseId),
        ),
      );
    case DATA_FILES.cellYears:
      return encodeItems(
        CELL_YEARS,
        [...ds.cellYears].sort((a, b) => a.year - b.year || a.gid - b.gid),
      );
    case DATA_FILES.cellMonths:
      return encodeItems(
        CELL_MONTHS,
        [...ds.cellMonths].sort((a, b) => a.year - b.year || a.month - b.month || a.gid - b.gid),
      );
    case DATA_FILES.coverage:
      return encodeCoverage(ds.coverage);
  }
}

/** Raw column values of a table: one array per column name, one value per row. */
export type RawColumns = Readonly<Record<string, ArrayLike<ColumnValue>>>;

function columnsOf(table: string, names: readonly string[], cols: RawColumns) {
  return (name: string): ArrayLike<ColumnValue> => {
    const values = cols[name];
    if (!values || !names.includes(name)) throw new Error(`${table}: no column "${name}"`);
    return values;
  };
}

function assertSorted(table: string, length: number, keys: ArrayLike<ColumnValue>[]): void {
  for (let i = 1; i < length; i++) {
    for (const k of keys) {
      const a = k[i - 1] as number;
      const b = k[i] as number;
      if (a < b) break;
      if (a > b) throw new Error(`${table}: rows must be sorted (row ${i + 1} comes too late)`);
    }
  }
}

/**
 * Encodes `cell_years.json` straight from columns (the data build reads them column-wise from
 * DuckDB): one array per name in {@link CELL_YEAR_COLUMNS}, with the values a decoded row holds
 * (estimates as totals, names as strings, classes as "state" / "nonstate", null where there is
 * no such perpetrator), rows sorted by (year, gid). Gives exactly what {@link encodeDatasetFile}
 * gives for the same cell-years.
 */
export function encodeCellYearColumns(length: number, cols: RawColumns): EncodedTable {
  const rawOf = columnsOf('cell_years', CELL_YEAR_COLUMNS, cols);
  assertSorted('cell_years', length, [rawOf('year'), rawOf('gid')]);
  return encodeTable(CELL_YEARS, length, rawOf);
}

/**
 * Encodes `cell_months.json` straight from columns: one array per name in
 * {@link CELL_MONTH_COLUMNS}, rows sorted by (year, month, gid). Gives exactly what
 * {@link encodeDatasetFile} gives for the same cell-months.
 */
export function encodeCellMonthColumns(length: number, cols: RawColumns): EncodedTable {
  const rawOf = columnsOf('cell_months', CELL_MONTH_COLUMNS, cols);
  assertSorted('cell_months', length, [rawOf('year'), rawOf('month'), rawOf('gid')]);
  return encodeTable(CELL_MONTHS, length, rawOf);
}

/**
 * The JSON text of {@link encodeCellYearColumns}'s result (exactly what JSON.stringify writes),
 * in pieces: one per column as it is encoded.
 */
export function encodeCellYearColumnsJson(length: number, cols: RawColumns): Iterable<string> {
  const rawOf = columnsOf('cell_years', CELL_YEAR_COLUMNS, cols);
  assertSorted('cell_years', length, [rawOf('year'), rawOf('gid')]);
  return encodeTableJson(CELL_YEARS, length, rawOf);
}

/** The JSON text of {@link encodeCellMonthColumns}'s result, in pieces (see above). */
export function encodeCellMonthColumnsJson(length: number, cols: RawColumns): Iterable<string> {
  const rawOf = columnsOf('cell_months', CELL_MONTH_COLUMNS, cols);
  assertSorted('cell_months', length, [rawOf('year'), rawOf('month'), rawOf('gid')]);
  return encodeTableJson(CELL_MONTHS, length, rawOf);
}

/** Decodes the cell-years of a parsed `cell_years.json` (see {@link decodeDataset}). */
export function decodeCellYears(raw: unknown): CellYear[] {
  return decodeCellYearTable(raw).rows();
}

/** Decodes a table file into typed columns whose row objects are made when asked for. */
function decodeRowTable<T>(spec: TableSpec<T>, raw: unknown): RowTable<T> {
  const t = decodeColumns(spec, raw);
  return new RowTable(t.length, t.columns, rowReader(spec, t));
}

/**
 * Decodes a parsed `cell_years.json` into typed columns ({@link CellYearTable}); row objects are
 * made only when asked for.
 */
export function decodeCellYearTable(
  raw: unknown,
  file: string = DATA_FILES.cellYears,
): CellYearTable {
  const spec = file === CELL_YEARS.file ? CELL_YEARS : { ...CELL_YEARS, file };
  const t = decodeColumns(spec, raw);
  return new CellYearTable(t.length, t.columns, rowReader(spec, t));
}

/**
 * The cell-year columns that cell-years of another grid leave empty (they are summed from the
 * OSV events alone, `aggregateOsvEvents`): region, the state-based and non-state conflict
 * context and the top perpetrators. {@link encodeOsvCellYears} does not store them.
 */
const OSV_ONLY_OMITTED = (name: string): boolean =>
  name === 'region' ||
  name.startsWith('stateBased') ||
  name.startsWith('nonStateConflict') ||
  /^top\d/.test(name);

const OSV_CELL_YEARS: TableSpec<CellYear> = {
  ...CELL_YEARS,
  cols: CELL_YEAR_COLS.filter((c) => !OSV_ONLY_OMITTED(c.name)),
  getters: CELL_YEARS.getters!.filter((_, i) => !OSV_ONLY_OMITTED(CELL_YEAR_COLS[i]!.name)),
};

/**
 * Encodes cell-years of any grid whose cell ids are whole numbers (H3 keys) and that hold OSV
 * figures only (region, conflict context and top perpetrators empty, as `aggregateOsvEvents`
 * makes them), in the table format of `cell_years.json` without those columns; rows sorted by
 * (year, cell). {@link decodeOsvCellYearTable} reads it back.
 */
export function encodeOsvCellYears(rows: readonly CellYear[]): EncodedTable {
  for (const c of rows)
    if (
      c.region !== null ||
      c.topPerpetrators.length > 0 ||
      c.stateBased.events !== 0 ||
      c.nonStateConflict.events !== 0
    )
      throw new Error(`cell-year ${c.gid} ${c.year} holds more than OSV figures`);
  return encodeItems(
    OSV_CELL_YEARS,
    [...rows].sort((a, b) => a.year - b.year || a.gid - b.gid),
  );
}

/**
 * Decodes what {@link encodeOsvCellYears} wrote (`file` names it in errors): the stored columns,
 * and the left-out ones as empty (null region and perpetrators, zero context).
 */
export function decodeOsvCellYearTable(raw: unknown, file: string): CellYearTable {
  const t = decodeColumns({ ...OSV_CELL_YEARS, file }, raw);
  const columns = new Map(t.columns);
  for (const col of CELL_YEAR_COLS) {
    if (!OSV_ONLY_OMITTED(col.name)) continue;
    const out = newColumn(col, t.length, []);
    if (out.type === 'str') out.codes.fill(-1);
    else if (col.nullable && out.type === 'int') out.values.fill(INT_NULL);
    else if (col.nullable && out.type === 'num') out.values.fill(NaN);
    else if (col.nullable && out.type === 'bool') out.values.fill(BOOL_NULL);
    columns.set(col.name, out);
  }
  const full = { length: t.length, columns };
  return new CellYearTable(t.length, columns, rowReader({ ...CELL_YEARS, file }, full));
}

/**
 * A dataset's cell-years as the rows of a decoded table: `ds.cellYears` is made from `table` the
 * first time it is read, and `cellYearsOf(ds)` is `table` (no row objects for the typed readers).
 */
export function attachCellYearTable(ds: Dataset, table: CellYearTable): void {
  lazyRows(ds, 'cellYears', table);
  attachTables(ds, { cellYears: table });
}

/** Typed columns of row objects (by the spec's getters); the table's rows are those objects. */
function columnsFromRows<T>(spec: TableSpec<T>, rows: readonly T[]): Map<string, TypedColumn> {
  const columns = new Map<string, TypedColumn>();
  spec.cols.forEach((col, c) => {
    const get = spec.getters?.[c] ?? ((it: T) => spec.toRow!(it)[c] ?? null);
    const out = newColumn(col, rows.length, []);
    const index = new Map<string, number>();
    for (let i = 0; i < rows.length; i++) {
      const v = get(rows[i]!);
      if (v === null || v === undefined) setNull(out, i);
      else if (out.type === 'str') {
        let k = index.get(String(v));
        if (k === undefined) {
          index.set(String(v), (k = out.dict.length));
          (out.dict as string[]).push(String(v));
        }
        out.codes[i] = k;
      } else if (out.type === 'int' || out.type === 'num') out.values[i] = v as number;
      else if (out.type === 'bool') out.values[i] = v ? 1 : 0;
      else out.values[i] = v as string[];
    }
    columns.set(col.name, out);
  });
  return columns;
}

/** Typed columns of cell-years given as row objects; the table's rows are those objects. */
export function cellYearTableFromRows(rows: readonly CellYear[]): CellYearTable {
  return new CellYearTable(rows.length, columnsFromRows(CELL_YEARS, rows), (i) => rows[i]!);
}

/**
 * The cell-years of a dataset as typed columns: the table a decoded dataset was made from
 * (its `cellYears` are made from it only when read), else one made once from `ds.cellYears`.
 */
export function cellYearsOf(ds: Pick<Dataset, 'cellYears'>): CellYearTable {
  return tableOfDataset(ds, 'cellYears', cellYearTableFromRows);
}

/** The cell-months of a dataset as typed columns (see {@link cellYearsOf}). */
export function cellMonthsOf(ds: Pick<Dataset, 'cellMonths'>): RowTable<CellMonth> {
  return tableOfDataset(
    ds,
    'cellMonths',
    (rows) => new RowTable(rows.length, columnsFromRows(CELL_MONTHS, rows), (i) => rows[i]!),
  );
}

/**
 * Cell-year row objects as the columns {@link encodeCellYearColumns} takes (one array per name in
 * {@link CELL_YEAR_COLUMNS}, the values a decoded row holds), for code that holds rows rather
 * than the data build's columns (the demo build).
 */
export function cellYearRawColumns(rows: readonly CellYear[]): RawColumns {
  const out: Record<string, ColumnValue[]> = {};
  CELL_YEAR_COLS.forEach((col, c) => {
    const get = CELL_YEARS.getters![c]!;
    out[col.name] = rows.map(get);
  });
  return out;
}

/** Decodes a parsed `missions.json` (see {@link decodeDataset}). */
export function decodeMissions(raw: unknown): Mission[] {
  return decodeTable(MISSIONS, raw);
}

/** Decodes a parsed `cell_months.json` into typed columns (row objects made when asked for). */
export function decodeCellMonthTable(raw: unknown): RowTable<CellMonth> {
  return PART_DECODERS[DATA_FILES.cellMonths](raw);
}

/** Decodes the cell-months of a parsed `cell_months.json` (see {@link decodeDataset}). */
export function decodeCellMonths(raw: unknown): CellMonth[] {
  return decodeRowTable(CELL_MONTHS, raw).rows();
}

/** Encodes a dataset into the JSON values of its files (serialize each with JSON.stringify). */
export function encodeDataset(ds: Dataset): EncodedDataset {
  return Object.fromEntries(
    DATASET_FILES.map((f) => [f, encodeDatasetFile(ds, f)]),
  ) as EncodedDataset;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Makes `ds[key]` the rows of `table`, made the first time the property is read; assigning it
 * replaces them (and detaches the table).
 */
function lazyRows(
  ds: Dataset,
  key: 'cellYears' | 'cellMonths',
  table: RowTable<CellYear> | RowTable<CellMonth>,
): void {
  Object.defineProperty(ds, key, {
    enumerable: true,
    configurable: true,
    get: () => table.rows(),
    set: (rows: unknown) => {
      detachTable(ds, key);
      Object.defineProperty(ds, key, { value: rows, enumerable: true, writable: true });
    },
  });
}

/** The decoded parts of a dataset, one per file (see {@link datasetDecoder}). */
interface DatasetParts {
  [DATA_FILES.cellYears]: CellYearTable;
  [DATA_FILES.missions]: Mission[];
  [DATA_FILES.bases]: Base[];
  [DATA_FILES.baseYears]: BaseYear[];
  [DATA_FILES.baseMonths]: BaseMonth[];
  [DATA_FILES.cellMonths]: RowTable<CellMonth>;
  [DATA_FILES.coverage]: Coverage;
}

/** How each file decodes, in the order {@link decodeDataset} checks them. */
const PART_DECODERS: { [F in DatasetFileName]: (raw: unknown) => DatasetParts[F] } = {
  [DATA_FILES.cellYears]: decodeCellYearTable,
  [DATA_FILES.missions]: (raw) => decodeTable(MISSIONS, raw),
  [DATA_FILES.bases]: (raw) => decodeTable(BASES, raw),
  [DATA_FILES.baseYears]: (raw) => decodeTable(BASE_YEARS, raw),
  [DATA_FILES.baseMonths]: (raw) => decodeTable(BASE_MONTHS, raw),
  [DATA_FILES.cellMonths]: (raw) => decodeRowTable(CELL_MONTHS, raw),
  [DATA_FILES.coverage]: decodeCoverage,
};
const PART_ORDER = Object.keys(PART_DECODERS) as DatasetFileName[];

/** One file's decoding: its part, or the error its decoder threw. */
type PartResult = { ok: true; part: unknown } | { ok: false; error: unknown };

/**
 * Decodes a dataset file by file, as the files arrive ({@link decodeDataset} in steps): `add`
 * decodes one file's parsed JSON right away (a browser does it while the other files are still
 * downloading); `finish` assembles the dataset, throwing exactly what {@link decodeDataset} would
 * throw for the same files (the first failing file in its order, then the cross-file checks). A
 * file never added counts as missing.
 */
export function datasetDecoder(): {
  add(file: DatasetFileName, raw: unknown): void;
  /**
   * The dataset; `options` stand in for files that were not added (see {@link FinishOptions}).
   */
  finish(options?: FinishOptions): Dataset;
} {
  const results = new Map<DatasetFileName, PartResult>();
  const decode = (file: DatasetFileName, raw: unknown): PartResult => {
    try {
      return { ok: true, part: PART_DECODERS[file](raw) };
    } catch (error) {
      return { ok: false, error };
    }
  };
  return {
    add(file, raw) {
      if (file in PART_DECODERS) results.set(file, decode(file, raw));
    },
    finish(options = {}) {
      const parts = {} as Record<DatasetFileName, unknown>;
      for (const file of PART_ORDER) {
        if (options.cellMonthsPending && file === DATA_FILES.cellMonths) {
          parts[file] = emptyCellMonths();
          continue;
        }
        if (options.cellYears && file === DATA_FILES.cellYears) {
          parts[file] = options.cellYears.table;
          continue;
        }
        const r = results.get(file) ?? decode(file, undefined);
        if (!r.ok) throw r.error;
        parts[file] = r.part;
      }
      return assembleDataset(parts as unknown as DatasetParts, {
        cellMonths: options.cellMonthsPending,
        cellYears: options.cellYears?.pending,
      });
    },
  };
}

/** What {@link datasetDecoder}'s `finish` uses in place of files it was not given. */
export interface FinishOptions {
  /**
   * No `cell_months.json` (not needed): an empty table, and the dataset says why
   * (`cellMonthsPending`; see {@link withCellMonths}).
   */
  cellMonthsPending?: CellMonthsPending;
  /**
   * The cell-years decoded from part files instead of `cell_years.json`; with `pending`, they
   * are some countries' only and the dataset says so (`cellYearsPending`; see
   * {@link withCellYears}).
   */
  cellYears?: { table: CellYearTable; pending?: CellYearsPending };
}

/**
 * Decodes and validates the parsed JSON of the dataset files. Throws a {@link DataFormatError}
 * naming the file and the problem when a file is missing or malformed. Rows come back in the
 * stored order: cell-years by (year, gid), cell-months by (year, month, gid), base-years and
 * base-months by (year[, month], baseId).
 */
export function decodeDataset(files: Partial<Record<string, unknown>>): Dataset {
  const parts = {} as Record<DatasetFileName, unknown>;
  for (const file of PART_ORDER) parts[file] = PART_DECODERS[file](files[file]);
  return assembleDataset(parts as unknown as DatasetParts);
}

/** An empty cell-month table (the stand-in while the cell-months load). */
function emptyCellMonths(): RowTable<CellMonth> {
  return decodeRowTable(CELL_MONTHS, encodeItems(CELL_MONTHS, []));
}

/** Why a dataset's cell tables are incomplete (see {@link Dataset}); each absent when complete. */
interface Pendings {
  cellMonths?: CellMonthsPending;
  cellYears?: CellYearsPending;
}

/**
 * The dataset `ds` with the cell-months of a parsed `cell_months.json`: a new object that shares
 * every other table with `ds` (which is unchanged), so that selectors built per dataset see the
 * change. Throws a {@link DataFormatError} for a malformed file, as {@link decodeDataset} does.
 */
export function withCellMonths(ds: Dataset, raw: unknown): Dataset {
  return withCellMonthTable(ds, PART_DECODERS[DATA_FILES.cellMonths](raw));
}

/**
 * The dataset `ds` with a decoded cell-month table (complete): a new object, as
 * {@link withCellMonths} makes. Its cell-years stay as they are in `ds`, so caches keyed on
 * {@link datasetOrigin} survive.
 */
export function withCellMonthTable(ds: Dataset, cellMonths: RowTable<CellMonth>): Dataset {
  const next = replaceTables(ds, { cellMonths }, { cellYears: ds.cellYearsPending });
  deriveDataset(next, ds);
  return next;
}

/**
 * The dataset `ds`, still without cell-months, saying why (`pending`): a new object, as
 * {@link withCellMonths} makes.
 */
export function withCellMonthsPending(ds: Dataset, pending: CellMonthsPending): Dataset {
  const next = replaceTables(
    ds,
    { cellMonths: emptyCellMonths() },
    { cellMonths: pending, cellYears: ds.cellYearsPending },
  );
  deriveDataset(next, ds);
  return next;
}

/**
 * The dataset `ds` with another cell-year table: the complete one (`pending` absent, as after
 * the rest of `cell_years.json` arrived) or `ds`'s own with a new reason it is partial (its load
 * failed). A new object sharing every other table with `ds`; a new table starts a new
 * {@link datasetOrigin} (the caches that key on it read the cell-years), the same table keeps it.
 */
export function withCellYears(
  ds: Dataset,
  cellYears: CellYearTable,
  pending?: CellYearsPending,
): Dataset {
  const next = replaceTables(
    ds,
    { cellYears },
    { cellMonths: ds.cellMonthsPending, cellYears: pending },
  );
  if (cellYears === cellYearsOf(ds)) deriveDataset(next, ds);
  return next;
}

function replaceTables(ds: Dataset, tables: Partial<DatasetTables>, pending: Pendings): Dataset {
  return datasetOf(
    {
      missions: ds.missions,
      bases: ds.bases,
      baseYears: ds.baseYears,
      baseMonths: ds.baseMonths,
      coverage: ds.coverage,
      cellYears: tables.cellYears ?? cellYearsOf(ds),
      cellMonths: tables.cellMonths ?? cellMonthsOf(ds),
    },
    pending,
  );
}

/** The tables a dataset object is made of: its small lists, and its two cell tables as columns. */
type DatasetTablesIn = Pick<
  Dataset,
  'missions' | 'bases' | 'baseYears' | 'baseMonths' | 'coverage'
> &
  DatasetTables;

/**
 * The dataset object over its tables: the cell tables stay typed columns (attached), their row
 * objects made the first time they are read; `pending` says why a cell table is incomplete.
 */
function datasetOf(t: DatasetTablesIn, pending: Pendings = {}): Dataset {
  const ds = {
    missions: t.missions,
    bases: t.bases,
    baseYears: t.baseYears,
    baseMonths: t.baseMonths,
  } as Dataset;
  lazyRows(ds, 'cellYears', t.cellYears);
  lazyRows(ds, 'cellMonths', t.cellMonths);
  ds.coverage = t.coverage;
  if (pending.cellYears) ds.cellYearsPending = pending.cellYears;
  if (pending.cellMonths) ds.cellMonthsPending = pending.cellMonths;
  attachTables(ds, { cellYears: t.cellYears, cellMonths: t.cellMonths });
  return ds;
}

/** The dataset of its decoded parts, after the checks across files (base ids). */
function assembleDataset(parts: DatasetParts, pending: Pendings = {}): Dataset {
  const ds = datasetOf(
    {
      missions: parts[DATA_FILES.missions],
      bases: parts[DATA_FILES.bases],
      baseYears: parts[DATA_FILES.baseYears],
      baseMonths: parts[DATA_FILES.baseMonths],
      coverage: parts[DATA_FILES.coverage],
      cellYears: parts[DATA_FILES.cellYears],
      cellMonths: parts[DATA_FILES.cellMonths],
    },
    pending,
  );
  const baseIds = new Set(ds.bases.map((b) => b.id));
  ds.baseYears.forEach((by, i) => {
    if (!baseIds.has(by.baseId))
      throw new DataFormatError(
        DATA_FILES.baseYears,
        `row ${i + 1}: base "${by.baseId}" is not in ${DATA_FILES.bases}`,
      );
  });
  ds.baseMonths.forEach((bm, i) => {
    if (!baseIds.has(bm.baseId))
      throw new DataFormatError(
        DATA_FILES.baseMonths,
        `row ${i + 1}: base "${bm.baseId}" is not in ${DATA_FILES.bases}`,
      );
  });
  return ds;
}

// ---------------------------------------------------------------------------------------------
// Manifest

/** One source file the build read. */
export interface ManifestSource {
  /** Path relative to the source folder, e.g. `ucdp/GEDEvent_v23_1_CAR.csv`. */
  file: string;
  /** What the header says the file is. */
  kind: SourceKind;
  /** Source dataset and its version as far as known (from the file name), e.g. "23.1". */
  dataset: 'ucdp-ged' | 'geo-pko';
  version: string;
  bytes: number;
  sha256: string;
  /** Data rows read (header excluded). */
  rowsRead: number;
  rowsKept: number;
  rowsRejected: number;
  /** Rejected rows per reason code. */
  rejectedByReason: Record<string, number>;
  /**
   * The file's text encoding: "utf-8", or "windows-1252" for a Latin-1 / Windows-1252 file the
   * build converted to UTF-8 before reading (sha256 and bytes are of the file as it is).
   */
  encoding?: 'utf-8' | 'windows-1252';
}

/** Source file kinds, recognized by header. */
export type SourceKind =
  | 'ged-csv'
  | 'ged-geojson'
  | 'geopko-frontmap'
  | 'geopko-ttmap'
  | 'geopko-tccmap'
  | 'geopko-monthly';

/** One output file the build wrote. */
export interface ManifestOutput {
  /** Path relative to `public/data/`. */
  path: string;
  bytes: number;
  /** gzip size, for the browser files. */
  gzipBytes?: number;
}

/** `manifest.json`: what was built, from what, under which rules. */
export interface Manifest {
  table: 'manifest';
  version: number;
  /** ISO time the build finished. */
  builtAt: string;
  /** Wall-clock duration of the build in milliseconds. */
  buildMs: number;
  /** The source folder used and why (which rule of the search order picked it). */
  sourceDir: string;
  sourceDirReason: string;
  sources: ManifestSource[];
  versions: {
    ged: string[];
    geopko: string[];
    duckdb: string;
    pipeline: string;
  };
  /** Rule id → what the rule is (duplicate rule, base identity tolerance, ...). */
  rules: Record<string, string>;
  /**
   * The rejected-row limit: sources whose rejected share (not counting `notCounted` reasons) is
   * above `maxShare`, and whether the build was allowed anyway (`--allow-rejects`).
   */
  rejectLimit?: {
    maxShare: number;
    notCounted: string[];
    allowed: boolean;
    over: { file: string; rowsRead: number; rejected: number; share: number }[];
  };
  /** Rows read / kept / rejected across all sources. */
  totals: { rowsRead: number; rowsKept: number; rowsRejected: number };
  rejectedByReason: Record<string, number>;
  /** Output row counts per table. */
  counts: Record<string, number>;
  outputs: ManifestOutput[];
  /** The browser JSON files together, gzipped. */
  browserGzipBytes: number;
  coverage: Coverage;
}

/** Validates the parsed `manifest.json`; throws {@link DataFormatError} when malformed. */
export function decodeManifest(raw: unknown): Manifest {
  const file = DATA_FILES.manifest;
  const fail = (problem: string): never => {
    throw new DataFormatError(file, problem);
  };
  if (raw === undefined || raw === null) fail('file is missing');
  if (!isRecord(raw)) return fail('expected a JSON object');
  if (raw.version !== FORMAT_VERSION)
    fail(`format version ${describe(raw.version)}, this app reads version ${FORMAT_VERSION}`);
  const need = (key: string, type: 'string' | 'number' | 'object' | 'array'): void => {
    const v = raw[key];
    const ok =
      type === 'array' ? Array.isArray(v) : type === 'object' ? isRecord(v) : typeof v === type;
    if (!ok) fail(`"${key}" must be ${type === 'array' ? 'a list' : `a ${type}`}`);
  };
  need('builtAt', 'string');
  need('buildMs', 'number');
  need('sourceDir', 'string');
  need('sources', 'array');
  need('versions', 'object');
  need('rules', 'object');
  need('totals', 'object');
  need('rejectedByReason', 'object');
  need('counts', 'object');
  need('outputs', 'array');
  (raw.sources as unknown[]).forEach((s, i) => {
    if (
      !isRecord(s) ||
      typeof s.file !== 'string' ||
      typeof s.sha256 !== 'string' ||
      typeof s.rowsRead !== 'number' ||
      typeof s.rowsKept !== 'number' ||
      typeof s.rowsRejected !== 'number'
    )
      fail(`sources[${i}] must have file, sha256, rowsRead, rowsKept and rowsRejected`);
  });
  (raw.outputs as unknown[]).forEach((o, i) => {
    if (!isRecord(o) || typeof o.path !== 'string' || typeof o.bytes !== 'number')
      fail(`outputs[${i}] must have path and bytes`);
  });
  if (!isRecord(raw.coverage)) fail('"coverage" must be an object');
  const coverage = decodeCoverage({ ...(raw.coverage as object), version: FORMAT_VERSION });
  return { ...(raw as unknown as Manifest), coverage };
}

/**
 * The rows of several cell-year tables (the parts of a grid file, `mergeGridParts`) as one
 * table in (year, cell) order, each (year, cell) once: a cell-year held by two tables (a border
 * cell in two countries' parts) is the same row in both, and the first is kept. Typed columns
 * only: no row objects are made. One table is returned as it is.
 */
export function concatCellYearTables(tables: readonly CellYearTable[]): CellYearTable {
  if (tables.length === 1) return tables[0]!;
  let total = 0;
  for (const t of tables) total += t.length;
  // (year, cell, table, row) of every row, sorted; a repeated (year, cell) is skipped.
  const order = new Int32Array(total);
  const tableOf = new Int32Array(total);
  const rowOf = new Int32Array(total);
  let n = 0;
  tables.forEach((t, k) => {
    for (let r = 0; r < t.length; r++) {
      order[n] = n;
      tableOf[n] = k;
      rowOf[n++] = r;
    }
  });
  const yearAt = (i: number): number => tables[tableOf[i]!]!.year[rowOf[i]!]!;
  const gidAt = (i: number): number => tables[tableOf[i]!]!.gid[rowOf[i]!]!;
  order.sort((a, b) => yearAt(a) - yearAt(b) || gidAt(a) - gidAt(b) || a - b);
  const keep: number[] = [];
  for (let j = 0; j < total; j++) {
    const i = order[j]!;
    if (keep.length > 0) {
      const prev = keep[keep.length - 1]!;
      if (yearAt(prev) === yearAt(i) && gidAt(prev) === gidAt(i)) continue;
    }
    keep.push(i);
  }
  const length = keep.length;
  const columns = new Map<string, TypedColumn>();
  for (const col of CELL_YEAR_COLS) {
    const parts = tables.map((t) => t.columns.get(col.name)!);
    const first = parts[0]!;
    if (first.type === 'str') {
      // One dictionary: each table's codes mapped into it (−1, no value, stays −1).
      const dict: string[] = [];
      const at = new Map<string, number>();
      const maps = parts.map((p) =>
        (p as Extract<TypedColumn, { type: 'str' }>).dict.map((s) => {
          let c = at.get(s);
          if (c === undefined) at.set(s, (c = dict.push(s) - 1));
          return c;
        }),
      );
      const codes = new Int32Array(length);
      for (let j = 0; j < length; j++) {
        const i = keep[j]!;
        const c = (parts[tableOf[i]!] as Extract<TypedColumn, { type: 'str' }>).codes[rowOf[i]!]!;
        codes[j] = c < 0 ? c : maps[tableOf[i]!]![c]!;
      }
      columns.set(col.name, { type: 'str', codes, dict });
    } else if (first.type === 'strList') {
      const values = new Array<string[] | null>(length);
      for (let j = 0; j < length; j++) {
        const i = keep[j]!;
        values[j] = (parts[tableOf[i]!] as Extract<TypedColumn, { type: 'strList' }>).values[
          rowOf[i]!
        ]!;
      }
      columns.set(col.name, { type: 'strList', values });
    } else {
      const values =
        first.type === 'int'
          ? new Int32Array(length)
          : first.type === 'num'
            ? new Float64Array(length)
            : new Uint8Array(length);
      for (let j = 0; j < length; j++) {
        const i = keep[j]!;
        values[j] = (parts[tableOf[i]!] as { values: ArrayLike<number> }).values[rowOf[i]!]!;
      }
      columns.set(col.name, { type: first.type, values } as TypedColumn);
    }
  }
  const full = { length, columns };
  return new CellYearTable(length, columns, rowReader(CELL_YEARS, full));
}
