/**
 * Grid switch benchmark (issue 14 point 3: "the H3 switch redraws in < 300 ms"). Node, no GPU:
 * everything the app computes on a switch to H3 r4 / r5 before deck.gl draws, for the Central
 * African Republic build and the synthetic global build side by side in one run:
 *
 * - load: `JSON.parse` and decoding of what the app fetches — the grid's part index
 *   (`grid_h3r4/index.json`: the hexagon of each base coordinate, the part file of each country)
 *   and the part files of the mission's host countries (their hexagon-years as typed columns,
 *   `decodeGridPart`), merged (`mergeGridParts`);
 * - compute: the dataset regridded (`gridData`: bases placed, selectors), the year's hexagons
 *   (`cellsOf`), the lag analysis on the k-rings (index and run), the year's flags, the two
 *   `H3HexagonLayer`s constructed, and the comparison panel's flag comparison;
 * - switch = load + compute: the first switch to the grid (nothing of it cached; the PRIO-GRID
 *   analysis already run, as in the app), median of 7, each on a fresh copy of the dataset, after
 *   two untimed switches that warm the JIT (the app's decoder is warm from the first frame);
 *   wall-clock (`_ms`) and CPU time of the process (`_cpu_ms`, user + system: steadier on a
 *   shared machine, but it counts the garbage collector's helper threads too);
 * - again_ms: switching back to a grid already built (memoized selectors), median of 15;
 * - compare_ms: the comparison alone (PRIO-GRID flags against the grid's), median of 7.
 *
 * Builds: the CAR data (public/data when built, else the e2e build's data), mission MINUSCA,
 * 2015; the synthetic global build of `npm run bench global` (400,000 one-sided events around
 * every Geo-PKO location, built by the data pipeline), its largest mission (the most events in
 * its host countries and years) in its year with the most events. Load averages at the start and
 * the end. Runs alone with `npx tsx bench/grid.bench.ts`, or `npm run bench grid`.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { atlasData } from '../src/data/atlasData';
import { gridData, type H3GridId } from '../src/data/gridData';
import { toLagParams } from '../src/data/lagSelectors';
import type { Dataset } from '../src/domain/dataset';
import { decodeOsvEvents, OSV_EVENTS_FILE } from '../src/domain/eventsEncoding';
import {
  decodeGridIndex,
  decodeGridPart,
  GRID_BROWSER_FILES,
  GRID_PART_INDEX_FILES,
  mergeGridParts,
  type GridPrecomputed,
} from '../src/domain/gridFile';
import { missionHostCountries } from '../src/domain/lagIndex';
import { DEFAULT_LAG_PARAMS } from '../src/domain/lag';
import { hexFlagLayer, hexViolenceLayer } from '../src/map/hexLayers';
import { loadDataset } from '../src/pipeline/cliKit';
import { median, runIfMain } from './browser';
import { prepareGlobal } from './global.bench';

function carDataDir(): string | null {
  if (existsSync(path.join('public/data', GRID_BROWSER_FILES.h3r4))) return 'public/data';
  const root = 'test-artifacts/e2e-build';
  if (!existsSync(root)) return null;
  const dirs = readdirSync(root)
    .map((d) => path.join(root, d, 'data'))
    .filter((d) => existsSync(path.join(d, GRID_BROWSER_FILES.h3r4)))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return dirs[0] ?? null;
}

const params = toLagParams(DEFAULT_LAG_PARAMS, 'all');
const round1 = (x: number): number => Math.round(x * 10) / 10;

/** A dataset copy with the PRIO-GRID analysis already run (as in the app before a switch). */
function prepared(base: Dataset, m: string): Dataset {
  const ds = { ...base };
  atlasData(ds).lag.result(m, params);
  return ds;
}

