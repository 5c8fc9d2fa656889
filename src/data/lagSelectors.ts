/**
 * Memoized selectors of the lag analysis for the app: the per-mission index is prepared once per
 * dataset and mission (`prepareLagIndex`), the analysis runs once per parameter set
 * (`runLagAnalysis`, an LRU keyed by mission and parameter values), so that the panels and the
 * flags layer recompute live when a parameter changes and get the identical objects otherwise.
 */
import type { BasemapPlace } from '../domain/basemap';
import type { Dataset, PerpetratorFilter } from '../domain/dataset';
import { cellYearsOf } from '../domain/encoding';
import {
  cellDetail,
  episodesToCsv,
  flaggedEpisodesInYear,
  prepareLagIndex,
  runLagAnalysis,
  UnknownMissionError,
  type CellYearDetail,
  type Episode,
  type LagIndex,
  type LagParams,
  type LagResult,
} from '../domain/lag';
import {
  cellPlaceName,
  cellRegionLookup,
  createPlaceLookup,
  type PlaceMatch,
} from '../domain/lagView';
import { analyzePooled, type PooledResult, type PooledYears } from '../domain/lagPooled';
import { responsivenessToCsv } from '../domain/lagPooledCsv';
import { PRIO_GRID, type GridSystem } from '../domain/gridSystem';
import { diffFlaggedCells, type FlaggedCellsDiff } from '../domain/lagRulesDiff';
import { memoize } from './memo';

/** The analysis parameters of the app state: the lag parameters plus the perpetrator filter. */
export function toLagParams(
  lag: Omit<LagParams, 'perpetrator'>,
  perpetrator: PerpetratorFilter,
): LagParams {
  return {
    theta: lag.theta,
    reach: lag.reach,
    ...(lag.reachKm != null ? { reachKm: lag.reachKm } : {}),
    window: lag.window,
    delta: lag.delta,
    perpetrator,
    precision: lag.precision,
    initialDeployment: lag.initialDeployment,
  };
}

/** Counters for tests and benchmarks. */
export interface LagSelectorStats {
  /** Mission indexes prepared by these selectors. */
  indexes: number;
  /** Analysis runs (cache misses of {@link LagSelectors.result}). */
  runs: number;
}

export interface LagSelectors {
  dataset: Dataset;
  /** The mission's lag index; null for a mission not in the dataset. */
  index(mission: string): LagIndex | null;
  /** The analysis under the parameters (identical object for equal arguments); null for an unknown mission. */
  result(mission: string, params: LagParams): LagResult | null;
  /** Flagged episodes shown on the map in `year` (onset that year, or still open). */
  flagsInYear(mission: string, params: LagParams, year: number): Episode[];
  /** The episodes of one cell, in onset order. */
  cellEpisodes(mission: string, params: LagParams, gid: number): Episode[];
  /** Year-by-year detail of a cell (violence, troops in reach, enhanced presence, base changes). */
  cellDetail(mission: string, params: LagParams, gid: number): CellYearDetail[];
  /** The episode CSV of the mission (the same text as `npm run analyze`). */
  csv(mission: string, params: LagParams): string;
  /**
   * The flagged cells under rules `a` against rules `b` (compare, rules mode; identical object
   * for equal arguments while both runs are cached); null for an unknown mission.
   */
  rulesDiff(mission: string, a: LagParams, b: LagParams): FlaggedCellsDiff | null;
  /** The basemap town nearest to a cell's centre, or null. */
  placeOf(gid: number): PlaceMatch | null;
  /** A base's location name ("Bambari"), or its id when unknown. */
  baseName(baseId: string): string;
  /**
   * The analysis pooled over every mission in the years (`analyzePooled`; identical object for
   * equal arguments). Shares the per-mission indexes with {@link result}.
   */
  pooled(params: LagParams, years: PooledYears): PooledResult;
  /** The pooled episodes as CSV (the same text as `npm run analyze -- --mission all`). */
  pooledCsv(params: LagParams, years: PooledYears): string;
  /** The pooled responsiveness table as CSV (`--mission all --table responsiveness`). */
  pooledResponsivenessCsv(params: LagParams, years: PooledYears): string;
  stats: LagSelectorStats;
}

type Args = [
  string,
  number,
  number,
  number,
  number,
  PerpetratorFilter,
  number,
  boolean,
  number | null,
];
const args = (mission: string, p: LagParams): Args => [
  mission,
  p.theta,
  p.reach,
  p.window,
  p.delta,
  p.perpetrator,
  p.precision,
  p.initialDeployment,
  p.reachKm ?? null,
];
const paramsOf = (a: Args): LagParams => {
  const [, theta, reach, window, delta, perpetrator, precision, initialDeployment, reachKm] = a;
  return {
    theta,
    reach,
    window,
    delta,
    perpetrator,
    precision,
    initialDeployment,
    ...(reachKm !== null ? { reachKm } : {}),
  };
};

