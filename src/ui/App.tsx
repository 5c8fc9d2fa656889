/**
 * The app shell: loads the data (with progress), then shows the atlas; a clear error screen when
 * the data is missing or corrupt.
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import {
  DataLoadError,
  EMPTY_BASEMAP,
  defaultDataUrl,
  loadBasemapData,
  loadCellMonths,
  loadDataset,
  type BasemapData,
  type LoadProgress,
  type LoadedData,
} from '../data/load';
import { loadDataInfo, type DataInfoResult } from '../data/dataInfo';
import { dataFetch } from '../data/embedded';
import type { Dataset } from '../domain/dataset';
import { linkNeedsCellMonths } from '../state/url';
import { DataHelpProvider } from './help/DataHelp';
import { ErrorScreen, LoadingScreen } from './Screens';

// The map (MapLibre + deck.gl, most of the bundle) loads in parallel with the data.
const Atlas = lazy(() => import('./Atlas').then((m) => ({ default: m.Atlas })));

/** The cell-months load after the map's first frame, or after this long at the latest. */
const MONTHS_AT_LATEST_MS = 10_000;

type Phase =
  | { kind: 'loading'; progress: LoadProgress | null }
  | { kind: 'ready'; data: Omit<LoadedData, 'basemap'>; info: DataInfoResult }
  | { kind: 'error'; error: unknown };

const TITLES: Record<DataLoadError['problem'], string> = {
  missing: 'The data has not been built',
  corrupt: 'The data files are damaged or out of date',
  network: 'The data could not be loaded',
};

/** Root component. */
export function App(props: { dataUrl?: string }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading', progress: null });
  // Town and country names, country outlines: not needed for the first frame, so they arrive later.
  const [extras, setExtras] = useState<{ basemap: BasemapData; warnings: string[] }>({
    basemap: EMPTY_BASEMAP,
    warnings: [],
  });
  const url = props.dataUrl ?? defaultDataUrl();
  // The cell-months (most of the bytes of a large build) are not drawn in the first frame: they
  // load after it, unless the link opens on a monthly view. Until then the dataset says so
  // (`cellMonthsPending`) and the monthly views show "loading".
  const monthsLater = useRef<Dataset | null>(null);
  const onFirstFrame = useCallback(() => {
    const partial = monthsLater.current;
    if (!partial) return;
    monthsLater.current = null;
    void loadCellMonths(url, partial, dataFetch()).then((dataset) => {
      if (dataset.cellMonthsPending?.status === 'failed')
        console.warn(`Monthly data not loaded: ${dataset.cellMonthsPending.detail}`);
      setPhase((p) =>
        p.kind === 'ready' && p.data.dataset === partial
          ? { ...p, data: { ...p.data, dataset } }
          : p,
      );
    });
  }, [url]);
  useEffect(() => {
    let cancelled = false;
    void import('./Atlas'); // start fetching the map code now
    // At most one progress render per animation frame: the data arrives in many chunks, and a
    // render per chunk took main-thread time from parsing and decoding.
    let latest: LoadProgress | null = null;
    let frame = 0;
    const onProgress = (progress: LoadProgress): void => {
      latest = progress;
      if (frame !== 0 || cancelled) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const shown = latest;
        if (!cancelled && shown)
          setPhase((p) => (p.kind === 'loading' ? { kind: 'loading', progress: shown } : p));
      });
    };
    // The manifest (what Help → Data and the demo notice say) comes with the data, so that the
    // notice is in the first frame rather than shifting the layout later.
    // On a self-contained story file, the data comes from the page itself (never the network).
    const get = dataFetch();
    const deferCellMonths = !linkNeedsCellMonths(window.location.search);
    let fallback = 0;
    Promise.all([loadDataset(url, onProgress, get, { deferCellMonths }), loadDataInfo(url, get)])
      .then(([dataset, info]) => {
        if (cancelled) return;
        monthsLater.current = deferCellMonths ? dataset : null;
        setPhase({ kind: 'ready', data: { dataUrl: url, dataset }, info });
        // Should the map never draw (no WebGL, a hidden tab), the months still come.
        if (deferCellMonths) fallback = window.setTimeout(onFirstFrame, MONTHS_AT_LATEST_MS);
      })
      .catch((error: unknown) => {
        if (!cancelled) setPhase({ kind: 'error', error });
      });
    loadBasemapData(url, get)
      .then((x) => {
        if (!cancelled) setExtras(x);
      })
      .catch(() => {});
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
      window.clearTimeout(fallback);
    };
  }, [url, onFirstFrame]);

  if (phase.kind === 'loading') return <LoadingScreen progress={phase.progress} />;
  if (phase.kind === 'error') {
    const e = phase.error;
    if (e instanceof DataLoadError)
      return <ErrorScreen title={TITLES[e.problem]} detail={e.message} file={e.file} fix={e.fix} />;
    return (
      <ErrorScreen
        title="Something went wrong while loading"
        detail={e instanceof Error ? e.message : String(e)}
        fix="npm run data"
      />
    );
  }
  return (
    <DataHelpProvider result={phase.info}>
      <Suspense fallback={<LoadingScreen progress={null} />}>
        <Atlas
          data={{ ...phase.data, basemap: extras.basemap }}
          initialWarnings={extras.warnings}
          onFirstFrame={onFirstFrame}
        />
      </Suspense>
    </DataHelpProvider>
  );
}
