/**
 * Pooled lag analysis benchmark (issue 14, point 2): `analyzePooled` over every mission of the
 * synthetic *global* build (tests/fixtures/syntheticGed.ts, ≈ 400k one-sided events around every
 * Geo-PKO location; the same sources and cache as bench/global.bench.ts), default parameters,
 * 2012–2022 and all years. Target < 500 ms.
 *
 * - pooled_cold_ms (and _cpu_ms, the process's CPU time for it): a freshly decoded dataset — every mission's lag index built, then the
 *   pooled run (what the app does the first time "All missions" is chosen);
 * - pooled_param_ms: a parameter change on warm indexes (θ, then r: the reach arrays of every
 *   mission recomputed);
 *
 * Runs alone with `npx tsx bench/pooled.bench.ts`, or `npm run bench pooled`. Environment:
 * BENCH_GLOBAL_OSV (one-sided events, default 400000).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { DATASET_FILES, decodeDataset } from '../src/domain/encoding';
import { DEFAULT_LAG_PARAMS } from '../src/domain/lag';
import { analyzePooled } from '../src/domain/lagPooled';
import { writeSyntheticSources } from '../tests/fixtures/syntheticGed';
import { median, runIfMain } from './browser';

const ROOT = path.resolve(import.meta.dirname, '..');
const OSV = Number(process.env.BENCH_GLOBAL_OSV ?? 400_000);
const SEED = 20250101;
const OUT = path.join(ROOT, 'bench', 'out');
const RUNS = 5;

/** The synthetic global build (sources as bench/global.bench.ts caches them; data cached too). */
function globalData(figures: Record<string, number | string>): string {
  const generator = createHash('sha256')
    .update(readFileSync(path.join(ROOT, 'tests', 'fixtures', 'syntheticGed.ts')))
    .digest('hex')
    .slice(0, 12);
  const src = path.join(OUT, `global-src-${OSV}-${SEED}-${generator}`);
  const marker = path.join(src, '.done');
  if (!existsSync(marker)) {
    rmSync(src, { recursive: true, force: true });
    const s = writeSyntheticSources(src, { osvEvents: OSV, seed: SEED });
    writeFileSync(marker, JSON.stringify({ rows: s.rows, geopko: s.geopko }));
  }
  const data = path.join(OUT, `global-data-${OSV}-${SEED}-${generator}`);
  if (!existsSync(path.join(data, 'manifest.json'))) {
    const t0 = performance.now();
    execFileSync('npm', ['run', 'data', '--', '--from', src, '--out', data, '--quiet'], {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 900_000,
    });
    figures.pooled_data_build_ms = Math.round(performance.now() - t0);
  } else figures.pooled_data_build_ms = 'cached';
  return data;
}

/** The pooled-analysis figures. */
export async function run(): Promise<Record<string, number | string>> {
  const figures: Record<string, number | string> = {};
  const dir = globalData(figures);
  const texts = DATASET_FILES.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')] as const);
  const decode = () =>
    decodeDataset(Object.fromEntries(texts.map(([f, t]) => [f, JSON.parse(t) as unknown])));
  const years = { from: 2012, to: 2022 };
  const cold: number[] = [];
  const coldCpu: number[] = [];
  const theta: number[] = [];
  const reach: number[] = [];
  let last = analyzePooled(decode(), DEFAULT_LAG_PARAMS, years); // warm-up (JIT)
  for (let i = 0; i < RUNS; i++) {
    const ds = decode();
    const c0 = process.cpuUsage();
    let t0 = performance.now();
    last = analyzePooled(ds, DEFAULT_LAG_PARAMS, years);
    cold.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    coldCpu.push((c.user + c.system) / 1000);
    t0 = performance.now();
    analyzePooled(ds, { ...DEFAULT_LAG_PARAMS, theta: 25 + i }, years);
    theta.push(performance.now() - t0);
    t0 = performance.now();
    analyzePooled(ds, { ...DEFAULT_LAG_PARAMS, reach: 1 + (i % 3) }, years);
    reach.push(performance.now() - t0);
  }
  const ds = decode();
  const t0 = performance.now();
  const all = analyzePooled(ds, DEFAULT_LAG_PARAMS);
  figures.pooled_all_years_cold_ms = Math.round(performance.now() - t0);
  const r1 = (x: number) => Math.round(x * 10) / 10;
  figures.pooled_osv_events = OSV;
  figures.pooled_cell_years_in_data = ds.cellYears.length;
  figures.pooled_missions_2012_2022 = last.included.length;
  figures.pooled_mission_cell_years_2012_2022 = last.figures.cellYears;
  figures.pooled_episodes_2012_2022 = last.figures.episodes;
  figures.pooled_missions_all_years = all.included.length;
  figures.pooled_cold_ms = r1(median(cold));
  // CPU time of the same runs: on a shared machine the wall time includes waiting for a core.
  figures.pooled_cold_cpu_ms = r1(median(coldCpu));
  figures.load_average_1min = r1(loadavg()[0]!);
  figures.pooled_theta_change_ms = r1(median(theta));
  figures.pooled_reach_change_ms = r1(median(reach));
  figures.pooled_target_ms = 500;
  return figures;
}

runIfMain(import.meta.url, run);
