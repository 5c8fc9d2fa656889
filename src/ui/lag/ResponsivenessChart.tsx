/**
 * Responsiveness (research brief figures 2–3): the share of cell-years followed by enhanced
 * presence (same or next year) by OSV intensity bin, state vs non-state perpetrators, as an
 * Observable Plot bar chart with the counts per bin in a table under it.
 */
import { useCallback, useId, useMemo, useState } from 'react';
import { INTERVAL_METHOD, wilsonInterval } from '../../domain/lagPooled';
import type { Responsiveness } from '../../domain/lagTypes';
import {
  RESPONSIVENESS_SERIES_LABELS,
  responsivenessRows,
  responsivenessSeries,
} from '../../domain/lagView';
import { fmt } from '../format';
import { responsivenessSpec, SERIES_COLORS, SMALL_BIN, type Plot } from './chartSpecs';
import { PlotFigure } from './PlotFigure';

export interface ResponsivenessChartProps {
  responsiveness: Responsiveness;
  reach: number;
  delta: number;
  /** What the figures pool, for the heading ("all missions, 2012–2022"); absent: the mission. */
  scope?: string;
}

function share(x: number | null): string {
  return x === null ? '–' : `${Math.round(x * 100)}%`;
}

/** "95%: 12–31%" (nothing for an empty bin). */
function interval(k: number, n: number): string {
  const ci = wilsonInterval(k, n);
  return ci ? `95%: ${Math.round(ci.low * 100)}–${Math.round(ci.high * 100)}%` : '';
}

/** The responsiveness chart and its count table. */
export function ResponsivenessChart(props: ResponsivenessChartProps) {
  const id = useId();
  // State vs non-state (the research brief's split); host vs foreign governments on request.
  const [split, setSplit] = useState(false);
  const series = responsivenessSeries(split);
  const rows = useMemo(
    () => responsivenessRows(props.responsiveness, responsivenessSeries(split)),
    [props.responsiveness, split],
  );
  const spec = useCallback((P: Plot, width: number) => responsivenessSpec(P, rows, width), [rows]);
  const bins = props.responsiveness.state.map((b, i) => ({
    label: b.label,
    by: Object.fromEntries(series.map((k) => [k, props.responsiveness[k][i]!])),
  }));
  return (
    <section className="lag-resp" data-testid="responsiveness" aria-label="Responsiveness">
      <h3>Responsiveness by intensity of violence{props.scope ? ` — ${props.scope}` : ''}</h3>
      <p className="muted lag-note">
        Share of cell-years followed by enhanced presence in reach (r = {props.reach}: a new base
        with troops or +{props.delta} troops at a base) in the same or the next year, by civilians
        killed in the cell-year. Uses r, Δ, the location precision and the initial-deployment
        switch. Pale bars: fewer than {SMALL_BIN} cell-years. Whiskers: {INTERVAL_METHOD} of the
        share.
      </p>
      <label className="lag-resp-split" htmlFor={`${id}-split`}>
        <input
          id={`${id}-split`}
          type="checkbox"
          checked={split}
          data-testid="responsiveness-split"
          onChange={(e) => setSplit(e.target.checked)}
        />{' '}
        Split state forces into the host government and foreign governments
      </label>
      <PlotFigure
        spec={spec}
        label={`Share of cell-years followed by enhanced presence, by civilians killed: ${series.map((k) => RESPONSIVENESS_SERIES_LABELS[k]).join(' versus ')}`}
        testId="responsiveness-chart"
      />
      <table className="details-table lag-resp-table" data-testid="responsiveness-table">
        <caption>
          Cell-years per bin: followed by enhanced presence / all (share; 95% interval). The
          research brief finds missions respond more to non-state violence.
        </caption>
        <thead>
          <tr>
            <th scope="col">Killed</th>
            {series.map((k) => (
              <th scope="col" key={k}>
                <span className="lag-dot" style={{ background: SERIES_COLORS[k] }} aria-hidden />
                {RESPONSIVENESS_SERIES_LABELS[k]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {bins.map((b) => (
            <tr key={b.label} data-bin={b.label}>
              <th scope="row">{b.label}</th>
              {series.map((k) => {
                const x = b.by[k]!;
                return (
                  <td data-series={k} key={k}>
                    {`${fmt(x.enhanced)} / ${fmt(x.cellYears)} (${share(x.share)})`}
                    {x.cellYears > 0 ? (
                      <>
                        <br />
                        <span className="lag-ci">{interval(x.enhanced, x.cellYears)}</span>
                      </>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
