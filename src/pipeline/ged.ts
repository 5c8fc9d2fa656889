/**
 * UCDP GED events → cell-year and cell-month columns and coverage. CSV is read by DuckDB's CSV
 * reader (explicit dialect, every column VARCHAR); GeoJSON is streamed one feature per line into
 * the same staging shape. One pass per source validates (reason codes) and keeps a compact
 * table; the duplicate rule and the aggregation are SQL; the per-cell-year rules (country, top
 * perpetrators) are applied while assembling the columns. The grid and perpetrator rules come
 * from src/domain. ARCHITECTURE.md ("How the build runs") has the steps and their costs.
 */
import { canonicalCountry } from '../domain/countries';
import type { OsvEvent } from '../domain/coverage';
import { IMPRECISE_LEVELS, type Coverage, type Perpetrator } from '../domain/dataset';
import { CELL_MONTH_COLUMNS, CELL_YEAR_COLUMNS, type ColumnValue } from '../domain/encoding';
import { COORD_SCALE, compareEvents } from '../domain/eventsEncoding';
import { gidSql } from '../domain/gridSql';
import { isForeignGovernment, perpetratorSql } from '../domain/perpetrator';
import type { ReasonCode, RejectedRow } from '../domain/rejects';
import { Duck, ident, lit, readCsvSql, readRejects, recordLines, type NumberColumns } from './duck';
import { readGeojsonFeatures } from './geojsonStream';
import type { Progress } from './progress';
import type { SourceFile } from './sources';

/** Staging columns (all VARCHAR) and the GED field each comes from. */
const STAGE: [string, string][] = [
  ['id', 'id'],
  ['year', 'year'],
  ['tov', 'type_of_violence'],
  ['side_a', 'side_a'],
  ['prec', 'where_prec'],
  ['lat', 'latitude'],
  ['lon', 'longitude'],
  ['country', 'country'],
  ['date_start', 'date_start'],
  ['best', 'best'],
  ['low', 'low'],
  ['high', 'high'],
  ['adm1', 'adm_1'],
];

/** Country count from which a GED release is taken to be global (see {@link GED_RULES}). */
export const GLOBAL_COVERAGE_MIN_COUNTRIES = 30;

/** First year of every GED release. */
export const GED_FIRST_YEAR = 1989;

/** Rule texts, recorded in the manifest. */
export const GED_RULES = {
  osv: 'One-sided violence = GED type_of_violence 3; fatalities = best, with low and high carried along; events = number of events.',
  perpetrator:
    'Perpetrator: "state" when side_a starts with "Government of " (regular expression ^[ \\t]*Government of ), otherwise "nonstate". A state perpetrator is "host" when the government named is that of the event\'s GED country (names compared after canonicalization), otherwise "foreign" (osvForeign; the host part is osvState − osvForeign). Top 3 perpetrators per cell-year by OSV fatalities (ties by name).',
  precision:
    'Location precision: GED where_prec (1 exact place … 5 near a named place or admin unit, 6 only the country known — the event sits on a country centroid —, 7 international waters or airspace) is kept per event; the OSV events and fatalities of levels 6 and 7 are stored apart per perpetrator class (osvImprecise), so that the lag analysis can leave them out (precision parameter, default 5). where_prec must be a whole number 1–7 (else BAD_NUMBER; empty: MISSING_VALUE).',
  grid: 'gid = floor((lat + 90) / 0.5) * 720 + floor((lon + 180) / 0.5) + 1; a point on an edge belongs to the cell north / east of it; lat 90 and lon 180 are clamped into the last row / column.',
  duplicates:
    'Events are unique by GED id. Files are read in the order: newest GED version first, CSV before GeoJSON, then by path; the first copy of an id (among rows that pass validation) is kept and every later copy is DUPLICATE_EVENT.',
  cellCountry:
    'The country of a cell-year is the GED country with the most fatalities (all event types) there, ties broken by event count, then name.',
  region:
    'The area of a cell-year (region, used to name cells) is the GED adm_1 of most of its events (all event types; empty adm_1 ignored), ties broken by name; null when no event has one or the source has no adm_1 column.',
  month: 'The month of an event is the month of date_start (YYYY-MM-DD, with or without a time).',
  coverage: `Coverage scope is "global" when the GED rows read name at least ${GLOBAL_COVERAGE_MIN_COUNTRIES} countries (a full release names ~120), else "countries" (the countries named; other countries have no violence data loaded). Years: ${GED_FIRST_YEAR} to the last year of the release (GED YY.1 ends in 20YY-1), widened to the years seen.`,
} as const;

/** Table columns as the encoder takes them (see src/domain/encoding.ts). */
export interface Columns {
  length: number;
  columns: Record<string, ArrayLike<ColumnValue>>;
}

