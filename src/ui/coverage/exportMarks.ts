/**
 * What the coverage view draws for the current year, in one place for its map layers
 * (src/ui/features/coverage.tsx) and for the Canvas exports: the bases with troops (the reach
 * discs), the counted events within X km and beyond, the what-if sites, and the key's figures.
 */
import type { CoverageSelectors, NamedTroopBase, UncoveredRow } from '../../data/coverageSelectors';
import type { CoverageParams, CoverageYear, EventDistance } from '../../domain/coverage';
import type { ChosenSite, WhatIf } from '../../domain/coverageWhatIf';
import type { CoverageMarks } from '../../export/content';
import type { CoverageLegendInput } from '../../map/coverageLayers';

/** The coverage view of one mission year (see the module comment). */
export interface CoverageView {
  /** Bases with known troops > 0: the centres of the reach discs. */
  discs: NamedTroopBase[];
  /** The year's counted events within X km of such a base, and the rows of those beyond. */
  covered: EventDistance[];
  uncoveredRows: UncoveredRow[];
  /** The year's coverage row (null when the mission has no such year). */
  current: CoverageYear | null;
  /** The what-if of the year with k sites from n years (null without history data). */
  whatIf: WhatIf | null;
  /** Its sites ([] without a what-if). */
  sites: ChosenSite[];
  /** The legend's figures. */
  legend: CoverageLegendInput;
}

const NO_SITES: ChosenSite[] = [];

/** The coverage view of `mission` in `year` under `params`, with the what-if of k sites from n years. */
export function coverageView(
  cov: CoverageSelectors,
  mission: string,
  params: CoverageParams,
  year: number,
  whatIf: { k: number; n: number },
): CoverageView {
  const discs = cov.troopBases(mission, year);
  const covered = cov.covered(mission, params, year);
  const uncoveredRows = cov.uncovered(mission, params, year);
  const current = cov.year(mission, params, year);
  const w = cov.whatIf(mission, params, year, whatIf.k, whatIf.n);
  const sites = w?.sites ?? NO_SITES;
  return {
    discs,
    covered,
    uncoveredRows,
    current,
    whatIf: w,
    sites,
    legend: {
      km: params.km,
      year,
      troopBases: discs.length,
      covered: covered.length,
      uncovered: uncoveredRows.length,
      notComputed: current !== null && !current.hasData,
      precision: params.precision,
      sites: sites.length,
    },
  };
}

/** The coverage marks and legend figures of the Canvas exports ({@link coverageView}'s). */
export function coverageExport(
  cov: CoverageSelectors,
  mission: string,
  params: CoverageParams,
  year: number,
  whatIf: { k: number; n: number },
): { marks: CoverageMarks; legend: CoverageLegendInput } {
  const view = coverageView(cov, mission, params, year, whatIf);
  const point = (d: EventDistance) => ({ lon: d.event.lon, lat: d.event.lat, best: d.event.best });
  return {
    marks: {
      km: params.km,
      discs: view.discs.map((b) => ({ lon: b.lon, lat: b.lat })),
      covered: view.covered.map(point),
      uncovered: view.uncoveredRows.map((r) => point(r.d)),
      sites: view.sites.map((s) => ({ lon: s.lon, lat: s.lat, rank: s.rank })),
    },
    legend: view.legend,
  };
}
