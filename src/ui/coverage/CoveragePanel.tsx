/**
 * The Coverage tab: X and the perpetrator filter, the year's coverage in one sentence, the
 * coverage curve and the deaths over the mission's years (years without violence data say "not
 * loaded"), a year table, and the year's uncovered killings ranked by deaths with their place and
 * distance to the nearest base with troops (each row focuses the map on the killing). Presentational:
 * the feature module (src/ui/features/coverage.tsx) passes the selectors' results in.
 */
import { useCallback, useId, useMemo, useState } from 'react';
import type { CoverageYear } from '../../domain/coverage';
import { COVERAGE_PARAM_BOUNDS } from '../../domain/coverageParams';
import { PERPETRATOR_FILTERS, type PerpetratorFilter } from '../../domain/dataset';
import { PERPETRATOR_LABELS } from '../../domain/perpetrator';
import type { UncoveredRow } from '../../data/coverageSelectors';
import { PlotFigure } from '../lag/PlotFigure';
import { fmt, fmtList, kmText } from '../format';
import type { Plot } from '../plot';
import { coverageChartRows, deathsSpec, shareSpec } from './chartSpec';
import './coverage.css';

/** Uncovered killings listed per page. */
export const UNCOVERED_PAGE = 15;

/** "34 %" (whole percent), or the reason there is none. */
export function fmtShare(share: number | null): string {
  return share === null ? 'not computed' : `${Math.round(share * 100)} %`;
}

/** "44.5 km" under 100 km, else whole km. */
export function fmtKm(km: number | null): string {
  if (km === null) return 'no base with troops that year';
  return kmText(km);
}

/** The sentence for a year's coverage. */
export function coverageSentence(y: CoverageYear | null, km: number, precision: number): string {
  if (y === null) return 'The mission has no bases that year.';
  if (!y.hasData || !y.deaths || !y.within)
    return `${y.year}: not computed — violence data not loaded for ${fmtList(y.missingCountries)}.`;
  if (y.deaths.best === 0)
    return `${y.year}: no civilians recorded killed in the host ${y.missingCountries.length ? 'countries with data' : 'countries'} (GED events with where_prec ≤ ${precision}); nothing to cover.`;
  const lo = y.shareLow === null || y.shareHigh === null ? null : Math.min(y.shareLow, y.shareHigh);
  const hi = y.shareLow === null || y.shareHigh === null ? null : Math.max(y.shareLow, y.shareHigh);
  const range =
    lo !== null && hi !== null && fmtShare(lo) !== fmtShare(hi)
      ? ` (low–high estimates: ${Math.round(lo * 100)}–${fmtShare(hi)})`
      : '';
  const left =
    y.imprecise !== null && y.imprecise > 0
      ? ` ${fmt(y.imprecise)} ${y.imprecise === 1 ? 'event' : 'events'} located only to the country or at sea (where_prec above ${precision}) left out.`
      : '';
  const unknownBases =
    y.unknownTroopBases > 0
      ? ` ${fmt(y.unknownTroopBases)} ${y.unknownTroopBases === 1 ? 'base' : 'bases'} with troops unknown (NA) not counted as reach.`
      : '';
  return `${y.year}: ${fmtShare(y.share)} of the ${fmt(y.deaths.best)} civilians killed${range} died within ${km}\u00a0km of ${y.troopBases === 0 ? 'a base with troops: no base had a known troop figure above zero that year' : y.troopBases === 1 ? 'the one base with troops' : `one of the ${fmt(y.troopBases)} bases with troops`}.${left}${unknownBases}`;
}

export interface CoveragePanelProps {
  mission: string;
  year: number;
  km: number;
  precision: number;
  perpetrator: PerpetratorFilter;
  /** Loading state of the events table. */
  status: 'idle' | 'loading' | 'ready' | 'error';
  error?: string;
  years: readonly CoverageYear[];
  current: CoverageYear | null;
  uncovered: readonly UncoveredRow[];
  onKm: (km: number) => void;
  onPerpetrator: (p: PerpetratorFilter) => void;
  onYear: (year: number) => void;
  onFocusEvent: (row: UncoveredRow) => void;
  /** Saves the coverage CSV (the same text as `npm run coverage`). */
  onDownload: () => void;
  /** The selected cell's or base's coverage view (or null). */
  selectionView: React.ReactNode;
  /** The what-if and backtest section. */
  whatIf: React.ReactNode;
}

