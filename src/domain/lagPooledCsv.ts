/**
 * Outputs of the pooled lag analysis: the responsiveness table as CSV (with counts and Wilson
 * 95 % intervals per bin) and the plain-text summary of `npm run analyze -- --mission all`.
 */
import { csvField } from './csv';
import { LAG_CATEGORIES, LAG_CATEGORY_LABELS, type Responsiveness } from './lagTypes';
import { INTERVAL_METHOD, wilsonInterval, type PooledResult, type PooledYears } from './lagPooled';

/** The perpetrator series of the responsiveness table, in output order. */
export const RESPONSIVENESS_TABLE_SERIES = ['state', 'nonstate', 'all', 'host', 'foreign'] as const;

/** Header of {@link responsivenessToCsv}. */
export const RESPONSIVENESS_CSV_HEADER =
  'scope,from_year,to_year,series,bin,min_killed,max_killed,cell_years,enhanced,share,ci95_low,ci95_high,reach,delta,precision,initial_deployment';

const round = (x: number | null) => (x === null ? '' : String(Math.round(x * 1e6) / 1e6));

/** "2012–2022", "from 2012", "to 2022" or "all years". */
export function pooledYearsText(y: PooledYears): string {
  if (y.from !== null && y.to !== null) return y.from === y.to ? `${y.from}` : `${y.from}–${y.to}`;
  if (y.from !== null) return `from ${y.from}`;
  if (y.to !== null) return `to ${y.to}`;
  return 'all years';
}

/**
 * The responsiveness table as CSV: one row per perpetrator series and bin, with the counts, the
 * share and its Wilson 95 % interval (empty for an empty bin: no share, not 0), and the run's
 * parameters that apply (r, Δ, precision, initial deployment). `scope` names the mission or
 * "all missions".
 */
export function responsivenessToCsv(
  r: Responsiveness,
  scope: string,
  years: PooledYears,
  params: {
    reach: number;
    reachKm?: number | null;
    delta: number;
    precision: number;
    initialDeployment: boolean;
  },
): string {
  const lines: string[] = [RESPONSIVENESS_CSV_HEADER];
  for (const s of RESPONSIVENESS_TABLE_SERIES) {
    for (const b of r[s]) {
      const ci = wilsonInterval(b.enhanced, b.cellYears);
      lines.push(
        [
          csvField(scope),
          years.from ?? '',
          years.to ?? '',
          s,
          csvField(b.label),
          b.min,
          Number.isFinite(b.max) ? b.max : '',
          b.cellYears,
          b.enhanced,
          round(b.share),
          round(ci?.low ?? null),
          round(ci?.high ?? null),
          params.reachKm != null ? `${params.reachKm}km` : params.reach,
          params.delta,
          params.precision,
          params.initialDeployment ? 1 : 0,
        ].join(','),
      );
    }
  }
  return lines.join('\n') + '\n';
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

/** A plain-text summary of a pooled run (the CLI's stderr). */
export function formatPooledSummary(r: PooledResult): string {
  const p = r.params;
  const f = r.figures;
  const lines = [
    `Lag analysis — all missions pooled, ${pooledYearsText(r.years)}`,
    `parameters: theta=${p.theta} reach=${p.reachKm != null ? `${p.reachKm}km` : p.reach} window=${p.window} delta=${p.delta} perpetrator=${p.perpetrator} precision=${p.precision} initial-deployment=${p.initialDeployment ? 'on' : 'off'}`,
    `missions counted: ${r.included.length} (${r.included.map((m) => m.mission).join(', ') || 'none'})`,
  ];
  for (const m of r.excluded) {
    const countries = [...new Set(m.missing.map((c) => c.country))].sort().join(', ');
    lines.push(
      `EXCLUDED ${m.mission}: violence data not loaded for ${countries} (not counted as zero)`,
    );
  }
  for (const m of r.included) {
    if (m.missing.length === 0) continue;
    const countries = [...new Set(m.missing.map((c) => c.country))].sort().join(', ');
    lines.push(
      `partly excluded ${m.mission}: ${m.missing.length} country-year(s) without violence data (${countries}), left out`,
    );
  }
  if (r.notActive.length) lines.push(`no location in these years: ${r.notActive.join(', ')}`);
  if (f.totalFatalities === null) {
    lines.push('nothing analysed: no mission has violence data in these years (not zero violence)');
    return lines.join('\n');
  }
  lines.push(
    `analysed years: ${r.analysedSpan ? `${r.analysedSpan[0]}–${r.analysedSpan[1]}` : 'none'}, mission-cell-years: ${f.cellYears}`,
    `OSV fatalities: ${f.totalFatalities}, with troops in reach: ${f.fatalitiesWithPresence} (coverage ${pct(f.coverageShare)})`,
    `episodes: ${f.episodes}`,
  );
  for (const c of LAG_CATEGORIES)
    lines.push(
      `  ${c.padEnd(25)} ${String(f.byCategory[c]).padStart(6)}  ${LAG_CATEGORY_LABELS[c]}`,
    );
  lines.push(
    `response rate: ${pct(f.responseRate)}, median lag: ${f.medianLag === null ? 'n/a' : `${f.medianLag} y`}`,
    `responsiveness (cell-years followed by enhanced presence the same or next year; ${INTERVAL_METHOD}):`,
  );
  for (const s of ['nonstate', 'state'] as const) {
    lines.push(`  ${s === 'state' ? 'state' : 'non-state'}:`);
    for (const b of r.responsiveness[s]) {
      const ci = wilsonInterval(b.enhanced, b.cellYears);
      lines.push(
        `    ${b.label.padEnd(6)} ${String(b.enhanced).padStart(6)} / ${String(b.cellYears).padEnd(7)} ${pct(b.share).padStart(6)}  ${ci ? `[${pct(ci.low)}, ${pct(ci.high)}]` : '(no cell-years)'}`,
      );
    }
  }
  return lines.join('\n');
}
