/**
 * Observable Plot specifications of the coverage charts: the share of killings within reach over
 * the years (line on best, band between the low and high estimates) and the deaths (all and
 * within reach, with their low–high ranges). Years without violence data are marked "not
 * loaded" — never drawn as 0. Pure functions of the Plot module and rows (see PlotFigure).
 */
import type { CoverageYear } from '../../domain/coverage';
import { MISSION_COLOR, NO_DATA_COLOR } from '../../map/scales';
import { UNCOVERED_COLOR } from '../../map/coverageLayers';
import type { Markish, Plot, PlotOptions } from '../plot';
import { yearAxisScale } from '../lag/chartSpecs';

/** One year of the charts; null where not computed. */
export interface CoverageChartRow {
  year: number;
  hasData: boolean;
  share: number | null;
  shareLow: number | null;
  shareHigh: number | null;
  deaths: number | null;
  deathsLow: number | null;
  deathsHigh: number | null;
  within: number | null;
  withinLow: number | null;
  withinHigh: number | null;
}

/** Chart rows of the yearly coverage. */
export function coverageChartRows(years: readonly CoverageYear[]): CoverageChartRow[] {
  return years.map((y) => ({
    year: y.year,
    hasData: y.hasData,
    share: y.share,
    shareLow:
      y.shareLow === null || y.shareHigh === null
        ? null
        : Math.min(y.shareLow, y.shareHigh, y.share ?? 1),
    shareHigh:
      y.shareLow === null || y.shareHigh === null
        ? null
        : Math.max(y.shareLow, y.shareHigh, y.share ?? 0),
    deaths: y.deaths?.best ?? null,
    deathsLow: y.deaths?.low ?? null,
    deathsHigh: y.deaths?.high ?? null,
    within: y.within?.best ?? null,
    withinLow: y.within?.low ?? null,
    withinHigh: y.within?.high ?? null,
  }));
}

/** Grey columns with "not loaded" for the years without violence data. */
function notLoadedMarks(Plot: Plot, rows: readonly CoverageChartRow[]): Markish[] {
  const missing = rows.filter((r) => !r.hasData);
  return [
    Plot.rectY(missing, {
      x1: (r: CoverageChartRow) => r.year - 0.45,
      x2: (r: CoverageChartRow) => r.year + 0.45,
      y1: 0,
      y2: 1,
      fill: NO_DATA_COLOR,
      fillOpacity: 0.18,
    }),
    Plot.text(missing, {
      x: 'year',
      y: 0.5,
      text: () => 'not loaded',
      rotate: -90,
      fontSize: 10,
      fill: '#555',
    }),
  ];
}

/** Share within reach, 0–100 %, with the low–high band. */
export function shareSpec(
  Plot: Plot,
  rows: readonly CoverageChartRow[],
  width: number,
  km: number,
): PlotOptions {
  const data = rows.filter((r) => r.hasData);
  return {
    width,
    height: 190,
    marginLeft: 40,
    x: yearAxisScale(rows),
    y: { domain: [0, 1], tickFormat: '.0%', label: `Within ${km}\u00a0km`, grid: true },
    marks: [
      ...notLoadedMarks(Plot, rows),
      Plot.areaY(data, {
        x: 'year',
        y1: 'shareLow',
        y2: 'shareHigh',
        fill: MISSION_COLOR,
        fillOpacity: 0.18,
        curve: 'linear',
      }),
      Plot.lineY(data, { x: 'year', y: 'share', stroke: MISSION_COLOR, strokeWidth: 2 }),
      Plot.dot(data, { x: 'year', y: 'share', fill: MISSION_COLOR, r: 3 }),
    ],
  };
}

/** Deaths per year: all (bar) and within reach (darker bar), with low–high whiskers. */
export function deathsSpec(
  Plot: Plot,
  rows: readonly CoverageChartRow[],
  width: number,
): PlotOptions {
  const data = rows.filter((r) => r.hasData);
  const max = Math.max(1, ...data.map((r) => r.deathsHigh ?? 0));
  const scaled = rows.map((r) => ({ ...r, top: max }));
  return {
    width,
    height: 170,
    marginLeft: 44,
    x: yearAxisScale(rows),
    y: { domain: [0, max], label: 'Killed', grid: true },
    marks: [
      Plot.rectY(
        scaled.filter((r) => !r.hasData),
        {
          x1: (r: CoverageChartRow) => r.year - 0.45,
          x2: (r: CoverageChartRow) => r.year + 0.45,
          y1: 0,
          y2: max,
          fill: NO_DATA_COLOR,
          fillOpacity: 0.18,
        },
      ),
      Plot.text(
        scaled.filter((r) => !r.hasData),
        {
          x: 'year',
          y: max / 2,
          text: () => 'not loaded',
          rotate: -90,
          fontSize: 10,
          fill: '#555',
        },
      ),
      Plot.rectY(data, {
        x1: (r: CoverageChartRow) => r.year - 0.35,
        x2: (r: CoverageChartRow) => r.year + 0.35,
        y1: 0,
        y2: 'deaths',
        fill: UNCOVERED_COLOR,
        fillOpacity: 0.55,
      }),
      Plot.rectY(data, {
        x1: (r: CoverageChartRow) => r.year - 0.35,
        x2: (r: CoverageChartRow) => r.year + 0.35,
        y1: 0,
        y2: 'within',
        fill: MISSION_COLOR,
      }),
      Plot.ruleX(data, {
        x: 'year',
        y1: 'deathsLow',
        y2: 'deathsHigh',
        stroke: '#333',
        strokeWidth: 1,
      }),
    ],
  };
}
