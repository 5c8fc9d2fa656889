/**
 * The cell-years as typed columns ({@link CellYearTable}): what the browser keeps of
 * `cell_years.json` instead of one object per cell-year. Row objects ({@link CellYear}) are
 * made on demand — one year's rows for the map, one row for a details panel — and kept, so a row
 * is always the same object. Pure.
 */
import type { TypedColumn } from './columns';
import {
  IMPRECISE_LEVELS,
  type ClassCount,
  type CellMonth,
  type CellYear,
  type Dataset,
  type PerpetratorFilter,
} from './dataset';

type IntColumn = Extract<TypedColumn, { type: 'int' }>;
type StrColumn = Extract<TypedColumn, { type: 'str' }>;

const EMPTY = new Int32Array(0);

/**
 * A table as typed columns with its row objects made on demand: each row once, then the same
 * object. Built by the decoder (`decodeRowTable` in `encoding.ts`) or from row objects.
 */
export class RowTable<T> {
  readonly length: number;
  /** Every column by its stored name. */
  readonly columns: ReadonlyMap<string, TypedColumn>;
  private readonly read: (i: number) => T;
  private readonly made: (T | undefined)[];
  private all: T[] | null = null;

  /**
   * @param columns every column by name
   * @param read makes the row object of row i (called once per row)
   */
  constructor(length: number, columns: ReadonlyMap<string, TypedColumn>, read: (i: number) => T) {
    this.length = length;
    this.columns = columns;
    this.read = read;
    this.made = new Array<T | undefined>(length);
  }

  /** An `int` column by name; throws when there is none. */
  int(name: string): IntColumn {
    const c = this.columns.get(name);
    if (c?.type !== 'int') throw new Error(`no whole-number column "${name}"`);
    return c;
  }

  /** A `str` column by name; throws when there is none. */
  str(name: string): StrColumn {
    const c = this.columns.get(name);
    if (c?.type !== 'str') throw new Error(`no string column "${name}"`);
    return c;
  }

  /** The row object of row i (made once, then the same object). */
  row(i: number): T {
    let r = this.made[i];
    if (r === undefined) this.made[i] = r = this.read(i);
    return r;
  }

  /** How many row objects have been made so far (the rest are still only columns). */
  rowsMade(): number {
    let n = 0;
    for (let i = 0; i < this.length; i++) if (this.made[i] !== undefined) n++;
    return n;
  }

  /** Every row object, in table order (made on first call: the whole table). */
  rows(): T[] {
    if (!this.all) {
      const out = new Array<T>(this.length);
      for (let i = 0; i < this.length; i++) out[i] = this.row(i);
      this.all = out;
    }
    return this.all;
  }

  /** The row objects of the given rows. */
  rowsAt(indices: ArrayLike<number>): T[] {
    const out = new Array<T>(indices.length);
    for (let k = 0; k < indices.length; k++) out[k] = this.row(indices[k]!);
    return out;
  }
}

/**
 * The cell-years as typed columns ({@link RowTable}) with the indexes the selectors need: the
 * rows of a year, a cell's row in a year, best fatalities per perpetrator filter.
 */
export class CellYearTable extends RowTable<CellYear> {
  /** PRIO-GRID id of each row. */
  readonly gid: Int32Array;
  readonly year: Int32Array;
  /** Country of each row: an index into {@link countries}. */
  readonly country: Int32Array;
  readonly countries: readonly string[];
  /** First-level administrative area: an index into {@link regions}, −1 where none. */
  readonly region: Int32Array;
  readonly regions: readonly string[];
  private byYear: Map<number, Int32Array> | null = null;
  private readonly gidIndex = new Map<number, Map<number, number>>();
  private sortedOrder: Int32Array | null = null;
  private readonly osv: Record<'all' | 'state' | 'nonState' | 'foreign', Int32Array>;
  private readonly osvEvents: Record<'all' | 'state' | 'nonState' | 'foreign', Int32Array>;
  /** Imprecise events and best (where_prec 6, 7) by level and class. */
  private readonly imprecise: Record<
    6 | 7,
    Record<'state' | 'foreign' | 'nonState', { events: Int32Array; best: Int32Array }>
  >;

