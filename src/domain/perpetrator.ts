/**
 * Perpetrator class of a one-sided violence event: "state" when GED `side_a` names a government
 * ("Government of …"), otherwise "nonstate". Defined once here for TypeScript and SQL (DuckDB);
 * tests check that both agree.
 */
import type { Perpetrator, PerpetratorFilter } from './dataset';

/**
 * The rule as a regular expression, valid in JavaScript and in RE2 (DuckDB): optional spaces or
 * tabs, then `Government of ` (case-sensitive, as UCDP writes it).
 */
export const STATE_PERPETRATOR_PATTERN = '^[ \\t]*Government of ';

const STATE_RE = new RegExp(STATE_PERPETRATOR_PATTERN);

/** Perpetrator class of a GED `side_a` value. */
export function perpetratorOf(sideA: string | null | undefined): Perpetrator {
  return sideA != null && STATE_RE.test(sideA) ? 'state' : 'nonstate';
}

/** The same rule as a DuckDB SQL expression over a VARCHAR column expression. */
export function perpetratorSql(sideAExpr: string): string {
  return `CASE WHEN coalesce(regexp_matches(${sideAExpr}, '${STATE_PERPETRATOR_PATTERN}'), false) THEN 'state' ELSE 'nonstate' END`;
}

/** Plain-language names of the perpetrator filters (map legend, panels, exports). */
export const PERPETRATOR_LABELS: Record<PerpetratorFilter, string> = {
  all: 'All perpetrators',
  state: 'State forces',
  nonstate: 'Non-state groups',
};
