/**
 * UCDP GED events → cell-years, cell-months and coverage, in DuckDB. CSV is read by DuckDB's
 * CSV reader (explicit dialect, every column VARCHAR); GeoJSON is streamed one feature per line
 * into the same staging shape. Validation with reason codes, the duplicate rule and the
 * aggregation are SQL; the grid and perpetrator rules come from src/domain.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { canonicalCountry } from '../domain/countries';
import type { CellMonth, CellYear, Coverage, Estimate, Perpetrator } from '../domain/dataset';
import { gidSql } from '../domain/gridSql';
import { perpetratorSql } from '../domain/perpetrator';
import type { ReasonCode, RejectedRow } from '../domain/rejects';
import { Duck, ident, readCsvSql, readRejects, recordLines } from './duck';
import type { Progress } from './progress';
import { isValidUtf8File, type SourceFile } from './sources';

/** Staging columns (all VARCHAR) and the GED field each comes from. */
const STAGE: [string, string][] = [
  ['id', 'id'],
  ['year', 'year'],
  ['tov', 'type_of_violence'],
  ['side_a', 'side_a'],
  ['lat', 'latitude'],
  ['lon', 'longitude'],
  ['country', 'country'],
  ['date_start', 'date_start'],
  ['best', 'best'],
  ['low', 'low'],
  ['high', 'high'],
];

/** Country count from which a GED release is taken to be global (see {@link GED_RULES}). */
export const GLOBAL_COVERAGE_MIN_COUNTRIES = 30;

/** First year of every GED release. */
export const GED_FIRST_YEAR = 1989;

/** Rule texts, recorded in the manifest. */
export const GED_RULES = {
  osv: 'One-sided violence = GED type_of_violence 3; fatalities = best, with low and high carried along; events = number of events.',
  perpetrator:
    'Perpetrator: "state" when side_a starts with "Government of " (regular expression ^[ \\t]*Government of ), otherwise "nonstate". Top 3 perpetrators per cell-year by OSV fatalities (ties by name).',
  grid: 'gid = floor((lat + 90) / 0.5) * 720 + floor((lon + 180) / 0.5) + 1; a point on an edge belongs to the cell north / east of it; lat 90 and lon 180 are clamped into the last row / column.',
  duplicates:
    'Events are unique by GED id. Files are read in the order: newest GED version first, CSV before GeoJSON, then by path; the first copy of an id (among rows that pass validation) is kept and every later copy is DUPLICATE_EVENT.',
  cellCountry:
    'The country of a cell-year is the GED country with the most fatalities (all event types) there, ties broken by event count, then name.',
  month: 'The month of an event is the month of date_start (YYYY-MM-DD, with or without a time).',
  coverage: `Coverage scope is "global" when the GED rows read name at least ${GLOBAL_COVERAGE_MIN_COUNTRIES} countries (a full release names ~120), else "countries" (the countries named; other countries have no violence data loaded). Years: ${GED_FIRST_YEAR} to the last year of the release (GED YY.1 ends in 20YY-1), widened to the years seen.`,
} as const;

/** What the GED step produced. */
export interface GedResult {
  cellYears: CellYear[];
  cellMonths: CellMonth[];
  coverage: Coverage;
  perSource: Map<string, { rowsRead: number; rowsKept: number; byReason: Record<string, number> }>;
  rejects: RejectedRow[];
  /** Kept OSV events and their best fatalities, for the summary. */
  osv: { events: number; best: number };
}

/** File order of the duplicate rule: newest version first, CSV before GeoJSON, then path. */
export function gedSourceOrder(sources: readonly SourceFile[]): SourceFile[] {
  const ver = (v: string): number => (v === 'unknown' ? -1 : Number(v));
  return [...sources].sort(
    (a, b) =>
      ver(b.version) - ver(a.version) ||
      (a.format === b.format ? 0 : a.format === 'csv' ? -1 : 1) ||
      (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0),
  );
}

