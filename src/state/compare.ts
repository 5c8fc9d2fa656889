/**
 * Compare: a second view on one map, right of a draggable divider (a swipe), in one of two modes.
 *
 * - **Years**: the main year is the state's own `year` (left of the divider, moved by the clock);
 *   the comparison year is `compare.year` (right of the divider, fixed while the clock runs).
 * - **Rules**: both sides show the state's own year; the left side uses the state's own lag
 *   parameters ("rules A", `state.lag`), the right side a second set ("rules B",
 *   `compare.rules`, a copy of A when opened, so the user edits what differs).
 *
 * Everything else — mission, perpetrator, layers, grid, camera, selection — is shared, so the
 * comparison side is the state with another year or other lag parameters
 * ({@link compareSideState}) and its layers come from the same features and selectors as the main
 * side's (the lag cache keys on the parameter values, so both sets stay cached).
 *
 * Pure functions only: the store's updaters for the compare actions, the validation used by
 * `replace`, and the URL parameters `cmp` (the year) and `cmpl` (rules B, in the main lag
 * parameters' encoding, src/state/lagLink.ts); the divider's position is not in the link.
 */
import type { AppState, CompareState, LagParams, MissionYears } from './state';
import { allYears, nearestYear, normalizeLag, patchLag, sameLag } from './state';
import { applyLagLinkParam, lagLinkFields, quote } from './lagLink';
import { alignPlayback } from './timeline';

export type { CompareState } from './state';

/** Where the divider starts: the middle of the map. */
export const DEFAULT_SPLIT = 0.5;
/** How far the divider may go towards either edge (both sides stay visible and grabbable). */
export const SPLIT_BOUNDS = { min: 0.05, max: 0.95 } as const;

/** What the right side differs in: another year, or other lag rules. */
export type CompareMode = 'years' | 'rules';

/** The compare actions (one per user intent). */
export type CompareAction =
  /**
   * Opens compare: with `year` (default: the year before the one shown, else the one after) in
   * years mode, or with `mode: 'rules'` in rules mode (rules B a copy of the state's).
   */
  | { type: 'openCompare'; year?: number; mode?: CompareMode }
  /** Switches an open compare to years (rules B dropped) or to rules (B a copy of A). */
  | { type: 'setCompareMode'; mode: CompareMode }
  /** Shows another comparison year (the nearest year the view has). */
  | { type: 'setCompareYear'; year: number }
  /** Changes rules B (rules mode), with the Lag tab's bounds (`patchLag`). */
  | { type: 'setCompareLag'; params: Partial<LagParams> }
  /** Makes rules B a copy of rules A again (rules mode). */
  | { type: 'resetCompareLag' }
  /** Swaps rules A (the state's, which the Lag tab shows) and rules B (rules mode). */
  | { type: 'swapCompareRules' }
  /** Moves the divider to a fraction of the map's width (clamped to {@link SPLIT_BOUNDS}). */
  | { type: 'setCompareSplit'; split: number }
  /** Leaves compare. */
  | { type: 'closeCompare' };

const COMPARE_TYPES: ReadonlySet<string> = new Set([
  'openCompare',
  'setCompareMode',
  'setCompareYear',
  'setCompareLag',
  'resetCompareLag',
  'swapCompareRules',
  'setCompareSplit',
  'closeCompare',
]);

/**
 * Whether the view can compare lag rules: not in the World view, which has no lag analysis
 * (its lag layers are hidden), so both sides would show the same map.
 */
export function canCompareRules(state: Pick<AppState, 'world'>): boolean {
  return state.world === null;
}

/** Why the World view offers no rules comparison (the disabled button's title, a link notice). */
export const NO_RULES_IN_WORLD =
  'The World view has no lag analysis: open a mission to compare lag rules.';

/** The mode of an open compare slice. */
export function compareMode(c: CompareState): CompareMode {
  return c.rules === null ? 'years' : 'rules';
}

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
 * view has (null when it has none), the split is clamped, rules B are made valid with the Lag
 * tab's rule (`normalizeLag`; what is missing or not a boolean comes from `lag`, rules A), or
 * dropped in the World view ({@link canCompareRules}: `world` given and not null).
 */
