/**
 * The whole view of the app as one plain value. Everything a link must reproduce lives here (and
 * in the URL, see `url.ts`); transient things (hover, play state, loading) do not.
 */
import { GRID_IDS, type GridId } from '../domain/gridSystem';
import { COVERAGE_PARAM_BOUNDS, DEFAULT_COVERAGE_PARAMS } from '../domain/coverageParams';
import { PERPETRATOR_FILTERS, type PerpetratorFilter } from '../domain/dataset';
import { DEFAULT_WHATIF, WHATIF_BOUNDS } from '../domain/whatIfParams';
import { parsePooledYears } from '../domain/lagPooled';
import type { LagCategory } from '../domain/lagTypes';
import { createPlayback, type Playback } from './playback';
import type { StoryDraft } from './storyDraft';
import {
  DEFAULT_LAG_PARAMS,
  LAG_PARAM_BOUNDS,
  REACH_KM_BOUNDS,
  type LagParams as AnalysisParams,
} from '../domain/lagTypes';

/** Map layers of the `l` link parameter. */
export const VIEW_LAYER_KEYS = [
  'violence',
  'noData',
  'bases',
  'changes',
  'flags',
  'hotspots',
  'labels',
] as const;

/**
 * Deployment role, unit-type and contributor layers (Geo-PKO FrontMap, TTMap, TCCMap; the `r`
 * link parameter): troops and no-troop sites filter the base circles; the others add markers.
 */
export const ROLE_LAYER_KEYS = [
  'troops',
  'noTroops',
  'hq',
  'unpol',
  'unmo',
  'medical',
  'engineering',
  'signals',
  'aviation',
  'transport',
  'maintenance',
  'riverine',
  'contributors',
] as const;
export type RoleLayerKey = (typeof ROLE_LAYER_KEYS)[number];

/** Map layers the user can switch on and off. */
export const LAYER_KEYS = [...VIEW_LAYER_KEYS, ...ROLE_LAYER_KEYS] as const;
export type LayerKey = (typeof LAYER_KEYS)[number];
export type Layers = Record<LayerKey, boolean>;

/** Human names for the layer toggles. */
export const LAYER_LABELS: Record<LayerKey, string> = {
  violence: 'Violence against civilians',
  noData: '“No violence data” areas',
  bases: 'Peacekeeping bases',
  changes: 'Base changes (new, ▲ ▼, closed)',
  flags: 'Lag flags',
  hotspots: 'New hotspots (★: reached θ this year)',
  labels: 'Place names',
  troops: 'Sites with troops (infantry, reserve, units)',
  noTroops: 'Sites without troops (police, observers, HQ only)',
  hq: 'HQs (HQ: mission, S: sector)',
  unpol: 'UN police (P)',
  unmo: 'UN military observers (O)',
  medical: 'Medical units (+)',
  engineering: 'Engineering units (E)',
  signals: 'Signals units (S)',
  aviation: 'Aviation units (A)',
  transport: 'Transport units (T)',
  maintenance: 'Maintenance units (M)',
  riverine: 'Riverine units (R)',
  contributors: 'Contributing countries (count, troops each)',
};

/** Map camera: centre and zoom (MapLibre zoom levels). */
export interface Camera {
  lon: number;
  lat: number;
  zoom: number;
}

/** What the details panel shows. */
export type Selection = { kind: 'cell'; gid: number } | { kind: 'base'; id: string } | null;

/**
 * Lag-analysis parameters (issue "Lag analysis") as the state keeps them: θ, r, W, Δ of the
 * domain's parameters (the perpetrator filter is the state's own `perpetrator`). Their defaults
 * and bounds are the domain's (`DEFAULT_LAG_PARAMS`, `LAG_PARAM_BOUNDS` in src/domain/lagTypes.ts).
 */
export type LagParams = Omit<AnalysisParams, 'perpetrator'>;

