/**
 * Summaries of a lag analysis run: per mission and mission-year figures, and responsiveness by
 * OSV intensity bin (the research brief's figures 2 and 3).
 */
import { IMPRECISE_LEVELS, type Coverage } from './dataset';
import { isEnhanced, reachArraysFor, violenceArray, type LagIndex } from './lagIndex';
import {
  FLAGGED_CATEGORIES,
  LAG_CATEGORIES,
  RESPONSIVENESS_BINS,
  type Episode,
  type FlaggedCell,
  type LagCategory,
  type LagFigures,
  type LagParams,
  type LagSummary,
  type LagWindows,
  type LagYearSummary,
  type Responsiveness,
  type ResponsivenessBin,
} from './lagTypes';

/** The median of a list of numbers (mean of the middle two for an even count); null if empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function emptyCounts(): Record<LagCategory, number> {
  return Object.fromEntries(LAG_CATEGORIES.map((c) => [c, 0])) as Record<LagCategory, number>;
}

/** Cells of the flagged episodes, ranked by their flagged fatalities (largest first). */
export function flaggedCells(episodes: readonly Episode[]): FlaggedCell[] {
  const byCell = new Map<number, FlaggedCell>();
  const order = new Map(FLAGGED_CATEGORIES.map((c, i) => [c, i]));
  const severity = (c: LagCategory) => order.get(c) ?? FLAGGED_CATEGORIES.length;
  for (const e of episodes) {
    if (!e.flagged) continue;
    const cell = byCell.get(e.gid);
    if (!cell) {
      byCell.set(e.gid, {
        gid: e.gid,
        country: e.country,
        fatalities: e.fatalities,
        episodes: 1,
        worstCategory: e.category,
        firstOnset: e.onsetYear,
      });
      continue;
    }
    cell.fatalities += e.fatalities;
    cell.episodes++;
    if (severity(e.category) < severity(cell.worstCategory)) cell.worstCategory = e.category;
    cell.firstOnset = Math.min(cell.firstOnset, e.onsetYear);
  }
  return [...byCell.values()].sort((a, b) => b.fatalities - a.fatalities || a.gid - b.gid);
}

/** Episode figures (counts, response rate, median lag, flagged cells) of a set of episodes. */
export function episodeFigures(
  episodes: readonly Episode[],
): Pick<LagFigures, 'episodes' | 'byCategory' | 'responseRate' | 'medianLag' | 'flaggedCells'> {
  const byCategory = emptyCounts();
  const lags: number[] = [];
  for (const e of episodes) {
    byCategory[e.category]++;
    if (e.lagYears !== null) lags.push(e.lagYears);
  }
  const judged = episodes.length - byCategory.TOO_RECENT;
  return {
    episodes: episodes.length,
    byCategory,
    responseRate: judged > 0 ? lags.length / judged : null,
    medianLag: median(lags),
    flaggedCells: flaggedCells(episodes),
  };
}

const span = (r: [number, number]): string => (r[0] === r[1] ? `${r[0]}` : `${r[0]}–${r[1]}`);

/**
 * The windows of a run: responses are looked for from the first analysed year to the last year
 * of deployment data (also after the violence data ends); the violence data spans the GED
 * release. `text` is the sentence the Lag panel, the story and the CLI show.
 */
export function lagWindows(
  analysedYears: readonly number[],
  lastDataYear: number | null,
  coverage: Pick<Coverage, 'years'> | null,
): LagWindows {
  const responses: [number, number] | null =
    analysedYears.length > 0 && lastDataYear !== null
      ? [analysedYears[0]!, Math.max(lastDataYear, analysedYears[0]!)]
      : null;
  const violence = coverage?.years ?? null;
  const text = [
    responses ? `responses sought ${span(responses)}` : 'no responses sought (nothing analysed)',
    violence ? `violence data ${span(violence)}` : 'violence data not loaded',
  ].join('; ');
  return { responses, violence, text };
}

