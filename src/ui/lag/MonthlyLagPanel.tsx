/**
 * The Lag tab's "Monthly" resolution (issue 14, point 4): the monthly series chart, the months
 * with a Geo-PKO deployment map (the last map carried forward between them), and the monthly lag
 * analysis — episodes of months, responses found map to map, lag in months. Where the mission
 * has no map-level data it says so and computes nothing.
 */
import { type ReactNode } from 'react';
import type { PerpetratorFilter } from '../../domain/dataset';
import {
  MONTHLY_CATEGORIES,
  MONTHLY_CATEGORY_LABELS,
  monthlyPeriodText,
  type MonthlyLagResult,
} from '../../domain/lagMonthly';
import type { CellName } from '../../domain/lagView';
import type { MonthlySeries } from '../../domain/monthlySeries';
import { monthLabel } from '../../domain/timeline';
import type { LagParams } from '../../state/state';
import { fmt } from '../format';
import { LagParamsForm } from './LagParamsForm';
import { TwoWaySwitch } from './TwoWaySwitch';
import { MonthlySeriesChart, mapMonthsText } from './MonthlySeriesChart';

/** Yearly | Monthly radio buttons of the Lag tab. */
export function LagResolutionSwitch(props: {
  monthly: boolean;
  onChange: (monthly: boolean) => void;
}) {
  return (
    <TwoWaySwitch
      legend="Resolution"
      testId="lag-resolution"
      off={{ label: 'Yearly', testId: 'lag-res-year' }}
      on={{ label: 'Monthly (deployment maps)', testId: 'lag-res-month' }}
      value={props.monthly}
      onChange={props.onChange}
    />
  );
}

export interface MonthlyLagPanelProps {
  mission: string;
  result: MonthlyLagResult | null;
  series: MonthlySeries | null;
  /** Why the monthly violence figures are not there yet (still loading, or failed); null once they are. */
  pending: string | null;
  params: LagParams;
  perpetrator: PerpetratorFilter;
  onParams: (p: Partial<LagParams>) => void;
  onPerpetrator: (p: PerpetratorFilter) => void;
  onReset: () => void;
  cellName: (gid: number) => CellName;
  onFocusCell: (gid: number, year: number) => void;
  /** The scope and resolution switches, shown at the top. */
  switches: ReactNode;
}

const SHOWN = 25;

/** The monthly view of the Lag tab. */
export function MonthlyLagPanel(props: MonthlyLagPanelProps) {
  const r = props.result;
  const period = r ? monthlyPeriodText(r) : null;
  return (
    <div className="lag-panel" data-testid="lag-monthly" data-mission={props.mission}>
      <h2>Did presence follow violence? Month by month</h2>
      {props.switches}
      {props.series ? <MonthlySeriesChart series={props.series} /> : null}
      {props.pending !== null ? (
        <p className="lag-nodata" role="status" data-testid="lag-monthly-pending">
          {props.pending} Not computed yet.
        </p>
      ) : !r || !r.available ? (
        <p className="lag-nodata" role="status" data-testid="lag-monthly-nodata">
          No map-level (monthly) Geo-PKO data for {props.mission}: the monthly lag analysis needs
          the deployment maps of the Geo-PKO monthly file (v2.0 offline, to 2018). Not computed.
        </p>
      ) : (
        <>
          <section className="lag-monthly-maps" data-testid="lag-monthly-maps">
            <h3>Deployment maps</h3>
            <p className="lag-note">
              {mapMonthsText(r.mapMonths)} Between two maps the last map is carried forward: a month
              shows the troops of the latest map at or before it. Analysed: {period} (first to last
              map), {fmt(r.analysedMonths)} months with violence data.
              {r.missing.length > 0
                ? ` No violence data for ${r.missing.map((m) => `${m.country} ${m.year}`).join(', ')}: left out, not 0.`
                : ''}
            </p>
          </section>
          <LagParamsForm
            params={props.params}
            perpetrator={props.perpetrator}
            onParams={props.onParams}
            onPerpetrator={props.onPerpetrator}
            onReset={props.onReset}
          />
          <p className="muted lag-note">
            Monthly rules: an episode is a run of consecutive months with at least θ ={' '}
            {props.params.theta} civilians killed in the cell; the response is the first deployment
            map within W = {props.params.window} year{props.params.window === 1 ? '' : 's'} (
            {props.params.window * 12} months) of the onset showing, in reach r ={' '}
            {props.params.reach}, a base’s first map with troops or at least Δ ={' '}
            {props.params.delta} more troops than on the previous map. Cell-months are not split by
            location precision: every event counts here.
          </p>
          <section className="lag-figures" data-testid="lag-monthly-summary">
            <h3>Episodes of months</h3>
            <ul>
              {MONTHLY_CATEGORIES.map((c) => (
                <li key={c} data-category={c}>
                  {MONTHLY_CATEGORY_LABELS[c]}: {fmt(r.byCategory[c])}
                </li>
              ))}
            </ul>
            <p>
              Response rate:{' '}
              {r.responseRate === null
                ? 'not computed (no episode judged)'
                : `${Math.round(r.responseRate * 100)}% of ${fmt(r.episodes.length - r.byCategory.TOO_RECENT)} judged episodes`}
              . Median lag:{' '}
              {r.medianLag === null ? 'not computed (no response)' : `${r.medianLag} months`}.
              {r.byCategory.RESPONDED_SAME_MONTH > 0
                ? ' A map of the onset month counts as a response the same month: a monthly map cannot be ordered against the killings of its month.'
                : ''}
            </p>
          </section>
          {r.episodes.length > 0 ? (
            <section data-testid="lag-monthly-episodes">
              <h3>
                Episodes ranked by civilians killed
                {r.episodes.length > SHOWN ? ` (first ${SHOWN} of ${r.episodes.length})` : ''}
              </h3>
              <ol className="lag-monthly-list">
                {r.episodes.slice(0, SHOWN).map((e) => (
                  <li key={`${e.gid}:${e.onset}`} data-gid={e.gid} data-category={e.category}>
                    <button
                      type="button"
                      className="linklike"
                      onClick={() => props.onFocusCell(e.gid, Math.floor(e.onset / 12))}
                    >
                      {props.cellName(e.gid).name}
                    </button>
                    <div>
                      {e.onset === e.end
                        ? monthLabel(e.onset)
                        : `${monthLabel(e.onset)} – ${monthLabel(e.end)}`}
                      {' · '}
                      {fmt(e.fatalities)} killed · {MONTHLY_CATEGORY_LABELS[e.category]}
                      {e.response !== null
                        ? `: map of ${monthLabel(e.response)}, ${e.lagMonths} month${e.lagMonths === 1 ? '' : 's'}${e.initialDeployment ? ' (initial deployment)' : ''}`
                        : ''}
                    </div>
                    <div className="muted">
                      At onset: map of {monthLabel(e.mapAtOnset)}
                      {e.mapAtOnset !== e.onset ? ' (carried forward)' : ''}, {fmt(e.troopsAtOnset)}{' '}
                      troops in reach
                    </div>
                  </li>
                ))}
              </ol>
            </section>
          ) : (
            <p className="muted">No episode of months with at least θ civilians killed.</p>
          )}
        </>
      )}
    </div>
  );
}
