/**
 * The view in the URL query string, so that a link reproduces it.
 *
 * | param | meaning | example |
 * |---|---|---|
 * | `m` | mission | `MINUSCA` |
 * | `y` | year | `2014` |
 * | `mo` | month 1–12 (monthly timeline) | `6` |
 * | `p` | perpetrator: `all`, `state`, `host`, `foreign`, `nonstate` | `state` |
 * | `l` | layers switched on, comma-separated (`-` for none) | `violence,bases` |
 * | `r` | deployment role / unit / contributor layers on (`-` for none) | `troops,unpol,medical` |
 * | `c` | camera `lon,lat,zoom` | `20.9,6.6,5.8` |
 * | `sel` | selection `cell:<gid>` or `base:<id>` | `cell:139421` |
 * | `tab` | side panel tab | `details` |
 * | `theta`, `reach`, `win`, `delta`, `prec` | lag-analysis parameters | `10`, `0`, `3`, `1`, `5` |
 * | `init` | initial deployment counts as enhanced presence (`1` / `0`) | `0` |
 * | `reachkm` | lag reach in km (10–200) instead of rings | `50` |
 * | `g` | grid: `prio` (default), `h3r4`, `h3r5` | `h3r4` |
 * | `cx` | coverage view: reach of a base in km (10–200) | `50` |
 * | `ck`, `cn` | coverage what-if: k sites (1–5) from the n previous years (1–10) | `3`, `3` |
 * | `story`, `scene` | guided story and scene (0-based) | `minusca`, `3` |
 * | `pool` | Lag tab: all missions pooled, over `FROM-TO` years (`all`, `2012-`, `-2022`) | `2012-2022` |
 * | `w` | World view: `all`, or the missions chosen, comma-separated | `MINUSCA,UNMISS` |
 * | `cmp` | compare: the year drawn right of the divider | `2019` |
 * | `cmpl` | compare rules: the second lag parameter set, as the main ones' `name:value` pairs that differ from them (`-`: none) | `theta:25,win:5` |
 *
 * Parsing never fails: an unknown or malformed parameter falls back to its default and adds a
 * notice that the app shows.
 */
import { GRID_IDS, type GridId } from '../domain/gridSystem';
import { COVERAGE_PARAM_BOUNDS, parseCoverageParams } from '../domain/coverageParams';
import { PERPETRATOR_FILTERS } from '../domain/dataset';
import { isValidGid } from '../domain/grid';
import { parseWhatIf, WHATIF_BOUNDS } from '../domain/whatIfParams';
import { alignPlayback } from './timeline';
import {
  encodeCompareParam,
  encodeCompareRulesParam,
  parseCompareParam,
  parseCompareRulesParam,
} from './compare';
import { applyLagLinkParam, LAG_LINK_NAMES, lagLinkFields, quote } from './lagLink';
import {
  DEFAULT_COVERAGE,
  DEFAULT_LAG,
  DEFAULT_LAYERS,
  ROLE_LAYER_KEYS,
  VIEW_LAYER_KEYS,
  PANEL_TABS,
  WORLD_CAMERA,
  allYears,
  defaultState,
  nearestYear,
  validLagPool,
  type AppState,
  type LayerKey,
  type Layers,
  type MissionYears,
  type PanelTab,
} from './state';

/** Options for checks that need the loaded data. */
export interface ParseOptions {
  /** Known base ids; a `sel=base:` naming another id falls back to no selection. */
  baseIds?: ReadonlySet<string>;
}

export interface ParsedUrlState {
  state: AppState;
  /** One sentence per parameter that was ignored or corrected. */
  notices: string[];
}

const KNOWN = new Set([
  'm',
  'lagres',
  'y',
  'mo',
  'p',
  'l',
  'r',
  'c',
  'sel',
  'tab',
  'story',
  'scene',
  'cx',
  'ck',
  'cn',
  'pool',
  'g',
  'w',
  'cmp',
  'cmpl',
  ...LAG_LINK_NAMES,
]);

