/**
 * The app's one clock, as pure functions of the state: the steps the timeline runs over (the
 * mission's years, or every month of them in monthly mode), and the rules that keep the
 * playback (`AppState.playback`, over step *indices*) and the view's year / month one value.
 *
 * The playback is the source of time: a `tick` advances it and the year / month shown are read
 * from it in the same update; a year chosen anywhere else (mission picker, search, chart, story)
 * moves the playback to that step in the same update. Nothing is kept in step by an effect.
 */
import { monthIndex, monthOf } from '../domain/timeline';
import {
  createPlayback,
  frameOf,
  nextFrame,
  updatePlayback,
  type Playback,
  type PlaybackAction,
} from './playback';
import type { AppState, MissionYears } from './state';

/** The clock key of the World view in {@link stepsOf}: every year of any mission. */
export const WORLD_CLOCK = '*';

/** Whose steps the clock runs over: the mission's, or in the World view every mission's years. */
export function clockOf(state: Pick<AppState, 'mission' | 'world'>): string {
  return state.world ? WORLD_CLOCK : state.mission;
}

/** Yearly (default) or monthly steps. */
export type Granularity = 'year' | 'month';

/** What the map draws for a playback position over the steps. */
export interface StepFrame {
  /** Index of the step shown. */
  index: number;
  /** The step value (a year, or a {@link monthIndex}). */
  step: number;
  /** The next step value (equal to `step` at the end). */
  next: number;
  /** 0–1 between `step` and `next`; 0 when paused, at the end or under reduced motion. */
  t: number;
}

const stepCache = new WeakMap<readonly MissionYears[], Map<string, readonly number[]>>();

/**
 * The steps of a mission: its years (gap years skipped), or in monthly mode every month of
 * those years as {@link monthIndex}es. Memoized per missions list, so a tick allocates nothing.
 */
export function stepsOf(
  missions: readonly MissionYears[],
  mission: string,
  granularity: Granularity,
): readonly number[] {
  let cache = stepCache.get(missions);
  if (!cache) {
    cache = new Map();
    stepCache.set(missions, cache);
  }
  const key = `${mission}|${granularity}`;
  let steps = cache.get(key);
  if (!steps) {
    const years =
      mission === WORLD_CLOCK
        ? [...new Set(missions.flatMap((m) => m.years))].sort((a, b) => a - b)
        : (missions.find((m) => m.id === mission)?.years ?? []);
    steps =
      granularity === 'year'
        ? [...years]
        : years.flatMap((y) => Array.from({ length: 12 }, (_, i) => monthIndex(y, i + 1)));
    cache.set(key, steps);
  }
  return steps;
}

/** The granularity of a state: monthly when a month is set. */
export function granularityOf(state: Pick<AppState, 'month'>): Granularity {
  return state.month !== null ? 'month' : 'year';
}

/** The step value of the view: the year, or the month index in monthly mode. */
export function stepValueOf(state: Pick<AppState, 'year' | 'month'>): number {
  return state.month !== null ? monthIndex(state.year, state.month) : state.year;
}

/** The index of the step closest to `value` (earlier wins a tie); 0 for an empty list. */
export function nearestIndex(steps: readonly number[], value: number): number {
  let best = 0;
  for (let i = 1; i < steps.length; i++) {
    if (Math.abs(steps[i]! - value) < Math.abs(steps[best]! - value)) best = i;
  }
  return best;
}

/** The frame of a playback over `steps` (frameOf, mapped from indices to step values). */
export function stepFrame(p: Playback, steps: readonly number[]): StepFrame {
  const f = frameOf(p);
  const last = steps.length - 1;
  const index = Math.min(Math.max(0, f.year), Math.max(0, last));
  const nextIndex = Math.min(Math.max(0, f.nextYear), Math.max(0, last));
  const step = steps[index] ?? 0;
  const next = steps[nextIndex] ?? step;
  return { index, step, next, t: next === step ? 0 : f.t };
}

/** The index range the playback runs over: a story scene's year range, else every step. */
function rangeOf(state: AppState, steps: readonly number[]): [number, number] {
  const all: [number, number] = [0, Math.max(0, steps.length - 1)];
  const r = state.playRange;
  if (!r || granularityOf(state) !== 'year') return all;
  return [nearestIndex(steps, r.from), nearestIndex(steps, r.to)];
}

/** The view (year, month) at a playback position. */
function viewAt(state: AppState, steps: readonly number[]): AppState {
  const index = Math.min(steps.length - 1, Math.max(0, Math.floor(state.playback.position)));
  const step = steps[index];
  if (step === undefined) return state;
  if (granularityOf(state) === 'year')
    return step === state.year ? state : { ...state, year: step };
  const { year, month } = monthOf(step);
  return year === state.year && month === state.month ? state : { ...state, year, month };
}

/**
 * Puts the playback at the view's step over the current steps and range (after a change of
 * mission, year, month, granularity or story range). Playing continues only when `keepPlaying`.
 */
export function alignPlayback(
  state: AppState,
  missions: readonly MissionYears[],
  keepPlaying: boolean,
): AppState {
  const steps = stepsOf(missions, clockOf(state), granularityOf(state));
  const [first, last] = rangeOf(state, steps);
  const index = Math.min(last, Math.max(first, nearestIndex(steps, stepValueOf(state))));
  const p = state.playback;
  const playing = keepPlaying && p.playing;
  if (
    p.first === first &&
    p.last === last &&
    Math.floor(p.position) === index &&
    p.playing === playing
  )
    return viewAt(state, steps);
  const playback =
    p.first === first && p.last === last
      ? { ...p, position: index, playing }
      : { ...createPlayback(first, last, index, p), playing };
  return viewAt({ ...state, playback }, steps);
}

/** Advances the clock by `dtMs` and shows the step it reaches (pure; same object when paused). */
export function tick(state: AppState, missions: readonly MissionYears[], dtMs: number): AppState {
  const playback = nextFrame(state.playback, dtMs);
  if (playback === state.playback) return state;
  return viewAt({ ...state, playback }, stepsOf(missions, clockOf(state), granularityOf(state)));
}

/** A timeline control (play, pause, step, seek to an index, speed, loop, …) and its view. */
export function controlPlayback(
  state: AppState,
  missions: readonly MissionYears[],
  action: PlaybackAction,
): AppState {
  const playback = updatePlayback(state.playback, action);
  if (playback === state.playback) return state;
  return viewAt({ ...state, playback }, stepsOf(missions, clockOf(state), granularityOf(state)));
}

/** The frame to draw for a state. */
export function frameOfState(state: AppState, missions: readonly MissionYears[]): StepFrame {
  return stepFrame(state.playback, stepsOf(missions, clockOf(state), granularityOf(state)));
}
