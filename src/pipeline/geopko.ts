/**
 * Geo-PKO deployments: FrontMap (yearly), TTMap (unit types), TCCMap (contributing countries)
 * and the monthly location files (v2.0 and v2.1–v2.3). DuckDB reads each CSV with the explicit
 * dialect; rows are validated here with reason codes and handed to the pure deployment rules
 * in src/domain/deployments.ts.
 */
import type { HqLevel } from '../domain/dataset';
import {
  buildDeployments,
  parseTccOverview,
  type Deployments,
  type LocationRow,
  type MonthlyRow,
  type TccRow,
  type UnitRow,
  type UnitType,
  type YearlyRow,
} from '../domain/deployments';
import type { ReasonCode, RejectedRow } from '../domain/rejects';
import { parseTccEntry, tccEntryText, TccEntryError } from '../domain/tcc';
import { Duck, ident, readCsvSql, readRejects, recordLines } from './duck';
import type { Progress } from './progress';
import { normalizeHeader, type SourceFile } from './sources';

/** A rejected value: thrown inside row validation, caught per row. */
class RowReject extends Error {
  constructor(
    readonly reason: ReasonCode,
    readonly detail: string,
  ) {
    super(detail);
  }
}

const MISSING = new Set(['', 'NA', 'N/A', '?', 'NULL', 'UNKNOWN']);