  /**
   * @param columns every cell-year column by name
   * @param read makes the row object of row i (called once per row)
   */
  constructor(
    length: number,
    columns: ReadonlyMap<string, TypedColumn>,
    read: (i: number) => CellYear,
  ) {
    super(length, columns, read);
    this.gid = this.int('gid').values;
    this.year = this.int('year').values;
    const country = this.str('country');
    this.country = country.codes;
    this.countries = country.dict;
    const region = this.str('region');
    this.region = region.codes;
    this.regions = region.dict;
    this.osv = {
      all: this.int('osvBest').values,
      state: this.int('osvStateBest').values,
      nonState: this.int('osvNonStateBest').values,
      foreign: this.int('osvForeignBest').values,
    };
    this.osvEvents = {
      all: this.int('osvEvents').values,
      state: this.int('osvStateEvents').values,
      nonState: this.int('osvNonStateEvents').values,
      foreign: this.int('osvForeignEvents').values,
    };
    const part = (level: 6 | 7, suffix: string) => ({
      events: this.int(`osvP${level}${suffix}Events`).values,
      best: this.int(`osvP${level}${suffix}Best`).values,
    });
    const level = (l: 6 | 7) => ({
      state: part(l, 'State'),
      foreign: part(l, 'Foreign'),
      nonState: part(l, 'NonState'),
    });
    this.imprecise = { 6: level(6), 7: level(7) };
  }

  private yearIndex(): Map<number, Int32Array> {
    if (!this.byYear) {
      const counts = new Map<number, number>();
      const year = this.year;
      for (let i = 0; i < this.length; i++) counts.set(year[i]!, (counts.get(year[i]!) ?? 0) + 1);
      const index = new Map<number, Int32Array>();
      const fill = new Map<number, number>();
      for (const [y, n] of counts) {
        index.set(y, new Int32Array(n));
        fill.set(y, 0);
      }
      for (let i = 0; i < this.length; i++) {
        const y = year[i]!;
        const k = fill.get(y)!;
        index.get(y)![k] = i;
        fill.set(y, k + 1);
      }
      this.byYear = index;
    }
    return this.byYear;
  }

  /** The rows of a year, in table order (empty when none). */
  yearRows(year: number): Int32Array {
    return this.yearIndex().get(year) ?? EMPTY;
  }

  /** The years with at least one row, ascending. */
  years(): number[] {
    return [...this.yearIndex().keys()].sort((a, b) => a - b);
  }

  /** The row of a cell in a year, −1 when GED recorded nothing there (the last such row). */
  indexOf(gid: number, year: number): number {
    let m = this.gidIndex.get(year);
    if (!m) {
      m = new Map();
      for (const i of this.yearRows(year)) m.set(this.gid[i]!, i);
      this.gidIndex.set(year, m);
    }
    return m.get(gid) ?? -1;
  }

  /** Every row ordered by (year, gid), ties in table order. */
  order(): Int32Array {
    if (!this.sortedOrder) {
      const { year, gid } = this;
      let sorted = true;
      for (let i = 1; i < this.length && sorted; i++)
        sorted = year[i - 1]! < year[i]! || (year[i - 1] === year[i] && gid[i - 1]! <= gid[i]!);
      const order = new Int32Array(this.length);
      for (let i = 0; i < this.length; i++) order[i] = i;
      if (!sorted) order.sort((a, b) => year[a]! - year[b]! || gid[a]! - gid[b]! || a - b);
      this.sortedOrder = order;
    }
    return this.sortedOrder;
  }

  /**
   * Best OSV fatalities of row i for a perpetrator filter (as `osvFor(row, filter).best`),
   * without making the row object.
   */
  osvBest(i: number, filter: PerpetratorFilter): number {
    return byFilter(this.osv, i, filter);
  }

  /** OSV events of row i for a perpetrator filter (as `osvFor(row, filter).events`). */
  private osvEventsOf(i: number, filter: PerpetratorFilter): number {
    return byFilter(this.osvEvents, i, filter);
  }

