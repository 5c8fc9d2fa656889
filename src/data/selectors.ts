/**
 * Memoized selectors over the decoded dataset: what the map layers and panels show for a
 * (mission, year, perpetrator). Build once per dataset with {@link createSelectors}; each selector
 * returns the identical object for equal arguments, so React and deck.gl skip unchanged work.
 */
import {
  changesInYear,
  indexBaseYears,
  type BaseChange,
  type BaseYearIndex,
} from '../domain/changes';
import {
  hasViolenceData,
  osvFor,
  type Base,
  type BaseYear,
  type CellYear,
  type Dataset,
  type Estimate,
  type Mission,
  type PerpetratorFilter,
} from '../domain/dataset';
import { cellCentroid, neighbours, ringDistance } from '../domain/grid';
import { cellYearsOf } from '../domain/encoding';
import { cellRegionLookup } from '../domain/lagView';
import { memoize } from './memo';

/** A search result resolved for the store (structurally the state's `SearchPick`). */
export interface SearchPick {
  lon: number;
  lat: number;
  base?: { id: string; mission: string; years: readonly number[] };
  /** A cell picked by name or id: it is selected. */
  gid?: number;
}

/** A cell with violence in the selected year, as the violence layer draws it. */
export interface CellView {
  gid: number;
  /** OSV fatalities (best) for the selected perpetrator filter. */
  value: number;
  estimate: Estimate;
  cell: CellYear;
}

/** A base in a year. */
export interface BaseView {
  base: Base;
  by: BaseYear;
}

/** What the details panel says about a cell-year. */
export interface CellDetails {
  gid: number;
  year: number;
  /** Country of the cell as far as known (GED or a base in it), else null. */
  country: string | null;
  /** Whether violence data is loaded for the cell's country (or the mission's countries) that year. */
  hasData: boolean;
  /** The cell-year, null when GED recorded nothing there that year. */
  cell: CellYear | null;
  /** Bases of any mission inside the cell that year. */
  inside: BaseView[];
  /** Bases in the 8 neighbouring cells (one ring) that year. */
  near: BaseView[];
  /**
   * The year before: its cell-year (null when GED recorded nothing there, a true zero when
   * `hasData`) and whether violence data is loaded for it (else the change is not computed).
   */
  previous: { year: number; cell: CellYear | null; hasData: boolean };
}

/** What the details panel says about a base in a year. */
export interface BaseDetails {
  base: Base;
  /** This year's record; null when the base has none this year. */
  by: BaseYear | null;
  /** Change since the previous year (null when neither year has it). */
  change: BaseChange | null;
  /** Years the base appears in, ascending. */
  years: number[];
}

/** Mission-wide figures of a year for the header / timeline. */
export interface YearSummary {
  /** OSV fatalities (best) in the mission's countries with data; null when none has data. */
  fatalities: number | null;
  /** Cells with at least one fatality. */
  cells: number;
  /** Bases of the mission. */
  bases: number;
  /** Sum of known troop figures. */
  troops: number;
  /** Bases whose troop figure is unknown. */
  unknownTroops: number;
}

/** Violence-data coverage of a mission's host countries in a year. */
export interface MissionCoverage {
  covered: string[];
  missing: string[];
}

/** A search hit: a town, a base or a cell. */
export interface SearchEntry {
  kind: 'town' | 'base' | 'cell';
  /** Stable key (base id, town name and position, or cell id). */
  key: string;
  name: string;
  /** Country, for bases the mission, for cells the cell id. */
  detail: string;
  /** Other texts that find the entry (a cell's PRIO-GRID id). */
  alt?: readonly string[];
  lon: number;
  lat: number;
  /** Ranking: larger first (population for towns, troops for bases). */
  weight: number;
  /** The base id, for bases. */
  baseId?: string;
  /** The base's mission, for bases. */
  mission?: string;
  /** The PRIO-GRID id, for cells. */
  gid?: number;
}

/** A town for the search index (a subset of the basemap's place). */
export interface PlaceInput {
  name: string;
  lon: number;
  lat: number;
  population: number;
  country: string;
}

