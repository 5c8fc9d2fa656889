/**
 * Memoized selectors of the coverage analysis (src/domain/coverage.ts) for the app: the event
 * distances are measured once per mission (they do not depend on X, the perpetrator filter or the
 * precision limit), the yearly coverage once per parameter set, so that moving X recomputes only
 * sums. Built per dataset and events table (see `atlasData(...).coverage(events)`).
 */
import type { BasemapPlace } from '../domain/basemap';
import {
  coverageByYear,
  coveredEvents,
  createTownLookup,
  deathsNearBase,
  eventCounts,
  greatCircleKm,
  missionEventDistances,
  troopBasesByYear,
  uncoveredEvents,
  type CoverageParams,
  type CoverageYear,
  type Deaths,
  type EventDistance,
  type OsvEvent,
  type TroopBase,
} from '../domain/coverage';
import {
  backtest,
  whatIfPlacement,
  type BacktestYear,
  type WhatIf,
  type WhatIfInput,
  WHATIF_BOUNDS,
} from '../domain/coverageWhatIf';
import type { Dataset, PerpetratorFilter } from '../domain/dataset';
import { gidOf } from '../domain/grid';
import { memoize } from './memo';
import { createTroopBaseDistances, type NearestTroopBase } from './troopBaseDistance';

/** A troop base with its place name. */
export interface NamedTroopBase extends TroopBase {
  /** Geo-PKO location name. */
  name: string;
  country: string;
}

/** An uncovered killing as the list shows it. */
export interface UncoveredRow {
  d: EventDistance;
  /** Where it happened: "Bria" or "12 km NE of Bria" (nearest basemap town), else coordinates. */
  place: string;
  /** The nearest troop base's name, null when the year has none. */
  baseName: string | null;
}

export type { NearestTroopBase };

/** Counters for tests and benchmarks. */
export interface CoverageSelectorStats {
  /** Missions whose event distances were measured. */
  distanceRuns: number;
  /** Yearly coverage computations (cache misses of {@link CoverageSelectors.years}). */
  yearRuns: number;
}

export interface CoverageSelectors {
  events: readonly OsvEvent[];
  /** The mission's host-country events with their distance to the nearest troop base. */
  distances(mission: string): EventDistance[];
  /** Coverage(m, t, X) for every mission year; [] for an unknown mission. */
  years(mission: string, p: CoverageParams): CoverageYear[];
  /** One year of {@link years}; null when the mission has no such year. */
  year(mission: string, p: CoverageParams, year: number): CoverageYear | null;
  /** The year's counted events beyond X km of every troop base, most deaths first. */
  uncovered(mission: string, p: CoverageParams, year: number): UncoveredRow[];
  /**
   * The year's counted events within X km of a troop base, in event order (what the map and the
   * Canvas exports draw as "within reach").
   */
  covered(mission: string, p: CoverageParams, year: number): EventDistance[];
  /** The mission's bases with known troops > 0 in the year, with names. */
  troopBases(mission: string, year: number): NamedTroopBase[];
  /** Deaths within X km of one base that year; null without violence data or for an unknown base. */
  nearBase(
    mission: string,
    p: CoverageParams,
    year: number,
    baseId: string,
  ): { deaths: Deaths; events: number } | null;
  /** Nearest troop base of the year to a cell's centre; null when the year has none. */
  cellDistance(mission: string, year: number, gid: number): NearestTroopBase | null;
  /** The year's counted events in a cell, most deaths first, with their distances. */
  cellEvents(mission: string, p: CoverageParams, year: number, gid: number): EventDistance[];
  /** Where a point lies, in words (nearest town). */
  placeOf(lon: number, lat: number): string;
  /** What-if placement of k sites for year t from the n years before (null without history data). */
  whatIf(mission: string, p: CoverageParams, year: number, k: number, n: number): WhatIf | null;
  /** The backtest over the mission's years. */
  backtest(mission: string, p: CoverageParams, k: number, n: number): BacktestYear[];
  stats: CoverageSelectorStats;
}

type Args = [string, number, PerpetratorFilter, number];
const args = (mission: string, p: CoverageParams): Args => [
  mission,
  p.km,
  p.perpetrator,
  p.precision,
];
const params = (a: Args): CoverageParams => ({ km: a[1], perpetrator: a[2], precision: a[3] });

/** "4.36° N, 18.56° E". */
function coords(lon: number, lat: number): string {
  return `${Math.abs(lat).toFixed(2)}° ${lat >= 0 ? 'N' : 'S'}, ${Math.abs(lon).toFixed(2)}° ${lon >= 0 ? 'E' : 'W'}`;
}

