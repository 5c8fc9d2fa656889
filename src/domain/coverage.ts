/**
 * Coverage: how much of the killing of civilians happened within reach of a base with troops.
 * Definitions (ARCHITECTURE.md, "Coverage"):
 *
 * - Distances are great-circle kilometres (turf `distance`, haversine on the mean Earth radius
 *   6,371.0088 km) from each one-sided-violence **event** (a GED point whose `where_prec` is at
 *   most the precision limit, default 5) to the nearest base of the mission that has a known
 *   troop figure above zero in the event's year (Geo-PKO's yearly figure, `BaseYear.troops`, at
 *   that year's coordinates).
 * - **Coverage(m, t, X)** = deaths (UCDP `best`) of the events in the host countries of mission m
 *   in year t within X km of such a base ÷ all those deaths. It is null — never 0 — when no host
 *   country has violence data in year t, and null when the year has data but no deaths at all
 *   (nothing to cover). The same ratio with `low` and with `high` gives the range.
 *
 * Pure: no I/O, no React; the selectors in src/data memoize these.
 */
import {
  hasViolenceData,
  type BaseYear,
  type Coverage as DataCoverage,
  type Mission,
  type Perpetrator,
  type PerpetratorFilter,
} from './dataset';
import type { CoverageParams } from './coverageParams';
import { greatCircleKm } from './distance';
import { sphereIndex } from './sphereIndex';
import { bearingDeg, compass } from './lagView';

export * from './coverageParams';

/** One one-sided-violence event of GED, as the build keeps it (`osv_events.json`). */
export interface OsvEvent {
  year: number;
  /** 1–12, from `date_start`. */
  month: number;
  /** Rounded to 4 decimals (about 11 m). */
  lon: number;
  lat: number;
  best: number;
  low: number;
  high: number;
  perpetrator: Perpetrator;
  /** A state perpetrator that is a foreign government (not the event country's; perpetrator rule). */
  foreign: boolean;
  /** GED location precision: 1 exact place … 5 near a named place, 6 country only, 7 sea / air. */
  wherePrec: number;
  /** Canonical country name of the event (GED `country`). */
  country: string;
}

export { greatCircleKm };

/** A base with a known troop figure above zero in one year. */
export interface TroopBase {
  baseId: string;
  lon: number;
  lat: number;
  troops: number;
}

/**
 * The mission's bases with known troops > 0 in each year (that year's coordinates), by year.
 * Bases with an unknown figure (NA) or zero troops are not troop bases.
 */
export function troopBasesByYear(
  baseYears: readonly BaseYear[],
  mission: string,
): Map<number, TroopBase[]> {
  const out = new Map<number, TroopBase[]>();
  for (const by of baseYears) {
    if (by.mission !== mission || by.troops === null || by.troops <= 0) continue;
    const list = out.get(by.year) ?? [];
    list.push({ baseId: by.baseId, lon: by.lon, lat: by.lat, troops: by.troops });
    out.set(by.year, list);
  }
  return out;
}

const RAD = Math.PI / 180;

/** A nearest-base search over one year's troop bases. */
export interface NearestBaseIndex {
  bases: readonly TroopBase[];
  /** The nearest base to [lon, lat] and its distance in km; null when there is no base. */
  nearest(lon: number, lat: number): { base: TroopBase; km: number } | null;
}

/**
 * Builds a nearest-base search on a {@link sphereIndex} (unit vectors in a k-d tree). Exact: the
 * base found and its distance are those of a brute-force scan with turf (`greatCircleKm` from the
 * point to the base); ties go to the base listed first in `bases`.
 */
export function nearestBaseIndex(bases: readonly TroopBase[]): NearestBaseIndex {
  const index = sphereIndex(bases);
  return {
    bases,
    nearest(lon, lat) {
      const hit = index.nearest(lon, lat);
      return hit ? { base: bases[hit.index]!, km: hit.km } : null;
    },
  };
}

/** One event of a mission's host countries with its distance to the nearest troop base. */
export interface EventDistance {
  event: OsvEvent;
  /** Index of the event in the events array it came from. */
  index: number;
  /** Distance in km to the nearest troop base that year; null when the year has none. */
  km: number | null;
  /** That base's id, null when none. */
  baseId: string | null;
}

