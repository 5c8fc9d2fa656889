/**
 * `osv_events.json`: the one-sided-violence events of GED as points, for the coverage view (the
 * other browser tables are per cell). Column-major like every table (see encoding.ts); loaded
 * only when the Coverage tab opens, so it is not part of the dataset the app loads at start.
 *
 * Columns, rows sorted by (year, month, lon, lat, best, low, high, …):
 *
 * | column | stored as | meaning |
 * |---|---|---|
 * | `year` | delta | GED `year` |
 * | `month` | plain | month of `date_start`, 1–12 |
 * | `lon`, `lat` | whole numbers, degrees × 10,000 (`lon` delta) | GED longitude / latitude rounded to 4 decimals (≈ 11 m) |
 * | `best` | plain | GED `best` |
 * | `low`, `high` | offset from `best` | GED `low`, `high` |
 * | `perpetrator` | dict | `state` / `nonstate` (the perpetrator rule of src/domain/perpetrator.ts) |
 * | `foreign` | 0 / 1 | a state perpetrator that is a foreign government (`isForeignGovernment`) |
 * | `wherePrec` | plain | GED `where_prec` 1–7 |
 * | `country` | dict | GED `country`, canonical name |
 */
import type { OsvEvent } from './coverage';
import type { Perpetrator } from './dataset';
import {
  decodeTable,
  encodeItems,
  type ColSpec,
  type ColumnValue,
  type EncodedTable,
  type TableSpec,
} from './encoding';

/** File name under `public/data/`. */
export const OSV_EVENTS_FILE = 'osv_events.json';

/** Coordinates are stored as whole numbers of 1 / COORD_SCALE degree. */
export const COORD_SCALE = 10_000;

/** Rounds a coordinate the way the events table stores it (4 decimals). */
export function roundCoord(deg: number): number {
  return Math.round(deg * COORD_SCALE) / COORD_SCALE;
}

/** Column names in file order. */
export const OSV_EVENT_COLUMNS = [
  'year',
  'month',
  'lon',
  'lat',
  'best',
  'low',
  'high',
  'perpetrator',
  'foreign',
  'wherePrec',
  'country',
] as const;

const COLS: ColSpec[] = [
  { name: 'year', type: 'int', codec: 'delta' },
  { name: 'month', type: 'int' },
  { name: 'lon', type: 'int', codec: 'delta' },
  { name: 'lat', type: 'int' },
  { name: 'best', type: 'int' },
  { name: 'low', type: 'int', codec: 'offset', base: ['best'] },
  { name: 'high', type: 'int', codec: 'offset', base: ['best'] },
  { name: 'perpetrator', type: 'str', codec: 'dict' },
  { name: 'foreign', type: 'bool' },
  { name: 'wherePrec', type: 'int' },
  { name: 'country', type: 'str', codec: 'dict' },
];

const scaled = (deg: number): number => Math.round(deg * COORD_SCALE);

const OSV_EVENTS: TableSpec<OsvEvent> = {
  table: 'osv_events',
  file: OSV_EVENTS_FILE,
  cols: COLS,
  getters: [
    (e) => e.year,
    (e) => e.month,
    (e) => scaled(e.lon),
    (e) => scaled(e.lat),
    (e) => e.best,
    (e) => e.low,
    (e) => e.high,
    (e) => e.perpetrator,
    (e) => e.foreign,
    (e) => e.wherePrec,
    (e) => e.country,
  ],
  fromRow(r: ColumnValue[]): OsvEvent {
    const perpetrator = r[7] as string;
    if (perpetrator !== 'state' && perpetrator !== 'nonstate')
      throw new Error(`perpetrator must be "state" or "nonstate", found "${perpetrator}"`);
    const month = r[1] as number;
    if (month < 1 || month > 12) throw new Error(`month must be 1 to 12, found ${month}`);
    const foreign = r[8] as boolean;
    if (foreign && perpetrator !== 'state')
      throw new Error('a foreign-government event must have a state perpetrator');
    const wherePrec = r[9] as number;
    if (wherePrec < 1 || wherePrec > 7)
      throw new Error(`wherePrec must be 1 to 7, found ${wherePrec}`);
    return {
      year: r[0] as number,
      month,
      lon: (r[2] as number) / COORD_SCALE,
      lat: (r[3] as number) / COORD_SCALE,
      best: r[4] as number,
      low: r[5] as number,
      high: r[6] as number,
      perpetrator: perpetrator as Perpetrator,
      foreign,
      wherePrec,
      country: r[10] as string,
    };
  },
};

/** The table's canonical row order (every field, so that equal inputs give equal files). */
export function compareEvents(a: OsvEvent, b: OsvEvent): number {
  return (
    a.year - b.year ||
    a.month - b.month ||
    scaled(a.lon) - scaled(b.lon) ||
    scaled(a.lat) - scaled(b.lat) ||
    a.best - b.best ||
    a.low - b.low ||
    a.high - b.high ||
    (a.perpetrator < b.perpetrator ? -1 : a.perpetrator > b.perpetrator ? 1 : 0) ||
    Number(a.foreign) - Number(b.foreign) ||
    a.wherePrec - b.wherePrec ||
    (a.country < b.country ? -1 : a.country > b.country ? 1 : 0)
  );
}

/** Encodes events (any order: they are sorted here) into the table's JSON value. */
export function encodeOsvEvents(events: readonly OsvEvent[]): EncodedTable {
  return encodeItems(OSV_EVENTS, [...events].sort(compareEvents));
}

/**
 * Decodes a parsed `osv_events.json`; throws a DataFormatError naming the file, column and row
 * of the first problem.
 */
export function decodeOsvEvents(raw: unknown): OsvEvent[] {
  return decodeTable(OSV_EVENTS, raw);
}
