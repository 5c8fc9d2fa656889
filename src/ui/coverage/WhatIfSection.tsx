/**
 * The Coverage tab's what-if and backtest: k and n (validated, applied when valid), the honest
 * caveat, the ranked candidate sites for the year shown (each focuses the map), and the backtest
 * table and chart over the mission's years with the method stated. Presentational.
 */
import { useCallback, useId, useMemo, useState } from 'react';
import {
  WHATIF_BOUNDS,
  type BacktestYear,
  type ChosenSite,
  type WhatIf,
} from '../../domain/coverageWhatIf';
import { MISSION_COLOR } from '../../map/scales';
import { SITE_COLOR } from '../../map/coverageLayers';
import { PlotFigure } from '../lag/PlotFigure';
import { fmt } from '../format';
import type { Plot, PlotOptions } from '../plot';

export interface WhatIfSectionProps {
  year: number;
  km: number;
  k: number;
  n: number;
  whatIf: WhatIf | null;
  backtest: readonly BacktestYear[];
  onParams: (p: { k?: number; n?: number }) => void;
  onFocusSite: (s: ChosenSite) => void;
}

/** A whole-number input with the domain's bounds; invalid text is marked and not applied. */
function WholeInput(props: {
  label: string;
  name: 'k' | 'n';
  value: number;
  onValue: (v: number) => void;
}) {
  const id = useId();
  const { min, max } = WHATIF_BOUNDS[props.name];
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? String(props.value);
  const v = Number(text);
  const ok = /^\s*\d+\s*$/.test(text) && v >= min && v <= max;
  return (
    <div className="coverage-whole">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        step={1}
        inputMode="numeric"
        value={text}
        aria-invalid={!ok}
        aria-describedby={ok ? undefined : `${id}-err`}
        data-testid={`coverage-whatif-${props.name}`}
        onChange={(e) => {
          const t = e.target.value;
          setDraft(t);
          const n = Number(t);
          if (/^\s*\d+\s*$/.test(t) && n >= min && n <= max && n !== props.value) props.onValue(n);
        }}
        onBlur={() => ok && setDraft(null)}
      />
      {ok ? null : (
        <p id={`${id}-err`} className="coverage-error" role="alert">
          {props.name} must be a whole number from {min} to {max}; still using {props.value}.
        </p>
      )}
    </div>
  );
}

const pct = (a: number, b: number): string => (b > 0 ? `${Math.round((a / b) * 100)} %` : '–');

/** Share of year t's deaths covered with the chosen sites and with the bases actually opened. */
function backtestSpec(Plot: Plot, rows: readonly BacktestYear[], width: number): PlotOptions {
  const data = rows
    .filter((r) => r.deaths > 0)
    .flatMap((r) => [
      { year: r.year, series: 'bases at the start + sites chosen', share: r.withChosen / r.deaths },
      { year: r.year, series: 'bases at the start + bases opened', share: r.withOpened / r.deaths },
      { year: r.year, series: 'bases at the start only', share: r.byExisting / r.deaths },
    ]);
  return {
    width,
    height: 180,
    marginLeft: 40,
    x: { tickFormat: (y: number) => String(y), label: null, ticks: rows.map((r) => r.year) },
    y: { domain: [0, 1], tickFormat: '.0%', label: 'Of the year’s deaths', grid: true },
    color: {
      domain: [
        'bases at the start + sites chosen',
        'bases at the start + bases opened',
        'bases at the start only',
      ],
      range: [SITE_COLOR, MISSION_COLOR, '#999999'],
      legend: true,
    },
    marks: [
      Plot.lineY(data, { x: 'year', y: 'share', stroke: 'series', strokeWidth: 2 }),
      Plot.dot(data, { x: 'year', y: 'share', fill: 'series', r: 3 }),
    ],
  };
}

