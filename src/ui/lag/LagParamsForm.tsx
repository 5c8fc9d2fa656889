/**
 * The lag-analysis parameters: θ, r, W, Δ, location precision, the initial-deployment switch
 * and the perpetrator type, as labelled inputs with
 * help text and validation messages. A valid value is applied at once (the analysis recomputes
 * live); an invalid one is shown as such and not applied. "Reset to defaults" restores the
 * research brief's defaults.
 */
import { useId, useState } from 'react';
import { PERPETRATOR_FILTERS, type PerpetratorFilter } from '../../domain/dataset';
import { LAG_PARAM_BOUNDS, REACH_KM_BOUNDS } from '../../domain/lagTypes';
import { DEFAULT_LAG, type LagParams } from '../../state/state';

import { PARAM_FIELDS, validateParam, type LagParamKey } from './paramInput';
import { PERPETRATOR_LABELS } from '../../domain/perpetrator';

export interface LagParamsFormProps {
  params: LagParams;
  perpetrator: PerpetratorFilter;
  onParams: (p: Partial<LagParams>) => void;
  onPerpetrator: (p: PerpetratorFilter) => void;
  /** Restore the defaults (parameters and perpetrator "all"). */
  onReset: () => void;
}

const PERPETRATORS: readonly PerpetratorFilter[] = PERPETRATOR_FILTERS;

/** True when the parameters and the perpetrator are the defaults. */
export function isDefaultParams(p: LagParams, perpetrator: PerpetratorFilter): boolean {
  return (
    perpetrator === 'all' &&
    p.reachKm == null &&
    (Object.keys(DEFAULT_LAG) as LagParamKey[]).every((k) => p[k] === DEFAULT_LAG[k])
  );
}

/** One field of {@link PARAM_FIELDS}. */
type ParamField = (typeof PARAM_FIELDS)[number];

/**
 * The text being typed per numeric field (absent: the applied value is shown) and the change
 * handler that applies a valid value at once — shared by the Lag tab's form and compare's
 * compact rules B form.
 */
export function useParamDrafts(
  params: LagParams,
  onParams: (p: Partial<LagParams>) => void,
): {
  drafts: Partial<Record<LagParamKey, string>>;
  setDraft: (key: LagParamKey, text: string | undefined) => void;
  onText: (key: LagParamKey, text: string) => void;
  clear: () => void;
} {
  const [drafts, setDrafts] = useState<Partial<Record<LagParamKey, string>>>({});
  const setDraft = (key: LagParamKey, text: string | undefined): void =>
    setDrafts((d) => ({ ...d, [key]: text }));
  const onText = (key: LagParamKey, text: string): void => {
    setDraft(key, text);
    const check = validateParam(key, text);
    if (check.ok && check.value !== params[key]) onParams({ [key]: check.value });
  };
  return { drafts, setDraft, onText, clear: () => setDrafts({}) };
}

/**
 * One numeric lag parameter: label, number input with the domain's bounds, help text and the
 * validation message (`validateParam`). Compact: the symbol as label (the name and help in its
 * tooltip and, for screen readers, hidden text).
 */
export function LagParamField(props: {
  field: ParamField;
  value: number;
  draft: string | undefined;
  onText: (text: string) => void;
  onSettled: () => void;
  inputId: string;
  testId: string;
  compact?: boolean;
}) {
  const f = props.field;
  const text = props.draft ?? String(props.value);
  const check = validateParam(f.key, text);
  const lim = LAG_PARAM_BOUNDS[f.key];
  const { inputId, compact } = props;
  return (
    <div className={`lag-param${compact ? ' lag-param-compact' : ''}`}>
      <label htmlFor={inputId} title={compact ? `${f.label}: ${f.unit}` : undefined}>
        <span className="lag-symbol">{f.symbol}</span>
        {compact ? <span className="visually-hidden"> {f.label}</span> : ` ${f.label}`}
      </label>
      <input
        id={inputId}
        name={f.key}
        type="number"
        inputMode={lim.integer ? 'numeric' : 'decimal'}
        min={lim.min}
        max={lim.max}
        step={lim.integer ? 1 : 'any'}
        value={text}
        aria-invalid={!check.ok}
        aria-describedby={`${inputId}-help${check.ok ? '' : ` ${inputId}-error`}`}
        data-testid={props.testId}
        onChange={(e) => props.onText(e.target.value)}
        onBlur={() => {
          if (check.ok) props.onSettled();
        }}
      />
      <span className={compact ? 'visually-hidden' : 'lag-unit muted'} id={`${inputId}-help`}>
        {f.unit}. {f.help}
      </span>
      {check.ok ? null : (
        <span className="lag-error" id={`${inputId}-error`} role="alert">
          {check.message} Still using {props.value}.
        </span>
      )}
    </div>
  );
}

