/**
 * Compare, rules mode (src/state/compare.ts): the side labels that say which lag parameters
 * differ, and the panel over the map that edits rules B (compact fields of the Lag tab's form,
 * the same bounds and validation) and sets the two runs side by side (the Grid comparison's
 * figures, `runFigures`, and the flagged cells that differ, `data.lag.rulesDiff`).
 */
import { useId, useMemo } from 'react';
import { toLagParams } from '../../data/lagSelectors';
import { PERPETRATOR_LABELS } from '../../domain/perpetrator';
import { lagDifferences, sameLag, type LagParams } from '../../state/state';
import { useData } from '../dataContext';
import { fmt, fmtList } from '../format';
import { LagParamField, ReachKmInput, useParamDrafts } from '../lag/LagParamsForm';
import { PARAM_FIELDS } from '../lag/paramInput';
import { runFigures } from '../lag/runFigures';
import { useAtlas, useDispatch } from '../store';
import '../grid/grid.css';
import '../lag/lag.css';

/** One parameter in plain words: "θ 25", "W 3", "reach 50 km", "initial deployment off". */
export function paramText(lag: LagParams, key: keyof LagParams): string {
  switch (key) {
    case 'theta':
      return `θ ${fmt(lag.theta)}`;
    case 'reach':
      return `r ${lag.reach}`;
    case 'window':
      return `W ${lag.window}`;
    case 'delta':
      return `Δ ${fmt(lag.delta)}`;
    case 'precision':
      return `p ${lag.precision}`;
    case 'reachKm':
      return lag.reachKm != null ? `reach ${fmt(lag.reachKm)} km` : 'reach in rings';
    case 'initialDeployment':
      return `initial deployment ${lag.initialDeployment ? 'on' : 'off'}`;
  }
}

/** Every parameter of a set, short ("θ 10, r 0, W 3, Δ 1, p 5, reach in rings, initial …"). */
export function rulesText(lag: LagParams): string {
  return (
    ['theta', 'reach', 'window', 'delta', 'precision', 'reachKm', 'initialDeployment'] as const
  )
    .map((k) => paramText(lag, k))
    .join(', ');
}

/**
 * The two side labels of rules mode: each names its set and the parameters in which the sets
 * differ ("Rules A: θ 10, W 3" / "Rules B: θ 25, W 5"); when none differ, B says so.
 */
export function rulesLabels(a: LagParams, b: LagParams): { left: string; right: string } {
  const keys = lagDifferences(a, b);
  if (keys.length === 0) return { left: 'Rules A', right: 'Rules B (same as A)' };
  return {
    left: `Rules A: ${keys.map((k) => paramText(a, k)).join(', ')}`,
    right: `Rules B: ${keys.map((k) => paramText(b, k)).join(', ')}`,
  };
}

/** The compact form of rules B. */
function RulesBForm(props: { rules: LagParams }) {
  const dispatch = useDispatch();
  const id = useId();
  const onParams = (params: Partial<LagParams>): void =>
    dispatch({ type: 'setCompareLag', params });
  const { drafts, setDraft, onText } = useParamDrafts(props.rules, onParams);
  return (
    <div className="compare-rules-form" role="group" aria-label="Rules B">
      {PARAM_FIELDS.map((f) => (
        <LagParamField
          key={f.key}
          compact
          field={f}
          value={props.rules[f.key]}
          draft={drafts[f.key]}
          onText={(t) => onText(f.key, t)}
          onSettled={() => setDraft(f.key, undefined)}
          inputId={`${id}-${f.key}`}
          testId={`compare-lag-${f.key}`}
        />
      ))}
      <ReachKmInput
        compact
        testId="compare-lag-reachKm"
        value={props.rules.reachKm ?? null}
        onValue={(reachKm) => onParams({ reachKm })}
      />
      <label
        className="compare-rules-initial"
        title="The bases of the mission's first year count as enhanced presence"
      >
        <input
          type="checkbox"
          checked={props.rules.initialDeployment}
          data-testid="compare-lag-initialDeployment"
          onChange={(e) => onParams({ initialDeployment: e.target.checked })}
        />{' '}
        initial deployment counts
      </label>
    </div>
  );
}

