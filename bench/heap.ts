/**
 * Allocation and heap measurement of looped playback in headless Chromium, shared by
 * bench/alloc.bench.ts and bench/global.bench.ts (issue 10: "zero allocation per animation frame
 * in steady state", "heap flat over 5 minutes of looped playback").
 *
 * - {@link allocationRun}: the V8 sampling heap profiler over N frames of playback, counting the
 *   objects that minor and major garbage collections freed too, so its total is every byte
 *   allocated in the window (a statistical estimate, one sample per `SAMPLING_BYTES` on average),
 *   divided by the frames; plus the main thread's CPU time per frame from the DevTools
 *   `Performance.getMetrics` (TaskDuration, ScriptDuration: busy time, not wall time) and the
 *   allocation sites ranked by bytes.
 * - {@link longLoop}: the heap after a forced garbage collection, sampled at intervals over a long
 *   looped playback.
 */
import type { CDPSession, Page } from 'playwright-core';

/** Mean bytes between two samples of the sampling heap profiler. */
export const SAMPLING_BYTES = 4096;

const MB = 2 ** 20;

/**
 * In-page: turns looping on, plays at the current speed and resolves when the playback wraps to
 * the first year after showing every year (one whole loop: every cache warm). A string, not a
 * function: tsx would inject its `__name` helper into a function body.
 */
