/**
 * Deployment explorer selectors (the Geo-PKO dashboard's views): the World view's missions and
 * totals, troops per contributing country (TCCMap) by year, the mission's composition by unit type
 * over the years, and the monthly (map-level) records that exist. Built on `Selectors`; memoized;
 * pure.
 */
import type { BaseMonth, PerpetratorFilter } from '../domain/dataset';
import { UNIT_TYPES } from '../domain/deployments';
import { cellYearsOf } from '../domain/encoding';
import type { MissionYearTotal } from '../domain/timeline';
import { tccTotals, type TccTotal } from '../domain/tcc';
import { memoize } from './memo';
import type { BaseView, Selectors } from './selectors';

/** Totals of the bases shown in the World view (sources' own figures; missing never zero). */
export interface WorldTotals {
  missions: number;
  bases: number;
  /** Sum of the known troop figures (Geo-PKO `ave.no.troops`). */
  troops: number;
  /** Bases whose troop figure is unknown (NA): not in `troops`. */
  unknownTroops: number;
  /** Sites where UN police are present (Geo-PKO records presence, not headcounts). */
  unpolSites: number;
  /** Sites where UN military observers are present (presence, not headcounts). */
  unmoSites: number;
}

/** Totals of a list of bases. */
export function totalsOf(bases: readonly BaseView[]): WorldTotals {
  let troops = 0;
  let unknownTroops = 0;
  let unpolSites = 0;
  let unmoSites = 0;
  const missions = new Set<string>();
  for (const v of bases) {
    missions.add(v.by.mission);
    if (v.by.troops === null) unknownTroops++;
    else troops += v.by.troops;
    if (v.by.unpol) unpolSites++;
    if (v.by.unmo) unmoSites++;
  }
  return {
    missions: missions.size,
    bases: bases.length,
    troops,
    unknownTroops,
    unpolSites,
    unmoSites,
  };
}

/** A mission's figures in a year (a row of the World view's list). */
export interface MissionYearRow extends WorldTotals {
  id: string;
}

/**
 * The World view's figures for a year (the timeline footer): the totals of the selected missions'
 * bases, and the one-sided violence in their host countries where it is loaded.
 */
export interface WorldYearSummary extends WorldTotals {
  year: number;
  /**
   * OSV fatalities (UCDP best) in the host countries of the shown missions that have violence data
   * that year (each country once, however many missions it hosts); null when none has data.
   */
  fatalities: number | null;
  /** Cells with at least one fatality in those countries. */
  cells: number;
  /** Host countries with violence data that year (sorted). */
  covered: string[];
  /** Host countries without violence data that year (sorted; not in `fatalities`). */
  missing: string[];
}

/** Troops per contributing country in one year of a mission. */
export interface CountryYear extends TccTotal {
  year: number;
}

/** Troops of one unit type (sum over the bases listing it) in a year of a mission. */
export interface CompositionRow {
  year: number;
  unit: string;
  /** Sum of the known troops of the bases that list the unit type (null: none known). */
  troops: number | null;
  bases: number;
}

/** One location on one Geo-PKO map (a month of the monthly files). */
export interface MapLocation {
  baseId: string;
  location: string;
  troops: number | null;
  /** The contributing countries the map names there ("Nepal (150)"; see `BaseMonth.tcc`). */
  contributors: string[];
  /** Geo-PKO's count of contributing countries on the map (`No.TCC`); null when not given. */
  tccCount: number | null;
}

/** The deployment explorer's selectors. */
export interface DeploymentSelectors {
  /** Missions with at least one base in the year, sorted by id. */
  activeMissions(year: number): string[];
  /** One row per mission active in the year (its totals), sorted by id. */
  missionRows(year: number): MissionYearRow[];
  /** The bases of the year of the listed missions (empty list: every mission). */
  worldBases(year: number, missions: readonly string[]): BaseView[];
  /**
   * The World view's year figures for the listed missions (empty list: every mission) and
   * perpetrator filter: bases, troops, UNPOL / UNMO sites, missions, and violence where loaded.
   */
  worldSummary(
    year: number,
    missions: readonly string[],
    perpetrator: PerpetratorFilter,
  ): WorldYearSummary;
  /**
   * The World view's chart: {@link worldSummary} for every year from the listed missions' first to
   * their last (a year without a base: `troops: null`), in the shape of a mission's totals.
   */
  worldTotals(missions: readonly string[], perpetrator: PerpetratorFilter): MissionYearTotal[];
  /** Troops per contributing country of a mission in a year (TCCMap; unknown sizes apart). */
  countriesOf(mission: string, year: number): TccTotal[];
  /** The same for every year of the mission (rows per year and country). */
  countriesByYear(mission: string): CountryYear[];
  /** Troops by unit type per year of a mission (bases listing the type; a base counts in each). */
  composition(mission: string): CompositionRow[];
  /** Months of a mission with map-level (monthly) records, as "YYYY-MM", ascending. */
  mapMonths(mission: string): string[];
  /** The locations of a mission on the map of a month ("YYYY-MM"). */
  mapLocations(mission: string, month: string): MapLocation[];
  /**
   * Troops per contributing country on the map of a month ("YYYY-MM"): the map's own entries
   * (Geo-PKO v2.0 monthly file) summed over its locations, unknown sizes apart (as
   * {@link countriesOf}); empty when the map names none.
   */
  countriesOfMap(mission: string, month: string): TccTotal[];
}

