/**
 * Text formatting shared by the panels. Pure.
 */
import {
  ADD_VIOLENCE_DATA_HINT,
  type Coverage,
  type Estimate,
  type HqLevel,
} from '../domain/dataset';
import type { ChangeKind } from '../domain/changes';

const nf = new Intl.NumberFormat('en-GB');

/** A whole number with thousands separators ("1,234"). */
export function fmt(n: number): string {
  return nf.format(n);
}

/** "12 (10–15)": best with the low–high range when it differs. */
export function fmtEstimate(e: Estimate): string {
  if (e.low === e.best && e.high === e.best) return fmt(e.best);
  return `${fmt(e.best)} (${fmt(e.low)}–${fmt(e.high)})`;
}

/** Plural helper: "1 base", "2 bases". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmt(n)} ${n === 1 ? one : many}`;
}

export const HQ_LABELS: Record<HqLevel, string> = {
  0: 'No HQ',
  1: 'Sector HQ',
  2: 'Regional / sector HQ',
  3: 'Mission HQ',
};

export const CHANGE_LABELS: Record<ChangeKind, string> = {
  NEW: 'New',
  STRENGTHENED: 'Strengthened',
  REDUCED: 'Reduced',
  CLOSED: 'Closed',
  UNCHANGED: 'Unchanged',
};

/** Troops as a phrase: a number, "unknown" for NA, "no troops" for zero-troop locations. */
export function fmtTroops(troops: number | null): string {
  if (troops === null) return 'unknown (NA in Geo-PKO)';
  if (troops === 0) return 'no troops';
  return plural(troops, 'troop');
}

/** "2014–2016, 2018" from a sorted list of years. */
export function fmtYearRanges(years: readonly number[]): string {
  const parts: string[] = [];
  let start: number | undefined;
  let prev: number | undefined;
  for (const y of [...years, NaN]) {
    if (start !== undefined && prev !== undefined && y === prev + 1) {
      prev = y;
      continue;
    }
    if (start !== undefined && prev !== undefined)
      parts.push(start === prev ? `${start}` : `${start}–${prev}`);
    start = y;
    prev = y;
  }
  return parts.join(', ');
}

/** "a, b and c". */
export function fmtList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The sentence shown when violence data is missing for countries in a year: says, in plain words,
 * what this copy of the atlas has, and points to how to add the full data (never a command line).
 */
export function noViolenceDataMessage(
  missing: readonly string[],
  year: number,
  coverage: Coverage,
): string {
  const what = `Violence data is not loaded for ${fmtList(missing)} in ${year}`;
  if (coverage.scope === 'none' || coverage.years === null)
    return `${what}: this copy of the atlas has no violence data (UCDP GED) at all. ${ADD_VIOLENCE_DATA_HINT}`;
  const [first, last] = coverage.years;
  if (year < first || year > last)
    return `${what}: the violence data in this copy of the atlas (UCDP GED ${coverage.gedVersions.join(', ')}) covers ${first}–${last} only. ${ADD_VIOLENCE_DATA_HINT}`;
  if (coverage.scope === 'countries')
    return `${what}: this copy of the atlas has violence data for ${fmtList(coverage.countries)} only. ${ADD_VIOLENCE_DATA_HINT}`;
  return `${what}.`;
}

const MONTH_LONG = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });

/** "March 2015" for a month (1–12) of a year; the year alone when `month` is null. */
export function fmtPeriod(year: number, month: number | null): string {
  if (month === null) return String(year);
  return `${MONTH_LONG.format(new Date(Date.UTC(2000, month - 1, 1)))} ${year}`;
}

/**
 * A data string isolated for bidirectional text in plain text (a tooltip, a title): wrapped in
 * FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, so a right-to-left or U+202E name cannot
 * reorder the text around it (markup uses `<bdi>` instead).
 */
export function isolate(s: string): string {
  return `\u2068${s}\u2069`;
}

/** A distance: "44.5 km" under 100 km, else whole km ("1,234 km"). */
export function kmText(km: number): string {
  return km < 100 ? `${km.toFixed(1)}\u00a0km` : `${fmt(Math.round(km))}\u00a0km`;
}