/** Rules A and B side by side: the main figures of both runs and the flagged cells that differ. */
function RulesSummary(props: { a: LagParams; b: LagParams }) {
  const { data } = useData();
  const mission = useAtlas((s) => s.mission);
  const perpetrator = useAtlas((s) => s.perpetrator);
  const pa = useMemo(() => toLagParams(props.a, perpetrator), [props.a, perpetrator]);
  const pb = useMemo(() => toLagParams(props.b, perpetrator), [props.b, perpetrator]);
  const ra = data.lag.result(mission, pa);
  const rb = data.lag.result(mission, pb);
  const diff = data.lag.rulesDiff(mission, pa, pb);
  if (!ra || !rb || !diff) return null;
  if (!ra.summary.hasViolenceData)
    return (
      <p className="muted" role="status">
        No violence data for {mission}&rsquo;s countries: the lag analysis is not computed under
        either set.
      </p>
    );
  const fa = runFigures(ra);
  const fb = runFigures(rb);
  const differ = diff.onlyA.length + diff.onlyB.length;
  const few = (gids: number[]): string => {
    const names = gids.map((g) => data.cellName(g).name);
    return names.length > 3
      ? `${fmtList(names.slice(0, 3))} and ${names.length - 3} more`
      : fmtList(names);
  };
  return (
    <div className="compare-rules-summary">
      <table className="grid-compare-table" data-testid="compare-rules-table">
        <caption>
          Lag analysis of {mission}, all its years, on PRIO-GRID;{' '}
          {PERPETRATOR_LABELS[perpetrator].toLowerCase()}
        </caption>
        <thead>
          <tr>
            <th scope="col">Whole mission</th>
            <th scope="col" title={rulesText(props.a)}>
              A (left)
            </th>
            <th scope="col" title={rulesText(props.b)}>
              B (right)
            </th>
          </tr>
        </thead>
        <tbody>
          {fa.map(([k, v], i) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{v}</td>
              <td>{fb[i]![1]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status" data-testid="compare-rules-diff">
        <strong>{fmt(differ)}</strong> flagged {differ === 1 ? 'cell differs' : 'cells differ'}:{' '}
        {fmt(diff.onlyA.length)} under A only, {fmt(diff.onlyB.length)} under B only (
        {fmt(diff.both)} under both).
      </p>
      {diff.onlyA.length > 0 ? <p className="muted">A only: {few(diff.onlyA)}.</p> : null}
      {diff.onlyB.length > 0 ? <p className="muted">B only: {few(diff.onlyB)}.</p> : null}
    </div>
  );
}

/** The rules B panel: the form, Same as A / Swap, and the side-by-side summary. */
export function CompareRulesPanel(props: { a: LagParams; b: LagParams; period: string }) {
  const dispatch = useDispatch();
  const same = sameLag(props.a, props.b);
  return (
    <section
      id="compare-rules"
      className="compare-rules"
      aria-label="Rules B and the two runs side by side"
      data-testid="compare-rules"
    >
      <p className="compare-rules-lead">
        <strong>Rules B</strong>, right of the divider, {props.period}.{' '}
        <span className="muted">A, left: the Lag tab&rsquo;s ({rulesText(props.a)}).</span>
      </p>
      <div className="compare-rules-body">
        <div>
          <RulesBForm rules={props.b} />
          <div className="compare-rules-actions">
            <button
              type="button"
              className="button"
              disabled={same}
              data-testid="compare-rules-reset"
              onClick={() => dispatch({ type: 'resetCompareLag' })}
            >
              Same as A
            </button>
            <button
              type="button"
              className="button"
              disabled={same}
              data-testid="compare-rules-swap"
              title="Rules B become the Lag tab's rules (left), rules A go right"
              onClick={() => dispatch({ type: 'swapCompareRules' })}
            >
              Swap A ↔ B
            </button>
          </div>
        </div>
        <RulesSummary a={props.a} b={props.b} />
      </div>
    </section>
  );
}
