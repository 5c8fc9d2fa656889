/**
 * Compare: a second year shown beside the first on one map, split by a draggable divider (a
 * swipe). The main year is the state's own `year` (left of the divider, moved by the clock); the
 * comparison year is `compare.year` (right of the divider, fixed while the clock runs). Everything
 * else — mission, perpetrator, layers, grid, lag parameters, camera, selection — is shared, so the
 * comparison side is the state with another year ({@link compareSideState}) and its layers come
 * from the same features and selectors as the main side's.
 *
 * Pure functions only: the store's updaters for the compare actions, the validation used by
 * `replace`, and the URL parameter `cmp` (the year; the divider's position is not in the link).
 */
import type { AppState, CompareState, MissionYears } from './state';
import { allYears, nearestYear } from './state';
import { alignPlayback } from './timeline';

export type { CompareState } from './state';

/** Where the divider starts: the middle of the map. */
export const DEFAULT_SPLIT = 0.5;
/** How far the divider may go towards either edge (both sides stay visible and grabbable). */
export const SPLIT_BOUNDS = { min: 0.05, max: 0.95 } as const;

/** The compare actions (one per user intent). */
export type CompareAction =
  /** Opens compare with `year` (default: the year before the one shown, else the one after). */
  | { type: 'openCompare'; year?: number }
  /** Shows another comparison year (the nearest year the view has). */
  | { type: 'setCompareYear'; year: number }
  /** Moves the divider to a fraction of the map's width (clamped to {@link SPLIT_BOUNDS}). */
  | { type: 'setCompareSplit'; split: number }
  /** Leaves compare. */
  | { type: 'closeCompare' };

const COMPARE_TYPES: ReadonlySet<string> = new Set([
  'openCompare',
  'setCompareYear',
  'setCompareSplit',
  'closeCompare',
]);

/** True for a compare action. */
export function isCompareAction(a: { type: string }): a is CompareAction {
  return COMPARE_TYPES.has(a.type);
}

/** The years the view can show: the mission's, or every mission's in the World view. */
export function compareYears(
  state: Pick<AppState, 'mission' | 'world'>,
  missions: readonly MissionYears[],
): number[] {
  return state.world
    ? allYears(missions)
    : (missions.find((m) => m.id === state.mission)?.years ?? []);
}

/** The divider position clamped into {@link SPLIT_BOUNDS}; NaN gives the middle. */
export function clampSplit(split: number): number {
  if (!Number.isFinite(split)) return DEFAULT_SPLIT;
  return Math.min(SPLIT_BOUNDS.max, Math.max(SPLIT_BOUNDS.min, split));
}

/** The year compare opens with: the one before `year` among `years`, else the one after. */
export function defaultCompareYear(years: readonly number[], year: number): number {
  const earlier = years.filter((y) => y < year);
  const later = years.filter((y) => y > year);
  return earlier[earlier.length - 1] ?? later[0] ?? year;
}

/**
 * A compare slice made valid for the view: null stays null; the year goes to the nearest year the
 * view has (null when it has none), the split is clamped.
 */
export function normalizeCompare(
  c: CompareState | null | undefined,
  years: readonly number[],
): CompareState | null {
  if (!c || typeof c !== 'object' || !Number.isFinite(c.year) || years.length === 0) return null;
  return { year: nearestYear(years, Math.round(c.year)), split: clampSplit(Number(c.split)) };
}

/** The state after a compare action (the same object when nothing changes). */
export function reduceCompare(
  state: AppState,
  action: CompareAction,
  missions: readonly MissionYears[],
): AppState {
  const years = compareYears(state, missions);
  const cur = state.compare;
  switch (action.type) {
    case 'openCompare': {
      if (years.length === 0) return state;
      const year =
        action.year !== undefined && Number.isFinite(action.year)
          ? nearestYear(years, Math.round(action.year))
          : defaultCompareYear(years, state.year);
      if (cur && cur.year === year) return state;
      return { ...state, compare: { year, split: cur?.split ?? DEFAULT_SPLIT } };
    }
    case 'setCompareYear': {
      if (!cur || !Number.isFinite(action.year) || years.length === 0) return state;
      const year = nearestYear(years, Math.round(action.year));
      return year === cur.year ? state : { ...state, compare: { ...cur, year } };
    }
    case 'setCompareSplit': {
      if (!cur || !Number.isFinite(action.split)) return state;
      const split = clampSplit(action.split);
      return split === cur.split ? state : { ...state, compare: { ...cur, split } };
    }
    case 'closeCompare':
      return cur === null ? state : { ...state, compare: null };
    default:
      return state;
  }
}

/**
 * Keeps the compare year among the view's years after another update (another mission, the World
 * view opened or closed): the nearest year; compare closes when the view has no years.
 */
export function keepCompareValid(state: AppState, missions: readonly MissionYears[]): AppState {
  const c = state.compare;
  if (!c) return state;
  const years = compareYears(state, missions);
  if (years.includes(c.year)) return state;
  return { ...state, compare: normalizeCompare(c, years) };
}

/**
 * The state the comparison side is drawn from: the state with the comparison year (the same month
 * in monthly mode) and a paused clock, so that it never tweens; null when compare is off. Pure:
 * equal inputs give equal outputs, so callers can memoize on (state, missions).
 */
export function compareSideState(
  state: AppState,
  missions: readonly MissionYears[],
): AppState | null {
  const c = state.compare;
  if (!c) return null;
  const side: AppState = {
    ...state,
    year: c.year,
    playRange: null,
    playback: { ...state.playback, playing: false },
  };
  return alignPlayback(side, missions, false);
}

/** Parses the `cmp` link parameter (a year); the notice says why a bad one was ignored. */
export function parseCompareParam(
  value: string,
  years: readonly number[],
): { compare: CompareState | null; notice?: string } {
  const t = value.trim();
  const n = /^\d{4}$/.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(n))
    return {
      compare: null,
      notice: `Parameter cmp=“${t.slice(0, 40)}” (compare) must be a year; not comparing.`,
    };
  if (years.length === 0) return { compare: null, notice: 'No years to compare; not comparing.' };
  const year = nearestYear(years, n);
  return {
    compare: { year, split: DEFAULT_SPLIT },
    ...(year !== n
      ? { notice: `No data to compare in ${n}; comparing with ${year} instead.` }
      : {}),
  };
}

/** The `cmp` link parameter for the state (null when compare is off). */
export function encodeCompareParam(state: Pick<AppState, 'compare'>): string | null {
  return state.compare ? String(state.compare.year) : null;
}
