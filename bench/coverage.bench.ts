/**
 * Coverage benchmark (npm run bench runs every bench/*.bench.ts; alone:
 * `npx tsx bench/coverage.bench.ts`).
 *
 * 1. Real data (public/data with osv_events.json and the basemap towns, when built): MINUSCA's
 *    coverage for every year — cold (event distances measured, then the sums) and after a change
 *    of X (sums only) — target < 50 ms; the greedy what-if (k = 5, n = 3, every candidate town)
 *    per year — target < 200 ms.
 * 2. The synthetic global build (`npm run bench global`'s: 400,000 one-sided events around every
 *    Geo-PKO location, built by the data pipeline): the same figures for its largest mission (the
 *    most events in its host countries and years).
 * 3. Synthetic: the lag benchmark's Africa-sized mission (100 × 100 cells, 30 years, 500 bases;
 *    bench/lag.bench.ts) with each violent cell-year split into 1–3 events at random points of
 *    the cell, and 1,000 synthetic towns: the same figures.
 *
 * Figures are medians over several runs after a warm-up: wall-clock (`_ms`) and CPU time of the
 * process (`_cpu_ms`, user + system; steadier than wall-clock on a shared machine), with the
 * load average at the start and the end of the run.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { createCoverageSelectors } from '../src/data/coverageSelectors';
import { decodePlaces, BASEMAP_FILES, type BasemapPlace } from '../src/domain/basemap';
import { DEFAULT_COVERAGE_PARAMS, type OsvEvent } from '../src/domain/coverage';
import { whatIfPlacement } from '../src/domain/coverageWhatIf';
import type { Dataset } from '../src/domain/dataset';
import { decodeOsvEvents, OSV_EVENTS_FILE } from '../src/domain/eventsEncoding';
import { cellCentroid } from '../src/domain/grid';
import { DEFAULT_DATA_DIR, loadDataset } from '../src/pipeline/cliKit';
import { median, runIfMain } from './browser';
import { prepareGlobal } from './global.bench';
import { syntheticDataset } from './lag.bench';
import { mulberry32 } from './prng';

const RUNS = 9;

/** Median wall-clock and CPU milliseconds of `fn` over `runs` runs after one warm-up run. */
function time(fn: () => void, runs = RUNS): { wall: number; cpu: number } {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: round(median(wall)), cpu: round(median(cpu)) };
}

const round = (x: number): number => Math.round(x * 100) / 100;

/** Writes a {@link time} result as `KEY_ms` and `KEY_cpu_ms`. */
function record(
  out: Record<string, number | string>,
  key: string,
  t: { wall: number; cpu: number },
) {
  out[`${key}_ms`] = t.wall;
  out[`${key}_cpu_ms`] = t.cpu;
}

type Towns = { name: string; lon: number; lat: number; population: number; country: string }[];

function measure(
  out: Record<string, number | string>,
  label: string,
  ds: Dataset,
  events: readonly OsvEvent[],
  towns: Towns,
  mission: string,
): void {
  const m = ds.missions.find((x) => x.id === mission)!;
  const p = DEFAULT_COVERAGE_PARAMS;
  out[`${label}_events`] = events.length;
  out[`${label}_years`] = m.years.length;
  record(
    out,
    `${label}_all_years_cold`,
    time(() => createCoverageSelectors(ds, events, towns).years(mission, p)),
  );
  const cov = createCoverageSelectors(ds, events, towns);
  cov.years(mission, p);
  let km = 20;
  record(
    out,
    `${label}_all_years_new_X`,
    time(() => {
      km = km >= 190 ? 20 : km + 7;
      cov.years(mission, { ...p, km });
    }),
  );
  // The what-if of one year with the mission's event distances measured (as in the app).
  const input = {
    distances: cov.distances(mission),
    bases: ds.bases,
    baseYears: ds.baseYears,
    mission: m,
    coverage: ds.coverage,
    towns,
  };
  const perYear = m.years.map((year) => time(() => whatIfPlacement(input, year, 5, 3, p), 3));
  const wall = perYear.map((t) => t.wall);
  const cpu = perYear.map((t) => t.cpu);
  out[`${label}_whatif_k5_n3_per_year_median_ms`] = round(median(wall));
  out[`${label}_whatif_k5_n3_per_year_max_ms`] = round(Math.max(...wall));
  out[`${label}_whatif_k5_n3_per_year_median_cpu_ms`] = round(median(cpu));
  out[`${label}_whatif_k5_n3_per_year_max_cpu_ms`] = round(Math.max(...cpu));
}