export interface Selectors {
  dataset: Dataset;
  /** Missions sorted by id. */
  missions: Mission[];
  mission(id: string): Mission | undefined;
  /** Cells with ≥ 1 fatality for the filter in the countries, largest first is not guaranteed. */
  cellsOf(year: number, perpetrator: PerpetratorFilter, countries: readonly string[]): CellView[];
  /** Bases of every mission present in `year`. */
  basesOfYear(year: number): BaseView[];
  /** Bases of one mission in `year`. */
  basesOf(mission: string, year: number): BaseView[];
  /** Whether violence data is loaded for a country-year. */
  hasViolence(country: string, year: number): boolean;
  missionCoverage(mission: string, year: number): MissionCoverage;
  cellDetails(gid: number, year: number, mission: string): CellDetails;
  baseDetails(id: string, year: number): BaseDetails | null;
  yearSummary(mission: string, year: number, perpetrator: PerpetratorFilter): YearSummary;
  /** The cell-year of a cell, undefined when GED recorded nothing there that year. */
  cellYear(gid: number, year: number): CellYear | undefined;
  /**
   * The cell's first-level administrative area (GED `adm_1`): the area of most of its cell-years
   * (ties: the later year's), null when none has one.
   */
  cellRegion(gid: number): string | null;
  /**
   * Other missions with a base in `year` within {@link NEARBY_DEGREES} of the mission's box
   * (sorted ids): drawn beside it, in the legend and in exports.
   */
  nearbyMissions(mission: string, year: number): string[];
  /** The mission's bases and those of {@link nearbyMissions} in `year`. */
  basesNear(mission: string, year: number): BaseView[];
  /** The year's cells shown for the mission, most fatalities first (at most `limit`). */
  topCells(
    mission: string,
    year: number,
    perpetrator: PerpetratorFilter,
    limit: number,
  ): CellView[];
  /**
   * The year's cell-years with at least one one-sided-violence event in the mission's host
   * countries that have violence data (all perpetrators; a cell may count 0 deaths at best).
   */
  osvCellYears(mission: string, year: number): CellYear[];
  /** A search entry resolved for the store's `pickSearchResult` (a base's mission and years). */
  searchPick(entry: SearchEntry): SearchPick;
  /**
   * New hotspots of a year: the mission's cells with at least `theta` civilians killed (best,
   * the perpetrator filter) that had fewer the year before — none recorded counts as 0 where the
   * year before has violence data; where it has none the cell is not judged (left out).
   */
  newHotspots(
    mission: string,
    year: number,
    perpetrator: PerpetratorFilter,
    theta: number,
  ): CellView[];
  /**
   * A colour slot per mission, fixed for the dataset ({@link missionSlots}): the map, legend and
   * exports colour another mission's bases by it, so a mission keeps its colour across years.
   */
  missionSlots: ReadonlyMap<string, number>;
}

/**
 * Colour slots of missions: a greedy colouring (missions in id order, each the smallest slot not
 * taken by a conflicting mission) where two missions conflict when their boxes, widened by
 * `margin` degrees, overlap, or both overlap a third mission's (so that any two missions drawn
 * beside a selected one differ too).
 */