/** The coverage selectors of a dataset and its events table; `places` name the events. */
export function createCoverageSelectors(
  dataset: Dataset,
  events: readonly OsvEvent[],
  places: readonly Pick<BasemapPlace, 'name' | 'lon' | 'lat' | 'population' | 'country'>[] = [],
): CoverageSelectors {
  const stats: CoverageSelectorStats = { distanceRuns: 0, yearRuns: 0 };
  const missions = new Map(dataset.missions.map((m) => [m.id, m]));
  const bases = new Map(dataset.bases.map((b) => [b.id, b]));
  // The town lookup is built on the first place asked for (the yearly coverage needs none).
  let town: ReturnType<typeof createTownLookup> | null = null;
  const placeOf = (lon: number, lat: number): string =>
    (town ??= createTownLookup(places))(lon, lat)?.label ?? coords(lon, lat);

  const distances = memoize((mission: string): EventDistance[] => {
    const m = missions.get(mission);
    if (!m) return [];
    stats.distanceRuns++;
    // From n_max years before the mission: the what-if's history of its first years.
    return missionEventDistances(events, dataset.baseYears, m, WHATIF_BOUNDS.n.max);
  }, 8);

  const byYear = memoize((mission: string): Map<number, TroopBase[]> => {
    return troopBasesByYear(dataset.baseYears, mission);
  }, 8);
  const troopDistances = createTroopBaseDistances(dataset);

  const years = memoize((...a: Args): CoverageYear[] => {
    const m = missions.get(a[0]);
    if (!m) return [];
    stats.yearRuns++;
    return coverageByYear(distances(a[0]), dataset.baseYears, m, dataset.coverage, params(a));
  }, 16);

  const uncovered = memoize((year: number, ...a: Args): UncoveredRow[] =>
    uncoveredEvents(distances(a[0]), dataset.coverage, year, params(a)).map((d) => ({
      d,
      place: placeOf(d.event.lon, d.event.lat),
      baseName: d.baseId === null ? null : (bases.get(d.baseId)?.location ?? d.baseId),
    })),
  );

  const covered = memoize((year: number, ...a: Args): EventDistance[] =>
    coveredEvents(distances(a[0]), dataset.coverage, year, params(a)),
  );

  const troopBases = memoize(
    (mission: string, year: number): NamedTroopBase[] =>
      (byYear(mission).get(year) ?? []).map((b) => ({
        ...b,
        name: bases.get(b.baseId)?.location ?? b.baseId,
        country: bases.get(b.baseId)?.country ?? '',
      })),
    16,
  );

  const whatIfInput = (mission: string): WhatIfInput | null => {
    const m = missions.get(mission);
    if (!m) return null;
    return {
      distances: distances(mission),
      bases: dataset.bases,
      baseYears: dataset.baseYears,
      mission: m,
      coverage: dataset.coverage,
      towns: places,
    };
  };
  const whatIf = memoize((year: number, k: number, n: number, ...a: Args): WhatIf | null => {
    const input = whatIfInput(a[0]);
    return input ? whatIfPlacement(input, year, k, n, params(a)) : null;
  }, 16);
  const backtests = memoize((k: number, n: number, ...a: Args): BacktestYear[] => {
    const input = whatIfInput(a[0]);
    return input ? backtest(input, k, n, params(a)) : [];
  }, 4);

  return {
    events,
    distances,
    whatIf: (mission, p, year, k, n) => whatIf(year, k, n, ...args(mission, p)),
    backtest: (mission, p, k, n) => backtests(k, n, ...args(mission, p)),
    years: (mission, p) => years(...args(mission, p)),
    year: (mission, p, year) => years(...args(mission, p)).find((r) => r.year === year) ?? null,
    uncovered: (mission, p, year) => uncovered(year, ...args(mission, p)),
    covered: (mission, p, year) => covered(year, ...args(mission, p)),
    troopBases,
    nearBase: (mission, p, year, baseId) => {
      const b = troopBases(mission, year).find((x) => x.baseId === baseId);
      const base = bases.get(baseId);
      if (!base) return null;
      const at = b ?? { lon: base.lon, lat: base.lat };
      return deathsNearBase(
        distances(mission),
        dataset.coverage,
        { lon: at.lon, lat: at.lat, country: base.country },
        year,
        p,
      );
    },
    cellDistance: troopDistances.cellDistance,
    cellEvents: (mission, p, year, gid) =>
      distances(mission)
        .filter(
          (d) =>
            d.event.year === year &&
            eventCounts(d.event, p) &&
            gidOf(d.event.lat, d.event.lon) === gid,
        )
        .sort((x, y) => y.event.best - x.event.best || x.index - y.index),
    placeOf,
    stats,
  };
}

/** Great-circle km between two [lon, lat] points (re-exported for the UI's base detail). */
export { greatCircleKm };
