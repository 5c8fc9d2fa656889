/**
 * The monthly series of a mission's host countries (research brief, figure 4): one-sided-violence
 * deaths per month by perpetrator class (state / non-state, the project's perpetrator rule), with
 * GED's low–high range, the months without violence data left as gaps (never 0), and the
 * mission's months marked. Pure.
 */
import { hasViolenceData, type Coverage, type Mission } from './dataset';
import { monthIndex, monthLabel, monthOf } from './timeline';

/** GED's estimates summed over a month: best, low and high. */
export interface MonthEstimate {
  best: number;
  low: number;
  high: number;
}

/** One month of the series. */
export interface MonthlySeriesRow {
  /** {@link monthIndex} of the month. */
  index: number;
  year: number;
  /** 1–12. */
  month: number;
  /** Deaths by state perpetrators (host and foreign governments); null: no violence data. */
  state: MonthEstimate | null;
  /** Deaths by non-state perpetrators; null: no violence data. */
  nonstate: MonthEstimate | null;
  /** Some, not all, host countries have violence data this month (the sum is theirs only). */
  partial: boolean;
}

/** How the mission's months are marked on the chart, and the rule in words. */
export interface MissionMonths {
  /** First month of the mission as marked. */
  first: number;
  /** Last month of the mission as marked. */
  last: number;
  /** Where `first` comes from: a Geo-PKO deployment map, or the first year with a location. */
  firstRule: 'map' | 'year';
  lastRule: 'map' | 'year';
  /** The rule in words, e.g. "Mission months: first deployment map Jul 2014; last …". */
  text: string;
}

/** The cell-months as parallel columns (the browser's typed columns, or arrays in tests). */
export interface CellMonthColumns {
  length: number;
  gid: ArrayLike<number>;
  year: ArrayLike<number>;
  month: ArrayLike<number>;
  stateBest: ArrayLike<number>;
  stateLow: ArrayLike<number>;
  stateHigh: ArrayLike<number>;
  nonStateBest: ArrayLike<number>;
  nonStateLow: ArrayLike<number>;
  nonStateHigh: ArrayLike<number>;
}

/** The input of {@link monthlySeries}. */
export interface MonthlySeriesInput {
  mission: Mission;
  cellMonths: CellMonthColumns;
  /**
   * The country a cell-month belongs to: that of the cell-year of the same cell and year (the
   * yearly analysis's rule), null when there is none.
   */
  countryOf: (gid: number, year: number) => string | null;
  coverage: Coverage;
  /** The mission's Geo-PKO map months ({@link monthIndex}es, ascending), possibly none. */
  mapMonths: readonly number[];
}

/** The monthly series of a mission. */
export interface MonthlySeries {
  mission: string;
  /** The host countries summed. */
  countries: string[];
  /** Every month from January of the mission's first year to December of its last. */
  rows: MonthlySeriesRow[];
  missionMonths: MissionMonths | null;
  /** The mission's map months (as given). */
  mapMonths: readonly number[];
  /** Host country-years of the range without violence data, e.g. "Central African Republic 2023–2024". */
  missing: { country: string; years: string }[];
  /** Whether any month has violence data (false: draw no chart, say "not loaded"). */
  hasData: boolean;
  /** Sums over the months with data (best). */
  totals: { state: number; nonstate: number };
  /** Cell-months in the range whose cell-year (and so country) is unknown: left out, counted. */
  unplaced: number;
}

/** "2014–2016, 2019" for ascending years. */
function yearRuns(years: readonly number[]): string {
  const out: string[] = [];
  let start = years[0];
  let prev = years[0];
  for (let i = 1; i <= years.length; i++) {
    const y = years[i];
    if (y !== undefined && prev !== undefined && y === prev + 1) {
      prev = y;
      continue;
    }
    if (start !== undefined && prev !== undefined)
      out.push(start === prev ? String(start) : `${start}–${prev}`);
    start = y;
    prev = y;
  }
  return out.join(', ');
}

/**
 * The mission's months as marked: the first (last) Geo-PKO deployment map when a map falls in
 * the mission's first (last) year with a location, otherwise January of the first (December of
 * the last) year with a location. Null for a mission without years.
 */
