/**
 * Pure updaters: `reduce(state, action, missions)` returns the next state and never mutates.
 * Every action keeps the state valid for the missions (see `isValidState`).
 */
import { GRID_IDS, type GridId } from '../domain/gridSystem';
import { PERPETRATOR_FILTERS, type PerpetratorFilter } from '../domain/dataset';
import type { SearchPick } from '../data/selectors';
import type { PlaybackAction } from './playback';
import {
  DEFAULT_LAG,
  clampCamera,
  clampCoverageKm,
  clampWhatIf,
  normalizeLag,
  patchLag,
  nearestYear,
  type AppState,
  type Camera,
  type LagParams,
  type LayerKey,
  type GapListView,
  type LagPool,
  validLagPool,
  type MissionYears,
  type PanelTab,
  type Selection,
  type StoryPosition,
  PANEL_TABS,
  WORLD_CAMERA,
  allYears,
} from './state';
import {
  alignPlayback,
  clockOf,
  controlPlayback,
  stepsOf,
  tick,
  type Granularity,
} from './timeline';
import { isDraftAction, reduceDraft, type DraftAction } from './storyDraft';
import {
  isCompareAction,
  keepCompareValid,
  normalizeCompare,
  reduceCompare,
  type CompareAction,
} from './compare';

/** Seconds per year while a story scene plays its year range. */
export const STORY_SECONDS_PER_YEAR = 2;

export type Action =
  | { type: 'setMission'; mission: string }
  | { type: 'setYear'; year: number }
  | { type: 'stepYear'; delta: number }
  | { type: 'setMonth'; month: number | null }
  | { type: 'setPerpetrator'; perpetrator: PerpetratorFilter }
  | { type: 'setLayer'; layer: LayerKey; on: boolean }
  | { type: 'toggleLayer'; layer: LayerKey }
  | { type: 'setCamera'; camera: Camera }
  | { type: 'fitMission' }
  /** Selects a cell or base and shows it in `panel` (default: the details tab). */
  | { type: 'select'; selection: Selection; panel?: PanelTab }
  /** Moves the camera; with a selection, selects it like `select`. */
  /**
   * Flies to a place, optionally selecting (and opening a panel) and showing a year (a gap-list
   * episode opens at its onset year; in monthly mode at January of that year).
   */
  | { type: 'focus'; camera: Camera; selection?: Selection; panel?: PanelTab; year?: number }
  | { type: 'setPanel'; panel: PanelTab }
  | { type: 'setLag'; params: Partial<LagParams> }
  | { type: 'setStory'; story: StoryPosition | null }
  | { type: 'setGapList'; view: GapListView }
  /** The Lag tab's scope: null = the selected mission, else all missions over the years. */
  | { type: 'setLagPool'; pool: LagPool | null }
  | { type: 'setLagMonthly'; monthly: boolean }
  /** Restores the research brief's lag parameters and all perpetrators. */
  | { type: 'resetLag' }
  /** Sets the coverage view's X (clamped to 10–200 km), k (1–5) and n (1–10). */
  | { type: 'setCoverage'; km?: number; k?: number; n?: number }
  /** Draws violence and runs the lag analysis on another grid (PRIO-GRID, H3 r4, H3 r5). */
  | { type: 'setGrid'; grid: GridId }
  /** Yearly or monthly steps (monthly starts in January of the year shown). */
  | { type: 'setGranularity'; granularity: Granularity }
  /** Shows a step: a year, or a month index in monthly mode (slider, chart, lists). */
  | { type: 'setStep'; value: number }
  /** A search result picked: switches mission / year when a base needs it, flies, selects. */
  | { type: 'pickSearchResult'; pick: SearchPick; zoom: number }
  /**
   * Shows a story scene: the state patch of the scene plan and its years (a range plays from its
   * first year at {@link STORY_SECONDS_PER_YEAR}; `play: false` under reduced motion keeps it
   * paused).
   */
  | {
      type: 'applyScene';
      patch: Partial<AppState>;
      years: { from: number; to: number };
      play: boolean;
    }
  /** Leaves the story: the view stays, the timeline gets its own range and speed back. */
  | { type: 'exitStory' }
  /** The clock: an animation frame of `dtMs` milliseconds. */
  | { type: 'tick'; dtMs: number }
  /** A timeline control (play, pause, step, first, last, speed, loop, seek to a step index). */
  | { type: 'playback'; action: PlaybackAction }
  | { type: 'setReducedMotion'; reducedMotion: boolean }
  /** Replaces the whole state (validated: invalid fields are clamped or reset). */
  | { type: 'replace'; state: AppState }
  /** Opens the World view (every mission active in the year; yearly steps; world camera). */
  | { type: 'openWorld' }
  /** The World view's mission multi-select (empty: every active mission). */
  | { type: 'setWorldMissions'; missions: string[] }
  /** Leaves the World view for the mission view (fitted to the mission). */
  | { type: 'closeWorld' }
  /**
   * Back to one mission alone (`mission`, else the current one): leaves the views that read
   * every mission's violence (World, pooled lag analysis, story) and clears a selected cell (it
   * may be another country's).
   */
  | { type: 'showMissionOnly'; mission?: string }
  /** The story builder's changes to the draft story (`storyDraft.ts`). */
  | DraftAction
  /** Compare: open, another year, move the divider, close (`compare.ts`). */
  | CompareAction;

