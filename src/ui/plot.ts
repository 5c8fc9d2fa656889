/**
 * Observable Plot, loaded lazily: the charts (timeline, base lifetimes, lag analysis) share one
 * import of the module, in its own chunk, so that the first map frame does not wait for it.
 */
import type * as PlotModule from '@observablehq/plot';
import { useEffect, useState } from 'react';

/** The Observable Plot module. */
export type Plot = typeof PlotModule;
/** Options of `Plot.plot`. */
export type PlotOptions = PlotModule.PlotOptions;
/** A mark (or marks) for `Plot.plot`'s `marks`. */
export type Markish = PlotModule.Markish;

let plotModule: Promise<Plot> | null = null;

/** The Plot module, imported once. */
export function loadPlot(): Promise<Plot> {
  plotModule ??= import('@observablehq/plot');
  return plotModule;
}

/**
 * The Plot module once it has loaded (null before, and in server rendering): charts draw in an
 * effect that depends on it.
 */
export function usePlot(): Plot | null {
  const [plot, setPlot] = useState<Plot | null>(null);
  useEffect(() => {
    let live = true;
    loadPlot()
      .then((m) => {
        if (live) setPlot(() => m);
      })
      .catch((e: unknown) => console.error('The charting library could not be loaded:', e));
    return () => {
      live = false;
    };
  }, []);
  return plot;
}
