/**
 * The loaded app, as composition: the one store (initialised from the link), the data bundle,
 * the feature list, and the layout — header, map (features' layers, legend, overlays), side panel
 * (features' tabs), timeline. It owns no view state of its own and knows nothing of what any
 * feature draws.
 */
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { atlasData } from '../data/atlasData';
import type { LoadedData } from '../data/load';
import { BASEMAP_FILES } from '../domain/basemap';
import { attributionText } from '../export/attribution';
import type { MapApi } from '../map/AtlasMap';
import { basemapStyle } from '../map/basemap/style';
import { createStore, type Store } from '../state/store';
import { LAYER_KEYS, type PanelTab } from '../state/state';
import { encodeUrlState, parseUrlState } from '../state/url';
import { findStory } from '../story/stories';
import { DataProvider, useData } from './dataContext';
import { FEATURES } from './features';
import { FeaturesProvider } from './features/registry';
import { noViolenceDataMessage } from './format';
import { Header } from './Header';
import { MapHost } from './MapHost';
import { Notices, type Notice } from './Screens';
import { SidePanel } from './SidePanel';
import { ExportProgress } from './story/ExportProgress';
import { ExportsProvider, useExportsApi } from './story/exportsContext';
import { StoreProvider, useAtlas, useDispatch } from './store';
import { TimelineHost } from './timeline/TimelineHost';
import { Clock } from './Clock';

export type { AtlasHooks } from './MapHost';

const URL_DEBOUNCE_MS = 250;

/** The store of a page: the link's state (its problems become notices), validated. */
function initialStore(data: LoadedData): { store: Store; notices: string[] } {
  const { dataset } = data;
  const missions = atlasData(dataset).sel.missions;
  const parsed = parseUrlState(window.location.search, missions, {
    baseIds: new Set(dataset.bases.map((b) => b.id)),
  });
  const notices = [...parsed.notices];
  let state = parsed.state;
  if (state.story && !findStory(state.story.id)) {
    notices.push(`There is no story “${state.story.id}”; showing the atlas.`);
    state = { ...state, story: null };
  }
  return { store: createStore(state, missions), notices };
}

/** Keeps the link in step with the store (debounced: camera changes come in bursts). */
function useUrlSync(store: Store): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const write = (): void => {
      const q = encodeUrlState(store.getState());
      if (q !== window.location.search)
        window.history.replaceState(null, '', `${window.location.pathname}${q}`);
    };
    const schedule = (): void => {
      clearTimeout(timer);
      timer = setTimeout(write, URL_DEBOUNCE_MS);
    };
    const unsubscribe = store.subscribe(schedule);
    schedule(); // the link names the view from the start (e.g. the default mission)
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store]);
}

/** The notices over the map: link problems, load warnings, and missing violence data. */
const NoticesHost = memo(function NoticesHost(props: { initial: readonly string[] }) {
  const { data } = useData();
  const mission = useAtlas((s) => s.mission);
  const year = useAtlas((s) => s.year);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const coverage = data.sel.missionCoverage(mission, year);
  const notices = useMemo(() => {
    const list: Notice[] = props.initial.map((text, i) => ({
      id: `initial-${i}`,
      text,
      kind: 'warning',
      dismissible: true,
    }));
    if (coverage.missing.length > 0)
      list.push({
        id: `nodata-${mission}-${year}`,
        text: noViolenceDataMessage(coverage.missing, year, data.dataset.coverage),
        kind: 'info',
        dismissible: false,
      });
    return list.filter((n) => !dismissed.has(n.id));
  }, [props.initial, coverage, mission, year, data.dataset.coverage, dismissed]);
  return <Notices notices={notices} onDismiss={(id) => setDismissed((d) => new Set([...d, id]))} />;
});

