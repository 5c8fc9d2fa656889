/**
 * The Central African Republic build against a synthetic *global* build, side by side in one
 * run (issue 10): the CAR data built from ../shared/data (the e2e harness's data), the global
 * data built from the seeded synthetic GED of tests/fixtures/syntheticGed.ts (≈ 400k one-sided
 * events around every Geo-PKO location, plus the same Geo-PKO files), each served as a
 * production build, both measured in one headless Chromium (software WebGL):
 *
 * - decode_ms: `JSON.parse` + `decodeDataset` of the browser data files in Node, median of 5
 *   (wall and CPU; JSON.parse apart); target < 300 ms for the global build;
 * - first_frame_ms: navigation start → the first deck.gl frame with data
 *   (`window.__atlas.rendered`, key MINUSCA:2014:all), median of fresh page loads taken
 *   alternately (CAR, global, CAR, …), with when the last data file arrived; target
 *   global ≤ 1.2 × CAR;
 * - year_change_ms: slider input → the frame that draws that year, every MINUSCA year forwards
 *   and back, median;
 * - frame_median_ms: median requestAnimationFrame interval while playing MINUSCA's years at
 *   1 s per year;
 * - heap: JS heap used (performance.memory with --enable-precise-memory-info, every frame) over
 *   BENCH_HEAP_FRAMES (600) frames of looped playback at 1 s per year, after one whole loop as
 *   warm-up: start, end, max, the least-squares slope per 100 frames and the floor of the
 *   sawtooth (least heap of the first and of the last 100 frames), the allocation rate (sum of
 *   the rises between frames); plus the heap after a forced garbage collection (CDP) before
 *   and after the run — "flat" means no upward trend there; before it, alloc_bytes_per_frame
 *   (every byte allocated, sampling heap profiler, bench/heap.ts) and CPU ms per frame.
 * A page load or a build's interactions that time out (BENCH_WAIT_MS, 300 s) are reported in the
 * figures instead of ending the run.
 *
 * Runs alone with `npx tsx bench/global.bench.ts`, or `npm run bench global`. Environment:
 * BENCH_GLOBAL_OSV (one-sided events, default 400000), BENCH_LOADS (page loads per build, 3),
 * BENCH_HEAP_FRAMES (600). The generated sources are cached in bench/out/ (by size, seed and
 * generator source).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DATA_FILES, DATASET_FILES, decodeDataset } from '../src/domain/encoding';
import {
  CHROMIUM_ARGS,
  ROOT,
  prepareData,
  startApp,
  waitForRender,
  openPage,
  type AppServer,
  type PreparedData,
} from '../tests/e2e/harness';
import { writeSyntheticSources } from '../tests/fixtures/syntheticGed';
import {
  median,
  PLAY_SCRIPT,
  quantile,
  round1,
  round2,
  runIfMain,
  SOFTWARE_RENDERER,
  YEAR_CHANGE_SCRIPT,
  type PlayResult,
} from './browser';
import { allocationRun, devtools, LOOP_WARMUP_SCRIPT } from './heap';

const OSV = Number(process.env.BENCH_GLOBAL_OSV ?? 400_000);
const LOADS = Number(process.env.BENCH_LOADS ?? 3);
const HEAP_FRAMES = Number(process.env.BENCH_HEAP_FRAMES ?? 600);
const DECODE_ROUNDS = 5;
/** How long to wait for a frame or for MapLibre idle (a loaded 2-core machine needs minutes). */
const WAIT_MS = Number(process.env.BENCH_WAIT_MS ?? 300_000);
const SEED = 20250101;
const OUT = path.join(ROOT, 'bench', 'out');

type Figures = Record<string, number | string>;

/** The synthetic sources (cached in bench/out/ by size and seed) and their build. */
export async function prepareGlobal(): Promise<{ data: PreparedData; figures: Figures }> {
  const figures: Figures = {};
  // Cached by size, seed and the generator's own source (a changed generator regenerates).
  const generator = createHash('sha256')
    .update(readFileSync(path.join(ROOT, 'tests', 'fixtures', 'syntheticGed.ts')))
    .digest('hex')
    .slice(0, 12);
  const src = path.join(OUT, `global-src-${OSV}-${SEED}-${generator}`);
  const marker = path.join(src, '.done');
  if (!existsSync(marker)) {
    rmSync(src, { recursive: true, force: true });
    const t0 = performance.now();
    const s = writeSyntheticSources(src, { osvEvents: OSV, seed: SEED });
    figures.global_generated_ms = Math.round(performance.now() - t0);
    writeFileSync(marker, JSON.stringify({ rows: s.rows, geopko: s.geopko }));
  } else figures.global_generated_ms = 'cached';
  const done = JSON.parse(readFileSync(marker, 'utf8')) as { rows: number; geopko: string };
  figures.global_ged_rows = done.rows;
  figures.global_ged_osv_events = OSV;
  figures.global_mission_locations_from = done.geopko;
  const publicDir = await mkdtemp(path.join(tmpdir(), 'atlas-bench-global-'));
  const dataDir = path.join(publicDir, 'data');
  const t0 = performance.now();
  execFileSync('npm', ['run', 'data', '--', '--from', src, '--out', dataDir, '--quiet'], {
    cwd: ROOT,
    stdio: 'pipe',
    timeout: 600_000,
  });
  figures.global_data_build_ms = Math.round(performance.now() - t0);
  return {
    data: { publicDir, dataDir, source: 'built', reason: `built from ${src}` },
    figures,
  };
}