/** True for an empty or NA-like value. */
export function isMissing(v: string | null | undefined): boolean {
  return v === null || v === undefined || MISSING.has(v.trim().toUpperCase());
}

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Strict decimal number parse: null for anything that is not a plain number. */
export function parseNumber(v: string): number | null {
  const t = v.trim();
  if (!NUMBER_RE.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

function text(row: Record<string, string | null>, field: string): string {
  return (row[field] ?? '').trim();
}

function required(row: Record<string, string | null>, field: string): string {
  const v = text(row, field);
  if (v === '') throw new RowReject('MISSING_VALUE', `${field} is empty`);
  return v;
}

function year(row: Record<string, string | null>): number {
  const raw = text(row, 'year');
  const n = parseNumber(raw);
  if (n === null || !Number.isInteger(n) || n < 1946 || n > 2100)
    throw new RowReject('BAD_YEAR', `year "${raw}"`);
  return n;
}

function month(row: Record<string, string | null>): number {
  const raw = text(row, 'month');
  const n = parseNumber(raw);
  if (n === null || !Number.isInteger(n) || n < 1 || n > 12)
    throw new RowReject('BAD_MONTH', `month "${raw}"`);
  return n;
}

function coords(row: Record<string, string | null>): { lat: number; lon: number } {
  const la = row.latitude ?? null;
  const lo = row.longitude ?? null;
  if (isMissing(la) || isMissing(lo))
    throw new RowReject('MISSING_COORDINATES', `latitude "${la ?? ''}", longitude "${lo ?? ''}"`);
  const lat = parseNumber(la as string);
  if (lat === null) throw new RowReject('BAD_NUMBER', `latitude "${la}"`);
  const lon = parseNumber(lo as string);
  if (lon === null) throw new RowReject('BAD_NUMBER', `longitude "${lo}"`);
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180)
    throw new RowReject('COORDINATES_OUT_OF_RANGE', `latitude ${lat}, longitude ${lon}`);
  return { lat, lon };
}

/** A whole, non-negative count; null when missing (NA). */
function count(row: Record<string, string | null>, field: string): number | null {
  const raw = row[field];
  if (raw === undefined || isMissing(raw)) return null;
  const n = parseNumber(raw as string);
  if (n === null || !Number.isInteger(n)) throw new RowReject('BAD_NUMBER', `${field} "${raw}"`);
  if (n < 0) throw new RowReject('NEGATIVE_COUNT', `${field} ${n}`);
  return n;
}

/** A contributor's troops in the monthly file: {@link count}, with "unkown" read as unknown. */
function tccSize(row: Record<string, string | null>, field: string): number | null {
  const raw = row[field];
  if (raw != null && /^unkn?own$/i.test(raw.trim())) return null;
  return count(row, field);
}

/** A non-negative average (Geo-PKO's ave.no.troops), rounded to whole troops; null when missing. */
function average(row: Record<string, string | null>, field: string): number | null {
  const raw = row[field];
  if (raw === undefined || isMissing(raw)) return null;
  const n = parseNumber(raw as string);
  if (n === null) throw new RowReject('BAD_NUMBER', `${field} "${raw}"`);
  if (n < 0) throw new RowReject('NEGATIVE_COUNT', `${field} ${n}`);
  return Math.round(n);
}

const flag = (row: Record<string, string | null>, field: string): boolean =>
  (count(row, field) ?? 0) > 0;

function hq(row: Record<string, string | null>): HqLevel {
  const raw = row.hq;
  if (raw === undefined || isMissing(raw)) return 0;
  const n = parseNumber(raw as string);
  if (n !== 0 && n !== 1 && n !== 2 && n !== 3)
    throw new RowReject('BAD_NUMBER', `hq "${raw}" (expected 0, 1, 2 or 3)`);
  return n;
}

function location(row: Record<string, string | null>): Omit<LocationRow, 'source' | 'line'> {
  const mission = required(row, 'mission').toUpperCase();
  const loc = required(row, 'location');
  const y = year(row);
  const { lat, lon } = coords(row);
  return { mission, year: y, location: loc, lat, lon };
}

const units = (pairs: [string, UnitType][], row: Record<string, string | null>): UnitType[] =>
  pairs.filter(([field]) => row[field] !== undefined && flag(row, field)).map(([, u]) => u);

/**
 * The contributing countries of a TCCMap `year.overview`, each entry read into its country and
 * troop figure (src/domain/tcc.ts) and stored in the canonical text ("Nepal (150)", "Nepal (size
 * unknown)"); an entry whose figure is not a whole number rejects the row (BAD_NUMBER).
 */
function contributors(raw: string | null | undefined): string[] {
  return parseTccOverview(raw).map((entry) => {
    try {
      return tccEntryText(parseTccEntry(entry));
    } catch (e) {
      if (e instanceof TccEntryError)
        throw new RowReject('BAD_NUMBER', `year.overview ${e.message}`);
      throw e;
    }
  });
}

/** Geo-PKO version of a monthly file: from its name, else from its header style. */
function monthlyVersion(src: SourceFile): string {
  if (src.version !== 'unknown') return src.version;
  return src.header.includes('Mission') && src.header.includes('No.troops') ? '2.0' : '2.3';
}

/** What the Geo-PKO step produced. */
export interface GeoPkoResult extends Deployments {
  perSource: Map<string, { rowsRead: number; rowsKept: number; byReason: Record<string, number> }>;
  rejects: RejectedRow[];
}

/** Reads and validates every Geo-PKO source, then applies the deployment rules. */
export async function processGeoPko(
  duck: Duck,
  sources: readonly SourceFile[],
  progress: Progress,
): Promise<GeoPkoResult> {
  const rejects: RejectedRow[] = [];
  const yearly: YearlyRow[] = [];
  const monthly: MonthlyRow[] = [];
  const unitRows: UnitRow[] = [];
  const tccRows: TccRow[] = [];
  const counts = new Map<string, { read: number; valid: number }>();

  for (const [k, src] of [...sources].sort((a, b) => (a.rel < b.rel ? -1 : 1)).entries()) {
    const step = progress.start(`reading ${src.rel}`);
    // Canonical fields, plus the v2.0 per-contributor columns of monthly files.
    const cols: [string, string][] = Object.entries(src.fields).map(([f, h]) => [f, h]);
    const tccCols = src.header.filter((h) => /^nameoftcc\d+$/.test(normalizeHeader(h)));
    const tccSizeCols = src.header.filter((h) => /^notroopspertcc\d+$/.test(normalizeHeader(h)));
    if (src.kind === 'geopko-monthly') {
      tccCols.forEach((h, i) => cols.push([`tccName${i}`, h]));
      tccSizeCols.forEach((h, i) => cols.push([`tccSize${i}`, h]));
    }
    // Read every column (small files), then keep the fields used.
    await duck.run(
      `CREATE OR REPLACE TABLE pko_all${k} AS SELECT * FROM ${readCsvSql(src.path, src.header, `pko${k}`)};
       CREATE OR REPLACE TABLE pko_s${k} AS SELECT ${cols
         .map(([f, h]) => `${ident(h)} AS ${ident(f)}`)
         .join(', ')} FROM pko_all${k} ORDER BY rowid;
       DROP TABLE pko_all${k}`,
    );
    const malformed = await readRejects(duck, `pko${k}`);
    for (const m of malformed)
      rejects.push({ source: src.rel, line: m.line, reason: 'MALFORMED_LINE', detail: m.error });
    const rows = await duck.all<Record<string, string | null>>(
      `SELECT * FROM pko_s${k} ORDER BY rowid`,
    );
    const lines = recordLines(
      rows.map((_, i) => i),
      malformed.map((m) => m.line),
    );
    let valid = 0;
    const version = src.kind === 'geopko-monthly' ? monthlyVersion(src) : src.version;
    rows.forEach((row, i) => {
      const origin = { source: src.rel, line: lines[i] as number };
      try {
        switch (src.kind) {
          case 'geopko-frontmap': {
            const loc = location(row);
            yearly.push({
              ...origin,
              ...loc,
              country: required(row, 'country'),
              troops: count(row, 'troops'),
              aveTroops: average(row, 'aveTroops'),
              hq: hq(row),
              unpol: flag(row, 'unpol'),
              unmo: flag(row, 'unmo'),
              units: units(
                [
                  ['infantry', 'Infantry'],
                  ['reserve', 'Reserve'],
                  ['med', 'Medical'],
                  ['av', 'Aviation'],
                ],
                row,
              ),
            });
            break;
          }
          case 'geopko-monthly': {
            const loc = location(row);
            const m = month(row);
            const tcc: string[] = [];
            tccCols.forEach((_, j) => {
              const name = row[`tccName${j}`];
              if (name === undefined || isMissing(name)) return;
              // A size that is not a whole number rejects the row (BAD_NUMBER); NA, "unknown" and
              // the file's own misspelling "unkown" (UNMISS Aweil, 2015) are unknown (null).
              const troops = tccSize(row, `tccSize${j}`);
              tcc.push(tccEntryText({ country: (name as string).trim(), troops }));
            });
            monthly.push({
              ...origin,
              ...loc,
              month: m,
              version,
              country: required(row, 'country'),
              troops: count(row, 'troops'),
              hq: hq(row),
              unpol: flag(row, 'unpol'),
              unmo: flag(row, 'unmo'),
              tcc,
              tccCount: count(row, 'tccCount'),
            });
            break;
          }
          case 'geopko-ttmap':
            unitRows.push({
              ...origin,
              ...location(row),
              units: units(
                [
                  ['infantry', 'Infantry'],
                  ['eng', 'Engineering'],
                  ['med', 'Medical'],
                  ['sig', 'Signals'],
                  ['av', 'Aviation'],
                  ['riv', 'Riverine'],
                  ['maint', 'Maintenance'],
                  ['trans', 'Transport'],
                ],
                row,
              ),
            });
            break;
          case 'geopko-tccmap':
            tccRows.push({
              ...origin,
              ...location(row),
              tcc: contributors(row.overview),
              tccCount: count(row, 'tccCount'),
            });
            break;
          default:
            throw new Error(`not a Geo-PKO source: ${src.kind}`);
        }
        valid++;
      } catch (e) {
        if (!(e instanceof RowReject)) throw e;
        rejects.push({ ...origin, reason: e.reason, detail: e.detail });
      }
    });
    counts.set(src.rel, { read: rows.length + malformed.length, valid });
    step.stop(`${rows.length.toLocaleString('en')} rows`);
  }

  const step = progress.start('applying deployment rules');
  const deployments = buildDeployments({ yearly, monthly, units: unitRows, tcc: tccRows });
  for (const u of deployments.unused)
    rejects.push({ source: u.source, line: u.line, reason: u.reason, detail: u.detail });
  step.stop(
    `${deployments.bases.length} bases, ${deployments.baseYears.length} base-years, ${deployments.mergedBaseYears} merged from several rows, ${deployments.troopsFromMaps} with troops = mean of the maps (no Geo-PKO yearly figure)`,
  );

  const perSource: GeoPkoResult['perSource'] = new Map();
  for (const src of sources) {
    const c = counts.get(src.rel) ?? { read: 0, valid: 0 };
    const byReason: Record<string, number> = {};
    let unused = 0;
    for (const r of rejects) {
      if (r.source !== src.rel) continue;
      byReason[r.reason] = (byReason[r.reason] ?? 0) + 1;
      if (r.reason === 'SUPERSEDED_ROW' || r.reason === 'NO_MATCHING_BASE_YEAR') unused++;
    }
    perSource.set(src.rel, { rowsRead: c.read, rowsKept: c.valid - unused, byReason });
  }
  return { ...deployments, perSource, rejects };
}
