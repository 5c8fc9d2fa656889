/**
 * The committed demo dataset (`geodata/demo/`): the browser files of a build from the sources,
 * cut to the Central African Republic ({@link demoSubset}), with its manifest (sources, rules,
 * licences, citations) and a README. Derived data only, never a raw source file; under 1 MB.
 *
 * `npm run data:demo [-- --from DIR] [--check]` regenerates it (or, with `--check`, only says
 * whether the committed one still matches the sources); `npm start` and the browser tests serve it
 * when no source folder is found ({@link installDemo}). The basemap is not committed: it is built
 * from npm packages when the demo is installed.
 */
import {
  CELL_YEAR_PARTS_INDEX,
  decodeCellYearPart,
  decodeCellYearPartsIndex,
  encodeCellYearParts,
} from '../domain/cellYearParts';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Dataset } from '../domain/dataset';
import {
  DEMO_COUNTRY,
  demoInfo,
  creditsFor,
  demoSubset,
  type DataCredit,
  type ManifestWithInfo,
} from '../domain/dataInfo';
import {
  DATA_FILES,
  DATASET_FILES,
  cellYearRawColumns,
  decodeDataset,
  encodeDataset,
  type Manifest,
} from '../domain/encoding';
import { decodeOsvEvents, encodeOsvEvents, OSV_EVENTS_FILE } from '../domain/eventsEncoding';
import { aggregateOsvEvents } from '../domain/gridAggregate';
import {
  decodeGridFile,
  decodeGridIndex,
  decodeGridPart,
  encodeGridFile,
  encodeGridParts,
  GRID_BROWSER_FILES,
  GRID_PART_INDEX_FILES,
} from '../domain/gridFile';
import { h3Grid } from '../domain/h3Grid';
import { verifyOutputFile, writeAtomically } from './atomic';
import { buildBasemap } from './basemap';
import { buildDataset } from './build';
import { loadSources } from './fetch';
import { PROJECT_ROOT, SourceError } from './sources';

/** Where the demo is committed. */
export const DEMO_DIR = path.join(PROJECT_ROOT, 'geodata', 'demo');

/** The demo's size limit (all its files together). */
export const DEMO_MAX_BYTES = 1_000_000;

/** The demo's README (generated). */
export const DEMO_README = 'README.md';

/**
 * The part files of the H3 grids (gridFile.ts): the index and the demo country's part; the demo
 * build checks that its hexagon-years make no other part.
 */
const DEMO_GRID_PARTS: readonly string[] = (['h3r4', 'h3r5'] as const).flatMap((id) => [
  GRID_PART_INDEX_FILES[id],
  `grid_${id}/central-african-republic.json`,
]);

/**
 * The cell-years cut per country (cellYearParts.ts): the index, the demo country's part and that
 * of DR Congo (a MINUSCA base there holds CAR cell-years); the demo build checks that its
 * cell-years make no other part.
 */
const DEMO_CELL_YEAR_PARTS: readonly string[] = [
  CELL_YEAR_PARTS_INDEX,
  'cell_years/central-african-republic.json',
  'cell_years/democratic-republic-of-the-congo.json',
];

/**
 * The files besides the dataset files: the cell-years cut per country (what the app's first
 * frame reads), and those loaded on demand: the Coverage tab's events, the H3 grid switch's grid
 * files (whole, and cut per country).
 */
const ON_DEMAND_FILES: readonly string[] = [
  ...DEMO_CELL_YEAR_PARTS,
  OSV_EVENTS_FILE,
  ...Object.values(GRID_BROWSER_FILES),
  ...DEMO_GRID_PARTS,
];

/**
 * Every file of the demo folder: the browser files, the files loaded on demand (the events table
 * of the Coverage tab, the grid files of the H3 switch), the manifest and the README.
 */
export const DEMO_FILES: readonly string[] = [
  ...DATASET_FILES,
  ...ON_DEMAND_FILES,
  DATA_FILES.manifest,
  DEMO_README,
];

/** A demo made in memory: file name → content. */
export interface DemoBuild {
  files: Record<string, string>;
  manifest: ManifestWithInfo;
  dataset: Dataset;
}

