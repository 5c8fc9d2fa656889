/**
 * The loaded app: owns the AppState (reducer), keeps it in the URL, selects the data for the
 * view and lays out header, map, side panel and timeline.
 */
import type { Layer, PickingInfo } from '@deck.gl/core';
import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { BASEMAP_FILES } from '../domain/basemap';
import type { LoadedData } from '../data/load';
import {
  buildSearchIndex,
  createSelectors,
  type BaseView,
  type CellView,
  type SearchEntry,
} from '../data/selectors';
import { createTimelineSelectors } from '../data/timelineSelectors';
import { AtlasMap, type MapApi, type RenderTag } from '../map/AtlasMap';
import { atlasLayers } from '../map/atlasLayers';
import { LAYER_IDS } from '../map/layers';
import { missionColor } from '../map/scales';
import { basemapStyle } from '../map/basemap/style';
import { basemapLabelLayers, labelBox } from '../map/basemap/labels';
import { reduce, type Action } from '../state/reduce';
import { LAYER_KEYS, type AppState, type LayerKey } from '../state/state';
import { encodeUrlState, parseUrlState } from '../state/url';
import { Details } from './Details';
import { fmt, fmtTroops, noViolenceDataMessage } from './format';
import { Header } from './Header';
import { Legend } from './Legend';
import { Notices, type Notice } from './Screens';
import { SidePanel } from './SidePanel';
import { YearSummaryLine } from './timeline/YearSummaryLine';
import { ChangesPanel } from './timeline/ChangesPanel';
import { Timeline } from './timeline/Timeline';
import { useAtlasTimeline, type AtlasTimeline } from './timeline/useAtlasTimeline';
import { attributionText } from '../export/attribution';
import { storyHighlightLayers } from '../map/storyLayers';
import { ExportProgress } from './story/ExportProgress';
import { Presenter } from './story/Presenter';
import { StoryPanel } from './story/StoryPanel';
import { useExports } from './story/useExports';
import { useStoryMode } from './story/useStoryMode';
import { useLagAnalysis } from './lag/useLagAnalysis';

/** Test and benchmark hooks (read-only for tests; the app never reads them). */
export interface AtlasHooks {
  state: AppState;
  rendered: (RenderTag & { at: number }) | null;
  frames: number;
  /** lon/lat → map pixel, for clicking map features in tests. */
  project?: MapApi['project'];
  /** The timeline frame drawn (step, next step, tween t, playing, granularity). */
  timeline?: AtlasTimeline['hook'];
}

declare global {
  interface Window {
    __atlas?: AtlasHooks;
  }
}

/** Layers this build can draw. */
const AVAILABLE_LAYERS: LayerKey[] = [...LAYER_KEYS];

interface Hover {
  x: number;
  y: number;
  text: string;
}

const URL_DEBOUNCE_MS = 250;

/**
 * Copies of layers switched invisible. (Leaving a memoized layer out and passing the same instance
 * again later would make deck.gl re-initialise a finalized layer.)
 */
function hideLayers(layers: readonly (Layer | null)[]): (Layer | null)[] {
  return layers.map((l) => (l ? l.clone({ visible: false }) : null));
}

