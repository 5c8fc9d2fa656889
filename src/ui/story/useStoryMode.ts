/**
 * Case-study mode as one hook for the atlas: while `state.story` is set, it applies the current
 * scene to the app state (year, filters, layers, lag parameters, camera fitted beside the dock),
 * plays a scene's year range, fills the caption with live numbers, handles the presenter keys
 * and fullscreen, and gives back what the map must highlight. Leaving keeps the view as it is.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Dataset } from '../../domain/dataset';
import {
  createPlayback,
  frameOf,
  nextFrame,
  updatePlayback,
  type Playback,
} from '../../state/playback';
import type { Action } from '../../state/reduce';
import { defaultState, type AppState } from '../../state/state';
import { applyScene, sceneToState, type ScenePlan } from '../../story/scene';
import { createSceneFacts, type SceneCaption } from '../../story/sceneFacts';
import type { Scene, Story } from '../../story/schema';
import { findStory } from '../../story/stories';
import { useReducedMotion } from '../useReducedMotion';
import { enterFullscreen, exitFullscreen, isFullscreen } from './fullscreen';
import { goScene, presenterCommand } from './keys';
import { presenterLayout, type PresenterLayout } from './layout';

/** Seconds per year when a scene plays a range. */
export const STORY_SECONDS_PER_YEAR = 2;

/** What the atlas needs from case-study mode. */
export interface StoryMode {
  /** True while a story is shown. */
  active: boolean;
  story: Story | null;
  scene: Scene | null;
  index: number;
  plan: ScenePlan | null;
  caption: SceneCaption | null;
  layout: PresenterLayout;
  /** A range scene is playing. */
  playing: boolean;
  reducedMotion: boolean;
  fullscreen: boolean;
  /** Camera motion the map should use now. */
  motion: 'fly' | 'jump' | 'ease';
  /** Why a story in the link could not be opened (shown as a notice). */
  error: string | null;
  go(index: number): void;
  start(storyId: string, scene?: number): void;
  exit(): void;
  toggleFullscreen(): void;
  togglePlay(): void;
}