/** Counts of a dataset, as the manifest's `counts` names them. */
function countsOf(ds: Dataset): Record<string, number> {
  const osv = ds.cellYears.reduce(
    (a, c) => ({ events: a.events + c.osv.events, best: a.best + c.osv.best }),
    { events: 0, best: 0 },
  );
  return {
    cellYears: ds.cellYears.length,
    cellYearsWithOsv: ds.cellYears.filter((c) => c.osv.events > 0).length,
    cellMonths: ds.cellMonths.length,
    bases: ds.bases.length,
    baseYears: ds.baseYears.length,
    baseYearsMerged: ds.baseYears.filter((b) => b.sourceRows > 1).length,
    baseYearsUnknownTroops: ds.baseYears.filter((b) => b.troops === null).length,
    baseYearsZeroTroops: ds.baseYears.filter((b) => b.zeroTroops).length,
    baseMonths: ds.baseMonths.length,
    missions: ds.missions.length,
    osvEvents: osv.events,
    osvFatalities: osv.best,
  };
}

function creditLine(c: DataCredit): string {
  const name = c.version ? `${c.dataset}, version ${c.version}` : c.dataset;
  return `- **${name}** (${c.licence}). ${c.citation}${c.homepage ? ` <${c.homepage}>` : ''}`;
}

/** The demo's README: what it is, how it was cut, from which files, licences and citations. */
export function demoReadme(m: ManifestWithInfo): string {
  const demo = m.demo;
  if (!demo) throw new Error('not a demo manifest');
  const cov = m.coverage;
  const lines = [
    `# Demo data: the ${demo.country} only`,
    '',
    'Generated by `npm run data:demo`; do not edit by hand. `npm start` and the browser tests serve',
    'this folder when no source folder is found (see "The data" in the repository README). It holds',
    'derived data only (the browser files of a build), never a raw source file.',
    '',
    demo.rule,
    '',
    `- Missions: ${demo.missions.join(', ')}.`,
    `- Violence: UCDP GED ${cov.gedVersions.join(', ')}, ${cov.years ? cov.years.join('–') : 'no years'}, one-sided violence for the ${demo.country}.`,
    `- Counts: ${Object.entries(m.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    '',
    '## Built from',
    '',
    '| file | kind | version | rows read | rows kept | sha256 |',
    '| --- | --- | --- | --- | --- | --- |',
    ...m.sources.map(
      (s) =>
        `| ${s.file} | ${s.kind} | ${s.version} | ${s.rowsRead} | ${s.rowsKept} | ${s.sha256} |`,
    ),
    '',
    '## Licences and citations',
    '',
    ...m.credits.map(creditLine),
    '',
  ];
  return lines.join('\n');
}

/**
 * Builds the demo in memory: a full build from the sources (`from`, else the usual search order)
 * into a temporary folder, cut to the {@link DEMO_COUNTRY}, re-encoded, with its manifest and
 * README. Deterministic apart from the manifest's build time, duration and DuckDB version.
 */
export async function buildDemo(opts: { from?: string; quiet?: boolean } = {}): Promise<DemoBuild> {
  const t0 = performance.now();
  const tmp = await mkdtemp(path.join(tmpdir(), 'atlas-demo-'));
  try {
    const full = await buildDataset({
      ...(opts.from ? { from: opts.from } : {}),
      outDir: tmp,
      quiet: opts.quiet ?? false,
    });
    const ds = decodeDataset(
      Object.fromEntries(
        DATASET_FILES.map((f) => [
          f,
          JSON.parse(readFileSync(path.join(tmp, f), 'utf8')) as unknown,
        ]),
      ),
    );
    const subset = demoSubset(ds, DEMO_COUNTRY);
    const encoded = encodeDataset(subset);
    const files: Record<string, string> = {};
    for (const f of DATASET_FILES) files[f] = JSON.stringify(encoded[f]);
    const outputs = DATASET_FILES.map((f) => {
      const buf = Buffer.from(files[f] as string);
      return { path: f, bytes: buf.length, gzipBytes: gzipSync(buf).length };
    });
    // The cell-years cut per country, as the data build writes them.
    const cyParts = encodeCellYearParts(
      subset.cellYears.length,
      cellYearRawColumns(subset.cellYears),
      subset,
    );
    files[CELL_YEAR_PARTS_INDEX] = JSON.stringify(cyParts.index);
    for (const [f, pieces] of cyParts.parts) {
      if (!DEMO_CELL_YEAR_PARTS.includes(f))
        throw new Error(`the demo's cell-years make a part ${f} the demo does not list`);
      files[f] = [...pieces].join('');
    }
    // The events of the demo country (the Coverage tab's points), apart from the start-up JSON.
    const events = decodeOsvEvents(
      JSON.parse(readFileSync(path.join(tmp, OSV_EVENTS_FILE), 'utf8')),
    ).filter((e) => e.country === DEMO_COUNTRY);
    files[OSV_EVENTS_FILE] = JSON.stringify(encodeOsvEvents(events));
    // The grid files of the H3 switch, from those events (as the data build makes them).
    for (const res of [4, 5] as const) {
      const grid = h3Grid(res);
      const id = res === 4 ? 'h3r4' : 'h3r5';
      const rows = aggregateOsvEvents(events, grid);
      files[GRID_BROWSER_FILES[id]] = JSON.stringify(encodeGridFile(grid, rows, subset));
      const { index, parts } = encodeGridParts(grid, rows, subset);
      files[GRID_PART_INDEX_FILES[id]] = JSON.stringify(index);
      for (const [f, part] of parts) {
        if (!DEMO_GRID_PARTS.includes(f))
          throw new Error(`the demo's grid rows make a part ${f} the demo does not list`);
        files[f] = JSON.stringify(part);
      }
    }
    const onDemand = ON_DEMAND_FILES.map((f) => {
      const buf = Buffer.from(files[f] as string);
      return { path: f, bytes: buf.length, gzipBytes: gzipSync(buf).length };
    });
    const m: Manifest = full.manifest;
    const manifest: ManifestWithInfo = {
      ...m,
      sourceDir: path.relative(PROJECT_ROOT, m.sourceDir) || '.',
      counts: { ...countsOf(subset), osvEventPoints: events.length },
      outputs: [...outputs, ...onDemand],
      browserGzipBytes: outputs.reduce((a, o) => a + o.gzipBytes, 0),
      coverage: subset.coverage,
      credits: creditsFor(m.sources, loadSources()),
      demo: demoInfo(subset, DEMO_COUNTRY),
    };
    manifest.buildMs = Math.round(performance.now() - t0);
    files[DATA_FILES.manifest] = `${JSON.stringify(manifest, null, 2)}\n`;
    files[DEMO_README] = demoReadme(manifest);
    const total = Object.values(files).reduce((a, t) => a + Buffer.byteLength(t), 0);
    if (total >= DEMO_MAX_BYTES)
      throw new Error(`the demo would take ${total} bytes, over the limit of ${DEMO_MAX_BYTES}`);
    return { files, manifest, dataset: subset };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The manifest without what changes from one identical build to the next (build time and
 * duration, source folder and why it was picked, DuckDB version, gzip sizes that depend on the
 * zlib version): what the drift check compares.
 */
export function comparableManifest(raw: unknown): unknown {
  const m = structuredClone(raw) as Partial<ManifestWithInfo> & Record<string, unknown>;
  delete m.builtAt;
  delete m.buildMs;
  delete m.sourceDir;
  delete m.sourceDirReason;
  delete m.browserGzipBytes;
  if (m.versions) delete (m.versions as Partial<Manifest['versions']>).duckdb;
  if (Array.isArray(m.outputs))
    m.outputs = m.outputs.map(({ path: p, bytes }) => ({ path: p, bytes }));
  return m;
}

function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as object).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );
}

