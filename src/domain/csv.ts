/**
 * Writing CSV that is safe to open in a spreadsheet. Every CSV the project writes (the data
 * build's exports and rejects.csv, the lag episodes of `npm run analyze` and of the app's
 * download) goes through {@link csvField}.
 */

/**
 * Characters that make a spreadsheet read a cell as a formula (or, for tab and carriage
 * return, can hide one), per OWASP's "CSV Injection" guidance: `=`, `+`, `-`, `@`, tab, CR.
 */
export const FORMULA_LEADING = ['=', '+', '-', '@', '\t', '\r'] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text value made inert for spreadsheets: when it starts with a formula character
 * ({@link FORMULA_LEADING}) it gets a leading apostrophe (`=1+1` → `'=1+1`), as OWASP
 * recommends; any other text is returned as it is.
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One CSV field (RFC 4180): `null` / `undefined` → empty; a number is written as a number
 * (`-3` stays `-3`; a non-finite number is empty); text is neutralised
 * ({@link neutralizeFormula}) and quoted when it holds a comma, a double quote or a line break.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const s = neutralizeFormula(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (no line break) from its fields, each written by {@link csvField}. */
export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvField).join(',');
}