/** Cell-years and browser gzip size of a built data folder (from its manifest). */
function manifestFigures(dataDir: string): {
  cellYears: number;
  cellMonths: number;
  gzipKb: number;
} {
  const m = JSON.parse(readFileSync(path.join(dataDir, DATA_FILES.manifest), 'utf8')) as {
    counts: Record<string, number>;
    browserGzipBytes: number;
  };
  return {
    cellYears: m.counts.cellYears ?? 0,
    cellMonths: m.counts.cellMonths ?? 0,
    gzipKb: Math.round(m.browserGzipBytes / 1024),
  };
}

interface DecodeTimes {
  parse: number[];
  wall: number[];
  cpu: number[];
}

/** One JSON.parse + decodeDataset of a data folder's files (read beforehand). */
function decodeOnce(texts: Record<string, string>, into: DecodeTimes): void {
  const t0 = performance.now();
  const files = Object.fromEntries(
    Object.entries(texts).map(([f, t]) => [f, JSON.parse(t) as unknown]),
  );
  const t1 = performance.now();
  const c0 = process.cpuUsage();
  decodeDataset(files);
  const c = process.cpuUsage(c0);
  into.parse.push(t1 - t0);
  into.wall.push(performance.now() - t1);
  into.cpu.push((c.user + c.system) / 1000);
}

const readTexts = (dataDir: string): Record<string, string> =>
  Object.fromEntries(
    DATASET_FILES.map((f) => [f, readFileSync(path.join(dataDir, f), 'utf8')] as const),
  );

/** Chromium as the e2e harness launches it, with precise JS heap figures. */
function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
  });
}

interface Hooks {
  __atlas?: {
    rendered: { key: string; at: number } | null;
    idle?: boolean;
    dataPending?: { cellYears: string | null; cellMonths: string | null };
  };
}

/**
 * Opens the app and waits for its first data frame; returns the page, that frame's time and
 * when the last data file (`data/*.json`) asked for before that frame had arrived.
 */
async function firstFrame(browser: Browser, app: AppServer) {
  const rp = await openPage(browser, app.url);
  await waitForRender(rp.page, 'MINUSCA:2014:all', WAIT_MS);
  const at = await rp.page.evaluate(() => (window as unknown as Hooks).__atlas!.rendered!.at);
  // The data files of the first frame: those asked for before it (the cell-months and the rest
  // of the cell-years follow it), the parts of the mission's cell-years among them.
  const dataAt = await rp.page.evaluate(
    (frameAt) =>
      Math.max(
        0,
        ...performance
          .getEntriesByType('resource')
          .filter(
            (e) => /\/data\/(cell_years\/)?[^/]+\.json$/.test(e.name) && e.startTime < frameAt,
          )
          .map((e) => (e as PerformanceResourceTiming).responseEnd),
      ),
    at,
  );
  return { rp, at, dataAt };
}

/** Waits until MapLibre reports idle (camera animation done, tiles loaded). */
async function waitIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as Hooks).__atlas?.idle === true, null, {
    timeout: WAIT_MS,
  });
}

/** Year changes through the slider, every MINUSCA year forwards and back; ms each. */
async function yearChanges(page: Page): Promise<number[]> {
  const years = Array.from({ length: 11 }, (_, i) => 2014 + i);
  const sequence = [...years.slice(1), ...years.slice(0, -1).reverse()];
  const out: number[] = [];
  for (const year of sequence)
    out.push((await page.evaluate(`(${YEAR_CHANGE_SCRIPT})(${year})`)) as number);
  return out;
}

