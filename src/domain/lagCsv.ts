/**
 * Text outputs of the lag analysis: the episode CSV (the same for `npm run analyze` and the app's
 * gap-list download) and a plain-text mission summary.
 */
import { csvLine } from './csv';
import { yearRanges } from './encoding';
import { LAG_CATEGORIES, LAG_CATEGORY_LABELS, type Episode, type LagSummary } from './lagTypes';

/** The exact header of the episode CSV. */
export const EPISODE_CSV_HEADER =
  'mission,gid,country,onset_year,end_year,fatalities,category,lag_years,response_year';

/**
 * Episodes as CSV (RFC 4180 quoting, LF line ends, trailing newline; text fields neutralised for
 * spreadsheets by {@link csvLine}): one row per episode in the given order, lag_years and
 * response_year empty where there is no response.
 */
export function episodesToCsv(rows: readonly Episode[]): string {
  const lines = [EPISODE_CSV_HEADER];
  for (const e of rows) {
    lines.push(
      csvLine([
        e.mission,
        e.gid,
        e.country,
        e.onsetYear,
        e.endYear,
        e.fatalities,
        e.category,
        e.lagYears,
        e.responseYear,
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
    `parameters: theta=${p.theta} reach=${p.reach} window=${p.window} delta=${p.delta} perpetrator=${p.perpetrator}`,
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