function yearsOf(missions: readonly MissionYears[], id: string): number[] {
  return missions.find((m) => m.id === id)?.years ?? [];
}

/** The years the view can show: the mission's, or every mission's in the World view. */
function viewYears(state: AppState, missions: readonly MissionYears[]): number[] {
  return state.world ? allYears(missions) : yearsOf(missions, state.mission);
}

function sameCamera(a: Camera | null, b: Camera | null): boolean {
  if (a === null || b === null) return a === b;
  return a.lon === b.lon && a.lat === b.lat && a.zoom === b.zoom;
}

/**
 * The next state after `action`. Unknown missions and out-of-range values are ignored or clamped,
 * so that the result is always valid; when nothing changes the same object is returned. The
 * playback and the year / month shown stay one value (see `timeline.ts`).
 */
export function reduce(
  state: AppState,
  action: Action,
  missions: readonly MissionYears[],
): AppState {
  switch (action.type) {
    case 'tick':
      return tick(state, missions, action.dtMs);
    case 'playback':
      return controlPlayback(state, missions, action.action);
    case 'setReducedMotion':
      return state.playback.reducedMotion === action.reducedMotion
        ? state
        : {
            ...state,
            playback: { ...state.playback, reducedMotion: action.reducedMotion },
          };
    default:
      break;
  }
  if (isDraftAction(action)) {
    const storyDraft = reduceDraft(state.storyDraft, action);
    return storyDraft === state.storyDraft ? state : { ...state, storyDraft };
  }
  if (isCompareAction(action)) return reduceCompare(state, action, missions);
  const next = keepCompareValid(reduceView(state, action, missions), missions);
  if (next === state) return state;
  if (
    next.mission === state.mission &&
    next.year === state.year &&
    next.month === state.month &&
    next.playRange === state.playRange &&
    next.playback === state.playback &&
    (next.world === null) === (state.world === null)
  )
    return next;
  // Another mission or granularity restarts the clock paused; another year keeps it running.
  const keepPlaying =
    action.type === 'applyScene' ||
    (next.mission === state.mission &&
      (next.month === null) === (state.month === null) &&
      next.playRange === state.playRange &&
      (next.world === null) === (state.world === null));
  return alignPlayback(next, missions, keepPlaying);
}

