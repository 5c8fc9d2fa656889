/**
 * The shared setup of the end-to-end test files: one production build served and one headless
 * Chromium per file, the served data decoded (so that expected numbers are computed independently
 * of the app), pages opened with their requests and console errors recorded, closed after each
 * test, and the closing check that no page left the origin or logged an error.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Dataset } from '../../src/domain/dataset';
import { DATASET_FILES, decodeDataset } from '../../src/domain/encoding';
import {
  ARTIFACTS,
  launchBrowser,
  openPage,
  startApp,
  type AppServer,
  type OpenOptions,
  type RecordedPage,
} from './harness';

/** The data files the app serves (from `dir`, the served `data/` folder), decoded. */
export function loadServedData(dir: string): Dataset {
  return decodeDataset(
    Object.fromEntries(
      DATASET_FILES.map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown]),
    ),
  );
}

/** The app's test hooks (`window.__atlas`), typed by the caller as far as it reads them. */
export function atlasHooks<T>(page: Page): Promise<T> {
  return page.evaluate(() => (window as unknown as { __atlas: T }).__atlas);
}

/**
 * Waits until what loads after the first frame is in (the rest of the cell-years, the
 * cell-months): the dataset, and what is drawn from it, no longer changes.
 */
export async function dataComplete(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const p = (
        window as unknown as {
          __atlas?: { dataPending?: { cellYears: string | null; cellMonths: string | null } };
        }
      ).__atlas?.dataPending;
      return !!p && p.cellYears === null && p.cellMonths === null;
    },
    null,
    { timeout },
  );
}

/**
 * Waits for the thing, never for time: (optionally) the frame whose render key starts with
 * `prefix` drawn by deck.gl, MapLibre idle (style and sources loaded, no camera motion — a fit,
 * an ease or a story's flight has ended), the clock paused, and the page layout stable (the map,
 * the side panel and the footer keep their boxes over three animation frames, e.g. after a lazily
 * loaded chart has mounted).
 */
export async function settle(page: Page, prefix = '', timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (p) => {
      const h = (
        window as unknown as {
          __atlas?: {
            rendered: { key: string } | null;
            idle?: boolean;
            timeline?: { playing: boolean };
          };
        }
      ).__atlas;
      return (
        !!h?.rendered &&
        h.rendered.key.startsWith(p) &&
        h.idle === true &&
        h.timeline?.playing !== true
      );
    },
    prefix,
    { timeout },
  );
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const boxes = (): string =>
          ['.map-area', '.side-panel', '.footer', '.story-dock']
            .map((sel) => {
              const r = document.querySelector(sel)?.getBoundingClientRect();
              return r ? `${r.x},${r.y},${r.width},${r.height}` : '-';
            })
            .join('|');
        const first = boxes();
        let frames = 0;
        const step = (): void => {
          if (boxes() !== first) return resolve(false);
          if (++frames >= 3) return resolve(true);
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    null,
    { timeout, polling: 50 },
  );
}

