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

/**
 * Plot names each mark's `<g>` with an `aria-label` ("rect", "x-axis tick label"), which ARIA
 * does not allow on an element without a role (axe: aria-prohibited-attr): give those a `group`
 * role, which may be named.
 */
export function groupNamedMarks<T extends Element>(chart: T): T {
  for (const g of chart.querySelectorAll('g[aria-label]:not([role])'))
    g.setAttribute('role', 'group');
  return chart;
}

/** The Plot module, imported once; its `plot` applies {@link groupNamedMarks}. */
export function loadPlot(): Promise<Plot> {
  plotModule ??= import('@observablehq/plot').then((m): Plot => ({
    ...m,
    plot: ((options) => groupNamedMarks(m.plot(options))) as Plot['plot'],
  }));
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
