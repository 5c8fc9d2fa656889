/**
 * The Lag tab's "All missions" view (issue 14, point 2): the lag analysis pooled over every
 * mission-country-year with violence data in the chosen years — the research brief's figures
 * 2–3 — with the missions EXCLUDED for lack of violence data named (never counted as zero), the
 * pooled figures, the responsiveness chart with Wilson 95 % intervals, the largest episodes and
 * the CSV downloads. The scope switch sits on top of both Lag views.
 */
import { useId, useState } from 'react';
import type { PerpetratorFilter } from '../../domain/dataset';
import { INTERVAL_METHOD, type PooledResult, type PooledYears } from '../../domain/lagPooled';
import { pooledYearsText } from '../../domain/lagPooledCsv';
import type { Episode } from '../../domain/lagTypes';
import {
  cellName,
  hasResponsivenessData,
  missingViolenceCountries,
  type PlaceMatch,
} from '../../domain/lagView';
import type { LagParams } from '../../state/state';
import { DataText } from '../DataText';
import { fmt, plural } from '../format';
import { CategoryChip } from './CategoryChip';
import { LagParamsForm } from './LagParamsForm';
import { TwoWaySwitch } from './TwoWaySwitch';
import { ResponsivenessChart } from './ResponsivenessChart';
import { EpisodeCategories, EpisodeFigureRows } from './SummaryCard';

/** The research brief's years (figures 2–3: African missions 2012–2022). */
export const BRIEF_YEARS: Readonly<PooledYears> = Object.freeze({ from: 2012, to: 2022 });

/** Episodes listed in the pooled view (all of them are in the CSV). */
const LISTED = 25;

/** "This mission | All missions": the Lag tab's scope. */
export function LagScopeSwitch(props: {
  mission: string;
  pooled: boolean;
  onChange: (pooled: boolean) => void;
}) {
  return (
    <TwoWaySwitch
      legend="Missions analysed"
      testId="lag-scope"
      off={{ label: `This mission (${props.mission})`, testId: 'lag-scope-mission' }}
      on={{ label: 'All missions', testId: 'lag-scope-all' }}
      value={props.pooled}
      onChange={props.onChange}
    />
  );
}

/** A year input's text → year, null (empty: open) or undefined (invalid). */
function readYear(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return /^\d{4}$/.test(t) && n >= 1946 && n <= 2100 ? n : undefined;
}