/** Mission summary and mission-year summaries of one run. */
export function summarize(
  index: LagIndex,
  params: LagParams,
  episodes: readonly Episode[],
): { summary: LagSummary; years: LagYearSummary[] } {
  const arrays = reachArraysFor(index, params);
  const v = violenceArray(index, params.perpetrator, params.precision);
  // What the precision filter leaves out of the analysed cell-years.
  let leftEvents = 0;
  let leftFatalities = 0;
  for (const r of index.cellYearRows) {
    if (r < 0) continue;
    for (const level of IMPRECISE_LEVELS) {
      if (level <= params.precision) continue;
      const part = index.table.imprecisePart(r, level, params.perpetrator);
      leftEvents += part.events;
      leftFatalities += part.best;
    }
  }
  const { nYears, y0 } = index;
  const total = new Float64Array(nYears);
  const withPresence = new Float64Array(nYears);
  const cellYears = new Int32Array(nYears);
  for (let i = 0; i < index.cells.length; i++) {
    for (let yi = 0; yi < nYears; yi++) {
      const k = i * nYears + yi;
      if (!index.covered[k]) continue;
      cellYears[yi]!++;
      total[yi]! += v[k]!;
      if (arrays.presence[k]! > 0) withPresence[yi]! += v[k]!;
    }
  }
  const byOnset = new Map<number, Episode[]>();
  for (const e of episodes) {
    let list = byOnset.get(e.onsetYear);
    if (!list) byOnset.set(e.onsetYear, (list = []));
    list.push(e);
  }
  const countriesByYear = new Map<number, LagYearSummary['countries']>();
  for (const cy of index.countryYears) {
    let list = countriesByYear.get(cy.year);
    if (!list) countriesByYear.set(cy.year, (list = []));
    list.push(cy);
  }
  const years: LagYearSummary[] = [];
  let missionTotal = 0;
  let missionWith = 0;
  let missionCellYears = 0;
  const analysedYears: number[] = [];
  for (const year of index.mission.years.length ? index.mission.years : [...index.changes.keys()]) {
    const yi = year - y0;
    const countries = countriesByYear.get(year) ?? [];
    const analysed = countries.some((c) => c.violenceData);
    const t = yi >= 0 && yi < nYears ? total[yi]! : 0;
    const w = yi >= 0 && yi < nYears ? withPresence[yi]! : 0;
    const n = yi >= 0 && yi < nYears ? cellYears[yi]! : 0;
    if (analysed) {
      analysedYears.push(year);
      missionTotal += t;
      missionWith += w;
      missionCellYears += n;
    }
    years.push({
      year,
      countries,
      totalFatalities: analysed ? t : null,
      fatalitiesWithPresence: analysed ? w : null,
      coverageShare: analysed && t > 0 ? w / t : null,
      cellYears: n,
      ...episodeFigures(byOnset.get(year) ?? []),
    });
  }
  const hasData = analysedYears.length > 0;
  const summary: LagSummary = {
    mission: index.missionId,
    params,
    hasViolenceData: hasData,
    analysedYears,
    missingViolenceData: index.countryYears.filter((c) => !c.violenceData),
    lastDataYear: index.lastDataYear,
    windows: lagWindows(analysedYears, index.lastDataYear, index.coverage),
    leftOut: { events: leftEvents, fatalities: leftFatalities },
    totalFatalities: hasData ? missionTotal : null,
    fatalitiesWithPresence: hasData ? missionWith : null,
    coverageShare: hasData && missionTotal > 0 ? missionWith / missionTotal : null,
    cellYears: missionCellYears,
    ...episodeFigures(episodes),
  };
  return { summary, years };
}

/**
 * Responsiveness: for every analysed cell-year (c, t) with t + 1 ≤ the last deployment data year,
 * whether enhanced presence follows in reach in t or t + 1, binned by the cell-year's OSV
 * fatalities, separately for state (and its host / foreign parts), non-state and all
 * perpetrators. Uses the run's reach, Δ, initial-deployment rule and location precision; θ, W
 * and the perpetrator filter do not apply. `years` (inclusive, optional) keeps only the
 * cell-years (c, t) with t in that range (the pooled analysis's `--from-year` / `--to-year`).
 */
export function responsiveness(
  index: LagIndex,
  params: LagParams,
  years: readonly [number, number] | null = null,
): Responsiveness {
  const arrays = reachArraysFor(index, params);
  const mins = RESPONSIVENESS_BINS.map((b) => b.min);
  const nBins = mins.length;
  const keys = ['state', 'nonstate', 'all', 'host', 'foreign'] as const;
  const series = keys.map((k) => violenceArray(index, k, params.precision));
  // counts[(s * nBins + bin) * 2 + 0 | 1]: cell-years, followed by enhanced presence.
  const counts = new Int32Array(keys.length * nBins * 2);
  const { nYears } = index;
  const yiFrom = years ? Math.max(0, years[0] - index.y0) : 0;
  const yiTo = years ? years[1] - index.y0 : nYears;
  const binOf = (value: number) => {
    let b = nBins - 1;
    while (b > 0 && value < mins[b]!) b--;
    return b;
  };
  for (let i = 0; i < index.cells.length; i++) {
    for (let yi = yiFrom; yi + 1 < nYears && yi <= yiTo; yi++) {
      const k = i * nYears + yi;
      if (!index.covered[k]) continue;
      const followed =
        isEnhanced(arrays, k, yi, params) || isEnhanced(arrays, k + 1, yi + 1, params) ? 1 : 0;
      for (let s = 0; s < series.length; s++) {
        const at = (s * nBins + binOf(series[s]![k]!)) * 2;
        counts[at]!++;
        counts[at + 1]! += followed;
      }
    }
  }
  const bins = (s: number): ResponsivenessBin[] =>
    RESPONSIVENESS_BINS.map((b, bin) => {
      const cellYears = counts[(s * nBins + bin) * 2]!;
      const enhanced = counts[(s * nBins + bin) * 2 + 1]!;
      return { ...b, cellYears, enhanced, share: cellYears ? enhanced / cellYears : null };
    });
  return { state: bins(0), nonstate: bins(1), all: bins(2), host: bins(3), foreign: bins(4) };
}