/** Tabs of the side panel; later issues add their panels here. */
export const PANEL_TABS = [
  'details',
  'changes',
  'lag',
  'coverage',
  'story',
  'world',
  'countries',
  'maps',
] as const;
export type PanelTab = (typeof PANEL_TABS)[number];

/** Guided story position (case-study mode). */
export interface StoryPosition {
  id: string;
  scene: number;
}

/** The Lag tab's gap list: which episodes it lists and how many rows are shown. */
export interface GapListView {
  filter: 'flagged' | 'all' | LagCategory;
  shown: number;
}

/** Rows of the gap list per page. */
export const GAP_PAGE = 25;

/**
 * A story scene's year range that the playback runs over (case-study mode), with the timeline's
 * own speed and loop to restore afterwards.
 */
export interface PlayRange {
  from: number;
  to: number;
  resume: { secondsPerYear: number; loop: boolean };
}

/**
 * The one app store's state. Slices: the **view** (mission … panel; in the URL), the
 * **analysis parameters** (`lag`, with `perpetrator`; in the URL), the **story** position (in the
 * URL) and the **playback** (`playback`, `playRange`: transient). The year and month shown are
 * read from the playback by the same updates that move it (see `timeline.ts`).
 */
export interface AppState {
  /** Geo-PKO mission acronym. */
  mission: string;
  year: number;
  /** 1–12 when the timeline runs monthly, else null (yearly). */
  month: number | null;
  perpetrator: PerpetratorFilter;
  layers: Layers;
  /** null = fit the map to the mission's bases. */
  camera: Camera | null;
  selection: Selection;
  lag: LagParams;
  panel: PanelTab;
  story: StoryPosition | null;
  /** The clock: position over the step indices of the mission's years (or months). */
  playback: Playback;
  /** A story scene's year range being played, else null. */
  playRange: PlayRange | null;
  /** The Lag tab's gap list view (kept while other tabs are open; not in the URL). */
  gapList: GapListView;
  /** Coverage view parameters (in the URL as `cx`); the perpetrator filter is `perpetrator`. */
  coverage: CoverageState;
  /**
   * The Lag tab's scope: null = the selected mission; otherwise every mission pooled over the
   * years given (null ends open). In the URL as `pool`.
   */
  lagPool: LagPool | null;
  /**
   * The Lag tab's resolution for the selected mission: false = yearly (default), true = monthly
   * (Geo-PKO's map months; issue 14 point 4). In the URL as `lagres=month`.
   */
  lagMonthly: boolean;
  /**
   * The grid of the violence layer and the lag analysis: PRIO-GRID 0.5° (default) or H3
   * resolution 4 / 5 (in the URL as `g`; see src/domain/gridSystem.ts).
   */
  grid: GridId;
  /**
   * The World view (every mission active in the year on one map; in the URL as `w`), or null for
   * the one-mission view. `mission` stays the mission the view returns to.
   */
  world: WorldView | null;
  /** The story being built in the Case study tab (not in the URL; kept in localStorage). */
  storyDraft: StoryDraft | null;
  /**
   * Compare: a second year drawn right of a divider on the same map (the year in the URL as
   * `cmp`), or null. See src/state/compare.ts.
   */
  compare: CompareState | null;
}

/**
 * The compare slice (see compare.ts): what is drawn right of the divider and the divider's
 * position. Two modes: another **year** (`rules` null: the right side shows `year` with the
 * state's own lag parameters) or other **lag rules** (`rules` set: the right side shows the
 * state's own year with these parameters; `year` is kept for a switch back to years).
 */
export interface CompareState {
  /** The year shown right of the divider in years mode. */
  year: number;
  /** The divider's position, as a fraction of the map's width (0.05–0.95). */
  split: number;
  /** Rules mode: the second lag parameter set ("rules B"); null in years mode. */
  rules: LagParams | null;
}

/** Years of the pooled lag analysis ("All missions"), inclusive; null ends are open. */
export interface LagPool {
  from: number | null;
  to: number | null;
}

/** The World view: the missions chosen in its multi-select (empty: every active mission). */
export interface WorldView {
  missions: string[];
}

