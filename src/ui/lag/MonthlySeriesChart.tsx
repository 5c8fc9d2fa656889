/**
 * The monthly series chart (research brief, figure 4): civilians killed per month in the
 * mission's host countries by state and non-state perpetrators, GED's low–high range shaded,
 * months without violence data as "no data" gaps, the mission's months and the months with a
 * Geo-PKO deployment map marked. Says its rules in words under the chart.
 */
import { useCallback } from 'react';
import { ADD_VIOLENCE_DATA_HINT } from '../../domain/dataset';
import type { MonthlySeries } from '../../domain/monthlySeries';
import { monthLabel } from '../../domain/timeline';
import { MISSION_COLOR } from '../../map/scales';
import { fmt } from '../format';
import type { Plot } from './chartSpecs';
import { MAP_TICK_COLOR, MONTHLY_CLASSES, monthlySeriesSpec } from './monthlySpecs';
import { PlotFigure } from './PlotFigure';

export interface MonthlySeriesChartProps {
  series: MonthlySeries;
}

/** "Mar 2014, Jul 2014 … (23 maps)" — the first and last few map months. */
export function mapMonthsText(months: readonly number[]): string {
  if (months.length === 0) return 'No Geo-PKO deployment map (monthly file) for this mission.';
  const list =
    months.length <= 8
      ? months.map(monthLabel).join(', ')
      : `${months.slice(0, 4).map(monthLabel).join(', ')} … ${months.slice(-3).map(monthLabel).join(', ')}`;
  return `Deployment maps (Geo-PKO monthly file), ${months.length} month${months.length === 1 ? '' : 's'}: ${list}.`;
}

/** The chart, its legend and its rules. */
export function MonthlySeriesChart(props: MonthlySeriesChartProps) {
  const s = props.series;
  const spec = useCallback((P: Plot, width: number) => monthlySeriesSpec(P, s, width), [s]);
  const first = s.rows[0];
  const last = s.rows[s.rows.length - 1];
  const span = first && last ? `${first.year}–${last.year}` : '';
  return (
    <section
      className="lag-monthly-series"
      data-testid="monthly-series"
      aria-label="Monthly deaths"
    >
      <h3>Civilians killed per month, {span}</h3>
      {!s.hasData ? (
        <p className="nodata-text" data-testid="monthly-series-nodata">
          Not computed: violence data not loaded for {s.countries.join(', ')} in {span}.{' '}
          {ADD_VIOLENCE_DATA_HINT}
        </p>
      ) : (
        <>
          <p className="muted lag-note">
            One-sided violence in {s.countries.join(', ')} (all events, every location precision),
            GED best estimate per month; the shaded band is GED’s low–high range. State: perpetrator
            “Government of …” (host and foreign); non-state: every other perpetrator.
          </p>
          <PlotFigure
            spec={spec}
            label={`Civilians killed per month in ${s.countries.join(', ')}, ${span}, by state and non-state perpetrators`}
            description={`Totals over the months with data: state ${fmt(s.totals.state)}, non-state ${fmt(s.totals.nonstate)}.`}
            testId="monthly-series-chart"
          />
          <ul className="lag-monthly-legend">
            {MONTHLY_CLASSES.map((c) => (
              <li key={c.key}>
                <span className="lag-dot" style={{ background: c.color }} aria-hidden />
                {c.label}: {fmt(s.totals[c.key])}
              </li>
            ))}
            <li>
              <span className="lag-dot lag-dot-nodata" aria-hidden />
              No data (not 0)
            </li>
            <li>
              <span className="lag-dot" style={{ background: MAP_TICK_COLOR }} aria-hidden />
              Ticks on the axis: months with a deployment map
            </li>
            <li>
              <span className="lag-dot" style={{ background: MISSION_COLOR }} aria-hidden />
              Dashed: the mission’s first and last months
            </li>
          </ul>
        </>
      )}
      <p className="muted lag-note" data-testid="monthly-series-rules">
        {s.missionMonths ? `${s.missionMonths.text} ` : ''}
        {mapMonthsText(s.mapMonths)}
        {s.missing.length > 0
          ? ` No violence data for ${s.missing.map((m) => `${m.country} ${m.years}`).join(', ')}: drawn as gaps, not 0.`
          : ''}
        {s.unplaced > 0 ? ` ${fmt(s.unplaced)} cell-months without a country left out.` : ''}
      </p>
    </section>
  );
}
