/**
 * Renders an Observable Plot chart into a div: Plot is loaded lazily (its own chunk, so the first
 * map frame does not wait for it), the chart is built in an effect at the container's width and
 * removed on cleanup. Server rendering (tests) gives the empty, labelled container.
 */
import { useEffect, useRef, useState } from 'react';
import { loadPlot, type Plot, type PlotOptions } from '../plot';

export interface PlotFigureProps {
  /** Builds the options for the module and the available width (memoize it: a new function redraws). */
  spec: (Plot: Plot, width: number) => PlotOptions;
  /** Accessible name of the chart. */
  label: string;
  /** Longer description for screen readers. */
  description?: string;
  testId?: string;
  className?: string;
}

/** One Plot chart. */
export function PlotFigure(props: PlotFigureProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const { spec, label, description } = props;
  useEffect(() => {
    let cancelled = false;
    let chart: Element | null = null;
    const el = ref.current;
    loadPlot()
      .then((Plot) => {
        if (cancelled || !el) return;
        const width = Math.max(240, Math.floor(el.clientWidth || 320));
        chart = Plot.plot({
          ...spec(Plot, width),
          ariaLabel: label,
          ariaDescription: description ?? null,
        });
        el.append(chart);
        el.dataset.rendered = 'true';
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      cancelled = true;
      chart?.remove();
      if (el) delete el.dataset.rendered;
    };
  }, [spec, label, description]);
  return (
    <div
      ref={ref}
      className={`lag-plot ${props.className ?? ''}`}
      data-testid={props.testId}
      aria-label={error ? undefined : label}
      role={error ? undefined : 'figure'}
    >
      {error ? <p className="nodata-text">The chart could not be drawn: {error}</p> : null}
    </div>
  );
}
