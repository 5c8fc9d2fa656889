/**
 * Observable Plot specifications of the lag-analysis charts, as pure functions of the Plot module
 * and the data (the module is passed in so that it can be loaded lazily by `PlotFigure` and so
 * that tests can inspect the options without a DOM).
 */
import {
  RESPONSIVENESS_SERIES_LABELS,
  type CellChartRow,
  type EpisodeMarker,
  type ResponsivenessRow,
} from '../../domain/lagView';
import type { LagCategory } from '../../domain/lagTypes';
import { CATEGORY_STYLES } from '../../map/flagLayers';
import { MISSION_COLOR, VIOLENCE_COLORS } from '../../map/scales';
import type { Markish, Plot, PlotOptions } from '../plot';

export type { Plot, PlotOptions };

/** Colours of the perpetrator series of the responsiveness chart (Okabe–Ito blue / orange). */
export const SERIES_COLORS = {
  state: '#0072b2',
  host: '#56b4e9',
  foreign: '#cc79a7',
  nonstate: '#e69f00',
} as const;

/** Bins with fewer cell-years than this are drawn pale in the responsiveness chart. */
export const SMALL_BIN = 10;

/** Colour of the response markers and enhanced-presence points. */
export const RESPONSE_COLOR = CATEGORY_STYLES.RESPONDED_SAME_YEAR.color;

/** A marker with the colour of its episode's category. */
export interface ColoredMarker extends EpisodeMarker {
  category: LagCategory;
}

/** Inputs of the cell charts. */
export interface CellChartInput {
  rows: readonly CellChartRow[];
  markers: readonly ColoredMarker[];
  theta: number;
  width: number;
}

/**
 * The x scale of a chart over years in the side panel: every year a band, at most ~6 labelled
 * years (shared by the lag and coverage charts).
 */
export function yearAxisScale(rows: readonly { year: number }[]) {
  const years = rows.map((r) => r.year);
  const first = Math.min(...years);
  const last = Math.max(...years);
  // At most ~6 labelled years so that the labels never collide in the side panel.
  const step = Math.max(1, Math.ceil(years.length / 6));
  return {
    domain: [first - 0.6, last + 0.6],
    ticks: years.filter((y) => (y - first) % step === 0),
    tickFormat: (y: number) => String(y),
    label: null,
  };
}

function markerMarks(Plot: Plot, markers: readonly ColoredMarker[], withText: boolean) {
  const onsets = markers.filter((m) => m.kind === 'onset');
  const responses = markers.filter((m) => m.kind === 'response');
  const onsetColor = (m: ColoredMarker) => CATEGORY_STYLES[m.category].color;
  const marks: Markish[] = [
    Plot.ruleX(onsets, { x: 'year', stroke: onsetColor, strokeWidth: 2, strokeDasharray: '5 3' }),
    Plot.ruleX(responses, { x: 'year', stroke: RESPONSE_COLOR, strokeWidth: 2 }),
  ];
  if (withText)
    marks.push(
      Plot.text(onsets, {
        x: 'year',
        frameAnchor: 'top',
        text: () => 'onset',
        fill: onsetColor,
        dx: -3,
        dy: -2,
        textAnchor: 'end',
        fontSize: 10,
        fontWeight: 600,
      }),
      Plot.text(responses, {
        x: 'year',
        frameAnchor: 'top',
        text: () => 'response',
        fill: RESPONSE_COLOR,
        dx: 3,
        dy: -2,
        textAnchor: 'start',
        fontSize: 10,
        fontWeight: 600,
      }),
    );
  return marks;
}

/**
 * Violence bars per year (V(c, t), darker from θ on), the θ line, "no data" for years that are
 * not analysed (never a zero bar), and the onset / response markers.
 */
export function cellViolenceSpec(Plot: Plot, input: CellChartInput): PlotOptions {
  const analysed = input.rows.filter((r) => r.fatalities !== null);
  const missing = input.rows.filter((r) => r.fatalities === null);
  const top = Math.max(input.theta, ...analysed.map((r) => r.fatalities ?? 0)) * 1.1;
  return {
    width: input.width,
    height: 150,
    marginLeft: 44,
    marginTop: 16,
    marginRight: 40,
    x: yearAxisScale(input.rows),
    y: { label: 'Civilians killed', grid: true, domain: [0, top], nice: true },
    color: { type: 'identity' },
    marks: [
      Plot.rectY(analysed, {
        x1: (r: CellChartRow) => r.year - 0.36,
        x2: (r: CellChartRow) => r.year + 0.36,
        y: 'fatalities',
        fill: (r: CellChartRow) =>
          (r.fatalities ?? 0) >= input.theta ? VIOLENCE_COLORS[5] : VIOLENCE_COLORS[2],
        title: (r: CellChartRow) => `${r.year}: ${r.fatalities} civilians killed`,
      }),
      // Years without violence data: a grey band, never a zero bar.
      Plot.rect(missing, {
        x1: (r: CellChartRow) => r.year - 0.5,
        x2: (r: CellChartRow) => r.year + 0.5,
        y1: 0,
        y2: top,
        fill: '#e4e4e4',
        title: (r: CellChartRow) => `${r.year}: violence data not loaded`,
      }),
      Plot.text(missing.slice(0, 1), {
        x: (r: CellChartRow) => r.year - 0.45,
        frameAnchor: 'top',
        text: () => 'no data',
        textAnchor: 'start',
        dy: 10,
        fill: '#555',
        fontSize: 9,
      }),
      Plot.ruleY([input.theta], { stroke: '#333', strokeDasharray: '2 3' }),
      Plot.text([input.theta], {
        y: (t: number) => t,
        frameAnchor: 'right',
        text: (t: number) => `θ ${t}`,
        textAnchor: 'start',
        dx: 4,
        fontSize: 10,
        fill: '#333',
      }),
      Plot.ruleY([0]),
      ...markerMarks(Plot, input.markers, true),
    ],
  };
}

