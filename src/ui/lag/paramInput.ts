/**
 * Validation of the lag-parameter inputs (pure): the text a user typed → a value within the
 * app's parameter limits, or a sentence saying what is wrong.
 */
import { LAG_PARAM_BOUNDS } from '../../domain/lagTypes';
import type { LagNumberKey } from '../../state/state';

/** A numeric lag parameter the panel edits. */
export type LagParamKey = LagNumberKey;

/** Labels, symbols and help text of the parameter inputs. */
export const PARAM_FIELDS: readonly {
  key: LagParamKey;
  symbol: string;
  label: string;
  unit: string;
  help: string;
}[] = [
  {
    key: 'theta',
    symbol: 'θ',
    label: 'Violence threshold',
    unit: 'killed per cell-year',
    help: 'A cell-year with at least θ deaths is violent; consecutive violent years are one episode.',
  },
  {
    key: 'reach',
    symbol: 'r',
    label: 'Reach',
    unit: 'rings of cells, 0–3',
    help: 'Bases within r rings (≈ 55 km each) count as present; 0 = the cell alone.',
  },
  {
    key: 'window',
    symbol: 'W',
    label: 'Response window',
    unit: 'years, 0–10',
    help: 'Enhanced presence up to W years after the onset is a response.',
  },
  {
    key: 'delta',
    symbol: 'Δ',
    label: 'Strengthening',
    unit: 'troops',
    help: 'A base whose highest troop figure on a map rose by at least Δ since the year before is strengthened (an increase counts once); a new base with troops always counts.',
  },
  {
    key: 'precision',
    symbol: 'p',
    label: 'Location precision',
    unit: 'highest GED where_prec kept, 5–7',
    help: '5 leaves out killings located only to the country (6) or at sea (7): they sit on a country centroid; 7 keeps every event.',
  },
];

/** Result of {@link validateParam}. */
export type ParamCheck = { ok: true; value: number } | { ok: false; message: string };

/** "a whole number from 0 to 3" / "a number from 1 to 10,000". */
export function paramRange(key: LagParamKey): string {
  const { min, max, integer } = LAG_PARAM_BOUNDS[key];
  const nf = new Intl.NumberFormat('en-GB');
  return `${integer ? 'a whole number' : 'a number'} from ${nf.format(min)} to ${nf.format(max)}`;
}

/** Validates the text of a parameter input against the app's limits (the domain's `LAG_PARAM_BOUNDS`). */
export function validateParam(key: LagParamKey, text: string): ParamCheck {
  const t = text.trim();
  const { min, max, integer } = LAG_PARAM_BOUNDS[key];
  const field = PARAM_FIELDS.find((f) => f.key === key);
  const name = field ? `${field.symbol} (${field.label.toLowerCase()})` : key;
  if (t === '') return { ok: false, message: `Enter ${name}: ${paramRange(key)}.` };
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t))
    return { ok: false, message: `${name} must be ${paramRange(key)}; “${t}” is not a number.` };
  const n = Number(t);
  if (integer && !Number.isInteger(n))
    return { ok: false, message: `${name} must be ${paramRange(key)}.` };
  if (n < min || n > max) return { ok: false, message: `${name} must be ${paramRange(key)}.` };
  return { ok: true, value: n };
}
