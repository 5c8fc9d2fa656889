/**
 * Redeployment changes: per mission and year, how each base changed relative to the previous
 * calendar year.
 *
 * - NEW: the base has no base-year in t − 1 (this includes the mission's first year and a base
 *   that reopens after a gap);
 * - CLOSED: the base has a base-year in t − 1 and none in t;
 * - STRENGTHENED / REDUCED: present in both years with known troops, troops(t) above / below
 *   troops(t − 1);
 * - UNCHANGED: present in both years with equal troops, or with troops unknown (null) in either
 *   year. The latter carries `troopsUnknown: true` and a null delta: an unknown figure is never
 *   read as a strengthening or a reduction.
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

/** One base's change in one year. */
export interface BaseChange {
  baseId: string;
  mission: string;
  /** The year the change is reported in (compared with year − 1). */
  year: number;
  kind: ChangeKind;
  /** Troops in year − 1; null when the base was absent then (NEW) or the figure is unknown. */
  troopsBefore: number | null;
  /** Troops in year; null when the base is gone (CLOSED) or the figure is unknown. */
  troopsAfter: number | null;
  /**
   * troopsAfter − troopsBefore, an absent side counting as 0 (NEW: +after, CLOSED: −before);
   * null when a figure needed is unknown.
   */
  delta: number | null;
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
    return change(after!, year, 'NEW', null, a, a, a === null);
  }
  if (!after) {
    const b = before.troops;
    return change(before, year, 'CLOSED', b, null, b === null ? null : -b, b === null);
  }
  const b = before.troops;
  const a = after.troops;
  if (a === null || b === null) return change(after, year, 'UNCHANGED', b, a, null, true);
  const delta = a - b;
  const kind: ChangeKind = delta > 0 ? 'STRENGTHENED' : delta < 0 ? 'REDUCED' : 'UNCHANGED';
  return change(after, year, kind, b, a, delta, false);
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
