/**
 * Starting the atlas: the store of a page (from its link, validated; the link's problems become
 * notices) and keeping the link in step with the store.
 */
import { useEffect } from 'react';
import { atlasData } from '../data/atlasData';
import type { LoadedData } from '../data/load';
import { createStore, type Store } from '../state/store';
import { encodeUrlState, parseUrlState } from '../state/url';
import { pagePayload } from '../data/embedded';
import { checkStory } from '../story/storyFile';
import { readSavedDraft, saveDraft, storyAsDraft, storyById } from './story/draftStory';

const URL_DEBOUNCE_MS = 250;
const URL_MAX_WAIT_MS = 1000;

/** The store of a page: the link's state (its problems become notices), validated. */
export function initialStore(data: LoadedData): { store: Store; notices: string[] } {
  const { dataset } = data;
  const missions = atlasData(dataset).sel.missions;
  const parsed = parseUrlState(window.location.search, missions, {
    baseIds: new Set(dataset.bases.map((b) => b.id)),
  });
  const notices = [...parsed.notices];
  // A self-contained story file opens its own story (and leaves this browser's saved one alone).
  const embedded = pagePayload();
  const saved = embedded ? { draft: null, problems: [] } : readSavedDraft();
  if (saved.problems.length > 0)
    notices.push(
      `Your saved story could not be read and was not loaded: ${saved.problems.slice(0, 3).join('; ')}`,
    );
  let state = { ...parsed.state, storyDraft: saved.draft };
  if (embedded) {
    const r = checkStory(embedded.story);
    if (r.ok) {
      const draft = storyAsDraft(r.story);
      state = { ...state, storyDraft: draft, story: state.story ?? { id: draft.id, scene: 0 } };
    } else
      notices.push(`The story in this file cannot be shown: ${r.problems.slice(0, 3).join('; ')}`);
  }
  if (state.story && !storyById(state.story.id, state.storyDraft)) {
    notices.push(`There is no story “${state.story.id}”; showing the atlas.`);
    state = { ...state, story: null };
  }
  return { store: createStore(state, missions), notices };
}

/** Keeps the link in step with the store (debounced: camera changes come in bursts). */
export function useUrlSync(store: Store): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A story file opened from disk keeps its address (file: URLs cannot always be rewritten).
    if (pagePayload()) return;
    // Debounced, but written at least every URL_MAX_WAIT_MS while the store keeps changing
    // (playback), so that the link is never stale for long.
    let pendingSince: number | null = null;
    const write = (): void => {
      pendingSince = null;
      const q = encodeUrlState(store.getState());
      if (q !== window.location.search)
        window.history.replaceState(null, '', `${window.location.pathname}${q}`);
    };
    const schedule = (): void => {
      clearTimeout(timer);
      const now = performance.now();
      pendingSince ??= now;
      const wait = Math.max(0, Math.min(URL_DEBOUNCE_MS, pendingSince + URL_MAX_WAIT_MS - now));
      timer = setTimeout(write, wait);
    };
    const unsubscribe = store.subscribe(schedule);
    schedule(); // the link names the view from the start (e.g. the default mission)
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store]);
}

/** Keeps the story being built in localStorage (written when it changes). */
export function useDraftSync(store: Store): void {
  useEffect(() => {
    if (pagePayload()) return;
    let last = store.getState().storyDraft;
    return store.subscribe(() => {
      const d = store.getState().storyDraft;
      if (d !== last) saveDraft(d);
      last = d;
    });
  }, [store]);
}
