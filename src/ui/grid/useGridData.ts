/**
 * The atlas on the grid of the store (`state.grid`): null on PRIO-GRID; on H3 the grid's file
 * (`grid_h3r4.json`: hexagon-years and the hexagon of each base coordinate, written by the data
 * build) and the H3 code (`h3Runtime.ts`, its own chunk) are fetched on the first switch to the
 * grid, and the regridded selectors are built from them once (`gridData`, memoized). A data
 * folder without grid files (built before them, or a self-contained story file) falls back to
 * the events table (the one `useOsvEvents` load, shared with the Coverage tab), aggregated in the
 * browser.
 */
import { useEffect, useMemo, useState } from 'react';
import type { GridData, GridSource, H3GridId } from '../../data/gridData';
import { dataFetch } from '../../data/embedded';
import { DataLoadError, loadGridFile } from '../../data/load';
import type { GridPrecomputed } from '../../domain/gridFile';
import type { GridId } from '../../domain/gridSystem';
import { useOsvEvents, type OsvEventsState } from '../coverage/useOsvEvents';
import { useData } from '../dataContext';

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

/** Where a grid file stands: loaded, absent (use the events), or failed. */
type GridFileState =
  | { status: 'idle' | 'loading' }
  | { status: 'ready'; file: GridPrecomputed }
  | { status: 'absent' }
  | { status: 'error'; message: string };

const fileLoads = new Map<string, Promise<GridFileState>>();
const fileLoaded = new Map<string, GridFileState>();

/**
 * Loads (once per data folder and grid) the grid file; 'absent' when the folder has none or has
 * one this app cannot read.
 */
function loadGridFileOnce(dataUrl: string, id: H3GridId): Promise<GridFileState> {
  const key = `${id}:${dataUrl}`;
  let p = fileLoads.get(key);
  if (!p) {
    p = loadGridFile(dataUrl, id, dataFetch()).then(
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

function useGridFile(dataUrl: string, grid: GridId): GridFileState {
  const key = `${grid}:${dataUrl}`;
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
    void loadGridFileOnce(dataUrl, grid).then((s) => live && setState({ key, s }));
    return () => {
      live = false;
    };
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
  const needed = grid !== 'prio';
  const file = useGridFile(dataUrl, grid);
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
