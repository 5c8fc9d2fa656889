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
import { createGridRowsLoader, gridRowsCountries, type GridRowsState } from '../../data/gridRows';
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

/** Where the grid's rows for the mission stand (see `gridRows.ts`), or idle / loading. */
type GridFileState = { status: 'idle' | 'loading' } | GridRowsState;

const rowsLoader = createGridRowsLoader(dataFetch);

function useGridFile(dataUrl: string, grid: GridId, countries: readonly string[]): GridFileState {
  const key = `${grid}:${dataUrl}:${countries.join('|')}`;
  const cached = (): GridFileState =>
    grid === 'prio'
      ? { status: 'idle' }
      : (rowsLoader.loaded(dataUrl, grid, countries) ?? { status: 'idle' });
  const [state, setState] = useState<{ key: string; s: GridFileState }>(() => ({
    key,
    s: cached(),
  }));
  const current = state.key === key ? state.s : cached();
  const settled = current.status === 'ready' || current.status === 'absent';
  useEffect(() => {
    if (grid === 'prio' || settled) return;
    let live = true;
    setState({ key, s: { status: 'loading' } });
    void rowsLoader.load(dataUrl, grid, countries).then((s) => live && setState({ key, s }));
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
    () => gridRowsCountries(data.dataset, mission),
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
