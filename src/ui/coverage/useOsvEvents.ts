/**
 * The events table (`osv_events.json`) for the coverage view, fetched once per data folder when
 * first needed (the Coverage tab or a cell's coverage detail), then shared.
 */
import { useEffect, useState } from 'react';
import { loadOsvEvents } from '../../data/load';
import { dataFetch } from '../../data/embedded';
import type { OsvEvent } from '../../domain/coverage';

/** Where the events table stands. */
export type OsvEventsState =
  | { status: 'idle' | 'loading' }
  | { status: 'ready'; events: readonly OsvEvent[] }
  | { status: 'error'; message: string };

const loads = new Map<string, Promise<OsvEvent[]>>();
const loaded = new Map<string, OsvEvent[]>();

/** Starts (or reuses) the load of the events under `dataUrl`. */
export function loadEventsOnce(dataUrl: string): Promise<OsvEvent[]> {
  let p = loads.get(dataUrl);
  if (!p) {
    p = loadOsvEvents(dataUrl, dataFetch()).then((events) => {
      loaded.set(dataUrl, events);
      return events;
    });
    p.catch(() => loads.delete(dataUrl)); // a later visit may try again
    loads.set(dataUrl, p);
  }
  return p;
}

/** The events under `dataUrl`, loaded when `needed` first becomes true. */
export function useOsvEvents(dataUrl: string, needed: boolean): OsvEventsState {
  const cached = loaded.get(dataUrl);
  const [state, setState] = useState<OsvEventsState>(
    cached ? { status: 'ready', events: cached } : { status: 'idle' },
  );
  const ready = state.status === 'ready';
  useEffect(() => {
    if (!needed || ready) return;
    let live = true;
    setState({ status: 'loading' });
    loadEventsOnce(dataUrl).then(
      (events) => live && setState({ status: 'ready', events }),
      (e: unknown) =>
        live && setState({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [dataUrl, needed, ready]);
  return state;
}

/** The events under `dataUrl` if they are loaded already (null otherwise); starts nothing. */
export function loadedOsvEvents(dataUrl: string): readonly OsvEvent[] | null {
  return loaded.get(dataUrl) ?? null;
}
