/**
 * Parameters of the coverage analysis (definitions in src/domain/coverage.ts and ARCHITECTURE.md,
 * "Coverage"): X km, perpetrator filter, location precision; defaults, bounds and the named
 * validation. Apart from coverage.ts so that the state can use them without the distance code.
 */
import { PERPETRATOR_FILTERS, type PerpetratorFilter } from './dataset';

/** Adjustable parameters of the coverage view and the CLI. */
export interface CoverageParams {
  /** X: reach of a base in km, 10–200. */
  km: number;
  /** Which perpetrators count. */
  perpetrator: PerpetratorFilter;
  /** Highest GED `where_prec` kept (1–7; default 5: events known only to the country level or at sea are left out). */
  precision: number;
}

/** The defaults: 50 km, all perpetrators, where_prec ≤ 5. */
export const DEFAULT_COVERAGE_PARAMS: Readonly<CoverageParams> = Object.freeze({
  km: 50,
  perpetrator: 'all',
  precision: 5,
});

/** Bounds of the numeric parameters (inclusive). */
export const COVERAGE_PARAM_BOUNDS = {
  km: { min: 10, max: 200, integer: false },
  precision: { min: 1, max: 7, integer: true },
} as const;

/** Thrown by {@link parseCoverageParams}; `issues` has one message per bad parameter. */
export class CoverageParamError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`invalid coverage parameters: ${issues.join('; ')}`);
    this.name = 'CoverageParamError';
    this.issues = issues;
  }
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Validates coverage parameters given as numbers or strings (URL, command line); missing values
 * take the defaults, every bad value is reported.
 * @throws {CoverageParamError} with one clear message per bad value.
 */
export function parseCoverageParams(
  raw: Partial<Record<keyof CoverageParams, unknown>> = {},
  defaults: Readonly<CoverageParams> = DEFAULT_COVERAGE_PARAMS,
): CoverageParams {
  const issues: string[] = [];
  const out: CoverageParams = { ...defaults };
  for (const key of ['km', 'precision'] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    const { min, max, integer } = COVERAGE_PARAM_BOUNDS[key];
    const kind = integer ? 'a whole number' : 'a number';
    const n =
      typeof v === 'number'
        ? v
        : typeof v === 'string' && NUMBER_TEXT.test(v.trim())
          ? Number(v.trim())
          : NaN;
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max)
      issues.push(`${key} must be ${kind} from ${min} to ${max}, got ${JSON.stringify(v)}`);
    else out[key] = n;
  }
  if (raw.perpetrator !== undefined) {
    const p = raw.perpetrator;
    if (typeof p === 'string' && (PERPETRATOR_FILTERS as readonly string[]).includes(p))
      out.perpetrator = p as PerpetratorFilter;
    else
      issues.push(
        `perpetrator must be one of ${PERPETRATOR_FILTERS.join(', ')}, got ${JSON.stringify(p)}`,
      );
  }
  if (issues.length) throw new CoverageParamError(issues);
  return out;
}
