/**
 * The atlas on the grid of the store (`state.grid`): null on PRIO-GRID; on H3 the grid's part
 * index (`grid_h3r4/index.json`: the hexagon of each base coordinate, the part file of each
 * country), the part files of the mission's host countries (their hexagon-years, written by the
 * data build) and the H3 code (`h3Runtime.ts`, its own chunk) are fetched on the first switch to
 * the grid (a mission with other host countries fetches their parts), and the regridded
 * selectors are built from them once per set of countries (`gridData`, memoized). A data folder
 * with the whole grid file only (`grid_h3r4.json`, built before the part files) uses it; one
 * without grid files (built before them, or a self-contained story file) falls back to
 * the events table (the one `useOsvEvents` load, shared with the Coverage tab), aggregated in the
 * browser.
 */
import { useEffect, useMemo, useState } from 'react';
import type { GridData, GridSource, H3GridId } from '../../data/gridData';
import { dataFetch } from '../../data/embedded';
import { DataLoadError, loadGridFile, loadGridIndex, loadGridPart } from '../../data/load';
import type { CellYearTable } from '../../domain/cellYearTable';
import { mergeGridParts, type GridPartIndex, type GridPrecomputed } from '../../domain/gridFile';
import { missionHostCountries } from '../../domain/lagIndex';
import type { GridId } from '../../domain/gridSystem';
import { useOsvEvents, type OsvEventsState } from '../coverage/useOsvEvents';
import { useData } from '../dataContext';
import { useAtlas } from '../store';

/** The lazily loaded H3 module. */
export type H3Runtime = typeof import('./h3Runtime');

let runtime: H3Runtime | null = null;
let runtimeLoad: Promise<H3Runtime> | null = null;

/** Loads the H3 module once (a failed load may be retried). */
export function loadH3Runtime(): Promise<H3Runtime> {
  runtimeLoad ??= import('./h3Runtime').then(
    (m) => (runtime = m),
    (e: unknown) => {
      runtimeLoad = null;
      throw e;
    },
  );
  return runtimeLoad;
}

/** Where a grid's rows for a mission stand: loaded, absent (use the events), or failed. */
type GridFileState =
  | { status: 'idle' | 'loading' }
  | { status: 'ready'; file: GridPrecomputed }
  | { status: 'absent' }
  | { status: 'error'; message: string };

/** File loads by key, each once (a network failure is forgotten, so a later switch retries). */
const loads = new Map<string, Promise<unknown>>();
const fileLoaded = new Map<string, GridFileState>();
const fileLoads = new Map<string, Promise<GridFileState>>();

function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = loads.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    loads.set(key, p);
    p.catch((e: unknown) => {
      if (!(e instanceof DataLoadError && (e.problem === 'missing' || e.problem === 'corrupt')))
        loads.delete(key);
    });
  }
  return p;
}

/**
 * The grid's rows for `countries` (the mission's host countries): the part index, then the
 * countries' part files (each fetched once per data folder), merged; a data folder without part
 * files (built before them) gives the whole grid file.
 */
async function gridRows(
  dataUrl: string,
  id: H3GridId,
  countries: readonly string[],
): Promise<GridPrecomputed> {
  let index: GridPartIndex;
  try {
    index = await once(`${id}:index:${dataUrl}`, () => loadGridIndex(dataUrl, id, dataFetch()));
  } catch (e) {
    if (!(e instanceof DataLoadError && e.problem === 'missing')) throw e;
    return once(`${id}:whole:${dataUrl}`, () => loadGridFile(dataUrl, id, dataFetch()));
  }
  const parts = await Promise.all(
    countries.map((c) =>
      once(`${id}:part:${c}:${dataUrl}`, () => loadGridPart(dataUrl, index, c, dataFetch())),
    ),
  );
  return mergeGridParts(
    index,
    parts.filter((t): t is CellYearTable => t !== null),
  );
}

/**
 * Loads (once per data folder, grid and set of countries) the grid's rows; 'absent' when the
 * folder has no grid files or has one this app cannot read.
 */
