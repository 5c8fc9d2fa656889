/**
 * What-if placement and its backtest (issue "Coverage planner", items 3–4; definitions in
 * ARCHITECTURE.md, "Coverage"):
 *
 * - **What-if(m, t, k, n, X)**: "had the mission opened k more bases at the start of year t,
 *   where would they have covered most of the deaths of years t − n … t − 1?" The deaths are
 *   those of the counted events (coverage rules: host countries with violence data, precision
 *   limit, perpetrator filter). The bases already there at the start of t — the troop bases of
 *   year t − 1 — are counted first: their events are covered already. Candidates are the basemap
 *   towns (GeoNames, ≥ 5,000 inhabitants) of the host countries and the mission's former base
 *   sites there (bases of years before t that are not troop bases in t − 1). Greedy maximum
 *   coverage: k times, the candidate whose X km disc holds the most not-yet-covered deaths (ties:
 *   the town listed first — larger population first —, then former bases by name).
 * - **Backtest(m, t)**: the deaths of year t itself within X km of (a) the bases at the start of
 *   t plus the k sites chosen from years t − n … t − 1, against (b) those bases plus the bases
 *   the mission actually opened in t (troop bases in t that were not in t − 1; a strengthened base
 *   was already there, so it adds no reach by distance).
 *
 * Pure and deterministic; violence moves and bases change violence, so both are hindsight
 * exercises, not forecasts — the app says so next to them.
 */
import {
  eventCounts,
  nearestBaseIndex,
  troopBasesByYear,
  type EventDistance,
  type TroopBase,
} from './coverage';
import type { CoverageParams } from './coverageParams';
import { sphereIndex } from './sphereIndex';
import { hasViolenceData, type Base, type BaseYear, type Coverage, type Mission } from './dataset';
import { csvField } from './csv';

export * from './whatIfParams';

/** A candidate site. */
export interface Candidate {
  name: string;
  lon: number;
  lat: number;
  kind: 'town' | 'former base';
}

/** One chosen site. */
export interface ChosenSite extends Candidate {
  /** 1 = chosen first. */
  rank: number;
  /** Deaths (best) it adds: counted events within X km not covered by the bases or earlier sites. */
  addedDeaths: number;
  addedEvents: number;
}

/** The what-if of one year. */
export interface WhatIf {
  year: number;
  /** History years used (those with violence data among t − n … t − 1). */
  historyYears: number[];
  /** Deaths of the history years, and those already within X km of the bases at the start of t. */
  historyDeaths: number;
  coveredByExisting: number;
  sites: ChosenSite[];
  /** Bases at the start of t (troop bases of t − 1). */
  existingBases: number;
  candidates: number;
}

