/**
 * Responsiveness (research brief figures 2–3): the share of cell-years followed by enhanced
 * presence (same or next year) by OSV intensity bin, state vs non-state perpetrators, as an
 * Observable Plot bar chart with the counts per bin in a table under it.
 */
import { useCallback, useMemo } from 'react';
import type { Responsiveness } from '../../domain/lagTypes';
import { responsivenessRows } from '../../domain/lagView';
import { fmt } from '../format';
import { responsivenessSpec, SERIES_COLORS, SMALL_BIN, type Plot } from './chartSpecs';
import { PlotFigure } from './PlotFigure';

export interface ResponsivenessChartProps {
  responsiveness: Responsiveness;
  reach: number;
  delta: number;
}

function share(x: number | null): string {
  return x === null ? '–' : `${Math.round(x * 100)}%`;
}

/** The responsiveness chart and its count table. */
export function ResponsivenessChart(props: ResponsivenessChartProps) {
  const rows = useMemo(() => responsivenessRows(props.responsiveness), [props.responsiveness]);
  const spec = useCallback((P: Plot, width: number) => responsivenessSpec(P, rows, width), [rows]);
  const bins = props.responsiveness.state.map((b, i) => ({
    label: b.label,
    state: b,
    nonstate: props.responsiveness.nonstate[i]!,
  }));
  return (
    <section className="lag-resp" data-testid="responsiveness" aria-label="Responsiveness">
      <h3>Responsiveness by intensity of violence</h3>
      <p className="muted lag-note">
        Share of cell-years followed by enhanced presence in reach (r = {props.reach}: a new base
        with troops or +{props.delta} troops at a base) in the same or the next year, by civilians
        killed in the cell-year. Uses r and Δ only. Pale bars: fewer than {SMALL_BIN} cell-years.
      </p>
      <PlotFigure
        spec={spec}
        label="Share of cell-years followed by enhanced presence, by civilians killed, state versus non-state perpetrators"
        testId="responsiveness-chart"
      />
      <table className="details-table lag-resp-table" data-testid="responsiveness-table">
        <caption>
          Cell-years per bin: followed by enhanced presence / all (share). The research brief finds
          missions respond more to non-state violence.
        </caption>
        <thead>
          <tr>
            <th scope="col">Killed</th>
            <th scope="col">
              <span className="lag-dot" style={{ background: SERIES_COLORS.state }} aria-hidden />
              State
            </th>
            <th scope="col">
              <span
                className="lag-dot"
                style={{ background: SERIES_COLORS.nonstate }}
                aria-hidden
              />
              Non-state
            </th>
          </tr>
        </thead>
        <tbody>
          {bins.map((b) => (
            <tr key={b.label} data-bin={b.label}>
              <th scope="row">{b.label}</th>
              <td data-series="state">
                {fmt(b.state.enhanced)} / {fmt(b.state.cellYears)} ({share(b.state.share)})
              </td>
              <td data-series="nonstate">
                {fmt(b.nonstate.enhanced)} / {fmt(b.nonstate.cellYears)} ({share(b.nonstate.share)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