export const LOOP_WARMUP_SCRIPT = `new Promise((resolve) => {
  const loop = document.querySelector('[data-testid=loop]');
  if (!loop.checked) loop.click();
  const play = document.querySelector('[data-testid=play]');
  const yearEl = document.querySelector('[data-testid=year]');
  if (play.getAttribute('aria-label') !== 'Pause') play.click();
  const slider = document.querySelector('[data-testid=year-slider]');
  const years = Number(slider.max) - Number(slider.min) + 1;
  const seen = new Set();
  let last = Number(yearEl.textContent);
  let frames = 0;
  const t0 = performance.now();
  const tick = (now) => {
    frames++;
    const y = Number(yearEl.textContent);
    if (y < last && seen.size >= years) { resolve(frames); return; }
    seen.add(y);
    last = y;
    // No wrap within two minutes: warm enough; a negative count reports it.
    if (now - t0 > 120000) { resolve(-frames); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

/**
 * In-page: counts `frames` animation frames of the (already running) playback, recording the JS
 * heap used (performance.memory with --enable-precise-memory-info) and the time of each; does
 * not pause. Gives up after 20 minutes.
 */
export const FRAMES_SCRIPT = `(frames) => new Promise((resolve, reject) => {
  const heap = [];
  const times = [];
  const t0 = performance.now();
  const tick = (now) => {
    heap.push(performance.memory ? performance.memory.usedJSHeapSize : NaN);
    times.push(now);
    if (heap.length >= frames) { resolve({ heap, times }); return; }
    if (now - t0 > 1200000) { reject(new Error('frame run took over 20 minutes')); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

/**
 * In-page: `frames` animation frames in each of which deck.gl draws the data layers again with
 * nothing changed (`window.__atlas.redraw`, the map paused): its own cost per frame, the floor
 * under a playback frame. Resolves like {@link FRAMES_SCRIPT}.
 */
export const REDRAW_SCRIPT = `(frames) => new Promise((resolve, reject) => {
  const heap = [];
  const times = [];
  const t0 = performance.now();
  const tick = (now) => {
    window.__atlas.redraw();
    heap.push(performance.memory ? performance.memory.usedJSHeapSize : NaN);
    times.push(now);
    if (heap.length >= frames) { resolve({ heap, times }); return; }
    if (now - t0 > 1200000) { reject(new Error('redraw run took over 20 minutes')); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

/** In-page: pauses the playback if it is playing. */
export const PAUSE_SCRIPT = `(() => {
  const play = document.querySelector('[data-testid=play]');
  if (play.getAttribute('aria-label') === 'Pause') play.click();
})()`;

/** A node of V8's sampling heap profile (DevTools protocol). */
export interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

/** One allocation site: where (function, script, 1-based line:column) and bytes per frame. */
export interface AllocationSite {
  functionName: string;
  url: string;
  line: number;
  column: number;
  /** For a built-in (no script): the nearest calling script function, "fn file:line". */
  caller: string;
  bytesPerFrame: number;
}

/** What {@link allocationRun} measures. */
export interface AllocationFigures {
  frames: number;
  seconds: number;
  /** Every byte allocated in the window (sampled estimate), per frame. */
  bytesPerFrame: number;
  /** Main-thread busy time per frame (DevTools TaskDuration), ms. */
  taskMsPerFrame: number;
  /** JavaScript time per frame (DevTools ScriptDuration), ms. */
  scriptMsPerFrame: number;
  /** Heap used after a forced garbage collection before and after the window, MB. */
  gcBeforeMb: number;
  gcAfterMb: number;
  /** performance.memory's used heap: sum of its rises between frames / frames (kB). */
  risesKbPerFrame: number;
  /** Garbage collections seen (falls of the used heap between frames). */
  collections: number;
  /** Allocation sites, most bytes first. */
  sites: AllocationSite[];
  /** The raw sampling heap profile (DevTools `HeapProfiler.SamplingHeapProfile`). */
  profile: unknown;
}

/**
 * Walks a sampling heap profile and adds each node's self size to its allocation site in
 * `bySite` (keyed by function, script and position; a built-in also by its nearest calling
 * script function). The sites' `bytesPerFrame` hold raw bytes here: {@link perFrame} divides
 * them. Returns the bytes of the whole profile.
 */
export function allocationSites(head: ProfileNode, bySite: Map<string, AllocationSite>): number {
  let total = 0;
  const walk = (node: ProfileNode, caller: string): void => {
    const f = node.callFrame;
    const here = f.url
      ? `${f.functionName || '(anonymous)'} ${fileOf(f.url)}:${f.lineNumber + 1}`
      : '';
    if (node.selfSize > 0) {
      total += node.selfSize;
      const key = `${f.functionName}@${f.url}:${f.lineNumber}:${f.columnNumber}${f.url ? '' : `<${caller}`}`;
      const site = bySite.get(key) ?? {
        functionName: f.functionName || '(anonymous)',
        url: f.url,
        line: f.lineNumber + 1,
        column: f.columnNumber + 1,
        caller: f.url ? '' : caller,
        bytesPerFrame: 0,
      };
      site.bytesPerFrame += node.selfSize;
      bySite.set(key, site);
    }
    for (const c of node.children) walk(c, here || caller);
  };
  walk(head, '');
  return total;
}

/** The sites of {@link allocationSites} with their bytes divided by `frames`, most first. */
function perFrame(bySite: Map<string, AllocationSite>, frames: number): AllocationSite[] {
  return [...bySite.values()]
    .map((s) => ({ ...s, bytesPerFrame: s.bytesPerFrame / frames }))
    .sort((a, b) => b.bytesPerFrame - a.bytesPerFrame);
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: m } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(m.map((x) => [x.name, x.value]));
}

/** Forces a full garbage collection and returns the JS heap used, MB. */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await metrics(cdp)).JSHeapUsedSize! / MB;
}

/** Opens a DevTools session on `page` with the heap profiler and the metrics enabled. */
export async function devtools(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return cdp;
}

/**
 * Measures `frames` animation frames of the playback running on `page` (start it, and warm it,
 * first): bytes allocated per frame from the sampling heap profiler (objects freed by minor and
 * major collections included), CPU time per frame, heap after forced collections around it.
 */
export async function allocationRun(
  page: Page,
  cdp: CDPSession,
  frames: number,
  script: string = FRAMES_SCRIPT,
): Promise<AllocationFigures> {
  const gcBeforeMb = await heapAfterGc(cdp);
  const m0 = await metrics(cdp);
  await cdp.send('HeapProfiler.startSampling', {
    samplingInterval: SAMPLING_BYTES,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  const r = (await page.evaluate(`(${script})(${frames})`)) as {
    heap: number[];
    times: number[];
  };
  const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as {
    profile: { head: ProfileNode };
  };
  const m1 = await metrics(cdp);
  const gcAfterMb = await heapAfterGc(cdp);
  const n = r.times.length - 1;
  const bySite = new Map<string, AllocationSite>();
  const total = allocationSites(profile.head, bySite);
  let rises = 0;
  let collections = 0;
  for (let i = 1; i < r.heap.length; i++) {
    const d = r.heap[i]! - r.heap[i - 1]!;
    if (d > 0) rises += d;
    else if (d < 0) collections++;
  }
  return {
    frames: n,
    seconds: (r.times[n]! - r.times[0]!) / 1000,
    bytesPerFrame: total / n,
    taskMsPerFrame: ((m1.TaskDuration! - m0.TaskDuration!) * 1000) / n,
    scriptMsPerFrame: ((m1.ScriptDuration! - m0.ScriptDuration!) * 1000) / n,
    gcBeforeMb,
    gcAfterMb,
    risesKbPerFrame: rises / 1024 / n,
    collections,
    sites: perFrame(bySite, n),
    profile,
  };
}

/**
 * In-page: waits for the playback to start a new step, then counts animation frames while the
 * tween of that step runs from `from` to `to` (fractions of the step); resolves with the frames
 * and whether the step stayed the same throughout. Reads the app's test hook
 * `window.__atlas.timeline`.
 */
export const STEP_WINDOW_SCRIPT = `([phase, from, to]) => new Promise((resolve, reject) => {
  const tl = () => window.__atlas && window.__atlas.timeline;
  const step0 = tl() ? tl().step : null;
  let step = null;
  let frames = 0;
  const t0 = performance.now();
  const tick = () => {
    const x = tl();
    if (!x) { reject(new Error('no timeline hook')); return; }
    if (performance.now() - t0 > 120000) { reject(new Error('no step window within 2 minutes')); return; }
    if (phase === 'wait') {
      if (x.step !== step0 && x.t >= from && x.t < to) { resolve({ step: x.step }); return; }
    } else {
      if (step === null) step = x.step;
      frames++;
      if (x.step !== step || x.t >= to) { resolve({ frames, same: x.step === step }); return; }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

/** What {@link tweenFrameRun} measures. */
export interface TweenFrameFigures {
  windows: number;
  frames: number;
  /** Bytes allocated per frame within steps (no step change in the window). */
  bytesPerFrame: number;
  /** Main-thread busy ms per frame (TaskDuration) within the windows. */
  taskMsPerFrame: number;
  sites: AllocationSite[];
}

/**
 * Steady state within a step: `windows` times, waits until a new step's tween is past 10 %, then
 * samples allocations until it reaches 80 % (so no step change, no new step's data, falls in the
 * window): bytes and CPU time per tween frame. Play slowly (4 s per year) for long windows.
 */
export async function tweenFrameRun(
  page: Page,
  cdp: CDPSession,
  windows: number,
): Promise<TweenFrameFigures> {
  let frames = 0;
  let bytes = 0;
  let task = 0;
  let used = 0;
  const bySite = new Map<string, AllocationSite>();
  for (let w = 0; w < windows; w++) {
    await page.evaluate(`(${STEP_WINDOW_SCRIPT})(['wait', 0.1, 0.3])`);
    const m0 = await metrics(cdp);
    await cdp.send('HeapProfiler.startSampling', {
      samplingInterval: SAMPLING_BYTES,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    const r = (await page.evaluate(`(${STEP_WINDOW_SCRIPT})(['count', 0, 0.8])`)) as {
      frames: number;
      same: boolean;
    };
    const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as {
      profile: { head: ProfileNode };
    };
    const m1 = await metrics(cdp);
    if (!r.same || r.frames < 2) continue;
    used++;
    frames += r.frames;
    task += (m1.TaskDuration! - m0.TaskDuration!) * 1000;
    bytes += allocationSites(profile.head, bySite);
  }
  const sites = perFrame(bySite, Math.max(1, frames));
  return {
    windows: used,
    frames,
    bytesPerFrame: bytes / Math.max(1, frames),
    taskMsPerFrame: task / Math.max(1, frames),
    sites,
  };
}

/** What {@link longLoop} measures. */
export interface LongLoopFigures {
  seconds: number;
  frames: number;
  /** Heap after a forced collection at each sample, MB (first at 0 s). */
  gcMb: number[];
  /** Least-squares slope of those samples, MB per minute. */
  slopeMbPerMinute: number;
}

/**
 * Plays (already looping) for `seconds`, forcing a collection and reading the heap every
 * `everySeconds`; the frames are counted in between.
 */
export async function longLoop(
  page: Page,
  cdp: CDPSession,
  seconds: number,
  everySeconds: number,
): Promise<LongLoopFigures> {
  const gcMb = [await heapAfterGc(cdp)];
  const at = [0];
  const t0 = Date.now();
  let frames = 0;
  while (Date.now() - t0 < seconds * 1000) {
    const left = seconds * 1000 - (Date.now() - t0);
    const wait = Math.min(everySeconds * 1000, left);
    frames += (await page.evaluate(`new Promise((resolve) => {
      let n = 0;
      const t0 = performance.now();
      const tick = (now) => { n++; if (now - t0 >= ${wait}) resolve(n); else requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })`)) as number;
    gcMb.push(await heapAfterGc(cdp));
    at.push((Date.now() - t0) / 60_000);
  }
  return {
    seconds: (Date.now() - t0) / 1000,
    frames,
    gcMb,
    slopeMbPerMinute: slopeOf(at, gcMb),
  };
}

/** A script URL's file name. */
function fileOf(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

/** "function file:line:column" of a site, with its calling script function for a built-in. */
export function siteLabel(s: AllocationSite): string {
  if (!s.url) return `${s.functionName} (built-in) ← ${s.caller || '(no script)'}`;
  return `${s.functionName} ${fileOf(s.url)}:${s.line}:${s.column}`;
}

/** Least-squares slope of ys against xs. */
export function slopeOf(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
