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
import { Duck, ident, lit, readCsvSql, readRejects, recordLines } from './duck';
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

/** The estimate of a category without events (shared, frozen). */
const NO_EVENTS: Estimate = Object.freeze({ best: 0, low: 0, high: 0, events: 0 });

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

/**
 * The FROM expression of a CSV source: DuckDB's reader itself (read and validated in one pass),
 * or, for a file that is not valid UTF-8, a staging table read with every column.
 */
async function csvSource(duck: Duck, k: number, src: SourceFile, progress: Progress) {
  const cols = STAGE.map(([to, from]) => `${ident(src.fields[from] as string)} AS ${to}`);
  const read = readCsvSql(src.path, src.header, `ged${k}`);
  if (await isValidUtf8File(src.path))
    return { from: `(SELECT ${cols.join(', ')} FROM ${read})`, featureLines: null };
  // Invalid UTF-8: read every column (see isValidUtf8File), then keep the staging columns.
  await progress.duckStep(
    duck,
    `reading ${src.rel} (has invalid UTF-8)`,
    `CREATE OR REPLACE TABLE ged_all${k} AS SELECT * FROM ${read};
     CREATE OR REPLACE TABLE ged_s${k} AS SELECT ${cols.join(', ')} FROM ged_all${k} ORDER BY rowid;
     DROP TABLE ged_all${k}`,
  );
  return { from: `ged_s${k}`, featureLines: null };
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
  return { from: `ged_s${k}`, malformed, featureLines };
}

const nz = (c: string): string => `(${c} IS NULL OR trim(${c}) = '')`;
/** Empty / NA, tested only where the number did not parse (cheap on valid rows). */
const missingNum = (c: string): string =>
  `(${c}_d IS NULL AND (${c} IS NULL OR upper(trim(${c})) IN ('', 'NA')))`;
/** DuckDB's casts ignore surrounding whitespace. */
const num = (c: string): string => `TRY_CAST(${c} AS DOUBLE)`;
const bad = (c: string): string => `(${c}_d IS NULL OR NOT isfinite(${c}_d))`;
const notWhole = (c: string): string => `(${bad(c)} OR ${c}_d <> floor(${c}_d))`;
const quoted = (c: string, label = c): string => `'${label} "' || coalesce(${c}, '') || '"'`;