/** The camera of the World view: Africa, the Middle East and Haiti in one frame. */
export const WORLD_CAMERA: Readonly<Camera> = Object.freeze({ lon: 10, lat: 8, zoom: 1.6 });

/** Every year of any mission, ascending (the World view's steps). */
export function allYears(missions: readonly MissionYears[]): number[] {
  return [...new Set(missions.flatMap((m) => m.years))].sort((a, b) => a - b);
}

/**
 * The coverage view's own parameters: X, the reach of a base in km (10–200), and the what-if's
 * k sites (1–5) chosen from the n previous years (1–10).
 */
export interface CoverageState {
  km: number;
  k: number;
  n: number;
}

/** X = 50 km, k = 3, n = 3 (the domain's defaults). */
export const DEFAULT_COVERAGE: Readonly<CoverageState> = Object.freeze({
  km: DEFAULT_COVERAGE_PARAMS.km,
  k: DEFAULT_WHATIF.k,
  n: DEFAULT_WHATIF.n,
});

/** Clamps the lag's reach in kilometres into the domain's bounds (NaN: null, rings). */
export function clampReachKm(km: number): number | null {
  if (!Number.isFinite(km)) return null;
  return Math.min(REACH_KM_BOUNDS.max, Math.max(REACH_KM_BOUNDS.min, km));
}

/** Clamps k or n into the domain's bounds (rounded); NaN gives the default. */
export function clampWhatIf(key: 'k' | 'n', v: number): number {
  const { min, max } = WHATIF_BOUNDS[key];
  if (!Number.isFinite(v)) return DEFAULT_COVERAGE[key];
  return Math.min(max, Math.max(min, Math.round(v)));
}

/** Clamps X into the domain's bounds; NaN gives the default. */
export function clampCoverageKm(km: number): number {
  const { min, max } = COVERAGE_PARAM_BOUNDS.km;
  if (!Number.isFinite(km)) return DEFAULT_COVERAGE.km;
  return Math.min(max, Math.max(min, km));
}

/** Seconds per step the timeline starts with. */
export const DEFAULT_SECONDS_PER_STEP = 1.5;

/** The mission a newcomer sees first. */
export const DEFAULT_MISSION = 'MINUSCA';
/** Its first year with one-sided violence data and bases. */
export const DEFAULT_YEAR = 2014;

export const DEFAULT_LAYERS: Layers = {
  violence: true,
  noData: true,
  bases: true,
  changes: true,
  flags: true,
  hotspots: false,
  labels: true,
  troops: true,
  noTroops: true,
  hq: true,
  unpol: false,
  unmo: false,
  medical: false,
  engineering: false,
  signals: false,
  aviation: false,
  transport: false,
  maintenance: false,
  riverine: false,
  contributors: false,
};

/** The research brief's lag parameters (the domain's defaults). */
export const DEFAULT_LAG: Readonly<LagParams> = Object.freeze({
  theta: DEFAULT_LAG_PARAMS.theta,
  reach: DEFAULT_LAG_PARAMS.reach,
  window: DEFAULT_LAG_PARAMS.window,
  delta: DEFAULT_LAG_PARAMS.delta,
  precision: DEFAULT_LAG_PARAMS.precision,
  initialDeployment: DEFAULT_LAG_PARAMS.initialDeployment,
});

/** The numeric lag parameters the state keeps, in the order of the panel and the link. */
export const LAG_PARAM_KEYS = [
  'theta',
  'reach',
  'window',
  'delta',
  'precision',
] as const satisfies readonly (keyof LagParams)[];
/** A numeric lag parameter (initialDeployment is the one on / off parameter). */
export type LagNumberKey = (typeof LAG_PARAM_KEYS)[number];

/** The minimal mission facts state logic needs. */
export interface MissionYears {
  id: string;
  years: number[];
}

/**
 * The default state for a list of missions: MINUSCA 2014 when MINUSCA exists, otherwise the first
 * mission's first year.
 */
