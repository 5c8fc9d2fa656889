/**
 * Lag analysis: where civilians were being killed, did the mission strengthen its presence, how
 * fast, or never? Exact definitions in ARCHITECTURE.md, "Lag analysis and base changes".
 *
 * Use {@link prepareLagIndex} once per dataset and mission (memoized), then
 * {@link runLagAnalysis} per parameter change; {@link analyzeMission} does both.
 */
import type { BaseChange } from './changes';
import type { Dataset } from './dataset';
import { greatCircleKm } from './distance';
import {
  isEnhanced,
  prepareLagIndex,
  reachArraysFor,
  violenceArray,
  type LagIndex,
  type ReachArrays,
} from './lagIndex';
import { summarize, responsiveness } from './lagSummary';
import {
  DEFAULT_LAG_PARAMS,
  FLAGGED_CATEGORIES,
  type Episode,
  type LagCategory,
  type LagParams,
  type LagResult,
} from './lagTypes';

export * from './lagTypes';
export { prepareLagIndex, buildLagIndex, UnknownMissionError, type LagIndex } from './lagIndex';
export { episodesToCsv, EPISODE_CSV_HEADER, formatLagSummary } from './lagCsv';
export { lagWindows } from './lagSummary';

/** The V array of the parameters' perpetrator filter and location precision. */
function violence(index: LagIndex, params: LagParams): Float64Array {
  return violenceArray(index, params.perpetrator, params.precision);
}

/**
 * Categorize one episode. `t0` is the onset year index into the index's arrays.
 * Response year: the first t in [t0, t0 + W] (capped at the last year with deployment data) with
 * E(c, t). Without one: TOO_RECENT when t0 + W runs past the last data year, else
 * PRESENT_NOT_STRENGTHENED when P(c, t0) > 0, else NOT_RESPONDED.
 */
function categorize(
  index: LagIndex,
  arrays: ReachArrays,
  params: LagParams,
  cell: number,
  t0: number,
): { category: LagCategory; responseYi: number | null } {
  const base = cell * index.nYears;
  const last = Math.min(t0 + params.window, index.nYears - 1);
  for (let yi = t0; yi <= last; yi++) {
    if (isEnhanced(arrays, base + yi, yi, params)) {
      return { category: yi === t0 ? 'RESPONDED_SAME_YEAR' : 'RESPONDED_LATE', responseYi: yi };
    }
  }
  if (t0 + params.window > index.nYears - 1) return { category: 'TOO_RECENT', responseYi: null };
  if (arrays.presence[base + t0]! > 0) {
    return { category: 'PRESENT_NOT_STRENGTHENED', responseYi: null };
  }
  return { category: 'NOT_RESPONDED', responseYi: null };
}

/** Every violence episode of the index's mission under the parameters, ranked by fatalities. */
export function findEpisodes(index: LagIndex, params: LagParams): Episode[] {
  const v = violence(index, params);
  const arrays = reachArraysFor(index, params);
  const { nYears, y0 } = index;
  const flaggedSet = new Set<LagCategory>(FLAGGED_CATEGORIES);
  const out: Episode[] = [];
  for (let i = 0; i < index.cells.length; i++) {
    const base = i * nYears;
    let yi = 0;
    while (yi < nYears) {
      const k = base + yi;
      if (!index.covered[k] || v[k]! < params.theta) {
        yi++;
        continue;
      }
      const t0 = yi;
      let fatalities = 0;
      while (yi < nYears && index.covered[base + yi] && v[base + yi]! >= params.theta) {
        fatalities += v[base + yi]!;
        yi++;
      }
      const { category, responseYi } = categorize(index, arrays, params, i, t0);
      const gid = index.cells[i]!;
      const country = index.country[base + t0]!;
      const onsetYear = y0 + t0;
      out.push({
        id: `${gid}:${onsetYear}`,
        mission: index.missionId,
        gid,
        country,
        onsetYear,
        endYear: y0 + yi - 1,
        fatalities,
        category,
        lagYears: responseYi === null ? null : responseYi - t0,
        responseYear: responseYi === null ? null : y0 + responseYi,
        troopsAtOnset: arrays.presence[base + t0]!,
        censoredStart: index.firstAnalysedYear.get(country) === onsetYear,
        // Year index 0 is the mission's first year: every base then is its initial deployment.
        initialDeployment: responseYi === 0,
        flagged: flaggedSet.has(category),
      });
    }
  }
  return out.sort(
    (a, b) => b.fatalities - a.fatalities || a.gid - b.gid || a.onsetYear - b.onsetYear,
  );
}

/**
 * Run the lag analysis of a prepared index: episodes with categories, mission and mission-year
 * summaries, and responsiveness by intensity bin.
 */
export function runLagAnalysis(index: LagIndex, params: LagParams = DEFAULT_LAG_PARAMS): LagResult {
  const p = { ...params };
  const episodes = findEpisodes(index, p);
  const { summary, years } = summarize(index, p, episodes);
  return { params: p, episodes, summary, years, responsiveness: responsiveness(index, p) };
}

/** {@link prepareLagIndex} then {@link runLagAnalysis}. */
export function analyzeMission(
  dataset: Dataset,
  missionId: string,
  params: LagParams = DEFAULT_LAG_PARAMS,
): LagResult {
  return runLagAnalysis(prepareLagIndex(dataset, missionId), params);
}

/** One year of a cell, for the cell detail view. */
export interface CellYearDetail {
  year: number;
  /** The cell-year is analysed (mission active in its country and violence data exists). */
  analysed: boolean;
  /** V(c, t); null when not analysed ("violence data not loaded" or mission not there). */
  fatalities: number | null;
  /** P(c, t): troops in reach (known figures > 0). */
  troopsInReach: number;
  /** E(c, t). */
  enhanced: boolean;
  /** Changes of the bases in reach this year (CLOSED ones by their previous cell). */
  changes: BaseChange[];
}

/**
 * Year-by-year detail of one cell under the parameters (violence, troops in reach, enhanced
 * presence, base changes in reach). Empty when the cell is not inside a host country.
 */
export function cellDetail(index: LagIndex, params: LagParams, gid: number): CellYearDetail[] {
  const i = index.cellPos.get(gid);
  if (i === undefined) return [];
  const arrays = reachArraysFor(index, params);
  const v = violence(index, params);
  const centre = index.grid.centroid(gid);
  const out: CellYearDetail[] = [];
  for (let yi = 0; yi < index.nYears; yi++) {
    const k = i * index.nYears + yi;
    const year = index.y0 + yi;
    const analysed = index.covered[k] === 1;
    const changes = (index.changes.get(year) ?? []).filter((c) =>
      params.reachKm != null
        ? greatCircleKm(centre, [c.lon, c.lat]) <= params.reachKm
        : index.grid.ringDistance(c.gid, gid) <= params.reach,
    );
    out.push({
      year,
      analysed,
      fatalities: analysed ? v[k]! : null,
      troopsInReach: arrays.presence[k]!,
      enhanced: isEnhanced(arrays, k, yi, params),
      changes,
    });
  }
  return out;
}

/**
 * Flagged episodes to show on the map in a year: those whose onset is that year or that are
 * still open (onset ≤ year ≤ end year).
 */
export function flaggedEpisodesInYear(episodes: readonly Episode[], year: number): Episode[] {
  return episodes.filter((e) => e.flagged && e.onsetYear <= year && year <= e.endYear);
}