/** From / to year inputs; a valid pair is applied at once. */
function YearsForm(props: { years: PooledYears; onYears: (y: PooledYears) => void }) {
  const id = useId();
  const [draft, setDraft] = useState<{ from: string; to: string } | null>(null);
  const text = draft ?? {
    from: props.years.from === null ? '' : String(props.years.from),
    to: props.years.to === null ? '' : String(props.years.to),
  };
  const from = readYear(text.from);
  const to = readYear(text.to);
  const error =
    from === undefined || to === undefined
      ? 'A year is four digits from 1946 to 2100, or empty for every year.'
      : from !== null && to !== null && from > to
        ? `From ${from} is after to ${to}.`
        : null;
  const change = (next: { from: string; to: string }) => {
    setDraft(next);
    const f = readYear(next.from);
    const t = readYear(next.to);
    if (f !== undefined && t !== undefined && (f === null || t === null || f <= t)) {
      props.onYears({ from: f, to: t });
    }
  };
  return (
    <div className="lag-years" data-testid="pooled-years">
      <label htmlFor={`${id}-from`}>
        From year{' '}
        <input
          id={`${id}-from`}
          inputMode="numeric"
          size={5}
          value={text.from}
          placeholder="first"
          aria-invalid={error !== null && from === undefined ? true : undefined}
          aria-describedby={error ? `${id}-err` : undefined}
          onChange={(e) => change({ ...text, from: e.target.value })}
        />
      </label>
      <label htmlFor={`${id}-to`}>
        to{' '}
        <input
          id={`${id}-to`}
          inputMode="numeric"
          size={5}
          value={text.to}
          placeholder="last"
          aria-invalid={error !== null && from !== undefined ? true : undefined}
          aria-describedby={error ? `${id}-err` : undefined}
          onChange={(e) => change({ ...text, to: e.target.value })}
        />
      </label>
      <button
        type="button"
        className="button"
        onClick={() => {
          setDraft(null);
          props.onYears({ ...BRIEF_YEARS });
        }}
      >
        Brief’s years 2012–2022
      </button>
      {error ? (
        <p id={`${id}-err`} className="lag-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export interface PooledPanelProps {
  mission: string;
  result: PooledResult;
  params: LagParams;
  perpetrator: PerpetratorFilter;
  onParams: (p: Partial<LagParams>) => void;
  onPerpetrator: (p: PerpetratorFilter) => void;
  onReset: () => void;
  onYears: (y: PooledYears) => void;
  onScope: (pooled: boolean) => void;
  placeOf: (gid: number) => PlaceMatch | null;
  regionOf?: (gid: number) => string | null;
  /** Saves the pooled episodes CSV. */
  onDownload: () => void;
  /** Saves the pooled responsiveness table CSV. */
  onDownloadTable: () => void;
}

function years(e: Episode): string {
  return e.onsetYear === e.endYear ? `${e.onsetYear}` : `${e.onsetYear}–${e.endYear}`;
}

/** The "All missions" view of the Lag tab. */
export function PooledPanel(props: PooledPanelProps) {
  const r = props.result;
  const f = r.figures;
  const span = pooledYearsText(r.years);
  const partly = r.included.filter((m) => m.missing.length > 0);
  return (
    <div className="lag-panel" data-testid="lag-panel" data-scope="all">
      <h2>Did presence follow violence? All missions</h2>
      <LagScopeSwitch mission={props.mission} pooled onChange={props.onScope} />
      <p className="muted lag-intro">
        Every mission-country-year with violence data in the years, pooled: each mission judged by
        its own bases with the same parameters, as in the research brief’s figures 2–3 (African
        missions 2012–2022). A cell in two missions’ areas counts once per mission.
      </p>
      <YearsForm years={r.years} onYears={props.onYears} />
      <section className="lag-pooled-missions" aria-label="Missions counted">
        <p data-testid="pooled-included">
          <strong>Counted ({span}):</strong>{' '}
          {r.included.length === 0
            ? 'no mission has violence data in these years.'
            : r.included
                .map((m) => `${m.mission} (${plural(m.analysedCountryYears, 'country-year')})`)
                .join(', ')}
        </p>
        {r.excluded.length > 0 ? (
          <details
            className="lag-nodata"
            data-testid="pooled-excluded"
            open={r.excluded.length <= 4}
          >
            <summary>
              <strong>
                Excluded — violence data not loaded ({plural(r.excluded.length, 'mission')}, not
                counted as zero)
              </strong>
            </summary>
            <ul className="plain-list">
              {r.excluded.map((m) => (
                <li key={m.mission} data-mission={m.mission}>
                  <strong>{m.mission}</strong>:{' '}
                  {missingViolenceCountries(m.missing)
                    .map((c) => `${c.country} ${c.years}`)
                    .join(', ')}
                </li>
              ))}
            </ul>
            <span className="muted">
              Run npm run data:fetch (then npm run data) to add the global UCDP GED release.
            </span>
          </details>
        ) : null}
        {partly.length > 0 ? (
          <p className="nodata-text" data-testid="pooled-partly">
            Left out, not zero:{' '}
            {partly
              .map(
                (m) =>
                  `${m.mission} ${missingViolenceCountries(m.missing)
                    .map((c) => `${c.country} ${c.years}`)
                    .join(', ')}`,
              )
              .join('; ')}
            .
          </p>
        ) : null}
      </section>
      <LagParamsForm
        params={props.params}
        perpetrator={props.perpetrator}
        onParams={props.onParams}
        onPerpetrator={props.onPerpetrator}
        onReset={props.onReset}
      />
      {f.totalFatalities === null ? null : (
        <>
          <section className="lag-summary" data-testid="pooled-summary" aria-label="Pooled figures">
            <h3>All missions, {span}</h3>
            <dl className="lag-figures">
              <dt>Civilians killed</dt>
              <dd data-field="killed">
                {fmt(f.totalFatalities)}
                <span className="muted">
                  {' '}
                  in {fmt(f.cellYears)} mission-cell-years
                  {r.analysedSpan ? `, ${r.analysedSpan[0]}–${r.analysedSpan[1]}` : ''}
                </span>
              </dd>
              <EpisodeFigureRows figures={f} />
            </dl>
            <EpisodeCategories figures={f} />
          </section>
          {hasResponsivenessData(r.responsiveness) ? (
            <ResponsivenessChart
              responsiveness={r.responsiveness}
              reach={props.params.reach}
              delta={props.params.delta}
              scope={`all missions, ${span}`}
            />
          ) : null}
          <p className="muted lag-note" data-testid="pooled-interval-method">
            Intervals: {INTERVAL_METHOD} of each share (counts in the table), computed from the
            pooled counts.
          </p>
          <section aria-label="Largest episodes" data-testid="pooled-episodes">
            <div className="lag-section-head">
              <h3>Largest episodes</h3>
              <button type="button" className="button" onClick={props.onDownload}>
                Download CSV
              </button>
              <button type="button" className="button" onClick={props.onDownloadTable}>
                Responsiveness CSV
              </button>
            </div>
            <p className="muted lag-hint">
              The {Math.min(LISTED, r.episodes.length)} largest of {fmt(r.episodes.length)} episodes
              (all in the CSV). Choose a mission and “This mission” to open one on the map.
            </p>
            <ol className="plain-list lag-pooled-list">
              {r.episodes.slice(0, LISTED).map((e) => (
                <li key={`${e.mission}:${e.id}`} data-mission={e.mission} data-gid={e.gid}>
                  <span className="lag-gap-line">
                    <strong>
                      <DataText>
                        {
                          cellName(e.gid, props.placeOf(e.gid), props.regionOf?.(e.gid) ?? null)
                            .name
                        }
                      </DataText>
                    </strong>
                    <span className="lag-gap-killed">{fmt(e.fatalities)} killed</span>
                  </span>
                  <span className="lag-gap-line">
                    <CategoryChip category={e.category} />
                    <span className="muted">
                      {e.mission} · {years(e)}
                    </span>
                  </span>
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </div>
  );
}