/** The atlas view over loaded data. */
export function Atlas(props: { data: LoadedData; initialWarnings?: string[] }) {
  const { dataset, basemap } = props.data;
  const sel = useMemo(() => createSelectors(dataset), [dataset]);
  const tsel = useMemo(() => createTimelineSelectors(sel), [sel]);
  const missions = sel.missions;

  const [initial] = useState(() =>
    parseUrlState(window.location.search, missions, {
      baseIds: new Set(dataset.bases.map((b) => b.id)),
    }),
  );
  const [state, dispatch] = useReducer(
    (s: AppState, a: Action) => reduce(s, a, missions),
    initial.state,
  );
  const [dismissed, setDismissed] = useState<Set<string>>(() => new Set());
  const [hover, setHover] = useState<Hover | null>(null);

  // URL: replaceState, debounced (camera changes come in bursts).
  useEffect(() => {
    const t = setTimeout(() => {
      const q = encodeUrlState(state);
      if (q !== window.location.search)
        window.history.replaceState(null, '', `${window.location.pathname}${q}`);
    }, URL_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [state]);

  // Title names the view (useful in tabs and bookmarks).
  useEffect(() => {
    document.title = `${state.mission} ${state.year} · Presence Atlas`;
  }, [state.mission, state.year]);

  // Escape clears the selection (unless typing in a field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const t = e.target as HTMLElement | null;
      if (e.key !== 'Escape' || (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) return;
      dispatch({ type: 'select', selection: null });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Test hooks.
  useEffect(() => {
    window.__atlas = { ...(window.__atlas ?? { rendered: null, frames: 0 }), state };
  }, [state]);
  const onRendered = useCallback((tag: RenderTag, at: number) => {
    const h = window.__atlas;
    if (h) {
      h.frames++;
      if (h.rendered?.key !== tag.key) h.rendered = { ...tag, at };
    }
  }, []);

  const [mapApi, setMapApi] = useState<MapApi | null>(null);
  const onMapReady = useCallback((api: MapApi) => {
    setMapApi(api);
    window.__atlas = {
      ...(window.__atlas ?? { rendered: null, frames: 0, state }),
      project: api.project,
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Case-study mode (presenter) and exports.
  const storyMode = useStoryMode(dataset, state, dispatch);
  const storyPlan = storyMode.plan;

  // Lag analysis: flags layers, legend block, tab, the selected cell's lag view.
  const lag = useLagAnalysis({ dataset, places: basemap.places, state, dispatch });

  const mission = sel.mission(state.mission);
  const coverage = sel.missionCoverage(state.mission, state.year);
  const cells = sel.cellsOf(state.year, state.perpetrator, coverage.covered);
  const bases = sel.basesOfYear(state.year);
  const summary = sel.yearSummary(state.mission, state.year, state.perpetrator);

  // Other missions listed in the legend: those with bases near this mission's area.
  const bbox = mission?.bbox;
  const nearbyOthers = useMemo(() => {
    const [w, so, e, n] = bbox ?? [-180, -90, 180, 90];
    const m = 3;
    const ids = [
      ...new Set(
        bases
          .filter(
            (b) =>
              b.by.mission !== state.mission &&
              b.by.lon >= w - m &&
              b.by.lon <= e + m &&
              b.by.lat >= so - m &&
              b.by.lat <= n + m,
          )
          .map((b) => b.by.mission),
      ),
    ].sort();
    return ids;
  }, [bases, state.mission, bbox]);
  const tl = useAtlasTimeline({
    sel,
    tsel,
    state,
    dispatch,
    covered: coverage.covered,
    missionIds: nearbyOthers,
  });
  const { step, next, t, playing, granularity } = tl.hook;
  useEffect(() => {
    window.__atlas = {
      ...(window.__atlas ?? { rendered: null, frames: 0, state }),
      timeline: { step, next, t, playing, granularity },
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step, next, t, playing, granularity]);
  const otherMissions = useMemo(
    () => nearbyOthers.map((id) => ({ id, color: missionColor(id, state.mission, nearbyOthers) })),
    [nearbyOthers, state.mission],
  );
  // Labels depend on the zoom only in 0.1 steps, and on a box around the view that changes only
  // when the centre crosses a viewport-sized grid line (see basemap/labels.ts); the window's size
  // bounds the map's.
  const labelZoom = Math.floor((state.camera?.zoom ?? 4) * 10) / 10;
  const box = state.camera
    ? labelBox(state.camera, { width: window.innerWidth, height: window.innerHeight })
    : null;
  const boxKey = box ? `${box.west},${box.south},${box.east},${box.north}` : '';
  const labels = useMemo(
    () => (state.layers.labels ? basemapLabelLayers(basemap, labelZoom, box) : []),
    // `box` is described by `boxKey`: a new box object with the same edges keeps the layers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [basemap, labelZoom, boxKey, state.layers.labels],
  );
  // In a story, redeployment markers show only where the scene asks for them.
  const showMarkers = !storyMode.active || storyPlan?.showChanges === true;
  const storyLayers = useMemo(
    () =>
      storyPlan
        ? storyHighlightLayers(bases, storyPlan.highlightBases, storyPlan.highlightCells)
        : [],
    [storyPlan, bases],
  );
  const layers = useMemo(
    () =>
      atlasLayers({
        state: { mission: state.mission, layers: state.layers, selection: state.selection },
        cells,
        bases,
        countries: basemap.countries,
        missing: coverage.missing,
        missionIds: nearbyOthers,
        extra: {
          belowBases: [
            // In a story the scene's lag parameters are in the state: the same flags layer.
            ...lag.layers,
            ...(showMarkers ? tl.markersBelow : hideLayers(tl.markersBelow)),
          ],
          top: [...(showMarkers ? tl.markersAbove : hideLayers(tl.markersAbove)), ...storyLayers],
        },
        override: { violence: tl.violence, bases: tl.bases },
      }),
    [
      state.mission,
      state.layers,
      state.selection,
      cells,
      bases,
      basemap.countries,
      coverage,
      nearbyOthers,
      tl.markersBelow,
      tl.markersAbove,
      tl.violence,
      tl.bases,
      showMarkers,
      storyLayers,
      lag.layers,
    ],
  );
  const renderTag = useMemo<RenderTag>(
    () => ({
      key: `${state.mission}:${state.year}:${state.perpetrator}:${LAYER_KEYS.map((k) => (state.layers[k] ? 1 : 0)).join('')}${tl.renderKeySuffix}:${lag.renderKey}`,
      counts: {
        cells: state.layers.violence ? cells.length : 0,
        bases: state.layers.bases ? bases.length : 0,
        flags: lag.flagCount,
      },
    }),
    [
      state.mission,
      state.year,
      state.perpetrator,
      state.layers,
      cells,
      bases,
      tl.renderKeySuffix,
      lag.renderKey,
      lag.flagCount,
    ],
  );

  const notices: Notice[] = useMemo(() => {
    const list: Notice[] = [];
    initial.notices.forEach((text, i) =>
      list.push({ id: `url-${i}`, text, kind: 'warning', dismissible: true }),
    );
    (props.initialWarnings ?? []).forEach((text, i) =>
      list.push({ id: `warn-${i}`, text, kind: 'warning', dismissible: true }),
    );
    if (storyMode.error)
      list.push({ id: 'story-error', text: storyMode.error, kind: 'warning', dismissible: true });
    if (coverage.missing.length > 0)
      list.push({
        id: `nodata-${state.mission}-${state.year}`,
        text: noViolenceDataMessage(coverage.missing, state.year, dataset.coverage),
        kind: 'info',
        dismissible: false,
      });
    return list.filter((n) => !dismissed.has(n.id));
  }, [
    initial.notices,
    props.initialWarnings,
    coverage,
    state.mission,
    state.year,
    dataset.coverage,
    dismissed,
    storyMode.error,
  ]);

  const exportsApi = useExports({
    dataset,
    countries: basemap.countries,
    places: basemap.places,
    state,
    live: mapApi ? mapApi.snapshot : null,
    screen: () => {
      const el = document.querySelector('.atlas-map');
      const width = el?.clientWidth ?? window.innerWidth;
      const height = el?.clientHeight ?? window.innerHeight;
      const none = { top: 0, right: 0, bottom: 0, left: 0 };
      return { width, height, padding: storyMode.active ? storyMode.layout.padding : none };
    },
    highlightBases: storyPlan?.highlightBases ?? [],
    highlightCells: storyPlan?.highlightCells ?? [],
    episodes: lag.episodes,
    title: storyMode.scene?.title ?? `${state.mission} ${state.year}`,
    subtitle: storyMode.story
      ? `${storyMode.story.title} · scene ${storyMode.index + 1} of ${storyMode.story.scenes.length}`
      : (mission?.countries.join(', ') ?? null),
    caption: storyMode.caption?.text ?? null,
    story: storyMode.story,
  });

  const lagClick = lag.onClick;
  const lagHover = lag.hoverText;
  const onClick = useCallback(
    (info: PickingInfo) => {
      if (lagClick(info)) return;
      const id = info.layer?.id;
      if (id === LAYER_IDS.violence && info.object)
        dispatch({
          type: 'select',
          selection: { kind: 'cell', gid: (info.object as CellView).gid },
        });
      else if (id === LAYER_IDS.bases && info.object)
        dispatch({
          type: 'select',
          selection: { kind: 'base', id: (info.object as BaseView).base.id },
        });
      else dispatch({ type: 'select', selection: null });
    },
    [lagClick],
  );

  const onHover = useCallback(
    (info: PickingInfo) => {
      const id = info.layer?.id;
      if (!info.object || !id) return setHover(null);
      const flagText = lagHover(info);
      if (flagText !== null) return setHover({ x: info.x, y: info.y, text: flagText });
      if (id === LAYER_IDS.violence) {
        const c = info.object as CellView;
        setHover({ x: info.x, y: info.y, text: `Cell ${c.gid}: ${fmt(c.value)} civilians killed` });
      } else if (id === LAYER_IDS.bases) {
        const b = info.object as BaseView;
        setHover({
          x: info.x,
          y: info.y,
          text: `${b.base.location} (${b.by.mission}): ${fmtTroops(b.by.troops)}`,
        });
      } else setHover(null);
    },
    [lagHover],
  );

  const searchIndex = useMemo(
    () => buildSearchIndex(basemap.places, dataset),
    [basemap.places, dataset],
  );
  const onSearchPick = useCallback(
    (e: SearchEntry) => {
      if (e.kind === 'base' && e.baseId) {
        const b = dataset.bases.find((x) => x.id === e.baseId);
        if (b && b.mission !== state.mission) dispatch({ type: 'setMission', mission: b.mission });
        const years = dataset.baseYears.filter((y) => y.baseId === e.baseId).map((y) => y.year);
        if (years.length > 0 && !years.includes(state.year)) {
          const nearest = years.reduce((a, y) =>
            Math.abs(y - state.year) < Math.abs(a - state.year) ? y : a,
          );
          dispatch({ type: 'setYear', year: nearest });
        }
        dispatch({
          type: 'focus',
          camera: { lon: e.lon, lat: e.lat, zoom: 7 },
          selection: { kind: 'base', id: e.baseId },
        });
      } else dispatch({ type: 'focus', camera: { lon: e.lon, lat: e.lat, zoom: 7 } });
    },
    [dataset, state.mission, state.year],
  );

  const onSelect = useCallback(
    (s: AppState['selection']) => dispatch({ type: 'select', selection: s }),
    [],
  );
  const cellDetails =
    state.selection?.kind === 'cell'
      ? sel.cellDetails(state.selection.gid, state.year, state.mission)
      : null;
  const baseDetails =
    state.selection?.kind === 'base' ? sel.baseDetails(state.selection.id, state.year) : null;
  const topCells = useMemo(
    () => [...cells].sort((a, b) => b.value - a.value).slice(0, 10),
    [cells],
  );
  // The basemap style loads its GeoJSON itself (so the map does not wait for our copy of it).
  const style = useMemo(() => {
    const abs = (file: string): string =>
      new URL(`${props.data.dataUrl}basemap/${file}`, window.location.href).href;
    return basemapStyle({
      countries: abs(BASEMAP_FILES.countries),
      borders: abs(BASEMAP_FILES.borders),
    });
  }, [props.data.dataUrl]);
  const onCameraChange = useCallback(
    (camera: { lon: number; lat: number; zoom: number }) => dispatch({ type: 'setCamera', camera }),
    [],
  );

  const ariaLabel = `Map of ${state.mission} in ${state.year}: ${cells.length} cells with one-sided violence, ${bases.filter((b) => b.by.mission === state.mission).length} ${state.mission} bases.`;

  return (
    <div className={storyMode.active ? 'app presenting' : 'app'}>
      <Header
        missions={missions}
        mission={state.mission}
        onMission={(m) => dispatch({ type: 'setMission', mission: m })}
        perpetrator={state.perpetrator}
        onPerpetrator={(p) => dispatch({ type: 'setPerpetrator', perpetrator: p })}
        layers={state.layers}
        availableLayers={AVAILABLE_LAYERS}
        onToggleLayer={(l) => dispatch({ type: 'toggleLayer', layer: l })}
        onFit={() => dispatch({ type: 'fitMission' })}
        searchIndex={searchIndex}
        onSearchPick={onSearchPick}
      />
      <main className="map-area">
        <AtlasMap
          style={style}
          layers={layers}
          camera={state.camera}
          fitBounds={mission?.bbox ?? null}
          onCameraChange={onCameraChange}
          onClick={onClick}
          onHover={onHover}
          renderTag={renderTag}
          onRendered={onRendered}
          onReady={onMapReady}
          ariaLabel={ariaLabel}
          motion={storyMode.motion}
          staticLayers={labels}
        />
        {storyMode.active ? (
          <Presenter
            mode={storyMode}
            year={state.year}
            perpetrator={state.perpetrator}
            layers={state.layers}
            noData={coverage.missing}
            attribution={attributionText(dataset.coverage)}
            onExportPng={() => void exportsApi.viewPng(1)}
          />
        ) : null}
        <Notices notices={notices} onDismiss={(id) => setDismissed((d) => new Set([...d, id]))} />
        <Legend
          year={state.year}
          month={state.month}
          perpetrator={state.perpetrator}
          showViolence={state.layers.violence}
          showNoData={coverage.missing.length > 0}
          showBases={state.layers.bases}
          mission={state.mission}
          otherMissions={otherMissions}
        >
          {storyMode.active ? null : lag.legend}
        </Legend>
        {hover ? (
          <div className="tooltip" style={{ left: hover.x + 12, top: hover.y + 12 }} aria-hidden>
            {hover.text}
          </div>
        ) : null}
      </main>
      <SidePanel
        active={state.panel}
        onActivate={(panel) => dispatch({ type: 'setPanel', panel })}
        tabs={[
          {
            id: 'details',
            label: 'Details',
            content: (
              <Details
                selection={state.selection}
                year={state.year}
                perpetrator={state.perpetrator}
                coverage={dataset.coverage}
                cell={cellDetails}
                base={baseDetails}
                topCells={topCells}
                noDataMessage={
                  coverage.missing.length > 0
                    ? noViolenceDataMessage(coverage.missing, state.year, dataset.coverage)
                    : null
                }
                onSelect={onSelect}
                cellExtra={lag.cellDetail}
              />
            ),
          },
          { id: 'changes', label: 'Changes', content: <ChangesPanel {...tl.changes} /> },
          { id: 'lag', label: 'Lag', content: lag.panel },
          {
            id: 'story',
            label: 'Case study',
            content: (
              <StoryPanel
                dataset={dataset}
                mission={state.mission}
                year={state.year}
                years={mission?.years ?? [state.year]}
                onPresent={storyMode.start}
                exports={exportsApi}
                openStory={state.story?.id ?? null}
              />
            ),
          },
        ]}
      />
      <footer className="footer">
        <Timeline
          {...tl.bar}
          summary={<YearSummaryLine summary={summary} mission={state.mission} />}
        />
        <p className="attribution">{attributionText(dataset.coverage)}</p>
      </footer>
      <ExportProgress busy={exportsApi.busy} onCancel={exportsApi.cancel} />
    </div>
  );
}
