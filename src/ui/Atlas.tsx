/**
 * The loaded app, as composition: the one store (initialised from the link), the data bundle,
 * the feature list, and the layout — header, map (features' layers, legend, overlays), side panel
 * (features' tabs), timeline. It owns no view state of its own and knows nothing of what any
 * feature draws.
 */
import { useEffect, useMemo, useState } from 'react';
import { atlasData } from '../data/atlasData';
import type { LoadedData } from '../data/load';
import { BASEMAP_FILES } from '../domain/basemap';
import { attributionText } from '../export/attribution';
import type { MapApi } from '../map/AtlasMap';
import { basemapStyle } from '../map/basemap/style';
import { initialStore, useDraftSync, useUrlSync } from './boot';
import { pagePayload } from '../data/embedded';
import { Clock } from './Clock';
import { DataGate } from './DataGate';
import { DataProvider, useData } from './dataContext';
import { FEATURES } from './features';
import { FeaturesProvider } from './features/registry';
import { ExportProgressHost, HeaderHost, NoticesHost, SidePanelHost } from './Hosts';
import { MapHost } from './MapHost';
import { ExportsProvider } from './story/exportsContext';
import { StoreProvider, useAtlas, useDispatch } from './store';
import { TimelineHost } from './timeline/TimelineHost';

export type { AtlasHooks } from './MapHost';

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
function Shell(props: {
  notices: readonly string[];
  onMapReady: (api: MapApi) => void;
  onFirstFrame?: () => void;
  onRetryCellYears?: () => void;
}) {
  const { data, dataUrl } = useData();
  const presenting = useAtlas((s) => s.story !== null);
  useDocumentBindings();
  // The basemap style loads its GeoJSON itself (so the map does not wait for our copy of it).
  const style = useMemo(() => {
    // A self-contained story file carries the GeoJSON itself (no request leaves the file).
    const embedded = pagePayload();
    const abs = (file: string): string | GeoJSON.GeoJSON =>
      (embedded?.files[`basemap/${file}`] as GeoJSON.GeoJSON | undefined) ??
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
        <MapHost style={style} onReady={props.onMapReady} onFirstFrame={props.onFirstFrame}>
          <NoticesHost initial={props.notices} />
        </MapHost>
      </main>
      <SidePanelHost />
      <footer className="footer">
        <TimelineHost />
        <p className="attribution">{attributionText(data.dataset.coverage)}</p>
      </footer>
      <ExportProgressHost />
      <DataGate onRetry={props.onRetryCellYears} />
    </div>
  );
}

/**
 * The atlas view over loaded data. `onFirstFrame` is called after the map's first frame (the
 * app then loads what that frame did not need); `onRetryCellYears` loads the rest of the
 * cell-years again after a failure.
 */
export function Atlas(props: {
  data: LoadedData;
  initialWarnings?: string[];
  onFirstFrame?: () => void;
  onRetryCellYears?: () => void;
}) {
  const { dataset, basemap, dataUrl } = props.data;
  const data = useMemo(() => atlasData(dataset, basemap.places), [dataset, basemap.places]);
  const dataValue = useMemo(() => ({ data, basemap, dataUrl }), [data, basemap, dataUrl]);
  const [{ store, notices: urlNotices }] = useState(() => initialStore(props.data));
  const warnings = props.initialWarnings;
  const notices = useMemo(() => [...urlNotices, ...(warnings ?? [])], [urlNotices, warnings]);
  useUrlSync(store);
  useDraftSync(store);
  const [mapApi, setMapApi] = useState<MapApi | null>(null);
  return (
    <DataProvider value={dataValue}>
      <StoreProvider store={store}>
        <FeaturesProvider features={FEATURES}>
          <ExportsProvider store={store} mapApi={mapApi}>
            <Shell
              notices={notices}
              onMapReady={setMapApi}
              onFirstFrame={props.onFirstFrame}
              onRetryCellYears={props.onRetryCellYears}
            />
          </ExportsProvider>
        </FeaturesProvider>
      </StoreProvider>
    </DataProvider>
  );
}