/** The X input: a number field and a slider, applied when valid. */
function KmInput(props: { km: number; onKm: (km: number) => void }) {
  const id = useId();
  const { min, max } = COVERAGE_PARAM_BOUNDS.km;
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? String(props.km);
  const n = Number(text);
  const ok = text.trim() !== '' && Number.isFinite(n) && n >= min && n <= max;
  const apply = (t: string) => {
    setDraft(t);
    const v = Number(t);
    if (t.trim() !== '' && Number.isFinite(v) && v >= min && v <= max && v !== props.km)
      props.onKm(v);
  };
  return (
    <div className="coverage-km">
      <label htmlFor={`${id}-km`}>Reach X (km)</label>
      <input
        id={`${id}-km`}
        type="number"
        min={min}
        max={max}
        step="any"
        inputMode="decimal"
        value={text}
        aria-invalid={!ok}
        aria-describedby={`${id}-help${ok ? '' : ` ${id}-err`}`}
        data-testid="coverage-km"
        onChange={(e) => apply(e.target.value)}
        onBlur={() => ok && setDraft(null)}
      />
      <input
        type="range"
        min={min}
        max={max}
        step={5}
        value={props.km}
        aria-label="Reach X in kilometres"
        onChange={(e) => {
          setDraft(null);
          props.onKm(Number(e.target.value));
        }}
      />
      <p id={`${id}-help`} className="muted coverage-help">
        Distance from a base with troops, {min}–{max}&nbsp;km (default 50).
      </p>
      {ok ? null : (
        <p id={`${id}-err`} className="coverage-error" role="alert">
          X must be a number of km from {min} to {max}; still using {props.km}.
        </p>
      )}
    </div>
  );
}