/** The what-if and backtest section. */
export function WhatIfSection(props: WhatIfSectionProps) {
  const id = useId();
  const w = props.whatIf;
  const rows = props.backtest;
  const spec = useCallback((P: Plot, width: number) => backtestSpec(P, rows, width), [rows]);
  const better = useMemo(() => rows.filter((r) => r.withChosen > r.withOpened).length, [rows]);
  return (
    <section className="coverage-whatif" aria-labelledby={`${id}-h`} data-testid="coverage-whatif">
      <h3 id={`${id}-h`}>
        What if: {props.k} more bases at the start of {props.year}?
      </h3>
      <form className="coverage-params" onSubmit={(e) => e.preventDefault()}>
        <WholeInput
          label="More bases k"
          name="k"
          value={props.k}
          onValue={(k) => props.onParams({ k })}
        />
        <WholeInput
          label="Years of history n"
          name="n"
          value={props.n}
          onValue={(n) => props.onParams({ n })}
        />
      </form>
      <p className="coverage-caveat" role="note">
        Hindsight, not a forecast: violence moves, and bases change violence. Sites are ranked by
        the deaths of {props.year - props.n}–{props.year - 1} they would have added within{' '}
        {props.km}&nbsp;km, counting first the bases already there (those with troops in{' '}
        {props.year - 1}
        ). Candidates: towns of 5,000 or more (GeoNames) and former base sites in the host
        countries.
      </p>
      {w === null ? (
        <p className="nodata-text">
          Not computed: no violence data for {props.year - props.n}–{props.year - 1}.
        </p>
      ) : (
        <>
          <p className="muted">
            {fmt(w.historyDeaths)} civilians killed in {w.historyYears.join(', ')};{' '}
            {fmt(w.coveredByExisting)} ({pct(w.coveredByExisting, w.historyDeaths)}) within{' '}
            {props.km}&nbsp;km of the {fmt(w.existingBases)} bases there at the start of{' '}
            {props.year}; {fmt(w.candidates)} candidate sites.
          </p>
          {w.sites.length === 0 ? (
            <p className="muted">No site would have added any death within reach.</p>
          ) : (
            <table className="details-table" data-testid="coverage-sites">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Site</th>
                  <th scope="col">Adds</th>
                </tr>
              </thead>
              <tbody>
                {w.sites.map((s) => (
                  <tr key={s.rank}>
                    <td>{s.rank}</td>
                    <td>
                      <button
                        type="button"
                        className="linklike"
                        onClick={() => props.onFocusSite(s)}
                      >
                        {s.name}
                      </button>{' '}
                      <span className="muted">({s.kind})</span>
                    </td>
                    <td>
                      {fmt(s.addedDeaths)} killed{' '}
                      <span className="muted">({fmt(s.addedEvents)} events)</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      <h3>Backtest: chosen sites against the bases actually opened</h3>
      <p className="muted coverage-def">
        For each year t: the k sites chosen from t − {props.n} … t − 1 as above, against the bases
        the mission actually opened in t (with troops in t, not in t − 1; a strengthened base was
        already there and adds no reach). Both are added to the bases at the start of t, and
        measured on the deaths of t itself within {props.km}&nbsp;km.{' '}
        {rows.length > 0
          ? `The chosen sites would have covered more in ${better} of ${rows.length} years.`
          : ''}
      </p>
      {rows.length > 0 ? (
        <>
          <PlotFigure
            spec={spec}
            label={`Share of each year's deaths within ${props.km}\u00a0km: bases at the start of the year plus the ${props.k} sites chosen from the ${props.n} years before, against plus the bases actually opened`}
            testId="coverage-backtest-chart"
          />
          <table className="details-table" data-testid="coverage-backtest">
            <thead>
              <tr>
                <th scope="col">Year</th>
                <th scope="col">Killed</th>
                <th scope="col">+ {props.k} sites</th>
                <th scope="col">+ opened</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.year}>
                  <th scope="row">{r.year}</th>
                  <td>{fmt(r.deaths)}</td>
                  <td>
                    {fmt(r.withChosen)} ({pct(r.withChosen, r.deaths)})
                  </td>
                  <td>
                    {fmt(r.withOpened)} ({pct(r.withOpened, r.deaths)})
                    <br />
                    <span className="muted">{fmt(r.opened.length)} opened</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
