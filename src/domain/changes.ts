/**
 * Redeployment changes: per mission and year, how each base changed relative to the previous
 * calendar year.
 *
 * - NEW: the base has no base-year in t − 1 (this includes the mission's first year and a base
 *   that reopens after a gap);
 * - CLOSED: the base has a base-year in t − 1 and none in t;
 * - STRENGTHENED: present in both years with known figures, and the highest figure on any map
 *   of t is above the highest on any map of t − 1 (`troopsMax`): an increase counts once, in
 *   the year it first appears on a map, never again as an echo of a yearly average;
 * - REDUCED: otherwise, when the lowest figure on any map of t is below the lowest of t − 1
 *   (`troopsMin`);
 * - UNCHANGED: present in both years and neither, or with a troop figure unknown (null) in
 *   either year. The latter carries `troopsUnknown: true` and a null delta: an unknown figure is
 *   never read as a strengthening or a reduction.
 *
 * When a year's maps both raise the highest and lower the lowest figure, the increase wins
 * (STRENGTHENED): it is what enhanced presence asks about.
 *
 * Base identity is `Base.id` (the pipeline merges coordinate jitter into one id), so a base whose
 * coordinates move slightly between years is never NEW.
 */
import type { Base, BaseYear, Dataset } from './dataset';

/** How a base changed from one year to the next. */
export type ChangeKind = 'NEW' | 'STRENGTHENED' | 'REDUCED' | 'CLOSED' | 'UNCHANGED';

/** Display order of the change kinds. */
export const CHANGE_KINDS: readonly ChangeKind[] = [
  'NEW',
  'STRENGTHENED',
  'REDUCED',
  'CLOSED',
  'UNCHANGED',
];

/**
 * Which figures a change compares: the highest map figure of each year (STRENGTHENED, and
 * UNCHANGED with known figures), the lowest (REDUCED), or Geo-PKO's yearly figure (NEW, CLOSED,
 * unknown figures).
 */
export type ChangeBasis = 'highest' | 'lowest' | 'yearly';

/** One base's change in one year. */
export interface BaseChange {
  baseId: string;
  mission: string;
  /** The year the change is reported in (compared with year − 1). */
  year: number;
  kind: ChangeKind;
  /**
   * Troops in year − 1 as `basis` says (highest map figure for STRENGTHENED and UNCHANGED,
   * lowest for REDUCED, the yearly figure for NEW / CLOSED / unknown figures); null when the
   * base was absent then (NEW) or unknown.
   */
  troopsBefore: number | null;
  /** Troops in year, on the same basis; null when the base is gone (CLOSED) or unknown. */
  troopsAfter: number | null;
  /**
   * troopsAfter − troopsBefore, an absent side counting as 0 (NEW: +after, CLOSED: −before);
   * null when a figure needed is unknown.
   */
  delta: number | null;
  /** Which figures troopsBefore / troopsAfter are. */
  basis: ChangeBasis;
  /**
   * Highest map figure of year minus that of year − 1 when the base is in both years with known
   * figures (negative when it fell), else null. Enhanced presence compares it with Δ.
   */
  increase: number | null;
  /** Geo-PKO's yearly troop figure of the base in `year` (null when absent or unknown). */
  troopsYearly: number | null;
  /** True when a troop figure needed for the comparison is unknown (null in the source). */
  troopsUnknown: boolean;
  /** Cell, latitude and longitude: this year's, or the previous year's for CLOSED. */
  gid: number;
  lat: number;
  lon: number;
}

/** Base-years of one mission indexed by year, then by base id. */
export type BaseYearIndex = Map<number, Map<string, BaseYear>>;

/**
 * Index one mission's base-years by year and base id. Throws when a base has two base-years in
 * one year (the data contract promises one per base and year).
 */
export function indexBaseYears(baseYears: readonly BaseYear[], missionId: string): BaseYearIndex {
  const byYear: BaseYearIndex = new Map();
  for (const by of baseYears) {
    if (by.mission !== missionId) continue;
    let m = byYear.get(by.year);
    if (!m) byYear.set(by.year, (m = new Map()));
    if (m.has(by.baseId)) {
      throw new Error(`duplicate base-year: ${by.baseId} appears twice in ${by.year}`);
    }
    m.set(by.baseId, by);
  }
  return byYear;
}

function change(
  ref: BaseYear,
  year: number,
  kind: ChangeKind,
  troopsBefore: number | null,
  troopsAfter: number | null,
  delta: number | null,
  troopsUnknown: boolean,
  extra: Pick<BaseChange, 'basis' | 'increase' | 'troopsYearly'>,
): BaseChange {
  return {
    baseId: ref.baseId,
    mission: ref.mission,
    year,
    kind,
    troopsBefore,
    troopsAfter,
    delta,
    troopsUnknown,
    ...extra,
    gid: ref.gid,
    lat: ref.lat,
    lon: ref.lon,
  };
}

