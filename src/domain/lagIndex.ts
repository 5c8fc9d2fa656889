/**
 * The parameter-independent index of the lag analysis for one mission: which cell-years are
 * analysed, their OSV fatalities (all / state / non-state), and the mission's base-years reduced
 * to what presence and enhanced presence need. Built once per dataset and mission
 * ({@link prepareLagIndex}, memoized); the reach-dependent presence arrays are cached per reach.
 */
import { missionChanges, type BaseChange } from './changes';
import {
  hasViolenceData,
  type Base,
  type BaseYear,
  type Coverage,
  type Dataset,
  type Mission,
  type PerpetratorFilter,
} from './dataset';
import { greatCircleKm } from './distance';
import { cellYearsOf } from './encoding';
import { datasetOrigin, type CellYearTable } from './cellYearTable';
import { PRIO_GRID, type GridSystem } from './gridSystem';
import type { CountryYear, LagParams } from './lagTypes';

/** A base-year as the lag analysis sees it. */
export interface LagBaseYear {
  baseId: string;
  gid: number;
  /** Troops counted as presence: the known (Geo-PKO yearly) troop figure when > 0, else 0. */
  presence: number;
  /** NEW this year with known troops > 0. */
  newWithTroops: boolean;
  /**
   * Highest map figure of t − highest of t − 1 when the base is in both years with known
   * figures, else null (see changes.ts: an increase counts once).
   */
  troopDelta: number | null;
  change: BaseChange;
}

/** Presence and enhanced-presence inputs for one reach, per cell-year (`cell * nYears + yi`). */
export interface ReachArrays {
  reach: number;
  /** P(c, t): troops in reach. */
  presence: Float64Array;
  /** 1 when a base in reach is NEW with troops > 0. */
  newInReach: Uint8Array;
  /** The largest single-base troop increase in reach (−Infinity when none). */
  maxDelta: Float64Array;
}

/** The lag analysis index of one mission. */
export interface LagIndex {
  missionId: string;
  mission: Mission;
  /** The grid of the cells (PRIO-GRID unless the dataset was regridded, see gridAggregate.ts). */
  grid: GridSystem;
  /** First year of the arrays (the mission's first year with a location). */
  y0: number;
  /** Number of years in the arrays: y0 … lastDataYear. */
  nYears: number;
  /** Last year of deployment data in the dataset; null when the mission has no base-years. */
  lastDataYear: number | null;
  /** The dataset's violence-data coverage (for the windows a run states). */
  coverage: Coverage;
  /** Cells inside a host country (see ARCHITECTURE.md), ascending cell id (gid on PRIO-GRID). */
  cells: Int32Array;
  /** gid → position in `cells`. */
  cellPos: Map<number, number>;
  /** Country of each cell-year (`cell * nYears + yi`); '' when the cell-year is not analysed. */
  country: string[];
  /** 1 when the cell-year is analysed. */
  covered: Uint8Array;
  /** The dataset's cell-years as typed columns (the rows {@link cellYearRows} points at). */
  table: CellYearTable;
  /**
   * The row of `table` of each analysed cell-year that has one; −1 where none (no GED event:
   * V = 0). Row numbers, not row objects: an H3 r5 mission has 10⁵ cell-years.
   */
  cellYearRows: Int32Array;
  /** V arrays computed so far, keyed `${perpetrator}:${precision}` (see {@link violenceArray}). */
  violenceCache: Map<string, Float64Array>;
  /** First analysed year of each host country. */
  firstAnalysedYear: Map<string, number>;
  /** The mission's host countries per year, with whether violence data exists. */
  countryYears: CountryYear[];
  /** Base-years per year index. */
  baseYears: LagBaseYear[][];
  /** Changes per year, as classified by changes.ts. */
  changes: Map<number, BaseChange[]>;
  /** Reach arrays computed so far (filled lazily by {@link reachArrays}). */
  reachCache: Map<number, ReachArrays>;
}

/** Thrown for a mission id that is not in the dataset. */
export class UnknownMissionError extends Error {
  readonly known: string[];
  constructor(missionId: string, known: string[]) {
    super(`unknown mission "${missionId}"; known missions: ${known.join(', ') || '(none)'}`);
    this.name = 'UnknownMissionError';
    this.known = known;
  }
}

const memo = new WeakMap<Dataset, Map<string, LagIndex>>();

