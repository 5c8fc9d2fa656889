/**
 * Story feature (case-study mode): the scene's highlights on the map and in the legend, the
 * presenter's dock over the map with its keys (→ / PageDown next, ← / PageUp previous, Home / End,
 * Space plays the scene's years, F fullscreen, Esc leaves fullscreen first, then the presentation),
 * the presenter-notes window's sync, and the "Case study" tab (stories, scenes, exports).
 */
import { memo, useEffect, useMemo, useRef } from 'react';
import { highlightSection } from '../../map/legend';
import { storyHighlightLayers } from '../../map/storyLayers';
import { attributionText } from '../../export/attribution';
import { useData } from '../dataContext';
import { useAtlas, useDispatch } from '../store';
import { exitFullscreen, isFullscreen } from '../story/fullscreen';
import { EscapeTracker, goScene, presenterCommand } from '../story/keys';
import { openNotesWindow, usePresenterChannel } from '../story/notesChannel';
import { Presenter } from '../story/Presenter';
import { StoryPanel } from '../story/StoryPanel';
import { StoryBuilder } from '../story/StoryBuilder';
import { useExportsApi } from '../story/exportsContext';
import { slidePngScale } from '../story/layout';
import { sceneAction, useStoryMode, useViewport } from '../story/useStoryMode';
import { storyById } from '../story/draftStory';
import { StoryHtmlStatusLine, useStoryHtmlExport } from '../story/useStoryHtmlExport';
import type { Feature, FeatureContext, FeatureMap } from './contract';
import { useLegendSections } from './registry';

function useStoryMap(ctx: FeatureContext): FeatureMap {
  const { data, view } = ctx;
  const mode = useStoryMode();
  const bases = data.sel.basesOfYear(view.state.year);
  const plan = mode.plan;
  const layers = useMemo(
    () => (plan ? storyHighlightLayers(bases, plan.highlightBases, plan.highlightCells) : []),
    [plan, bases],
  );
  const highlights = plan !== null && plan.highlightBases.length + plan.highlightCells.length > 0;
  return useMemo(
    () => ({ layers: { top: layers }, legend: highlights ? [highlightSection()] : [], pick: {} }),
    [layers, highlights],
  );
}

/**
 * While a story is open: applies its scene when the presenter opens (a link) or the screen
 * changes size, binds the presenter keys (before the timeline's), leaves the presenter when the
 * browser leaves fullscreen by itself, and draws the dock.
 */
const StoryController = memo(function StoryController() {
  const { data } = useData();
  const dispatch = useDispatch();
  const mode = useStoryMode();
  const exportsApi = useExportsApi();
  const viewport = useViewport();
  const storyId = mode.story?.id ?? null;
  const draft = useAtlas((s) => s.storyDraft);
  const latestIndex = useRef(mode.index);
  useEffect(() => {
    latestIndex.current = mode.index;
  });

  // Opening by link, or a new screen size: (re)apply the scene fitted to the screen.
  useEffect(() => {
    const story = storyId ? storyById(storyId, draft) : undefined;
    if (!story) return;
    const a = sceneAction(data.dataset, story, latestIndex.current, viewport);
    if (a) dispatch(a);
    // The draft is read when the story opens; editing it does not re-apply the scene.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storyId, viewport, data.dataset, dispatch]);

  // Leaving fullscreen (the browser's own Esc, or F) keeps the presentation: a second Esc, in
  // the window, leaves it (EscapeTracker tells the Esc that left fullscreen from a new one).
  const escapes = useRef<EscapeTracker | null>(null);
  escapes.current ??= new EscapeTracker();
  useEffect(() => {
    const on = (): void => escapes.current!.fullscreenChanged(isFullscreen(), performance.now());
    document.addEventListener('fullscreenchange', on);
    return () => document.removeEventListener('fullscreenchange', on);
  }, []);

  // Presenter notes in a second window, kept in sync over a same-origin BroadcastChannel.
  usePresenterChannel(storyId, mode.index, mode.go);

  // Presenter keys, before any other handler (the timeline's arrows must not step years here).
  const { go, exit, toggleFullscreen, togglePlay } = mode;
  const count = mode.story?.scenes.length ?? 0;
  useEffect(() => {
    if (!storyId) return;
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
      if (cmd.type === 'go') go(goScene(latestIndex.current, count, cmd.to));
      else if (cmd.type === 'exit') {
        const fullscreen = isFullscreen();
        if (escapes.current!.escape(fullscreen, performance.now()) === 'exit') exit();
        else if (fullscreen) void exitFullscreen();
      } else if (cmd.type === 'fullscreen') toggleFullscreen();
      else if (cmd.type === 'play') togglePlay();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [storyId, count, go, exit, toggleFullscreen, togglePlay]);

  const year = useAtlas((s) => s.year);
  const legend = useLegendSections();
  if (!mode.active) return null;
  // A slide PNG at the screen's class of resolution: 4K on a 4K projector.
  const pngScale = slidePngScale(viewport, window.devicePixelRatio);
  return (
    <Presenter
      mode={mode}
      year={year}
      legend={legend}
      attribution={attributionText(data.dataset.coverage)}
      onExportPng={() => void exportsApi.viewPng(pngScale)}
      pngSize={pngScale === 2 ? '3840×2160' : '1920×1080'}
      onOpenNotes={() => openNotesWindow(storyId!, latestIndex.current)}
    />
  );
});

/** The "Case study" tab. */
const StoryTab = memo(function StoryTab() {
  const { data, dataUrl } = useData();
  const html = useStoryHtmlExport(data.dataset, dataUrl);
  const mission = useAtlas((s) => s.mission);
  const year = useAtlas((s) => s.year);
  const openStory = useAtlas((s) => s.story?.id ?? null);
  const world = useAtlas((s) => s.world !== null);
  const mode = useStoryMode();
  const exportsApi = useExportsApi();
  return (
    <StoryPanel
      world={world}
      dataset={data.dataset}
      mission={mission}
      year={year}
      years={data.sel.mission(mission)?.years ?? [year]}
      onPresent={mode.start}
      exports={exportsApi}
      openStory={openStory}
      onExportHtml={html.exportHtml ?? undefined}
      htmlStatus={html.exportHtml ? <StoryHtmlStatusLine status={html.status} /> : null}
      builder={
        <StoryBuilder
          dataset={data.dataset}
          years={data.sel.mission(mission)?.years ?? [year]}
          onPresent={mode.start}
          onExportHtml={html.exportHtml ?? undefined}
        />
      }
    />
  );
});

/** The story feature. */
export const storyFeature: Feature = {
  id: 'story',
  useMap: useStoryMap,
  panels: [{ id: 'story', label: 'Case study', Component: StoryTab }],
  Overlay: StoryController,
};