/** Wall and CPU ms of `fn`. */
function measured(fn: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

/** The texts a switch fetches: the part index and the mission's host countries' parts. */
interface Fetched {
  index: string;
  parts: { country: string; file: string; text: string }[];
}

function fetched(dir: string, ds: Dataset, id: H3GridId, m: string): Fetched {
  const index = readFileSync(path.join(dir, GRID_PART_INDEX_FILES[id]), 'utf8');
  const listed = decodeGridIndex(JSON.parse(index) as unknown, id).parts;
  const parts = missionHostCountries(ds, m)
    .filter((c) => listed.has(c))
    .map((country) => {
      const file = listed.get(country)!;
      return { country, file, text: readFileSync(path.join(dir, file), 'utf8') };
    });
  return { index, parts };
}

/** What the app does with the fetched texts: parse, decode, merge. */
function decodeFetched(f: Fetched, id: H3GridId): GridPrecomputed {
  const index = decodeGridIndex(JSON.parse(f.index) as unknown, id);
  return mergeGridParts(
    index,
    f.parts.map((p) => decodeGridPart(JSON.parse(p.text) as unknown, id, p.file, p.country)),
  );
}

/** One first switch; returns its parts' timings and sizes. */
function firstSwitch(ds: Dataset, text: Fetched, id: H3GridId, m: string, y: number) {
  const prio = atlasData(ds);
  const covered = prio.sel.missionCoverage(m, y).covered;
  let pre: GridPrecomputed | null = null;
  const load = measured(() => {
    pre = decodeFetched(text, id);
  });
  let cells = 0;
  let flags = 0;
  const compute = measured(() => {
    const gd = gridData(prio, pre!, id);
    const c = gd.sel.cellsOf(y, 'all', covered);
    const f = gd.lag.flagsInYear(m, params, y);
    hexViolenceLayer(c);
    hexFlagLayer(f);
    gd.compare(m, params);
    cells = c.length;
    flags = f.length;
  });
  return { load, compute, cells, flags, hexagonYears: pre!.cellYears.length };
}

function measureBuild(
  out: Record<string, number | string>,
  prefix: string,
  dir: string,
  m: string,
  y: number,
): void {
  const base = loadDataset(dir);
  out[`${prefix}_mission`] = `${m} ${y}`;
  for (const id of ['h3r4', 'h3r5'] as const) {
    const text = fetched(dir, base, id, m);
    out[`${prefix}_${id}_file_kb`] = Math.round(
      statSync(path.join(dir, GRID_BROWSER_FILES[id])).size / 1024,
    );
    out[`${prefix}_${id}_fetched_kb`] = Math.round(
      [text.index, ...text.parts.map((p) => p.text)].reduce((a, t) => a + Buffer.byteLength(t), 0) /
        1024,
    );
    out[`${prefix}_${id}_parts`] = text.parts.map((p) => p.country).join(', ');
    for (let i = 0; i < 2; i++) firstSwitch(prepared(base, m), text, id, m, y);
    const runs = Array.from({ length: 7 }, () => firstSwitch(prepared(base, m), text, id, m, y));
    const med = (f: (r: (typeof runs)[number]) => number) => round1(median(runs.map(f)));
    out[`${prefix}_${id}_switch_ms`] = med((r) => r.load.wall + r.compute.wall);
    out[`${prefix}_${id}_switch_cpu_ms`] = med((r) => r.load.cpu + r.compute.cpu);
    out[`${prefix}_${id}_load_cpu_ms`] = med((r) => r.load.cpu);
    out[`${prefix}_${id}_compute_cpu_ms`] = med((r) => r.compute.cpu);
    // The comparison alone, on a grid already built (its own cache emptied by a fresh copy).
    const cmp: number[] = [];
    for (let i = 0; i < 7; i++) {
      const ds = prepared(base, m);
      const pre = decodeFetched(text, id);
      const gd = gridData(atlasData(ds), pre, id);
      gd.lag.result(m, params);
      cmp.push(measured(() => gd.compare(m, params)).wall);
    }
    out[`${prefix}_${id}_compare_ms`] = round1(median(cmp));
    // Switching back: everything memoized.
    const ds = prepared(base, m);
    const pre = decodeFetched(text, id);
    const again = () => {
      const prio = atlasData(ds);
      const gd = gridData(prio, pre, id);
      const c = gd.sel.cellsOf(y, 'all', prio.sel.missionCoverage(m, y).covered);
      const f = gd.lag.flagsInYear(m, params, y);
      hexViolenceLayer(c);
      hexFlagLayer(f);
      gd.compare(m, params);
    };
    again();
    out[`${prefix}_${id}_again_ms`] = round1(
      median(Array.from({ length: 15 }, () => measured(again).wall)),
    );
    const r = runs[0]!;
    out[`${prefix}_${id}_hexagon_years`] = r.hexagonYears;
    out[`${prefix}_${id}_hexagons_${y}`] = r.cells;
    out[`${prefix}_${id}_flags_${y}`] = r.flags;
  }
}

export async function run(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {
    load_average_start: loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
  };
  const car = carDataDir();
  if (car) {
    out.car_data = car;
    measureBuild(out, 'car', car, 'MINUSCA', 2015);
  } else out.car = 'skipped: no grid files (npm run data, or run an e2e test first)';
  const global = await prepareGlobal();
  try {
    measureGlobal(out, global.data.dataDir);
  } finally {
    // The built global data lives in a temporary folder: one per run otherwise.
    rmSync(global.data.publicDir, { recursive: true, force: true });
  }
  Object.assign(out, global.figures);
  out.target = 'switch < 300 ms (load + compute)';
  out.load_average_end = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  return out;
}

/** The switch on the synthetic global build's largest mission (by one-sided events). */
function measureGlobal(out: Record<string, number | string>, dir: string): void {
  const gds = loadDataset(dir);
  const events = decodeOsvEvents(
    JSON.parse(readFileSync(path.join(dir, OSV_EVENTS_FILE), 'utf8')) as unknown,
  );
  const largest = gds.missions
    .map((m) => {
      const perYear = new Map<number, number>();
      for (const e of events)
        if (m.countries.includes(e.country) && m.years.includes(e.year))
          perYear.set(e.year, (perYear.get(e.year) ?? 0) + 1);
      const years = [...perYear].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      return { id: m.id, n: years.reduce((a, [, c]) => a + c, 0), year: years[0]?.[0] ?? 0 };
    })
    .sort((a, b) => b.n - a.n)[0]!;
  measureBuild(out, 'global', dir, largest.id, largest.year);
}

runIfMain(import.meta.url, run);
