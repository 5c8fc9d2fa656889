/**
 * The lag analysis pooled over every mission (issue 14, point 2; the research brief's figures
 * 2–3 pool all African missions 2012–2022): each mission is analysed with the same parameters by
 * the per-mission code (`lag.ts`, `lagSummary.ts`), and the results are added up over every
 * mission-country-year with violence data in the chosen years. Missions active in those years
 * without any violence data are listed as excluded — never counted as zero violence. Definitions
 * in ARCHITECTURE.md, "Pooled lag analysis (all missions)".
 */
import type { Dataset } from './dataset';
import { findEpisodes } from './lag';
import { prepareLagIndex, reachArraysFor, violenceArray, type LagIndex } from './lagIndex';
import { episodeFigures, responsiveness } from './lagSummary';
import {
  RESPONSIVENESS_BINS,
  type CountryYear,
  type Episode,
  type LagFigures,
  type LagParams,
  type Responsiveness,
  type ResponsivenessBin,
} from './lagTypes';

/** z of a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

/** The interval method, as the UI, the CLI and ARCHITECTURE.md state it. */
export const INTERVAL_METHOD = 'Wilson score interval, 95 %';

/**
 * The Wilson score interval of a share k / n (95 % by default): centre
 * (k + z²/2) / (n + z²), half-width z·√(k(n − k)/n + z²/4) / (n + z²). Unlike the normal
 * approximation it stays inside [0, 1] and is not empty at 0 % or 100 %. Null when n is 0 (no
 * share, no interval).
 */
