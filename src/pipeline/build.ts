/**
 * The data build: sources → validated, aggregated dataset in `public/data/` (or any `outDir`).
 * `buildDataset` is the API (the CLI, the tests and the analysis use it); src/pipeline/cli.ts is
 * the command line around it.
 */
import { readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import type { CellMonth, CellYear, Dataset } from '../domain/dataset';
import { DEPLOYMENT_RULES } from '../domain/deployments';
import { CELL_YEAR_PARTS_INDEX, encodeCellYearParts } from '../domain/cellYearParts';
import {
  BASE_YEARS_EXPORT_COLUMNS,
  CELL_YEARS_EXPORT_COLUMNS,
  DATA_FILES,
  DATASET_FILES,
  FORMAT_VERSION,
  decodeCellMonths,
  decodeCellYears,
  encodeCellMonthColumnsJson,
  encodeCellYearColumnsJson,
  encodeDatasetFile,
  type DatasetFileName,
  type Manifest,
  type ManifestOutput,
  type ManifestSource,
} from '../domain/encoding';
import { encodeOsvEvents, OSV_EVENTS_FILE } from '../domain/eventsEncoding';
import { REASON_CODES, REASONS, type RejectedRow } from '../domain/rejects';
import { csvField, csvLine, neutralizeFormula } from '../domain/csv';
import {
  BuildFailedError,
  NODE_OUTPUT_FS,
  verifyOutputFile,
  writeAtomically,
  type OutputFs,
} from './atomic';
import { Duck, lit } from './duck';
import { cellCentroid } from '../domain/grid';
import {
  GRID_CELL_YEARS_EXPORT_COLUMNS,
  GRID_EXPORT_FILES,
  aggregateOsvEvents,
  gridCellYearsCsv,
} from '../domain/gridAggregate';
import {
  encodeGridFile,
  encodeGridParts,
  GRID_BROWSER_FILES,
  GRID_PART_INDEX_FILES,
} from '../domain/gridFile';
import { h3Grid } from '../domain/h3Grid';
import type { OsvEvent } from '../domain/coverage';
import { GED_RULES, processGed, type GedResult } from './ged';
import { processGeoPko } from './geopko';
import { createProgress, type Progress } from './progress';
import { convertWindows1252, detectEncoding } from './textEncoding';
import {
  SourceError,
  inspectSource,
  listDataFiles,
  pickSourceDir,
  sha256Files,
  type SourceFile,
} from './sources';

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
  /**
   * Build even when a source's rejected-row share is above {@link BuildOptions.maxRejectShare}
   * (`--allow-rejects`); the summary lists such sources either way.
   */
  allowRejects?: boolean;
  /** Largest share of a source's rows that may be rejected (default {@link MAX_REJECT_SHARE}). */
  maxRejectShare?: number;
  /** The file-system writes (tests pass a fake that fails one of them). */
  fs?: OutputFs;
  /**
   * More outputs of the same build (the CLI's basemap), written into the staging folder before
   * it is verified and swapped in; returns them (paths relative to the folder) for the manifest.
   */
  extend?: (stagingDir: string, dataset: Dataset, fs: OutputFs) => Promise<ManifestOutput[]>;
}

/**
 * Default largest share of a source's rows that may be rejected before the build refuses
 * (1 %). DUPLICATE_EVENT and SUPERSEDED_ROW rows do not count: their content is kept from
 * another file (the other copy of the event, the newer Geo-PKO version).
 */
export const MAX_REJECT_SHARE = 0.01;

/** Reason codes that lose no data and so do not count towards {@link MAX_REJECT_SHARE}. */
export const REJECTS_NOT_LIMITED: readonly string[] = ['DUPLICATE_EVENT', 'SUPERSEDED_ROW'];

/** A source whose rejected-row share is above the limit (see {@link MAX_REJECT_SHARE}). */
export interface RejectShareProblem {
  file: string;
  rowsRead: number;
  /** Rejected rows that count towards the limit. */
  rejected: number;
  share: number;
}