/** The validation CASE: the first failing check names the reason code. */
function reasonSql(): { reason: string; detail: string } {
  const checks: [string, ReasonCode, string][] = [
    [`(id_d IS NULL AND ${nz('id')})`, 'MISSING_VALUE', `'id is empty'`],
    [notWhole('id'), 'BAD_NUMBER', quoted('id')],
    [nz('country'), 'MISSING_VALUE', `'country is empty'`],
    [`(${notWhole('year')} OR year_d < 1946 OR year_d > 2100)`, 'BAD_YEAR', quoted('year')],
    [`(tov_d IS NULL AND ${nz('tov')})`, 'MISSING_VALUE', `'type_of_violence is empty'`],
    [notWhole('tov'), 'BAD_NUMBER', quoted('tov', 'type_of_violence')],
    [`tov_d NOT IN (1, 2, 3)`, 'UNKNOWN_VIOLENCE_TYPE', quoted('tov', 'type_of_violence')],
    [
      `(${missingNum('lat')} OR ${missingNum('lon')})`,
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

  const { reason, detail } = reasonSql();
  // date_start: YYYY-MM-DD, optionally followed by " time" or "Ttime".
  const dateD = `CASE WHEN length(date_start) = 10 OR substr(date_start, 11, 1) IN (' ', 'T')
                 THEN TRY_CAST(left(date_start, 10) AS DATE) END`;
  const rawCols = STAGE.map(([c]) => c);
  const typed = (from: string): string =>
    `SELECT *, ${num('id')} AS id_d, ${num('year')} AS year_d, ${num('tov')} AS tov_d,
            ${num('lat')} AS lat_d, ${num('lon')} AS lon_d,
            ${num('best')} AS best_d, ${num('low')} AS low_d, ${num('high')} AS high_d,
            ${dateD} AS date_d
     FROM ${from}`;

  // One pass per source, straight from the reader: typed values and the reason code (NULL =
  // valid); the raw text is kept only for rejected rows (for their details below). Insertion
  // order is preserved, so rowid = the record's index in its file.
  const staged: { malformed: number[]; featureLines: number[] | null }[] = [];
  const stagedRows: number[] = [];
  for (const [k, src] of ordered.entries()) {
    let from: string;
    let featureLines: number[] | null = null;
    let malformed: { line: number; error: string }[] = [];
    if (src.format === 'csv') ({ from } = await csvSource(duck, k, src, progress));
    else ({ from, malformed, featureLines } = await stageGeojson(duck, k, src, progress));
    await progress.duckStep(
      duck,
      `reading and validating ${src.rel}`,
      `CREATE OR REPLACE TABLE ged_v${k} AS
       SELECT reason, TRY_CAST(id_d AS BIGINT) AS id_n, TRY_CAST(year_d AS INTEGER) AS year,
              TRY_CAST(tov_d AS TINYINT) AS tov,
              coalesce(nullif(trim(side_a), ''), 'unknown') AS side_a,
              lat_d, lon_d, trim(country) AS country, CAST(month(date_d) AS TINYINT) AS month,
              TRY_CAST(best_d AS INTEGER) AS best, TRY_CAST(low_d AS INTEGER) AS low,
              TRY_CAST(high_d AS INTEGER) AS high,
              ${rawCols.map((c) => `CASE WHEN reason IS NOT NULL THEN ${c} END AS raw_${c}`).join(', ')}
       FROM (SELECT *, ${reason} AS reason FROM (${typed(from)}))`,
    );
    if (src.format === 'csv') malformed = await readRejects(duck, `ged${k}`);
    if (from === `ged_s${k}`) await duck.run(`DROP TABLE ged_s${k}`);
    for (const m of malformed)
      rejects.push({ source: src.rel, line: m.line, reason: 'MALFORMED_LINE', detail: m.error });
    staged.push({ malformed: malformed.map((m) => m.line), featureLines });
    stagedRows.push(Number(await duck.value<number | bigint>(`SELECT count(*) FROM ged_v${k}`)));
  }
  await duck.run(
    `CREATE OR REPLACE VIEW ged_v AS ${ordered
      .map((_, k) => `SELECT ${k} AS src, rowid AS rec, * FROM ged_v${k}`)
      .join(' UNION ALL ')}`,
  );
  const invalid = await duck.all<{ src: number; rec: number; reason: ReasonCode; detail: string }>(
    `SELECT src, CAST(rec AS INTEGER) AS rec, reason, ${detail} AS detail
     FROM (${typed(`(SELECT src, rec, reason, ${rawCols.map((c) => `raw_${c} AS ${c}`).join(', ')}
                      FROM ged_v WHERE reason IS NOT NULL)`)})
     ORDER BY src, rec`,
  );

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
     DROP VIEW ged_v; ${ordered.map((_, k) => `DROP TABLE ged_v${k};`).join(' ')}`,
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

  // Aggregation: per (cell, year, category) first, then pivoted (far cheaper than FILTERed
  // aggregates over every event). Categories: 0 OSV state, 1 OSV non-state, 2 state-based,
  // 3 non-state conflict.
  const cats = ['osvs', 'osvn', 'sb', 'ns'];
  const pivot = cats
    .flatMap((c, i) =>
      ['b', 'l', 'h', 'n'].map(
        (f) => `CAST(coalesce(sum(${f}) FILTER (WHERE cat = ${i}), 0) AS INTEGER) AS ${c}_${f}`,
      ),
    )
    .join(', ');
  await progress.duckStep(
    duck,
    'aggregating cell-years and cell-months',
    `CREATE OR REPLACE TABLE ged_perp_rank AS
     SELECT side_a, row_number() OVER (ORDER BY side_a) AS nr
     FROM (SELECT DISTINCT side_a FROM ged_k WHERE tov = 3);
     CREATE OR REPLACE TABLE ged_cy AS
     WITH bycat AS (
       SELECT gid, year,
              CAST(CASE WHEN tov = 3 THEN (CASE WHEN perp = 'state' THEN 0 ELSE 1 END)
                        WHEN tov = 1 THEN 2 ELSE 3 END AS TINYINT) AS cat,
              sum(best) AS b, sum(low) AS l, sum(high) AS h, count(*) AS n
       FROM ged_k GROUP BY ALL),
     agg AS (SELECT gid, year, ${pivot} FROM bycat GROUP BY gid, year),
     ctry AS (
       SELECT gid, year, country FROM (
         SELECT gid, year, country, row_number() OVER (
           PARTITION BY gid, year ORDER BY sum(best) DESC, count(*) DESC, country) AS r
         FROM ged_k GROUP BY gid, year, country) WHERE r = 1),
     tops AS (
       SELECT gid, year, max_by({name: side_a, perp: perp, best: best}, (best, -nr), 3) AS top
       FROM (SELECT gid, year, side_a, any_value(perp) AS perp, CAST(sum(best) AS INTEGER) AS best
             FROM ged_k WHERE tov = 3 GROUP BY gid, year, side_a)
       JOIN ged_perp_rank USING (side_a)
       GROUP BY gid, year)
     SELECT agg.*, osvs_b + osvn_b AS osv_b, osvs_l + osvn_l AS osv_l, osvs_h + osvn_h AS osv_h,
            osvs_n + osvn_n AS osv_n, ctry.country, tops.top
     FROM agg JOIN ctry USING (gid, year) LEFT JOIN tops USING (gid, year)
     ORDER BY year, gid;
     CREATE OR REPLACE TABLE ged_cm AS
     SELECT gid, year, month, CAST(sum(best) AS INTEGER) AS osv,
            CAST(coalesce(sum(best) FILTER (WHERE perp = 'state'), 0) AS INTEGER) AS osvs,
            CAST(coalesce(sum(best) FILTER (WHERE perp = 'nonstate'), 0) AS INTEGER) AS osvn
     FROM ged_k WHERE tov = 3 GROUP BY gid, year, month ORDER BY year, month, gid`,
  );
  // Canonical country names (a few distinct values), applied in SQL for the exports too.
  const rawCountries = (await duck.rows(`SELECT DISTINCT country FROM ged_cy`)).map(
    (r) => r[0] as string,
  );
  await duck.run(`CREATE OR REPLACE TABLE ged_cmap (raw VARCHAR, canon VARCHAR)`);
  if (rawCountries.length > 0)
    await duck.run(
      `INSERT INTO ged_cmap VALUES ${rawCountries.map((c) => `(${lit(c)}, ${lit(canonicalCountry(c))})`).join(', ')}`,
    );
  await duck.run(
    `CREATE OR REPLACE TABLE ged_cy AS
     SELECT c.* EXCLUDE (country), coalesce(m.canon, c.country) AS country
     FROM ged_cy c LEFT JOIN ged_cmap m ON c.country = m.raw ORDER BY year, gid`,
  );

  const step = progress.start('reading the aggregates');
  const estCols = ['osv', ...cats].flatMap((c) => ['b', 'l', 'h', 'n'].map((f) => `${c}_${f}`));
  // Column-wise read of plain INTEGER / VARCHAR values: no per-value conversion.
  const cy = await duck.columns(
    `SELECT gid, year, ${estCols.join(', ')}, country, CAST(to_json(top) AS VARCHAR) FROM ged_cy`,
  );
  const col = (c: number): number[] => cy[c] as number[];
  const cellYears: CellYear[] = new Array<CellYear>(col(0).length);
  for (let i = 0; i < cellYears.length; i++) {
    const e = (k: number): Estimate => {
      const events = col(5 + k * 4)[i] as number;
      const best = col(2 + k * 4)[i] as number;
      const low = col(3 + k * 4)[i] as number;
      const high = col(4 + k * 4)[i] as number;
      // No events, no fatalities: one shared (frozen) object saves memory on global data.
      if (events === 0 && best === 0 && low === 0 && high === 0) return NO_EVENTS;
      return { best, low, high, events };
    };
    const top = (cy[23] as (string | null)[])[i];
    cellYears[i] = {
      gid: col(0)[i] as number,
      year: col(1)[i] as number,
      country: (cy[22] as string[])[i] as string,
      osv: e(0),
      osvState: e(1),
      osvNonState: e(2),
      stateBased: e(3),
      nonStateConflict: e(4),
      topPerpetrators: top
        ? (JSON.parse(top) as { name: string; perp: Perpetrator; best: number }[]).map((t) => ({
            name: t.name,
            perpetrator: t.perp,
            best: t.best,
          }))
        : [],
    };
  }
  const cm = (await duck.columns(
    'SELECT gid, CAST(year AS INTEGER), CAST(month AS INTEGER), osv, osvs, osvn FROM ged_cm',
  )) as number[][];
  const cellMonths: CellMonth[] = (cm[0] as number[]).map((gid, i) => ({
    gid,
    year: (cm[1] as number[])[i] as number,
    month: (cm[2] as number[])[i] as number,
    osvBest: (cm[3] as number[])[i] as number,
    osvStateBest: (cm[4] as number[])[i] as number,
    osvNonStateBest: (cm[5] as number[])[i] as number,
  }));
  step.stop(`${cellYears.length.toLocaleString('en')} cell-years`);

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
    // ged_cy stays for the export tables (writeExports in build.ts drops it).
    'DROP TABLE ged_k; DROP TABLE ged_cm; DROP TABLE ged_dups; DROP TABLE ged_dup_ids; DROP TABLE ged_perp_rank; DROP TABLE ged_cmap',
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