/** Events and towns for the synthetic mission. */
function syntheticEvents(ds: Dataset): { events: OsvEvent[]; towns: Towns } {
  const rand = mulberry32(13);
  const events: OsvEvent[] = [];
  for (const c of ds.cellYears) {
    if (c.osv.best <= 0) continue;
    const [lon, lat] = cellCentroid(c.gid);
    const parts = 1 + Math.floor(rand() * 3);
    let left = c.osv.best;
    for (let i = 0; i < parts && left > 0; i++) {
      const best = i === parts - 1 ? left : Math.ceil(left * rand());
      left -= best;
      events.push({
        year: c.year,
        month: 1 + Math.floor(rand() * 12),
        lon: lon + (rand() - 0.5) * 0.5,
        lat: lat + (rand() - 0.5) * 0.5,
        best,
        low: best,
        high: best,
        perpetrator: rand() < 0.4 ? 'state' : 'nonstate',
        foreign: false,
        wherePrec: 1 + Math.floor(rand() * 7),
        country: c.country,
      });
    }
  }
  const country = ds.missions[0]!.countries[0]!;
  const [w, s, e, n] = ds.missions[0]!.bbox;
  const towns = Array.from({ length: 1000 }, (_, i) => ({
    name: `Town ${i}`,
    lon: w + rand() * (e - w),
    lat: s + rand() * (n - s),
    population: 5000 + Math.floor(rand() * 500_000),
    country,
  }));
  return { events, towns };
}

export async function run(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  out.load_average_start = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  const dir = DEFAULT_DATA_DIR;
  if (existsSync(path.join(dir, OSV_EVENTS_FILE))) {
    const ds = loadDataset(dir);
    const events = decodeOsvEvents(
      JSON.parse(readFileSync(path.join(dir, OSV_EVENTS_FILE), 'utf8')),
    );
    let towns: Towns = [];
    try {
      towns = decodePlaces(
        JSON.parse(readFileSync(path.join(dir, 'basemap', BASEMAP_FILES.places), 'utf8')),
      );
    } catch {
      out.minusca_note = 'no basemap towns: candidates are former base sites only';
    }
    measure(out, 'minusca', ds, events, towns, 'MINUSCA');
  } else out.minusca = `skipped: no ${OSV_EVENTS_FILE} in ${dir} (run npm run data)`;
  const global = await prepareGlobal();
  Object.assign(out, global.figures);
  let gds: Dataset;
  let gEvents: OsvEvent[];
  let gTowns: BasemapPlace[];
  try {
    gds = loadDataset(global.data.dataDir);
    gEvents = decodeOsvEvents(
      JSON.parse(readFileSync(path.join(global.data.dataDir, OSV_EVENTS_FILE), 'utf8')),
    );
    gTowns = decodePlaces(
      JSON.parse(
        readFileSync(path.join(global.data.dataDir, 'basemap', BASEMAP_FILES.places), 'utf8'),
      ),
    );
  } finally {
    // The built global data lives in a temporary folder: one per run otherwise.
    rmSync(global.data.publicDir, { recursive: true, force: true });
  }
  const largest = gds.missions
    .map((m) => ({
      id: m.id,
      n: gEvents.filter((e) => m.countries.includes(e.country) && m.years.includes(e.year)).length,
    }))
    .sort((a, b) => b.n - a.n)[0]!;
  out.global_largest_mission = largest.id;
  measure(out, 'global_largest', gds, gEvents, gTowns, largest.id);
  const syn = syntheticDataset();
  const { events, towns } = syntheticEvents(syn);
  measure(out, 'synthetic', syn, events, towns, 'SYN');
  out.load_average_end = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  return out;
}

runIfMain(import.meta.url, run);
