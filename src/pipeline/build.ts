/**
 * The data build: sources → validated, aggregated dataset in `public/data/` (or any `outDir`).
 * `buildDataset` is the API (the CLI, the tests and the analysis use it); src/pipeline/cli.ts is
 * the command line around it.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { centroidSql } from '../domain/gridSql';
import type { Dataset } from '../domain/dataset';
import { DEPLOYMENT_RULES } from '../domain/deployments';
import {
  BASE_YEARS_EXPORT_COLUMNS,
  CELL_YEARS_EXPORT_COLUMNS,
  DATA_FILES,
  DATASET_FILES,
  FORMAT_VERSION,
  encodeDatasetFile,
  type Manifest,
  type ManifestOutput,
  type ManifestSource,
} from '../domain/encoding';
import { REASON_CODES, REASONS, type RejectedRow } from '../domain/rejects';
import { Duck, lit } from './duck';
import { GED_RULES, processGed } from './ged';
import { processGeoPko } from './geopko';
import { createProgress, type Progress } from './progress';
import {
  SourceError,
  inspectSource,
  listDataFiles,
  pickSourceDir,
  sha256File,
  type SourceFile,
} from './sources';

const gzipAsync = promisify(gzip);

/** Version of the pipeline's rules and output, recorded in the manifest. */
export const PIPELINE_VERSION = `${FORMAT_VERSION}.0.0`;

/** Options of {@link buildDataset}. */
export interface BuildOptions {
  /** Source folder (`--from`); otherwise $PRESENCE_ATLAS_DATA, geodata/raw/, ../shared/data/. */
  from?: string;
  /** Where to write (normally public/data). */
  outDir: string;
  /** No progress output. */
  quiet?: boolean;
  /** Value of $PRESENCE_ATLAS_DATA (defaults to the environment's). */
  env?: string;
  /** DuckDB memory limit (default 512MB; beyond it DuckDB spills to a temp folder). */
  memoryLimit?: string;
  /** DuckDB threads (default: all cores). */
  threads?: number;
}

/** What {@link buildDataset} returns. */
export interface BuildResult {
  manifest: Manifest;
  dataset: Dataset;
  outDir: string;
  rejects: RejectedRow[];
  /** The summary table the CLI prints. */
  summary: string;
}