function loadGridFileOnce(
  dataUrl: string,
  id: H3GridId,
  countries: readonly string[],
  key: string,
): Promise<GridFileState> {
  let p = fileLoads.get(key);
  if (!p) {
    p = gridRows(dataUrl, id, countries).then(
      (file): GridFileState => ({ status: 'ready', file }),
      // No file, or one this app cannot read (another format version, damaged): the hexagons
      // are computed from the events table instead; a network failure is an error (retried).
      (e: unknown): GridFileState => {
        if (e instanceof DataLoadError && (e.problem === 'missing' || e.problem === 'corrupt')) {
          if (e.problem === 'corrupt')
            console.warn(`Grid file not used (${e.message}); hexagons from the events table.`);
          return { status: 'absent' };
        }
        return { status: 'error', message: e instanceof Error ? e.message : String(e) };
      },
    );
    void p.then((s) => {
      if (s.status === 'error')
        fileLoads.delete(key); // a later switch may try again
      else fileLoaded.set(key, s);
    });
    fileLoads.set(key, p);
  }
  return p;
}

function useGridFile(dataUrl: string, grid: GridId, countries: readonly string[]): GridFileState {
  const key = `${grid}:${dataUrl}:${countries.join('|')}`;
  const [state, setState] = useState<{ key: string; s: GridFileState }>({
    key,
    s: fileLoaded.get(key) ?? { status: 'idle' },
  });
  const current = state.key === key ? state.s : (fileLoaded.get(key) ?? { status: 'idle' });
  const settled = current.status === 'ready' || current.status === 'absent';
  useEffect(() => {
    if (grid === 'prio' || settled) return;
    let live = true;
    setState({ key, s: { status: 'loading' } });
    void loadGridFileOnce(dataUrl, grid, countries, key).then((s) => live && setState({ key, s }));
    return () => {
      live = false;
    };
    // `countries` is part of `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dataUrl, grid, key, settled]);
  return current;
}

/** Where the grid's data stand: PRIO-GRID needs nothing; H3 waits for its data and the code. */
export interface GridDataState {
  grid: GridId;
  /**
   * The events table: loaded only when the data folder has no grid file (else 'idle'); a grid
   * file's own load problem is reported here as an error too.
   */
  events: OsvEventsState;
  /** The H3 module once loaded. */
  runtime: H3Runtime | null;
  /** Why the H3 module could not be loaded, else null. */
  runtimeError: string | null;
  /** The atlas on the H3 grid; null on PRIO-GRID and until its data and code are loaded. */
  data: GridData | null;
}

/** The atlas on `grid` (see the module comment). */
export function useGridData(grid: GridId): GridDataState {
  const { data, dataUrl } = useData();
  const mission = useAtlas((s) => s.mission);
  const needed = grid !== 'prio';
  // Only the mission's host countries' hexagon-years are fetched (gridFile.ts).
  const countries = useMemo(
    () => missionHostCountries(data.dataset, mission),
    [data.dataset, mission],
  );
  const file = useGridFile(dataUrl, grid, countries);
  const events = useOsvEvents(dataUrl, needed && file.status === 'absent');
  const [rt, setRt] = useState<H3Runtime | null>(runtime);
  const [rtError, setRtError] = useState<string | null>(null);
  useEffect(() => {
    if (!needed || rt) return;
    let live = true;
    loadH3Runtime().then(
      (m) => live && setRt(m),
      (e: unknown) => live && setRtError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [needed, rt]);
  const source: GridSource | null =
    file.status === 'ready'
      ? file.file
      : file.status === 'absent' && events.status === 'ready'
        ? events.events
        : null;
  const gd = useMemo(
    () => (!needed || !source || !rt ? null : rt.gridData(data, source, grid as H3GridId)),
    [needed, grid, source, rt, data],
  );
  const shown: OsvEventsState =
    file.status === 'error'
      ? { status: 'error', message: file.message }
      : file.status === 'absent'
        ? events
        : needed && file.status !== 'ready'
          ? { status: 'loading' }
          : events;
  return { grid, events: shown, runtime: rt, runtimeError: rtError, data: gd };
}
