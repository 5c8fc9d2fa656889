/**
 * What the Canvas exports need of the coverage view for the current year — the same discs,
 * events and legend figures as its map layers (src/ui/features/coverage.tsx): the bases with
 * troops, the counted events within X km and beyond, and the key's counts.
 */
import type { CoverageSelectors } from '../../data/coverageSelectors';
import { eventCounts, type CoverageParams } from '../../domain/coverage';
import type { CoverageMarks } from '../../export/content';
import type { CoverageLegendInput } from '../../map/coverageLayers';

/** The coverage marks and legend figures of `mission` in `year` under `params`. */
export function coverageExport(
  cov: CoverageSelectors,
  mission: string,
  params: CoverageParams,
  year: number,
  sites: number,
): { marks: CoverageMarks; legend: CoverageLegendInput } {
  const discs = cov.troopBases(mission, year);
  const uncovered = cov.uncovered(mission, params, year).map((r) => r.d);
  const covered = cov
    .distances(mission)
    .filter(
      (d) =>
        d.event.year === year && eventCounts(d.event, params) && d.km !== null && d.km <= params.km,
    );
  const current = cov.year(mission, params, year);
  const point = (d: (typeof covered)[number]) => ({
    lon: d.event.lon,
    lat: d.event.lat,
    best: d.event.best,
  });
  return {
    marks: {
      km: params.km,
      discs: discs.map((b) => ({ lon: b.lon, lat: b.lat })),
      covered: covered.map(point),
      uncovered: uncovered.map(point),
    },
    legend: {
      km: params.km,
      year,
      troopBases: discs.length,
      covered: covered.length,
      uncovered: uncovered.length,
      notComputed: current !== null && !current.hasData,
      precision: params.precision,
      sites,
    },
  };
}
