/**
 * Pure helpers of the timeline: mission totals per year (for the chart in the timeline bar),
 * base lifetimes (one row per base, gaps kept), pairing of two years' rows for tweened
 * transitions, and the month arithmetic of the monthly mode.
 *
 * Honesty rules: a year without violence data for any host country has `osv: null` (never 0);
 * a year without any base of the mission (a gap) has `troops: null`; an unknown troop figure
 * (NA in Geo-PKO) is counted apart, never as 0 troops.
 */
import { CellYearTable } from './cellYearTable';
import {
  hasViolenceData,
  osvFor,
  osvMonthFor,
  type BaseMonth,
  type BaseYear,
  type CellMonth,
  type CellYear,
  type Coverage,
  type Mission,
  type PerpetratorFilter,
} from './dataset';

// ---------------------------------------------------------------------------------------------
// Mission totals per year

/** A mission's figures in one year. */
export interface MissionYearTotal {
  year: number;
  /**
   * OSV fatalities (UCDP best) in the host countries with violence data that year; null when no
   * host country has violence data that year ("violence data not loaded", not zero).
   */
  osv: number | null;
  /** Host countries without violence data that year (their violence is not in `osv`). */
  missingCountries: string[];
  /** Sum of the known troop figures; null when the mission has no base that year (a gap). */
  troops: number | null;
  /** Bases of the mission that year. */
  bases: number;
  /** Bases whose troop figure is unknown (not in `troops`). */
  unknownTroopBases: number;
}

/**
 * The mission's totals for every year from its first to its last year with a base (gap years
 * included, with `troops: null`). OSV fatalities count cell-years whose country is a host country
 * of the mission and has violence data that year.
 */
