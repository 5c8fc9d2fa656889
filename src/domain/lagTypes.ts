/**
 * Lag analysis: parameters, categories and result types (definitions in ARCHITECTURE.md,
 * "Lag analysis and base changes"). The computation is in lag.ts.
 */
import { PERPETRATOR_FILTERS, type PerpetratorFilter } from './dataset';

/** The adjustable parameters of the lag analysis. */
export interface LagParams {
  /** θ: a cell-year with V ≥ θ OSV fatalities is violent (episode year). */
  theta: number;
  /** r: reach in rings around the cell (0 = the cell alone, 1 = the 3 × 3 block), 0–3. */
  reach: number;
  /**
   * Reach in kilometres instead of rings (10–200): a base is in reach of a cell when the
   * great-circle distance from the cell's centre to the base is at most this (the coverage
   * view's distance code). Absent or null: rings (`reach`).
   */
  reachKm?: number | null;
  /** W: years after the onset in which a response is looked for (inclusive), 0–10. */
  window: number;
  /**
   * Δ: a base strengthens presence when the highest troop figure on any map of the year exceeds
   * the highest of the year before by at least Δ (an increase counts once, when it first
   * appears).
   */
  delta: number;
  /** Which OSV perpetrators V counts. */
  perpetrator: PerpetratorFilter;
  /**
   * Highest GED `where_prec` kept, 5–7: 5 leaves out events located only to the country (6) or
   * to international waters / airspace (7); 7 keeps every event.
   */
  precision: number;
  /**
   * Whether the bases of the mission's first year (its initial deployment) count as enhanced
   * presence — the research brief's reading: a new base is a new deployment.
   */
  initialDeployment: boolean;
}

/** The defaults of the research brief and issue 6. */
export const DEFAULT_LAG_PARAMS: Readonly<LagParams> = Object.freeze({
  theta: 10,
  reach: 0,
  window: 3,
  delta: 1,
  perpetrator: 'all',
  precision: 5,
  initialDeployment: true,
});

/** Bounds of the numeric parameters (inclusive), for validation and the UI's inputs. */
export const LAG_PARAM_BOUNDS = {
  theta: { min: 1, max: 100_000, integer: false },
  reach: { min: 0, max: 3, integer: true },
  window: { min: 0, max: 10, integer: true },
  delta: { min: 1, max: 100_000, integer: false },
  precision: { min: 5, max: 7, integer: true },
} as const;

/** Bounds of {@link LagParams.reachKm} (inclusive): the coverage view's X. */
export const REACH_KM_BOUNDS = { min: 10, max: 200 } as const;

/** Text that switches reach in kilometres off (rings again). */
const OFF_TEXT = new Set(['', 'off', 'none', 'rings']);

/** Thrown by {@link parseLagParams}; `issues` has one message per bad parameter. */
export class LagParamError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`invalid lag parameters: ${issues.join('; ')}`);
    this.name = 'LagParamError';
    this.issues = issues;
  }
}

const PERPETRATORS: readonly PerpetratorFilter[] = PERPETRATOR_FILTERS;
const TRUE_TEXT = new Set(['true', '1', 'on', 'yes']);
const FALSE_TEXT = new Set(['false', '0', 'off', 'no']);
const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function parseNumber(
  key: keyof typeof LAG_PARAM_BOUNDS,
  raw: unknown,
  issues: string[],
): number | undefined {
  const { min, max, integer } = LAG_PARAM_BOUNDS[key];
  const kind = integer ? 'a whole number' : 'a number';
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && NUMBER_TEXT.test(raw.trim())) n = Number(raw.trim());
  else {
    issues.push(`${key} must be ${kind} from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    return undefined;
  }
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    issues.push(`${key} must be ${kind} from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    return undefined;
  }
  return n;
}

/**
 * Validate lag parameters given as numbers or strings (from the URL or the command line).
 * Missing (undefined) values take the defaults; every bad value is reported, not only the first.
 * @throws {LagParamError} with one clear message per bad value.
 */
