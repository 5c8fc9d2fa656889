/**
 * Pure helpers that shape lag-analysis results for display: place names of cells (nearest basemap
 * town), chart rows for the cell detail and responsiveness charts, the "violence data not loaded"
 * sentence, and the CSV file name. No React, no map: the panels in `src/ui/lag/` render these.
 */
import type { BasemapPlace } from './basemap';
import { ADD_VIOLENCE_DATA_HINT, type CellYear } from './dataset';
import type { BaseChange } from './changes';
import { CellYearTable } from './cellYearTable';
import { yearRanges } from './encoding';
import { cellCentroid, gidOf, neighbours } from './grid';
import type { CellYearDetail } from './lag';
import { wilsonInterval } from './lagPooled';
import type {
  CountryYear,
  Episode,
  LagParams,
  Responsiveness,
  ResponsivenessBin,
} from './lagTypes';

/** Mean Earth radius (km) for great-circle distances. */
const EARTH_KM = 6371.0088;

/** Great-circle distance in km between two [lon, lat] points (haversine). */
export function distanceKm(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A town matched to a cell. */
export interface PlaceMatch {
  name: string;
  country: string;
  population: number;
  /** Distance from the town to the cell's centre, km. */
  km: number;
  /** Compass bearing from the town to the cell's centre, degrees (0 = north, 90 = east). */
  bearing: number;
  /** The town lies inside the cell. */
  inCell: boolean;
}

/** Towns farther than this from a cell's centre are not used to name it (≈ 3 cells). */
export const PLACE_MAX_KM = 150;

/** Initial compass bearing from `a` to `b` ([lon, lat]), degrees in [0, 360). */
export function bearingDeg(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const y = Math.sin((b[0] - a[0]) * rad) * Math.cos(b[1] * rad);
  const x =
    Math.cos(a[1] * rad) * Math.sin(b[1] * rad) -
    Math.sin(a[1] * rad) * Math.cos(b[1] * rad) * Math.cos((b[0] - a[0]) * rad);
  return (((Math.atan2(y, x) / rad) % 360) + 360) % 360;
}

const COMPASS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;

/** The 8-point compass direction of a bearing. */
export function compass(bearing: number): string {
  return COMPASS[Math.round((((bearing % 360) + 360) % 360) / 45) % 8]!;
}

/**
 * A lookup from cell to the basemap town nearest to the cell's centre (within `maxKm`); ties go
 * to the larger town. Towns are bucketed by cell once, so each lookup scans only the blocks of
 * cells within `maxKm`; answers are cached per gid.
 */
export function createPlaceLookup(
  places: readonly Pick<BasemapPlace, 'name' | 'lon' | 'lat' | 'population' | 'country'>[],
  maxKm = PLACE_MAX_KM,
): (gid: number) => PlaceMatch | null {
  type Town = (typeof places)[number];
  const buckets = new Map<number, Town[]>();
  for (const p of places) {
    if (!Number.isFinite(p.lat) || !Number.isFinite(p.lon)) continue;
    const g = gidOf(p.lat, p.lon);
    const list = buckets.get(g);
    if (list) list.push(p);
    else buckets.set(g, [p]);
  }
  // A 0.5° cell is at most ≈ 55 km wide: rings enough to cover maxKm.
  const rings = Math.max(1, Math.ceil(maxKm / 55));
  const cache = new Map<number, PlaceMatch | null>();
  return (gid: number): PlaceMatch | null => {
    const hit = cache.get(gid);
    if (hit !== undefined) return hit;
    const centre = cellCentroid(gid);
    let best: { p: Town; km: number } | null = null;
    for (const g of neighbours(gid, rings)) {
      for (const p of buckets.get(g) ?? []) {
        const km = distanceKm(centre, [p.lon, p.lat]);
        if (km > maxKm) continue;
        if (
          best === null ||
          km < best.km - 1e-9 ||
          (Math.abs(km - best.km) <= 1e-9 && p.population > best.p.population)
        )
          best = { p, km };
      }
    }
    const out: PlaceMatch | null = best && {
      name: best.p.name,
      country: best.p.country,
      population: best.p.population,
      km: best.km,
      bearing: bearingDeg([best.p.lon, best.p.lat], centre),
      inCell: gidOf(best.p.lat, best.p.lon) === gid,
    };
    cache.set(gid, out);
    return out;
  };
}

/** "5.75° N, 20.25° E": a cell's centre in words. */
export function formatCellCentre(gid: number): string {
  const [lon, lat] = cellCentroid(gid);
  const ns = lat >= 0 ? 'N' : 'S';
  const ew = lon >= 0 ? 'E' : 'W';
  return `${Math.abs(lat).toFixed(2)}° ${ns}, ${Math.abs(lon).toFixed(2)}° ${ew}`;
}

/**
 * How the gap list names a cell: the town inside it ("Bambari"), else where the cell lies from
 * the nearest town ("35 km NE of Bria"), else the cell centre's coordinates.
 */
export function cellPlaceLabel(
  gid: number,
  match: PlaceMatch | null,
): { name: string; detail: string } {
  if (match === null) return { name: `Cell centre ${formatCellCentre(gid)}`, detail: '' };
  if (match.inCell) return { name: match.name, detail: 'town in the cell' };
  return {
    name: `${Math.round(match.km)} km ${compass(match.bearing)} of ${match.name}`,
    detail: 'distance to the cell centre',
  };
}

/**
 * A cell's name as text (`cellName(...).name`: the place, and the area when `region` knows one)
 * from a place lookup: what the episode CSV writes in its `place` column, in the app and the CLI
 * alike.
 */
export function cellPlaceName(
  lookup: (gid: number) => PlaceMatch | null,
  region: (gid: number) => string | null = () => null,
): (gid: number) => string {
  return (gid) => cellName(gid, lookup(gid), region(gid)).name;
}

/**
 * A lookup of each cell's first-level administrative area (GED `adm_1`, kept per cell-year as
 * `region`): the area that most of the cell's cell-years name; on a tie, the one that reached
 * that count last (cell-years in (year, gid) order: the later year's). Null when none names one.
 */
export function cellRegionLookup(
  cellYears: readonly Pick<CellYear, 'gid' | 'year' | 'region'>[] | CellYearTable,
): (gid: number) => string | null {
  let regions: Map<number, string> | null = null;
  return (gid) => {
    if (!regions) {
      const counts = new Map<number, Map<string, number>>();
      const best = new Map<number, { name: string; n: number }>();
      const count = (g: number, region: string): void => {
        let m = counts.get(g);
        if (!m) counts.set(g, (m = new Map()));
        const n = (m.get(region) ?? 0) + 1;
        m.set(region, n);
        const b = best.get(g);
        if (!b || n >= b.n) best.set(g, { name: region, n });
      };
      if (cellYears instanceof CellYearTable) {
        // Typed columns: no row objects.
        for (const i of cellYears.order()) {
          const r = cellYears.region[i]!;
          const name = r < 0 ? null : cellYears.regions[r];
          if (name) count(cellYears.gid[i]!, name);
        }
      } else {
        const sorted = [...cellYears].sort((a, b) => a.year - b.year || a.gid - b.gid);
        for (const c of sorted) if (c.region) count(c.gid, c.region);
      }
      regions = new Map([...best].map(([g, b]) => [g, b.name]));
    }
    return regions.get(gid) ?? null;
  };
}

/**
 * A cell's name as the whole UI writes it: the place ({@link cellPlaceLabel}: the town in the
 * cell, else where it lies from the nearest town, else its centre), the first-level
 * administrative area when one is known, and the PRIO-GRID id as secondary text for researchers.
 */
export interface CellName {
  gid: number;
  /** "Bambari", "48 km E of Bangassou" or "Cell centre 5.25° N, 20.25° E". */
  place: string;
  /** First-level administrative area ("Mbomou"), null when not known. */
  region: string | null;
  /** The place and the area: "48 km E of Bangassou, Mbomou" (the place alone without an area). */
  name: string;
  /** "cell 136487": the secondary text. */
  id: string;
  /** "48 km E of Bangassou, Mbomou — cell 136487": both, where one line must say everything. */
  full: string;
}

/** The {@link CellName} of a cell from its nearest town and (when known) its admin-1 area. */
export function cellName(
  gid: number,
  match: PlaceMatch | null,
  region: string | null = null,
): CellName {
  const place = cellPlaceLabel(gid, match).name;
  const name = region ? `${place}, ${region}` : place;
  const id = `cell ${gid}`;
  return { gid, place, region, name, id, full: `${name} — ${id}` };
}

/** One year of the cell detail chart. */
export interface CellChartRow {
  year: number;
  /** V(c, t); null when the cell-year is not analysed (no violence data / mission not there). */
  fatalities: number | null;
  troops: number;
  enhanced: boolean;
  analysed: boolean;
}

/** Chart rows of {@link CellYearDetail}s (one per year, in order). */
export function cellChartRows(detail: readonly CellYearDetail[]): CellChartRow[] {
  return detail.map((d) => ({
    year: d.year,
    fatalities: d.fatalities,
    troops: d.troopsInReach,
    enhanced: d.enhanced,
    analysed: d.analysed,
  }));
}

/** A year marker of the cell detail chart: an episode's onset or its response. */
export interface EpisodeMarker {
  year: number;
  kind: 'onset' | 'response';
  episodeId: string;
  label: string;
}

/** Onset and response markers of a cell's episodes, in year order (onset before response). */
export function episodeMarkers(episodes: readonly Episode[]): EpisodeMarker[] {
  const out: EpisodeMarker[] = [];
  for (const e of episodes) {
    out.push({ year: e.onsetYear, kind: 'onset', episodeId: e.id, label: `onset ${e.onsetYear}` });
    if (e.responseYear !== null)
      out.push({
        year: e.responseYear,
        kind: 'response',
        episodeId: e.id,
        label: `response ${e.responseYear} (lag ${e.lagYears} y)`,
      });
  }
  return out.sort((a, b) => a.year - b.year || (a.kind === 'onset' ? -1 : 1));
}

/** A base change in the cell detail's table, with the base's name. */
export interface NamedChange extends BaseChange {
  name: string;
}

/**
 * The base changes in reach worth listing (UNCHANGED ones with a known figure left out), newest
 * year first, with base names from `nameOf`.
 */
export function notableChanges(
  detail: readonly CellYearDetail[],
  nameOf: (baseId: string) => string,
): NamedChange[] {
  const out: NamedChange[] = [];
  for (const d of detail) {
    for (const c of d.changes) {
      if (c.kind === 'UNCHANGED' && !c.troopsUnknown) continue;
      out.push({ ...c, name: nameOf(c.baseId) });
    }
  }
  return out.sort((a, b) => b.year - a.year || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Perpetrator series of the responsiveness chart. */
export type ResponsivenessSeries = 'state' | 'host' | 'foreign' | 'nonstate';

/** Display names of the responsiveness series. */
export const RESPONSIVENESS_SERIES_LABELS: Record<ResponsivenessSeries, string> = {
  state: 'State forces',
  host: 'Host government',
  foreign: 'Foreign governments',
  nonstate: 'Non-state groups',
};

/** The chart's series: state vs non-state, or with the state split into host and foreign. */
export function responsivenessSeries(splitState: boolean): ResponsivenessSeries[] {
  return splitState ? ['host', 'foreign', 'nonstate'] : ['state', 'nonstate'];
}

/** One bar of the responsiveness chart. */
export interface ResponsivenessRow extends ResponsivenessBin {
  series: ResponsivenessSeries;
  seriesLabel: string;
  /** Position of the bin (0 = no violence). */
  binIndex: number;
  /** Wilson score 95 % interval of the share (`wilsonInterval`); null for an empty bin. */
  low: number | null;
  high: number | null;
}

/**
 * Responsiveness as flat rows (the series in order — state, then non-state by default — bins in
 * order) for a grouped bar chart.
 */
export function responsivenessRows(
  r: Responsiveness,
  series: readonly ResponsivenessSeries[] = responsivenessSeries(false),
): ResponsivenessRow[] {
  return series.flatMap((series) =>
    r[series].map((b, binIndex) => {
      const ci = wilsonInterval(b.enhanced, b.cellYears);
      return {
        ...b,
        series,
        seriesLabel: RESPONSIVENESS_SERIES_LABELS[series],
        binIndex,
        low: ci?.low ?? null,
        high: ci?.high ?? null,
      };
    }),
  );
}

/** True when any bin holds cell-years (otherwise there is nothing to chart). */
export function hasResponsivenessData(r: Responsiveness): boolean {
  return r.all.some((b) => b.cellYears > 0);
}

/** Countries of active country-years without violence data, with their years ("2014–2024"). */
export function missingViolenceCountries(
  missing: readonly CountryYear[],
): { country: string; years: string }[] {
  const byCountry = new Map<string, number[]>();
  for (const cy of missing) {
    if (cy.violenceData) continue;
    const list = byCountry.get(cy.country);
    if (list) list.push(cy.year);
    else byCountry.set(cy.country, [cy.year]);
  }
  return [...byCountry.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([country, years]) => ({
      country,
      years: yearRanges([...years].sort((a, b) => a - b))
        .map((r) => r.replace('-', '–'))
        .join(', '),
    }));
}

/** "a, b and c". */
function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The sentence shown where a mission's countries lack violence data. */
export function violenceNotLoadedMessage(countries: readonly string[]): string {
  return `Violence data not loaded for ${list(countries)}: the lag analysis needs it, so it is not computed there (never counted as zero). ${ADD_VIOLENCE_DATA_HINT}`;
}

/** The download file name of the episode CSV for a mission and parameters. */
export function lagCsvFileName(mission: string, p: LagParams): string {
  const safe = mission.replace(/[^A-Za-z0-9_-]+/g, '_');
  return `lag-${safe}-theta${p.theta}-r${p.reachKm != null ? `${p.reachKm}km` : p.reach}-w${p.window}-d${p.delta}-${p.perpetrator}.csv`;
}

/** The download file name of the pooled episodes (or responsiveness) CSV. */
export function pooledCsvFileName(
  p: LagParams,
  years: { from: number | null; to: number | null },
  what: 'episodes' | 'responsiveness' = 'episodes',
): string {
  const span = `${years.from ?? 'first'}-${years.to ?? 'last'}`;
  return what === 'responsiveness'
    ? `responsiveness-all-missions-${span}-r${p.reachKm != null ? `${p.reachKm}km` : p.reach}-d${p.delta}-prec${p.precision}.csv`
    : `lag-all-missions-${span}-theta${p.theta}-r${p.reachKm != null ? `${p.reachKm}km` : p.reach}-w${p.window}-d${p.delta}-${p.perpetrator}.csv`;
}

/** A base in reach of a cell in at least one year, with the years it was there. */
export interface BaseInReach {
  baseId: string;
  name: string;
  /** "2014–2016, 2019". */
  years: string;
}

/** The mission's bases in reach of a cell over the years (from the cell detail's changes). */
export function basesInReach(
  detail: readonly CellYearDetail[],
  nameOf: (baseId: string) => string,
): BaseInReach[] {
  const years = new Map<string, number[]>();
  for (const d of detail) {
    for (const c of d.changes) {
      if (c.kind === 'CLOSED') continue;
      const list = years.get(c.baseId);
      if (list) list.push(d.year);
      else years.set(c.baseId, [d.year]);
    }
  }
  return [...years.entries()]
    .map(([baseId, ys]) => ({
      baseId,
      name: nameOf(baseId),
      years: yearRanges([...new Set(ys)].sort((a, b) => a - b))
        .map((r) => r.replace('-', '–'))
        .join(', '),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