/** Everything the what-if needs about the mission. */
export interface WhatIfInput {
  distances: readonly EventDistance[];
  bases: readonly Base[];
  baseYears: readonly BaseYear[];
  mission: Pick<Mission, 'id' | 'countries' | 'years'>;
  coverage: Coverage;
  /** Basemap towns (any countries: filtered to the hosts here), largest first preferred. */
  towns: readonly { name: string; lon: number; lat: number; population: number; country: string }[];
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The candidates for year t: host-country towns (largest first), then former base sites by name. */
export function whatIfCandidates(input: WhatIfInput, year: number): Candidate[] {
  const hosts = new Set(input.mission.countries);
  const towns = input.towns
    .filter((p) => hosts.has(p.country) && Number.isFinite(p.lon) && Number.isFinite(p.lat))
    .slice()
    .sort((a, b) => b.population - a.population || cmp(a.name, b.name))
    .map((p): Candidate => ({ name: p.name, lon: p.lon, lat: p.lat, kind: 'town' }));
  const troopsBefore = new Set(
    (troopBasesByYear(input.baseYears, input.mission.id).get(year - 1) ?? []).map((b) => b.baseId),
  );
  const former = new Map<string, Candidate>();
  for (const by of input.baseYears) {
    if (by.mission !== input.mission.id || by.year >= year || troopsBefore.has(by.baseId)) continue;
    const b = input.bases.find((x) => x.id === by.baseId);
    if (!b || !hosts.has(b.country) || former.has(b.id)) continue;
    former.set(b.id, { name: b.location, lon: b.lon, lat: b.lat, kind: 'former base' });
  }
  return [...towns, ...[...former.values()].sort((a, b) => cmp(a.name, b.name))];
}

interface Pt {
  lon: number;
  lat: number;
  best: number;
}

/** A test "within X km of any of `bases`" (nearest-base search, exact). */
function nearAnyOf(bases: readonly { lon: number; lat: number }[], km: number) {
  const idx = nearestBaseIndex(
    bases.map((b, i) => ({ baseId: String(i), lon: b.lon, lat: b.lat, troops: 1 })),
  );
  return (p: Pt): boolean => {
    const hit = idx.nearest(p.lon, p.lat);
    return hit !== null && hit.km <= km;
  };
}

/** The counted events of `years` (host countries with violence data), as points. */
function countedPoints(input: WhatIfInput, years: ReadonlySet<number>, p: CoverageParams): Pt[] {
  return input.distances
    .filter(
      (d) =>
        years.has(d.event.year) &&
        hasViolenceData(input.coverage, d.event.country, d.event.year) &&
        eventCounts(d.event, p),
    )
    .map((d) => ({ lon: d.event.lon, lat: d.event.lat, best: d.event.best }));
}

/** Greedy maximum coverage of `points` by k of `candidates` (points already covered left out). */
function greedy(points: readonly Pt[], candidates: readonly Candidate[], k: number, km: number) {
  // Each candidate's disc: the points within X km of it (turf's distance, exact; see sphereIndex).
  const index = sphereIndex(points);
  const reach = candidates.map((c) => index.within(c.lon, c.lat, km));
  const covered = new Uint8Array(points.length);
  const sites: ChosenSite[] = [];
  const used = new Set<number>();
  for (let rank = 1; rank <= k; rank++) {
    let best = -1;
    let bestDeaths = 0;
    let bestEvents = 0;
    reach.forEach((list, c) => {
      if (used.has(c)) return;
      let deaths = 0;
      let events = 0;
      for (const i of list)
        if (!covered[i]) {
          deaths += points[i]!.best;
          events++;
        }
      if (deaths > bestDeaths) {
        best = c;
        bestDeaths = deaths;
        bestEvents = events;
      }
    });
    if (best < 0) break; // nothing left to cover
    used.add(best);
    for (const i of reach[best]!) covered[i] = 1;
    sites.push({ ...candidates[best]!, rank, addedDeaths: bestDeaths, addedEvents: bestEvents });
  }
  return sites;
}

/** The what-if of year t (null when none of the history years has violence data). */
export function whatIfPlacement(
  input: WhatIfInput,
  year: number,
  k: number,
  n: number,
  p: CoverageParams,
): WhatIf | null {
  const historyYears: number[] = [];
  for (let y = year - n; y < year; y++)
    if (input.mission.countries.some((c) => hasViolenceData(input.coverage, c, y)))
      historyYears.push(y);
  if (historyYears.length === 0) return null;
  const existing = troopBasesByYear(input.baseYears, input.mission.id).get(year - 1) ?? [];
  const points = countedPoints(input, new Set(historyYears), p);
  const open: Pt[] = [];
  let historyDeaths = 0;
  let coveredByExisting = 0;
  const nearExisting = nearAnyOf(existing, p.km);
  for (const pt of points) {
    historyDeaths += pt.best;
    if (nearExisting(pt)) coveredByExisting += pt.best;
    else open.push(pt);
  }
  const candidates = whatIfCandidates(input, year);
  return {
    year,
    historyYears,
    historyDeaths,
    coveredByExisting,
    sites: greedy(open, candidates, k, p.km),
    existingBases: existing.length,
    candidates: candidates.length,
  };
}

/** One year of the backtest. */
export interface BacktestYear {
  year: number;
  /** Deaths of year t (counted events). */
  deaths: number;
  /** Within X km of the bases at the start of t (troop bases of t − 1). */
  byExisting: number;
  /** … plus the k sites chosen from the previous n years. */
  withChosen: number;
  /** … plus the bases actually opened in t instead. */
  withOpened: number;
  /** Bases actually opened in t (troop bases in t that were not in t − 1). */
  opened: TroopBase[];
  sites: ChosenSite[];
}

/**
 * The backtest over the mission's years that have violence data for t and for at least one of
 * the n years before.
 */
export function backtest(
  input: WhatIfInput,
  k: number,
  n: number,
  p: CoverageParams,
): BacktestYear[] {
  const byYear = troopBasesByYear(input.baseYears, input.mission.id);
  const out: BacktestYear[] = [];
  const years = [...new Set(input.mission.years)].sort((a, b) => a - b);
  for (const year of years) {
    if (!input.mission.countries.some((c) => hasViolenceData(input.coverage, c, year))) continue;
    const w = whatIfPlacement(input, year, k, n, p);
    if (w === null) continue;
    const existing = byYear.get(year - 1) ?? [];
    const before = new Set(existing.map((b) => b.baseId));
    const opened = (byYear.get(year) ?? []).filter((b) => !before.has(b.baseId));
    let deaths = 0;
    let byExisting = 0;
    let withChosen = 0;
    let withOpened = 0;
    const nearExisting = nearAnyOf(existing, p.km);
    const nearSites = nearAnyOf(w.sites, p.km);
    const nearOpened = nearAnyOf(opened, p.km);
    for (const pt of countedPoints(input, new Set([year]), p)) {
      deaths += pt.best;
      const e = nearExisting(pt);
      if (e) byExisting += pt.best;
      if (e || nearSites(pt)) withChosen += pt.best;
      if (e || nearOpened(pt)) withOpened += pt.best;
    }
    out.push({ year, deaths, byExisting, withChosen, withOpened, opened, sites: w.sites });
  }
  return out;
}

/** The exact header of the what-if CSV. */
export const WHATIF_CSV_HEADER = 'year,rank,site,lat,lon,added_deaths';

/** A coordinate to 4 decimals: a number's text (a minus sign is a number's, not a formula's). */
const coordinate = (x: number): string => (Number.isFinite(x) ? x.toFixed(4) : '');

/**
 * Ranked sites of several years as CSV (coordinates to 4 decimals; LF, trailing newline). Fields
 * go through the shared {@link csvField}; the coordinates are numbers written to 4 decimals.
 */
export function whatIfToCsv(rows: readonly WhatIf[]): string {
  const lines = [WHATIF_CSV_HEADER];
  for (const w of rows)
    for (const s of w.sites)
      lines.push(
        [
          csvField(w.year),
          csvField(s.rank),
          csvField(s.name),
          coordinate(s.lat),
          coordinate(s.lon),
          csvField(s.addedDeaths),
        ].join(','),
      );
  return `${lines.join('\n')}\n`;
}
