/**
 * The export actions (PNG, small multiples, videos) for the whole app: one instance, created
 * where the store, the data and the live map are known, read by the Case-study tab and the
 * presenter's PNG button. What an export shows is read from the store when it starts.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { toLagParams } from '../../data/lagSelectors';
import type { MapApi } from '../../map/AtlasMap';
import type { Store } from '../../state/store';
import { defaultState } from '../../state/state';
import { sceneToState } from '../../story/scene';
import { createSceneFacts } from '../../story/sceneFacts';
import { storyById } from './draftStory';
import { useData } from '../dataContext';
import { DEFAULT_COVERAGE_PARAMS } from '../../domain/coverageParams';
import { coverageExport } from '../coverage/exportMarks';
import { loadedOsvEvents } from '../coverage/useOsvEvents';
import { presenterLayout } from './layout';
import { useExports, type ExportContext, type Exports } from './useExports';

const ExportsContext = createContext<Exports | null>(null);

/** Creates the export actions and provides them. */
export function ExportsProvider(props: {
  store: Store;
  mapApi: MapApi | null;
  children: ReactNode;
}) {
  const { data, basemap, dataUrl } = useData();
  const { store, mapApi } = props;
  const facts = useMemo(() => createSceneFacts(data.dataset), [data.dataset]);
  const exportsApi = useExports((): ExportContext => {
    const state = store.getState();
    const { dataset } = data;
    const el = document.querySelector('.atlas-map');
    const width = el?.clientWidth ?? window.innerWidth;
    const height = el?.clientHeight ?? window.innerHeight;
    const story = state.story ? (storyById(state.story.id, state.storyDraft) ?? null) : null;
    const scene = story && state.story ? (story.scenes[state.story.scene] ?? null) : null;
    const layout = presenterLayout({ width: window.innerWidth, height: window.innerHeight });
    const plan =
      story && scene
        ? sceneToState(scene, story, defaultState(dataset.missions), dataset, {
            width: window.innerWidth,
            height: window.innerHeight,
            padding: layout.padding,
          })
        : null;
    const result = state.layers.flags
      ? data.lag.result(state.mission, toLagParams(state.lag, state.perpetrator))
      : null;
    const none = { top: 0, right: 0, bottom: 0, left: 0 };
    // What the hotspots and coverage features draw now (the same selectors as their layers).
    const { year, perpetrator } = state;
    const judged = data.sel
      .mission(state.mission)
      ?.countries.some((c) => data.sel.hasViolence(c, year - 1));
    const hotspotCells =
      state.layers.hotspots && judged
        ? data.sel.newHotspots(state.mission, year, perpetrator, state.lag.theta)
        : null;
    const events = state.panel === 'coverage' ? loadedOsvEvents(dataUrl) : null;
    const coverage = events
      ? coverageExport(
          data.coverage(events),
          state.mission,
          {
            km: state.coverage.km,
            perpetrator,
            precision: state.lag.precision ?? DEFAULT_COVERAGE_PARAMS.precision,
          },
          year,
          { k: state.coverage.k, n: state.coverage.n },
        )
      : null;
    const mission = data.sel.mission(state.mission);
    return {
      dataset,
      countries: basemap.countries,
      places: basemap.places,
      state,
      live: mapApi ? mapApi.snapshot : null,
      screen: () => ({ width, height, padding: story ? layout.padding : none }),
      highlightBases: plan?.highlightBases ?? [],
      highlightCells: plan?.highlightCells ?? [],
      episodes: result?.summary.hasViolenceData ? result.episodes : null,
      title: scene?.title ?? `${state.world ? 'World view' : state.mission} ${state.year}`,
      subtitle: story
        ? `${story.title} · scene ${state.story!.scene + 1} of ${story.scenes.length}`
        : state.world
          ? worldSubtitle(state.world.missions)
          : (mission?.countries.join(', ') ?? null),
      caption: story && scene ? facts.caption(story, scene, state.year).text : null,
      story,
      hotspots: state.layers.hotspots
        ? {
            theta: state.lag.theta,
            count: hotspotCells ? hotspotCells.length : null,
            gids: hotspotCells ? hotspotCells.map((c) => c.gid) : [],
          }
        : null,
      coverage,
    };
  });
  return <ExportsContext.Provider value={exportsApi}>{props.children}</ExportsContext.Provider>;
}

/** The World view's export subtitle: which missions it draws. */
function worldSubtitle(missions: readonly string[]): string {
  if (missions.length === 0) return 'Every peacekeeping mission with bases in the year';
  return `Missions shown: ${missions.join(', ')}`;
}

/** The export actions (throws outside an {@link ExportsProvider}). */
export function useExportsApi(): Exports {
  const v = useContext(ExportsContext);
  if (!v) throw new Error('useExportsApi needs an <ExportsProvider>.');
  return v;
}