const monthKey = (m: Pick<BaseMonth, 'year' | 'month'>): string =>
  `${m.year}-${String(m.month).padStart(2, '0')}`;

/** Builds the deployment explorer's selectors over the atlas's `Selectors`. */
export function createDeploymentSelectors(sel: Selectors): DeploymentSelectors {
  const baseById = new Map(sel.dataset.bases.map((b) => [b.id, b]));
  const byMission = new Map<string, BaseMonth[]>();
  for (const m of sel.dataset.baseMonths) {
    const list = byMission.get(m.mission);
    if (list) list.push(m);
    else byMission.set(m.mission, [m]);
  }
  const activeMissions = memoize((year: number) =>
    [...new Set(sel.basesOfYear(year).map((v) => v.by.mission))].sort(),
  );
  const missionRows = memoize((year: number) =>
    activeMissions(year).map((id) => ({ id, ...totalsOf(sel.basesOf(id, year)) })),
  );
  const worldBases = memoize((year: number, missions: readonly string[]) => {
    const all = sel.basesOfYear(year);
    if (missions.length === 0) return all;
    const set = new Set(missions);
    return all.filter((v) => set.has(v.by.mission));
  });
  const worldSummary = memoize(
    (
      year: number,
      missions: readonly string[],
      perpetrator: PerpetratorFilter,
    ): WorldYearSummary => {
      const bases = worldBases(year, missions);
      const hosts = new Set<string>();
      for (const id of new Set(bases.map((v) => v.by.mission)))
        for (const c of sel.mission(id)?.countries ?? []) hosts.add(c);
      const countries = [...hosts].sort();
      const covered = countries.filter((c) => sel.hasViolence(c, year));
      const missing = countries.filter((c) => !sel.hasViolence(c, year));
      // Column loop (no row objects): the cells with ≥ 1 fatality, as `cellsOf` counts them.
      const keep = new Set(covered);
      const table = cellYearsOf(sel.dataset);
      const inCountry = table.countries.map((c) => keep.has(c));
      let fatalities = 0;
      let cells = 0;
      if (keep.size > 0)
        for (const i of table.yearRows(year)) {
          if (!inCountry[table.country[i]!]) continue;
          const v = table.osvBest(i, perpetrator);
          if (v < 1) continue;
          fatalities += v;
          cells++;
        }
      return {
        year,
        ...totalsOf(bases),
        fatalities: keep.size > 0 ? fatalities : null,
        cells,
        covered,
        missing,
      };
    },
    64,
  );
  const worldTotals = memoize(
    (missions: readonly string[], perpetrator: PerpetratorFilter): MissionYearTotal[] => {
      const set = new Set(missions);
      const years = new Set<number>();
      for (const m of sel.missions)
        if (set.size === 0 || set.has(m.id)) for (const y of m.years) years.add(y);
      if (years.size === 0) return [];
      const first = Math.min(...years);
      const last = Math.max(...years);
      const out: MissionYearTotal[] = [];
      for (let year = first; year <= last; year++) {
        const w = worldSummary(year, missions, perpetrator);
        out.push({
          year,
          osv: w.fatalities,
          missingCountries: w.missing,
          troops: w.bases > 0 ? w.troops : null,
          bases: w.bases,
          unknownTroopBases: w.unknownTroops,
        });
      }
      return out;
    },
    8,
  );
  const countriesOf = memoize((mission: string, year: number) =>
    tccTotals(sel.basesOf(mission, year).map((v) => v.by.tcc)),
  );
  const countriesByYear = memoize((mission: string) =>
    (sel.mission(mission)?.years ?? []).flatMap((year) =>
      countriesOf(mission, year).map((c) => ({ ...c, year })),
    ),
  );
  const composition = memoize((mission: string) =>
    (sel.mission(mission)?.years ?? []).flatMap((year) => {
      const bases = sel.basesOf(mission, year);
      return UNIT_TYPES.map((unit) => {
        const listing = bases.filter((v) => v.by.units.includes(unit));
        const known = listing.filter((v) => v.by.troops !== null);
        return {
          year,
          unit,
          troops: known.length ? known.reduce((a, v) => a + (v.by.troops ?? 0), 0) : null,
          bases: listing.length,
        };
      }).filter((r) => r.bases > 0);
    }),
  );
  const mapMonths = memoize((mission: string) =>
    [...new Set((byMission.get(mission) ?? []).map(monthKey))].sort(),
  );
  const mapLocations = memoize((mission: string, month: string) =>
    (byMission.get(mission) ?? [])
      .filter((m) => monthKey(m) === month)
      .map((m) => ({
        baseId: m.baseId,
        location: baseById.get(m.baseId)?.location ?? m.baseId,
        troops: m.troops,
        contributors: m.tcc,
        tccCount: m.tccCount,
      }))
      .sort((a, b) => (b.troops ?? -1) - (a.troops ?? -1) || a.location.localeCompare(b.location)),
  );
  const countriesOfMap = memoize((mission: string, month: string) =>
    tccTotals(mapLocations(mission, month).map((l) => l.contributors)),
  );
  return {
    activeMissions,
    missionRows,
    worldBases,
    worldSummary,
    worldTotals,
    countriesOf,
    countriesByYear,
    composition,
    mapMonths,
    mapLocations,
    countriesOfMap,
  };
}