/**
 * The lag index of a mission, memoized per dataset (its {@link datasetOrigin}: the index does
 * not read the cell-months, so a dataset completed with them keeps its indexes), mission id and
 * grid. The dataset's
 * cell ids (`CellYear.gid`, `Base.gid`, `BaseYear.gid`) must be cells of `grid` (PRIO-GRID gids
 * by default; `regridDataset` gives a dataset on another grid).
 * @throws {UnknownMissionError} when the mission is not in the dataset.
 */
export function prepareLagIndex(
  dataset: Dataset,
  missionId: string,
  grid: GridSystem = PRIO_GRID,
): LagIndex {
  const origin = datasetOrigin(dataset);
  let perMission = memo.get(origin);
  if (!perMission) memo.set(origin, (perMission = new Map()));
  const key = `${grid.id}:${missionId}`;
  let index = perMission.get(key);
  if (!index) perMission.set(key, (index = buildLagIndex(dataset, missionId, grid)));
  return index;
}

function mostFrequent(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  let n = -1;
  for (const [k, c] of counts) {
    if (c > n || (c === n && best !== undefined && k < best)) {
      best = k;
      n = c;
    }
  }
  return best;
}

/** Dataset-wide lookups shared by the indexes of all missions of one dataset. */
interface DatasetLookups {
  baseById: Map<string, Base>;
  baseYearsByMission: Map<string, BaseYear[]>;
  lastDataYear: number | null;
  /** The dataset's cell-years as typed columns. */
  table: CellYearTable;
  /** Row numbers of that table by the cell-year's (GED) country, and by cell. */
  rowsByCountry: (country: string) => Int32Array;
  rowsByGid: (gid: number) => Int32Array;
}
const lookupsMemo = new WeakMap<Dataset, DatasetLookups>();
const EMPTY_ROWS = new Int32Array(0);

function lookups(dataset: Dataset): DatasetLookups {
  let l = lookupsMemo.get(dataset);
  if (l) return l;
  const baseYearsByMission = new Map<string, BaseYear[]>();
  let lastDataYear: number | null = null;
  for (const by of dataset.baseYears) {
    if (lastDataYear === null || by.year > lastDataYear) lastDataYear = by.year;
    let list = baseYearsByMission.get(by.mission);
    if (!list) baseYearsByMission.set(by.mission, (list = []));
    list.push(by);
  }
  // Grouped once per dataset, so that each mission's index reads only its host countries'
  // and its cells' cell-years (the pooled analysis builds every mission's index).
  // Row numbers only, in typed arrays (no list per cell: an H3 r5 table has 10⁵ cells):
  // row objects are made for the cell-years an index keeps.
  const table = cellYearsOf(dataset);
  const n = table.length;
  // By country code: counting sort of the rows (rows stay ascending within a country).
  const nCountries = table.countries.length;
  const countryStart = new Int32Array(nCountries + 1);
  // (A row without a country, code −1, belongs to no country.)
  for (let r = 0; r < n; r++) if (table.country[r]! >= 0) countryStart[table.country[r]! + 1]!++;
  for (let c = 0; c < nCountries; c++) countryStart[c + 1]! += countryStart[c]!;
  const countryRows = new Int32Array(countryStart[nCountries]!);
  const fill = countryStart.slice(0, nCountries);
  for (let r = 0; r < n; r++)
    if (table.country[r]! >= 0) countryRows[fill[table.country[r]!]!++] = r;
  const countryCode = new Map(table.countries.map((name, c) => [name, c]));
  const rowsByCountry = (name: string): Int32Array => {
    const c = countryCode.get(name);
    return c === undefined
      ? EMPTY_ROWS
      : countryRows.subarray(countryStart[c]!, countryStart[c + 1]!);
  };
  // By cell: the rows sorted by (cell, row) as one key each (cells < 2²⁹, rows < 2²³: exact in
  // a double), then a binary search per cell.
  if (n >= 2 ** 23) throw new RangeError(`too many cell-years to index: ${n}`);
  const keys = new Float64Array(n);
  for (let r = 0; r < n; r++) keys[r] = table.gid[r]! * 2 ** 23 + r;
  keys.sort();
  const gidRows = new Int32Array(n);
  const gidSorted = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const g = Math.floor(keys[i]! / 2 ** 23);
    gidSorted[i] = g;
    gidRows[i] = keys[i]! - g * 2 ** 23;
  }
  const rowsByGid = (gid: number): Int32Array => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (gidSorted[mid]! < gid) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < n && gidSorted[end] === gid) end++;
    return gidRows.subarray(lo, end);
  };
  l = {
    baseById: new Map(dataset.bases.map((b) => [b.id, b])),
    baseYearsByMission,
    lastDataYear,
    table,
    rowsByCountry,
    rowsByGid,
  };
  lookupsMemo.set(dataset, l);
  return l;
}