/** The parameters form. */
export function LagParamsForm(props: LagParamsFormProps) {
  const id = useId();
  const { drafts, setDraft, onText, clear } = useParamDrafts(props.params, props.onParams);
  const isDefault = isDefaultParams(props.params, props.perpetrator);
  return (
    <form
      className="lag-params"
      aria-labelledby={`${id}-title`}
      data-testid="lag-params"
      onSubmit={(e) => e.preventDefault()}
    >
      <h3 id={`${id}-title`}>Parameters</h3>
      <div className="lag-param-grid">
        {PARAM_FIELDS.map((f) => (
          <LagParamField
            key={f.key}
            field={f}
            value={props.params[f.key]}
            draft={drafts[f.key]}
            onText={(t) => onText(f.key, t)}
            onSettled={() => setDraft(f.key, undefined)}
            inputId={`${id}-${f.key}`}
            testId={`lag-param-${f.key}`}
          />
        ))}
      </div>
      <ReachKmInput
        value={props.params.reachKm ?? null}
        onValue={(reachKm) => props.onParams({ reachKm })}
      />
      <div className="lag-param lag-initial">
        <label>
          <input
            type="checkbox"
            name="initialDeployment"
            checked={props.params.initialDeployment}
            aria-describedby={`${id}-initial-help`}
            data-testid="lag-param-initialDeployment"
            onChange={(e) => props.onParams({ initialDeployment: e.target.checked })}
          />{' '}
          Initial deployment counts
        </label>
        <span className="lag-unit muted" id={`${id}-initial-help`}>
          The bases of the mission's first year count as enhanced presence (a new base is a new
          deployment). Off: only later openings and strengthenings are responses.
        </span>
      </div>
      <fieldset className="lag-perp">
        <legend>Perpetrator type</legend>
        {PERPETRATORS.map((p) => (
          <label key={p} className={p === props.perpetrator ? 'checked' : undefined}>
            <input
              type="radio"
              name={`${id}-perp`}
              value={p}
              checked={p === props.perpetrator}
              onChange={() => props.onPerpetrator(p)}
            />
            {PERPETRATOR_LABELS[p]}
          </label>
        ))}
        <span className="muted lag-note">Also filters the violence on the map.</span>
      </fieldset>
      <button
        type="button"
        className="button"
        disabled={isDefault && Object.values(drafts).every((v) => v === undefined)}
        onClick={() => {
          clear();
          props.onReset();
        }}
        data-testid="lag-reset"
      >
        Reset to defaults (θ {DEFAULT_LAG.theta}, r {DEFAULT_LAG.reach}, W {DEFAULT_LAG.window}, Δ{' '}
        {DEFAULT_LAG.delta}, p {DEFAULT_LAG.precision}, initial deployment on, all)
      </button>
    </form>
  );
}

/**
 * Reach in kilometres instead of rings: empty = rings (r); 10–200 km applies at once; anything
 * else is marked and not applied.
 */
export function ReachKmInput(props: {
  value: number | null;
  onValue: (km: number | null) => void;
  testId?: string;
  compact?: boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? (props.value === null ? '' : String(props.value));
  const n = Number(text);
  const empty = text.trim() === '';
  const ok = empty || (Number.isFinite(n) && n >= REACH_KM_BOUNDS.min && n <= REACH_KM_BOUNDS.max);
  return (
    <div className={`lag-param lag-reach-km${props.compact ? ' lag-param-compact' : ''}`}>
      <label htmlFor={`${id}-km`} title={props.compact ? 'Reach in km (instead of r)' : undefined}>
        {props.compact ? (
          <>
            km<span className="visually-hidden"> reach in km (instead of r)</span>
          </>
        ) : (
          'Reach in km (instead of r)'
        )}
      </label>
      <input
        id={`${id}-km`}
        name="reachKm"
        type="number"
        inputMode="decimal"
        min={REACH_KM_BOUNDS.min}
        max={REACH_KM_BOUNDS.max}
        step="any"
        value={text}
        placeholder="rings"
        aria-invalid={!ok}
        aria-describedby={`${id}-km-help${ok ? '' : ` ${id}-km-error`}`}
        data-testid={props.testId ?? 'lag-param-reachKm'}
        onChange={(e) => {
          const t = e.target.value;
          setDraft(t);
          const v = Number(t);
          if (t.trim() === '') props.onValue(null);
          else if (Number.isFinite(v) && v >= REACH_KM_BOUNDS.min && v <= REACH_KM_BOUNDS.max)
            props.onValue(v);
        }}
        onBlur={() => ok && setDraft(null)}
      />
      <span className={props.compact ? 'visually-hidden' : 'lag-unit muted'} id={`${id}-km-help`}>
        km from the cell centre to a base ({REACH_KM_BOUNDS.min}–{REACH_KM_BOUNDS.max}); empty: r
        rings. The coverage view's great-circle distance.
      </span>
      {ok ? null : (
        <span className="lag-error" id={`${id}-km-error`} role="alert">
          Reach in km must be a number from {REACH_KM_BOUNDS.min} to {REACH_KM_BOUNDS.max}, or empty
          for rings.
        </span>
      )}
    </div>
  );
}
