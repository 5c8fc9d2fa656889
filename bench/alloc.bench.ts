/**
 * Allocation per animation frame (issue 10, "zero allocation per animation frame in steady
 * state"): the production build with the Central African Republic data (the e2e harness's), in
 * headless Chromium (software WebGL), MINUSCA looping at 1 s per year after one whole loop as
 * warm-up:
 *
 * - alloc_bytes_per_frame: every byte allocated over BENCH_ALLOC_FRAMES (600) frames, from V8's
 *   sampling heap profiler with the objects that minor and major collections freed included
 *   (bench/heap.ts), divided by the frames; with the main thread's CPU ms per frame (DevTools
 *   TaskDuration / ScriptDuration — busy time, meaningful on a loaded machine) and the top
 *   allocation sites (function, script:line:column, bytes per frame);
 * - tween_bytes_per_frame: the steady state within a step, at 4 s per year: BENCH_TWEEN_WINDOWS
 *   (6) windows from 10 % to 80 % of a step's tween (no step change, no new year's data inside),
 *   bytes allocated and CPU ms per frame, with their top sites;
 * - loop_*: the heap after a forced garbage collection every 30 s over BENCH_LOOP_SECONDS (60 by
 *   default; `BENCH_LOOP_SECONDS=300` is the issue's 5 minutes) of looped playback, and its slope;
 * - redraw_bytes_per_frame: deck.gl's own floor, BENCH_REDRAW_FRAMES (300) frames in which the
 *   paused map's data layers are drawn again with nothing changed (`window.__atlas.redraw`):
 *   what a frame allocates in deck.gl / luma.gl alone, with its top sites.
 *
 * `BENCH_ALLOC_READABLE=1` builds the app unminified (into test-artifacts/bench-alloc/) so the
 * sites carry the source's function names; the figures then describe that build.
 * `BENCH_ALLOC_PROFILE=file.json` writes the raw sampling heap profile there (open it in the
 * DevTools Memory panel, renamed `.heapprofile`).
 * Runs alone with `npx tsx bench/alloc.bench.ts`, or `npm run bench alloc`.
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import {
  CHROMIUM_ARGS,
  findChromium,
  openPage,
  prepareData,
  ROOT,
  startApp,
  waitForRender,
  type AppServer,
} from '../tests/e2e/harness';
import { round1, runIfMain, SOFTWARE_RENDERER } from './browser';
import {
  allocationRun,
  devtools,
  LOOP_WARMUP_SCRIPT,
  longLoop,
  PAUSE_SCRIPT,
  REDRAW_SCRIPT,
  siteLabel,
  tweenFrameRun,
} from './heap';

const FRAMES = Number(process.env.BENCH_ALLOC_FRAMES ?? 600);
const LOOP_SECONDS = Number(process.env.BENCH_LOOP_SECONDS ?? 60);
const READABLE = process.env.BENCH_ALLOC_READABLE === '1';
const TOP_SITES = Number(process.env.BENCH_ALLOC_SITES ?? 12);
const PROFILE_FILE = process.env.BENCH_ALLOC_PROFILE;
const WINDOWS = Number(process.env.BENCH_TWEEN_WINDOWS ?? 6);
const REDRAW_FRAMES = Number(process.env.BENCH_REDRAW_FRAMES ?? 300);

/** The app served unminified (readable allocation sites), built into test-artifacts/bench-alloc. */
async function startReadable(): Promise<AppServer> {
  const data = await prepareData();
  await rm(path.join(ROOT, 'test-artifacts/bench-alloc'), { recursive: true, force: true });
  const outDir = await mkdtemp(path.join(ROOT, 'test-artifacts/bench-alloc-'));
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  await build({
    root: ROOT,
    mode: 'production',
    publicDir: data.publicDir,
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, minify: false },
  }).finally(() => {
    process.env.NODE_ENV = env;
  });
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, open: false },
  });
  const url = server.resolvedUrls?.local[0] ?? '';
  return {
    origin: new URL(url).origin,
    url,
    outDir,
    data,
    close: async () => {
      await server.close();
      await rm(data.publicDir, { recursive: true, force: true });
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

/** Runs the benchmark and returns its figures. */
export async function run(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  out.renderer = SOFTWARE_RENDERER;
  out.build = READABLE ? 'production, unminified (BENCH_ALLOC_READABLE=1)' : 'production';
  out.load_average_1min_at_start = round1(loadavg()[0] ?? 0);
  const app = READABLE ? await startReadable() : await startApp();
  out.data = app.data.reason;
  const browser = await chromium.launch({
    executablePath: findChromium() ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
  });
  try {
    const rp = await openPage(browser, app.url);
    try {
      const page = rp.page;
      await waitForRender(page, 'MINUSCA:2014:', 120_000);
      await page.waitForFunction(
        () => (window as unknown as { __atlas?: { idle?: boolean } }).__atlas?.idle === true,
        null,
        { timeout: 120_000 },
      );
      await page.selectOption('[data-testid=speed]', '1');
      out.warmup_frames = (await page.evaluate(LOOP_WARMUP_SCRIPT)) as number;
      const cdp = await devtools(page);
      const a = await allocationRun(page, cdp, FRAMES);
      out.alloc_frames = a.frames;
      out.alloc_seconds = round1(a.seconds);
      out.alloc_bytes_per_frame = Math.round(a.bytesPerFrame);
      out.alloc_heap_rises_kb_per_frame = round1(a.risesKbPerFrame);
      out.alloc_collections = a.collections;
      out.cpu_task_ms_per_frame = round1(a.taskMsPerFrame);
      out.cpu_script_ms_per_frame = round1(a.scriptMsPerFrame);
      out.heap_after_gc_before_mb = round1(a.gcBeforeMb);
      out.heap_after_gc_after_mb = round1(a.gcAfterMb);
      a.sites.slice(0, TOP_SITES).forEach((s, i) => {
        out[`site_${String(i + 1).padStart(2, '0')}`] =
          `${Math.round(s.bytesPerFrame)} B/frame  ${siteLabel(s)}`;
      });
      if (PROFILE_FILE) writeFileSync(PROFILE_FILE, JSON.stringify(a.profile));
      // Steady state within a step: 4 s per year, windows of 10–80 % of a step's tween.
      if (WINDOWS > 0) {
        await page.selectOption('[data-testid=speed]', '4');
        const w = await tweenFrameRun(page, cdp, WINDOWS);
        out.tween_windows = w.windows;
        out.tween_frames = w.frames;
        out.tween_bytes_per_frame = Math.round(w.bytesPerFrame);
        out.tween_cpu_task_ms_per_frame = round1(w.taskMsPerFrame);
        w.sites.slice(0, TOP_SITES).forEach((s, i) => {
          out[`tween_site_${String(i + 1).padStart(2, '0')}`] =
            `${Math.round(s.bytesPerFrame)} B/frame  ${siteLabel(s)}`;
        });
        await page.selectOption('[data-testid=speed]', '1');
      }
      if (LOOP_SECONDS > 0) {
        const l = await longLoop(page, cdp, LOOP_SECONDS, 30);
        out.loop_seconds = Math.round(l.seconds);
        out.loop_frames = l.frames;
        out.loop_heap_after_gc_mb = l.gcMb.map(round1).join(' ');
        out.loop_slope_mb_per_minute = Math.round(l.slopeMbPerMinute * 1000) / 1000;
      }
      // deck.gl's own floor: the same layers drawn again every frame, the map paused.
      await page.evaluate(PAUSE_SCRIPT);
      if (REDRAW_FRAMES > 0) {
        const r = await allocationRun(page, cdp, REDRAW_FRAMES, REDRAW_SCRIPT);
        out.redraw_frames = r.frames;
        out.redraw_bytes_per_frame = Math.round(r.bytesPerFrame);
        out.redraw_cpu_task_ms_per_frame = round1(r.taskMsPerFrame);
        r.sites.slice(0, TOP_SITES).forEach((s, i) => {
          out[`redraw_site_${String(i + 1).padStart(2, '0')}`] =
            `${Math.round(s.bytesPerFrame)} B/frame  ${siteLabel(s)}`;
        });
      }
      await cdp.detach();
      out.console_errors = rp.consoleErrors.length;
    } finally {
      await rp.close();
    }
  } finally {
    await browser.close();
    await app.close();
  }
  out.load_average_1min_at_end = round1(loadavg()[0] ?? 0);
  return out;
}

runIfMain(import.meta.url, run);