/**
 * The lag selectors of a dataset; `places` (basemap towns) name the cells in the gap list;
 * `grid` is the grid of the dataset's cell ids (PRIO-GRID, or H3 for a `regridDataset`).
 */
export function createLagSelectors(
  dataset: Dataset,
  places: readonly Pick<BasemapPlace, 'name' | 'lon' | 'lat' | 'population' | 'country'>[] = [],
  grid: GridSystem = PRIO_GRID,
): LagSelectors {
  const stats: LagSelectorStats = { indexes: 0, runs: 0 };
  const indexes = new Map<string, LagIndex | null>();
  const index = (mission: string): LagIndex | null => {
    if (indexes.has(mission)) return indexes.get(mission)!;
    let idx: LagIndex | null;
    try {
      idx = prepareLagIndex(dataset, mission, grid);
      stats.indexes++;
    } catch (e) {
      if (!(e instanceof UnknownMissionError)) throw e;
      idx = null;
    }
    indexes.set(mission, idx);
    return idx;
  };

  const run = memoize((...a: Args): LagResult | null => {
    const idx = index(a[0]);
    if (!idx) return null;
    stats.runs++;
    return runLagAnalysis(idx, paramsOf(a));
  }, 16);
  const result = (mission: string, p: LagParams) => run(...args(mission, p));

  const flags = memoize((year: number, ...a: Args): Episode[] => {
    const r = run(...a);
    return r ? flaggedEpisodesInYear(r.episodes, year) : [];
  }, 32);

  const episodesByCell = memoize((...a: Args): Map<number, Episode[]> => {
    const out = new Map<number, Episode[]>();
    for (const e of run(...a)?.episodes ?? []) {
      const list = out.get(e.gid);
      if (list) list.push(e);
      else out.set(e.gid, [e]);
    }
    for (const list of out.values()) list.sort((x, y) => x.onsetYear - y.onsetYear);
    return out;
  }, 8);

  const detail = memoize((gid: number, ...a: Args): CellYearDetail[] => {
    const idx = index(a[0]);
    if (!idx) return [];
    return cellDetail(idx, paramsOf(a), gid);
  }, 32);

  const diffs = new Map<string, { a: LagResult; b: LagResult; diff: FlaggedCellsDiff }>();
  const rulesDiff = (mission: string, pa: LagParams, pb: LagParams): FlaggedCellsDiff | null => {
    const a = result(mission, pa);
    const b = result(mission, pb);
    if (!a || !b) return null;
    // Keyed by the two memoized runs (identical objects for equal parameters).
    const key = JSON.stringify([args(mission, pa), args(mission, pb)]);
    const hit = diffs.get(key);
    if (hit && hit.a === a && hit.b === b) return hit.diff;
    if (diffs.size > 8) diffs.clear();
    const diff = diffFlaggedCells(a, b);
    diffs.set(key, { a, b, diff });
    return diff;
  };

  const placeOf = createPlaceLookup(places);
  const placeName = cellPlaceName(placeOf, cellRegionLookup(cellYearsOf(dataset)));
  const csv = memoize(
    (...a: Args): string => episodesToCsv(run(...a)?.episodes ?? [], paramsOf(a), placeName),
    4,
  );

  const names = new Map(dataset.bases.map((b) => [b.id, b.location]));

  const pool = memoize((from: number | null, to: number | null, ...a: Args): PooledResult => {
    stats.runs++;
    return analyzePooled(dataset, paramsOf(a), { from, to });
  }, 4);
  const pooled = (p: LagParams, y: PooledYears) => pool(y.from, y.to, ...args('*', p));

  return {
    dataset,
    index,
    result,
    flagsInYear: (mission, p, year) => flags(year, ...args(mission, p)),
    cellEpisodes: (mission, p, gid) => episodesByCell(...args(mission, p)).get(gid) ?? [],
    cellDetail: (mission, p, gid) => detail(gid, ...args(mission, p)),
    csv: (mission, p) => csv(...args(mission, p)),
    rulesDiff,
    placeOf,
    baseName: (id) => names.get(id) ?? id,
    pooled,
    pooledCsv: (p, y) => episodesToCsv(pooled(p, y).episodes, p, placeName),
    pooledResponsivenessCsv: (p, y) =>
      responsivenessToCsv(pooled(p, y).responsiveness, 'all missions', y, p),
    stats,
  };
}