/** The Coverage tab. */
export function CoveragePanel(props: CoveragePanelProps) {
  const id = useId();
  const [shown, setShown] = useState(UNCOVERED_PAGE);
  const rows = useMemo(() => coverageChartRows(props.years), [props.years]);
  const km = props.km;
  const share = useCallback((P: Plot, w: number) => shareSpec(P, rows, w, km), [rows, km]);
  const deaths = useCallback((P: Plot, w: number) => deathsSpec(P, rows, w), [rows]);
  const y = props.current;
  const computed = y !== null && y.hasData && y.deaths !== null;
  return (
    <section
      className="coverage-panel"
      aria-labelledby={`${id}-title`}
      data-testid="coverage-panel"
    >
      <h2 id={`${id}-title`}>Coverage: killings within reach of a base</h2>
      <p className="muted coverage-def">
        Great-circle distance from each one-sided-violence event (UCDP GED, located to where_prec ≤{' '}
        {props.precision}) to the nearest {props.mission} base with a known troop figure above zero
        that year (Geo-PKO). Coverage = civilians killed (best estimate) within X km ÷ all killed in
        the host countries that year.
      </p>
      <form className="coverage-params" onSubmit={(e) => e.preventDefault()}>
        <KmInput km={props.km} onKm={props.onKm} />
        <div className="coverage-perp">
          <label htmlFor={`${id}-perp`}>Perpetrators</label>
          <select
            id={`${id}-perp`}
            value={props.perpetrator}
            data-testid="coverage-perpetrator"
            onChange={(e) => props.onPerpetrator(e.target.value as PerpetratorFilter)}
          >
            {PERPETRATOR_FILTERS.map((p) => (
              <option key={p} value={p}>
                {PERPETRATOR_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
      </form>
      {props.status === 'error' ? (
        <p className="nodata-text" role="alert">
          The events could not be loaded: {props.error}
        </p>
      ) : props.status !== 'ready' ? (
        <p className="muted" data-testid="coverage-loading" aria-live="polite">
          Loading the events…
        </p>
      ) : (
        <>
          {props.selectionView}
          <p
            className={`coverage-summary${computed ? '' : ' nodata-text'}`}
            data-testid="coverage-summary"
            data-year={props.year}
            data-share={y?.share ?? 'null'}
            data-deaths={y?.deaths?.best ?? 'null'}
            data-within={y?.within?.best ?? 'null'}
            aria-live="polite"
          >
            {coverageSentence(y, km, props.precision)}
          </p>
          {rows.length > 0 ? (
            <>
              <h3>Share within {km}&nbsp;km, by year</h3>
              <PlotFigure
                spec={share}
                label={`Share of civilians killed within ${km}\u00a0km of a base with troops, ${props.mission}, by year; band: low to high estimates; grey: violence data not loaded`}
                testId="coverage-share-chart"
              />
              <h3>Civilians killed: all and within reach</h3>
              <PlotFigure
                spec={deaths}
                label={`Civilians killed per year in the host countries (magenta), those within ${km}\u00a0km of a base with troops (blue), with the low–high range`}
                testId="coverage-deaths-chart"
              />
              <YearTable years={props.years} year={props.year} onYear={props.onYear} />
              <button
                type="button"
                className="coverage-download"
                data-testid="coverage-download"
                onClick={props.onDownload}
              >
                Download the yearly coverage (CSV)
              </button>
            </>
          ) : null}
          <UncoveredList
            year={props.year}
            km={km}
            computed={computed}
            rows={props.uncovered}
            shown={shown}
            onMore={() => setShown((n) => n + UNCOVERED_PAGE)}
            onFocus={props.onFocusEvent}
          />
          {props.whatIf}
        </>
      )}
    </section>
  );
}

/** The coverage figures of every year, as a table (the charts' numbers; a year button goes there). */
function YearTable(props: {
  years: readonly CoverageYear[];
  year: number;
  onYear: (y: number) => void;
}) {
  return (
    <details className="coverage-years">
      <summary>The figures by year</summary>
      <table className="details-table" data-testid="coverage-year-table">
        <thead>
          <tr>
            <th scope="col">Year</th>
            <th scope="col">Killed</th>
            <th scope="col">Within reach</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {props.years.map((y) => (
            <tr key={y.year} aria-current={y.year === props.year ? 'true' : undefined}>
              <th scope="row">
                <button type="button" className="linklike" onClick={() => props.onYear(y.year)}>
                  {y.year}
                </button>
              </th>
              {y.hasData && y.deaths && y.within ? (
                <>
                  <td>{fmt(y.deaths.best)}</td>
                  <td>{fmt(y.within.best)}</td>
                  <td>{y.deaths.best === 0 ? 'none killed' : fmtShare(y.share)}</td>
                </>
              ) : (
                <td colSpan={3} className="muted">
                  not loaded
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** The year's uncovered killings, most deaths first. */
function UncoveredList(props: {
  year: number;
  km: number;
  computed: boolean;
  rows: readonly UncoveredRow[];
  shown: number;
  onMore: () => void;
  onFocus: (r: UncoveredRow) => void;
}) {
  const id = useId();
  if (!props.computed) return null;
  const rows = props.rows.slice(0, props.shown);
  return (
    <section className="coverage-uncovered" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        Killings beyond {props.km}&nbsp;km in {props.year}{' '}
        <span className="muted">({fmt(props.rows.length)} events)</span>
      </h3>
      {props.rows.length === 0 ? (
        <p className="muted">Every recorded killing was within reach.</p>
      ) : (
        <ol className="coverage-list" data-testid="coverage-uncovered">
          {rows.map((r) => {
            const e = r.d.event;
            const range =
              e.low !== e.best || e.high !== e.best ? ` (${fmt(e.low)}–${fmt(e.high)})` : '';
            return (
              <li key={r.d.index}>
                <button
                  type="button"
                  className="coverage-row"
                  data-testid="coverage-uncovered-row"
                  onClick={() => props.onFocus(r)}
                >
                  <span className="coverage-place">{r.place}</span>
                  <span className="coverage-deaths">
                    {fmt(e.best)}
                    {range} killed
                  </span>
                  <span className="muted coverage-dist">
                    {r.baseName === null
                      ? 'no base with troops that year'
                      : `${fmtKm(r.d.km)} from ${r.baseName}`}{' '}
                    ·{' '}
                    {e.perpetrator === 'nonstate'
                      ? 'non-state'
                      : e.foreign
                        ? 'foreign government'
                        : 'host government'}{' '}
                    ·{' '}
                    {new Date(Date.UTC(e.year, e.month - 1, 1)).toLocaleString('en', {
                      month: 'short',
                      timeZone: 'UTC',
                    })}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {props.rows.length > props.shown ? (
        <button type="button" className="coverage-more" onClick={props.onMore}>
          Show {Math.min(UNCOVERED_PAGE, props.rows.length - props.shown)} more
        </button>
      ) : null}
    </section>
  );
}