/**
 * How a demo folder differs from a demo build: one line per missing, unexpected or different
 * file (the manifest compared by {@link comparableManifest}, other files byte for byte); empty
 * when they match.
 */
export function demoDifferences(build: DemoBuild, dir = DEMO_DIR): string[] {
  if (!existsSync(dir)) return [`${dir} does not exist`];
  const out: string[] = [];
  const present = filesIn(dir);
  for (const f of present)
    if (!DEMO_FILES.includes(f))
      out.push(`${f}: not a demo file (the demo holds ${DEMO_FILES.join(', ')})`);
  for (const f of DEMO_FILES) {
    const p = path.join(dir, f);
    if (!existsSync(p)) {
      out.push(`${f}: missing`);
      continue;
    }
    const text = readFileSync(p, 'utf8');
    const want = build.files[f] as string;
    if (f === DATA_FILES.manifest) {
      let got: unknown;
      try {
        got = JSON.parse(text);
      } catch {
        out.push(`${f}: not valid JSON`);
        continue;
      }
      const a = comparableManifest(got) as Record<string, unknown>;
      const b = comparableManifest(JSON.parse(want)) as Record<string, unknown>;
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      const diff = keys.filter((k) => stable(a[k]) !== stable(b[k]));
      if (diff.length > 0) out.push(`${f}: differs in ${diff.join(', ')}`);
    } else if (text !== want)
      out.push(`${f}: differs (${text.length} vs ${want.length} characters)`);
  }
  return out;
}

/**
 * Writes a demo build into `dir`: a staging folder beside it, swapped in when complete
 * (src/pipeline/atomic.ts; a failure leaves the old demo as it was).
 */
