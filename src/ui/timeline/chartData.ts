/**
 * Pure shaping of the timeline charts' data (no Plot, no DOM): rows of the totals chart, the
 * years without violence data, the cells of the base-lifetimes chart, and the text alternatives.
 */
import type { MissionYearTotal } from '../../domain/timeline';
import type { LifetimeView } from '../../data/timelineSelectors';
import { fmt, fmtYearRanges } from '../format';

/** A year of the totals chart. */
export interface TotalsRow {
  year: number;
  /** Known troops; null in a gap year or when every base's figure is unknown. */
  troops: number | null;
  /** Bases with an unknown troop figure that year. */
  unknownTroopBases: number;
  /** OSV fatalities; null when no violence data is loaded (drawn hatched, never as 0). */
  osv: number | null;
}

/** Rows of the totals chart, one per year. */
export function totalsRows(totals: readonly MissionYearTotal[]): TotalsRow[] {
  return totals.map((t) => ({
    year: t.year,
    troops: t.troops === null || t.bases === t.unknownTroopBases ? null : t.troops,
    unknownTroopBases: t.unknownTroopBases,
    osv: t.osv,
  }));
}

/** Years whose OSV total is unknown (no violence data loaded for any host country). */
export function noViolenceYears(totals: readonly MissionYearTotal[]): number[] {
  return totals.filter((t) => t.osv === null).map((t) => t.year);
}

/** Years where the OSV total leaves out some host country without data (partial). */
export function partialViolenceYears(totals: readonly MissionYearTotal[]): number[] {
  return totals.filter((t) => t.osv !== null && t.missingCountries.length > 0).map((t) => t.year);
}

/** The note under the chart about missing violence data; null when every year has data. */
export function noViolenceNote(totals: readonly MissionYearTotal[]): string | null {
  const none = noViolenceYears(totals);
  const partial = partialViolenceYears(totals);
  const parts: string[] = [];
  if (none.length > 0) parts.push(`hatched: violence data not loaded (${fmtYearRanges(none)})`);
  if (partial.length > 0) parts.push(`partial host-country coverage in ${fmtYearRanges(partial)}`);
  return parts.length > 0 ? parts.join('; ') : null;
}

/** Text alternative of the totals chart (screen readers). */
export function totalsDescription(
  mission: string,
  totals: readonly MissionYearTotal[],
  osvLabel: string,
): string {
  if (totals.length === 0) return `${mission}: no years to chart.`;
  const first = totals[0]!.year;
  const last = totals[totals.length - 1]!.year;
  const peak = (pick: (t: MissionYearTotal) => number | null): string => {
    let best: MissionYearTotal | null = null;
    for (const t of totals) {
      const v = pick(t);
      if (v !== null && (best === null || v > (pick(best) ?? -1))) best = t;
    }
    return best ? `${fmt(pick(best) ?? 0)} in ${best.year}` : 'no data';
  };
  const none = noViolenceYears(totals);
  return (
    `${mission} per year, ${first}–${last}. Troops: peak ${peak((t) => t.troops)}. ` +
    `${osvLabel}: peak ${peak((t) => t.osv)}` +
    (none.length > 0 ? `; violence data not loaded for ${fmtYearRanges(none)}.` : '.')
  );
}

/** One base-year cell of the lifetimes chart. */
export interface LifetimeCell {
  baseId: string;
  location: string;
  year: number;
  troops: number | null;
  /** 'troops' (known, > 0), 'zero' (zero-troop location), 'unknown' (NA). */
  kind: 'troops' | 'zero' | 'unknown';
}

/** The cells of the lifetimes chart: one per base-year (gaps stay empty). */
export function lifetimeCells(lifetimes: readonly LifetimeView[]): LifetimeCell[] {
  return lifetimes.flatMap((l) =>
    l.years.map((y) => ({
      baseId: l.baseId,
      location: l.location,
      year: y.year,
      troops: y.troops,
      kind:
        y.troops === null
          ? ('unknown' as const)
          : y.zeroTroops || y.troops === 0
            ? ('zero' as const)
            : ('troops' as const),
    })),
  );
}

/**
 * Row labels of the lifetimes chart: the location name, made unique (a second base of the same
 * name gets its id appended) so that rows never merge.
 */
export function lifetimeLabels(lifetimes: readonly LifetimeView[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const l of lifetimes) count.set(l.location, (count.get(l.location) ?? 0) + 1);
  return new Map(
    lifetimes.map((l) => [
      l.baseId,
      (count.get(l.location) ?? 0) > 1 ? `${l.location} (${l.baseId})` : l.location,
    ]),
  );
}

/** A sentence per base: "Bambari: 2014–2016, 2018–2024 (1 interruption), up to 1,200 troops". */
export function lifetimeSummary(l: LifetimeView): string {
  const years = l.years.map((y) => y.year);
  const gaps = l.gaps > 0 ? ` (${l.gaps} interruption${l.gaps === 1 ? '' : 's'})` : '';
  const troops = l.maxTroops === null ? 'troops unknown' : `up to ${fmt(l.maxTroops)} troops`;
  return `${l.location}: ${fmtYearRanges(years)}${gaps}, ${troops}`;
}

/**
 * Year ticks of a chart `width` px wide: every year when they fit, else every 2nd or 5th year;
 * labels shorten to "’14" when full years would collide. The last year is always labelled.
 */
export function yearAxis(
  first: number,
  last: number,
  plotWidth: number,
): { ticks: number[]; format: (y: number) => string } {
  const n = last - first + 1;
  const perYear = plotWidth / Math.max(1, n);
  const compact = perYear < 30;
  const labelPx = compact ? 20 : 30;
  const every = perYear >= labelPx ? 1 : perYear * 2 >= labelPx ? 2 : 5;
  const ticks: number[] = [];
  for (let y = first; y <= last; y++) if ((y - first) % every === 0) ticks.push(y);
  if (ticks[ticks.length - 1] !== last) {
    // Make room for the last year: drop a tick that would collide with it.
    if (ticks.length > 1 && last - ticks[ticks.length - 1]! < every) ticks.pop();
    ticks.push(last);
  }
  return {
    ticks,
    format: (y: number) => (compact ? `’${String(y).slice(-2)}` : String(y)),
  };
}

/** Axis label of a count: "0", "800", "1.5k", "12k". */
export function countTick(n: number): string {
  if (Math.abs(n) < 1000) return String(Math.round(n));
  const k = n / 1000;
  return `${Number.isInteger(k) ? k : k.toFixed(1)}k`;
}
