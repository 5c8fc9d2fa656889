/**
 * Parameters of the what-if placement (src/domain/coverageWhatIf.ts): k sites from the n previous
 * years; defaults, bounds and the named validation. Apart from the computation so that the state
 * can use them without the distance code.
 */

/** Bounds of k (sites) and n (history years). */
export const WHATIF_BOUNDS = {
  k: { min: 1, max: 5 },
  n: { min: 1, max: 10 },
} as const;

/** Defaults: 3 sites from the 3 previous years. */
export const DEFAULT_WHATIF = Object.freeze({ k: 3, n: 3 });

/** Thrown by {@link parseWhatIf}; one message per bad value. */
export class WhatIfParamError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`invalid what-if parameters: ${issues.join('; ')}`);
    this.name = 'WhatIfParamError';
    this.issues = issues;
  }
}

/**
 * Validates k and n given as numbers or strings (URL, command line); missing values take the
 * defaults. @throws {WhatIfParamError} naming every bad value.
 */
export function parseWhatIf(raw: { k?: unknown; n?: unknown } = {}): { k: number; n: number } {
  const issues: string[] = [];
  const out: { k: number; n: number } = { ...DEFAULT_WHATIF };
  for (const key of ['k', 'n'] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    const { min, max } = WHATIF_BOUNDS[key];
    const n =
      typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < min || n > max)
      issues.push(`${key} must be a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`);
    else out[key] = n;
  }
  if (issues.length) throw new WhatIfParamError(issues);
  return out;
}
