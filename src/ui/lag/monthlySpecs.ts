/**
 * Observable Plot specification of the monthly series chart (research brief, figure 4): deaths
 * per month by perpetrator class with GED's low–high range shaded, months without violence data
 * as grey "no data" bands (gaps in the lines, never 0), the mission's first and last months and
 * the months with a Geo-PKO deployment map marked. Pure: the Plot module is passed in.
 */
import { noDataRuns, type MonthlySeries, type MonthlySeriesRow } from '../../domain/monthlySeries';
import { monthLabel, monthOf } from '../../domain/timeline';
import { MISSION_COLOR } from '../../map/scales';
import { SERIES_COLORS, type Plot, type PlotOptions } from './chartSpecs';

/** The first day of a month index, UTC. */
export function monthDate(index: number): Date {
  const { year, month } = monthOf(index);
  return new Date(Date.UTC(year, month - 1, 1));
}

/** The middle of a month index (where its point is drawn), UTC. */
function monthMid(index: number): Date {
  const { year, month } = monthOf(index);
  return new Date(Date.UTC(year, month - 1, 15));
}

/** Colour of the ticks of the months with a deployment map (away from both series' hues). */
export const MAP_TICK_COLOR = '#222222';

/** The perpetrator classes drawn, with their legend names. */
export const MONTHLY_CLASSES = [
  { key: 'state', label: 'State perpetrators', color: SERIES_COLORS.state },
  { key: 'nonstate', label: 'Non-state perpetrators', color: SERIES_COLORS.nonstate },
] as const;

/** The monthly series chart. */
export function monthlySeriesSpec(Plot: Plot, series: MonthlySeries, width: number): PlotOptions {
  const rows = series.rows;
  const top =
    Math.max(
      10,
      ...rows.flatMap((r) => [r.state?.high ?? 0, r.nonstate?.high ?? 0, r.state?.best ?? 0]),
    ) * 1.08;
  const gaps = noDataRuns(rows);
  const mm = series.missionMonths;
  const marks = [
    // Months without violence data: grey bands, the lines break there.
    Plot.rect(gaps, {
      x1: (g: [number, number]) => monthDate(g[0]),
      x2: (g: [number, number]) => monthDate(g[1] + 1),
      y1: 0,
      y2: top,
      fill: '#e4e4e4',
      title: (g: [number, number]) =>
        `${monthLabel(g[0])}–${monthLabel(g[1])}: no data (violence data not loaded)`,
    }),
    Plot.text(gaps, {
      x: (g: [number, number]) => monthDate(g[0]),
      frameAnchor: 'top',
      text: () => 'no data',
      textAnchor: 'start',
      dx: 3,
      dy: 12,
      fill: '#555',
      fontSize: 10,
    }),
    ...MONTHLY_CLASSES.flatMap((c) => {
      const est = (r: MonthlySeriesRow) => r[c.key];
      return [
        Plot.areaY(rows, {
          x: (r: MonthlySeriesRow) => monthMid(r.index),
          y1: (r: MonthlySeriesRow) => est(r)?.low ?? NaN,
          y2: (r: MonthlySeriesRow) => est(r)?.high ?? NaN,
          fill: c.color,
          fillOpacity: 0.22,
        }),
        Plot.lineY(rows, {
          x: (r: MonthlySeriesRow) => monthMid(r.index),
          y: (r: MonthlySeriesRow) => est(r)?.best ?? NaN,
          stroke: c.color,
          strokeWidth: 1.5,
        }),
      ];
    }),
    Plot.ruleY([0]),
    // Months with a deployment map: short ticks on the axis.
    Plot.ruleX(series.mapMonths, {
      x: (m: number) => monthMid(m),
      y1: 0,
      y2: top * 0.05,
      stroke: MAP_TICK_COLOR,
      strokeWidth: 1.5,
    }),
    // Hover text per month with data (a transparent column).
    Plot.rect(
      rows.filter((r) => r.state !== null),
      {
        x1: (r: MonthlySeriesRow) => monthDate(r.index),
        x2: (r: MonthlySeriesRow) => monthDate(r.index + 1),
        y1: 0,
        y2: top,
        fill: 'transparent',
        title: (r: MonthlySeriesRow) =>
          `${monthLabel(r.index)}${r.partial ? ' (some host countries only)' : ''}\n` +
          `State: ${r.state!.best} (${r.state!.low}–${r.state!.high})\n` +
          `Non-state: ${r.nonstate!.best} (${r.nonstate!.low}–${r.nonstate!.high})`,
      },
    ),
  ];
  if (mm) {
    // The first month from its start, the last to its end.
    const first = monthDate(mm.first);
    const last = monthDate(mm.last + 1);
    marks.push(
      Plot.ruleX([first, last], {
        stroke: MISSION_COLOR,
        strokeWidth: 1.5,
        strokeDasharray: '4 3',
      }),
      Plot.text([first], {
        x: (d: Date) => d,
        frameAnchor: 'top',
        text: () => (mm.firstRule === 'map' ? 'first map' : 'first year'),
        textAnchor: 'start',
        dx: 3,
        dy: -4,
        fill: MISSION_COLOR,
        fontSize: 10,
        fontWeight: 600,
      }),
      Plot.text([last], {
        x: (d: Date) => d,
        frameAnchor: 'top',
        text: () => (mm.lastRule === 'map' ? 'last map' : 'last year'),
        textAnchor: 'end',
        dx: -3,
        dy: -4,
        fill: MISSION_COLOR,
        fontSize: 10,
        fontWeight: 600,
      }),
    );
  }
  return {
    width,
    height: 200,
    marginLeft: 44,
    marginTop: 18,
    marginRight: 12,
    x: { type: 'utc', label: null, ticks: width < 420 ? 4 : 8 },
    y: { label: 'Civilians killed per month', grid: true, domain: [0, top], nice: true },
    marks,
  };
}