  /**
   * Events and best fatalities of row i's imprecise level for a perpetrator filter (as
   * `imprecisePart(row.osvImprecise[level], filter)`), without making the row object.
   */
  imprecisePart(i: number, level: 6 | 7, filter: PerpetratorFilter): ClassCount {
    const p = this.imprecise[level];
    switch (filter) {
      case 'all':
        return {
          events: p.state.events[i]! + p.nonState.events[i]!,
          best: p.state.best[i]! + p.nonState.best[i]!,
        };
      case 'state':
        return { events: p.state.events[i]!, best: p.state.best[i]! };
      case 'host':
        return {
          events: p.state.events[i]! - p.foreign.events[i]!,
          best: p.state.best[i]! - p.foreign.best[i]!,
        };
      case 'foreign':
        return { events: p.foreign.events[i]!, best: p.foreign.best[i]! };
      case 'nonstate':
        return { events: p.nonState.events[i]!, best: p.nonState.best[i]! };
    }
  }

  /**
   * OSV events and best fatalities of row i for a perpetrator filter, keeping only events with
   * GED `where_prec` ≤ `precision` (as `osvAtPrecision(row, filter, precision)`), without
   * making the row object.
   */
  osvAtPrecision(i: number, filter: PerpetratorFilter, precision: number): ClassCount {
    let events = this.osvEventsOf(i, filter);
    let best = this.osvBest(i, filter);
    for (const level of IMPRECISE_LEVELS) {
      if (level <= precision) continue;
      const p = this.imprecisePart(i, level, filter);
      events -= p.events;
      best -= p.best;
    }
    return { events, best };
  }
}

/**
 * Row i of a figure's columns per perpetrator class, for a filter (host government = state −
 * foreign government). Estimate columns are never null.
 */
function byFilter(
  o: Record<'all' | 'state' | 'nonState' | 'foreign', Int32Array>,
  i: number,
  filter: PerpetratorFilter,
): number {
  switch (filter) {
    case 'all':
      return o.all[i]!;
    case 'state':
      return o.state[i]!;
    case 'host':
      return o.state[i]! - o.foreign[i]!;
    case 'foreign':
      return o.foreign[i]!;
    case 'nonstate':
      return o.nonState[i]!;
  }
}

/** The typed tables of a dataset. */
export interface DatasetTables {
  cellYears: CellYearTable;
  cellMonths: RowTable<CellMonth>;
}

/** Tables attached to datasets (by the decoder), or made from a row list (keyed by the list). */
const ATTACHED = new WeakMap<object, Partial<DatasetTables>>();
const FROM_ROWS = new WeakMap<object, RowTable<unknown>>();

/** Datasets made from another by adding its cell-months → that other (see datasetOrigin). */
const ORIGIN = new WeakMap<Dataset, Dataset>();

/**
 * Records that `derived` is `from` with its cell-months added (`withCellMonths` in
 * `encoding.ts`): every other table is the same, so caches of what does not read the cell-months
 * (the lag index, the H3 regrid) can key on {@link datasetOrigin} and survive the change.
 */
export function deriveDataset(derived: Dataset, from: Dataset): void {
  ORIGIN.set(derived, datasetOrigin(from));
}

/**
 * The dataset this one was made from by adding its cell-months (see {@link deriveDataset}), or
 * itself: the key for caches of everything but the cell-months.
 */
export function datasetOrigin(ds: Dataset): Dataset {
  return ORIGIN.get(ds) ?? ds;
}

/** Attaches the typed tables a dataset was decoded from (see {@link tableOfDataset}). */
export function attachTables(ds: Dataset, tables: Partial<DatasetTables>): void {
  ATTACHED.set(ds, { ...ATTACHED.get(ds), ...tables });
}

/** Forgets a table attached to a dataset (its rows were replaced). */
export function detachTable(ds: Dataset, key: keyof DatasetTables): void {
  const t = ATTACHED.get(ds);
  if (t) delete t[key];
}

/**
 * The typed table of one of a dataset's row lists: the table it was decoded from, else the one
 * made earlier for its row list, else made now by `fromRows` (see `cellYearsOf` in
 * `encoding.ts`).
 */
export function tableOfDataset<K extends keyof DatasetTables>(
  ds: Pick<Dataset, K>,
  key: K,
  fromRows: (rows: Dataset[K]) => DatasetTables[K],
): DatasetTables[K] {
  const attached = ATTACHED.get(ds)?.[key];
  if (attached) return attached as DatasetTables[K];
  const rows = ds[key] as Dataset[K] | undefined;
  if (!rows) return fromRows([] as Dataset[K]);
  let t = FROM_ROWS.get(rows) as DatasetTables[K] | undefined;
  if (!t) FROM_ROWS.set(rows, (t = fromRows(rows)) as RowTable<unknown>);
  return t;
}