function useViewport(): { width: number; height: number } {
  const [v, setV] = useState(() => ({ width: window.innerWidth, height: window.innerHeight }));
  useEffect(() => {
    const on = (): void => setV({ width: window.innerWidth, height: window.innerHeight });
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return v;
}

/** The hook; `dispatch` is the atlas reducer's. */
export function useStoryMode(
  dataset: Dataset,
  state: AppState,
  dispatch: (a: Action) => void,
): StoryMode {
  const facts = useMemo(() => createSceneFacts(dataset), [dataset]);
  const base = useMemo(() => defaultState(dataset.missions), [dataset]);
  const viewport = useViewport();
  const layout = useMemo(() => presenterLayout(viewport), [viewport]);
  const reducedMotion = useReducedMotion();
  const [fullscreen, setFullscreen] = useState(isFullscreen());
  const [playback, setPlayback] = useState<Playback | null>(null);

  const story = state.story ? (findStory(state.story.id) ?? null) : null;
  const error =
    state.story && !story ? `There is no story “${state.story.id}”; showing the atlas.` : null;
  const count = story?.scenes.length ?? 0;
  const index = story && state.story ? Math.min(count - 1, Math.max(0, state.story.scene)) : 0;
  const scene = story ? (story.scenes[index] ?? null) : null;

  const latest = useRef(state);
  useEffect(() => {
    latest.current = state;
  });

  // An unknown story id leaves story mode (the notice says why).
  useEffect(() => {
    if (state.story && !story) dispatch({ type: 'setStory', story: null });
  }, [state.story, story, dispatch]);

  const plan = useMemo(
    () =>
      story && scene
        ? sceneToState(scene, story, base, dataset, { ...viewport, padding: layout.padding })
        : null,
    [story, scene, base, dataset, viewport, layout],
  );

  // Apply the scene when it (or the screen) changes; start a range's playback.
  useEffect(() => {
    if (!plan) {
      setPlayback(null);
      return;
    }
    for (const p of plan.problems) console.warn(`Story: ${p}`);
    dispatch({ type: 'replace', state: applyScene(latest.current, plan) });
    const { from, to } = plan.years;
    if (to > from) {
      const p = createPlayback(from, to, from, {
        secondsPerYear: STORY_SECONDS_PER_YEAR,
        reducedMotion,
      });
      setPlayback(updatePlayback(p, { type: 'play' }));
    } else setPlayback(null);
    // reducedMotion is read when a scene starts; changing it mid-scene does not restart it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plan, dispatch]);

  // Range playback: one animation-frame loop while playing.
  const playing = playback?.playing === true;
  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    let last = performance.now();
    const tick = (now: number): void => {
      const dt = now - last;
      last = now;
      setPlayback((p) => (p ? nextFrame(p, dt) : p));
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing]);
  const playYear = playback ? frameOf(playback).year : null;
  useEffect(() => {
    if (playYear !== null && playYear !== latest.current.year)
      dispatch({ type: 'setYear', year: playYear });
  }, [playYear, dispatch]);

  const caption = useMemo(() => {
    if (!story || !scene || !plan) return null;
    const { from, to } = plan.years;
    const year = Math.min(to, Math.max(from, state.year));
    return facts.caption(story, scene, year);
  }, [facts, story, scene, plan, state.year]);
  useEffect(() => {
    if (caption && caption.missing.length > 0 && story)
      console.warn(
        `Story "${story.id}" scene ${index + 1}: no data for {${caption.missing.join('}, {')}} in ${caption.year}; shown as n/a.`,
      );
  }, [caption, story, index]);

  const go = useCallback(
    (i: number) => {
      const s = latest.current.story;
      if (s) dispatch({ type: 'setStory', story: { id: s.id, scene: i } });
    },
    [dispatch],
  );
  const leavingFullscreen = useRef(false);
  const exit = useCallback(() => {
    dispatch({ type: 'setStory', story: null });
    if (isFullscreen()) {
      leavingFullscreen.current = true;
      void exitFullscreen();
    }
  }, [dispatch]);
  const start = useCallback(
    (storyId: string, sceneIndex = 0) => {
      dispatch({ type: 'setStory', story: { id: storyId, scene: sceneIndex } });
      void enterFullscreen();
    },
    [dispatch],
  );
  const toggleFullscreen = useCallback(() => {
    if (isFullscreen()) {
      leavingFullscreen.current = true;
      void exitFullscreen();
    } else void enterFullscreen();
  }, []);
  const togglePlay = useCallback(() => {
    setPlayback((p) => (p ? updatePlayback(p, { type: 'toggle' }) : p));
  }, []);

  // Leaving fullscreen with the browser's own Esc also leaves the presenter (one key, one exit).
  useEffect(() => {
    const on = (): void => {
      const fs = isFullscreen();
      setFullscreen(fs);
      if (!fs && !leavingFullscreen.current && latest.current.story)
        dispatch({ type: 'setStory', story: null });
      leavingFullscreen.current = false;
    };
    document.addEventListener('fullscreenchange', on);
    return () => document.removeEventListener('fullscreenchange', on);
  }, [dispatch]);

  // Presenter keys, before any other handler (the timeline's arrows must not step years here).
  const active = story !== null;
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const t = e.target as HTMLElement | null;
      if (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName)) return;
      const cmd = presenterCommand(e.key);
      if (!cmd) return;
      // Enter and Space on a focused button keep their normal meaning.
      if ((e.key === 'Enter' || e.key === ' ') && t?.tagName === 'BUTTON') return;
      e.preventDefault();
      e.stopImmediatePropagation();
      const s = latest.current.story;
      if (cmd.type === 'go' && s) go(goScene(s.scene, count, cmd.to));
      else if (cmd.type === 'exit') exit();
      else if (cmd.type === 'fullscreen') toggleFullscreen();
      else if (cmd.type === 'play') togglePlay();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [active, count, go, exit, toggleFullscreen, togglePlay]);

  return {
    active,
    story,
    scene,
    index,
    plan,
    caption,
    layout,
    playing,
    reducedMotion,
    fullscreen,
    motion: active ? (reducedMotion ? 'jump' : 'fly') : 'ease',
    error,
    go,
    start,
    exit,
    toggleFullscreen,
    togglePlay,
  };
}
