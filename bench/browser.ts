/**
 * Shared setup of the browser benchmarks (bench/app.bench.ts, bench/animation.bench.ts): the
 * production build served with its data and headless Chromium (the end-to-end harness), closed
 * whatever happens, and the app opened and drawn; plus the small statistics they report and the
 * "run alone" entry point every benchmark module has.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import {
  launchBrowser,
  openPage,
  startApp,
  waitForRender,
  type AppServer,
  type RecordedPage,
} from '../tests/e2e/harness';

/** How the browser benchmarks render (reported with their figures). */
export const SOFTWARE_RENDERER = 'headless Chromium, --disable-gpu (SwiftShader software WebGL)';

/** Serves the production build, launches Chromium, runs `fn`, and closes both. */
export async function withApp<T>(fn: (app: AppServer, browser: Browser) => Promise<T>): Promise<T> {
  const app = await startApp();
  const browser = await launchBrowser();
  try {
    return await fn(app, browser);
  } finally {
    await browser.close();
    await app.close();
  }
}

/**
 * Opens the app (default view) in a fresh page and waits for its first frame whose render key
 * starts with `prefix`, then `settleMs` more (camera animation).
 */
export async function openApp(
  app: AppServer,
  browser: Browser,
  prefix: string,
  settleMs = 0,
): Promise<RecordedPage> {
  const rp = await openPage(browser, app.url);
  await waitForRender(rp.page, prefix, 30_000);
  if (settleMs > 0) await rp.page.waitForTimeout(settleMs);
  return rp;
}

/** The `q`-quantile of `xs` (linear interpolation); NaN for none. */
export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo]! + (s[hi]! - s[lo]!) * (i - lo);
}

/** The median of `xs`. */
export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/** `n` to one decimal. */
export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** `n` rounded to two decimals (ratios). */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Runs a benchmark module's `run` and prints its figures when the module is the program itself
 * (`npx tsx bench/<name>.bench.ts`); `npm run bench` imports it and calls `run` instead.
 */
export function runIfMain(
  moduleUrl: string,
  run: () => Promise<Record<string, number | string>>,
): void {
  if (process.argv[1] && moduleUrl === pathToFileURL(path.resolve(process.argv[1])).href)
    void run().then((r) => console.log(JSON.stringify(r, null, 2)));
}

/**
 * In-page: sets the slider to year y (input event) and resolves with the ms to its frame. Called
 * with `y`, or with `[y, world]` to wait for the frame of that view (the World view's render key
 * has `:world:`). A string: tsx would rewrite a function body.
 */
export const YEAR_CHANGE_SCRIPT = `(arg) => {
  const [y, w] = Array.isArray(arg) ? arg : [arg, null];
  const slider = document.querySelector('[data-testid=year-slider]');
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const t0 = performance.now();
  setter.call(slider, String(y));
  slider.dispatchEvent(new Event('input', { bubbles: true }));
  return new Promise((resolve, reject) => {
    const check = () => {
      const r = window.__atlas && window.__atlas.rendered;
      if (
        r &&
        r.key.startsWith('MINUSCA:' + y + ':') &&
        (w === null || r.key.includes(':world:') === w)
      )
        resolve(r.at - t0);
      else if (performance.now() > t0 + 30000) reject(new Error('year ' + y + ' never rendered'));
      else requestAnimationFrame(check);
    };
    check();
  });
}`;

/** What {@link PLAY_SCRIPT} resolves with. */
export interface PlayResult {
  times: number[];
  years: string[];
  deckFrames: number;
  playMs: number;
  longTasks: number;
}

/**
 * In-page: clicks Play and records rAF timestamps until the playback stops by itself. A string,
 * not a function: tsx would inject its `__name` helper into a function body.
 */
export const PLAY_SCRIPT = `new Promise((resolve, reject) => {
  const play = document.querySelector('[data-testid=play]');
  const yearEl = document.querySelector('[data-testid=year]');
  const times = [];
  const years = new Set();
  let longTasks = 0;
  let obs = null;
  try {
    obs = new PerformanceObserver((list) => { longTasks += list.getEntries().length; });
    obs.observe({ entryTypes: ['longtask'] });
  } catch (e) {}
  const deck0 = window.__atlas ? window.__atlas.frames : 0;
  let started = null;
  const t0 = performance.now();
  const loop = (now) => {
    const playing = play.getAttribute('aria-label') === 'Pause';
    if (playing) {
      if (started === null) started = now;
      times.push(now);
      years.add(yearEl.textContent);
    } else if (started !== null) {
      years.add(yearEl.textContent);
      if (obs) obs.disconnect();
      resolve({ times, years: [...years], deckFrames: (window.__atlas ? window.__atlas.frames : 0) - deck0,
        playMs: now - started, longTasks });
      return;
    }
    if (now - t0 > 120000) { reject(new Error('playback never ended')); return; }
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  play.click();
})`;