function compare(
  before: BaseYear | undefined,
  after: BaseYear | undefined,
  year: number,
): BaseChange | null {
  if (!before && !after) return null;
  if (!before) {
    const a = after!.troops;
    return change(after!, year, 'NEW', null, a, a, a === null, {
      basis: 'yearly',
      increase: null,
      troopsYearly: a,
    });
  }
  if (!after) {
    const b = before.troops;
    return change(before, year, 'CLOSED', b, null, b === null ? null : -b, b === null, {
      basis: 'yearly',
      increase: null,
      troopsYearly: null,
    });
  }
  const b = before.troops;
  const a = after.troops;
  const hiB = before.troopsMax;
  const hiA = after.troopsMax;
  const loB = before.troopsMin;
  const loA = after.troopsMin;
  if (a === null || b === null || hiA === null || hiB === null || loA === null || loB === null)
    return change(after, year, 'UNCHANGED', b, a, null, true, {
      basis: 'yearly',
      increase: hiA !== null && hiB !== null ? hiA - hiB : null,
      troopsYearly: a,
    });
  const increase = hiA - hiB;
  const extra = { increase, troopsYearly: a };
  if (increase > 0)
    return change(after, year, 'STRENGTHENED', hiB, hiA, increase, false, {
      ...extra,
      basis: 'highest',
    });
  if (loA < loB)
    return change(after, year, 'REDUCED', loB, loA, loA - loB, false, {
      ...extra,
      basis: 'lowest',
    });
  // Neither rule: compared on the highest figures (equal, or a lower highest figure while the
  // lowest did not fall — the year's maps narrowed).
  return change(after, year, 'UNCHANGED', hiB, hiA, increase, false, {
    ...extra,
    basis: 'highest',
  });
}

function sortChanges(list: BaseChange[]): BaseChange[] {
  const order = new Map(CHANGE_KINDS.map((k, i) => [k, i]));
  return list.sort(
    (x, y) =>
      order.get(x.kind)! - order.get(y.kind)! ||
      Math.abs(y.delta ?? 0) - Math.abs(x.delta ?? 0) ||
      (x.baseId < y.baseId ? -1 : x.baseId > y.baseId ? 1 : 0),
  );
}

/**
 * The changes of every base of a mission in `year` relative to `year − 1`, from an index built by
 * {@link indexBaseYears}. Sorted by kind (NEW, STRENGTHENED, REDUCED, CLOSED, UNCHANGED), then by
 * the size of the troop change, then by base id.
 */
export function changesInYear(index: BaseYearIndex, year: number): BaseChange[] {
  const now = index.get(year) ?? new Map<string, BaseYear>();
  const prev = index.get(year - 1) ?? new Map<string, BaseYear>();
  const out: BaseChange[] = [];
  for (const [id, after] of now) {
    const c = compare(prev.get(id), after, year);
    if (c) out.push(c);
  }
  for (const [id, before] of prev) {
    if (now.has(id)) continue;
    const c = compare(before, undefined, year);
    if (c) out.push(c);
  }
  return sortChanges(out);
}

/**
 * The changes of a mission for every year from its first year with a location to its last,
 * keyed by year. Gap years (no location at all) list every base of the year before as CLOSED;
 * the year after a gap lists every base as NEW. The mission's first year lists every base as NEW.
 */
export function missionChanges(
  data: Pick<Dataset, 'baseYears'>,
  missionId: string,
): Map<number, BaseChange[]> {
  const index = indexBaseYears(data.baseYears, missionId);
  const out = new Map<number, BaseChange[]>();
  if (index.size === 0) return out;
  const years = [...index.keys()];
  const first = Math.min(...years);
  const last = Math.max(...years);
  for (let y = first; y <= last; y++) out.set(y, changesInYear(index, y));
  return out;
}

/** Counts of each change kind in a list of changes. */
export function countChanges(changes: readonly BaseChange[]): Record<ChangeKind, number> {
  const counts: Record<ChangeKind, number> = {
    NEW: 0,
    STRENGTHENED: 0,
    REDUCED: 0,
    CLOSED: 0,
    UNCHANGED: 0,
  };
  for (const c of changes) counts[c.kind]++;
  return counts;
}

/** A lookup of bases by id, for showing a change's location name and country. */
export function basesById(bases: readonly Base[]): Map<string, Base> {
  return new Map(bases.map((b) => [b.id, b]));
}