/** Every rule the build applies, recorded in the manifest. */
export const BUILD_RULES: Record<string, string> = {
  ...GED_RULES,
  ...DEPLOYMENT_RULES,
  rejects:
    'Every row that is not kept gets one reason code (the first check it fails) and its line in rejects.csv: ' +
    REASON_CODES.join(', ') +
    '.',
  lines:
    'Line numbers count the header as line 1 and each CSV record as one line (a quoted field with a line break makes a record one line); for GeoJSON the physical line of the feature.',
};

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes rejects.csv: source,line,reason,detail sorted by source and line. */
function writeRejects(file: string, rejects: RejectedRow[]): void {
  const lines = ['source,line,reason,detail'];
  for (const r of rejects)
    lines.push([r.source, r.line, r.reason, r.detail].map(csvField).join(','));
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** The two researcher tables, as CSV and Parquet, written by DuckDB. */
async function writeExports(duck: Duck, outDir: string, ds: Dataset): Promise<void> {
  const exportDir = path.join(outDir, 'export');
  mkdirSync(exportDir, { recursive: true });
  // Cell-years straight from the aggregate table the GED step left (ged_cy), when there is one.
  const hasGed = (await duck.value<number | bigint>(
    `SELECT count(*) FROM duckdb_tables() WHERE table_name = 'ged_cy'`,
  )) as number | bigint;
  const c = centroidSql('gid');
  await duck.run(
    Number(hasGed) > 0
      ? `CREATE OR REPLACE TABLE x_cell_years AS
         SELECT gid, year, ${c.lat} AS lat, ${c.lon} AS lon, country,
                osv_b AS osv_fatalities, osvs_b AS osv_state_fatalities,
                osvn_b AS osv_nonstate_fatalities, osv_n AS osv_events,
                osv_l AS osv_fatalities_low, osv_h AS osv_fatalities_high
         FROM ged_cy WHERE osv_n > 0`
      : `CREATE OR REPLACE TABLE x_cell_years (
           gid INTEGER, year INTEGER, lat DOUBLE, lon DOUBLE, country VARCHAR,
           osv_fatalities INTEGER, osv_state_fatalities INTEGER, osv_nonstate_fatalities INTEGER,
           osv_events INTEGER, osv_fatalities_low INTEGER, osv_fatalities_high INTEGER)`,
  );

  await duck.run(`CREATE OR REPLACE TABLE x_base_years (
    mission VARCHAR, base_id VARCHAR, location VARCHAR, country VARCHAR, year INTEGER,
    latitude DOUBLE, longitude DOUBLE, gid INTEGER, troops INTEGER, hq INTEGER, zero_troops INTEGER)`);
  const app = await duck.conn.createAppender('x_base_years');
  const bases = new Map(ds.bases.map((b) => [b.id, b]));
  for (const by of ds.baseYears) {
    const b = bases.get(by.baseId);
    if (!b) continue;
    app.appendVarchar(by.mission);
    app.appendVarchar(by.baseId);
    app.appendVarchar(b.location);
    app.appendVarchar(b.country);
    app.appendInteger(by.year);
    app.appendDouble(by.lat);
    app.appendDouble(by.lon);
    app.appendInteger(by.gid);
    if (by.troops === null) app.appendNull();
    else app.appendInteger(by.troops);
    app.appendInteger(by.hq);
    app.appendInteger(by.zeroTroops ? 1 : 0);
    app.endRow();
  }
  app.closeSync();
  const tables: [string, readonly string[], string, string][] = [
    ['x_cell_years', CELL_YEARS_EXPORT_COLUMNS, DATA_FILES.exportCellYearsCsv, 'year, gid'],
    [
      'x_base_years',
      BASE_YEARS_EXPORT_COLUMNS,
      DATA_FILES.exportBaseYearsCsv,
      'mission, base_id, year',
    ],
  ];
  for (const [table, cols, csv, order] of tables) {
    const select = `SELECT ${cols.join(', ')} FROM ${table} ORDER BY ${order}`;
    await duck.run(
      `COPY (${select}) TO ${lit(path.join(outDir, csv))} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"')`,
    );
    await duck.run(
      `COPY (${select}) TO ${lit(path.join(outDir, csv.replace(/\.csv$/, '.parquet')))} (FORMAT parquet, COMPRESSION zstd)`,
    );
  }
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

/** A plain-text table. */
export function textTable(header: string[], rows: (string | number)[][]): string {
  const cells = [
    header,
    ...rows.map((r) => r.map((c) => (typeof c === 'number' ? c.toLocaleString('en') : c))),
  ];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  const line = (r: (string | number)[]): string =>
    r
      .map((c, i) => pad(String(c), widths[i] as number, i > 0 && typeof rows[0]?.[i] === 'number'))
      .join('  ');
  return [
    line(header),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...cells.slice(1).map(line),
  ].join('\n');
}

/**
 * Builds the dataset from the source folder into `outDir`: the browser JSON files, the export
 * tables (CSV + Parquet), rejects.csv and manifest.json. Throws {@link SourceError} with a clear
 * message for a missing, empty, unreadable or unrecognized source.
 */
export async function buildDataset(opts: BuildOptions): Promise<BuildResult> {
  const t0 = performance.now();
  const progress: Progress = createProgress({ quiet: opts.quiet ?? false });
  const env = opts.env ?? process.env.PRESENCE_ATLAS_DATA;
  const { dir, reason } = pickSourceDir({ from: opts.from, env: env || undefined });
  progress.log(`Source folder: ${dir}  (${reason})`);

  const files = listDataFiles(dir);
  const sources: SourceFile[] = [];
  const problems: string[] = [];
  for (const rel of files) {
    try {
      sources.push(await inspectSource(dir, rel));
    } catch (e) {
      if (e instanceof SourceError) problems.push(e.message);
      else throw e;
    }
  }
  if (problems.length > 0)
    throw new SourceError(`cannot build from ${dir}:\n  ${problems.join('\n  ')}`);
  for (const s of sources)
    progress.log(
      `  ${s.rel}  → ${s.label}, version ${s.version}, ${(s.bytes / 1e6).toFixed(1)} MB`,
    );
  const ged = sources.filter((s) => s.kind === 'ged-csv' || s.kind === 'ged-geojson');
  const pko = sources.filter((s) => s.kind.startsWith('geopko'));
  if (!pko.some((s) => s.kind === 'geopko-frontmap' || s.kind === 'geopko-monthly'))
    throw new SourceError(
      `no Geo-PKO deployment file (FrontMap_v.2.3.csv or a monthly location file) in ${dir}; see geodata/sources.json`,
    );
  if (ged.length === 0)
    progress.log(
      '  ! no UCDP GED file: violence data will be "not loaded" everywhere (run npm run data:fetch)',
    );

  // Hash the sources while DuckDB reads them.
  const hashes = new Map(sources.map((s) => [s.rel, sha256File(s.path)]));

  const tempDir = path.join(tmpdir(), `presence-atlas-duckdb-${process.pid}`);
  const duck = await Duck.open({
    tempDir,
    memoryLimit: opts.memoryLimit ?? '512MB',
    ...(opts.threads ? { threads: opts.threads } : {}),
  });
  try {
    progress.log('UCDP GED');
    const gedResult = await processGed(duck, ged, progress);
    progress.log('Geo-PKO');
    const pkoResult = await processGeoPko(duck, pko, progress);

    const dataset: Dataset = {
      cellYears: gedResult.cellYears,
      cellMonths: gedResult.cellMonths,
      bases: pkoResult.bases,
      baseYears: pkoResult.baseYears,
      baseMonths: pkoResult.baseMonths,
      missions: pkoResult.missions,
      coverage: gedResult.coverage,
    };

    // Outputs.
    const step = progress.start('writing outputs');
    mkdirSync(opts.outDir, { recursive: true });
    for (const f of Object.values(DATA_FILES)) rmSync(path.join(opts.outDir, f), { force: true });
    const outputs: ManifestOutput[] = [];
    // One table at a time (bounded memory); gzip sizes are measured on the thread pool while
    // DuckDB writes the exports.
    const gzipped = DATASET_FILES.map((name) => {
      const text = JSON.stringify(encodeDatasetFile(dataset, name));
      writeFileSync(path.join(opts.outDir, name), text);
      const output: ManifestOutput = { path: name, bytes: Buffer.byteLength(text) };
      outputs.push(output);
      return gzipAsync(text).then((gz) => (output.gzipBytes = gz.length));
    });
    const rejects = [...gedResult.rejects, ...pkoResult.rejects].sort(
      (a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0) || a.line - b.line,
    );
    writeRejects(path.join(opts.outDir, DATA_FILES.rejects), rejects);
    await writeExports(duck, opts.outDir, dataset);
    const browserGzipBytes = (await Promise.all(gzipped)).reduce((a, b) => a + b, 0);
    for (const f of [
      DATA_FILES.rejects,
      DATA_FILES.exportCellYearsCsv,
      DATA_FILES.exportBaseYearsCsv,
      DATA_FILES.exportCellYearsParquet,
      DATA_FILES.exportBaseYearsParquet,
    ])
      outputs.push({ path: f, bytes: statSync(path.join(opts.outDir, f)).size });
    step.stop();

    // Manifest.
    const perSource = new Map([...gedResult.perSource, ...pkoResult.perSource]);
    const manifestSources: ManifestSource[] = [];
    for (const s of sources) {
      const c = perSource.get(s.rel) ?? { rowsRead: 0, rowsKept: 0, byReason: {} };
      const rowsRejected = Object.values(c.byReason).reduce((a, b) => a + b, 0);
      manifestSources.push({
        file: s.rel,
        kind: s.kind,
        dataset: s.kind.startsWith('ged') ? 'ucdp-ged' : 'geo-pko',
        version: s.version,
        bytes: s.bytes,
        sha256: await (hashes.get(s.rel) as Promise<string>),
        rowsRead: c.rowsRead,
        rowsKept: c.rowsKept,
        rowsRejected,
        rejectedByReason: c.byReason,
      });
    }
    const rejectedByReason: Record<string, number> = {};
    for (const r of rejects) rejectedByReason[r.reason] = (rejectedByReason[r.reason] ?? 0) + 1;
    const sum = (f: (s: ManifestSource) => number): number =>
      manifestSources.reduce((a, s) => a + f(s), 0);
    const duckdbVersion = await duck.value<string>('SELECT version()');
    const manifestPath = path.join(opts.outDir, DATA_FILES.manifest);
    const manifest: Manifest = {
      table: 'manifest',
      version: FORMAT_VERSION,
      builtAt: new Date().toISOString(),
      buildMs: 0,
      sourceDir: dir,
      sourceDirReason: reason,
      sources: manifestSources,
      versions: {
        ged: dataset.coverage.gedVersions,
        geopko: [...new Set(pko.map((s) => s.version))].sort(),
        duckdb: duckdbVersion,
        pipeline: PIPELINE_VERSION,
      },
      rules: { ...BUILD_RULES, reasonCodes: JSON.stringify(REASONS) },
      totals: {
        rowsRead: sum((s) => s.rowsRead),
        rowsKept: sum((s) => s.rowsKept),
        rowsRejected: sum((s) => s.rowsRejected),
      },
      rejectedByReason,
      counts: {
        cellYears: dataset.cellYears.length,
        cellYearsWithOsv: dataset.cellYears.filter((c) => c.osv.events > 0).length,
        cellMonths: dataset.cellMonths.length,
        bases: dataset.bases.length,
        baseYears: dataset.baseYears.length,
        baseYearsMerged: pkoResult.mergedBaseYears,
        baseYearsUnknownTroops: dataset.baseYears.filter((b) => b.troops === null).length,
        baseYearsZeroTroops: dataset.baseYears.filter((b) => b.zeroTroops).length,
        baseMonths: dataset.baseMonths.length,
        missions: dataset.missions.length,
        osvEvents: gedResult.osv.events,
        osvFatalities: gedResult.osv.best,
        rejects: rejects.length,
      },
      outputs,
      browserGzipBytes,
      coverage: dataset.coverage,
    };
    manifest.buildMs = Math.round(performance.now() - t0);
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

    const summary = buildSummary(manifest);
    progress.log(`\n${summary}`);
    return { manifest, dataset, outDir: opts.outDir, rejects, summary };
  } finally {
    duck.close();
    rmSync(tempDir, { recursive: true, force: true });
  }
}

/** The summary table printed at the end of a build. */
export function buildSummary(m: Manifest): string {
  const rows = m.sources.map((s) => [
    s.file,
    s.rowsRead,
    s.rowsKept,
    s.rowsRejected,
    Object.entries(s.rejectedByReason)
      .map(([r, n]) => `${r} ${n.toLocaleString('en')}`)
      .join(', ') || '–',
  ]);
  rows.push(['total', m.totals.rowsRead, m.totals.rowsKept, m.totals.rowsRejected, '']);
  const c = m.counts;
  return [
    textTable(['source', 'read', 'kept', 'rejected', 'reasons'], rows),
    '',
    `cell-years ${(c.cellYears ?? 0).toLocaleString('en')} (${(c.cellYearsWithOsv ?? 0).toLocaleString('en')} with OSV) · cell-months ${(c.cellMonths ?? 0).toLocaleString('en')} · OSV events ${(c.osvEvents ?? 0).toLocaleString('en')}, fatalities ${(c.osvFatalities ?? 0).toLocaleString('en')}`,
    `missions ${c.missions} · bases ${(c.bases ?? 0).toLocaleString('en')} · base-years ${(c.baseYears ?? 0).toLocaleString('en')} (${c.baseYearsMerged} merged, ${c.baseYearsUnknownTroops} troops unknown, ${c.baseYearsZeroTroops} zero troops) · base-months ${(c.baseMonths ?? 0).toLocaleString('en')}`,
    `coverage: GED ${m.coverage.gedVersions.join(', ') || 'none'} ${m.coverage.years ? m.coverage.years.join('–') : ''} scope ${m.coverage.scope}${m.coverage.scope === 'countries' ? ` (${m.coverage.countries.join(', ')})` : ''}`,
    `browser JSON ${(m.browserGzipBytes / 1024).toFixed(0)} KiB gzipped · rejects.csv ${c.rejects} rows · built in ${(m.buildMs / 1000).toFixed(1)} s`,
  ].join('\n');
}

/** Reads a built manifest from a folder. */
export function readManifestFile(outDir: string): unknown {
  return JSON.parse(readFileSync(path.join(outDir, DATA_FILES.manifest), 'utf8'));
}
