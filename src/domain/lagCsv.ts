/**
 * Text outputs of the lag analysis: the episode CSV (the same for `npm run analyze` and the app's
 * gap-list download) and a plain-text mission summary.
 */
import { csvLine } from './csv';
import { yearRanges } from './encoding';
import { cellCentroid } from './grid';
import {
  LAG_CATEGORIES,
  LAG_CATEGORY_LABELS,
  type Episode,
  type LagParams,
  type LagSummary,
} from './lagTypes';

/** The exact header of the episode CSV. */
export const EPISODE_CSV_HEADER =
  'mission,gid,lat,lon,place,country,onset_year,end_year,fatalities,category,lag_years,response_year,initial_deployment,censored_start,theta,reach,window,delta,perpetrator,precision';

/**
 * Episodes as CSV (RFC 4180 quoting, LF line ends, trailing newline; text that a spreadsheet
 * would read as a formula is neutralised by `csvField`): one row per episode in the given
 * order. lat / lon = the cell centre; place = `placeName(gid)` (the nearest-town wording of the
 * gap list); lag_years and response_year empty where there is no response; initial_deployment
 * and censored_start 1 / 0; the run's parameters on every row, so that a file says how it was
 * made.
 */
export function episodesToCsv(
  rows: readonly Episode[],
  params: LagParams,
  placeName: (gid: number) => string,
): string {
  const lines = [EPISODE_CSV_HEADER];
  for (const e of rows) {
    const [lon, lat] = cellCentroid(e.gid);
    lines.push(
      csvLine([
        e.mission,
        e.gid,
        lat,
        lon,
        placeName(e.gid),
        e.country,
        e.onsetYear,
        e.endYear,
        e.fatalities,
        e.category,
        e.lagYears,
        e.responseYear,
        e.initialDeployment ? 1 : 0,
        e.censoredStart ? 1 : 0,
        params.theta,
        params.reachKm != null ? `${params.reachKm}km` : params.reach,
        params.window,
        params.delta,
        params.perpetrator,
        params.precision,
      ]),
    );
  }
  return lines.join('\n') + '\n';
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

/** A plain-text mission summary (for the CLI's stderr and logs). */
export function formatLagSummary(s: LagSummary): string {
  const p = s.params;
  const lines = [
    `Lag analysis — ${s.mission}`,
    `parameters: theta=${p.theta} reach=${p.reachKm != null ? `${p.reachKm}km` : p.reach} window=${p.window} delta=${p.delta} perpetrator=${p.perpetrator} precision=${p.precision} initial-deployment=${p.initialDeployment ? 'on' : 'off'}`,
    `windows: ${s.windows.text}`,
  ];
  if (!s.hasViolenceData) {
    lines.push(
      'violence data not loaded for any country-year of this mission: nothing analysed (not zero violence)',
    );
  } else {
    const ys = s.analysedYears;
    lines.push(
      `analysed years: ${ys[0]}–${ys[ys.length - 1]} (${ys.length}), cell-years: ${s.cellYears}, deployment data to ${s.lastDataYear}`,
      `OSV fatalities: ${s.totalFatalities}, with troops in reach: ${s.fatalitiesWithPresence} (coverage ${pct(s.coverageShare)})`,
      `left out by location precision (where_prec above ${p.precision}): ${s.leftOut.events} events, ${s.leftOut.fatalities} fatalities`,
      `episodes: ${s.episodes}`,
    );
    for (const c of LAG_CATEGORIES) {
      lines.push(
        `  ${c.padEnd(25)} ${String(s.byCategory[c]).padStart(5)}  ${LAG_CATEGORY_LABELS[c]}`,
      );
    }
    lines.push(
      `response rate: ${pct(s.responseRate)}, median lag: ${s.medianLag === null ? 'n/a' : `${s.medianLag} y`}`,
      `flagged cells: ${s.flaggedCells.length}`,
    );
    for (const f of s.flaggedCells.slice(0, 5)) {
      lines.push(
        `  gid ${f.gid} (${f.country}): ${f.fatalities} fatalities, ${f.episodes} episode(s), worst ${f.worstCategory}, first onset ${f.firstOnset}`,
      );
    }
  }
  if (s.missingViolenceData.length) {
    const byCountry = new Map<string, number[]>();
    for (const cy of s.missingViolenceData) {
      byCountry.set(cy.country, [...(byCountry.get(cy.country) ?? []), cy.year]);
    }
    for (const [country, years] of byCountry) {
      lines.push(
        `violence data not loaded: ${country} ${yearRanges(years).join(', ')} (excluded, not zero)`,
      );
    }
  }
  return lines.join('\n');
}