/** The header bound to the store. */
const HeaderHost = memo(function HeaderHost() {
  const { data } = useData();
  const dispatch = useDispatch();
  const mission = useAtlas((s) => s.mission);
  const perpetrator = useAtlas((s) => s.perpetrator);
  const layers = useAtlas((s) => s.layers);
  const searchIndex = useMemo(() => data.searchIndex(), [data]);
  return (
    <Header
      missions={data.sel.missions}
      mission={mission}
      onMission={(m) => dispatch({ type: 'setMission', mission: m })}
      perpetrator={perpetrator}
      onPerpetrator={(p) => dispatch({ type: 'setPerpetrator', perpetrator: p })}
      layers={layers}
      availableLayers={LAYER_KEYS}
      onToggleLayer={(l) => dispatch({ type: 'toggleLayer', layer: l })}
      onFit={() => dispatch({ type: 'fitMission' })}
      searchIndex={searchIndex}
      onSearchPick={(e) =>
        dispatch({ type: 'pickSearchResult', pick: data.sel.searchPick(e), zoom: 7 })
      }
    />
  );
});

/** The side panel with the features' tabs. */
const SidePanelHost = memo(function SidePanelHost() {
  const dispatch = useDispatch();
  const active = useAtlas((s) => s.panel);
  const tabs = useMemo(
    () =>
      FEATURES.flatMap((f) => f.panels ?? []).map((p) => ({
        id: p.id,
        label: p.label,
        content: <p.Component />,
      })),
    [],
  );
  const onActivate = useCallback(
    (panel: PanelTab) => dispatch({ type: 'setPanel', panel }),
    [dispatch],
  );
  return <SidePanel active={active} onActivate={onActivate} tabs={tabs} />;
});

const ExportProgressHost = memo(function ExportProgressHost() {
  const ex = useExportsApi();
  return <ExportProgress busy={ex.busy} onCancel={ex.cancel} />;
});

/** Title and Escape: the document title names the view; Escape clears the selection. */
function useDocumentBindings(): void {
  const dispatch = useDispatch();
  const mission = useAtlas((s) => s.mission);
  const year = useAtlas((s) => s.year);
  useEffect(() => {
    document.title = `${mission} ${year} · Presence Atlas`;
  }, [mission, year]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const t = e.target as HTMLElement | null;
      if (e.key !== 'Escape' || (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) return;
      dispatch({ type: 'select', selection: null });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch]);
}

/** The page layout. */
function Shell(props: { notices: readonly string[]; onMapReady: (api: MapApi) => void }) {
  const { data, dataUrl } = useData();
  const presenting = useAtlas((s) => s.story !== null);
  useDocumentBindings();
  // The basemap style loads its GeoJSON itself (so the map does not wait for our copy of it).
  const style = useMemo(() => {
    const abs = (file: string): string =>
      new URL(`${dataUrl}basemap/${file}`, window.location.href).href;
    return basemapStyle({
      countries: abs(BASEMAP_FILES.countries),
      borders: abs(BASEMAP_FILES.borders),
    });
  }, [dataUrl]);
  return (
    <div className={presenting ? 'app presenting' : 'app'}>
      <Clock />
      <HeaderHost />
      <main className="map-area">
        <MapHost style={style} onReady={props.onMapReady}>
          <NoticesHost initial={props.notices} />
        </MapHost>
      </main>
      <SidePanelHost />
      <footer className="footer">
        <TimelineHost />
        <p className="attribution">{attributionText(data.dataset.coverage)}</p>
      </footer>
      <ExportProgressHost />
    </div>
  );
}

/** The atlas view over loaded data. */
export function Atlas(props: { data: LoadedData; initialWarnings?: string[] }) {
  const { dataset, basemap, dataUrl } = props.data;
  const data = useMemo(() => atlasData(dataset, basemap.places), [dataset, basemap.places]);
  const dataValue = useMemo(() => ({ data, basemap, dataUrl }), [data, basemap, dataUrl]);
  const [{ store, notices: urlNotices }] = useState(() => initialStore(props.data));
  const warnings = props.initialWarnings;
  const notices = useMemo(() => [...urlNotices, ...(warnings ?? [])], [urlNotices, warnings]);
  useUrlSync(store);
  const [mapApi, setMapApi] = useState<MapApi | null>(null);
  return (
    <DataProvider value={dataValue}>
      <StoreProvider store={store}>
        <FeaturesProvider features={FEATURES}>
          <ExportsProvider store={store} mapApi={mapApi}>
            <Shell notices={notices} onMapReady={setMapApi} />
          </ExportsProvider>
        </FeaturesProvider>
      </StoreProvider>
    </DataProvider>
  );
}