/** Requests of a page that left the app's origin (data: and blob: URLs stay in the page). */
export function outsideRequests(requests: readonly string[], origin: string): string[] {
  return requests.filter(
    (u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'),
  );
}

/** A page opened by a suite, named for the closing check's messages. */
export type SuitePage = RecordedPage & { name: string };

/** What a test file gets from {@link e2eSuite} (valid inside its tests). */
export interface E2eSuite {
  readonly app: AppServer;
  readonly browser: Browser;
  /** The served data, decoded. */
  readonly data: Dataset;
  /** Every page opened so far (closed after its test; the records stay). */
  readonly opened: readonly SuitePage[];
  /** Opens the app with `query` in a fresh context; closed after the test. */
  open(name: string, query?: string, opts?: OpenOptions): Promise<RecordedPage>;
  /** Asserts that no opened page requested anything outside the origin or logged an error. */
  expectCleanPages(): void;
}

/**
 * Registers the hooks of an end-to-end test file: build and serve the app, launch Chromium and
 * decode the served data before the tests (creating `artifacts`), close each test's pages after
 * it, and close everything at the end.
 */
export function e2eSuite(opts: { artifacts?: string; viewport?: OpenOptions['viewport'] } = {}) {
  let app: AppServer | undefined;
  let browser: Browser | undefined;
  let data: Dataset | undefined;
  const opened: SuitePage[] = [];
  const ready = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`e2e: ${what} is not ready (used outside a test?)`);
    return v;
  };

  beforeAll(async () => {
    mkdirSync(opts.artifacts ?? ARTIFACTS, { recursive: true });
    app = await startApp();
    console.info(`e2e data: ${app.data.reason}`);
    data = loadServedData(app.data.dataDir);
    browser = await launchBrowser();
    // The data build and, on a cache miss, the production build with its offline template (two
    // Vite builds) on a shared 2-core machine: more than the default hook timeout.
  }, 420_000);

  afterEach(async () => {
    // Close the pages of the finished test: idle WebGL pages slow the next ones down.
    await Promise.all(opened.map((p) => p.close().catch(() => {})));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const suite: E2eSuite = {
    get app() {
      return ready(app, 'the app server');
    },
    get browser() {
      return ready(browser, 'the browser');
    },
    get data() {
      return ready(data, 'the served data');
    },
    opened,
    async open(name, query = '', o = {}) {
      const rp = await openPage(suite.browser, `${suite.app.url}${query}`, {
        viewport: opts.viewport,
        ...o,
      });
      opened.push({ ...rp, name });
      return rp;
    },
    expectCleanPages() {
      expect(opened.length).toBeGreaterThan(0);
      for (const p of opened) {
        expect(outsideRequests(p.requests, suite.app.origin), `page ${p.name}`).toEqual([]);
        // Chromium reports every Content-Security-Policy violation as a console error.
        const csp = p.consoleErrors.filter((m) => /Content Security Policy/i.test(m));
        expect(csp, `CSP violations on page ${p.name}`).toEqual([]);
        expect(p.consoleErrors, `page ${p.name}`).toEqual([]);
      }
    },
  };
  return suite;
}

/** Pixel statistics of the map, composited from its canvases (MapLibre and deck.gl). */
export interface MapPixelStats {
  /** Pixels sampled. */
  total: number;
  /** Sampled pixels within `tolerance` (sum of RGB differences) of one of the colours. */
  matching: number;
  /** Sampled pixels that are clearly blue (the bases). */
  blue: number;
  /** Distinct colours among the samples (5 bits per channel). */
  distinct: number;
}

/**
 * Samples every `stride`-th pixel of the map as the user sees it and counts those close to
 * `colors` (`#rrggbb`).
 */
export function mapPixelStats(
  page: Page,
  colors: readonly string[],
  opts: { tolerance?: number; stride?: number } = {},
): Promise<MapPixelStats> {
  return page.evaluate(
    ([hexes, tolerance, stride]) => {
      const root = document.querySelector('.atlas-map')!;
      const w = root.clientWidth;
      const h = root.clientHeight;
      const out = document.createElement('canvas');
      out.width = w;
      out.height = h;
      const ctx = out.getContext('2d')!;
      for (const c of root.querySelectorAll('canvas')) ctx.drawImage(c, 0, 0, w, h);
      const px = ctx.getImageData(0, 0, w, h).data;
      const rgb = hexes.map((hx) => [1, 3, 5].map((i) => parseInt(hx.slice(i, i + 2), 16)));
      let matching = 0;
      let blue = 0;
      const distinct = new Set<number>();
      for (let i = 0; i < px.length; i += 4 * stride) {
        const r = px[i]!;
        const g = px[i + 1]!;
        const b = px[i + 2]!;
        distinct.add((r >> 3) * 1024 + (g >> 3) * 32 + (b >> 3));
        if (
          rgb.some(
            ([R, G, B]) => Math.abs(r - R!) + Math.abs(g - G!) + Math.abs(b - B!) < tolerance,
          )
        )
          matching++;
        if (b > r + 40 && b > g + 10) blue++;
      }
      return { total: Math.ceil(px.length / 4 / stride), matching, blue, distinct: distinct.size };
    },
    [colors, opts.tolerance ?? 40, opts.stride ?? 1] as const,
  );
}

/** In the page after {@link installPngDecoder}: a PNG (base64) decoded by the browser. */
export type PngPixels = (
  base64: string,
  region?: readonly [number, number, number, number] | null,
) => Promise<{ width: number; height: number; data: Uint8ClampedArray }>;

/**
 * Gives the page `window.__pngPixels` ({@link PngPixels}): a PNG decoded by the browser, its size
 * and the RGBA pixels of `region` (x, y, width, height; the whole image by default). For tests
 * that compare exported images inside the page (their pixels stay there).
 */
export async function installPngDecoder(page: Page): Promise<void> {
  await page.evaluate(() => {
    const decode: PngPixels = async (b64, region) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const c = document.createElement('canvas');
      c.width = bmp.width;
      c.height = bmp.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      const [x, y, w, h] = region ?? [0, 0, bmp.width, bmp.height];
      return { width: bmp.width, height: bmp.height, data: ctx.getImageData(x, y, w, h).data };
    };
    (window as unknown as { __pngPixels: PngPixels }).__pngPixels = decode;
  });
}