/** Troops in reach per year (a line), enhanced-presence years as triangles, the markers. */
export function cellTroopsSpec(Plot: Plot, input: CellChartInput): PlotOptions {
  const enhanced = input.rows.filter((r) => r.enhanced);
  // A fixed scale when there were never troops (a flat zero line, not a degenerate axis).
  const top = Math.max(...input.rows.map((r) => r.troops));
  return {
    width: input.width,
    height: 130,
    marginLeft: 44,
    marginTop: 22,
    marginRight: 40,
    x: yearAxisScale(input.rows),
    y: {
      label: 'Troops in reach',
      grid: true,
      nice: true,
      domain: [0, top > 0 ? top * 1.1 : 100],
      tickFormat: (t: number) => (t >= 1000 ? `${t / 1000}k` : String(t)),
    },
    color: { type: 'identity' },
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(input.rows, {
        x: 'year',
        y: 'troops',
        stroke: MISSION_COLOR,
        strokeWidth: 2,
        marker: 'circle-stroke',
      }),
      Plot.dot(enhanced, {
        x: 'year',
        y: 'troops',
        symbol: 'triangle',
        r: 5,
        fill: RESPONSE_COLOR,
        title: (r: CellChartRow) => `${r.year}: enhanced presence (${r.troops} troops in reach)`,
      }),
      ...markerMarks(Plot, input.markers, false),
    ],
  };
}

/**
 * The responsiveness chart (research brief figures 2–3): per OSV intensity bin, the share of
 * cell-years followed by enhanced presence, state and non-state side by side. Empty bins get no
 * bar (their counts, 0, are in the table under the chart).
 */
export function responsivenessSpec(
  Plot: Plot,
  rows: readonly ResponsivenessRow[],
  width: number,
): PlotOptions {
  const bins = [...new Set(rows.map((r) => r.label))];
  const keys = [...new Set(rows.map((r) => r.series))];
  const series = keys.map((k) => RESPONSIVENESS_SERIES_LABELS[k]);
  const withShare = rows.filter((r) => r.share !== null);
  const top = Math.max(0.1, ...withShare.map((r) => r.high ?? r.share ?? 0));
  return {
    width,
    height: 210,
    marginLeft: 44,
    marginBottom: 40,
    marginTop: 24,
    fx: { domain: bins, label: 'Civilians killed in the cell-year', padding: 0.12 },
    x: { domain: series, axis: null, padding: 0.08 },
    y: {
      label: 'Share followed by enhanced presence',
      tickFormat: '%',
      grid: true,
      domain: [0, Math.min(1, top * 1.15)],
    },
    color: {
      domain: series,
      range: keys.map((k) => SERIES_COLORS[k]),
      legend: true,
    },
    marks: [
      Plot.barY(withShare, {
        fx: 'label',
        x: 'seriesLabel',
        y: 'share',
        fill: 'seriesLabel',
        // Pale bars: too few cell-years for the share to mean much.
        fillOpacity: (r: ResponsivenessRow) => (r.cellYears < SMALL_BIN ? 0.35 : 1),
        title: (r: ResponsivenessRow) =>
          `${r.seriesLabel}, ${r.label} killed: ${r.enhanced} of ${r.cellYears} cell-years (${Math.round((r.share ?? 0) * 100)}%; 95% interval ${Math.round((r.low ?? 0) * 100)}–${Math.round((r.high ?? 0) * 100)}%)`,
      }),
      Plot.ruleY([0]),
      // Wilson score 95 % intervals: a whisker over each bar.
      Plot.ruleX(withShare, {
        fx: 'label',
        x: 'seriesLabel',
        y1: 'low',
        y2: 'high',
        stroke: '#222',
        strokeWidth: 1.2,
      }),
      Plot.tickY(withShare, { fx: 'label', x: 'seriesLabel', y: 'low', stroke: '#222' }),
      Plot.tickY(withShare, { fx: 'label', x: 'seriesLabel', y: 'high', stroke: '#222' }),
    ],
  };
}