export function wilsonInterval(
  k: number,
  n: number,
  z = Z95,
): { low: number; high: number } | null {
  if (!(n > 0)) return null;
  const z2 = z * z;
  const centre = (k + z2 / 2) / (n + z2);
  const half = (z * Math.sqrt((k * (n - k)) / n + z2 / 4)) / (n + z2);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Years of a pooled run (inclusive); a null end means "from the first" / "to the last" year. */
export interface PooledYears {
  from: number | null;
  to: number | null;
}

/** One mission in a pooled run. */
export interface PooledMission {
  mission: string;
  /** Has at least one analysed country-year (violence data) in the years: counted. */
  included: boolean;
  /** Active country-years in the years with violence data (counted). */
  analysedCountryYears: number;
  /** Active country-years in the years without violence data (left out, not zero). */
  missing: CountryYear[];
  /** Its episodes (onset in the years). */
  episodes: number;
  /** Its analysed cell-years in the years. */
  cellYears: number;
  /** Its civilians killed over the analysed cell-years in the years (null: none analysed). */
  totalFatalities: number | null;
}

/** Everything a pooled run yields. */
export interface PooledResult {
  params: LagParams;
  /** The years asked for (null ends: open). */
  years: PooledYears;
  /** First and last year actually analysed (any mission); null when nothing is. */
  analysedSpan: [number, number] | null;
  /** Missions with violence data in the years, by id. */
  included: PooledMission[];
  /** Missions active in the years without any violence data there: EXCLUDED, never zero. */
  excluded: PooledMission[];
  /** Missions with no location in the years at all (not part of the run). */
  notActive: string[];
  /** Every included mission's episodes with onset in the years, by fatalities then mission, gid, onset. */
  episodes: Episode[];
  /** Pooled figures (Σ over the included missions' analysed cell-years in the years). */
  figures: LagFigures;
  /** Pooled responsiveness (counts added per bin over every mission's analysed cell-years). */
  responsiveness: Responsiveness;
}

const inYears = (y: number, r: PooledYears) =>
  (r.from === null || y >= r.from) && (r.to === null || y <= r.to);

function addBins(into: ResponsivenessBin[], from: readonly ResponsivenessBin[]): void {
  from.forEach((b, i) => {
    into[i]!.cellYears += b.cellYears;
    into[i]!.enhanced += b.enhanced;
  });
}

function emptyBins(): ResponsivenessBin[] {
  return RESPONSIVENESS_BINS.map((b) => ({ ...b, cellYears: 0, enhanced: 0, share: null }));
}

/**
 * Σ V, Σ V with troops in reach (P > 0) and the count of a mission's analysed cell-years in the
 * years (the per-year figures of `summarize`, added over the range), with the first and last
 * analysed year.
 */
function totalsInYears(
  index: LagIndex,
  params: LagParams,
  range: readonly [number, number],
): {
  total: number;
  withPresence: number;
  cellYears: number;
  first: number | null;
  last: number | null;
} {
  const v = violenceArray(index, params.perpetrator, params.precision);
  const { presence } = reachArraysFor(index, params);
  const { nYears, y0 } = index;
  const yiFrom = Math.max(0, range[0] - y0);
  const yiTo = Math.min(nYears - 1, range[1] - y0);
  let total = 0;
  let withPresence = 0;
  let cellYears = 0;
  let first: number | null = null;
  let last: number | null = null;
  for (let yi = yiFrom; yi <= yiTo; yi++) {
    let any = false;
    for (let i = 0; i < index.cells.length; i++) {
      const k = i * nYears + yi;
      if (!index.covered[k]) continue;
      any = true;
      cellYears++;
      total += v[k]!;
      if (presence[k]! > 0) withPresence += v[k]!;
    }
    if (any) {
      if (first === null) first = y0 + yi;
      last = y0 + yi;
    }
  }
  return { total, withPresence, cellYears, first, last };
}

/** Responsiveness per index, keyed by what it depends on (r or km, Δ, precision, initial, years). */
const respMemo = new WeakMap<LagIndex, Map<string, Responsiveness>>();

/** {@link responsiveness} of the years, memoized: θ, W and the perpetrator filter do not change it. */
function cachedResponsiveness(
  index: LagIndex,
  params: LagParams,
  range: readonly [number, number],
): Responsiveness {
  let m = respMemo.get(index);
  if (!m) respMemo.set(index, (m = new Map()));
  const key = `${params.reachKm ?? ''}|${params.reach}|${params.delta}|${params.precision}|${params.initialDeployment}|${range[0]}|${range[1]}`;
  let r = m.get(key);
  if (!r) {
    r = responsiveness(index, params, range);
    if (m.size >= 16) m.clear();
    m.set(key, r);
  }
  return r;
}

/** Thrown for a year range that is not one (from after to, or a year that is not whole). */
export class PooledYearsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PooledYearsError';
  }
}

/**
 * Validate a year range given as numbers or text (command line, URL): whole years 1946–2100,
 * from ≤ to; empty / undefined ends are open.
 * @throws {PooledYearsError} naming the bad value.
 */
export function parsePooledYears(from: unknown, to: unknown): PooledYears {
  const one = (name: string, v: unknown): number | null => {
    if (v === undefined || v === null || v === '') return null;
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim()) : NaN;
    if (!Number.isInteger(n) || n < 1946 || n > 2100)
      throw new PooledYearsError(
        `${name} must be a whole year from 1946 to 2100, got ${JSON.stringify(v)}`,
      );
    return n;
  };
  const r = { from: one('from-year', from), to: one('to-year', to) };
  if (r.from !== null && r.to !== null && r.from > r.to)
    throw new PooledYearsError(`from-year ${r.from} is after to-year ${r.to}`);
  return r;
}

/**
 * The lag analysis pooled over every mission of the dataset, in the years given (inclusive;
 * open ends take every year). Per mission the same code as a single-mission run (indexes are
 * memoized per dataset and mission); then:
 *
 * - a mission is **included** when it has an analysed country-year (active there, violence data
 *   exists) in the years; **excluded** when it is active in the years but has none — listed, not
 *   counted; missions with no location in the years are `notActive`;
 * - episodes: every included mission's episodes with onset in the years (responses are still
 *   sought up to the last deployment data year, as for one mission);
 * - figures: Σ of the missions' per-year figures over the analysed years in range; response
 *   rate, median lag and flagged cells over the pooled episodes;
 * - responsiveness: per bin, the missions' cell-year counts added (a cell-year is a
 *   mission-cell-year: a cell in the area of two missions in one year counts once per mission,
 *   each judged by its own mission's presence); shares from the sums.
 */
