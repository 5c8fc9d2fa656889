/**
 * Monthly lag analysis (issue 14, point 4) where Geo-PKO's map-level (monthly) data covers the
 * mission: episodes of months, responses found map to map, lag in months. The exact definitions
 * are in ARCHITECTURE.md, "Monthly resolution". Pure.
 */
import { hasViolenceData, type Base, type BaseMonth, type Coverage } from './dataset';
import { neighbours } from './grid';
import { monthIndex, monthLabel, monthOf } from './timeline';

/** The parameters of a monthly run (the yearly ones; W is in years, searched as 12·W months). */
export interface MonthlyLagParams {
  theta: number;
  reach: number;
  /** Window in years: responses are sought up to 12 · window months after the onset. */
  window: number;
  delta: number;
  initialDeployment: boolean;
}

/** Categories of a monthly episode (as the yearly ones, a same-month response instead of same-year). */
export type MonthlyCategory =
  | 'RESPONDED_SAME_MONTH'
  | 'RESPONDED_LATE'
  | 'TOO_RECENT'
  | 'PRESENT_NOT_STRENGTHENED'
  | 'NOT_RESPONDED';

/** Display order of the monthly categories. */
export const MONTHLY_CATEGORIES: readonly MonthlyCategory[] = [
  'NOT_RESPONDED',
  'PRESENT_NOT_STRENGTHENED',
  'RESPONDED_LATE',
  'RESPONDED_SAME_MONTH',
  'TOO_RECENT',
];

/** Plain labels of the monthly categories. */
export const MONTHLY_CATEGORY_LABELS: Record<MonthlyCategory, string> = {
  NOT_RESPONDED: 'Not responded',
  PRESENT_NOT_STRENGTHENED: 'Present, not strengthened',
  RESPONDED_LATE: 'Responded late (presence lagged)',
  RESPONDED_SAME_MONTH: 'Responded the same month',
  TOO_RECENT: 'Too recent to judge',
};

/** One month of violence in a cell (already for the perpetrator filter). */
export interface MonthViolence {
  gid: number;
  /** {@link monthIndex}. */
  index: number;
  /** Civilians killed (GED best). */
  value: number;
}

/** The input of {@link runMonthlyLag}. */
export interface MonthlyLagInput {
  mission: string;
  /** The mission's bases (their representative cell `gid` places them). */
  bases: readonly Base[];
  /** The mission's base-months (Geo-PKO monthly file). */
  baseMonths: readonly BaseMonth[];
  /** The cell-months of the mission's host countries with their country (see monthlySeries). */
  violence: readonly MonthViolence[];
  countryOf: (gid: number, year: number) => string | null;
  /** The mission's host countries. */
  countries: readonly string[];
  coverage: Coverage;
}

/** A monthly episode. */
export interface MonthlyEpisode {
  gid: number;
  country: string;
  /** Onset and last month ({@link monthIndex}). */
  onset: number;
  end: number;
  fatalities: number;
  category: MonthlyCategory;
  /** The map month of the response, or null. */
  response: number | null;
  /** Months from onset to the response map, or null. */
  lagMonths: number | null;
  /** The deployment map in force at the onset (the last map at or before it). */
  mapAtOnset: number;
  /** Troops in reach on that map (known figures > 0 only). */
  troopsAtOnset: number;
  /** The response is the mission's first map (initial deployment). */
  initialDeployment: boolean;
  /** Onset in the first analysed month (violence may have begun earlier). */
  censoredStart: boolean;
}

/** The result of a monthly run. */
export interface MonthlyLagResult {
  mission: string;
  /** False when the mission has no map-level data (then nothing else is computed). */
  available: boolean;
  /** The months with a deployment map, ascending. */
  mapMonths: number[];
  /** The analysed period: first to last map month (null when unavailable). */
  from: number | null;
  to: number | null;
  /** Episodes ranked by fatalities (then gid, onset). */
  episodes: MonthlyEpisode[];
  byCategory: Record<MonthlyCategory, number>;
  /** Responded / (episodes − too recent); null when none are judged. */
  responseRate: number | null;
  /** Median lag in months of the responded episodes (null when none). */
  medianLag: number | null;
  /** Host country-years of the period without violence data (left out, never 0). */
  missing: { country: string; year: number }[];
  /** The period's months with violence data in at least one host country. */
  analysedMonths: number;
  params: MonthlyLagParams;
}