/**
 * The host countries whose cell-years the lag index of a mission reads ({@link buildLagIndex}
 * uses this rule): the mission's countries and the country of every base
 * it has a base-year of, in alphabetical order; empty for a mission not in the dataset. The grid
 * part files of these countries hold every cell-year the mission's index, its year's hexagons
 * and the grid comparison read (see gridFile.ts).
 */
export function missionHostCountries(
  dataset: Pick<Dataset, 'missions' | 'bases' | 'baseYears'>,
  missionId: string,
): string[] {
  const mission = dataset.missions.find((m) => m.id === missionId);
  if (!mission) return [];
  const out = new Set(mission.countries);
  const baseCountry = new Map(dataset.bases.map((b) => [b.id, b.country]));
  for (const by of dataset.baseYears) {
    if (by.mission !== missionId) continue;
    const c = baseCountry.get(by.baseId);
    if (c !== undefined) out.add(c);
  }
  return [...out].sort();
}

/** Build the index without memoizing it (see {@link prepareLagIndex}). */
export function buildLagIndex(
  dataset: Dataset,
  missionId: string,
  grid: GridSystem = PRIO_GRID,
): LagIndex {
  const mission = dataset.missions.find((m) => m.id === missionId);
  if (!mission) {
    throw new UnknownMissionError(missionId, dataset.missions.map((m) => m.id).sort());
  }
  const { baseById, lastDataYear, baseYearsByMission, table, rowsByCountry, rowsByGid } =
    lookups(dataset);
  const missionBaseYears = baseYearsByMission.get(missionId) ?? [];
  const changes = missionChanges({ baseYears: missionBaseYears }, missionId);
  const years = [...changes.keys()];
  // The one rule of which countries' cell-years a mission reads (the grid part files use it too).
  const hostCountries = new Set(missionHostCountries(dataset, missionId));
  // Active country-years: the mission has a location (any, zero-troop and unknown included) there.
  const active = new Map<number, Set<string>>();
  for (const by of missionBaseYears) {
    const b = baseById.get(by.baseId);
    const country = b?.country;
    if (country === undefined) continue;
    let s = active.get(by.year);
    if (!s) active.set(by.year, (s = new Set()));
    s.add(country);
  }
  const empty: LagIndex = {
    missionId,
    mission,
    grid,
    y0: 0,
    nYears: 0,
    lastDataYear,
    coverage: dataset.coverage,
    cells: new Int32Array(0),
    cellPos: new Map(),
    country: [],
    covered: new Uint8Array(0),
    table,
    cellYearRows: new Int32Array(0),
    violenceCache: new Map(),
    firstAnalysedYear: new Map(),
    countryYears: [],
    baseYears: [],
    changes,
    reachCache: new Map(),
  };
  if (years.length === 0 || lastDataYear === null) return empty;
  const y0 = Math.min(...years);
  const nYears = lastDataYear - y0 + 1;

  const countryYears: CountryYear[] = [];
  // analysed.get(country)[yi] = 1 when the country-year is analysed.
  const analysed = new Map<string, Uint8Array>();
  const firstAnalysedYear = new Map<string, number>();
  for (const y of [...active.keys()].sort((a, b) => a - b)) {
    for (const country of [...active.get(y)!].sort()) {
      const violenceData = hasViolenceData(dataset.coverage, country, y);
      countryYears.push({ country, year: y, violenceData });
      if (violenceData) {
        let flags = analysed.get(country);
        if (!flags) analysed.set(country, (flags = new Uint8Array(nYears)));
        flags[y - y0] = 1;
        if (!firstAnalysedYear.has(country)) firstAnalysedYear.set(country, y);
      }
    }
  }

  // Cells inside a host country: named by a CellYear of a host country, or holding a base.
  const cellCountryCounts = new Map<number, Map<string, number>>();
  for (const host of hostCountries) {
    for (const r of rowsByCountry(host)) {
      const gid = table.gid[r]!;
      let m = cellCountryCounts.get(gid);
      if (!m) cellCountryCounts.set(gid, (m = new Map()));
      m.set(host, (m.get(host) ?? 0) + 1);
    }
  }
  const home = new Map<number, string>();
  for (const [gid, counts] of cellCountryCounts) home.set(gid, mostFrequent(counts)!);
  const baseCellCountry = new Map<number, string>();
  for (const by of missionBaseYears) {
    const b = baseById.get(by.baseId);
    if (!b) continue;
    for (const gid of [b.gid, by.gid]) {
      const prev = baseCellCountry.get(gid);
      if (prev === undefined || b.country < prev) baseCellCountry.set(gid, b.country);
    }
  }
  for (const [gid, country] of baseCellCountry) if (!home.has(gid)) home.set(gid, country);

  const cells = Int32Array.from([...home.keys()].sort((a, b) => a - b));
  const cellPos = new Map<number, number>();
  cells.forEach((g, i) => cellPos.set(g, i));
  const n = cells.length * nYears;
  const country: string[] = new Array<string>(n).fill('');
  const covered = new Uint8Array(n);
  const cellYearRows = new Int32Array(n).fill(-1);
  // Cell-years without a CellYear (no events) belong to the cell's home country.
  for (let i = 0; i < cells.length; i++) {
    const h = home.get(cells[i]!)!;
    const flags = analysed.get(h);
    if (!flags) continue;
    for (let yi = 0; yi < nYears; yi++) {
      if (flags[yi]) {
        covered[i * nYears + yi] = 1;
        country[i * nYears + yi] = h;
      }
    }
  }
  // A CellYear names its own country: it is analysed when that country-year is.
  for (let i = 0; i < cells.length; i++) {
    for (const r of rowsByGid(cells[i]!)) {
      const yi = table.year[r]! - y0;
      if (yi < 0 || yi >= nYears) continue;
      const k = i * nYears + yi;
      const cyCountry = table.countries[table.country[r]!]!;
      if (analysed.get(cyCountry)?.[yi]) {
        covered[k] = 1;
        country[k] = cyCountry;
        cellYearRows[k] = r;
      } else {
        covered[k] = 0;
        country[k] = '';
      }
    }
  }

  const baseYears: LagBaseYear[][] = Array.from({ length: nYears }, () => []);
  for (const [year, list] of changes) {
    const yi = year - y0;
    if (yi < 0 || yi >= nYears) continue;
    for (const c of list) {
      if (c.kind === 'CLOSED') continue;
      const troops = c.troopsYearly;
      baseYears[yi]!.push({
        baseId: c.baseId,
        gid: c.gid,
        presence: troops !== null && troops > 0 ? troops : 0,
        newWithTroops: c.kind === 'NEW' && troops !== null && troops > 0,
        troopDelta: c.kind !== 'NEW' ? c.increase : null,
        change: c,
      });
    }
  }

  return {
    missionId,
    mission,
    grid,
    y0,
    nYears,
    lastDataYear,
    coverage: dataset.coverage,
    cells,
    cellPos,
    country,
    covered,
    table,
    cellYearRows,
    violenceCache: new Map(),
    firstAnalysedYear,
    countryYears,
    baseYears,
    changes,
    reachCache: new Map(),
  };
}

