/**
 * Pure updaters: `reduce(state, action, missions)` returns the next state and never mutates.
 * Every action keeps the state valid for the missions (see `isValidState`).
 */
import { PERPETRATOR_FILTERS, type PerpetratorFilter } from '../domain/dataset';
import {
  clampCamera,
  clampParam,
  nearestYear,
  type AppState,
  type Camera,
  type LagParams,
  type LayerKey,
  type MissionYears,
  type PanelTab,
  type Selection,
  type StoryPosition,
} from './state';

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
  | { type: 'focus'; camera: Camera; selection?: Selection; panel?: PanelTab }
  | { type: 'setPanel'; panel: PanelTab }
  | { type: 'setLag'; params: Partial<LagParams> }
  | { type: 'setStory'; story: StoryPosition | null }
  | { type: 'replace'; state: AppState };

function yearsOf(missions: readonly MissionYears[], id: string): number[] {
  return missions.find((m) => m.id === id)?.years ?? [];
}

function sameCamera(a: Camera | null, b: Camera | null): boolean {
  if (a === null || b === null) return a === b;
  return a.lon === b.lon && a.lat === b.lat && a.zoom === b.zoom;
}

/**
 * The next state after `action`. Unknown missions and out-of-range values are ignored or clamped,
 * so that the result is always valid; when nothing changes the same object is returned.
 */
export function reduce(
  state: AppState,
  action: Action,
  missions: readonly MissionYears[],
): AppState {
  switch (action.type) {
    case 'setMission': {
      const years = yearsOf(missions, action.mission);
      if (years.length === 0 || action.mission === state.mission) return state;
      return {
        ...state,
        mission: action.mission,
        year: nearestYear(years, state.year),
        month: null,
        camera: null,
        selection: null,
      };
    }
    case 'setYear': {
      if (!Number.isFinite(action.year)) return state;
      const year = nearestYear(yearsOf(missions, state.mission), Math.round(action.year));
      return year === state.year ? state : { ...state, year, month: null };
    }
    case 'stepYear': {
      const years = yearsOf(missions, state.mission);
      const i = years.indexOf(state.year);
      if (i < 0 || !Number.isInteger(action.delta)) return state;
      const j = Math.min(years.length - 1, Math.max(0, i + action.delta));
      const year = years[j] ?? state.year;
      return year === state.year ? state : { ...state, year, month: null };
    }
    case 'setMonth': {
      const m = action.month;
      if (m !== null && !(Number.isInteger(m) && m >= 1 && m <= 12)) return state;
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
      return {
        ...state,
        camera,
        ...(action.selection !== undefined
          ? { selection: action.selection, panel: action.panel ?? 'details' }
          : {}),
      };
    }
    case 'setPanel':
      return action.panel === state.panel ? state : { ...state, panel: action.panel };
    case 'setLag': {
      const lag = { ...state.lag };
      for (const [k, v] of Object.entries(action.params) as [keyof LagParams, unknown][]) {
        if (k === 'initialDeployment') {
          if (typeof v === 'boolean') lag.initialDeployment = v;
        } else if (k in lag && typeof v === 'number') lag[k] = clampParam(k, v);
      }
      return { ...state, lag };
    }
    case 'setStory':
      return { ...state, story: action.story };
    case 'replace':
      return action.state;
  }
}
