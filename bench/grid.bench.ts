/**
 * Grid switch benchmark (issue 14 point 3: "the H3 switch redraws in < 300 ms"). Node, no GPU:
 * what the app computes on a switch to H3 r4 / r5 before deck.gl draws — the events summed per
 * hexagon-year and the bases placed (`regridDataset`), the selectors, the year's hexagons
 * (`cellsOf`), the lag analysis on the k-rings, the flag comparison, and the two
 * `H3HexagonLayer`s constructed.
 *
 * - switch_ms: the first switch to the grid (nothing of the grid cached; the PRIO-GRID analysis
 *   already run, as in the app), median of 5, each on a fresh copy of the dataset object, after
 *   one untimed switch that warms the JIT;
 * - again_ms: switching back to an already built grid (the memoized selectors), median of 15;
 * - compare_ms: the Lag tab's flag comparison (polygon fill of each flagged 0.5° cell), once.
 *
 * Data: public/data when built, else the e2e build's data (test-artifacts/e2e-build/<latest>),
 * else the synthetic events only. Plus a synthetic load: BENCH_GRID_EVENTS (default 100,000)
 * events spread over the MINUSCA bases' box.
 * Runs alone with `npx tsx bench/grid.bench.ts`, or `npm run bench grid`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { atlasData } from '../src/data/atlasData';
import { gridData, type H3GridId } from '../src/data/gridData';
import { toLagParams } from '../src/data/lagSelectors';
import type { OsvEvent } from '../src/domain/coverage';
import type { Dataset } from '../src/domain/dataset';
import { decodeOsvEvents, OSV_EVENTS_FILE } from '../src/domain/eventsEncoding';
import { DEFAULT_LAG_PARAMS } from '../src/domain/lag';
import { hexFlagLayer, hexViolenceLayer } from '../src/map/hexLayers';
import { loadDataset } from '../src/pipeline/cliKit';
import { median, runIfMain } from './browser';
import { mulberry32 } from './prng';

function dataDir(): string | null {
  if (existsSync('public/data/osv_events.json')) return 'public/data';
  const root = 'test-artifacts/e2e-build';
  if (!existsSync(root)) return null;
  const dirs = readdirSync(root)
    .map((d) => path.join(root, d, 'data'))
    .filter((d) => existsSync(path.join(d, OSV_EVENTS_FILE)))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return dirs[0] ?? null;
}

const params = toLagParams(DEFAULT_LAG_PARAMS, 'all');

/**
 * One switch: everything the app computes before drawing the map, for mission `m`, year `y`
 * (the PRIO-GRID analysis the app has already run is run first, outside the timing).
 */
function doSwitch(ds: Dataset, events: readonly OsvEvent[], id: H3GridId, m: string, y: number) {
  const prio = atlasData(ds);
  const gd = gridData(prio, events, id);
  const covered = prio.sel.missionCoverage(m, y).covered;
  const cells = gd.sel.cellsOf(y, 'all', covered);
  const flags = gd.lag.flagsInYear(m, params, y);
  hexViolenceLayer(cells);
  hexFlagLayer(flags);
  return cells.length;
}

/** A dataset copy with the PRIO-GRID analysis already run (as in the app before a switch). */
function prepared(base: Dataset, m: string): Dataset {
  const ds = { ...base };
  atlasData(ds).lag.result(m, params);
  return ds;
}

function time(fn: () => void, runs: number): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return Math.round(median(t) * 10) / 10;
}

/** Median ms of `fn` over `runs`, each on a fresh `setup()` (not timed). */
function timeEach<T>(setup: () => T, fn: (x: T) => void, runs: number): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const x = setup();
    const t0 = performance.now();
    fn(x);
    t.push(performance.now() - t0);
  }
  return Math.round(median(t) * 10) / 10;
}

/** `n` synthetic events around the mission's bases (seeded). */
function syntheticEvents(ds: Dataset, mission: string, n: number): OsvEvent[] {
  const rand = mulberry32(7);
  const bases = ds.bases.filter((b) => b.mission === mission);
  const years = ds.missions.find((x) => x.id === mission)?.years ?? [2015];
  const country = bases[0]?.country ?? 'Central African Republic';
  return Array.from({ length: n }, () => {
    const b = bases[Math.floor(rand() * bases.length)]!;
    const best = Math.floor(Math.exp(rand() * 4));
    return {
      year: years[Math.floor(rand() * years.length)]!,
      month: 1 + Math.floor(rand() * 12),
      lon: Math.round((b.lon + (rand() - 0.5) * 3) * 1e4) / 1e4,
      lat: Math.round((b.lat + (rand() - 0.5) * 3) * 1e4) / 1e4,
      best,
      low: best,
      high: best,
      perpetrator: rand() < 0.3 ? 'state' : 'nonstate',
      foreign: false,
      wherePrec: 1 + Math.floor(rand() * 5),
      country,
    };
  });
}

export async function run(): Promise<Record<string, number | string>> {
  await Promise.resolve();
  const dir = dataDir();
  if (!dir) return { skipped: 'no built data (npm run data, or run an e2e test first)' };
  const base = loadDataset(dir);
  const events = decodeOsvEvents(JSON.parse(readFileSync(path.join(dir, OSV_EVENTS_FILE), 'utf8')));
  const out: Record<string, number | string> = { data: dir, events: events.length };
  const m = 'MINUSCA';
  const y = 2015;
  // Warm the JIT (h3-js is compiled JavaScript; its first calls are several times slower).
  doSwitch(prepared(base, m), events, 'h3r5', m, y);
  for (const id of ['h3r4', 'h3r5'] as const) {
    out[`${id}_switch_ms`] = timeEach(
      () => prepared(base, m),
      (ds) => doSwitch(ds, events, id, m, y),
      5,
    );
    const ds = prepared(base, m);
    doSwitch(ds, events, id, m, y);
    out[`${id}_compare_ms`] = time(() => gridData(atlasData(ds), events, id).compare(m, params), 1);
    doSwitch(ds, events, id, m, y);
    out[`${id}_again_ms`] = time(() => doSwitch(ds, events, id, m, y), 15);
    out[`${id}_hexagons_${y}`] = doSwitch(ds, events, id, m, y);
  }
  const n = Number(process.env.BENCH_GRID_EVENTS ?? 100_000);
  const synth = syntheticEvents(base, m, n);
  out.synthetic_events = n;
  for (const id of ['h3r4', 'h3r5'] as const)
    out[`synthetic_${id}_switch_ms`] = timeEach(
      () => prepared(base, m),
      (ds) => doSwitch(ds, synth, id, m, y),
      3,
    );
  out.target = 'switch < 300 ms';
  return out;
}

runIfMain(import.meta.url, run);