async function stageCsv(duck: Duck, k: number, src: SourceFile, progress: Progress) {
  const cols = STAGE.map(([to, from]) => `${ident(src.fields[from] as string)} AS ${to}`);
  const read = readCsvSql(src.path, src.header, `ged${k}`);
  if (await isValidUtf8File(src.path)) {
    await progress.duckStep(
      duck,
      `reading ${src.rel}`,
      `CREATE OR REPLACE TABLE ged_s${k} AS SELECT ${cols.join(', ')} FROM ${read}`,
    );
  } else {
    // Invalid UTF-8: read every column (see isValidUtf8File), then keep the staging columns.
    await progress.duckStep(
      duck,
      `reading ${src.rel} (has invalid UTF-8)`,
      `CREATE OR REPLACE TABLE ged_all${k} AS SELECT * FROM ${read}`,
    );
    await duck.run(
      `CREATE OR REPLACE TABLE ged_s${k} AS SELECT ${cols.join(', ')} FROM ged_all${k} ORDER BY rowid; DROP TABLE ged_all${k}`,
    );
  }
  const malformed = await readRejects(duck, `ged${k}`);
  return { malformed, featureLines: null as number[] | null };
}

interface Feature {
  properties?: Record<string, unknown> | null;
  geometry?: { type?: string; coordinates?: unknown } | null;
}

async function stageGeojson(duck: Duck, k: number, src: SourceFile, progress: Progress) {
  await duck.run(
    `CREATE OR REPLACE TABLE ged_s${k} (${STAGE.map(([c]) => `${c} VARCHAR`).join(', ')})`,
  );
  const appender = await duck.conn.createAppender(`ged_s${k}`);
  const featureLines: number[] = [];
  const malformed: { line: number; error: string }[] = [];
  const str = (v: unknown): string | null =>
    v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);
  const append = (f: Feature, line: number): void => {
    const p = f.properties ?? {};
    const coords =
      f.geometry?.type === 'Point' && Array.isArray(f.geometry.coordinates)
        ? (f.geometry.coordinates as unknown[])
        : null;
    for (const [to, from] of STAGE) {
      let v: string | null;
      if (to === 'lat' && coords) v = str(coords[1]);
      else if (to === 'lon' && coords) v = str(coords[0]);
      else v = src.fields[from] ? str(p[src.fields[from] as string]) : null;
      if (v === null) appender.appendNull();
      else appender.appendVarchar(v);
    }
    appender.endRow();
    featureLines.push(line);
  };
  const step = progress.start(`reading ${src.rel}`, src.bytes);
  let lineNo = 0;
  let sawFeatureLine = false;
  let bytes = 0;
  const rl = createInterface({
    input: createReadStream(src.path, { encoding: 'utf8', highWaterMark: 1 << 20 }),
    crlfDelay: Infinity,
  });
  for await (const raw of rl) {
    lineNo++;
    bytes += raw.length + 1;
    if (lineNo % 5000 === 0) step.update(bytes);
    const text = raw.trim().replace(/,$/, '');
    if (!text.startsWith('{') || !/"type"\s*:\s*"Feature"/.test(text)) continue;
    if (/"type"\s*:\s*"FeatureCollection"/.test(text)) break; // whole collection on one line
    sawFeatureLine = true;
    try {
      append(JSON.parse(text) as Feature, lineNo);
    } catch (e) {
      malformed.push({
        line: lineNo,
        error: `INVALID JSON: ${(e as Error).message}`,
      });
    }
  }
  if (!sawFeatureLine) {
    // Not one feature per line: parse the whole document (line = feature number).
    let doc: { type?: string; features?: Feature[] };
    try {
      doc = JSON.parse(await readFile(src.path, 'utf8')) as typeof doc;
    } catch (e) {
      step.stop();
      appender.closeSync();
      throw new Error(`${src.rel}: not valid JSON (${(e as Error).message})`);
    }
    (doc.features ?? []).forEach((f, i) => append(f, i + 1));
  }
  appender.closeSync();
  step.stop(`${featureLines.length.toLocaleString('en')} features`);
  return { malformed, featureLines };
}

const nz = (c: string): string => `(${c} IS NULL OR trim(${c}) = '')`;
const missingCoord = (c: string): string => `(${nz(c)} OR upper(trim(${c})) = 'NA')`;
const num = (c: string): string => `TRY_CAST(trim(${c}) AS DOUBLE)`;
const bad = (c: string): string => `(${c}_d IS NULL OR NOT isfinite(${c}_d))`;
const notWhole = (c: string): string => `(${bad(c)} OR ${c}_d <> floor(${c}_d))`;
const quoted = (c: string, label = c): string => `'${label} "' || coalesce(${c}, '') || '"'`;