function parseNumber(s: string): number | null {
  if (!/^-?\d+(\.\d+)?$/.test(s.trim())) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function safeParams(search: string): URLSearchParams {
  try {
    return new URLSearchParams(search);
  } catch {
    return new URLSearchParams();
  }
}

/**
 * True when a link opens on a monthly view (a month `mo`, or the monthly lag analysis
 * `lagres=month`): the app then loads the cell-months before its first frame, not after it.
 */
export function linkNeedsCellMonths(search: string): boolean {
  const q = safeParams(search);
  return q.has('mo') || q.get('lagres') === 'month';
}

/**
 * Parses a query string (with or without the leading `?`) into a valid state for `missions`.
 */
export function parseUrlState(
  search: string,
  missions: readonly MissionYears[],
  opts: ParseOptions = {},
): ParsedUrlState {
  const notices: string[] = [];
  const state = defaultState(missions);
  const q = safeParams(search);
  const get = (k: string): string | null => {
    const v = q.get(k);
    return v === null ? null : v;
  };

  for (const key of new Set(q.keys())) {
    if (!KNOWN.has(key)) notices.push(`Ignored unknown link parameter ${quote(key)}.`);
  }

  const m = get('m');
  if (m !== null) {
    const mission = missions.find((x) => x.id === m || x.id.toLowerCase() === m.toLowerCase());
    if (mission && mission.years.length > 0) {
      state.mission = mission.id;
      state.year = mission.years[0] ?? state.year;
    } else
      notices.push(`Unknown mission ${quote(m)} in the link; showing ${state.mission} instead.`);
  }
  const w = get('w');
  if (w !== null) {
    const ids = w === 'all' || w === '' ? [] : w.split(',').map((x) => x.trim());
    const known = ids.filter((id) => missions.some((x) => x.id === id));
    const bad = ids.filter((id) => !known.includes(id));
    if (bad.length > 0)
      notices.push(`Ignored unknown mission(s) ${bad.map(quote).join(', ')} of the World view.`);
    state.world = { missions: [...new Set(known)].sort() };
    state.camera = { ...WORLD_CAMERA };
    state.panel = 'world';
  }
  const years = state.world
    ? allYears(missions)
    : (missions.find((x) => x.id === state.mission)?.years ?? []);

  const y = get('y');
  if (y !== null) {
    const n = parseNumber(y);
    if (n === null || !Number.isInteger(n))
      notices.push(`Year ${quote(y)} in the link is not a year; showing ${state.year}.`);
    else if (years.length > 0 && !years.includes(n)) {
      const near = nearestYear(years, n);
      notices.push(
        `${state.world ? 'No mission has' : `${state.mission} has`} no bases in ${n} (${state.world ? 'years' : 'its years'}: ${years[0]}–${years[years.length - 1]}); showing ${near}.`,
      );
      state.year = near;
    } else state.year = n;
  }

  const mo = get('mo');
  if (mo !== null) {
    const n = parseNumber(mo);
    if (state.world) notices.push('The World view runs by year; showing the whole year.');
    else if (n !== null && Number.isInteger(n) && n >= 1 && n <= 12) state.month = n;
    else notices.push(`Month ${quote(mo)} in the link is not 1–12; showing the whole year.`);
  }

  const p = get('p');
  if (p !== null) {
    const known = PERPETRATOR_FILTERS.find((f) => f === p);
    if (known) state.perpetrator = known;
    else
      notices.push(
        `Perpetrator ${quote(p)} in the link is not one of ${PERPETRATOR_FILTERS.join(', ')}; showing all.`,
      );
  }

  for (const [param, keys] of [
    ['l', VIEW_LAYER_KEYS],
    ['r', ROLE_LAYER_KEYS],
  ] as const) {
    const l = get(param);
    if (l === null) continue;
    const layers: Layers = { ...state.layers };
    for (const k of keys) layers[k] = false;
    const bad: string[] = [];
    for (const part of l.split(',').map((s) => s.trim())) {
      if (part === '' || part === '-') continue;
      if ((keys as readonly string[]).includes(part)) layers[part as LayerKey] = true;
      else bad.push(part);
    }
    if (bad.length > 0)
      notices.push(`Ignored unknown layer(s) ${bad.map(quote).join(', ')} in the link.`);
    if (l.trim() === '' && bad.length === 0) for (const k of keys) layers[k] = DEFAULT_LAYERS[k];
    state.layers = layers;
  }

  const c = get('c');
  if (c !== null) {
    const parts = c.split(',').map(parseNumber);
    const [lon, lat, zoom] = parts;
    if (
      parts.length === 3 &&
      lon != null &&
      lat != null &&
      zoom != null &&
      lon >= -180 &&
      lon <= 180 &&
      lat >= -85 &&
      lat <= 85 &&
      zoom >= 0 &&
      zoom <= 16
    )
      state.camera = { lon, lat, zoom };
    else notices.push(`Map position ${quote(c)} in the link is not valid; fitting the mission.`);
  }

  const sel = get('sel');
  if (sel !== null) {
    const cell = /^cell:(\d+)$/.exec(sel);
    const base = /^base:(.+)$/.exec(sel);
    if (cell && isValidGid(Number(cell[1])))
      state.selection = { kind: 'cell', gid: Number(cell[1]) };
    else if (base && base[1] && (!opts.baseIds || opts.baseIds.has(base[1])))
      state.selection = { kind: 'base', id: base[1] };
    else notices.push(`Selection ${quote(sel)} in the link is not a known cell or base.`);
  }

  const tab = get('tab');
  if (tab !== null) {
    if ((PANEL_TABS as readonly string[]).includes(tab)) state.panel = tab as PanelTab;
    else notices.push(`Panel ${quote(tab)} in the link is unknown; showing details.`);
  }

  // Validated by the analysis itself (src/domain/lagTypes.ts), with its bounds.
  for (const param of LAG_LINK_NAMES) {
    const v = get(param);
    if (v === null) continue;
    const r = applyLagLinkParam(state.lag, param, v);
    state.lag = r.lag;
    if (r.notice) notices.push(r.notice);
  }

  // Validated by the coverage analysis itself (src/domain/coverageParams.ts).
  const cx = get('cx');
  if (cx !== null) {
    try {
      state.coverage = { ...state.coverage, km: parseCoverageParams({ km: cx }).km };
    } catch {
      const { min, max } = COVERAGE_PARAM_BOUNDS.km;
      notices.push(
        `Parameter cx=${quote(cx)} (coverage reach) must be a number of km from ${min} to ${max}; using ${state.coverage.km}.`,
      );
    }
  }

  for (const [param, key] of [
    ['ck', 'k'],
    ['cn', 'n'],
  ] as const) {
    const v = get(param);
    if (v === null) continue;
    try {
      state.coverage = { ...state.coverage, [key]: parseWhatIf({ [key]: v })[key] };
    } catch {
      const { min, max } = WHATIF_BOUNDS[key];
      notices.push(
        `Parameter ${param}=${quote(v)} (what-if ${key === 'k' ? 'sites' : 'history years'}) must be a whole number from ${min} to ${max}; using ${state.coverage[key]}.`,
      );
    }
  }

  const lagres = get('lagres');
  if (lagres !== null) {
    if (lagres === 'month' || lagres === 'year') state.lagMonthly = lagres === 'month';
    else notices.push(`Parameter lagres=${quote(lagres)} must be month or year; showing years.`);
  }
  const pool = get('pool');
  if (pool !== null) {
    const m = /^(\d{4})?-(\d{4})?$/.exec(pool);
    const parsed =
      pool === 'all'
        ? { from: null, to: null }
        : m
          ? validLagPool({ from: m[1] ? Number(m[1]) : null, to: m[2] ? Number(m[2]) : null })
          : undefined;
    if (parsed) state.lagPool = parsed;
    else
      notices.push(
        `Parameter pool=${quote(pool)} must be all or years FROM-TO (e.g. 2012-2022); showing the mission alone.`,
      );
  }

  const grid = get('g');
  if (grid !== null) {
    if ((GRID_IDS as readonly string[]).includes(grid)) state.grid = grid as GridId;
    else
      notices.push(
        `Parameter g=${quote(grid)} (grid) must be one of ${GRID_IDS.join(', ')}; using PRIO-GRID.`,
      );
  }

  const cmp = get('cmp');
  if (cmp !== null) {
    const parsed = parseCompareParam(cmp, years);
    state.compare = parsed.compare;
    if (parsed.notice) notices.push(parsed.notice);
  }
  const cmpl = get('cmpl');
  if (cmpl !== null) {
    const parsed = parseCompareRulesParam(cmpl, state, years);
    state.compare = parsed.compare;
    notices.push(...parsed.notices);
  }

  const story = get('story');
  if (story !== null) {
    if (/^[a-z0-9-]{1,40}$/.test(story)) {
      const sc = get('scene');
      const n = sc === null ? 0 : parseNumber(sc);
      if (n === null || !Number.isInteger(n) || n < 0) {
        notices.push(`Scene ${quote(sc ?? '')} in the link is not a scene number; starting at 1.`);
        state.story = { id: story, scene: 0 };
      } else state.story = { id: story, scene: n };
    } else notices.push(`Story ${quote(story)} in the link is not a valid story id.`);
  }

  return { state: alignPlayback(state, missions, false), notices };
}

function round(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)));
}