/** What the GED step produced. */
export interface GedResult {
  /** Cell-year columns (CELL_YEAR_COLUMNS), rows sorted by (year, gid). */
  cellYears: Columns;
  /** Cell-month columns (CELL_MONTH_COLUMNS), rows sorted by (year, month, gid). */
  cellMonths: Columns;
  coverage: Coverage;
  perSource: Map<string, { rowsRead: number; rowsKept: number; byReason: Record<string, number> }>;
  rejects: RejectedRow[];
  /** Kept OSV events and their best fatalities, for the summary. */
  osv: { events: number; best: number };
  /** Cell-years with at least one OSV event (the rows of export/cell_years.csv). */
  exportRows: number;
  /** Kept OSV events as points (osv_events.json), in the table's canonical order. */
  osvEvents: OsvEvent[];
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
 * The FROM expression of a CSV source: DuckDB's reader itself (read and validated in one pass).
 * Every source is valid UTF-8 by now (the build converts or refuses any other encoding).
 */
function csvSource(k: number, src: SourceFile): string {
  // adm_1 is optional: a file without it gives no area names.
  const cols = STAGE.map(([to, from]) =>
    src.fields[from] === undefined
      ? `CAST(NULL AS VARCHAR) AS ${to}`
      : `${ident(src.fields[from])} AS ${to}`,
  );
  return `(SELECT ${cols.join(', ')} FROM ${readCsvSql(src.path, src.header, `ged${k}`)})`;
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
  // The whole document is parsed (streamed): a syntax error or a cut-off file is an error with
  // its byte offset, never a partial read.
  let read;
  try {
    read = await readGeojsonFeatures(
      src.path,
      src.rel,
      (f, line) => append((f ?? {}) as Feature, line),
      (bytes) => step.update(bytes),
    );
  } catch (e) {
    step.stop();
    appender.closeSync();
    throw e;
  }
  // A document on one line: the feature number stands for the line.
  if (read.lines === 'index') featureLines.forEach((_, i) => (featureLines[i] = i + 1));
  appender.closeSync();
  step.stop(`${featureLines.length.toLocaleString('en')} features`);
  return { from: `ged_s${k}`, malformed, featureLines };
}

/** Empty or only spaces (trim only where the value starts with a space: cheap on valid rows). */
const nz = (c: string): string =>
  `(${c} IS NULL OR ${c} = '' OR (starts_with(${c}, ' ') AND trim(${c}) = ''))`;
/** Empty / NA, tested only where the number did not parse (cheap on valid rows). */
const missingNum = (c: string): string =>
  `(${c}_d IS NULL AND (${c} IS NULL OR upper(trim(${c})) IN ('', 'NA')))`;
/** DuckDB's casts ignore surrounding whitespace. */
const num = (c: string): string => `TRY_CAST(${c} AS DOUBLE)`;
const bad = (c: string): string => `(${c}_d IS NULL OR NOT isfinite(${c}_d))`;
const notWhole = (c: string): string => `(${bad(c)} OR ${c}_d <> floor(${c}_d))`;
/** A whole number that fits a 32-bit integer (fatality estimates). */
const notCount = (c: string): string => `(${notWhole(c)} OR ${c}_d > 2147483647)`;
const quoted = (c: string, label = c): string => `'${label} "' || coalesce(${c}, '') || '"'`;

/**
 * The validation: one CASE whose first failing check names the reason code (NULL = valid), and
 * the matching detail text.
 */
export function gedReasonSql(): { reason: string; detail: string } {
  const checks: [string, ReasonCode, string][] = [
    [`(id_d IS NULL AND ${nz('id')})`, 'MISSING_VALUE', `'id is empty'`],
    [notWhole('id'), 'BAD_NUMBER', quoted('id')],
    [nz('country'), 'MISSING_VALUE', `'country is empty'`],
    [`(${notWhole('year')} OR year_d < 1946 OR year_d > 2100)`, 'BAD_YEAR', quoted('year')],
    [`(tov_d IS NULL AND ${nz('tov')})`, 'MISSING_VALUE', `'type_of_violence is empty'`],
    [notWhole('tov'), 'BAD_NUMBER', quoted('tov', 'type_of_violence')],
    [`tov_d NOT IN (1, 2, 3)`, 'UNKNOWN_VIOLENCE_TYPE', quoted('tov', 'type_of_violence')],
    [`(prec_d IS NULL AND ${nz('prec')})`, 'MISSING_VALUE', `'where_prec is empty'`],
    [
      `(${notWhole('prec')} OR prec_d < 1 OR prec_d > 7)`,
      'BAD_NUMBER',
      `'where_prec "' || coalesce(prec, '') || '" (expected 1 to 7)'`,
    ],
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
    [notCount('best'), 'BAD_NUMBER', quoted('best')],
    [notCount('low'), 'BAD_NUMBER', quoted('low')],
    [notCount('high'), 'BAD_NUMBER', quoted('high')],
    [
      `(best_d < 0 OR low_d < 0 OR high_d < 0)`,
      'NEGATIVE_COUNT',
      `'best ' || best || ', low ' || low || ', high ' || high`,
    ],
    [`date_d IS NULL`, 'BAD_DATE', quoted('date_start')],
  ];
  return {
    reason: `CASE ${checks.map(([c, r]) => `WHEN ${c} THEN '${r}'`).join(' ')} END`,
    detail: `CASE ${checks.map(([c, , d]) => `WHEN ${c} THEN ${d}`).join(' ')} END`,
  };
}

/**
 * The one pass over a source's rows (`from`: the CSV reader or a staging table with the STAGE
 * columns): casts, validates and keeps only what the build needs, one row per record in record
 * order (rowid = record index). Rejected rows keep their reason and detail; valid rows their
 * cell, year, category (0 OSV by a state, 1 OSV by a non-state actor, 2 state-based, 3 non-state
 * conflict), month and perpetrator name (OSV only), estimates, id and country.
 */
export function gedScanSql(table: string, from: string): string {
  const { reason, detail } = gedReasonSql();
  // date_start: YYYY-MM-DD, optionally followed by " time" or "Ttime".
  const date = `CASE WHEN length(date_start) = 10 OR substr(date_start, 11, 1) IN (' ', 'T')
                THEN TRY_CAST(left(date_start, 10) AS DATE) END`;
  const cat = `CASE tov_d WHEN 3 THEN (CASE ${perpetratorSql('side_a')} WHEN 'state' THEN 0 ELSE 1 END)
               WHEN 1 THEN 2 WHEN 2 THEN 3 END`;
  return `CREATE OR REPLACE TABLE ${table} AS
    SELECT reason, CASE WHEN reason IS NOT NULL THEN ${detail} END AS detail,
           CASE WHEN tov_d = 3 THEN lon_d END AS elon, CASE WHEN tov_d = 3 THEN lat_d END AS elat,
           TRY_CAST(id_d AS BIGINT) AS id,
           CASE WHEN reason IS NULL THEN ${gidSql('lat_d', 'lon_d')} END AS gid,
           TRY_CAST(year_d AS SMALLINT) AS year,
           CAST(${cat} AS TINYINT) AS cat,
           CASE WHEN tov_d = 3 THEN CAST(month(date_d) AS TINYINT) END AS month,
           TRY_CAST(best_d AS INTEGER) AS best, TRY_CAST(low_d AS INTEGER) AS low,
           TRY_CAST(high_d AS INTEGER) AS high,
           CASE WHEN tov_d = 3 THEN coalesce(side_a, '') END AS side_a, country,
           TRY_CAST(prec_d AS TINYINT) AS prec, nullif(trim(adm1), '') AS adm1
    FROM (SELECT *, ${reason} AS reason
          FROM (SELECT *, ${num('id')} AS id_d, ${num('year')} AS year_d, ${num('tov')} AS tov_d, ${num('prec')} AS prec_d,
                       ${num('lat')} AS lat_d, ${num('lon')} AS lon_d, ${num('best')} AS best_d,
                       ${num('low')} AS low_d, ${num('high')} AS high_d, ${date} AS date_d
                FROM ${from}))`;
}

/** Perpetrator name of a cell-year's top list: side_a trimmed, "unknown" when empty. */
const PERP_NAME = `coalesce(nullif(trim(raw), ''), 'unknown')`;

/** Reads every GED source, validates it and aggregates it. */
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
      cellYears: { length: 0, columns: emptyColumns(CELL_YEAR_COLUMNS) },
      cellMonths: { length: 0, columns: emptyColumns(CELL_MONTH_COLUMNS) },
      coverage: { gedVersions: [], years: null, scope: 'none', countries: [] },
      perSource,
      rejects,
      osv: { events: 0, best: 0 },
      exportRows: 0,
      osvEvents: [],
    };
  }

  // One pass per source, straight from the reader (see gedScanSql).
  const staged: { malformed: number[]; featureLines: number[] | null; rows: number }[] = [];
  for (const [k, src] of ordered.entries()) {
    let from: string;
    let featureLines: number[] | null = null;
    let malformed: { line: number; error: string }[] = [];
    if (src.format === 'csv') from = csvSource(k, src);
    else ({ from, malformed, featureLines } = await stageGeojson(duck, k, src, progress));
    await progress.duckStep(
      duck,
      `reading and validating ${src.rel}`,
      gedScanSql(`ged_v${k}`, from),
    );
    if (src.format === 'csv') malformed = await readRejects(duck, `ged${k}`);
    if (from === `ged_s${k}`) await duck.run(`DROP TABLE ged_s${k}`);
    for (const m of malformed)
      rejects.push({ source: src.rel, line: m.line, reason: 'MALFORMED_LINE', detail: m.error });
    const rows = Number(await duck.value<number | bigint>(`SELECT count(*) FROM ged_v${k}`));
    staged.push({ malformed: malformed.map((m) => m.line), featureLines, rows });
  }

  // Duplicate rule: among valid rows, the first copy of an id in (file order, record) wins; the
  // later copies are marked DUPLICATE_EVENT in place.
  const step = progress.start('applying the duplicate rule');
  const ids = ordered
    .map((_, k) => `SELECT ${k} AS src, rowid AS rec, id FROM ged_v${k} WHERE reason IS NULL`)
    .join(' UNION ALL ');
  await duck.run(
    `CREATE OR REPLACE TABLE ged_dups AS
     WITH ids AS (${ids}),
          dup AS (SELECT id FROM ids GROUP BY id HAVING count(*) > 1),
          copies AS (
            SELECT src, rec, id, row_number() OVER w AS r, first_value(src) OVER w AS first_src
            FROM ids SEMI JOIN dup USING (id)
            WINDOW w AS (PARTITION BY id ORDER BY src, rec))
     SELECT CAST(src AS INTEGER) AS src, CAST(rec AS INTEGER) AS rec, CAST(id AS DOUBLE) AS id,
            CAST(first_src AS INTEGER) AS first_src
     FROM copies WHERE r > 1 ORDER BY src, rec`,
  );
  const dups = await duck.numbers('SELECT src, rec, id, first_src FROM ged_dups');
  for (const k of new Set(dups.columns[0]))
    await duck.run(
      `UPDATE ged_v${k} SET reason = 'DUPLICATE_EVENT'
       WHERE rowid IN (SELECT rec FROM ged_dups WHERE src = ${k})`,
    );
  step.stop(`${dups.length.toLocaleString('en')} duplicates`);

  // Rejected rows with their file lines.
  const invalid = await duck.all<{ src: number; rec: number; reason: ReasonCode; detail: string }>(
    ordered
      .map(
        (_, k) =>
          `SELECT ${k} AS src, CAST(rowid AS INTEGER) AS rec, reason, detail FROM ged_v${k}
           WHERE reason IS NOT NULL AND reason <> 'DUPLICATE_EVENT'`,
      )
      .join(' UNION ALL '),
  );
  const [dSrc, dRec, dId, dFirst] = dups.columns;
  const rejRows = [
    ...invalid,
    ...[...(dSrc ?? [])].map((src, i) => ({
      src,
      rec: dRec?.[i] as number,
      reason: 'DUPLICATE_EVENT' as ReasonCode,
      detail: `id ${dId?.[i]} already read from ${ordered[dFirst?.[i] as number]?.rel}`,
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
  for (const [k, src] of ordered.entries()) {
    const byReason: Record<string, number> = {};
    for (const r of rejects)
      if (r.source === src.rel) byReason[r.reason] = (byReason[r.reason] ?? 0) + 1;
    const s = staged[k] as (typeof staged)[number];
    const rejected = (bySrc.get(k)?.length ?? 0) + s.malformed.length;
    perSource.set(src.rel, {
      rowsRead: s.rows + s.malformed.length,
      rowsKept: s.rows + s.malformed.length - rejected,
      byReason,
    });
  }

  const pointEvents = await readOsvEvents(duck, ordered.length, progress);

  // Aggregation in DuckDB: per (cell, year, category, country) and, for OSV, per (cell, year,
  // month, category, perpetrator). The small dictionaries (countries, perpetrator names) get
  // integer codes so that the results come back as numbers only.
  const agg = progress.start('aggregating cell-years and cell-months');
  const kept = ordered
    .map(
      (_, k) =>
        `SELECT gid, year, cat, month, best, low, high, side_a, country, prec, adm1 FROM ged_v${k} WHERE reason IS NULL`,
    )
    .join(' UNION ALL ');
  // Host or foreign government: the domain rule (isForeignGovernment) on the few distinct
  // (side_a, country) pairs of state OSV, joined back as a flag `fg`.
  const pairs = await duck.all<{ side_a: string; country: string }>(
    `SELECT DISTINCT side_a, country FROM (${kept}) WHERE cat = 0`,
  );
  await duck.run('CREATE OR REPLACE TABLE ged_fg (side_a VARCHAR, country VARCHAR)');
  const fgApp = await duck.conn.createAppender('ged_fg');
  for (const p of pairs) {
    if (!isForeignGovernment(p.side_a, p.country)) continue;
    fgApp.appendVarchar(p.side_a);
    fgApp.appendVarchar(p.country);
    fgApp.endRow();
  }
  fgApp.closeSync();
  const osvKept = `SELECT k.*, (f.side_a IS NOT NULL) AS fg FROM (${kept}) k
                   LEFT JOIN ged_fg f ON k.cat = 0 AND k.side_a = f.side_a AND k.country = f.country
                   WHERE k.cat <= 1`;
  // Per cell-year: the foreign-government estimate and the imprecise events (where_prec 6, 7)
  // per class; only cell-years that have any.
  const classes: [string, string][] = [
    ['cat = 0', 'state'],
    ['fg', 'foreign'],
    ['cat = 1', 'nonstate'],
  ];
  const impreciseSql = IMPRECISE_LEVELS.flatMap((level) =>
    classes.flatMap(([cond]) => [
      `CAST(count(*) FILTER (WHERE prec = ${level} AND ${cond}) AS DOUBLE)`,
      `CAST(coalesce(sum(best) FILTER (WHERE prec = ${level} AND ${cond}), 0) AS DOUBLE)`,
    ]),
  );
  await duck.run(
    `CREATE OR REPLACE TABLE ged_cc AS
     SELECT gid, year, cat, country, sum(best) AS b, sum(low) AS l, sum(high) AS h, count(*) AS n
     FROM (${kept}) GROUP BY ALL;
     CREATE OR REPLACE TABLE ged_og AS
     SELECT gid, year, month, cat, fg, side_a AS raw, sum(best) AS b, sum(low) AS l, sum(high) AS h
     FROM (${osvKept}) GROUP BY ALL;
     CREATE OR REPLACE TABLE ged_x AS
     SELECT year, gid, CAST(count(*) FILTER (WHERE fg) AS DOUBLE) AS fe,
            ${['best', 'low', 'high'].map((f) => `CAST(coalesce(sum(${f}) FILTER (WHERE fg), 0) AS DOUBLE)`).join(', ')},
            ${impreciseSql.join(', ')}
     FROM (${osvKept}) WHERE fg OR prec >= ${IMPRECISE_LEVELS[0]} GROUP BY year, gid;
     CREATE OR REPLACE TABLE ged_adm AS
     SELECT year, gid, adm1 FROM (
       SELECT year, gid, adm1,
              row_number() OVER (PARTITION BY year, gid ORDER BY count(*) DESC, adm1) AS rk
       FROM (${kept}) WHERE adm1 IS NOT NULL GROUP BY year, gid, adm1)
     WHERE rk = 1;
     DROP TABLE ged_fg;
     ${ordered.map((_, k) => `DROP TABLE ged_v${k};`).join(' ')}
     DROP TABLE ged_dups;
     CREATE OR REPLACE TABLE ged_cn AS
     SELECT raw, CAST(dense_rank() OVER (ORDER BY trim(raw)) - 1 AS INTEGER) AS r, trim(raw) AS name
     FROM (SELECT DISTINCT country AS raw FROM ged_cc);
     CREATE OR REPLACE TABLE ged_pn AS
     SELECT raw, CAST(dense_rank() OVER (ORDER BY ${PERP_NAME}) - 1 AS INTEGER) AS r,
            ${PERP_NAME} AS name
     FROM (SELECT DISTINCT raw FROM ged_og)`,
  );
  // Country codes: r = rank of the trimmed GED name (the tie-break order); the output name is
  // the canonical one.
  const countryRows = await duck.rows('SELECT DISTINCT r, name FROM ged_cn ORDER BY r');
  const countryNames = countryRows.map((r) => canonicalCountry(r[1] as string));
  const perpNames = (await duck.rows('SELECT DISTINCT r, name FROM ged_pn ORDER BY r')).map(
    (r) => r[1] as string,
  );
  const cc = await duck.numbers(
    `SELECT year, gid, cat, n.r, CAST(b AS DOUBLE), CAST(l AS DOUBLE), CAST(h AS DOUBLE),
            CAST(c.n AS DOUBLE)
     FROM ged_cc c JOIN ged_cn n ON c.country = n.raw ORDER BY year, gid`,
  );
  const tops = await duck.numbers(
    `SELECT year, gid, p.r, CAST(sum(b) AS DOUBLE), min(cat)
     FROM ged_og o JOIN ged_pn p USING (raw) GROUP BY year, gid, p.r ORDER BY year, gid`,
  );
  const cm = await duck.numbers(
    `SELECT year, month, gid, CAST(coalesce(sum(b) FILTER (WHERE cat = 0), 0) AS DOUBLE),
            CAST(coalesce(sum(b) FILTER (WHERE cat = 1), 0) AS DOUBLE),
            CAST(coalesce(sum(b) FILTER (WHERE fg), 0) AS DOUBLE),
            ${['l', 'h'].flatMap((f) => [0, 1].map((cat) => `CAST(coalesce(sum(${f}) FILTER (WHERE cat = ${cat}), 0) AS DOUBLE)`)).join(', ')}
     FROM ged_og GROUP BY year, month, gid ORDER BY year, month, gid`,
  );
  const extra = await duck.numbers('SELECT * FROM ged_x ORDER BY year, gid');
  const regions = (await duck.rows('SELECT year, gid, adm1 FROM ged_adm ORDER BY year, gid')).map(
    (r) => [Number(r[0]), Number(r[1]), String(r[2])] as const,
  );
  await duck.run(
    'DROP TABLE ged_cc; DROP TABLE ged_og; DROP TABLE ged_x; DROP TABLE ged_adm; DROP TABLE ged_cn; DROP TABLE ged_pn',
  );
  agg.stop();

  const assemble = progress.start('assembling cell-years');
  const cellYears = assembleCellYears(cc, tops, countryNames, perpNames);
  addOsvDetail(cellYears, extra);
  addRegions(cellYears, regions);
  const [mState, mNonState] = [cm.columns[3] as Float64Array, cm.columns[4] as Float64Array];
  const cellMonths: Columns = {
    length: cm.length,
    columns: {
      year: cm.columns[0] as Float64Array,
      month: cm.columns[1] as Float64Array,
      gid: cm.columns[2] as Float64Array,
      osvStateBest: mState,
      osvNonStateBest: mNonState,
      osvBest: mState.map((v, k) => v + (mNonState[k] as number)),
      osvForeignBest: cm.columns[5] as Float64Array,
      osvStateLow: cm.columns[6] as Float64Array,
      osvNonStateLow: cm.columns[7] as Float64Array,
      osvStateHigh: cm.columns[8] as Float64Array,
      osvNonStateHigh: cm.columns[9] as Float64Array,
    },
  };
  assemble.stop(`${cellYears.length.toLocaleString('en')} cell-years`);

  // Coverage.
  const c = cellYears.columns;
  const yearCol = c.year as Float64Array;
  const versions = [...new Set(ordered.map((s) => s.version))].sort();
  let years: [number, number] | null = null;
  if (cellYears.length > 0) {
    const releaseEnds = versions
      .filter((v) => v !== 'unknown')
      .map((v) => 2000 + Math.floor(Number(v)) - 1);
    years = [
      Math.min(GED_FIRST_YEAR, yearCol[0] as number),
      Math.max(yearCol[cellYears.length - 1] as number, ...releaseEnds),
    ];
  }
  const countries = [...new Set(countryNames)].sort();
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
  const osvEvents = c.osvEvents as Float64Array;
  const osvBest = c.osvBest as Float64Array;
  let events = 0;
  let best = 0;
  let exportRows = 0;
  for (let i = 0; i < cellYears.length; i++) {
    events += osvEvents[i] as number;
    best += osvBest[i] as number;
    if ((osvEvents[i] as number) > 0) exportRows++;
  }
  return {
    cellYears,
    cellMonths,
    coverage,
    perSource,
    rejects,
    osv: { events, best },
    exportRows,
    osvEvents: pointEvents,
  };
}

/**
 * The kept OSV events of the `n` validated sources (ged_v0 …) as points for the events table:
 * coordinates rounded to 4 decimals, the perpetrator class of the rule and whether a state
 * perpetrator is a foreign government (`isForeignGovernment`), where_prec, the canonical country;
 * sorted in the table's order.
 */
async function readOsvEvents(duck: Duck, n: number, progress: Progress): Promise<OsvEvent[]> {
  const step = progress.start('keeping the OSV events as points');
  const kept = Array.from(
    { length: n },
    (_, k) =>
      `SELECT year, month, round(elon * ${COORD_SCALE}) AS x, round(elat * ${COORD_SCALE}) AS y,
              best, low, high, cat, prec, trim(country) AS country, side_a
       FROM ged_v${k} WHERE reason IS NULL AND cat <= 1`,
  ).join(' UNION ALL ');
  const names = (await duck.rows(`SELECT DISTINCT country FROM (${kept}) ORDER BY 1`)).map(
    (r) => r[0] as string,
  );
  const code = names.map((_, i) => `WHEN ${lit(names[i] as string)} THEN ${i}`).join(' ');
  // Host or foreign government: the domain rule on the few distinct (side_a, country) pairs.
  const pairs = (
    await duck.rows(`SELECT DISTINCT side_a, country FROM (${kept}) WHERE cat = 0 ORDER BY 1, 2`)
  ).filter((r) => isForeignGovernment(r[0] as string, r[1] as string));
  const foreignSql = pairs.length
    ? `CASE WHEN cat = 0 AND (${pairs
        .map((r) => `(side_a = ${lit(r[0] as string)} AND country = ${lit(r[1] as string)})`)
        .join(' OR ')}) THEN 1 ELSE 0 END`
    : '0';
  const cols = await duck.numbers(
    `SELECT year, month, x, y, best, low, high, cat, prec,
            ${names.length ? `CASE country ${code} END` : '0'}, ${foreignSql}
     FROM (${kept})`,
  );
  const canonical = names.map(canonicalCountry);
  const [year, month, x, y, best, low, high, cat, prec, country, foreign] =
    cols.columns as Float64Array[];
  const out = new Array<OsvEvent>(cols.length);
  for (let i = 0; i < cols.length; i++)
    out[i] = {
      year: year![i]!,
      month: month![i]!,
      lon: x![i]! / COORD_SCALE,
      lat: y![i]! / COORD_SCALE,
      best: best![i]!,
      low: low![i]!,
      high: high![i]!,
      perpetrator: cat![i] === 0 ? 'state' : 'nonstate',
      foreign: foreign![i] === 1,
      wherePrec: prec![i]!,
      country: canonical[country![i]!] as string,
    };
  out.sort(compareEvents);
  step.stop(`${out.length.toLocaleString('en')} events`);
  return out;
}

/** Column names of the ged_x values after (year, gid), in its column order. */
const DETAIL_COLUMNS = [
  'osvForeignEvents',
  'osvForeignBest',
  'osvForeignLow',
  'osvForeignHigh',
  ...IMPRECISE_LEVELS.flatMap((level) =>
    ['State', 'Foreign', 'NonState'].flatMap((c) => [
      `osvP${level}${c}Events`,
      `osvP${level}${c}Best`,
    ]),
  ),
];

/**
 * Adds the foreign-government estimate and the imprecise-event columns to the cell-year
 * columns: `extra` rows (year, gid, then {@link DETAIL_COLUMNS}) are a subset of the cell-years,
 * both sorted by (year, gid); every other cell-year gets zeros.
 */
export function addOsvDetail(cellYears: Columns, extra: NumberColumns): void {
  const n = cellYears.length;
  const out = DETAIL_COLUMNS.map(() => new Float64Array(n));
  const year = cellYears.columns.year as ArrayLike<number>;
  const gid = cellYears.columns.gid as ArrayLike<number>;
  const [xYear, xGid] = extra.columns as Float64Array[];
  let i = 0;
  for (let r = 0; r < extra.length; r++) {
    const y = xYear![r]!;
    const g = xGid![r]!;
    while (i < n && (year[i]! < y || (year[i] === y && gid[i]! < g))) i++;
    if (i >= n || year[i] !== y || gid[i] !== g)
      throw new Error(`OSV detail for ${y}/${g} has no cell-year (the aggregates disagree)`);
    out.forEach((col, c) => (col[i] = (extra.columns[c + 2] as Float64Array)[r]!));
  }
  DETAIL_COLUMNS.forEach((name, c) => (cellYears.columns[name] = out[c]!));
}

/**
 * Adds the `region` column (see {@link GED_RULES}: the GED `adm_1` of most of the cell-year's
 * events) to the cell-year columns: `regions` rows (year, gid, name) are a subset of the
 * cell-years, both sorted by (year, gid); every other cell-year gets null.
 */
export function addRegions(
  cellYears: Columns,
  regions: readonly (readonly [number, number, string])[],
): void {
  const n = cellYears.length;
  const out: (string | null)[] = new Array<string | null>(n).fill(null);
  const year = cellYears.columns.year as ArrayLike<number>;
  const gid = cellYears.columns.gid as ArrayLike<number>;
  let i = 0;
  for (const [y, g, name] of regions) {
    while (i < n && (year[i]! < y || (year[i] === y && gid[i]! < g))) i++;
    if (i >= n || year[i] !== y || gid[i] !== g)
      throw new Error(`area name for ${y}/${g} has no cell-year (the aggregates disagree)`);
    out[i] = name;
  }
  cellYears.columns.region = out;
}

const add = (a: Float64Array | number[], k: number, v: number): void => {
  a[k] = (a[k] as number) + v;
};

/** Estimate categories in `cat` order, as column-name prefixes. */
const CATS = ['osvState', 'osvNonState', 'stateBased', 'nonStateConflict'] as const;

function emptyColumns(names: readonly string[]): Record<string, ColumnValue[]> {
  return Object.fromEntries(names.map((n) => [n, []]));
}

/**
 * Builds the cell-year columns (see CELL_YEAR_COLUMNS in src/domain/encoding.ts) from the
 * aggregates, both sorted by (year, gid): `cc` rows (year, gid, cat, country rank, best, low,
 * high, events) per category and country; `tops` rows (year, gid, perpetrator rank, best, cat)
 * per OSV perpetrator. Applies the cell-country rule (most fatalities, then events, then name)
 * and the top-3 rule (most OSV fatalities, then name).
 */
export function assembleCellYears(
  cc: NumberColumns,
  tops: NumberColumns,
  countryNames: readonly string[],
  perpNames: readonly string[],
): Columns {
  const [cYear, cGid, cCat, cCountry, cB, cL, cH, cN] = cc.columns as Float64Array[] as [
    Float64Array, Float64Array, Float64Array, Float64Array,
    Float64Array, Float64Array, Float64Array, Float64Array,
  ]; // prettier-ignore
  const [tYear, tGid, tName, tB, tCat] = tops.columns as [
    Float64Array, Float64Array, Float64Array, Float64Array, Float64Array,
  ]; // prettier-ignore
  const max = cc.length;
  const year = new Float64Array(max);
  const gid = new Float64Array(max);
  const country = new Array<string>(max);
  // est[e * 4 + f]: categories osvState, osvNonState, stateBased, nonStateConflict, osv; fields
  // Events, Best, Low, High (the cc value order is best, low, high, events).
  const est = Array.from({ length: 20 }, () => new Float64Array(max));
  // Preallocated (large arrays are not copied by the young-generation collector).
  const names = [1, 2, 3].map(() => new Array<string | null>(max));
  const classes = [1, 2, 3].map(() => new Array<Perpetrator | null>(max));
  const bests = [1, 2, 3].map(() => new Array<number | null>(max));
  // Per-country totals of the current cell-year (a cell-year has one or a few countries).
  const cRank: number[] = [];
  const cBest: number[] = [];
  const cEvents: number[] = [];
  // Rows of `tops` of the current cell-year, ordered by the top-3 rule.
  const top: number[] = [];
  const byRule = (a: number, b: number): number =>
    (tB[b] as number) - (tB[a] as number) || (tName[a] as number) - (tName[b] as number);
  let n = 0;
  let t = 0;
  let i = 0;
  while (i < max) {
    const y = cYear[i] as number;
    const g = cGid[i] as number;
    cRank.length = 0;
    cBest.length = 0;
    cEvents.length = 0;
    for (; i < max && cYear[i] === y && cGid[i] === g; i++) {
      const e = (cCat[i] as number) * 4;
      const b = cB[i] as number;
      const events = cN[i] as number;
      add(est[e] as Float64Array, n, events);
      add(est[e + 1] as Float64Array, n, b);
      add(est[e + 2] as Float64Array, n, cL[i] as number);
      add(est[e + 3] as Float64Array, n, cH[i] as number);
      const r = cCountry[i] as number;
      const at = cRank.indexOf(r);
      if (at >= 0) {
        cBest[at] = (cBest[at] as number) + b;
        cEvents[at] = (cEvents[at] as number) + events;
      } else {
        cRank.push(r);
        cBest.push(b);
        cEvents.push(events);
      }
    }
    year[n] = y;
    gid[n] = g;
    let pick = 0;
    for (let k = 1; k < cRank.length; k++) {
      const db = (cBest[k] as number) - (cBest[pick] as number);
      const de = (cEvents[k] as number) - (cEvents[pick] as number);
      if (
        db > 0 ||
        (db === 0 && (de > 0 || (de === 0 && (cRank[k] as number) < (cRank[pick] as number))))
      )
        pick = k;
    }
    country[n] = countryNames[cRank[pick] as number] as string;
    for (let f = 0; f < 4; f++)
      (est[16 + f] as Float64Array)[n] =
        ((est[f] as Float64Array)[n] as number) + ((est[4 + f] as Float64Array)[n] as number);
    // Top perpetrators of this cell-year (the tops rows are a subsequence in the same order).
    while (
      t < tops.length &&
      ((tYear[t] as number) < y || (tYear[t] === y && (tGid[t] as number) < g))
    )
      t++;
    top.length = 0;
    for (; t < tops.length && tYear[t] === y && tGid[t] === g; t++) top.push(t);
    if (top.length > 1) top.sort(byRule);
    for (let k = 0; k < 3; k++) {
      const p = top[k];
      (names[k] as (string | null)[])[n] =
        p === undefined ? null : (perpNames[tName[p] as number] as string);
      (classes[k] as (Perpetrator | null)[])[n] =
        p === undefined ? null : tCat[p] === 0 ? 'state' : 'nonstate';
      (bests[k] as (number | null)[])[n] = p === undefined ? null : (tB[p] as number);
    }
    n++;
  }
  country.length = n;
  for (const list of [...names, ...classes, ...bests]) list.length = n;
  const columns: Record<string, ArrayLike<ColumnValue>> = {
    year: year.subarray(0, n),
    gid: gid.subarray(0, n),
    country,
  };
  [...CATS, 'osv'].forEach((e, ei) =>
    ['Events', 'Best', 'Low', 'High'].forEach(
      (f, fi) => (columns[`${e}${f}`] = (est[ei * 4 + fi] as Float64Array).subarray(0, n)),
    ),
  );
  for (let k = 0; k < 3; k++) {
    columns[`top${k + 1}Name`] = names[k] as (string | null)[];
    columns[`top${k + 1}Class`] = classes[k] as (Perpetrator | null)[];
    columns[`top${k + 1}Best`] = bests[k] as (number | null)[];
  }
  return { length: n, columns };
}
