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
import type {
  Base,
  BaseMonth,
  BaseYear,
  CellMonth,
  CellYear,
  Coverage,
  Dataset,
  Estimate,
  HqLevel,
  Mission,
  NamedPerpetrator,
  Perpetrator,
} from './dataset';

/** Version of the encoding; a decoder refuses files of another version. */
export const FORMAT_VERSION = 1;

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

export type Codec = 'plain' | 'delta' | 'dict' | 'dictList' | 'offset';
type ColType = 'int' | 'num' | 'str' | 'bool' | 'strList';
type Value = number | string | boolean | null | string[];

/** A column-major table as stored in a `*.json` table file. */
export interface EncodedTable {
  table: string;
  version: number;
  length: number;
  columns: string[];
  codecs: Record<string, Codec>;
  dicts: Record<string, string[]>;
  /** For `offset` columns: the columns whose sum the stored value is relative to. */
  bases?: Record<string, string[]>;
  data: unknown[][];
}

interface ColSpec {
  name: string;
  type: ColType;
  nullable?: boolean;
  codec?: Codec;
  /** `offset` codec: earlier columns whose sum is subtracted (mostly zeros remain). */
  base?: string[];
}

interface TableSpec<T> {
  table: string;
  file: string;
  cols: ColSpec[];
  /** The row's values in column order (small tables) … */
  toRow?(item: T): Value[];
  /** … or one getter per column (large tables: no per-row arrays). */
  getters?: ((item: T) => Value)[];
  fromRow(row: Value[]): T;
}

function encodeTable<T>(spec: TableSpec<T>, items: readonly T[]): EncodedTable {
  const n = items.length;
  const getters = spec.getters;
  const toRow = spec.toRow;
  const rows = getters || !toRow ? null : items.map((it) => toRow(it));
  const codecs: Record<string, Codec> = {};
  const dicts: Record<string, string[]> = {};
  const bases: Record<string, string[]> = {};
  const raw = new Map<string, Value[]>();
  const data = spec.cols.map((col, c) => {
    const codec = col.codec ?? 'plain';
    codecs[col.name] = codec;
    const get = getters?.[c];
    const values = get
      ? items.map((it) => get(it) ?? null)
      : (rows as Value[][]).map((r) => r[c] ?? null);
    raw.set(col.name, values);
    if (codec === 'offset') {
      const base = (col.base ?? []).map((b) => raw.get(b) as number[]);
      bases[col.name] = col.base ?? [];
      return values.map((v, i) => (v as number) - base.reduce((a, b) => a + (b[i] as number), 0));
    }
    if (codec === 'delta') {
      let prev = 0;
      return values.map((v) => {
        const d = (v as number) - prev;
        prev = v as number;
        return d;
      });
    }
    if (codec === 'dict' || codec === 'dictList') {
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
      dicts[col.name] = dict;
      return values.map((v) =>
        v === null ? null : Array.isArray(v) ? v.map(idx) : idx(String(v)),
      );
    }
    if (col.type === 'bool') return values.map((v) => (v === null ? null : v ? 1 : 0));
    return values;
  });
  return {
    table: spec.table,
    version: FORMAT_VERSION,
    length: n,
    columns: spec.cols.map((c) => c.name),
    codecs,
    dicts,
    ...(Object.keys(bases).length ? { bases } : {}),
    data,
  };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function decodeTable<T>(spec: TableSpec<T>, raw: unknown): T[] {
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
  const decodedByName = new Map<string, unknown[]>();
  const columns = raw.columns as unknown[];
  const data = raw.data as unknown[];
  const decoded: Value[][] = spec.cols.map((col) => {
    const at = columns.indexOf(col.name);
    if (at < 0) return fail(`column "${col.name}" is missing`);
    const values = data[at];
    if (!Array.isArray(values)) return fail(`column "${col.name}" has no data list`);
    if (values.length !== length)
      fail(`column "${col.name}" has ${values.length} values, expected ${length}`);
    const codec = (codecs[col.name] ?? 'plain') as Codec;
    const bad = (i: number, what: string): never =>
      fail(`column "${col.name}" row ${i + 1}: expected ${what}, found ${describe(values[i])}`);
    let out: unknown[] = values;
    if (codec === 'offset') {
      const names = bases[col.name];
      if (!Array.isArray(names) || names.some((b) => !decodedByName.has(b as string)))
        fail(`column "${col.name}" has no valid offset base columns`);
      const base = (names as string[]).map((b) => decodedByName.get(b) as number[]);
      out = values.map((d, i) => {
        if (typeof d !== 'number' || !Number.isFinite(d)) bad(i, 'a number (offset)');
        return base.reduce((a, b) => a + (b[i] as number), d as number);
      });
    } else if (codec === 'delta') {
      let acc = 0;
      out = values.map((d, i) => {
        if (typeof d !== 'number' || !Number.isFinite(d)) bad(i, 'a number (delta)');
        acc += d as number;
        return acc;
      });
    } else if (codec === 'dict' || codec === 'dictList') {
      const dict = dicts[col.name];
      if (!Array.isArray(dict) || dict.some((s) => typeof s !== 'string'))
        fail(`column "${col.name}" has no string dictionary`);
      const list = dict as string[];
      const lookup = (i: number, k: unknown): string => {
        if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k >= list.length)
          return bad(i, `an index into the dictionary of ${list.length} entries`);
        return list[k] as string;
      };
      out = values.map((v, i) => {
        if (v === null) return null;
        if (codec === 'dictList') {
          if (!Array.isArray(v)) return bad(i, 'a list of dictionary indices');
          return v.map((k) => lookup(i, k));
        }
        return lookup(i, v);
      });
    } else if (codec !== 'plain') {
      fail(`column "${col.name}" has unknown codec ${describe(codec)}`);
    }
    const checked = out.map((v, i) => {
      if (v === null) {
        if (!col.nullable) bad(i, `a ${col.type} (not null)`);
        return null;
      }
      switch (col.type) {
        case 'int':
          if (typeof v !== 'number' || !Number.isInteger(v)) bad(i, 'a whole number');
          return v as number;
        case 'num':
          if (typeof v !== 'number' || !Number.isFinite(v)) bad(i, 'a number');
          return v as number;
        case 'str':
          if (typeof v !== 'string') bad(i, 'a string');
          return v as string;
        case 'bool':
          if (v !== 0 && v !== 1 && v !== true && v !== false) bad(i, '0 or 1');
          return v === 1 || v === true;
        case 'strList':
          if (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))
            bad(i, 'a list of strings');
          return v as string[];
      }
      return v as Value;
    });
    decodedByName.set(col.name, checked);
    return checked;
  });
  const items: T[] = new Array<T>(length);
  const row: Value[] = new Array<Value>(spec.cols.length);
  for (let i = 0; i < length; i++) {
    for (let c = 0; c < decoded.length; c++) row[c] = (decoded[c] as Value[])[i] as Value;
    try {
      items[i] = spec.fromRow(row);
    } catch (e) {
      fail(`row ${i + 1}: ${(e as Error).message}`);
    }
  }
  return items;
}

