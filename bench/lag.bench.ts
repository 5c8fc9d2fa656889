/**
 * Lag analysis benchmark (npm run bench runs every bench/*.bench.ts; this file also runs alone
 * with `npx tsx bench/lag.bench.ts`).
 *
 * 1. Real data (public/data, when built): full recomputation for every mission with violence
 *    data — cold (index build + run) and per parameter change (run with a new reach, index
 *    built). Target < 50 ms.
 * 2. Synthetic Africa-wide grid: 10,000 cells × 30 years, 500 bases. Target < 300 ms.
 *
 * Figures are medians over several runs after a warm-up.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  noImpreciseEvents,
  type Base,
  type BaseYear,
  type CellYear,
  type Dataset,
} from '../src/domain/dataset';
import { gidAt, cellCentroid } from '../src/domain/grid';
import {
  buildLagIndex,
  DEFAULT_LAG_PARAMS,
  runLagAnalysis,
  type LagParams,
} from '../src/domain/lag';
import { DEFAULT_DATA_DIR, loadDataset } from '../src/pipeline/cliKit';
import { baseYear } from '../tests/fixtures/factories';
import { median, runIfMain } from './browser';
import { mulberry32 } from './prng';

const RUNS = 15;

/** Median and fastest of RUNS timed runs after a warm-up, in ms (2 decimals). */
function time(fn: () => void, runs = RUNS): { median: number; min: number } {
  fn(); // warm-up
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  const r = (x: number) => Math.round(x * 100) / 100;
  return { median: r(median(t)), min: r(Math.min(...t)) };
}

function record(
  out: Record<string, number | string>,
  key: string,
  t: { median: number; min: number },
) {
  out[`${key}_ms`] = t.median;
  out[`${key}_min_ms`] = t.min;
}

const est = (best: number) => ({ best, low: best, high: best, events: best > 0 ? 1 : 0 });

/**
 * A synthetic mission over a 100 × 100 block of cells (50° × 50°, Africa-sized) for 30 years
 * (1990–2019): ~30 % of cell-years with one-sided violence (heavy-tailed), 500 bases that open,
 * change troops, close and reopen.
 */
export function syntheticDataset(cellsPerSide = 100, years = 30, nBases = 500): Dataset {
  const rand = mulberry32(42);
  const y0 = 1990;
  const country = 'Democratic Republic of the Congo';
  const row0 = 160; // lat −10°
  const col0 = 340; // lon −10°
  const cellYears: CellYear[] = [];
  for (let r = 0; r < cellsPerSide; r++) {
    for (let c = 0; c < cellsPerSide; c++) {
      const gid = gidAt(row0 + r, col0 + c);
      for (let y = 0; y < years; y++) {
        if (rand() > 0.3) continue;
        const v = Math.floor(Math.exp(rand() * 5)) - 1;
        const state = Math.floor(v * rand());
        cellYears.push({
          gid,
          year: y0 + y,
          country,
          osv: est(v),
          osvState: est(state),
          osvNonState: est(v - state),
          osvForeign: est(0),
          osvImprecise: noImpreciseEvents(),
          stateBased: est(0),
          nonStateConflict: est(0),
          topPerpetrators: [],
        });
      }
    }
  }
  const bases: Base[] = [];
  const baseYears: BaseYear[] = [];
  for (let b = 0; b < nBases; b++) {
    const gid = gidAt(
      row0 + Math.floor(rand() * cellsPerSide),
      col0 + Math.floor(rand() * cellsPerSide),
    );
    const [lon, lat] = cellCentroid(gid);
    const base: Base = {
      id: `SYN:${b}`,
      mission: 'SYN',
      location: `b${b}`,
      country,
      lat,
      lon,
      gid,
    };
    bases.push(base);
    let troops = Math.floor(rand() * 800);
    for (let y = 0; y < years; y++) {
      if (rand() < 0.15) continue; // closed this year
      troops = Math.max(0, troops + Math.floor((rand() - 0.5) * 200));
      const known = rand() < 0.95;
      baseYears.push(
        baseYear(base, y0 + y, {
          troops: known ? troops : null,
          troopsMax: known ? troops : null,
          zeroTroops: troops === 0,
        }),
      );
    }
  }
  const lons = bases.map((b) => b.lon);
  const lats = bases.map((b) => b.lat);
  return {
    cellYears,
    cellMonths: [],
    bases,
    baseYears,
    baseMonths: [],
    missions: [
      {
        id: 'SYN',
        countries: [country],
        years: Array.from({ length: years }, (_, i) => y0 + i),
        bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
      },
    ],
    coverage: {
      gedVersions: ['synthetic'],
      years: [y0, y0 + years - 1],
      scope: 'global',
      countries: [],
    },
  };
}

/**
 * Timings for some missions: cold (index build + run), a reach change (reach arrays recomputed)
 * and a θ change (reach arrays reused).
 */
function measure(
  ds: Dataset,
  missions: string[],
  prefix: string,
  out: Record<string, number | string>,
) {
  const params: LagParams = { ...DEFAULT_LAG_PARAMS };
  record(
    out,
    `${prefix}_cold`,
    time(() => {
      for (const m of missions) runLagAnalysis(buildLagIndex(ds, m), params);
    }),
  );
  const indexes = missions.map((m) => buildLagIndex(ds, m));
  let reach = 0;
  record(
    out,
    `${prefix}_reach_change`,
    time(() => {
      reach = (reach + 1) % 4;
      for (const ix of indexes) {
        ix.reachCache.clear();
        runLagAnalysis(ix, { ...params, reach });
      }
    }),
  );
  record(
    out,
    `${prefix}_theta_change`,
    time(() => {
      for (const ix of indexes) runLagAnalysis(ix, { ...params, theta: 5 + reach });
    }),
  );
}

/** Run the benchmark; figures in milliseconds. */
export async function run(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const dir = process.env.PRESENCE_ATLAS_DATA ?? DEFAULT_DATA_DIR;
  if (existsSync(path.join(dir, 'cell_years.json'))) {
    const ds = loadDataset(dir);
    const withData = ds.missions
      .filter((m) => runLagAnalysis(buildLagIndex(ds, m.id)).summary.hasViolenceData)
      .map((m) => m.id);
    out.real_missions_with_data = withData.join(' ') || '(none)';
    out.real_cell_years = ds.cellYears.length;
    record(
      out,
      'real_all_missions_cold',
      time(() => {
        for (const m of ds.missions) runLagAnalysis(buildLagIndex(ds, m.id));
      }),
    );
    measure(ds, withData, 'real_missions_with_data', out);
    out.real_target_ms = 50;
  } else {
    out.real_note = `skipped: no built dataset in ${dir} (run npm run data)`;
  }
  const syn = syntheticDataset();
  out.synthetic_cells = 10_000;
  out.synthetic_years = 30;
  out.synthetic_cell_years_with_events = syn.cellYears.length;
  out.synthetic_base_years = syn.baseYears.length;
  measure(syn, ['SYN'], 'synthetic', out);
  out.synthetic_target_ms = 300;
  const r = runLagAnalysis(buildLagIndex(syn, 'SYN'));
  out.synthetic_episodes = r.episodes.length;
  return out;
}

runIfMain(import.meta.url, run);