/** The sources of a manifest whose counted rejected share is above `maxShare`. */
export function rejectShareProblems(
  sources: readonly ManifestSource[],
  maxShare: number,
): RejectShareProblem[] {
  const out: RejectShareProblem[] = [];
  for (const s of sources) {
    const rejected = Object.entries(s.rejectedByReason)
      .filter(([r]) => !REJECTS_NOT_LIMITED.includes(r))
      .reduce((a, [, n]) => a + n, 0);
    if (s.rowsRead > 0 && rejected / s.rowsRead > maxShare)
      out.push({ file: s.file, rowsRead: s.rowsRead, rejected, share: rejected / s.rowsRead });
  }
  return out;
}

/** What {@link buildDataset} returns. */
export interface BuildResult {
  manifest: Manifest;
  /**
   * The built dataset. Its cellYears and cellMonths are decoded from the written files on first
   * access: the build itself never holds them as objects.
   */
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
    'Line numbers count the header as line 1 and each CSV record as one line (a quoted field with a line break makes a record one line); for GeoJSON the physical line where the feature starts (its feature number when several features share a line).',
};

/**
 * Writes a file from text pieces and measures its gzip size (default level, as a web server
 * sends it): each piece is compressed on the thread pool while the caller makes the next one.
 */
async function writeMeasured(
  fs: OutputFs,
  file: string,
  pieces: Iterable<string>,
): Promise<{ bytes: number; gzipBytes: number }> {
  const gz = createGzip();
  let gzipBytes = 0;
  gz.on('data', (chunk: Buffer) => (gzipBytes += chunk.length));
  const compressed = new Promise<void>((resolve, reject) => {
    gz.on('end', resolve);
    gz.on('error', reject);
  });
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  try {
    for (const piece of pieces) {
      const buf = Buffer.from(piece);
      fs.writeSync(fd, buf);
      bytes += buf.length;
      gz.write(buf);
      // Let the compressor pick up this piece before the next one is made.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    fs.closeSync(fd);
    gz.end();
  }
  await compressed;
  return { bytes, gzipBytes };
}

/** Writes rejects.csv: source,line,reason,detail sorted by source and line. */
function writeRejects(fs: OutputFs, file: string, rejects: RejectedRow[]): void {
  const lines = ['source,line,reason,detail'];
  for (const r of rejects)
    lines.push([r.source, r.line, r.reason, r.detail].map(csvField).join(','));
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

/**
 * export/cell_years.csv: one row per cell-year with at least one OSV event, in (year, gid)
 * order, straight from the cell-year columns; lat / lon = the cell centroid.
 */
function writeCellYearsCsv(
  fs: OutputFs,
  file: string,
  cy: GedResult['cellYears'],
  field: (name: string) => string = csvField,
): boolean {
  let neutralized = false;
  const c = cy.columns as Record<string, (number | string)[]>;
  const col = (n: string): (number | string)[] => c[n] as (number | string)[];
  const [year, gid, country, events, best, sBest, nBest, low, high] = [
    'year',
    'gid',
    'country',
    'osvEvents',
    'osvBest',
    'osvStateBest',
    'osvNonStateBest',
    'osvLow',
    'osvHigh',
  ].map(col) as [
    number[],
    number[],
    string[],
    number[],
    number[],
    number[],
    number[],
    number[],
    number[],
  ];
  const quotedCountry = new Map<string, string>();
  const fd = fs.openSync(file, 'w');
  try {
    // Written in blocks: no array of 100,000s of line strings for the collector to copy.
    let block = `${CELL_YEARS_EXPORT_COLUMNS.join(',')}\n`;
    let rows = 0;
    for (let i = 0; i < cy.length; i++) {
      if ((events[i] as number) === 0) continue;
      const g = gid[i] as number;
      const [lon, lat] = cellCentroid(g);
      const name = country[i] as string;
      let q = quotedCountry.get(name);
      if (q === undefined) {
        quotedCountry.set(name, (q = field(name)));
        if (neutralizeFormula(name) !== name) neutralized = true;
      }
      block += `${g},${year[i]},${lat},${lon},${q},${best[i]},${sBest[i]},${nBest[i]},${events[i]},${low[i]},${high[i]}\n`;
      if (++rows % 4096 === 0) {
        fs.writeSync(fd, block);
        block = '';
      }
    }
    fs.writeSync(fd, block);
  } finally {
    fs.closeSync(fd);
  }
  return neutralized;
}

/** A CSV field as it is, without formula neutralisation (only for DuckDB to read back). */
function rawCsvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The two researcher tables as CSV, and as Parquet written by DuckDB. */
async function writeExports(
  fs: OutputFs,
  duck: Duck,
  tempDir: string,
  outDir: string,
  ds: Pick<Dataset, 'bases' | 'baseYears'>,
  cellYears: GedResult['cellYears'],
  osvEvents: readonly OsvEvent[],
): Promise<string[]> {
  const exportDir = path.join(outDir, 'export');
  fs.mkdirSync(exportDir, { recursive: true });
  const cyCsv = path.join(outDir, DATA_FILES.exportCellYearsCsv);
  // The Parquet copy holds the names as they are: when a name had to be neutralised for
  // spreadsheets, DuckDB reads a second, raw CSV instead.
  let cyRead = cyCsv;
  if (writeCellYearsCsv(fs, cyCsv, cellYears)) {
    cyRead = path.join(tempDir, 'cell_years.raw.csv');
    writeCellYearsCsv(fs, cyRead, cellYears, rawCsvField);
  }
  fs.external(path.join(outDir, DATA_FILES.exportCellYearsParquet));
  const cyTypes = CELL_YEARS_EXPORT_COLUMNS.map(
    (c) =>
      `${lit(c)}: '${c === 'lat' || c === 'lon' ? 'DOUBLE' : c === 'country' ? 'VARCHAR' : 'INTEGER'}'`,
  );
  await duck.run(
    `COPY (SELECT * FROM read_csv(${lit(cyRead)}, delim=',', quote='"', escape='"', header=true,
             auto_detect=false, columns={${cyTypes.join(', ')}}))
     TO ${lit(path.join(outDir, DATA_FILES.exportCellYearsParquet))} (FORMAT parquet, COMPRESSION zstd)`,
  );
  const gridParts = await writeGridExports(fs, duck, tempDir, outDir, osvEvents, ds);

  await duck.run(`CREATE OR REPLACE TABLE x_base_years (
    mission VARCHAR, base_id VARCHAR, location VARCHAR, country VARCHAR, year INTEGER,
    latitude DOUBLE, longitude DOUBLE, gid INTEGER, troops INTEGER, troops_min INTEGER,
    troops_max INTEGER, source_rows INTEGER, troops_from_maps INTEGER, hq INTEGER,
    zero_troops INTEGER)`);
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
    for (const v of [by.troops, by.troopsMin, by.troopsMax]) {
      if (v === null) app.appendNull();
      else app.appendInteger(v);
    }
    app.appendInteger(by.sourceRows);
    app.appendInteger(by.troopsFromMaps ? 1 : 0);
    app.appendInteger(by.hq);
    app.appendInteger(by.zeroTroops ? 1 : 0);
    app.endRow();
  }
  app.closeSync();
  const select = `SELECT ${BASE_YEARS_EXPORT_COLUMNS.join(', ')} FROM x_base_years ORDER BY mission, base_id, year`;
  const csv = DATA_FILES.exportBaseYearsCsv;
  // The CSV is written here (text fields neutralised for spreadsheets), the Parquet by DuckDB.
  const lines = [BASE_YEARS_EXPORT_COLUMNS.join(',')];
  for (const row of await duck.rows(select)) lines.push(csvLine(row as (string | number | null)[]));
  fs.writeFileSync(path.join(outDir, csv), `${lines.join('\n')}\n`);
  fs.external(path.join(outDir, csv.replace(/\.csv$/, '.parquet')));
  await duck.run(
    `COPY (${select}) TO ${lit(path.join(outDir, csv.replace(/\.csv$/, '.parquet')))} (FORMAT parquet, COMPRESSION zstd)`,
  );
  await duck.run('DROP TABLE x_base_years');
  return gridParts;
}

/**
 * export/cell_years_h3r4.csv and _h3r5.csv (+ Parquet): the OSV events summed per H3 cell-year
 * (`aggregateOsvEvents`), the columns of cell_years.csv with `h3` in place of gid / lat / lon;
 * written like cell_years (CSV here, Parquet by DuckDB from a raw copy when a name had to be
 * neutralised). Also the app's grid files (grid_h3r4.json, grid_h3r5.json: the same cell-years
 * in the browser's table format and the hexagon of every base coordinate) and the same rows cut
 * per country (`grid_h3r4/index.json` and one part file per country, `encodeGridParts`), which
 * the app fetches for the mission's host countries on a switch to the grid. Returns the part
 * files' paths (index first) for the manifest.
 */
async function writeGridExports(
  fs: OutputFs,
  duck: Duck,
  tempDir: string,
  outDir: string,
  osvEvents: readonly OsvEvent[],
  ds: Pick<Dataset, 'bases' | 'baseYears'>,
): Promise<string[]> {
  const gridPartFiles: string[] = [];
  const types = GRID_CELL_YEARS_EXPORT_COLUMNS.map(
    (c) => `${lit(c)}: '${c === 'h3' || c === 'country' ? 'VARCHAR' : 'INTEGER'}'`,
  );
  for (const res of [4, 5] as const) {
    const grid = h3Grid(res);
    const files = GRID_EXPORT_FILES[grid.id as 'h3r4' | 'h3r5'];
    const rows = aggregateOsvEvents(osvEvents, grid);
    fs.writeFileSync(
      path.join(outDir, GRID_BROWSER_FILES[grid.id as 'h3r4' | 'h3r5']),
      JSON.stringify(encodeGridFile(grid, rows, ds)),
    );
    // The same rows cut per country (what the app fetches: a mission's host countries only).
    const { index, parts } = encodeGridParts(grid, rows, ds);
    const indexFile = GRID_PART_INDEX_FILES[grid.id as 'h3r4' | 'h3r5'];
    fs.mkdirSync(path.join(outDir, path.dirname(indexFile)), { recursive: true });
    fs.writeFileSync(path.join(outDir, indexFile), JSON.stringify(index));
    for (const [file, part] of parts)
      fs.writeFileSync(path.join(outDir, file), JSON.stringify(part));
    gridPartFiles.push(indexFile, ...parts.keys());
    const csvPath = path.join(outDir, files.csv);
    const text = gridCellYearsCsv(grid, rows);
    fs.writeFileSync(csvPath, text);
    let read = csvPath;
    const raw = gridCellYearsCsv(grid, rows, rawCsvField);
    if (raw !== text) {
      read = path.join(tempDir, `cell_years_${grid.id}.raw.csv`);
      fs.writeFileSync(read, raw);
    }
    const parquet = path.join(outDir, files.parquet);
    fs.external(parquet);
    await duck.run(
      `COPY (SELECT * FROM read_csv(${lit(read)}, delim=',', quote='"', escape='"', header=true,
               auto_detect=false, columns={${types.join(', ')}}))
       TO ${lit(parquet)} (FORMAT parquet, COMPRESSION zstd)`,
    );
  }
  return gridPartFiles;
}

/**
 * A dataset whose cellYears and cellMonths are decoded from the written files on first access.
 */
function lazyDataset(rest: Omit<Dataset, 'cellYears' | 'cellMonths'>, outDir: string): Dataset {
  const load = (file: string): unknown =>
    JSON.parse(readFileSync(path.join(outDir, file), 'utf8')) as unknown;
  let cellYears: CellYear[] | undefined;
  let cellMonths: CellMonth[] | undefined;
  const ds = { ...rest } as Dataset;
  Object.defineProperties(ds, {
    cellYears: {
      enumerable: true,
      get: () => (cellYears ??= decodeCellYears(load(DATA_FILES.cellYears))),
    },
    cellMonths: {
      enumerable: true,
      get: () => (cellMonths ??= decodeCellMonths(load(DATA_FILES.cellMonths))),
    },
  });
  return ds;
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
  const encodings = new Map<string, 'utf-8' | 'windows-1252'>();
  for (const rel of files) {
    try {
      const src = await inspectSource(dir, rel);
      const enc = await detectEncoding(src.path);
      if (enc.encoding === 'unreadable')
        problems.push(
          `${rel}: not UTF-8 and cannot be read as another encoding: line ${enc.line} (byte ${enc.offset}) has ${enc.problem}. Save the file as UTF-8 and build again.`,
        );
      else encodings.set(src.rel, enc.encoding);
      sources.push(src);
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
  const isGed = (s: SourceFile): boolean => s.kind === 'ged-csv' || s.kind === 'ged-geojson';
  const isPko = (s: SourceFile): boolean => s.kind.startsWith('geopko');
  const pko = sources.filter(isPko);
  if (!pko.some((s) => s.kind === 'geopko-frontmap' || s.kind === 'geopko-monthly'))
    throw new SourceError(
      `no Geo-PKO deployment file (FrontMap_v.2.3.csv or a monthly location file) in ${dir}; see geodata/sources.json`,
    );
  for (const s of sources)
    if (encodings.get(s.rel) === 'windows-1252')
      progress.log(`  ! ${s.rel} is not UTF-8: read as Windows-1252 / Latin-1 (converted)`);
  if (!sources.some(isGed))
    progress.log(
      '  ! no UCDP GED file: violence data will be "not loaded" everywhere (run npm run data:fetch)',
    );

  // Hash the sources (in a worker thread) while DuckDB reads them.
  const hashes = sha256Files(sources.map((s) => s.path));

  const tempDir = path.join(tmpdir(), `presence-atlas-duckdb-${process.pid}`);
  const fs = opts.fs ?? NODE_OUTPUT_FS;
  const maxShare = opts.maxRejectShare ?? MAX_REJECT_SHARE;
  const outDir = path.resolve(opts.outDir);
  // Everything is written into a staging folder beside outDir, verified, then swapped in.
  const built = await writeAtomically(
    outDir,
    async (stage) => {
      // Sources in Windows-1252 / Latin-1 are read from a UTF-8 copy in the temp folder (the
      // manifest keeps the original's bytes and sha256).
      const readable: SourceFile[] = [];
      for (const s of sources) {
        if (encodings.get(s.rel) !== 'windows-1252') {
          readable.push(s);
          continue;
        }
        const copyDir = path.join(tempDir, 'utf8');
        await convertWindows1252(s.path, path.join(copyDir, s.rel));
        const copy = await inspectSource(copyDir, s.rel);
        readable.push({ ...copy, bytes: s.bytes, version: s.version });
      }
      const duck = await Duck.open({
        tempDir,
        memoryLimit: opts.memoryLimit ?? '512MB',
        ...(opts.threads ? { threads: opts.threads } : {}),
      });
      try {
        return await buildInto(stage, duck, readable.filter(isGed), readable.filter(isPko));
      } finally {
        duck.close();
        rmSync(tempDir, { recursive: true, force: true });
      }
    },
    (stage, r) => {
      for (const o of r.manifest.outputs) verifyOutputFile(stage, o.path, o.bytes);
      verifyOutputFile(stage, DATA_FILES.manifest);
    },
    fs,
  ).catch((e: unknown) => {
    // A problem with the sources stays a SourceError (exit 2), with the note on the old build.
    if (e instanceof BuildFailedError && e.cause instanceof SourceError)
      throw new SourceError(e.message);
    throw e;
  });
  return { ...built, dataset: lazyDataset(built.rest, outDir), outDir };

  async function buildInto(
    stage: string,
    duck: Duck,
    ged: readonly SourceFile[],
    pkoSources: readonly SourceFile[],
  ) {
    // GED and Geo-PKO run side by side on two connections (the GED scan keeps DuckDB busy
    // while Geo-PKO's rules run in JavaScript); Geo-PKO's lines are printed after GED's.
    progress.log('UCDP GED');
    const pkoLines: string[] = [];
    const pkoDuck = await duck.connect();
    const [gedRun, pkoRun] = await Promise.allSettled([
      processGed(duck, ged, progress),
      processGeoPko(
        pkoDuck,
        pkoSources,
        createProgress({ quiet: opts.quiet ?? false, lines: pkoLines }),
      ).finally(() => pkoDuck.close()),
    ]);
    if (gedRun.status === 'rejected') throw gedRun.reason;
    if (pkoRun.status === 'rejected') throw pkoRun.reason;
    const gedResult = gedRun.value;
    const pkoResult = pkoRun.value;
    progress.log('Geo-PKO');
    for (const line of pkoLines) progress.log(line);

    const rest = {
      bases: pkoResult.bases,
      baseYears: pkoResult.baseYears,
      baseMonths: pkoResult.baseMonths,
      missions: pkoResult.missions,
      coverage: gedResult.coverage,
    };

    // Outputs, overlapped: DuckDB writes the Parquet exports and the thread pool gzips each
    // browser file (to measure it) while JavaScript encodes the next one; the largest first.
    const step = progress.start('writing the outputs');
    const exported = writeExports(
      fs,
      duck,
      tempDir,
      stage,
      rest,
      gedResult.cellYears,
      gedResult.osvEvents,
    );
    // The OSV events as points: loaded by the Coverage tab only (not in browserGzipBytes).
    const eventsWritten = writeMeasured(fs, path.join(stage, OSV_EVENTS_FILE), [
      JSON.stringify(encodeOsvEvents(gedResult.osvEvents)),
    ]);
    const outputs: ManifestOutput[] = [];
    const cy = gedResult.cellYears;
    const cm = gedResult.cellMonths;
    const pieces = (name: DatasetFileName): Iterable<string> =>
      name === DATA_FILES.cellYears
        ? encodeCellYearColumnsJson(cy.length, cy.columns)
        : name === DATA_FILES.cellMonths
          ? encodeCellMonthColumnsJson(cm.length, cm.columns)
          : [JSON.stringify(encodeDatasetFile({ ...rest, cellYears: [], cellMonths: [] }, name))];
    // The large tables column by column, each column compressed (to measure the gzip size) on
    // the thread pool while the next is encoded; all files side by side.
    const written = [
      DATA_FILES.cellYears,
      DATA_FILES.cellMonths,
      ...DATASET_FILES.filter((f) => f !== DATA_FILES.cellYears && f !== DATA_FILES.cellMonths),
    ].map(async (name) =>
      outputs.push({
        path: name,
        ...(await writeMeasured(fs, path.join(stage, name), pieces(name))),
      }),
    );
    const rejects = [...gedResult.rejects, ...pkoResult.rejects].sort(
      (a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0) || a.line - b.line,
    );
    let failed: { reason: unknown } | undefined;
    // The same cell-years cut per country: the app's first frame loads its mission's countries.
    let cyPartFiles: string[] = [];
    try {
      writeRejects(fs, path.join(stage, DATA_FILES.rejects), rejects);
      const cyParts = encodeCellYearParts(cy.length, cy.columns, rest);
      fs.mkdirSync(path.join(stage, path.dirname(CELL_YEAR_PARTS_INDEX)), { recursive: true });
      fs.writeFileSync(path.join(stage, CELL_YEAR_PARTS_INDEX), JSON.stringify(cyParts.index));
      for (const [file, pieces] of cyParts.parts)
        fs.writeFileSync(path.join(stage, file), [...pieces].join(''));
      cyPartFiles = [CELL_YEAR_PARTS_INDEX, ...cyParts.parts.keys()];
    } catch (e) {
      failed = { reason: e };
    }
    // Every write settles before a failure is reported: DuckDB must not be closed mid-COPY.
    const settled = await Promise.allSettled([exported, eventsWritten, ...written]);
    failed ??= settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    outputs.sort(
      (a, b) =>
        DATASET_FILES.indexOf(a.path as DatasetFileName) -
        DATASET_FILES.indexOf(b.path as DatasetFileName),
    );
    const browserGzipBytes = outputs.reduce((a, o) => a + (o.gzipBytes ?? 0), 0);
    outputs.push({ path: OSV_EVENTS_FILE, ...(await eventsWritten) });
    for (const f of [
      DATA_FILES.rejects,
      DATA_FILES.exportCellYearsCsv,
      DATA_FILES.exportBaseYearsCsv,
      DATA_FILES.exportCellYearsParquet,
      DATA_FILES.exportBaseYearsParquet,
      ...Object.values(GRID_EXPORT_FILES).flatMap((f) => [f.csv, f.parquet]),
      ...Object.values(GRID_BROWSER_FILES),
      ...cyPartFiles,
      ...(await exported),
    ])
      outputs.push({ path: f, bytes: statSync(path.join(stage, f)).size });
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
        sha256: await (hashes.get(s.path) as Promise<string>),
        rowsRead: c.rowsRead,
        rowsKept: c.rowsKept,
        rowsRejected,
        rejectedByReason: c.byReason,
        encoding: encodings.get(s.rel) ?? 'utf-8',
      });
    }
    const rejectedByReason: Record<string, number> = {};
    for (const r of rejects) rejectedByReason[r.reason] = (rejectedByReason[r.reason] ?? 0) + 1;
    const sum = (f: (s: ManifestSource) => number): number =>
      manifestSources.reduce((a, s) => a + f(s), 0);
    const duckdbVersion = await duck.value<string>('SELECT version()');
    const overLimit = rejectShareProblems(manifestSources, maxShare);
    const manifest: Manifest = {
      table: 'manifest',
      version: FORMAT_VERSION,
      builtAt: new Date().toISOString(),
      buildMs: 0,
      sourceDir: dir,
      sourceDirReason: reason,
      sources: manifestSources,
      versions: {
        ged: rest.coverage.gedVersions,
        geopko: [...new Set(pko.map((s) => s.version))].sort(),
        duckdb: duckdbVersion,
        pipeline: PIPELINE_VERSION,
      },
      rules: {
        ...BUILD_RULES,
        rejectLimit: `A source whose rejected rows (not counting ${REJECTS_NOT_LIMITED.join(' and ')}) are more than ${maxShare * 100} % of the rows read fails the build unless --allow-rejects is given.`,
        reasonCodes: JSON.stringify(REASONS),
      },
      rejectLimit: {
        maxShare,
        notCounted: [...REJECTS_NOT_LIMITED],
        allowed: opts.allowRejects ?? false,
        over: overLimit,
      },
      totals: {
        rowsRead: sum((s) => s.rowsRead),
        rowsKept: sum((s) => s.rowsKept),
        rowsRejected: sum((s) => s.rowsRejected),
      },
      rejectedByReason,
      counts: {
        cellYears: gedResult.cellYears.length,
        cellYearsWithOsv: gedResult.exportRows,
        cellMonths: gedResult.cellMonths.length,
        bases: rest.bases.length,
        baseYears: rest.baseYears.length,
        baseYearsMerged: pkoResult.mergedBaseYears,
        baseYearsTroopsFromMaps: pkoResult.troopsFromMaps,
        baseYearsUnknownTroops: rest.baseYears.filter((b) => b.troops === null).length,
        baseYearsZeroTroops: rest.baseYears.filter((b) => b.zeroTroops).length,
        baseMonths: rest.baseMonths.length,
        missions: rest.missions.length,
        osvEvents: gedResult.osv.events,
        osvFatalities: gedResult.osv.best,
        osvEventPoints: gedResult.osvEvents.length,
        rejects: rejects.length,
      },
      outputs,
      browserGzipBytes,
      coverage: rest.coverage,
    };
    manifest.buildMs = Math.round(performance.now() - t0);
    const summary = buildSummary(manifest);
    progress.log(`\n${summary}`);
    if (overLimit.length > 0 && !opts.allowRejects)
      throw new SourceError(rejectLimitMessage(overLimit, maxShare, rejects));

    // More outputs of the same build (the basemap), then the manifest, last.
    if (opts.extend) {
      const ds = lazyDataset(rest, stage);
      manifest.outputs.push(...(await opts.extend(stage, ds, fs)));
    }
    manifest.buildMs = Math.round(performance.now() - t0);
    fs.writeFileSync(
      path.join(stage, DATA_FILES.manifest),
      `${JSON.stringify(manifest, null, 2)}\n`,
    );
    return { manifest, rest, rejects, summary };
  }
}