export function parseLagParams(
  raw: Partial<Record<keyof LagParams, unknown>> = {},
  defaults: Readonly<LagParams> = DEFAULT_LAG_PARAMS,
): LagParams {
  const issues: string[] = [];
  const out: LagParams = { ...defaults };
  for (const key of ['theta', 'reach', 'window', 'delta', 'precision'] as const) {
    if (raw[key] === undefined) continue;
    const n = parseNumber(key, raw[key], issues);
    if (n !== undefined) out[key] = n;
  }
  if (raw.perpetrator !== undefined) {
    const p = raw.perpetrator;
    if (typeof p === 'string' && (PERPETRATORS as readonly string[]).includes(p)) {
      out.perpetrator = p as PerpetratorFilter;
    } else {
      issues.push(
        `perpetrator must be one of ${PERPETRATORS.join(', ')}, got ${JSON.stringify(p)}`,
      );
    }
  }
  if (raw.reachKm !== undefined) {
    const v = raw.reachKm;
    const t = typeof v === 'string' ? v.trim().toLowerCase() : null;
    const n = typeof v === 'number' ? v : t !== null && NUMBER_TEXT.test(t) ? Number(t) : NaN;
    if (v === null || (t !== null && OFF_TEXT.has(t))) out.reachKm = null;
    else if (Number.isFinite(n) && n >= REACH_KM_BOUNDS.min && n <= REACH_KM_BOUNDS.max)
      out.reachKm = n;
    else
      issues.push(
        `reachKm must be a number of km from ${REACH_KM_BOUNDS.min} to ${REACH_KM_BOUNDS.max} (or off), got ${JSON.stringify(v)}`,
      );
  }
  if (raw.initialDeployment !== undefined) {
    const v = raw.initialDeployment;
    const t = typeof v === 'string' ? v.trim().toLowerCase() : null;
    if (typeof v === 'boolean') out.initialDeployment = v;
    else if (t !== null && TRUE_TEXT.has(t)) out.initialDeployment = true;
    else if (t !== null && FALSE_TEXT.has(t)) out.initialDeployment = false;
    else
      issues.push(
        `initial deployment must be on or off (true / false, 1 / 0), got ${JSON.stringify(v)}`,
      );
  }
  if (issues.length) throw new LagParamError(issues);
  return out;
}

/** The category of a violence episode; exactly one per episode. */
export type LagCategory =
  | 'RESPONDED_SAME_YEAR'
  | 'RESPONDED_LATE'
  | 'NOT_RESPONDED'
  | 'PRESENT_NOT_STRENGTHENED'
  | 'TOO_RECENT';

/** Categories in display order. */
export const LAG_CATEGORIES: readonly LagCategory[] = [
  'NOT_RESPONDED',
  'PRESENT_NOT_STRENGTHENED',
  'RESPONDED_LATE',
  'RESPONDED_SAME_YEAR',
  'TOO_RECENT',
];

/** Categories flagged as a gap, most severe first. */
export const FLAGGED_CATEGORIES: readonly LagCategory[] = [
  'NOT_RESPONDED',
  'PRESENT_NOT_STRENGTHENED',
  'RESPONDED_LATE',
];

/** Human-readable labels of the categories. */
export const LAG_CATEGORY_LABELS: Readonly<Record<LagCategory, string>> = {
  RESPONDED_SAME_YEAR: 'Responded the same year',
  RESPONDED_LATE: 'Presence lagged violence',
  NOT_RESPONDED: 'Not responded',
  PRESENT_NOT_STRENGTHENED: 'Present, not strengthened',
  TOO_RECENT: 'Too recent to judge',
};

/** True for the categories flagged as a gap. */
export function isFlagged(category: LagCategory): boolean {
  return FLAGGED_CATEGORIES.includes(category);
}

/** A violence episode: a maximal run of consecutive covered years with V ≥ θ in one cell. */
export interface Episode {
  /** `${gid}:${onsetYear}`, unique within a result. */
  id: string;
  mission: string;
  gid: number;
  /** Country of the onset cell-year. */
  country: string;
  onsetYear: number;
  endYear: number;
  /** Σ V over the episode's years, for the selected perpetrator type. */
  fatalities: number;
  category: LagCategory;
  /** Response year − onset year; null without a response. */
  lagYears: number | null;
  responseYear: number | null;
  /** Troops in reach at onset (known troop figures > 0 only). */
  troopsAtOnset: number;
  /** Onset is the first analysed year of the country: violence may have begun earlier. */
  censoredStart: boolean;
  /**
   * The response is the mission's initial deployment (bases of its first year, all NEW), not a
   * redeployment; false without a response.
   */
  initialDeployment: boolean;
  flagged: boolean;
}