export function missionMonths(
  mission: Mission,
  mapMonths: readonly number[],
): MissionMonths | null {
  const firstYear = mission.years[0];
  const lastYear = mission.years[mission.years.length - 1];
  if (firstYear === undefined || lastYear === undefined) return null;
  const firstMap = mapMonths[0];
  const lastMap = mapMonths[mapMonths.length - 1];
  const firstRule = firstMap !== undefined && monthOf(firstMap).year === firstYear ? 'map' : 'year';
  const lastRule = lastMap !== undefined && monthOf(lastMap).year === lastYear ? 'map' : 'year';
  const first = firstRule === 'map' ? firstMap! : monthIndex(firstYear, 1);
  const last = lastRule === 'map' ? lastMap! : monthIndex(lastYear, 12);
  const part = (rule: 'map' | 'year', which: string, m: number): string =>
    rule === 'map'
      ? `${which} deployment map ${monthLabel(m)}`
      : `${which} year with a location ${monthOf(m).year} (no map that year: ${which === 'first' ? 'January' : 'December'} marked)`;
  return {
    first,
    last,
    firstRule,
    lastRule,
    text: `Mission months: ${part(firstRule, 'first', first)}; ${part(lastRule, 'last', last)} (Geo-PKO).`,
  };
}

/**
 * The monthly series: for each month of the mission's years, the deaths (GED best, low, high) of
 * the cell-months whose country is a host country with violence data that year, split by
 * perpetrator class. A month in which no host country has violence data is null (a gap, "no
 * data"); one in which some have it is their sum, marked `partial`. A covered month without
 * events is 0 (known: no killing recorded).
 */
export function monthlySeries(input: MonthlySeriesInput): MonthlySeries {
  const { mission, cellMonths: cm, coverage } = input;
  const countries = [...mission.countries];
  const firstYear = mission.years[0];
  const lastYear = mission.years[mission.years.length - 1];
  const empty: MonthlySeries = {
    mission: mission.id,
    countries,
    rows: [],
    missionMonths: null,
    mapMonths: input.mapMonths,
    missing: [],
    hasData: false,
    totals: { state: 0, nonstate: 0 },
    unplaced: 0,
  };
  if (firstYear === undefined || lastYear === undefined) return empty;
  const from = monthIndex(firstYear, 1);
  const count = (lastYear - firstYear + 1) * 12;
  // Countries with data per year of the range.
  const covered = new Map<number, Set<string>>();
  const missingYears = new Map<string, number[]>();
  for (let y = firstYear; y <= lastYear; y++) {
    const set = new Set<string>();
    for (const k of countries) {
      if (hasViolenceData(coverage, k, y)) set.add(k);
      else missingYears.set(k, [...(missingYears.get(k) ?? []), y]);
    }
    covered.set(y, set);
  }
  const sums = new Float64Array(count * 6);
  let unplaced = 0;
  for (let i = 0; i < cm.length; i++) {
    const year = cm.year[i]!;
    if (year < firstYear || year > lastYear) continue;
    const gid = cm.gid[i]!;
    const country = input.countryOf(gid, year);
    if (country === null) {
      unplaced++;
      continue;
    }
    if (!covered.get(year)!.has(country)) continue;
    const k = (monthIndex(year, cm.month[i]!) - from) * 6;
    sums[k] = sums[k]! + cm.stateBest[i]!;
    sums[k + 1] = sums[k + 1]! + cm.stateLow[i]!;
    sums[k + 2] = sums[k + 2]! + cm.stateHigh[i]!;
    sums[k + 3] = sums[k + 3]! + cm.nonStateBest[i]!;
    sums[k + 4] = sums[k + 4]! + cm.nonStateLow[i]!;
    sums[k + 5] = sums[k + 5]! + cm.nonStateHigh[i]!;
  }
  const rows: MonthlySeriesRow[] = [];
  const totals = { state: 0, nonstate: 0 };
  let hasData = false;
  for (let j = 0; j < count; j++) {
    const index = from + j;
    const { year, month } = monthOf(index);
    const n = covered.get(year)!.size;
    const k = j * 6;
    const has = n > 0;
    hasData ||= has;
    const state = has ? { best: sums[k]!, low: sums[k + 1]!, high: sums[k + 2]! } : null;
    const nonstate = has ? { best: sums[k + 3]!, low: sums[k + 4]!, high: sums[k + 5]! } : null;
    if (state) totals.state += state.best;
    if (nonstate) totals.nonstate += nonstate.best;
    rows.push({ index, year, month, state, nonstate, partial: has && n < countries.length });
  }
  const missing = countries
    .filter((k) => missingYears.has(k))
    .map((k) => ({ country: k, years: yearRuns(missingYears.get(k)!) }));
  return {
    mission: mission.id,
    countries,
    rows,
    missionMonths: missionMonths(mission, input.mapMonths),
    mapMonths: input.mapMonths,
    missing,
    hasData,
    totals,
    unplaced,
  };
}

/** Maximal runs of months without data, as [first, last] {@link monthIndex}es (for "no data" bands). */
export function noDataRuns(rows: readonly MonthlySeriesRow[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const r of rows) {
    if (r.state !== null) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === r.index - 1) last[1] = r.index;
    else runs.push([r.index, r.index]);
  }
  return runs;
}