// ---------------------------------------------------------------------------------------------
// Table specs

const ESTIMATE_FIELDS = ['Best', 'Low', 'High', 'Events'] as const;
/** Stored order: osv after its parts, so that it is stored as an offset from their sum. */
const ESTIMATES = ['osvState', 'osvNonState', 'osv', 'stateBased', 'nonStateConflict'] as const;

/**
 * Estimate columns. Low and high are stored relative to best, all osv columns relative to
 * osvState + osvNonState: mostly zeros, which compress to almost nothing.
 */
const estimateCols = (): ColSpec[] =>
  ESTIMATES.flatMap((e) =>
    ESTIMATE_FIELDS.map((f): ColSpec => {
      const name = `${e}${f}`;
      if (e === 'osv')
        return { name, type: 'int', codec: 'offset', base: [`osvState${f}`, `osvNonState${f}`] };
      if (f === 'Low' || f === 'High')
        return { name, type: 'int', codec: 'offset', base: [`${e}Best`] };
      return { name, type: 'int' };
    }),
  );

const perpClass = (v: Value): Perpetrator => {
  if (v !== 'state' && v !== 'nonstate')
    throw new Error(`perpetrator class must be "state" or "nonstate", found ${describe(v)}`);
  return v;
};

const hqLevel = (v: Value): HqLevel => {
  if (v !== 0 && v !== 1 && v !== 2 && v !== 3)
    throw new Error(`hq must be 0, 1, 2 or 3, found ${describe(v)}`);
  return v;
};

const topGetters = (k: number): ((c: CellYear) => Value)[] => [
  (c) => c.topPerpetrators[k]?.name ?? null,
  (c) => c.topPerpetrators[k]?.perpetrator ?? null,
  (c) => c.topPerpetrators[k]?.best ?? null,
];

const CELL_YEAR_COLS: ColSpec[] = [
  { name: 'year', type: 'int', codec: 'delta' },
  { name: 'gid', type: 'int', codec: 'delta' },
  { name: 'country', type: 'str', codec: 'dict' },
  ...estimateCols(),
  ...[1, 2, 3].flatMap((k): ColSpec[] => [
    { name: `top${k}Name`, type: 'str', nullable: true, codec: 'dict' },
    { name: `top${k}Class`, type: 'str', nullable: true, codec: 'dict' },
    { name: `top${k}Best`, type: 'int', nullable: true },
  ]),
];
const CY = new Map(CELL_YEAR_COLS.map((c, i) => [c.name, i]));
const cyAt = (name: string): number => CY.get(name) as number;