/** The query string (with leading `?`) that `parseUrlState` turns back into `state`. */
export function encodeUrlState(state: AppState): string {
  const q = new URLSearchParams();
  q.set('m', state.mission);
  q.set('y', String(state.year));
  if (state.month !== null) q.set('mo', String(state.month));
  q.set('p', state.perpetrator);
  for (const [param, keys] of [
    ['l', VIEW_LAYER_KEYS],
    ['r', ROLE_LAYER_KEYS],
  ] as const) {
    const on = keys.filter((k) => state.layers[k]);
    const isDefault = keys.every((k) => state.layers[k] === DEFAULT_LAYERS[k]);
    if (!isDefault) q.set(param, on.length > 0 ? on.join(',') : '-');
  }
  if (state.camera)
    q.set(
      'c',
      [round(state.camera.lon, 4), round(state.camera.lat, 4), round(state.camera.zoom, 2)].join(
        ',',
      ),
    );
  if (state.selection)
    q.set(
      'sel',
      state.selection.kind === 'cell'
        ? `cell:${state.selection.gid}`
        : `base:${state.selection.id}`,
    );
  if (state.panel !== 'details') q.set('tab', state.panel);
  for (const [param, value] of lagLinkFields(state.lag, DEFAULT_LAG)) q.set(param, value);
  if (state.coverage.km !== DEFAULT_COVERAGE.km) q.set('cx', String(state.coverage.km));
  if (state.coverage.k !== DEFAULT_COVERAGE.k) q.set('ck', String(state.coverage.k));
  if (state.coverage.n !== DEFAULT_COVERAGE.n) q.set('cn', String(state.coverage.n));
  if (state.lagPool) {
    const { from, to } = state.lagPool;
    q.set('pool', from === null && to === null ? 'all' : `${from ?? ''}-${to ?? ''}`);
  }
  if (state.lagMonthly && !state.lagPool) q.set('lagres', 'month');
  if (state.grid !== 'prio') q.set('g', state.grid);
  if (state.world)
    q.set('w', state.world.missions.length > 0 ? state.world.missions.join(',') : 'all');
  const cmp = encodeCompareParam(state);
  if (cmp !== null) q.set('cmp', cmp);
  const cmpl = encodeCompareRulesParam(state);
  if (cmpl !== null) q.set('cmpl', cmpl);
  if (state.story) {
    q.set('story', state.story.id);
    q.set('scene', String(state.story.scene));
  }
  return `?${q.toString().replace(/%2C/g, ',').replace(/%3A/g, ':')}`;
}
