/**
 * The coverage CSV: the same text for `npm run coverage` and the Coverage tab's download.
 * Header exactly `mission,year,deaths,deaths_within,share,events,events_within`; one row per
 * mission year with violence data (years without are left out — not written as 0); `share`
 * empty when nobody was killed that year; deaths are UCDP best.
 */
import type { CoverageParams } from './coverageParams';
import type { CoverageYear } from './coverage';
import { csvField } from './csv';

/** The exact header of the coverage CSV. */
export const COVERAGE_CSV_HEADER = 'mission,year,deaths,deaths_within,share,events,events_within';

/** The share with 4 decimals ("0.4123"), empty when null. */
export function shareText(share: number | null): string | null {
  return share === null ? null : share.toFixed(4);
}

/** Coverage rows as CSV (LF line ends, trailing newline). */
export function coverageToCsv(mission: string, years: readonly CoverageYear[]): string {
  const lines = [COVERAGE_CSV_HEADER];
  for (const y of years) {
    if (!y.hasData || !y.deaths || !y.within) continue;
    lines.push(
      [mission, y.year, y.deaths.best, y.within.best, shareText(y.share), y.events, y.eventsWithin]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The download's file name: `coverage_MINUSCA_50km_all_prec5.csv`. */
export function coverageCsvFileName(mission: string, p: CoverageParams): string {
  return `coverage_${mission}_${p.km}km_${p.perpetrator}_prec${p.precision}.csv`;
}