/** The error text of a build refused for its rejected-row share. */
function rejectLimitMessage(
  over: readonly RejectShareProblem[],
  maxShare: number,
  rejects: readonly RejectedRow[],
): string {
  const lines = over.map((p) => {
    const first = rejects.find(
      (r) => r.source === p.file && !REJECTS_NOT_LIMITED.includes(r.reason),
    );
    return `${p.file}: ${p.rejected.toLocaleString('en')} of ${p.rowsRead.toLocaleString('en')} rows rejected (${formatShare(p.share)}), above the ${formatShare(maxShare)} limit${first ? `; first: line ${first.line} ${first.reason} ${first.detail}` : ''}`;
  });
  return `${lines.join('\n  ')}\nFix the source, or pass --allow-rejects to build anyway (the rejected rows are then listed in rejects.csv).`;
}

/** A share as a percentage with up to two decimals ("53.84 %", "1 %"). */
function formatShare(share: number): string {
  return `${Number((share * 100).toFixed(2)).toLocaleString('en')} %`;
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
  const limit = m.rejectLimit;
  const over = (limit?.over ?? []).map(
    (p) =>
      `! ${p.file}: ${formatShare(p.share)} of its rows rejected, above the ${formatShare(limit?.maxShare ?? MAX_REJECT_SHARE)} limit (${(limit?.notCounted ?? []).join(' and ')} not counted): ${limit?.allowed ? 'built anyway (--allow-rejects)' : 'build refused'}`,
  );
  const converted = m.sources
    .filter((s) => s.encoding && s.encoding !== 'utf-8')
    .map((s) => `! ${s.file}: read as ${s.encoding} (not UTF-8), converted to UTF-8`);
  return [
    textTable(['source', 'read', 'kept', 'rejected', 'reasons'], rows),
    ...over,
    ...converted,
    '',
    `cell-years ${(c.cellYears ?? 0).toLocaleString('en')} (${(c.cellYearsWithOsv ?? 0).toLocaleString('en')} with OSV) · cell-months ${(c.cellMonths ?? 0).toLocaleString('en')} · OSV events ${(c.osvEvents ?? 0).toLocaleString('en')}, fatalities ${(c.osvFatalities ?? 0).toLocaleString('en')}`,
    `missions ${c.missions} · bases ${(c.bases ?? 0).toLocaleString('en')} · base-years ${(c.baseYears ?? 0).toLocaleString('en')} (${c.baseYearsMerged} merged, ${c.baseYearsTroopsFromMaps ?? 0} troops = mean of the maps, ${c.baseYearsUnknownTroops} troops unknown, ${c.baseYearsZeroTroops} zero troops) · base-months ${(c.baseMonths ?? 0).toLocaleString('en')}`,
    `coverage: GED ${m.coverage.gedVersions.join(', ') || 'none'} ${m.coverage.years ? m.coverage.years.join('–') : ''} scope ${m.coverage.scope}${m.coverage.scope === 'countries' ? ` (${m.coverage.countries.join(', ')})` : ''}`,
    `browser JSON ${(m.browserGzipBytes / 1024).toFixed(0)} KiB gzipped · rejects.csv ${c.rejects} rows · built in ${(m.buildMs / 1000).toFixed(1)} s`,
  ].join('\n');
}

/** Reads a built manifest from a folder. */
export function readManifestFile(outDir: string): unknown {
  return JSON.parse(readFileSync(path.join(outDir, DATA_FILES.manifest), 'utf8'));
}
