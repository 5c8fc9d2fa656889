/**
 * Perpetrator class of a one-sided violence event: "state" when GED `side_a` names a government
 * ("Government of …"), otherwise "nonstate". Defined once here for TypeScript and SQL (DuckDB);
 * tests check that both agree. A state perpetrator is "host" or "foreign" by comparing its
 * government with the event's country ({@link isForeignGovernment}; the pipeline applies it to
 * the distinct (side_a, country) pairs, so it exists in TypeScript only).
 */
import { canonicalCountry } from './countries';
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

/** The country a GED `side_a` names as its government ("Government of Chad" → "Chad"), else null. */
export function governmentOf(sideA: string | null | undefined): string | null {
  if (sideA == null || !STATE_RE.test(sideA)) return null;
  return sideA.replace(STATE_RE, '').trim();
}

/**
 * True when `side_a` is a government other than that of the country where the killing happened
 * (GED `country` of the event): "Government of Chad" in the Central African Republic. Names are
 * compared after {@link canonicalCountry} (GED writes both the same way: "Government of DR
 * Congo (Zaire)" / "DR Congo (Zaire)"). A non-state actor is never foreign.
 */
export function isForeignGovernment(sideA: string | null | undefined, country: string): boolean {
  const gov = governmentOf(sideA);
  return gov !== null && canonicalCountry(gov) !== canonicalCountry(country);
}

/** The same rule as a DuckDB SQL expression over a VARCHAR column expression. */
export function perpetratorSql(sideAExpr: string): string {
  return `CASE WHEN coalesce(regexp_matches(${sideAExpr}, '${STATE_PERPETRATOR_PATTERN}'), false) THEN 'state' ELSE 'nonstate' END`;
}

/** Plain-language names of the perpetrator filters (map legend, panels, exports). */
export const PERPETRATOR_LABELS: Record<PerpetratorFilter, string> = {
  all: 'All perpetrators',
  state: 'State forces',
  host: 'Host government',
  foreign: 'Foreign governments',
  nonstate: 'Non-state groups',
};