/** The validation CASE: the first failing check names the reason code. */
function reasonSql(): { reason: string; detail: string } {
  const checks: [string, ReasonCode, string][] = [
    [nz('id'), 'MISSING_VALUE', `'id is empty'`],
    [notWhole('id'), 'BAD_NUMBER', quoted('id')],
    [nz('country'), 'MISSING_VALUE', `'country is empty'`],
    [`(${notWhole('year')} OR year_d < 1946 OR year_d > 2100)`, 'BAD_YEAR', quoted('year')],
    [nz('tov'), 'MISSING_VALUE', `'type_of_violence is empty'`],
    [notWhole('tov'), 'BAD_NUMBER', quoted('tov', 'type_of_violence')],
    [`tov_d NOT IN (1, 2, 3)`, 'UNKNOWN_VIOLENCE_TYPE', quoted('tov', 'type_of_violence')],
    [
      `(${missingCoord('lat')} OR ${missingCoord('lon')})`,
      'MISSING_COORDINATES',
      `'latitude "' || coalesce(lat, '') || '", longitude "' || coalesce(lon, '') || '"'`,
    ],
    [bad('lat'), 'BAD_NUMBER', quoted('lat', 'latitude')],
    [bad('lon'), 'BAD_NUMBER', quoted('lon', 'longitude')],
    [
      `(abs(lat_d) > 90 OR abs(lon_d) > 180)`,
      'COORDINATES_OUT_OF_RANGE',
      `'latitude ' || lat || ', longitude ' || lon`,
    ],
    [notWhole('best'), 'BAD_NUMBER', quoted('best')],
    [notWhole('low'), 'BAD_NUMBER', quoted('low')],
    [notWhole('high'), 'BAD_NUMBER', quoted('high')],
    [
      `(best_d < 0 OR low_d < 0 OR high_d < 0)`,
      'NEGATIVE_COUNT',
      `'best ' || best || ', low ' || low || ', high ' || high`,
    ],
    [`date_d IS NULL`, 'BAD_DATE', quoted('date_start')],
  ];
  // The ' id ' suffix in details names the event for readers of rejects.csv.
  return {
    reason: `CASE ${checks.map(([c, r]) => `WHEN ${c} THEN '${r}'`).join(' ')} END`,
    detail: `CASE ${checks.map(([c, , d]) => `WHEN ${c} THEN ${d}`).join(' ')} END`,
  };
}

/**
 * Reads whole columns of a table as JS arrays, one `to_json(list(...))` string per column
 * (much faster than converting hundreds of thousands of values one by one).
 */
async function fetchColumns(
  duck: Duck,
  table: string,
  cols: readonly string[],
): Promise<Record<string, unknown[]>> {
  const row = (
    await duck.rows(
      `SELECT ${cols.map((c) => `CAST(to_json(list(${c} ORDER BY rowid)) AS VARCHAR)`).join(', ')} FROM ${table}`,
    )
  )[0] as (string | null)[];
  return Object.fromEntries(cols.map((c, i) => [c, JSON.parse(row[i] ?? '[]') as unknown[]]));
}

