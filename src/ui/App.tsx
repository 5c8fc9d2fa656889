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
  completeDataset,
  datasetPending,
  loadCellMonthTable,
  loadCellYearTable,
  loadDataset,
  type BasemapData,
  type LoadProgress,
  type LoadedData,
} from '../data/load';
import { loadDataInfo, type DataInfoResult } from '../data/dataInfo';
import { dataFetch } from '../data/embedded';
import type { Dataset } from '../domain/dataset';
import { linkFirstView } from '../state/dataNeeds';
import type { MissionYears } from '../state/state';
import { linkNeedsCellMonths } from '../state/url';
import { DataHelpProvider } from './help/DataHelp';
import { ErrorScreen, LoadingScreen } from './Screens';

// The map (MapLibre + deck.gl, most of the bundle) loads in parallel with the data.
const Atlas = lazy(() => import('./Atlas').then((m) => ({ default: m.Atlas })));

/**
 * What the first frame does not need (the other countries' cell-years, the cell-months) loads
 * after the map's first frame, or after this long at the latest.
 */
const REST_AT_LATEST_MS = 10_000;

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
  // The new dataset when a later load completes it (the current one, whatever came in between).
  const update = useCallback((next: (ds: Dataset) => Dataset) => {
    setPhase((p) => {
      if (p.kind !== 'ready') return p;
      const dataset = next(p.data.dataset);
      return dataset === p.data.dataset ? p : { ...p, data: { ...p.data, dataset } };
    });
  }, []);
  // The rest of the cell-years (the first frame has its mission's countries only): loaded after
  // the first frame; a view that needs them waits for them, and "Try again" calls this again.
  const yearsLoading = useRef(false);
  const loadRestOfCellYears = useCallback(async (): Promise<void> => {
    if (yearsLoading.current) return;
    yearsLoading.current = true;
    update((ds) =>
      ds.cellYearsPending?.status === 'failed'
        ? datasetPending(ds, 'cellYears', { status: 'loading' })
        : ds,
    );
    try {
      const cellYears = await loadCellYearTable(url, dataFetch());
      update((ds) => completeDataset(ds, { cellYears }));
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      console.warn(`Cell-years not loaded: ${detail}`);
      update((ds) => datasetPending(ds, 'cellYears', { status: 'failed', detail }));
    } finally {
      yearsLoading.current = false;
    }
  }, [url, update]);
  // The cell-months (most of the bytes of a large build) are not drawn in the first frame: they
  // load after it, unless the link opens on a monthly view. Until then the dataset says so
  // (`cellMonthsPending`) and the monthly views show "loading".
  const loadCellMonthsNow = useCallback(async (): Promise<void> => {
    try {
      const cellMonths = await loadCellMonthTable(url, dataFetch());
      update((ds) => completeDataset(ds, { cellMonths }));
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      console.warn(`Monthly data not loaded: ${detail}`);
      update((ds) => datasetPending(ds, 'cellMonths', { status: 'failed', detail }));
    }
  }, [url, update]);
  // What the first frame did not need, once: the rest of the cell-years, then the cell-months.
  const later = useRef<Dataset | null>(null);
  const onFirstFrame = useCallback(() => {
    const first = later.current;
    if (!first) return;
    later.current = null;
    void (async () => {
      if (first.cellYearsPending) await loadRestOfCellYears();
      if (first.cellMonthsPending) await loadCellMonthsNow();
    })();
  }, [loadRestOfCellYears, loadCellMonthsNow]);
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
    const search = window.location.search;
    const deferCellMonths = !linkNeedsCellMonths(search);
    // The first frame loads the cell-years of its mission's countries only.
    const firstView = (missions: readonly MissionYears[]): string | 'all' =>
      linkFirstView(search, missions);
    let fallback = 0;
    Promise.all([
      loadDataset(url, onProgress, get, { deferCellMonths, firstView }),
      loadDataInfo(url, get),
    ])
      .then(([dataset, info]) => {
        if (cancelled) return;
        const complete = !dataset.cellMonthsPending && !dataset.cellYearsPending;
        later.current = complete ? null : dataset;
        setPhase({ kind: 'ready', data: { dataUrl: url, dataset }, info });
        // Should the map never draw (no WebGL, a hidden tab), the rest still comes.
        if (!complete) fallback = window.setTimeout(onFirstFrame, REST_AT_LATEST_MS);
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
          onRetryCellYears={() => void loadRestOfCellYears()}
        />
      </Suspense>
    </DataHelpProvider>
  );
}