/** The view, analysis and story slices after `action` (the playback is aligned afterwards). */
function reduceView(state: AppState, action: Action, missions: readonly MissionYears[]): AppState {
  switch (action.type) {
    case 'setMission': {
      const years = yearsOf(missions, action.mission);
      if (years.length === 0) return state;
      // Choosing a mission in the World view zooms into its mission view.
      if (action.mission === state.mission && !state.world) return state;
      return {
        ...state,
        world: null,
        mission: action.mission,
        year: nearestYear(years, state.year),
        month: null,
        camera: null,
        selection: null,
      };
    }
    case 'setYear': {
      if (!Number.isFinite(action.year)) return state;
      const year = nearestYear(viewYears(state, missions), Math.round(action.year));
      return year === state.year ? state : { ...state, year, month: null };
    }
    case 'stepYear': {
      const years = viewYears(state, missions);
      const i = years.indexOf(state.year);
      if (i < 0 || !Number.isInteger(action.delta)) return state;
      const j = Math.min(years.length - 1, Math.max(0, i + action.delta));
      const year = years[j] ?? state.year;
      return year === state.year ? state : { ...state, year, month: null };
    }
    case 'setMonth': {
      const m = action.month;
      if (m !== null && !(Number.isInteger(m) && m >= 1 && m <= 12)) return state;
      if (m !== null && state.world) return state; // the World view runs yearly
      return m === state.month ? state : { ...state, month: m };
    }
    case 'setPerpetrator':
      if (!PERPETRATOR_FILTERS.includes(action.perpetrator)) return state;
      return action.perpetrator === state.perpetrator
        ? state
        : { ...state, perpetrator: action.perpetrator };
    case 'setLayer':
      if (state.layers[action.layer] === action.on || !(action.layer in state.layers)) return state;
      return { ...state, layers: { ...state.layers, [action.layer]: action.on } };
    case 'toggleLayer':
      if (!(action.layer in state.layers)) return state;
      return {
        ...state,
        layers: { ...state.layers, [action.layer]: !state.layers[action.layer] },
      };
    case 'setCamera': {
      const camera = clampCamera(action.camera);
      if (!camera || sameCamera(camera, state.camera)) return state;
      return { ...state, camera };
    }
    case 'fitMission':
      return state.camera === null ? state : { ...state, camera: null };
    case 'select':
      if (action.selection === null && state.selection === null) return state;
      return { ...state, selection: action.selection, panel: action.panel ?? 'details' };
    case 'focus': {
      const camera = clampCamera(action.camera);
      if (!camera) return state;
      const year =
        action.year !== undefined && Number.isFinite(action.year)
          ? nearestYear(viewYears(state, missions), Math.round(action.year))
          : state.year;
      return {
        ...state,
        camera,
        ...(year !== state.year ? { year, month: state.month === null ? null : 1 } : {}),
        ...(action.selection !== undefined
          ? { selection: action.selection, panel: action.panel ?? 'details' }
          : {}),
      };
    }
    case 'setPanel':
      return action.panel === state.panel ? state : { ...state, panel: action.panel };
    case 'setLag': {
      const lag = patchLag(state.lag, action.params);
      return lag === state.lag ? state : { ...state, lag };
    }
    case 'setStory':
      return { ...state, story: action.story };
    case 'setGapList':
      return { ...state, gapList: action.view };
    case 'setLagPool': {
      const pool = validLagPool(action.pool);
      return pool === undefined ? state : { ...state, lagPool: pool };
    }
    case 'setLagMonthly':
      // Monthly is a view of the selected mission: choosing it leaves the pooled view.
      return action.monthly === state.lagMonthly && (!action.monthly || state.lagPool === null)
        ? state
        : { ...state, lagMonthly: action.monthly, lagPool: action.monthly ? null : state.lagPool };
    case 'resetLag':
      return { ...state, lag: { ...DEFAULT_LAG }, perpetrator: 'all' };
    case 'setCoverage': {
      const c = state.coverage;
      const next = {
        km: action.km === undefined ? c.km : clampCoverageKm(action.km),
        k: action.k === undefined ? c.k : clampWhatIf('k', action.k),
        n: action.n === undefined ? c.n : clampWhatIf('n', action.n),
      };
      return next.km === c.km && next.k === c.k && next.n === c.n
        ? state
        : { ...state, coverage: next };
    }
    case 'setGrid':
      return !GRID_IDS.includes(action.grid) || action.grid === state.grid
        ? state
        : { ...state, grid: action.grid };
    case 'setGranularity': {
      if (state.world && action.granularity === 'month') return state;
      const month = action.granularity === 'month' ? (state.month ?? 1) : null;
      return month === state.month ? state : { ...state, month };
    }
    case 'setStep': {
      if (!Number.isFinite(action.value)) return state;
      const monthly = state.month !== null;
      const steps = stepsOf(missions, clockOf(state), monthly ? 'month' : 'year');
      if (steps.length === 0) return state;
      let best = steps[0]!;
      for (const s of steps)
        if (Math.abs(s - action.value) < Math.abs(best - action.value)) best = s;
      if (!monthly) return best === state.year ? state : { ...state, year: best };
      const year = Math.floor(best / 12);
      const month = (best % 12) + 1;
      return year === state.year && month === state.month ? state : { ...state, year, month };
    }
    case 'pickSearchResult': {
      const { pick } = action;
      let next = state;
      if (pick.base) {
        if (pick.base.mission !== state.mission)
          next = reduceView(next, { type: 'setMission', mission: pick.base.mission }, missions);
        if (pick.base.years.length > 0 && !pick.base.years.includes(next.year))
          next = { ...next, year: nearestYear(pick.base.years, next.year), month: null };
      }
      return reduceView(
        next,
        {
          type: 'focus',
          camera: { lon: pick.lon, lat: pick.lat, zoom: action.zoom },
          ...(pick.base
            ? { selection: { kind: 'base' as const, id: pick.base.id } }
            : pick.gid !== undefined
              ? { selection: { kind: 'cell' as const, gid: pick.gid } }
              : {}),
        },
        missions,
      );
    }
    case 'applyScene': {
      const next: AppState = { ...state, ...action.patch };
      const { from, to } = action.years;
      const resume = state.playRange?.resume ?? {
        secondsPerYear: state.playback.secondsPerYear,
        loop: state.playback.loop,
      };
      if (to > from) {
        const ranged = alignPlayback(
          {
            ...next,
            year: from,
            month: null,
            playRange: { from, to, resume },
            playback: { ...next.playback, secondsPerYear: STORY_SECONDS_PER_YEAR, loop: false },
          },
          missions,
          false,
        );
        return action.play
          ? { ...ranged, playback: { ...ranged.playback, playing: true } }
          : ranged;
      }
      return state.playRange
        ? { ...next, playRange: null, playback: { ...next.playback, ...resume, playing: false } }
        : next;
    }
    case 'exitStory': {
      if (state.story === null && state.playRange === null) return state;
      const resume = state.playRange?.resume;
      return {
        ...state,
        story: null,
        playRange: null,
        playback: resume ? { ...state.playback, ...resume, playing: false } : state.playback,
      };
    }
    case 'replace':
      return normalizeState(action.state, state, missions);
    case 'openWorld':
      if (state.world) return state;
      return {
        ...state,
        world: { missions: [] },
        month: null,
        camera: { ...WORLD_CAMERA },
        panel: 'world',
        story: null,
        playRange: null,
      };
    case 'setWorldMissions': {
      if (!state.world) return state;
      const known = [...new Set(action.missions)].filter((id) => missions.some((m) => m.id === id));
      known.sort();
      const same =
        known.length === state.world.missions.length &&
        known.every((id, i) => id === state.world?.missions[i]);
      return same ? state : { ...state, world: { missions: known } };
    }
    case 'closeWorld':
      if (!state.world) return state;
      return {
        ...state,
        world: null,
        year: nearestYear(yearsOf(missions, state.mission), state.year),
        camera: null,
        panel: state.panel === 'world' ? 'details' : state.panel,
      };
    case 'showMissionOnly': {
      let next = reduceView(state, { type: 'closeWorld' }, missions);
      if (action.mission !== undefined && action.mission !== next.mission)
        next = reduceView(next, { type: 'setMission', mission: action.mission }, missions);
      next = reduceView(next, { type: 'exitStory' }, missions);
      if (next.lagPool !== null) next = { ...next, lagPool: null };
      if (next.selection?.kind === 'cell') next = { ...next, selection: null };
      return next;
    }
    case 'tick':
    case 'playback':
    case 'setReducedMotion':
      return state;
    default:
      return state;
  }
}