/**
 * Every event in the mission's host countries from `before` years before its first year (the
 * what-if's history; default 0) to its last year with a base, with its distance to the nearest
 * troop base of the same year (null before the mission), in the events' order. No filter on
 * perpetrator or precision: those are applied by {@link coverageByYear} and friends.
 *
 * How (the answers are those of one `SphereIndex.nearest` per event): the events are
 * grouped by year, keeping their order within a year, and each year's coordinates go to that
 * year's index in one batch (`SphereIndex.nearestEach`, typed-array results), so that no
 * object is made per event but the result.
 */
export function missionEventDistances(
  events: readonly OsvEvent[],
  baseYears: readonly BaseYear[],
  mission: Pick<Mission, 'id' | 'countries' | 'years'>,
  before = 0,
): EventDistance[] {
  if (mission.years.length === 0) return [];
  const first = Math.min(...mission.years) - before;
  const last = Math.max(...mission.years);
  const hosts = new Set(mission.countries);
  const years = last - first + 1;
  const byYear = troopBasesByYear(baseYears, mission.id);
  // The mission's events: their indices into `events`, year offsets and coordinates (read from
  // the event objects once), and the size of each year's group.
  let count = 0;
  let picked = new Int32Array(1024);
  let yearOf = new Int32Array(1024);
  let lonOf = new Float64Array(1024);
  let latOf = new Float64Array(1024);
  const start = new Int32Array(years + 1);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.year < first || e.year > last || !hosts.has(e.country)) continue;
    if (count === picked.length) {
      picked = grow(picked);
      yearOf = grow(yearOf);
      lonOf = grow(lonOf);
      latOf = grow(latOf);
    }
    picked[count] = i;
    yearOf[count] = e.year - first;
    lonOf[count] = e.lon;
    latOf[count++] = e.lat;
    start[e.year - first + 1]!++;
  }
  // Grouped by year (a counting sort: event order kept within a year): `slot` is each picked
  // event's position in the grouped order.
  for (let y = 1; y <= years; y++) start[y]! += start[y - 1]!;
  const next = start.slice(0, years);
  const slot = new Int32Array(count);
  const lons = new Float64Array(count);
  const lats = new Float64Array(count);
  for (let r = 0; r < count; r++) {
    const g = next[yearOf[r]!]!++;
    slot[r] = g;
    lons[g] = lonOf[r]!;
    lats[g] = latOf[r]!;
  }
  // Each year's events to that year's troop bases, one batch per year.
  const baseIx = new Int32Array(count).fill(-1);
  const km = new Float64Array(count);
  const baseIds: string[][] = [];
  for (let y = 0; y < years; y++) {
    const bases = byYear.get(first + y) ?? [];
    baseIds.push(bases.map((b) => b.baseId));
    const [from, to] = [start[y]!, start[y + 1]!];
    if (bases.length === 0 || from === to) continue;
    sphereIndex(bases).nearestEach(
      lons.subarray(from, to),
      lats.subarray(from, to),
      baseIx.subarray(from, to),
      km.subarray(from, to),
    );
  }
  const out = new Array<EventDistance>(count);
  for (let r = 0; r < count; r++) {
    const index = picked[r]!;
    const g = slot[r]!;
    const b = baseIx[g]!;
    out[r] = {
      event: events[index]!,
      index,
      km: b < 0 ? null : km[g]!,
      baseId: b < 0 ? null : baseIds[yearOf[r]!]![b]!,
    };
  }
  return out;
}

/** A typed array of twice the length with the same start. */
function grow<T extends Int32Array | Float64Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

/** Whether an event's perpetrator passes the filter (host / foreign: governments by the rule). */
export function perpetratorMatches(e: OsvEvent, filter: PerpetratorFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'state':
    case 'nonstate':
      return e.perpetrator === filter;
    case 'host':
      return e.perpetrator === 'state' && !e.foreign;
    case 'foreign':
      return e.perpetrator === 'state' && e.foreign;
  }
}

/** Whether an event passes the perpetrator filter and the precision limit. */
export function eventCounts(e: OsvEvent, p: Pick<CoverageParams, 'perpetrator' | 'precision'>) {
  return e.wherePrec <= p.precision && perpetratorMatches(e, p.perpetrator);
}

/** Deaths as UCDP gives them: best with its low–high range. */
export interface Deaths {
  best: number;
  low: number;
  high: number;
}