export function missionTotals(
  data: {
    cellYears: readonly CellYear[] | CellYearTable;
    baseYears: readonly BaseYear[];
    coverage: Coverage;
  },
  mission: Pick<Mission, 'id' | 'countries' | 'years'>,
  perpetrator: PerpetratorFilter = 'all',
): MissionYearTotal[] {
  if (mission.years.length === 0) return [];
  const first = Math.min(...mission.years);
  const last = Math.max(...mission.years);
  const hosts = new Set(mission.countries);
  // OSV per year and host country.
  const osvByYearCountry = new Map<string, number>();
  const add = (year: number, country: string, best: number): void => {
    const k = `${year}|${country}`;
    osvByYearCountry.set(k, (osvByYearCountry.get(k) ?? 0) + best);
  };
  const cells = data.cellYears;
  if (cells instanceof CellYearTable) {
    // Typed columns: the mission's years only, no row objects.
    const host = cells.countries.map((c) => hosts.has(c));
    for (let year = first; year <= last; year++)
      for (const i of cells.yearRows(year))
        if (host[cells.country[i]!])
          add(year, cells.countries[cells.country[i]!]!, cells.osvBest(i, perpetrator));
  } else
    for (const c of cells) {
      if (c.year < first || c.year > last || !hosts.has(c.country)) continue;
      add(c.year, c.country, osvFor(c, perpetrator).best);
    }
  const basesByYear = new Map<number, { n: number; troops: number; unknown: number }>();
  for (const by of data.baseYears) {
    if (by.mission !== mission.id) continue;
    const t = basesByYear.get(by.year) ?? { n: 0, troops: 0, unknown: 0 };
    t.n++;
    if (by.troops === null) t.unknown++;
    else t.troops += by.troops;
    basesByYear.set(by.year, t);
  }
  const out: MissionYearTotal[] = [];
  for (let year = first; year <= last; year++) {
    const covered = mission.countries.filter((c) => hasViolenceData(data.coverage, c, year));
    const missingCountries = mission.countries.filter((c) => !covered.includes(c));
    // Only covered countries count: an uncovered country-year is "not loaded", not zero.
    const osv =
      covered.length === 0
        ? null
        : covered.reduce((s, c) => s + (osvByYearCountry.get(`${year}|${c}`) ?? 0), 0);
    const b = basesByYear.get(year);
    out.push({
      year,
      osv,
      missingCountries,
      troops: b ? b.troops : null,
      bases: b?.n ?? 0,
      unknownTroopBases: b?.unknown ?? 0,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Base lifetimes

/** A run of consecutive years in which a base exists. */
export interface LifetimeSpan {
  from: number;
  /** Inclusive. */
  to: number;
}

/** One base's presence over the years. */
export interface BaseLifetime {
  baseId: string;
  mission: string;
  /** Every year with the base and its troops (null = unknown), ascending. */
  years: { year: number; troops: number | null; zeroTroops: boolean }[];
  /** Consecutive runs of years; more than one when the base was interrupted. */
  spans: LifetimeSpan[];
  first: number;
  last: number;
  /** Largest known troop figure; null when every figure is unknown. */
  maxTroops: number | null;
  /** Number of interruptions (spans − 1). */
  gaps: number;
}

/**
 * One lifetime per base of the mission, ordered by first year, then last year (longest first),
 * then base id. Interruptions stay visible as separate spans.
 */
export function baseLifetimes(baseYears: readonly BaseYear[], missionId: string): BaseLifetime[] {
  const byBase = new Map<string, BaseYear[]>();
  for (const by of baseYears) {
    if (by.mission !== missionId) continue;
    const list = byBase.get(by.baseId);
    if (list) list.push(by);
    else byBase.set(by.baseId, [by]);
  }
  const out: BaseLifetime[] = [];
  for (const [baseId, rows] of byBase) {
    rows.sort((a, b) => a.year - b.year);
    const spans: LifetimeSpan[] = [];
    for (const r of rows) {
      const lastSpan = spans[spans.length - 1];
      if (lastSpan && r.year === lastSpan.to + 1) lastSpan.to = r.year;
      else if (!lastSpan || r.year > lastSpan.to) spans.push({ from: r.year, to: r.year });
    }
    const known = rows.map((r) => r.troops).filter((t): t is number => t !== null);
    out.push({
      baseId,
      mission: missionId,
      years: rows.map((r) => ({ year: r.year, troops: r.troops, zeroTroops: r.zeroTroops })),
      spans,
      first: rows[0]!.year,
      last: rows[rows.length - 1]!.year,
      maxTroops: known.length > 0 ? Math.max(...known) : null,
      gaps: spans.length - 1,
    });
  }
  return out.sort(
    (a, b) =>
      a.first - b.first ||
      b.last - a.last ||
      (a.baseId < b.baseId ? -1 : a.baseId > b.baseId ? 1 : 0),
  );
}

// ---------------------------------------------------------------------------------------------
// Tweening

/** The rows of one key in two consecutive steps: `from` (now), `to` (next); either may be absent. */
export interface Pair<T> {
  key: string | number;
  from: T | null;
  to: T | null;
}

/**
 * Pairs the rows of two steps by key: rows present in both, rows only in `from` (leaving), rows
 * only in `to` (arriving). Order: `from`'s order, then the arrivals in `to`'s order.
 */
export function pairBy<T>(
  from: readonly T[],
  to: readonly T[],
  key: (row: T) => string | number,
): Pair<T>[] {
  const next = new Map<string | number, T>();
  for (const r of to) next.set(key(r), r);
  const out: Pair<T>[] = [];
  const seen = new Set<string | number>();
  for (const r of from) {
    const k = key(r);
    seen.add(k);
    out.push({ key: k, from: r, to: next.get(k) ?? null });
  }
  for (const r of to) {
    const k = key(r);
    if (!seen.has(k)) out.push({ key: k, from: null, to: r });
  }
  return out;
}

/** Linear interpolation; t is clamped to [0, 1]. */
export function lerp(a: number, b: number, t: number): number {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  return a + (b - a) * u;
}

/** Smoothstep easing of t ∈ [0, 1] (slow in, slow out); clamps outside. */
export function ease(t: number): number {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  return u * u * (3 - 2 * u);
}

// ---------------------------------------------------------------------------------------------
// Months

/** A month as one integer: year × 12 + (month − 1). Consecutive months differ by 1. */
export function monthIndex(year: number, month: number): number {
  return year * 12 + (month - 1);
}

/** The year and month (1–12) of a {@link monthIndex}. */
export function monthOf(index: number): { year: number; month: number } {
  const i = Math.floor(index);
  return { year: Math.floor(i / 12), month: (((i % 12) + 12) % 12) + 1 };
}

const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** "Mar 2017" for a {@link monthIndex}. */
export function monthLabel(index: number): string {
  const { year, month } = monthOf(index);
  return `${MONTH_NAMES[month - 1]} ${year}`;
}

/**
 * The months with a Geo-PKO monthly map of the mission, as sorted distinct {@link monthIndex}es.
 * Geo-PKO maps are snapshots a few times a year, not every month.
 */
export function mapMonths(baseMonths: readonly BaseMonth[], missionId: string): number[] {
  const set = new Set<number>();
  for (const m of baseMonths) if (m.mission === missionId) set.add(monthIndex(m.year, m.month));
  return [...set].sort((a, b) => a - b);
}

/** How long (months) a monthly map is carried forward before the yearly figures are used. */
export const MAP_MONTH_MAX_AGE = 11;

/**
 * The map month to show at month `index`: the latest map month at or before `index`, no older
 * than `maxAge` months; null when there is none (the monthly view then falls back to the yearly
 * base positions, and says so).
 */
export function mapMonthAt(
  months: readonly number[],
  index: number,
  maxAge: number = MAP_MONTH_MAX_AGE,
): number | null {
  let best: number | null = null;
  for (const m of months) {
    if (m > index) break;
    best = m;
  }
  return best !== null && index - best <= maxAge ? best : null;
}

/** One-sided violence of a cell in one month for a perpetrator filter (UCDP best). */
export function cellMonthValue(c: CellMonth, perpetrator: PerpetratorFilter): number {
  return osvMonthFor(c, perpetrator);
}
