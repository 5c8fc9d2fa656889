/**
 * The atlas on the grid of the store (`state.grid`): null on PRIO-GRID; on H3 the events table
 * (the one `useOsvEvents` load, shared with the Coverage tab) and the H3 code (`h3Runtime.ts`,
 * its own chunk) are fetched on the first switch, and the regridded selectors are built from them
 * once (`gridData`, memoized).
 */
import { useEffect, useMemo, useState } from 'react';
import type { GridData, H3GridId } from '../../data/gridData';
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

/** Where the grid's data stand: PRIO-GRID needs nothing; H3 waits for the events and the code. */
export interface GridDataState {
  grid: GridId;
  events: OsvEventsState;
  /** The H3 module once loaded. */
  runtime: H3Runtime | null;
  /** Why the H3 module could not be loaded, else null. */
  runtimeError: string | null;
  /** The atlas on the H3 grid; null on PRIO-GRID and until both are loaded. */
  data: GridData | null;
}

/** The atlas on `grid` (see the module comment). */
export function useGridData(grid: GridId): GridDataState {
  const { data, dataUrl } = useData();
  const needed = grid !== 'prio';
  const events = useOsvEvents(dataUrl, needed);
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
  const ready = events.status === 'ready' ? events.events : null;
  const gd = useMemo(
    () => (!needed || !ready || !rt ? null : rt.gridData(data, ready, grid as H3GridId)),
    [needed, grid, ready, rt, data],
  );
  return { grid, events, runtime: rt, runtimeError: rtError, data: gd };
}
