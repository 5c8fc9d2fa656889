/**
 * The atlas on the grid of the store (`state.grid`): null on PRIO-GRID; on H3 the events table is
 * fetched on the first switch (the one `useOsvEvents` load, shared with the Coverage tab) and the
 * regridded selectors are built from it once (`gridData`, memoized).
 */
import { useMemo } from 'react';
import { gridData, type GridData, type H3GridId } from '../../data/gridData';
import type { GridId } from '../../domain/gridSystem';
import { useOsvEvents, type OsvEventsState } from '../coverage/useOsvEvents';
import { useData } from '../dataContext';

/** Where the grid's data stand: PRIO-GRID needs nothing; H3 waits for the events. */
export interface GridDataState {
  grid: GridId;
  events: OsvEventsState;
  /** The atlas on the H3 grid; null on PRIO-GRID and until the events are loaded. */
  data: GridData | null;
}

/** The atlas on `grid` (see the module comment). */
export function useGridData(grid: GridId): GridDataState {
  const { data, dataUrl } = useData();
  const events = useOsvEvents(dataUrl, grid !== 'prio');
  const ready = events.status === 'ready' ? events.events : null;
  const gd = useMemo(
    () => (grid === 'prio' || !ready ? null : gridData(data, ready, grid as H3GridId)),
    [grid, ready, data],
  );
  return { grid, events, data: gd };
}