/** Reads every GED source and aggregates it. */
export async function processGed(
  duck: Duck,
  sources: readonly SourceFile[],
  progress: Progress,
): Promise<GedResult> {
  const ordered = gedSourceOrder(sources);
  const perSource: GedResult['perSource'] = new Map();
  const rejects: RejectedRow[] = [];
  if (ordered.length === 0) {
    return {
      cellYears: [],
      cellMonths: [],
      coverage: { gedVersions: [], years: null, scope: 'none', countries: [] },
      perSource,
      rejects,
      osv: { events: 0, best: 0 },
    };
  }

  const staged: { malformed: number[]; featureLines: number[] | null }[] = [];
  const stagedRows: number[] = [];
  for (const [k, src] of ordered.entries()) {
    const { malformed, featureLines } =
      src.format === 'csv'
        ? await stageCsv(duck, k, src, progress)
        : await stageGeojson(duck, k, src, progress);
    for (const m of malformed)
      rejects.push({ source: src.rel, line: m.line, reason: 'MALFORMED_LINE', detail: m.error });
    staged.push({ malformed: malformed.map((m) => m.line), featureLines });
    stagedRows.push(Number(await duck.value<number | bigint>(`SELECT count(*) FROM ged_s${k}`)));
  }

  const union = ordered
    .map((_, k) => `SELECT ${k} AS src, rowid AS rec, * FROM ged_s${k}`)
    .join(' UNION ALL ');
  const { reason, detail } = reasonSql();
  // date_start: YYYY-MM-DD, optionally followed by " time" or "Ttime".
  const dateD = `CASE WHEN length(trim(date_start)) = 10 OR substr(trim(date_start), 11, 1) IN (' ', 'T')
                 THEN TRY_CAST(substr(trim(date_start), 1, 10) AS DATE) END`;
  const typed = `SELECT src, rec, id, year, tov, side_a, lat, lon, country, date_start, best, low, high,
              ${num('id')} AS id_d, ${num('year')} AS year_d, ${num('tov')} AS tov_d,
              ${num('lat')} AS lat_d, ${num('lon')} AS lon_d,
              ${num('best')} AS best_d, ${num('low')} AS low_d, ${num('high')} AS high_d,
              ${dateD} AS date_d`;
  // One pass: typed values and the reason code (NULL = valid). Details are computed below for
  // the rejected rows only.
  await progress.duckStep(
    duck,
    'validating GED rows',
    `CREATE OR REPLACE TABLE ged_v AS
     WITH typed AS (${typed} FROM (${union}))
     SELECT src, rec, ${reason} AS reason,
            TRY_CAST(id_d AS BIGINT) AS id_n, TRY_CAST(year_d AS INTEGER) AS year,
            TRY_CAST(tov_d AS TINYINT) AS tov, coalesce(nullif(trim(side_a), ''), 'unknown') AS side_a,
            lat_d, lon_d, trim(country) AS country, CAST(month(date_d) AS TINYINT) AS month,
            TRY_CAST(best_d AS INTEGER) AS best, TRY_CAST(low_d AS INTEGER) AS low,
            TRY_CAST(high_d AS INTEGER) AS high
     FROM typed`,
  );
  await duck.run(
    `CREATE OR REPLACE TABLE ged_bad AS SELECT src, rec, reason FROM ged_v WHERE reason IS NOT NULL`,
  );
  const invalid = await duck.all<{ src: number; rec: number; reason: ReasonCode; detail: string }>(
    `WITH typed AS (${typed} FROM (${union}) u SEMI JOIN ged_bad b USING (src, rec))
     SELECT src, CAST(rec AS INTEGER) AS rec, ${reason} AS reason, ${detail} AS detail
     FROM typed ORDER BY src, rec`,
  );
  for (const [k] of ordered.entries()) await duck.run(`DROP TABLE ged_s${k}`);

  // Duplicate rule: among valid rows, the first copy of an id in (file order, record) wins.
  await progress.duckStep(
    duck,
    'applying the duplicate rule',
    `CREATE OR REPLACE TABLE ged_dup_ids AS
     SELECT id_n, min(src * 4294967296 + rec) AS first_key, CAST(arg_min(src, src * 4294967296 + rec) AS INTEGER) AS first_src
     FROM ged_v WHERE reason IS NULL GROUP BY id_n HAVING count(*) > 1;
     CREATE OR REPLACE TABLE ged_dups AS
     SELECT v.src, v.rec, v.id_n, d.first_src FROM ged_v v JOIN ged_dup_ids d USING (id_n)
     WHERE v.reason IS NULL AND v.src * 4294967296 + v.rec <> d.first_key;
     CREATE OR REPLACE TABLE ged_k AS
     SELECT year, ${gidSql('lat_d', 'lon_d')} AS gid, tov, side_a,
            ${perpetratorSql('side_a')} AS perp, country, month, best, low, high
     FROM ged_v v ANTI JOIN ged_dups d USING (src, rec) WHERE v.reason IS NULL;
     DROP TABLE ged_v; DROP TABLE ged_bad`,
  );
  const dups = await duck.all<{ src: number; rec: number; id: number; first: number }>(
    `SELECT src, CAST(rec AS INTEGER) AS rec, CAST(id_n AS DOUBLE) AS id, first_src AS first
     FROM ged_dups ORDER BY src, rec`,
  );
  const rejRows = [
    ...invalid,
    ...dups.map((d) => ({
      src: d.src,
      rec: d.rec,
      reason: 'DUPLICATE_EVENT' as ReasonCode,
      detail: `id ${d.id} already read from ${ordered[d.first]?.rel ?? d.first}`,
    })),
  ];
  const bySrc = new Map<number, typeof rejRows>();
  for (const r of rejRows) {
    const list = bySrc.get(r.src);
    if (list) list.push(r);
    else bySrc.set(r.src, [r]);
  }
  for (const [k, list] of bySrc) {
    const src = ordered[k] as SourceFile;
    const { malformed, featureLines } = staged[k] as (typeof staged)[number];
    const lines = featureLines
      ? list.map((r) => featureLines[r.rec] as number)
      : recordLines(
          list.map((r) => r.rec),
          malformed,
        );
    list.forEach((r, i) =>
      rejects.push({
        source: src.rel,
        line: lines[i] as number,
        reason: r.reason,
        detail: r.detail,
      }),
    );
  }

  // Per-source counts.
  const keptBySrc = new Map<number, number>();
  for (const [k] of ordered.entries()) keptBySrc.set(k, stagedRows[k] as number);
  for (const r of rejRows) keptBySrc.set(r.src, (keptBySrc.get(r.src) ?? 0) - 1);
  for (const [k, src] of ordered.entries()) {
    const byReason: Record<string, number> = {};
    for (const r of rejects)
      if (r.source === src.rel) byReason[r.reason] = (byReason[r.reason] ?? 0) + 1;
    const malformed = (staged[k] as (typeof staged)[number]).malformed.length;
    perSource.set(src.rel, {
      rowsRead: (stagedRows[k] as number) + malformed,
      rowsKept: keptBySrc.get(k) ?? 0,
      byReason,
    });
  }

  // Aggregation, fetched column-wise as JSON (fast for hundreds of thousands of rows).
  const est = (name: string, cond: string): string =>
    ['best', 'low', 'high']
      .map((f) => `CAST(coalesce(sum(${f}) FILTER (WHERE ${cond}), 0) AS INTEGER) AS ${name}_${f}`)
      .concat(`CAST(count(*) FILTER (WHERE ${cond}) AS INTEGER) AS ${name}_events`)
      .join(', ');
  await progress.duckStep(
    duck,
    'aggregating cell-years and cell-months',
    `CREATE OR REPLACE TABLE ged_cy AS
     WITH agg AS (
       SELECT gid, year, ${est('osv', 'tov = 3')}, ${est('osvs', "tov = 3 AND perp = 'state'")},
              ${est('osvn', "tov = 3 AND perp = 'nonstate'")}, ${est('sb', 'tov = 1')},
              ${est('ns', 'tov = 2')}
       FROM ged_k GROUP BY gid, year),
     ctry AS (
       SELECT gid, year, country FROM (
         SELECT gid, year, country, row_number() OVER (
           PARTITION BY gid, year ORDER BY sum(best) DESC, count(*) DESC, country) AS r
         FROM ged_k GROUP BY gid, year, country) WHERE r = 1),
     tops AS (
       SELECT gid, year, list(side_a ORDER BY r) AS top_names, list(perp ORDER BY r) AS top_perps,
              list(best ORDER BY r) AS top_best
       FROM (
         SELECT gid, year, side_a, any_value(perp) AS perp, CAST(sum(best) AS INTEGER) AS best,
                row_number() OVER (PARTITION BY gid, year ORDER BY sum(best) DESC, side_a) AS r
         FROM ged_k WHERE tov = 3 GROUP BY gid, year, side_a)
       WHERE r <= 3 GROUP BY gid, year)
     SELECT agg.*, ctry.country, tops.top_names, tops.top_perps, tops.top_best
     FROM agg JOIN ctry USING (gid, year) LEFT JOIN tops USING (gid, year)
     ORDER BY year, gid;
     CREATE OR REPLACE TABLE ged_cm AS
     SELECT gid, year, month, CAST(sum(best) AS INTEGER) AS osv,
            CAST(coalesce(sum(best) FILTER (WHERE perp = 'state'), 0) AS INTEGER) AS osvs,
            CAST(coalesce(sum(best) FILTER (WHERE perp = 'nonstate'), 0) AS INTEGER) AS osvn
     FROM ged_k WHERE tov = 3 GROUP BY gid, year, month ORDER BY year, month, gid`,
  );
  const cyCols = [
    'gid',
    'year',
    ...['osv', 'osvs', 'osvn', 'sb', 'ns'].flatMap((e) =>
      ['best', 'low', 'high', 'events'].map((f) => `${e}_${f}`),
    ),
    'country',
    'top_names',
    'top_perps',
    'top_best',
  ];
  const cy = await fetchColumns(duck, 'ged_cy', cyCols);
  const n = (cy.gid as number[]).length;
  const countryNames = new Map<string, string>();
  const canon = (c: string): string => {
    let v = countryNames.get(c);
    if (v === undefined) countryNames.set(c, (v = canonicalCountry(c)));
    return v;
  };
  const cellYears: CellYear[] = new Array<CellYear>(n);
  const col = (name: string): number[] => cy[name] as number[];
  const e = (name: string, i: number): Estimate => ({
    best: (col(`${name}_best`)[i] as number) ?? 0,
    low: (col(`${name}_low`)[i] as number) ?? 0,
    high: (col(`${name}_high`)[i] as number) ?? 0,
    events: (col(`${name}_events`)[i] as number) ?? 0,
  });
  const names = cy.top_names as (string[] | null)[];
  const perps = cy.top_perps as (Perpetrator[] | null)[];
  const bests = cy.top_best as (number[] | null)[];
  for (let i = 0; i < n; i++) {
    const tn = names[i];
    cellYears[i] = {
      gid: col('gid')[i] as number,
      year: col('year')[i] as number,
      country: canon((cy.country as string[])[i] as string),
      osv: e('osv', i),
      osvState: e('osvs', i),
      osvNonState: e('osvn', i),
      stateBased: e('sb', i),
      nonStateConflict: e('ns', i),
      topPerpetrators: tn
        ? tn.map((name, j) => ({
            name,
            perpetrator: (perps[i] as Perpetrator[])[j] as Perpetrator,
            best: (bests[i] as number[])[j] as number,
          }))
        : [],
    };
  }
  const cm = await fetchColumns(duck, 'ged_cm', ['gid', 'year', 'month', 'osv', 'osvs', 'osvn']);
  const cellMonths: CellMonth[] = (cm.gid as number[]).map((gid, i) => ({
    gid,
    year: (cm.year as number[])[i] as number,
    month: (cm.month as number[])[i] as number,
    osvBest: (cm.osv as number[])[i] as number,
    osvStateBest: (cm.osvs as number[])[i] as number,
    osvNonStateBest: (cm.osvn as number[])[i] as number,
  }));

  // Coverage.
  const [minYear, maxYear] = (await duck.rows(`SELECT min(year), max(year) FROM ged_k`))[0] as [
    number | null,
    number | null,
  ];
  const countries = [
    ...new Set(
      (await duck.rows(`SELECT DISTINCT country FROM ged_k`)).map((r) =>
        canonicalCountry(r[0] as string),
      ),
    ),
  ].sort();
  const versions = [...new Set(ordered.map((s) => s.version))].sort();
  let years: [number, number] | null = null;
  if (minYear !== null && maxYear !== null) {
    const releaseEnds = versions
      .filter((v) => v !== 'unknown')
      .map((v) => 2000 + Math.floor(Number(v)) - 1);
    years = [Math.min(GED_FIRST_YEAR, minYear), Math.max(maxYear, ...releaseEnds)];
  }
  const coverage: Coverage = {
    gedVersions: versions,
    years,
    scope:
      years === null
        ? 'none'
        : countries.length >= GLOBAL_COVERAGE_MIN_COUNTRIES
          ? 'global'
          : 'countries',
    countries,
  };
  const osvRow = (
    await duck.rows(
      `SELECT CAST(count(*) AS INTEGER), CAST(coalesce(sum(best), 0) AS BIGINT) FROM ged_k WHERE tov = 3`,
    )
  )[0] as [number, bigint];
  await duck.run(
    'DROP TABLE ged_k; DROP TABLE ged_cy; DROP TABLE ged_cm; DROP TABLE ged_dups; DROP TABLE ged_dup_ids',
  );
  return {
    cellYears,
    cellMonths,
    coverage,
    perSource,
    rejects,
    osv: { events: osvRow[0], best: Number(osvRow[1]) },
  };
}