/** Coverage of one mission year. */
export interface CoverageYear {
  year: number;
  /** False when no host country has violence data this year: every figure below is null. */
  hasData: boolean;
  /** Host countries without violence data this year (their events are not counted). */
  missingCountries: string[];
  /** All deaths of the counted events; null without data. */
  deaths: Deaths | null;
  /** Deaths of those within X km of a troop base. */
  within: Deaths | null;
  /** within.best ÷ deaths.best; null without data or when nobody was killed. */
  share: number | null;
  /** The same ratio with the low and with the high estimates (null as above). */
  shareLow: number | null;
  shareHigh: number | null;
  /** Counted events, and those within X km. */
  events: number | null;
  eventsWithin: number | null;
  /** Troop bases that year (known troops > 0). */
  troopBases: number;
  /** Bases of the mission that year whose troop figure is unknown (NA): not counted as troop bases. */
  unknownTroopBases: number;
  /** Events left out by the precision limit (after the perpetrator filter). */
  imprecise: number | null;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/**
 * Coverage(m, t, X) for every year of the mission (first to last year with a base, gap years
 * included). `distances` are {@link missionEventDistances} of the mission.
 */
export function coverageByYear(
  distances: readonly EventDistance[],
  baseYears: readonly BaseYear[],
  mission: Pick<Mission, 'id' | 'countries' | 'years'>,
  coverage: DataCoverage,
  params: CoverageParams,
): CoverageYear[] {
  if (mission.years.length === 0) return [];
  const first = Math.min(...mission.years);
  const last = Math.max(...mission.years);
  const bases = troopBasesByYear(baseYears, mission.id);
  const unknown = new Map<number, number>();
  for (const by of baseYears)
    if (by.mission === mission.id && by.troops === null)
      unknown.set(by.year, (unknown.get(by.year) ?? 0) + 1);
  // One row per year, found by offset from the first year (no map lookup per event).
  const rows: CoverageYear[] = [];
  for (let year = first; year <= last; year++) {
    const covered = mission.countries.filter((c) => hasViolenceData(coverage, c, year));
    const hasData = covered.length > 0;
    rows.push({
      year,
      hasData,
      missingCountries: mission.countries.filter((c) => !covered.includes(c)),
      deaths: hasData ? { best: 0, low: 0, high: 0 } : null,
      within: hasData ? { best: 0, low: 0, high: 0 } : null,
      share: null,
      shareLow: null,
      shareHigh: null,
      events: hasData ? 0 : null,
      eventsWithin: hasData ? 0 : null,
      troopBases: bases.get(year)?.length ?? 0,
      unknownTroopBases: unknown.get(year) ?? 0,
      imprecise: hasData ? 0 : null,
    });
  }
  for (const d of distances) {
    const e = d.event;
    // The what-if's history years come before the first row: skipped without an array miss.
    if (e.year < first || e.year > last) continue;
    const row = rows[e.year - first]!;
    if (!row.deaths || !row.within) continue;
    if (!hasViolenceData(coverage, e.country, e.year)) continue;
    if (!perpetratorMatches(e, params.perpetrator)) continue;
    if (e.wherePrec > params.precision) {
      row.imprecise = (row.imprecise ?? 0) + 1;
      continue;
    }
    row.deaths.best += e.best;
    row.deaths.low += e.low;
    row.deaths.high += e.high;
    row.events = (row.events ?? 0) + 1;
    if (d.km !== null && d.km <= params.km) {
      row.within.best += e.best;
      row.within.low += e.low;
      row.within.high += e.high;
      row.eventsWithin = (row.eventsWithin ?? 0) + 1;
    }
  }
  for (const row of rows) {
    if (!row.deaths || !row.within) continue;
    row.share = ratio(row.within.best, row.deaths.best);
    row.shareLow = ratio(row.within.low, row.deaths.low);
    row.shareHigh = ratio(row.within.high, row.deaths.high);
  }
  return rows;
}

/**
 * The counted events of `year` farther than X km from every troop base (or in a year without
 * one), most deaths first (ties: farther first, then event order).
 */
export function uncoveredEvents(
  distances: readonly EventDistance[],
  coverage: DataCoverage,
  year: number,
  params: CoverageParams,
): EventDistance[] {
  return distances
    .filter(
      (d) =>
        d.event.year === year &&
        hasViolenceData(coverage, d.event.country, year) &&
        eventCounts(d.event, params) &&
        (d.km === null || d.km > params.km),
    )
    .sort(
      (a, b) =>
        b.event.best - a.event.best || (b.km ?? Infinity) - (a.km ?? Infinity) || a.index - b.index,
    );
}

/**
 * The counted events of `year` within X km of a troop base (the complement of
 * {@link uncoveredEvents} among the counted events), in event order. The map's layer and the
 * Canvas exports draw these.
 */
export function coveredEvents(
  distances: readonly EventDistance[],
  coverage: DataCoverage,
  year: number,
  params: CoverageParams,
): EventDistance[] {
  return distances.filter(
    (d) =>
      d.event.year === year &&
      hasViolenceData(coverage, d.event.country, year) &&
      eventCounts(d.event, params) &&
      d.km !== null &&
      d.km <= params.km,
  );
}

/**
 * Deaths of the counted events of `year` within X km of one base (its own reach, whatever other
 * bases are nearer); null when the base's country has no violence data that year.
 */
export function deathsNearBase(
  distances: readonly EventDistance[],
  coverage: DataCoverage,
  base: { lon: number; lat: number; country: string },
  year: number,
  params: CoverageParams,
): { deaths: Deaths; events: number } | null {
  if (!hasViolenceData(coverage, base.country, year)) return null;
  const deaths: Deaths = { best: 0, low: 0, high: 0 };
  let events = 0;
  for (const d of distances) {
    const e = d.event;
    if (e.year !== year || !hasViolenceData(coverage, e.country, year) || !eventCounts(e, params))
      continue;
    if (greatCircleKm([base.lon, base.lat], [e.lon, e.lat]) > params.km) continue;
    deaths.best += e.best;
    deaths.low += e.low;
    deaths.high += e.high;
    events++;
  }
  return { deaths, events };
}

/**
 * A town near an event: "Bria" (within 2 km) or "12 km NE of Bria" (a no-break space between the
 * number and "km", so that the figure never wraps from its unit).
 */
export interface NearTown {
  name: string;
  /** Distance from the town to the event, km. */
  km: number;
  /** The label the list shows. */
  label: string;
}

/** Towns farther than this from an event do not name it. */
export const EVENT_PLACE_MAX_KM = 150;

/**
 * A lookup from an event's point to the nearest basemap town within {@link EVENT_PLACE_MAX_KM}
 * (ties go to the larger town), labelled "Bria" when within 2 km, else "12 km NE of Bria".
 * Towns are bucketed by whole degree so that each lookup scans only nearby buckets.
 */
export function createTownLookup(
  places: readonly { name: string; lon: number; lat: number; population: number }[],
): (lon: number, lat: number) => NearTown | null {
  const buckets = new Map<string, (typeof places)[number][]>();
  for (const p of places) {
    if (!Number.isFinite(p.lat) || !Number.isFinite(p.lon)) continue;
    const k = `${Math.floor(p.lat)}|${Math.floor(p.lon)}`;
    const list = buckets.get(k);
    if (list) list.push(p);
    else buckets.set(k, [p]);
  }
  return (lon, lat) => {
    // 150 km ≈ 1.35° of latitude; longitude degrees shrink towards the poles.
    const dLat = 2;
    const dLon = Math.min(180, Math.ceil(2 / Math.max(0.05, Math.cos(lat * RAD))));
    let best: { p: (typeof places)[number]; km: number } | null = null;
    for (let a = Math.floor(lat) - dLat; a <= Math.floor(lat) + dLat; a++)
      for (let o = Math.floor(lon) - dLon; o <= Math.floor(lon) + dLon; o++)
        for (const p of buckets.get(`${a}|${o}`) ?? []) {
          const km = greatCircleKm([lon, lat], [p.lon, p.lat]);
          if (km > EVENT_PLACE_MAX_KM) continue;
          if (
            best === null ||
            km < best.km - 1e-9 ||
            (Math.abs(km - best.km) <= 1e-9 && p.population > best.p.population)
          )
            best = { p, km };
        }
    if (best === null) return null;
    const label =
      best.km <= 2
        ? best.p.name
        : `${Math.round(best.km)}\u00a0km ${compass(bearingDeg([best.p.lon, best.p.lat], [lon, lat]))} of ${best.p.name}`;
    return { name: best.p.name, km: best.km, label };
  };
}
