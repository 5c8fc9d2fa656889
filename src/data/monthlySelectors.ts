/**
 * Selectors of the monthly resolution (issue 14, point 4): the monthly series of a mission's host
 * countries (research brief, figure 4), built from the typed cell-month columns, memoized per
 * mission.
 */
import type { Dataset } from '../domain/dataset';
import { cellMonthsOf, cellYearsOf } from '../domain/encoding';
import { monthlySeries, type CellMonthColumns, type MonthlySeries } from '../domain/monthlySeries';
import { mapMonths } from '../domain/timeline';
import { memoize } from './memo';

/** The monthly selectors of one dataset. */
export interface MonthlySelectors {
  /** The monthly series of a mission; null for a mission not in the data. */
  series(mission: string): MonthlySeries | null;
  /** The mission's Geo-PKO map months ({@link monthIndex}es, ascending). */
  mapMonths(mission: string): readonly number[];
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
  const countryOf = (gid: number, year: number): string | null => {
    const cy = cellYearsOf(dataset);
    const i = cy.indexOf(gid, year);
    return i < 0 ? null : (cy.countries[cy.country[i]!] ?? null);
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
  return { series, mapMonths: months };
}