export function missionSlots(
  missions: readonly Pick<Mission, 'id' | 'bbox'>[],
  margin = NEARBY_DEGREES,
): Map<string, number> {
  const sorted = [...missions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const near = (a: Mission['bbox'], b: Mission['bbox']): boolean =>
    a[0] - margin <= b[2] + margin &&
    b[0] - margin <= a[2] + margin &&
    a[1] - margin <= b[3] + margin &&
    b[1] - margin <= a[3] + margin;
  const adj = sorted.map((m) => sorted.filter((o) => o !== m && near(m.bbox, o.bbox)));
  const conflicts = sorted.map((m, i) => {
    const set = new Set(adj[i]!.map((o) => o.id));
    for (const o of adj[i]!)
      for (const p of adj[sorted.indexOf(o)]!) if (p.id !== m.id) set.add(p.id);
    return set;
  });
  const out = new Map<string, number>();
  sorted.forEach((m, i) => {
    const taken = new Set([...conflicts[i]!].map((id) => out.get(id)));
    let slot = 0;
    while (taken.has(slot)) slot++;
    out.set(m.id, slot);
  });
  return out;
}

/** Degrees around a mission's box in which other missions' bases are shown beside it. */
export const NEARBY_DEGREES = 3;

function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** Builds the indexes and memoized selectors of a dataset. */
export function createSelectors(dataset: Dataset): Selectors {
  const missions = [...dataset.missions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const missionById = new Map(missions.map((m) => [m.id, m]));
  const basesById = new Map(dataset.bases.map((b) => [b.id, b]));
  // Typed columns: a year's row objects are made when that year is first drawn.
  const table = cellYearsOf(dataset);
  const baseYearsByYear = groupBy(dataset.baseYears, (b) => b.year);
  const baseYearsByBase = groupBy(dataset.baseYears, (b) => b.baseId);
  const changeIndexes = new Map<string, BaseYearIndex>();

  const toView = (by: BaseYear): BaseView | null => {
    const base = basesById.get(by.baseId);
    return base ? { base, by } : null;
  };

  const basesOfYear = memoize((year: number): BaseView[] =>
    (baseYearsByYear.get(year) ?? []).map(toView).filter((v): v is BaseView => v !== null),
  );

  const basesOf = memoize((mission: string, year: number): BaseView[] =>
    basesOfYear(year).filter((v) => v.by.mission === mission),
  );

  const basesByGid = memoize((year: number): Map<number, BaseView[]> =>
    groupBy(basesOfYear(year), (v) => v.by.gid),
  );

  const hasViolence = (country: string, year: number): boolean =>
    hasViolenceData(dataset.coverage, country, year);

  const cellsOf = memoize(
    (year: number, perpetrator: PerpetratorFilter, countries: readonly string[]): CellView[] => {
      const set = new Set(countries);
      const keep = table.countries.map((c) => set.has(c));
      const out: CellView[] = [];
      for (const i of table.yearRows(year)) {
        // Filtered on the columns: only the drawn cells get a row object.
        if (!keep[table.country[i]!] || table.osvBest(i, perpetrator) < 1) continue;
        const cell = table.row(i);
        const estimate = osvFor(cell, perpetrator);
        out.push({ gid: cell.gid, value: estimate.best, estimate, cell });
      }
      return out;
    },
    32,
  );

  const missionCoverage = memoize((mission: string, year: number): MissionCoverage => {
    const countries = missionById.get(mission)?.countries ?? [];
    return {
      covered: countries.filter((c) => hasViolence(c, year)),
      missing: countries.filter((c) => !hasViolence(c, year)),
    };
  });

  const cellYear = (gid: number, year: number): CellYear | undefined => {
    const i = table.indexOf(gid, year);
    return i < 0 ? undefined : table.row(i);
  };

  const cellRegion = cellRegionLookup(table);

  const cellDetails = memoize((gid: number, year: number, mission: string): CellDetails => {
    const cell = cellYear(gid, year) ?? null;
    const byGid = basesByGid(year);
    const inside: BaseView[] = [];
    const near: BaseView[] = [];
    for (const g of neighbours(gid, 1)) {
      for (const v of byGid.get(g) ?? []) (ringDistance(g, gid) === 0 ? inside : near).push(v);
    }
    const byTroops = (a: BaseView, b: BaseView): number =>
      (b.by.troops ?? -1) - (a.by.troops ?? -1);
    inside.sort(byTroops);
    near.sort(byTroops);
    const country = cell?.country ?? inside[0]?.base.country ?? null;
    const hasData =
      country !== null
        ? hasViolence(country, year)
        : (missionById.get(mission)?.countries ?? []).some((c) => hasViolence(c, year));
    const prevCountry = country ?? cellYear(gid, year - 1)?.country ?? null;
    const previous = {
      year: year - 1,
      cell: cellYear(gid, year - 1) ?? null,
      hasData:
        prevCountry !== null
          ? hasViolence(prevCountry, year - 1)
          : (missionById.get(mission)?.countries ?? []).some((c) => hasViolence(c, year - 1)),
    };
    return { gid, year, country, hasData, cell, inside, near, previous };
  });

  const changeIndex = (mission: string): BaseYearIndex => {
    let idx = changeIndexes.get(mission);
    if (!idx) changeIndexes.set(mission, (idx = indexBaseYears(dataset.baseYears, mission)));
    return idx;
  };

  const baseDetails = memoize((id: string, year: number): BaseDetails | null => {
    const base = basesById.get(id);
    if (!base) return null;
    const rows = baseYearsByBase.get(id) ?? [];
    const by = rows.find((r) => r.year === year) ?? null;
    const change = changesInYear(changeIndex(base.mission), year).find((c) => c.baseId === id);
    return {
      base,
      by,
      change: change ?? null,
      years: rows.map((r) => r.year).sort((a, b) => a - b),
    };
  });

  const yearSummary = memoize(
    (mission: string, year: number, perpetrator: PerpetratorFilter): YearSummary => {
      const m = missionById.get(mission);
      const cov = missionCoverage(mission, year);
      const cells = m ? cellsOf(year, perpetrator, cov.covered) : [];
      const bases = basesOf(mission, year);
      return {
        fatalities: cov.covered.length > 0 ? cells.reduce((s, c) => s + c.value, 0) : null,
        cells: cells.length,
        bases: bases.length,
        troops: bases.reduce((s, b) => s + (b.by.troops ?? 0), 0),
        unknownTroops: bases.filter((b) => b.by.troops === null).length,
      };
    },
  );

  const inBox = (mission: string, lon: number, lat: number): boolean => {
    const [w, so, e, n] = missionById.get(mission)?.bbox ?? [-180, -90, 180, 90];
    const m = NEARBY_DEGREES;
    return lon >= w - m && lon <= e + m && lat >= so - m && lat <= n + m;
  };
  const nearbyMissions = memoize((mission: string, year: number): string[] => {
    const ids = new Set<string>();
    for (const b of basesOfYear(year))
      if (b.by.mission !== mission && inBox(mission, b.by.lon, b.by.lat)) ids.add(b.by.mission);
    return [...ids].sort();
  });
  const basesNear = memoize((mission: string, year: number): BaseView[] => {
    const others = new Set(nearbyMissions(mission, year));
    return basesOfYear(year).filter(
      (b) =>
        b.by.mission === mission ||
        (others.has(b.by.mission) && inBox(mission, b.by.lon, b.by.lat)),
    );
  });
  const topCells = memoize(
    (mission: string, year: number, perpetrator: PerpetratorFilter, limit: number): CellView[] =>
      [...cellsOf(year, perpetrator, missionCoverage(mission, year).covered)]
        .sort((a, b) => b.value - a.value || a.gid - b.gid)
        .slice(0, limit),
  );
  const osvCellYears = memoize((mission: string, year: number): CellYear[] => {
    const covered = new Set(missionCoverage(mission, year).covered);
    const keep = table.countries.map((c) => covered.has(c));
    const events = table.int('osvEvents').values;
    const out: CellYear[] = [];
    for (const i of table.yearRows(year))
      if (keep[table.country[i]!] && events[i]! > 0) out.push(table.row(i));
    return out;
  });
  const newHotspots = memoize(
    (mission: string, year: number, perpetrator: PerpetratorFilter, theta: number): CellView[] =>
      cellsOf(year, perpetrator, missionCoverage(mission, year).covered).filter((c) => {
        if (c.value < theta || !hasViolence(c.cell.country, year - 1)) return false;
        const prev = cellYear(c.gid, year - 1);
        return (prev ? osvFor(prev, perpetrator).best : 0) < theta;
      }),
    8,
  );
  const searchPick = (e: SearchEntry): SearchPick => {
    if (e.gid !== undefined) return { lon: e.lon, lat: e.lat, gid: e.gid };
    const base = e.baseId ? basesById.get(e.baseId) : undefined;
    if (!base) return { lon: e.lon, lat: e.lat };
    const years = (baseYearsByBase.get(base.id) ?? []).map((r) => r.year).sort((a, b) => a - b);
    return { lon: e.lon, lat: e.lat, base: { id: base.id, mission: base.mission, years } };
  };

  return {
    dataset,
    missions,
    missionSlots: missionSlots(missions),
    mission: (id) => missionById.get(id),
    nearbyMissions,
    basesNear,
    topCells,
    osvCellYears,
    searchPick,
    newHotspots,
    cellsOf,
    basesOfYear,
    basesOf,
    hasViolence,
    missionCoverage,
    cellDetails,
    baseDetails,
    yearSummary,
    cellYear,
    cellRegion,
  };
}

/**
 * Folds accents, case and word separators for search: "Bambari" and "bambarí" match, and so do
 * "Kaga-Bandoro", "Kaga Bandoro" and "kaga bandoro" (hyphens, apostrophes, dots and runs of
 * spaces become one space).
 */
export function foldForSearch(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s\-\u2010-\u2015'\u2019.,_/]+/g, ' ')
    .trim();
}

/**
 * Where `query` (folded) occurs in `text` (folded) when word separators are ignored: -1 when it
 * does not, else 2 at the start, 1 at the start of a later word, 0 inside a word.
 */
export function searchMatch(text: string, query: string): -1 | 0 | 1 | 2 {
  const q = query.replace(/ /g, '');
  if (q.length === 0) return -1;
  const words = text.split(' ');
  const compact = words.join('');
  const at = compact.indexOf(q);
  if (at < 0) return -1;
  if (at === 0) return 2;
  let start = 0;
  for (const w of words.slice(0, -1)) {
    start += w.length;
    if (compact.startsWith(q, start)) return 1;
  }
  return 0;
}

/** How the search names a cell (structurally the domain's `CellName`). */
export interface CellNameInput {
  name: string;
  id: string;
}

/**
 * The search index: towns (from the basemap places), bases (one entry per base, ranked by its
 * largest troop figure) and, when `cellName` is given, every cell with one-sided violence in the
 * data (found by its name or its PRIO-GRID id, ranked by its civilians killed over all years).
 */
export function buildSearchIndex(
  places: readonly PlaceInput[],
  dataset: Pick<Dataset, 'bases' | 'baseYears'> & Partial<Pick<Dataset, 'cellYears'>>,
  cellName?: (gid: number) => CellNameInput,
): SearchEntry[] {
  const maxTroops = new Map<string, number>();
  for (const by of dataset.baseYears)
    maxTroops.set(by.baseId, Math.max(maxTroops.get(by.baseId) ?? 0, by.troops ?? 0));
  const towns: SearchEntry[] = places.map((p) => ({
    kind: 'town',
    key: `town:${p.name}:${p.lon.toFixed(3)}:${p.lat.toFixed(3)}`,
    name: p.name,
    detail: p.country,
    lon: p.lon,
    lat: p.lat,
    weight: p.population,
  }));
  const bases: SearchEntry[] = dataset.bases.map((b) => ({
    kind: 'base',
    key: `base:${b.id}`,
    name: b.location,
    detail: `${b.mission} base · ${b.country}`,
    lon: b.lon,
    lat: b.lat,
    weight: maxTroops.get(b.id) ?? 0,
    baseId: b.id,
    mission: b.mission,
  }));
  const cells: SearchEntry[] = [];
  if (cellName) {
    const killed = new Map<number, { best: number; country: string }>();
    // Typed columns: naming every cell needs no row object (`in`: reading it would make them).
    if ('cellYears' in dataset) {
      const t = cellYearsOf(dataset as Pick<Dataset, 'cellYears'>);
      const best = t.int('osvBest').values;
      const events = t.int('osvEvents').values;
      for (let i = 0; i < t.length; i++) {
        const k = killed.get(t.gid[i]!);
        if (k) k.best += best[i]!;
        else if (events[i]! > 0)
          killed.set(t.gid[i]!, { best: best[i]!, country: t.countries[t.country[i]!]! });
      }
    }
    for (const [gid, k] of killed) {
      const [lon, lat] = cellCentroid(gid);
      const n = cellName(gid);
      cells.push({
        kind: 'cell',
        key: `cell:${gid}`,
        name: n.name,
        detail: `${n.id} · ${k.country}`,
        alt: [String(gid)],
        lon,
        lat,
        weight: k.best,
        gid,
      });
    }
  }
  return [...bases, ...towns, ...cells];
}

/** Rank of an entry kind among equal matches: bases, then towns, then cells. */
const KIND_RANK: Record<SearchEntry['kind'], number> = { base: 2, town: 1, cell: 0 };

/**
 * Entries matching `query` in their name or another text (a cell's id), word separators,
 * accents and case ignored: names starting with it first, then a later word starting with it,
 * then names containing it; within each group the bases of `mission` (the mission shown) first,
 * then other bases, towns, cells, then by weight. At most `limit` results.
 */
export function searchEntries(
  index: readonly SearchEntry[],
  query: string,
  limit = 8,
  mission?: string,
): SearchEntry[] {
  const q = foldForSearch(query);
  if (q.length === 0) return [];
  const scored: { e: SearchEntry; score: number }[] = [];
  for (const e of index) {
    let m = searchMatch(foldForSearch(e.name), q);
    for (const a of e.alt ?? []) m = Math.max(m, searchMatch(foldForSearch(a), q)) as typeof m;
    if (m < 0) continue;
    const own = mission !== undefined && e.mission === mission ? 5 : 0;
    scored.push({ e, score: m * 10 + KIND_RANK[e.kind] + own });
  }
  scored.sort(
    (a, b) => b.score - a.score || b.e.weight - a.e.weight || (a.e.name < b.e.name ? -1 : 1),
  );
  return scored.slice(0, limit).map((s) => s.e);
}
