/**
 * Case-study mode read from the one store: the story and scene of `state.story`, the scene plan
 * (what the map highlights, its years), the caption filled with live numbers, the presenter
 * layout, and the commands (go to a scene, present, exit, play the scene's years, fullscreen).
 * Going to a scene is ONE store action (`applyScene`: view, lag parameters, camera, story position
 * and — for a year range — the clock's range, which the app's one playback loop then plays).
 * Window listeners (keys, fullscreen, resize) live in `StoryController`, mounted once.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Dataset } from '../../domain/dataset';
import type { Action } from '../../state/reduce';
import { defaultState } from '../../state/state';
import { sceneToState, type ScenePlan } from '../../story/scene';
import { createSceneFacts, type SceneCaption } from '../../story/sceneFacts';
import type { Scene, Story } from '../../story/schema';
import { storyById } from './draftStory';
import { useData } from '../dataContext';
import { useAtlas, useDispatch } from '../store';
import { enterFullscreen, exitFullscreen, isFullscreen } from './fullscreen';
import { presenterLayout, type PresenterLayout } from './layout';

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
  go(index: number): void;
  start(storyId: string, scene?: number): void;
  exit(): void;
  toggleFullscreen(): void;
  togglePlay(): void;
}

/** The window size (updates on resize). */
export function useViewport(): { width: number; height: number } {
  const [v, setV] = useState(() =>
    typeof window === 'undefined'
      ? { width: 1280, height: 720 }
      : { width: window.innerWidth, height: window.innerHeight },
  );
  useEffect(() => {
    const on = (): void => setV({ width: window.innerWidth, height: window.innerHeight });
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return v;
}

/** The fullscreen flag (updates on `fullscreenchange`). */
function useFullscreenFlag(): boolean {
  const [fs, setFs] = useState(isFullscreen());
  useEffect(() => {
    const on = (): void => setFs(isFullscreen());
    document.addEventListener('fullscreenchange', on);
    return () => document.removeEventListener('fullscreenchange', on);
  }, []);
  return fs;
}

/**
 * The store action that shows scene `index` of `story` on a screen of `viewport` (null when the
 * story has no such scene).
 */
export function sceneAction(
  dataset: Dataset,
  story: Story,
  index: number,
  viewport: { width: number; height: number },
): Action | null {
  const i = Math.min(story.scenes.length - 1, Math.max(0, index));
  const scene = story.scenes[i];
  if (!scene) return null;
  const layout = presenterLayout(viewport);
  const plan = sceneToState(scene, story, defaultState(dataset.missions), dataset, {
    ...viewport,
    padding: layout.padding,
  });
  for (const p of plan.problems) console.warn(`Story: ${p}`);
  return { type: 'applyScene', patch: plan.patch, years: plan.years, play: true };
}

/** Case-study mode; see the module comment. */
export function useStoryMode(): StoryMode {
  const { data } = useData();
  const dataset = data.dataset;
  const dispatch = useDispatch();
  const position = useAtlas((s) => s.story);
  const draft = useAtlas((s) => s.storyDraft);
  const year = useAtlas((s) => s.year);
  const playing = useAtlas((s) => s.playRange !== null && s.playback.playing);
  const reducedMotion = useAtlas((s) => s.playback.reducedMotion);
  const facts = useMemo(() => createSceneFacts(dataset), [dataset]);
  const base = useMemo(() => defaultState(dataset.missions), [dataset]);
  const viewport = useViewport();
  const layout = useMemo(() => presenterLayout(viewport), [viewport]);
  const fullscreen = useFullscreenFlag();

  const story = position ? (storyById(position.id, draft) ?? null) : null;
  const count = story?.scenes.length ?? 0;
  const index = story && position ? Math.min(count - 1, Math.max(0, position.scene)) : 0;
  const scene = story ? (story.scenes[index] ?? null) : null;

  const plan = useMemo(
    () =>
      story && scene
        ? sceneToState(scene, story, base, dataset, { ...viewport, padding: layout.padding })
        : null,
    [story, scene, base, dataset, viewport, layout],
  );

  const caption = useMemo(() => {
    if (!story || !scene || !plan) return null;
    const { from, to } = plan.years;
    return facts.caption(story, scene, Math.min(to, Math.max(from, year)));
  }, [facts, story, scene, plan, year]);

  const go = useCallback(
    (i: number) => {
      const a = story ? sceneAction(dataset, story, i, viewport) : null;
      if (a) dispatch(a);
    },
    [dataset, story, viewport, dispatch],
  );
  const start = useCallback(
    (storyId: string, sceneIndex = 0) => {
      const s = storyById(storyId, draft);
      const a = s ? sceneAction(dataset, s, sceneIndex, viewport) : null;
      if (a) dispatch(a);
      void enterFullscreen();
    },
    [dataset, viewport, dispatch, draft],
  );
  const exit = useCallback(() => {
    dispatch({ type: 'exitStory' });
    if (isFullscreen()) void exitFullscreen();
  }, [dispatch]);
  const toggleFullscreen = useCallback(() => {
    if (isFullscreen()) void exitFullscreen();
    else void enterFullscreen();
  }, []);
  const togglePlay = useCallback(
    () => dispatch({ type: 'playback', action: { type: 'toggle' } }),
    [dispatch],
  );

  const active = story !== null;
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
    go,
    start,
    exit,
    toggleFullscreen,
    togglePlay,
  };
}