/**
 * A state made valid for the missions: an unknown mission keeps `fallback`'s, a year outside the
 * mission's goes to the nearest, an invalid month, perpetrator, camera, selection, lag parameter,
 * panel or story position falls back.
 */
export function normalizeState(
  s: AppState,
  fallback: AppState,
  missions: readonly MissionYears[],
): AppState {
  const mission = missions.some((m) => m.id === s.mission) ? s.mission : fallback.mission;
  const world =
    s.world && Array.isArray(s.world.missions)
      ? {
          missions: [...new Set(s.world.missions)]
            .filter((id) => missions.some((m) => m.id === id))
            .sort(),
        }
      : null;
  const years = world ? allYears(missions) : yearsOf(missions, mission);
  const year = Number.isFinite(s.year) ? nearestYear(years, Math.round(s.year)) : fallback.year;
  const month =
    !world && s.month !== null && Number.isInteger(s.month) && s.month >= 1 && s.month <= 12
      ? s.month
      : null;
  const lag = normalizeLag(s.lag, fallback.lag);
  const selection =
    s.selection === null ||
    (s.selection?.kind === 'cell' && Number.isInteger(s.selection.gid) && s.selection.gid > 0) ||
    (s.selection?.kind === 'base' && typeof s.selection.id === 'string' && s.selection.id !== '')
      ? s.selection
      : null;
  const layers = { ...fallback.layers };
  for (const k of Object.keys(layers) as LayerKey[])
    if (typeof s.layers?.[k] === 'boolean') layers[k] = s.layers[k];
  return {
    ...s,
    mission,
    year,
    month,
    perpetrator: PERPETRATOR_FILTERS.includes(s.perpetrator) ? s.perpetrator : fallback.perpetrator,
    layers,
    camera: s.camera ? clampCamera(s.camera) : null,
    selection,
    lag,
    panel: PANEL_TABS.includes(s.panel) ? s.panel : fallback.panel,
    story:
      s.story && Number.isInteger(s.story.scene) && s.story.scene >= 0 && s.story.id !== ''
        ? s.story
        : null,
    playback: s.playback ?? fallback.playback,
    playRange: s.playRange ?? null,
    gapList: s.gapList ?? fallback.gapList,
    lagPool: validLagPool(s.lagPool ?? null) ?? null,
    lagMonthly: s.lagMonthly === true && !s.lagPool,
    coverage: {
      km: clampCoverageKm(Number(s.coverage?.km ?? fallback.coverage.km)),
      k: clampWhatIf('k', Number(s.coverage?.k ?? fallback.coverage.k)),
      n: clampWhatIf('n', Number(s.coverage?.n ?? fallback.coverage.n)),
    },
    grid: GRID_IDS.includes(s.grid) ? s.grid : fallback.grid,
    world,
    storyDraft: s.storyDraft === undefined ? fallback.storyDraft : s.storyDraft,
    compare: normalizeCompare(s.compare, years, lag, world),
  };
}
