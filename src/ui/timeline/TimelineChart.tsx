/**
 * The small chart of the timeline bar (Observable Plot): the mission's total troops and total
 * one-sided-violence fatalities per year as two aligned panels with their own honest axes (both
 * from zero), the current year highlighted, years without violence data hatched (never drawn as
 * zero). Clicking a year jumps there.
 */
import { useEffect, useId, useRef } from 'react';
import type { MissionYearTotal } from '../../domain/timeline';
import { MISSION_COLOR } from '../../map/scales';
import {
  countTick,
  noViolenceNote,
  noViolenceYears,
  totalsDescription,
  totalsRows,
  yearAxis,
} from './chartData';
import { usePlot } from '../plot';
import { addHatch, mountPlot, plotPoint, type PlotElement } from './plotMount';

export interface TimelineChartProps {
  mission: string;
  totals: readonly MissionYearTotal[];
  /** The year shown on the map. */
  year: number;
  /** Jump to a year (chart click). */
  onYear: (year: number) => void;
  /** What the OSV series counts, e.g. "Civilians killed (all perpetrators)". */
  osvLabel: string;
  width?: number;
}

/** Colour of the OSV bars (the darker end of the map's violence scale). */
export const OSV_BAR_COLOR = '#bd0026';

const PANEL_MARGINS = { marginLeft: 34, marginRight: 6 };
/** Height of the label strip above each panel. */
const LABEL_PX = 12;
/** Heights (px) of the two chart panels, reserved in the layout before the charts draw. */
const TROOPS_HEIGHT = 40 + LABEL_PX;
const OSV_HEIGHT = 54 + LABEL_PX;

/** Two aligned bar panels: troops over civilians killed. */
export function TimelineChart(props: TimelineChartProps) {
  const { totals, year, osvLabel } = props;
  const width = props.width ?? 300;
  const troopsRef = useRef<HTMLDivElement>(null);
  const osvRef = useRef<HTMLDivElement>(null);
  const Plot = usePlot();
  const hatchId = `hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const onYear = useRef(props.onYear);
  useEffect(() => {
    onYear.current = props.onYear;
  });

  useEffect(() => {
    const troopsEl = troopsRef.current;
    const osvEl = osvRef.current;
    if (!Plot || !troopsEl || !osvEl || totals.length === 0) return;
    const rows = totalsRows(totals);
    const first = rows[0]!.year;
    const last = rows[rows.length - 1]!.year;
    const x = { domain: [first - 0.5, last + 0.5] as [number, number] };
    const current = Plot.rect([year], {
      x1: (d: number) => d - 0.5,
      x2: (d: number) => d + 0.5,
      fill: '#ffbf47',
      fillOpacity: 0.45,
    });
    const bar = {
      x1: (d: { year: number }) => d.year - 0.36,
      x2: (d: { year: number }) => d.year + 0.36,
    };
    const troopsPlot = Plot.plot({
      width,
      height: TROOPS_HEIGHT,
      ...PANEL_MARGINS,
      marginTop: LABEL_PX + 2,
      marginBottom: 2,
      x: { ...x, axis: null },
      y: { ticks: 2, tickFormat: countTick, label: null, grid: true, nice: true, zero: true },
      marks: [
        current,
        Plot.rectY(
          rows.filter((r) => r.troops !== null),
          {
            ...bar,
            y: 'troops',
            fill: MISSION_COLOR,
            title: (r) => `${r.year}: ${r.troops} troops`,
          },
        ),
        Plot.text(['Troops'], {
          frameAnchor: 'top-left',
          lineAnchor: 'bottom',
          dy: -2,
          fontSize: 10,
          fill: '#333',
        }),
      ],
    });
    const noData = noViolenceYears(totals);
    const axis = yearAxis(
      first,
      last,
      width - PANEL_MARGINS.marginLeft - PANEL_MARGINS.marginRight,
    );
    const osvPlot = Plot.plot({
      width,
      height: OSV_HEIGHT,
      ...PANEL_MARGINS,
      marginTop: LABEL_PX + 2,
      marginBottom: 16,
      x: { ...x, ticks: axis.ticks, tickFormat: axis.format, label: null },
      y: { ticks: 2, tickFormat: countTick, label: null, grid: true, nice: true, zero: true },
      marks: [
        current,
        Plot.rect(noData, {
          x1: (d: number) => d - 0.45,
          x2: (d: number) => d + 0.45,
          fill: `url(#${hatchId})`,
          title: (d: number) => `${d}: violence data not loaded`,
        }),
        Plot.rectY(
          rows.filter((r) => r.osv !== null),
          {
            ...bar,
            y: 'osv',
            fill: OSV_BAR_COLOR,
            title: (r) => `${r.year}: ${r.osv} civilians killed`,
          },
        ),
        Plot.text([osvLabel], {
          frameAnchor: 'top-left',
          lineAnchor: 'bottom',
          dy: -2,
          fontSize: 10,
          fill: '#333',
        }),
      ],
    });
    addHatch(osvPlot, hatchId);
    const clickable = (figure: PlotElement): (() => void) => {
      const onClick = (e: MouseEvent): void => {
        const [px] = plotPoint(figure, e);
        const v = figure.scale('x')?.invert?.(px) as number | undefined;
        if (typeof v !== 'number' || !Number.isFinite(v)) return;
        const y = Math.round(v);
        if (y >= first && y <= last) onYear.current(y);
      };
      figure.addEventListener('click', onClick as EventListener);
      return () => figure.removeEventListener('click', onClick as EventListener);
    };
    const cleanups = [
      mountPlot(troopsEl, troopsPlot),
      mountPlot(osvEl, osvPlot),
      clickable(troopsPlot),
      clickable(osvPlot),
    ];
    return () => cleanups.forEach((c) => c());
  }, [Plot, totals, year, width, osvLabel, hatchId]);

  const note = noViolenceNote(totals);
  return (
    <figure className="tl-chart" data-testid="timeline-chart">
      <div
        role="img"
        aria-label={totalsDescription(props.mission, totals, osvLabel)}
        className="tl-chart-panels"
      >
        {/* Heights reserved before the lazily loaded chart code draws: no layout shift. */}
        <div
          ref={troopsRef}
          className="tl-chart-panel"
          style={{ minHeight: TROOPS_HEIGHT }}
          data-testid="chart-troops"
        />
        <div
          ref={osvRef}
          className="tl-chart-panel"
          style={{ minHeight: OSV_HEIGHT }}
          data-testid="chart-osv"
        />
      </div>
      {note ? (
        <figcaption className="tl-chart-note" data-testid="chart-note">
          {note}
        </figcaption>
      ) : null}
    </figure>
  );
}