export async function writeDemo(build: DemoBuild, dir = DEMO_DIR): Promise<void> {
  await writeAtomically(
    dir,
    async (tmp) => {
      for (const f of DEMO_FILES) writeIn(tmp, f, build.files[f] as string);
    },
    (tmp) => {
      for (const f of DEMO_FILES) verifyOutputFile(tmp, f);
    },
  );
}

/** The files in a folder and its subfolders, as paths relative to it ("/"-separated). */
export function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(path.join(dir, f)).isFile())
    .map((f) => f.split(path.sep).join('/'));
}

/** Writes `rel` under `dir`, making its folder. */
function writeIn(dir: string, rel: string, data: string | Buffer): void {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), data);
}

/** Total size of the files in a folder and its subfolders, in bytes. */
export function folderBytes(dir: string): number {
  return filesIn(dir).reduce((a, f) => a + statSync(path.join(dir, f)).size, 0);
}

/**
 * Installs the committed demo as a served data folder (`public/data/`, or a test's): its browser
 * files and manifest, and the basemap for its missions' host countries built from the npm
 * packages. Checks that the files decode; written to a fresh folder that replaces `outDir`.
 * Returns the host countries.
 */
export async function installDemo(
  outDir: string,
  opts: { demoDir?: string } = {},
): Promise<{ hosts: string[]; missions: string[] }> {
  const demoDir = opts.demoDir ?? DEMO_DIR;
  const read = (f: string): unknown => {
    const p = path.join(demoDir, f);
    if (!existsSync(p))
      throw new SourceError(
        `the demo dataset is incomplete: ${p} is missing (run npm run data:demo)`,
      );
    return JSON.parse(readFileSync(p, 'utf8')) as unknown;
  };
  const ds = decodeDataset(Object.fromEntries(DATASET_FILES.map((f) => [f, read(f)])));
  decodeOsvEvents(read(OSV_EVENTS_FILE));
  for (const [id, f] of Object.entries(GRID_BROWSER_FILES))
    decodeGridFile(read(f), id as keyof typeof GRID_BROWSER_FILES);
  const cyIndex = decodeCellYearPartsIndex(read(CELL_YEAR_PARTS_INDEX));
  for (const { file, rows } of cyIndex.parts.values()) decodeCellYearPart(read(file), file, rows);
  for (const id of ['h3r4', 'h3r5'] as const) {
    const index = decodeGridIndex(read(GRID_PART_INDEX_FILES[id]), id);
    for (const [country, f] of index.parts) decodeGridPart(read(f), id, f, country);
  }
  read(DATA_FILES.manifest);
  const hosts = [...new Set(ds.missions.flatMap((m) => m.countries))].sort();
  // A staging folder beside outDir, swapped in when complete (src/pipeline/atomic.ts).
  await writeAtomically(
    outDir,
    async (tmp) => {
      for (const f of [...DATASET_FILES, ...ON_DEMAND_FILES, DATA_FILES.manifest])
        writeIn(tmp, f, readFileSync(path.join(demoDir, f)));
      return buildBasemap(path.join(tmp, 'basemap'), hosts);
    },
    (tmp, basemap) => {
      for (const f of [...DATASET_FILES, ...ON_DEMAND_FILES, DATA_FILES.manifest])
        verifyOutputFile(tmp, f);
      for (const f of basemap.files) verifyOutputFile(tmp, path.relative(tmp, f.path), f.bytes);
    },
  );
  return { hosts, missions: ds.missions.map((m) => m.id) };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      check: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm run data:demo -- [--from DIR] [--check] [--quiet]\n' +
        `Rebuilds the demo dataset (${path.relative(process.cwd(), DEMO_DIR)}) from the sources; --check only compares.\n`,
    );
    return 0;
  }
  try {
    const build = await buildDemo({
      ...(values.from ? { from: values.from } : {}),
      quiet: values.quiet,
    });
    const diff = demoDifferences(build);
    const where = path.relative(process.cwd(), DEMO_DIR) || DEMO_DIR;
    if (diff.length === 0) {
      process.stderr.write(`\nThe demo in ${where} matches the sources: left unchanged.\n`);
      return 0;
    }
    if (values.check) {
      process.stderr.write(
        `\nThe demo in ${where} differs from a build of the sources:\n  ${diff.join('\n  ')}\nRun npm run data:demo to regenerate it.\n`,
      );
      return 1;
    }
    await writeDemo(build);
    process.stderr.write(
      `\nWrote the demo to ${where}: ${build.manifest.demo?.missions.join(', ')}; ${folderBytes(DEMO_DIR)} bytes.\n  ${diff.join('\n  ')}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof SourceError) {
      process.stderr.write(`npm run data:demo: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`npm run data:demo failed: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