export function defaultState(missions: readonly MissionYears[]): AppState {
  const m = missions.find((x) => x.id === DEFAULT_MISSION) ?? missions[0];
  const mission = m?.id ?? DEFAULT_MISSION;
  const year = m ? nearestYear(m.years, DEFAULT_YEAR) : DEFAULT_YEAR;
  return {
    mission,
    year,
    month: null,
    perpetrator: 'all',
    layers: { ...DEFAULT_LAYERS },
    camera: null,
    selection: null,
    lag: { ...DEFAULT_LAG },
    panel: 'details',
    story: null,
    playback: createPlayback(
      0,
      Math.max(0, (m?.years.length ?? 1) - 1),
      Math.max(0, m?.years.indexOf(year) ?? 0),
      { secondsPerYear: DEFAULT_SECONDS_PER_STEP },
    ),
    playRange: null,
    gapList: { filter: 'all', shown: GAP_PAGE },
    coverage: { ...DEFAULT_COVERAGE },
    lagPool: null,
    lagMonthly: false,
    grid: 'prio',
    world: null,
    storyDraft: null,
    compare: null,
  };
}

/** The year of `years` closest to `year` (earlier wins a tie); `year` itself when the list is empty. */
export function nearestYear(years: readonly number[], year: number): number {
  let best: number | undefined;
  for (const y of years) {
    if (best === undefined || Math.abs(y - year) < Math.abs(best - year)) best = y;
  }
  return best ?? year;
}

/** Clamps a number into the domain's [min, max], rounding when integer; NaN gives min. */
export function clampParam(key: LagNumberKey, value: number): number {
  const { min, max, integer } = LAG_PARAM_BOUNDS[key];
  if (!Number.isFinite(value)) return min;
  const v = integer ? Math.round(value) : value;
  return Math.min(max, Math.max(min, v));
}

/**
 * Lag parameters after a partial change (the one rule for the Lag tab's `setLag` and compare's
 * `setCompareLag`): numbers clamped into the domain's bounds, reach in km clamped or null
 * (rings), `initialDeployment` only as a boolean; anything else is ignored. Returns `lag` itself
 * when nothing changes.
 */
export function patchLag(lag: LagParams, patch: Partial<LagParams>): LagParams {
  const next = { ...lag };
  for (const [k, v] of Object.entries(patch) as [keyof LagParams, unknown][]) {
    if (k === 'initialDeployment') {
      if (typeof v === 'boolean') next.initialDeployment = v;
    } else if (k === 'reachKm') {
      if (v === null) next.reachKm = null;
      else if (typeof v === 'number') next.reachKm = clampReachKm(v);
    } else if ((LAG_PARAM_KEYS as readonly string[]).includes(k) && typeof v === 'number')
      next[k as LagNumberKey] = clampParam(k as LagNumberKey, v);
  }
  return sameLag(next, lag) ? lag : next;
}

/**
 * Lag parameters made valid (for `replace` and compare's rules): a missing number takes
 * `fallback`'s, every number is clamped into the domain's bounds (one that is not a finite number:
 * the lower bound), a non-boolean `initialDeployment` takes `fallback`'s, reach in km clamped
 * (anything but a number: null).
 */
export function normalizeLag(
  raw: Partial<LagParams> | null | undefined,
  fallback: LagParams,
): LagParams {
  const lag: LagParams = { ...fallback, ...(raw ?? {}) };
  for (const k of LAG_PARAM_KEYS) lag[k] = clampParam(k, Number(raw?.[k] ?? fallback[k]));
  if (typeof lag.initialDeployment !== 'boolean')
    lag.initialDeployment = fallback.initialDeployment;
  if (lag.reachKm !== undefined)
    lag.reachKm = typeof lag.reachKm === 'number' ? clampReachKm(lag.reachKm) : null;
  return lag;
}