export function analyzePooled(
  dataset: Dataset,
  params: LagParams,
  years: PooledYears = { from: null, to: null },
): PooledResult {
  const included: PooledMission[] = [];
  const excluded: PooledMission[] = [];
  const notActive: string[] = [];
  const episodes: Episode[] = [];
  const resp: Responsiveness = {
    state: emptyBins(),
    nonstate: emptyBins(),
    all: emptyBins(),
    host: emptyBins(),
    foreign: emptyBins(),
  };
  let total = 0;
  let withPresence = 0;
  let cellYears = 0;
  let first: number | null = null;
  let last: number | null = null;
  const range: [number, number] = [years.from ?? -Infinity, years.to ?? Infinity];
  const ids = dataset.missions.map((m) => m.id).sort();
  const missionYears = new Map(dataset.missions.map((m) => [m.id, m.years]));
  for (const id of ids) {
    // A mission without a location in the years needs no index (Mission.years: its years).
    const ys = missionYears.get(id) ?? [];
    if (ys.length > 0 && !ys.some((y) => inYears(y, years))) {
      notActive.push(id);
      continue;
    }
    const index = prepareLagIndex(dataset, id);
    const active = index.countryYears.filter((c) => inYears(c.year, years));
    if (active.length === 0) {
      notActive.push(id);
      continue;
    }
    const analysed = active.filter((c) => c.violenceData);
    const missing = active.filter((c) => !c.violenceData);
    if (analysed.length === 0) {
      excluded.push({
        mission: id,
        included: false,
        analysedCountryYears: 0,
        missing,
        episodes: 0,
        cellYears: 0,
        totalFatalities: null,
      });
      continue;
    }
    const own = findEpisodes(index, params).filter((e) => inYears(e.onsetYear, years));
    const t = totalsInYears(index, params, range);
    const mTotal = t.total;
    const mCellYears = t.cellYears;
    withPresence += t.withPresence;
    if (t.first !== null && (first === null || t.first < first)) first = t.first;
    if (t.last !== null && (last === null || t.last > last)) last = t.last;
    total += mTotal;
    cellYears += mCellYears;
    const r = cachedResponsiveness(index, params, range);
    for (const k of ['state', 'nonstate', 'all', 'host', 'foreign'] as const)
      addBins(resp[k], r[k]);
    episodes.push(...own);
    included.push({
      mission: id,
      included: true,
      analysedCountryYears: analysed.length,
      missing,
      episodes: own.length,
      cellYears: mCellYears,
      totalFatalities: mTotal,
    });
  }
  for (const k of ['state', 'nonstate', 'all', 'host', 'foreign'] as const)
    for (const b of resp[k]) b.share = b.cellYears ? b.enhanced / b.cellYears : null;
  episodes.sort(
    (a, b) =>
      b.fatalities - a.fatalities ||
      (a.mission < b.mission ? -1 : a.mission > b.mission ? 1 : 0) ||
      a.gid - b.gid ||
      a.onsetYear - b.onsetYear,
  );
  const has = included.length > 0;
  const figures: LagFigures = {
    totalFatalities: has ? total : null,
    fatalitiesWithPresence: has ? withPresence : null,
    coverageShare: has && total > 0 ? withPresence / total : null,
    cellYears,
    ...episodeFigures(episodes),
  };
  return {
    params: { ...params },
    years: { ...years },
    analysedSpan: first !== null && last !== null ? [first, last] : null,
    included,
    excluded,
    notActive,
    episodes,
    figures,
    responsiveness: resp,
  };
}