/** A cell with flagged episodes. */
export interface FlaggedCell {
  gid: number;
  country: string;
  /** Σ fatalities of the cell's flagged episodes. */
  fatalities: number;
  episodes: number;
  /** The most severe category among them. */
  worstCategory: LagCategory;
  /** Onset of the cell's first flagged episode. */
  firstOnset: number;
}

/** Summary figures, for a mission or one mission-year. */
export interface LagFigures {
  /** Σ V over the analysed cell-years; null when no violence data covers them. */
  totalFatalities: number | null;
  /** Σ V over analysed cell-years with troops in reach (P > 0); null like totalFatalities. */
  fatalitiesWithPresence: number | null;
  /** fatalitiesWithPresence / totalFatalities; null when there are none. */
  coverageShare: number | null;
  /** Analysed cell-years. */
  cellYears: number;
  episodes: number;
  byCategory: Record<LagCategory, number>;
  /** Responded (same year or late) / episodes that can be judged (not TOO_RECENT); null if none. */
  responseRate: number | null;
  /** Median lag of the responded episodes; null when none responded. */
  medianLag: number | null;
  /** Cells with flagged episodes ranked by their fatalities (largest first). */
  flaggedCells: FlaggedCell[];
}

/** A host country in a year, and whether it is analysed. */
export interface CountryYear {
  country: string;
  year: number;
  /** Violence data exists for it (analysed); false = "violence data not loaded". */
  violenceData: boolean;
}

/** Figures of one mission-year; episodes are counted in their onset year. */
export interface LagYearSummary extends LagFigures {
  year: number;
  /** Host countries where the mission has a location this year. */
  countries: CountryYear[];
}

/** Figures of the whole mission. */
export interface LagSummary extends LagFigures {
  mission: string;
  params: LagParams;
  /** At least one country-year is analysed. */
  hasViolenceData: boolean;
  /** Years with at least one analysed country-year. */
  analysedYears: number[];
  /** Active country-years without violence data (excluded, not zero). */
  missingViolenceData: CountryYear[];
  /** Last year of deployment data in the dataset (responses are looked for up to it). */
  lastDataYear: number | null;
  /** The years responses were looked for and the years of violence data (see {@link LagWindows}). */
  windows: LagWindows;
  /**
   * OSV events and fatalities of the analysed cell-years (perpetrator filter applied) that the
   * precision filter leaves out (where_prec above `params.precision`).
   */
  leftOut: { events: number; fatalities: number };
}

/** The windows every figure of a run rests on. */
export interface LagWindows {
  /** First analysed year through the last year of deployment data; null when nothing is analysed. */
  responses: [number, number] | null;
  /** Years of the violence data (the GED release); null when none is loaded. */
  violence: [number, number] | null;
  /** "responses sought 2014–2024; violence data 1989–2022". */
  text: string;
}

/** Bins of OSV fatalities for the responsiveness chart: [min, max] inclusive. */
export const RESPONSIVENESS_BINS: readonly { label: string; min: number; max: number }[] = [
  { label: '0', min: 0, max: 0 },
  { label: '1–4', min: 1, max: 4 },
  { label: '5–9', min: 5, max: 9 },
  { label: '10–24', min: 10, max: 24 },
  { label: '25–99', min: 25, max: 99 },
  { label: '100+', min: 100, max: Infinity },
];

/** One bin of the responsiveness chart. */
export interface ResponsivenessBin {
  label: string;
  min: number;
  max: number;
  /** Analysed cell-years in the bin. */
  cellYears: number;
  /** Of those, followed by enhanced presence in reach in the same or the next year. */
  enhanced: number;
  /** enhanced / cellYears; null for an empty bin. */
  share: number | null;
}

/** Responsiveness by perpetrator type (the research brief's figures 2 and 3). */
export interface Responsiveness {
  state: ResponsivenessBin[];
  nonstate: ResponsivenessBin[];
  all: ResponsivenessBin[];
  /** The host government only (part of state). */
  host: ResponsivenessBin[];
  /** Foreign governments only (part of state). */
  foreign: ResponsivenessBin[];
}

/** Everything one run of the lag analysis yields. */
export interface LagResult {
  params: LagParams;
  /** Ranked by fatalities (largest first), then gid, then onset. */
  episodes: Episode[];
  summary: LagSummary;
  years: LagYearSummary[];
  responsiveness: Responsiveness;
}