/** The lag parameters (numbers, reach in km, initial deployment) in which `a` and `b` differ. */
export function lagDifferences(a: LagParams, b: LagParams): (keyof LagParams)[] {
  const out: (keyof LagParams)[] = LAG_PARAM_KEYS.filter((k) => a[k] !== b[k]);
  if ((a.reachKm ?? null) !== (b.reachKm ?? null)) out.push('reachKm');
  if (a.initialDeployment !== b.initialDeployment) out.push('initialDeployment');
  return out;
}

/** True when two lag parameter sets are the same rules (reach in km absent = null). */
export function sameLag(a: LagParams, b: LagParams): boolean {
  return lagDifferences(a, b).length === 0;
}

/** Clamps a camera into valid Web Mercator ranges; null for non-finite input. */
export function clampCamera(c: Camera): Camera | null {
  if (![c.lon, c.lat, c.zoom].every(Number.isFinite)) return null;
  const lon = ((((c.lon + 180) % 360) + 360) % 360) - 180;
  return {
    lon,
    lat: Math.min(85, Math.max(-85, c.lat)),
    zoom: Math.min(16, Math.max(0, c.zoom)),
  };
}

/** True when the state is internally valid for the missions (used by tests and as a guard). */
export function isValidState(s: AppState, missions: readonly MissionYears[]): boolean {
  const m = missions.find((x) => x.id === s.mission);
  if (missions.length > 0 && !m) return false;
  const years = s.world ? allYears(missions) : (m?.years ?? []);
  if (missions.length > 0 && !years.includes(s.year)) return false;
  if (
    s.world &&
    (s.month !== null || !s.world.missions.every((id) => missions.some((x) => x.id === id)))
  )
    return false;
  if (!Number.isInteger(s.year)) return false;
  if (s.month !== null && !(Number.isInteger(s.month) && s.month >= 1 && s.month <= 12))
    return false;
  if (!PERPETRATOR_FILTERS.includes(s.perpetrator)) return false;
  if (!LAYER_KEYS.every((k) => typeof s.layers[k] === 'boolean')) return false;
  if (s.camera !== null) {
    const c = clampCamera(s.camera);
    if (!c || c.lon !== s.camera.lon || c.lat !== s.camera.lat || c.zoom !== s.camera.zoom)
      return false;
  }
  if (s.selection !== null) {
    if (s.selection.kind === 'cell' && !(Number.isInteger(s.selection.gid) && s.selection.gid > 0))
      return false;
    if (s.selection.kind === 'base' && s.selection.id.length === 0) return false;
  }
  for (const k of LAG_PARAM_KEYS) {
    if (clampParam(k, s.lag[k]) !== s.lag[k]) return false;
  }
  if (typeof s.lag.initialDeployment !== 'boolean') return false;
  if (!PANEL_TABS.includes(s.panel)) return false;
  if (clampCoverageKm(s.coverage.km) !== s.coverage.km) return false;
  if (clampWhatIf('k', s.coverage.k) !== s.coverage.k) return false;
  if (clampWhatIf('n', s.coverage.n) !== s.coverage.n) return false;
  if (s.story !== null && !(Number.isInteger(s.story.scene) && s.story.scene >= 0)) return false;
  if (!GRID_IDS.includes(s.grid)) return false;
  if (
    s.compare !== null &&
    ((missions.length > 0 && !years.includes(s.compare.year)) ||
      !(s.compare.split >= 0.05 && s.compare.split <= 0.95) ||
      (s.compare.rules !== null &&
        (s.world !== null ||
          LAG_PARAM_KEYS.some(
            (k) => clampParam(k, s.compare!.rules![k]) !== s.compare!.rules![k],
          ) ||
          typeof s.compare.rules.initialDeployment !== 'boolean')))
  )
    return false;
  return true;
}

/**
 * A pooled-analysis scope made valid: null stays null; whole years 1946–2100 with from ≤ to
 * (the domain's `parsePooledYears`); undefined when invalid (the caller keeps what it had).
 */
export function validLagPool(pool: LagPool | null): LagPool | null | undefined {
  if (pool === null) return null;
  try {
    return parsePooledYears(pool.from, pool.to);
  } catch {
    return undefined;
  }
}
