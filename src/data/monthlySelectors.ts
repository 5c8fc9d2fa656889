/**
 * Selectors of the monthly resolution (issue 14, point 4): the monthly series of a mission's host
 * countries (research brief, figure 4), built from the typed cell-month columns, memoized per
 * mission.
 */
import { cellMonthsPendingText, type Dataset, type PerpetratorFilter } from '../domain/dataset';
import {
  runMonthlyLag,
  type MonthlyLagParams,
  type MonthlyLagResult,
  type MonthViolence,
} from '../domain/lagMonthly';
import { cellMonthsOf, cellYearsOf } from '../domain/encoding';
import { monthlySeries, type CellMonthColumns, type MonthlySeries } from '../domain/monthlySeries';
import { mapMonths, monthIndex } from '../domain/timeline';
import { memoize } from './memo';

/** The country of a cell-month whose cell-year is not loaded yet (no mission's host). */
const NOT_LOADED = '';

/** The monthly selectors of one dataset. */
export interface MonthlySelectors {
  /**
   * Why the monthly violence figures are not there yet (the cell-months are still loading, or
   * failed to load; see `Dataset.cellMonthsPending`), in plain words; null once they are.
   * While it is set, {@link series} and {@link lag} give null: nothing is computed from an
   * empty table (never a silent zero).
   */
  pending: string | null;
  /**
   * The monthly series of a mission; null for a mission not in the data or while
   * {@link pending}.
   */
  series(mission: string): MonthlySeries | null;
  /** The mission's Geo-PKO map months ({@link monthIndex}es, ascending). */
  mapMonths(mission: string): readonly number[];
  /**
   * The monthly lag analysis of a mission (Geo-PKO map months; V for the perpetrator filter);
   * null for a mission not in the data or while {@link pending}. Memoized per (mission,
   * parameters, perpetrator).
   */
  lag(
    mission: string,
    params: MonthlyLagParams,
    perpetrator: PerpetratorFilter,
  ): MonthlyLagResult | null;
}

/** Builds the monthly selectors of a dataset. */
export function createMonthlySelectors(dataset: Dataset): MonthlySelectors {
  let columns: CellMonthColumns | null = null;
  const cellMonthColumns = (): CellMonthColumns => {
    if (columns) return columns;
    const t = cellMonthsOf(dataset);
    const int = (name: string) => t.int(name).values;
    columns = {
      length: t.length,
      gid: int('gid'),
      year: int('year'),
      month: int('month'),
      stateBest: int('osvStateBest'),
      stateLow: int('osvStateLow'),
      stateHigh: int('osvStateHigh'),
      nonStateBest: int('osvNonStateBest'),
      nonStateLow: int('osvNonStateLow'),
      nonStateHigh: int('osvNonStateHigh'),
    };
    return columns;
  };
  // While only some countries' cell-years are in, a cell-month without its cell-year is another
  // country's (a part holds every year of its cells): not the mission's, and not "unplaced".
  const partial = dataset.cellYearsPending !== undefined;
  const countryOf = (gid: number, year: number): string | null => {
    const cy = cellYearsOf(dataset);
    const i = cy.indexOf(gid, year);
    if (i < 0) return partial ? NOT_LOADED : null;
    return cy.countries[cy.country[i]!] ?? null;
  };
  const months = memoize((mission: string) => mapMonths(dataset.baseMonths, mission), 16);
  const series = memoize((mission: string): MonthlySeries | null => {
    const m = dataset.missions.find((x) => x.id === mission);
    if (!m) return null;
    return monthlySeries({
      mission: m,
      cellMonths: cellMonthColumns(),
      countryOf,
      coverage: dataset.coverage,
      mapMonths: months(mission),
    });
  }, 16);
  const violence = memoize((mission: string, perpetrator: PerpetratorFilter): MonthViolence[] => {
    const m = dataset.missions.find((x) => x.id === mission);
    if (!m) return [];
    const t = cellMonthsOf(dataset);
    const int = (name: string) => t.int(name).values;
    const [gid, year, month] = [int('gid'), int('year'), int('month')];
    const [all, state, foreign, nonstate] = [
      int('osvBest'),
      int('osvStateBest'),
      int('osvForeignBest'),
      int('osvNonStateBest'),
    ];
    const first = m.years[0] ?? 0;
    const last = m.years[m.years.length - 1] ?? -1;
    const hosts = new Set(m.countries);
    const out: MonthViolence[] = [];
    for (let i = 0; i < t.length; i++) {
      const y = year[i]!;
      if (y < first || y > last) continue;
      const c = countryOf(gid[i]!, y);
      if (c === null || !hosts.has(c)) continue;
      const value =
        perpetrator === 'all'
          ? all[i]!
          : perpetrator === 'state'
            ? state[i]!
            : perpetrator === 'host'
              ? state[i]! - foreign[i]!
              : perpetrator === 'foreign'
                ? foreign[i]!
                : nonstate[i]!;
      if (value > 0) out.push({ gid: gid[i]!, index: monthIndex(y, month[i]!), value });
    }
    return out;
  }, 8);
  const lag = memoize(
    (
      mission: string,
      theta: number,
      reach: number,
      window: number,
      delta: number,
      initialDeployment: boolean,
      perpetrator: PerpetratorFilter,
    ): MonthlyLagResult | null => {
      const m = dataset.missions.find((x) => x.id === mission);
      if (!m) return null;
      return runMonthlyLag(
        {
          mission,
          bases: dataset.bases.filter((b) => b.mission === mission),
          baseMonths: dataset.baseMonths.filter((b) => b.mission === mission),
          violence: violence(mission, perpetrator),
          countryOf,
          countries: m.countries,
          coverage: dataset.coverage,
        },
        { theta, reach, window, delta, initialDeployment },
      );
    },
    16,
  );
  const pending = dataset.cellMonthsPending
    ? cellMonthsPendingText(dataset.cellMonthsPending)
    : null;
  return {
    pending,
    series: (mission) => (pending ? null : series(mission)),
    mapMonths: months,
    lag: (mission, p, perpetrator) =>
      pending
        ? null
        : lag(mission, p.theta, p.reach, p.window, p.delta, p.initialDeployment, perpetrator),
  };
}