function emptyCounts(): Record<MonthlyCategory, number> {
  return {
    NOT_RESPONDED: 0,
    PRESENT_NOT_STRENGTHENED: 0,
    RESPONDED_LATE: 0,
    RESPONDED_SAME_MONTH: 0,
    TOO_RECENT: 0,
  };
}

/** The last element of `sorted` at or before `m` (sorted ascending), or null. */
export function mapInForce(sorted: readonly number[], m: number): number | null {
  let lo = 0;
  let hi = sorted.length - 1;
  let best: number | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= m) {
      best = sorted[mid]!;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/**
 * Runs the monthly lag analysis of a mission. See ARCHITECTURE.md "Monthly lag analysis" for the
 * definitions; in short: maps are Geo-PKO's map months; enhanced presence at a map is a base's
 * first map with troops (absent or zero on the previous map) or ≥ Δ more troops than on the
 * previous map; an episode is a run of consecutive analysed months with V ≥ θ; the response is
 * the first map in [onset, onset + 12·W] with enhanced presence in reach.
 */
export function runMonthlyLag(input: MonthlyLagInput, params: MonthlyLagParams): MonthlyLagResult {
  const maps = [...new Set(input.baseMonths.map((b) => monthIndex(b.year, b.month)))].sort(
    (a, b) => a - b,
  );
  const base: MonthlyLagResult = {
    mission: input.mission,
    available: maps.length > 0,
    mapMonths: maps,
    from: maps[0] ?? null,
    to: maps[maps.length - 1] ?? null,
    episodes: [],
    byCategory: emptyCounts(),
    responseRate: null,
    medianLag: null,
    missing: [],
    analysedMonths: 0,
    params,
  };
  if (maps.length === 0) return base;
  const from = maps[0]!;
  const to = maps[maps.length - 1]!;
  const gidOf = new Map(input.bases.map((b) => [b.id, b.gid]));
  // Troops per map and base (null: unknown).
  const onMap = new Map<number, Map<string, number | null>>();
  for (const m of maps) onMap.set(m, new Map());
  for (const b of input.baseMonths) onMap.get(monthIndex(b.year, b.month))!.set(b.baseId, b.troops);
  const reachOf = (gid: number): number[] => neighbours(gid, params.reach);
  // Enhanced presence per map: the cells in reach of an enhanced base.
  const enhanced = new Map<number, Set<number>>();
  maps.forEach((m, i) => {
    const cur = onMap.get(m)!;
    const prev = i > 0 ? onMap.get(maps[i - 1]!)! : null;
    const cells = new Set<number>();
    for (const [id, troops] of cur) {
      if (troops === null || troops <= 0) continue;
      const gid = gidOf.get(id);
      if (gid === undefined) continue;
      let e: boolean;
      if (prev === null) e = params.initialDeployment;
      else if (!prev.has(id) || prev.get(id) === 0) e = true;
      else {
        const before = prev.get(id);
        e = before !== null && before !== undefined && troops - before >= params.delta;
      }
      if (e) for (const c of reachOf(gid)) cells.add(c);
    }
    enhanced.set(m, cells);
  });
  // Presence per map: Σ known troops > 0 in reach, per cell (filled on demand).
  const presence = new Map<number, Map<number, number>>();
  const presenceAt = (m: number, gid: number): number => {
    let p = presence.get(m);
    if (!p) {
      p = new Map();
      for (const [id, troops] of onMap.get(m)!) {
        if (troops === null || troops <= 0) continue;
        const g = gidOf.get(id);
        if (g === undefined) continue;
        for (const c of reachOf(g)) p.set(c, (p.get(c) ?? 0) + troops);
      }
      presence.set(m, p);
    }
    return p.get(gid) ?? 0;
  };
  // Analysed months: in [from, to], in a year with violence data for the cell's country.
  const fy = monthOf(from).year;
  const ly = monthOf(to).year;
  const covered = new Map<number, Set<string>>();
  for (let y = fy; y <= ly; y++) {
    const set = new Set<string>();
    for (const k of input.countries) {
      if (hasViolenceData(input.coverage, k, y)) set.add(k);
      else base.missing.push({ country: k, year: y });
    }
    covered.set(y, set);
  }
  for (let m = from; m <= to; m++)
    if (covered.get(monthOf(m).year)!.size > 0) base.analysedMonths++;
  // V per cell: months with V ≥ θ in the period and a covered country.
  const hot = new Map<number, { index: number; value: number; country: string }[]>();
  for (const v of input.violence) {
    if (v.index < from || v.index > to || v.value < params.theta) continue;
    const year = monthOf(v.index).year;
    const country = input.countryOf(v.gid, year);
    if (country === null || !covered.get(year)?.has(country)) continue;
    const list = hot.get(v.gid) ?? [];
    list.push({ index: v.index, value: v.value, country });
    hot.set(v.gid, list);
  }
  const window = params.window * 12;
  const episodes: MonthlyEpisode[] = [];
  for (const [gid, list] of hot) {
    list.sort((a, b) => a.index - b.index);
    let i = 0;
    while (i < list.length) {
      let j = i;
      let fatalities = list[i]!.value;
      while (j + 1 < list.length && list[j + 1]!.index === list[j]!.index + 1) {
        j++;
        fatalities += list[j]!.value;
      }
      const onset = list[i]!.index;
      const last = Math.min(onset + window, to);
      let response: number | null = null;
      for (const m of maps) {
        if (m < onset) continue;
        if (m > last) break;
        if (enhanced.get(m)!.has(gid)) {
          response = m;
          break;
        }
      }
      const mapAtOnset = mapInForce(maps, onset)!;
      const troopsAtOnset = presenceAt(mapAtOnset, gid);
      let category: MonthlyCategory;
      if (response !== null)
        category = response === onset ? 'RESPONDED_SAME_MONTH' : 'RESPONDED_LATE';
      else if (onset + window > to) category = 'TOO_RECENT';
      else if (troopsAtOnset > 0) category = 'PRESENT_NOT_STRENGTHENED';
      else category = 'NOT_RESPONDED';
      episodes.push({
        gid,
        country: list[i]!.country,
        onset,
        end: list[j]!.index,
        fatalities,
        category,
        response,
        lagMonths: response === null ? null : response - onset,
        mapAtOnset,
        troopsAtOnset,
        initialDeployment: response === from,
        censoredStart: onset === from,
      });
      i = j + 1;
    }
  }
  episodes.sort((a, b) => b.fatalities - a.fatalities || a.gid - b.gid || a.onset - b.onset);
  const byCategory = emptyCounts();
  for (const e of episodes) byCategory[e.category]++;
  const judged = episodes.length - byCategory.TOO_RECENT;
  const responded = byCategory.RESPONDED_LATE + byCategory.RESPONDED_SAME_MONTH;
  const lags = episodes
    .filter((e) => e.lagMonths !== null)
    .map((e) => e.lagMonths!)
    .sort((a, b) => a - b);
  const mid = lags.length >> 1;
  return {
    ...base,
    episodes,
    byCategory,
    responseRate: judged > 0 ? responded / judged : null,
    medianLag:
      lags.length === 0 ? null : lags.length % 2 ? lags[mid]! : (lags[mid - 1]! + lags[mid]!) / 2,
  };
}

/** "Oct 2014 – Oct 2018" for the analysed period of a result, or null. */
export function monthlyPeriodText(r: MonthlyLagResult): string | null {
  return r.from === null || r.to === null ? null : `${monthLabel(r.from)} – ${monthLabel(r.to)}`;
}