/** In-page: records the JS heap used every frame for \`frames\` frames, then pauses. */
const HEAP_SCRIPT = `(frames) => new Promise((resolve, reject) => {
  const play = document.querySelector('[data-testid=play]');
  const heap = [];
  const times = [];
  const t0 = performance.now();
  const tick = (now) => {
    heap.push(performance.memory ? performance.memory.usedJSHeapSize : NaN);
    times.push(now);
    if (heap.length >= frames) {
      if (play.getAttribute('aria-label') === 'Pause') play.click();
      resolve({ heap, times });
      return;
    }
    if (now - t0 > 1200000) { reject(new Error('heap run took over 20 minutes')); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

/** Least-squares slope of ys against their index. */
function slope(ys: readonly number[]): number {
  const n = ys.length;
  const mx = (n - 1) / 2;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, i) => {
    num += (i - mx) * (y - my);
    den += (i - mx) ** 2;
  });
  return den === 0 ? 0 : num / den;
}

const MB = 2 ** 20;

/** The JS heap used after a full garbage collection (CDP), in MB. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / MB;
}

/** Waits until what loads after the first frame (the rest of the data) is in. */
async function waitComplete(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const p = (window as unknown as Hooks).__atlas?.dataPending;
      return !!p && p.cellYears === null && p.cellMonths === null;
    },
    null,
    { timeout: WAIT_MS },
  );
}

/**
 * Year changes, one play-through and the heap run on a fresh page of `app`, once the data that
 * follows the first frame is in (its arrival is not part of these figures).
 */
async function interactions(browser: Browser, app: AppServer, label: string): Promise<Figures> {
  const out: Figures = {};
  const { rp } = await firstFrame(browser, app);
  try {
    const page = rp.page;
    await waitComplete(page);
    await waitIdle(page);
    const changes = await yearChanges(page);
    out[`${label}_year_change_ms`] = round1(median(changes));
    out[`${label}_year_change_max_ms`] = round1(Math.max(...changes));

    // One play-through of MINUSCA's years at 1 s per year, from 2014 (where the changes end).
    await page.selectOption('[data-testid=speed]', '1');
    const r = (await page.evaluate(PLAY_SCRIPT)) as PlayResult;
    const intervals = r.times.slice(1).map((t, i) => t - r.times[i]!);
    out[`${label}_frame_median_ms`] = round1(quantile(intervals, 0.5));
    out[`${label}_frame_p95_ms`] = round1(quantile(intervals, 0.95));
    out[`${label}_frames_over_50ms`] = intervals.filter((d) => d > 50).length;
    out[`${label}_play_years_shown`] = r.years.length;
    out[`${label}_play_long_tasks`] = r.longTasks;

    // Heap over looped playback, after one whole loop.
    out[`${label}_heap_warmup_frames`] = (await page.evaluate(LOOP_WARMUP_SCRIPT)) as number;
    // Every byte allocated per frame (sampling heap profiler, collected objects included) and
    // the main thread's CPU per frame, over the same number of frames (bench/heap.ts).
    const cdp = await devtools(page);
    const a = await allocationRun(page, cdp, HEAP_FRAMES);
    await cdp.detach();
    out[`${label}_alloc_bytes_per_frame`] = Math.round(a.bytesPerFrame);
    out[`${label}_alloc_cpu_task_ms_per_frame`] = round1(a.taskMsPerFrame);
    out[`${label}_alloc_cpu_script_ms_per_frame`] = round1(a.scriptMsPerFrame);
    const gcBefore = await heapAfterGc(page);
    const h = (await page.evaluate(`(${HEAP_SCRIPT})(${HEAP_FRAMES})`)) as {
      heap: number[];
      times: number[];
    };
    const gcAfter = await heapAfterGc(page);
    const heap = h.heap.map((b) => b / MB);
    const ms = h.times[h.times.length - 1]! - h.times[0]!;
    out[`${label}_heap_frames`] = heap.length;
    out[`${label}_heap_seconds`] = round1(ms / 1000);
    out[`${label}_heap_start_mb`] = round1(heap[0]!);
    out[`${label}_heap_end_mb`] = round1(heap[heap.length - 1]!);
    out[`${label}_heap_max_mb`] = round1(Math.max(...heap));
    // Allocation rate: the sum of the rises between consecutive frames (a fall is a collection).
    const rises = heap.reduce((sum, x, i) => sum + (i > 0 ? Math.max(0, x - heap[i - 1]!) : 0), 0);
    out[`${label}_heap_allocated_kb_per_frame`] = round1((rises * 1024) / (heap.length - 1));
    out[`${label}_heap_slope_mb_per_100_frames`] = Math.round(slope(heap) * 100 * 1000) / 1000;
    // The floor of the sawtooth (the least heap in a 100-frame window), first and last window.
    out[`${label}_heap_floor_first_100_mb`] = round1(Math.min(...heap.slice(0, 100)));
    out[`${label}_heap_floor_last_100_mb`] = round1(Math.min(...heap.slice(-100)));
    out[`${label}_heap_after_gc_before_mb`] = round1(gcBefore);
    out[`${label}_heap_after_gc_after_mb`] = round1(gcAfter);
  } finally {
    await rp.close();
  }
  return out;
}

/**
 * The start of a CAR-vs-global browser bench: the machine's figures, the CAR build (the e2e
 * harness's build of ../shared/data) and the synthetic global build, as labelled builds.
 */
export async function carAndGlobal(): Promise<{
  out: Figures;
  builds: readonly (readonly ['car' | 'global', PreparedData])[];
}> {
  const out: Figures = {};
  const cpu = cpus();
  out.machine = `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}`;
  out.renderer = SOFTWARE_RENDERER;
  out.load_average_1min_at_start = round1(loadavg()[0] ?? 0);
  const car = await prepareData();
  out.car_data = car.reason;
  const global = await prepareGlobal();
  Object.assign(out, global.figures);
  return {
    out,
    builds: [
      ['car', car],
      ['global', global.data],
    ],
  };
}

/** Runs the benchmark and returns its figures. */
export async function run(): Promise<Figures> {
  const { out, builds } = await carAndGlobal();
  try {
    for (const [label, data] of builds) {
      const m = manifestFigures(data.dataDir);
      out[`${label}_cell_years`] = m.cellYears;
      out[`${label}_cell_months`] = m.cellMonths;
      out[`${label}_browser_data_gzip_kb`] = m.gzipKb;
    }

    // Decoding in Node, rounds alternating between the builds.
    const texts = builds.map(([, d]) => readTexts(d.dataDir));
    const times: DecodeTimes[] = builds.map(() => ({ parse: [], wall: [], cpu: [] }));
    for (let r = 0; r < DECODE_ROUNDS; r++)
      builds.forEach((_, i) => decodeOnce(texts[i]!, times[i]!));
    builds.forEach(([label], i) => {
      const t = times[i]!;
      out[`${label}_json_parse_ms`] = Math.round(median(t.parse));
      out[`${label}_decode_ms`] = Math.round(median(t.wall));
      out[`${label}_decode_first_round_ms`] = Math.round(t.wall[0]!);
      out[`${label}_decode_cpu_ms`] = Math.round(median(t.cpu));
      out[`${label}_decode_ms_rounds`] = t.wall.map((x) => Math.round(x)).join(' ');
    });
    out.decode_target_ms = 300;

    // The app: both builds served at once, one browser.
    const apps: AppServer[] = [];
    for (const [, data] of builds) apps.push(await startApp({ given: data }));
    const browser = await launch();
    try {
      const firsts: number[][] = builds.map(() => []);
      const dataAts: number[][] = builds.map(() => []);
      const failures: string[] = [];
      for (let i = 0; i < LOADS; i++)
        for (let b = 0; b < apps.length; b++) {
          // A load that times out on a loaded machine is reported, not fatal.
          try {
            const { rp, at, dataAt } = await firstFrame(browser, apps[b]!);
            firsts[b]!.push(at);
            dataAts[b]!.push(dataAt);
            await rp.close();
          } catch (e) {
            failures.push(`${builds[b]![0]}: ${(e as Error).message.split('\n')[0]!}`);
          }
        }
      if (failures.length) out.first_frame_failures = failures.join('; ');
      builds.forEach(([label], b) => {
        out[`${label}_first_frame_ms`] = Math.round(median(firsts[b]!));
        out[`${label}_first_frame_loads`] = firsts[b]!.map((x) => Math.round(x)).join(' ');
        // Navigation start → last data file received, and from there to the first data frame
        // (JSON.parse, decoding, selectors, layers, drawing).
        out[`${label}_data_received_ms`] = Math.round(median(dataAts[b]!));
        out[`${label}_data_to_first_frame_ms`] = Math.round(
          median(firsts[b]!.map((f, i) => f - dataAts[b]![i]!)),
        );
      });
      out.ratio_first_frame_global_to_car = round2(
        (out.global_first_frame_ms as number) / (out.car_first_frame_ms as number),
      );
      out.ratio_first_frame_target = 1.2;
      // One build's interactions failing (e.g. a timeout on a loaded machine) keeps the rest.
      for (let b = 0; b < apps.length; b++)
        try {
          Object.assign(out, await interactions(browser, apps[b]!, builds[b]![0]));
        } catch (e) {
          out[`${builds[b]![0]}_interactions_failed`] = (e as Error).message.split('\n')[0]!;
        }
    } finally {
      await browser.close();
      for (const a of apps) await a.close();
    }
  } finally {
    for (const [, d] of builds) rmSync(d.publicDir, { recursive: true, force: true });
  }
  out.load_average_1min_at_end = round1(loadavg()[0] ?? 0);
  return out;
}

runIfMain(import.meta.url, run);