/**
 * Presence P(c, t) and the enhanced-presence inputs of every cell-year for a reach r, computed by
 * spreading each base-year over the cells within r rings of its cell (the (2r+1)² block on
 * PRIO-GRID, the k-ring `gridDisk` on H3) (the reach relation is
 * symmetric). Cached on the index per reach.
 */
export function reachArrays(index: LagIndex, reach: number): ReachArrays {
  const cached = index.reachCache.get(reach);
  if (cached) return cached;
  const n = index.cells.length * index.nYears;
  const presence = new Float64Array(n);
  const newInReach = new Uint8Array(n);
  const maxDelta = new Float64Array(n).fill(-Infinity);
  const blocks = new Map<number, number[]>();
  for (let yi = 0; yi < index.nYears; yi++) {
    for (const by of index.baseYears[yi]!) {
      let block = blocks.get(by.gid);
      if (!block) {
        block = [];
        for (const g of index.grid.neighbours(by.gid, reach)) {
          const i = index.cellPos.get(g);
          if (i !== undefined) block.push(i);
        }
        blocks.set(by.gid, block);
      }
      for (const i of block) {
        const k = i * index.nYears + yi;
        presence[k]! += by.presence;
        if (by.newWithTroops) newInReach[k] = 1;
        if (by.troopDelta !== null && by.troopDelta > maxDelta[k]!) maxDelta[k] = by.troopDelta;
      }
    }
  }
  const arrays: ReachArrays = { reach, presence, newInReach, maxDelta };
  index.reachCache.set(reach, arrays);
  return arrays;
}