const CELL_YEARS: TableSpec<CellYear> = {
  table: 'cell_years',
  file: DATA_FILES.cellYears,
  cols: CELL_YEAR_COLS,
  getters: [
    (c) => c.year,
    (c) => c.gid,
    (c) => c.country,
    ...ESTIMATES.flatMap((e) => [
      (c: CellYear) => c[e].best,
      (c: CellYear) => c[e].low,
      (c: CellYear) => c[e].high,
      (c: CellYear) => c[e].events,
    ]),
    ...topGetters(0),
    ...topGetters(1),
    ...topGetters(2),
  ],
  fromRow: (r) => {
    const est = (e: string): Estimate => {
      const at = cyAt(`${e}Best`);
      return {
        best: r[at] as number,
        low: r[at + 1] as number,
        high: r[at + 2] as number,
        events: r[at + 3] as number,
      };
    };
    const top: NamedPerpetrator[] = [];
    for (let k = 1; k <= 3; k++) {
      const at = cyAt(`top${k}Name`);
      if (r[at] === null) continue;
      top.push({
        name: r[at] as string,
        perpetrator: perpClass(r[at + 1] as Value),
        best: (r[at + 2] as number | null) ?? 0,
      });
    }
    return {
      gid: r[cyAt('gid')] as number,
      year: r[cyAt('year')] as number,
      country: r[cyAt('country')] as string,
      osv: est('osv'),
      osvState: est('osvState'),
      osvNonState: est('osvNonState'),
      stateBased: est('stateBased'),
      nonStateConflict: est('nonStateConflict'),
      topPerpetrators: top,
    };
  },
};

const CELL_MONTHS: TableSpec<CellMonth> = {
  table: 'cell_months',
  file: DATA_FILES.cellMonths,
  cols: [
    { name: 'year', type: 'int', codec: 'delta' },
    { name: 'month', type: 'int', codec: 'delta' },
    { name: 'gid', type: 'int', codec: 'delta' },
    { name: 'osvBest', type: 'int' },
    { name: 'osvStateBest', type: 'int' },
    { name: 'osvNonStateBest', type: 'int' },
  ],
  getters: [
    (c) => c.year,
    (c) => c.month,
    (c) => c.gid,
    (c) => c.osvBest,
    (c) => c.osvStateBest,
    (c) => c.osvNonStateBest,
  ],
  fromRow: (r) => ({
    gid: r[2] as number,
    year: r[0] as number,
    month: r[1] as number,
    osvBest: r[3] as number,
    osvStateBest: r[4] as number,
    osvNonStateBest: r[5] as number,
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
    { name: 'troopsMax', type: 'int', nullable: true },
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
    b.troopsMax,
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
    troopsMax: r[4] as number | null,
    sourceRows: r[5] as number,
    hq: hqLevel(r[6] as Value),
    unpol: r[7] as boolean,
    unmo: r[8] as boolean,
    units: r[9] as string[],
    tcc: r[10] as string[],
    tccCount: r[11] as number | null,
    zeroTroops: r[12] as boolean,
    lat: r[13] as number,
    lon: r[14] as number,
    gid: r[15] as number,
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
  ],
  toRow: (b) => [b.baseId, b.mission, b.year, b.month, b.troops],
  fromRow: (r) => ({
    baseId: r[0] as string,
    mission: r[1] as string,
    year: r[2] as number,
    month: r[3] as number,
    troops: r[4] as number | null,
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
      return encodeTable(MISSIONS, ds.missions);
    case DATA_FILES.bases:
      return encodeTable(BASES, ds.bases);
    case DATA_FILES.baseYears:
      return encodeTable(
        BASE_YEARS,
        [...ds.baseYears].sort((a, b) => a.year - b.year || cmp(a.baseId, b.baseId)),
      );
    case DATA_FILES.baseMonths:
      return encodeTable(
        BASE_MONTHS,
        [...ds.baseMonths].sort(
          (a, b) => a.year - b.year || a.month - b.month || cmp(a.baseId, b.baseId),
        ),
      );
    case DATA_FILES.cellYears:
      return encodeTable(
        CELL_YEARS,
        [...ds.cellYears].sort((a, b) => a.year - b.year || a.gid - b.gid),
      );
    case DATA_FILES.cellMonths:
      return encodeTable(
        CELL_MONTHS,
        [...ds.cellMonths].sort((a, b) => a.year - b.year || a.month - b.month || a.gid - b.gid),
      );
    case DATA_FILES.coverage:
      return encodeCoverage(ds.coverage);
  }
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
 * Decodes and validates the parsed JSON of the dataset files. Throws a {@link DataFormatError}
 * naming the file and the problem when a file is missing or malformed. Rows come back in the
 * stored order: cell-years by (year, gid), cell-months by (year, month, gid), base-years and
 * base-months by (year[, month], baseId).
 */
export function decodeDataset(files: Partial<Record<string, unknown>>): Dataset {
  const ds: Dataset = {
    missions: decodeTable(MISSIONS, files[DATA_FILES.missions]),
    bases: decodeTable(BASES, files[DATA_FILES.bases]),
    baseYears: decodeTable(BASE_YEARS, files[DATA_FILES.baseYears]),
    baseMonths: decodeTable(BASE_MONTHS, files[DATA_FILES.baseMonths]),
    cellYears: decodeTable(CELL_YEARS, files[DATA_FILES.cellYears]),
    cellMonths: decodeTable(CELL_MONTHS, files[DATA_FILES.cellMonths]),
    coverage: decodeCoverage(files[DATA_FILES.coverage]),
  };
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
