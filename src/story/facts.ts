import { cellPlaceLabel } from '../domain/lagView';
import { atlasData } from '../data/atlasData';
import type { Dataset } from '../domain/dataset';
import { ringDistance } from '../domain/grid';
import { flaggedEpisodesInYear } from '../domain/lag';
import type { LagResult } from '../domain/lagTypes';
import type { CaptionFacts } from './caption';

/**
 * The live numbers a caption may quote for a mission in a year, computed from the built data
 * (through the dataset's selectors, `src/data`) so that a story stays true when the data is
 * refreshed. Violence figures are null (shown as "n/a"
 * and reported as missing) where no violence data covers the mission's countries that year:
 * never zero.
 *
 * @param lag the lag analysis of the mission under the scene's parameters, for coverage and flags.
 */
export function captionFacts(
  dataset: Dataset,
  missionId: string,
  year: number,
  lag: LagResult | null,
): CaptionFacts {
  const { sel, tsel } = atlasData(dataset);
  const countries = sel.mission(missionId)?.countries ?? [];
  const { covered } = sel.missionCoverage(missionId, year);
  const cells = sel.osvCellYears(missionId, year);
  const sum = (f: (c: (typeof cells)[number]) => number) =>
    covered.length === 0 ? null : cells.reduce((s, c) => s + f(c), 0);
  const top = cells.reduce<(typeof cells)[number] | null>(
    (best, c) => (best === null || c.osv.best > best.osv.best ? c : best),
    null,
  );

  const baseYears = sel.basesOf(missionId, year).map((v) => v.by);
  const changes = tsel.changeCounts(missionId, year);
  const yearSummary = lag?.years.find((y) => y.year === year);
  const flagged = lag ? new Set(flaggedEpisodesInYear(lag.episodes, year).map((e) => e.gid)) : null;

  return {
    year: String(year),
    mission: missionId,
    country: countries.join(' and ') || null,
    fatalities: sum((c) => c.osv.best),
    fatalities_state: sum((c) => c.osvState.best),
    fatalities_nonstate: sum((c) => c.osvNonState.best),
    fatalities_host: sum((c) => c.osvState.best - c.osvForeign.best),
    fatalities_low: sum((c) => c.osv.low),
    fatalities_high: sum((c) => c.osv.high),
    violent_cells: covered.length === 0 ? null : cells.length,
    troops: baseYears.reduce((s, b) => s + (b.troops ?? 0), 0),
    bases: baseYears.length,
    new_bases: changes.NEW,
    strengthened_bases: changes.STRENGTHENED,
    reduced_bases: changes.REDUCED,
    closed_bases: changes.CLOSED,
    coverage_pct:
      yearSummary?.coverageShare === null || yearSummary === undefined
        ? null
        : Math.round(yearSummary.coverageShare * 100),
    flagged_cells: flagged === null || covered.length === 0 ? null : flagged.size,
    episodes: lag?.summary.hasViolenceData ? lag.summary.episodes : null,
    flagged_episodes: lag?.summary.hasViolenceData
      ? lag.episodes.filter((e) => e.flagged).length
      : null,
    response_rate_pct:
      lag?.summary.responseRate === null || lag === null
        ? null
        : Math.round(lag.summary.responseRate * 100),
    top_cell_fatalities: top?.osv.best ?? null,
    top_cell_place: top ? placeNear(dataset, missionId, top.gid) : null,
    lag_windows: lag?.summary.windows.text ?? null,
  };
}

/**
 * "at X" / "near X" for the mission base nearest to a cell (within two rings), else where the
 * cell lies from the nearest town ("48 km E of Bangassou", the cell's name everywhere else), else
 * "in cell <gid>" when no town is known within reach.
 */
function placeNear(dataset: Dataset, missionId: string, gid: number): string {
  let best: { name: string; d: number } | null = null;
  for (const b of dataset.bases) {
    if (b.mission !== missionId) continue;
    const d = ringDistance(b.gid, gid);
    if (d <= 2 && (best === null || d < best.d)) best = { name: b.location, d };
  }
  if (best === null) {
    const place = atlasData(dataset).lag.placeOf(gid);
    if (place === null) return `in cell ${gid}`;
    return place.inCell ? `at ${place.name}` : cellPlaceLabel(gid, place).name;
  }
  return best.d === 0 ? `at ${best.name}` : `near ${best.name}`;
}