/**
 * The reach arrays of a parameter set: in kilometres when `reachKm` is set (see
 * {@link reachArraysKm}), else in rings ({@link reachArrays}).
 */
export function reachArraysFor(
  index: LagIndex,
  params: Pick<LagParams, 'reach' | 'reachKm'>,
): ReachArrays {
  return params.reachKm != null
    ? reachArraysKm(index, params.reachKm)
    : reachArrays(index, params.reach);
}

/**
 * Presence P(c, t) and the enhanced-presence inputs for a reach in kilometres: each base-year is
 * spread over the analysed cells whose centre lies within `km` (great circle, the coverage
 * view's `greatCircleKm`) of the base's coordinates that year. Cached on the index (under −km).
 */
export function reachArraysKm(index: LagIndex, km: number): ReachArrays {
  const key = -km;
  const cached = index.reachCache.get(key);
  if (cached) return cached;
  const n = index.cells.length * index.nYears;
  const presence = new Float64Array(n);
  const newInReach = new Uint8Array(n);
  const maxDelta = new Float64Array(n).fill(-Infinity);
  const blocks = new Map<string, number[]>();
  for (let yi = 0; yi < index.nYears; yi++) {
    for (const by of index.baseYears[yi]!) {
      const { lon, lat } = by.change;
      const at = `${lon},${lat}`;
      let block = blocks.get(at);
      if (!block) {
        block = [];
        // Rings enough for km (PRIO-GRID: a cell is ≥ 55.6 km tall, ≥ 55.6 × cos(lat) km wide).
        const rings = Math.ceil(km / index.grid.minSpacingKm(lat)) + 1;
        for (const g of index.grid.neighbours(by.gid, rings)) {
          const i = index.cellPos.get(g);
          if (i !== undefined && greatCircleKm(index.grid.centroid(g), [lon, lat]) <= km)
            block.push(i);
        }
        blocks.set(at, block);
      }
      for (const i of block) {
        const k = i * index.nYears + yi;
        presence[k]! += by.presence;
        if (by.newWithTroops) newInReach[k] = 1;
        if (by.troopDelta !== null && by.troopDelta > maxDelta[k]!) maxDelta[k] = by.troopDelta;
      }
    }
  }
  const arrays: ReachArrays = { reach: key, presence, newInReach, maxDelta };
  index.reachCache.set(key, arrays);
  return arrays;
}

/**
 * V(c, t) of every cell-year for a perpetrator filter and location precision: OSV best of the
 * events with GED where_prec ≤ `precision` (0 for an analysed cell-year without events and for
 * one that is not analysed). Cached on the index.
 */
export function violenceArray(
  index: LagIndex,
  perpetrator: PerpetratorFilter,
  precision: number,
): Float64Array {
  const key = `${perpetrator}:${precision}`;
  const cached = index.violenceCache.get(key);
  if (cached) return cached;
  const rows = index.cellYearRows;
  const v = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    if (r >= 0) v[k] = index.table.osvAtPrecision(r, perpetrator, precision).best;
  }
  index.violenceCache.set(key, v);
  return v;
}

/** What decides enhanced presence besides the reach arrays. */
export interface EnhancedRule {
  delta: number;
  /** Whether the bases of the mission's first year (array year 0) count. */
  initialDeployment: boolean;
}

/**
 * E(c, t) for the cell-year at array position k (year index `yi`): a base in reach is NEW with
 * troops, or its highest map figure rose by at least Δ. The mission's first year (yi 0: every
 * base is NEW, the initial deployment) counts only when `rule.initialDeployment` is on.
 */
export function isEnhanced(
  arrays: ReachArrays,
  k: number,
  yi: number,
  rule: EnhancedRule,
): boolean {
  if (yi === 0 && !rule.initialDeployment) return false;
  return arrays.newInReach[k] === 1 || arrays.maxDelta[k]! >= rule.delta;
}