export function normalizeCompare(
  c: CompareState | null | undefined,
  years: readonly number[],
  lag: LagParams,
  world: AppState['world'] = null,
): CompareState | null {
  if (!c || typeof c !== 'object' || !Number.isFinite(c.year) || years.length === 0) return null;
  const rules =
    c.rules && typeof c.rules === 'object' && canCompareRules({ world })
      ? normalizeLag(c.rules, lag)
      : null;
  return {
    year: nearestYear(years, Math.round(c.year)),
    split: clampSplit(Number(c.split)),
    rules,
  };
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
      if (action.mode === 'rules') {
        if (cur?.rules || !canCompareRules(state)) return state;
        const year = cur?.year ?? defaultCompareYear(years, state.year);
        return {
          ...state,
          compare: { year, split: cur?.split ?? DEFAULT_SPLIT, rules: { ...state.lag } },
        };
      }
      const year =
        action.year !== undefined && Number.isFinite(action.year)
          ? nearestYear(years, Math.round(action.year))
          : defaultCompareYear(years, state.year);
      if (cur && cur.year === year && cur.rules === null) return state;
      return { ...state, compare: { year, split: cur?.split ?? DEFAULT_SPLIT, rules: null } };
    }
    case 'setCompareMode': {
      if (!cur || compareMode(cur) === action.mode) return state;
      if (action.mode === 'rules' && !canCompareRules(state)) return state;
      return {
        ...state,
        compare: { ...cur, rules: action.mode === 'rules' ? { ...state.lag } : null },
      };
    }
    case 'setCompareYear': {
      if (!cur || !Number.isFinite(action.year) || years.length === 0) return state;
      const year = nearestYear(years, Math.round(action.year));
      return year === cur.year ? state : { ...state, compare: { ...cur, year } };
    }
    case 'setCompareLag': {
      if (!cur?.rules) return state;
      const rules = patchLag(cur.rules, action.params);
      return rules === cur.rules ? state : { ...state, compare: { ...cur, rules } };
    }
    case 'resetCompareLag': {
      if (!cur?.rules || sameLag(cur.rules, state.lag)) return state;
      return { ...state, compare: { ...cur, rules: { ...state.lag } } };
    }
    case 'swapCompareRules': {
      if (!cur?.rules || sameLag(cur.rules, state.lag)) return state;
      return { ...state, lag: { ...cur.rules }, compare: { ...cur, rules: { ...state.lag } } };
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
 * view opened or closed): the nearest year; compare closes when the view has no years. Opening
 * the World view turns a rules comparison into a years comparison ({@link canCompareRules}).
 */
export function keepCompareValid(state: AppState, missions: readonly MissionYears[]): AppState {
  let c = state.compare;
  if (!c) return state;
  if (c.rules && !canCompareRules(state)) {
    c = { ...c, rules: null };
    state = { ...state, compare: c };
  }
  const years = compareYears(state, missions);
  if (years.includes(c.year)) return state;
  return { ...state, compare: normalizeCompare(c, years, state.lag) };
}

/**
 * The state the comparison side is drawn from, with a paused clock so that it never tweens; null
 * when compare is off. Years mode: the state with the comparison year (the same month in monthly
 * mode). Rules mode: the state with rules B as its `lag` (the same year and month). Pure: equal
 * inputs give equal outputs, so callers can memoize on (state, missions).
 */
export function compareSideState(
  state: AppState,
  missions: readonly MissionYears[],
): AppState | null {
  const c = state.compare;
  if (!c) return null;
  const side: AppState = {
    ...state,
    ...(c.rules ? { lag: c.rules } : { year: c.year }),
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
    compare: { year, split: DEFAULT_SPLIT, rules: null },
    ...(year !== n
      ? { notice: `No data to compare in ${n}; comparing with ${year} instead.` }
      : {}),
  };
}

/** The `cmp` link parameter for the state (null when compare is off or compares rules). */
export function encodeCompareParam(state: Pick<AppState, 'compare'>): string | null {
  return state.compare && state.compare.rules === null ? String(state.compare.year) : null;
}

/**
 * Parses the `cmpl` link parameter: rules B as the link names and values of the main lag
 * parameters (`theta:25,win:5,init:0,reachkm:off`) that differ from rules A (`state.lag`, parsed
 * first); `-` or empty: B the same as A. Each bad pair is a notice and is left out (B keeps A's
 * value). Opens compare in rules mode (the year for a later switch to years: `state.compare`'s
 * when `cmp` was given, else the default); null with a notice when the view has no years.
 */
export function parseCompareRulesParam(
  value: string,
  state: Pick<AppState, 'lag' | 'year' | 'compare' | 'world'>,
  years: readonly number[],
): { compare: CompareState | null; notices: string[] } {
  if (years.length === 0)
    return { compare: null, notices: ['No years to compare; not comparing rules.'] };
  if (!canCompareRules(state))
    return { compare: state.compare, notices: [`${NO_RULES_IN_WORLD} Not comparing rules.`] };
  const notices: string[] = [];
  let rules: LagParams = { ...state.lag };
  const t = value.trim();
  for (const pair of t === '-' ? [] : t.split(',')) {
    if (pair.trim() === '') continue;
    const m = /^([a-z]+):(.*)$/.exec(pair.trim());
    if (!m) {
      notices.push(`Rules B (cmpl): ${quote(pair)} is not name:value (e.g. theta:25); left out.`);
      continue;
    }
    const r = applyLagLinkParam(rules, m[1]!, m[2]!, 'Rules B (cmpl): ');
    rules = r.lag;
    if (r.notice) notices.push(r.notice);
  }
  return {
    compare: {
      year: state.compare?.year ?? defaultCompareYear(years, state.year),
      split: DEFAULT_SPLIT,
      rules,
    },
    notices,
  };
}

/** The `cmpl` link parameter for the state (null unless compare compares rules). */
export function encodeCompareRulesParam(state: Pick<AppState, 'compare' | 'lag'>): string | null {
  const rules = state.compare?.rules;
  if (!rules) return null;
  const fields = lagLinkFields(rules, state.lag);
  return fields.length === 0 ? '-' : fields.map(([k, v]) => `${k}:${v}`).join(',');
}
