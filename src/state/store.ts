/**
 * The one app store: a plain container around the pure {@link reduce}. Every user intent is one
 * `dispatch(action)`; subscribers are told after each change (never for an action that changes
 * nothing). React reads it through `src/ui/store.tsx` (`useAtlas(selector)`), so a component
 * re-renders only when the slice it selects changes — a playback tick re-renders the map, not
 * the panels.
 */
import { reduce, type Action } from './reduce';
import type { AppState, MissionYears } from './state';
import { alignPlayback } from './timeline';

/** The store API. */
export interface Store {
  getState(): AppState;
  dispatch(action: Action): void;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** A store over `missions` starting at `initial` (its playback aligned to its year). */
export function createStore(initial: AppState, missions: readonly MissionYears[]): Store {
  let state = alignPlayback(initial, missions, false);
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = reduce(state, action, missions);
      if (next === state) return;
      state = next;
      for (const l of [...listeners]) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
