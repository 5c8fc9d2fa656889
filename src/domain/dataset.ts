/**
 * The built dataset: what `npm run data` writes to `public/data/` and what the browser and the
 * headless analysis read. These types are the contract between the pipeline (writer) and every
 * consumer; the on-disk encodings are described in ARCHITECTURE.md.
 */

/** Perpetrator class of a one-sided violence event. */
export type Perpetrator = 'state' | 'nonstate';
/**
 * The perpetrator filter a user picks: all; state = any government; host = the government of
 * the country where the killing happened (GED `country`); foreign = another government;
 * nonstate = every other actor.
 */
export type PerpetratorFilter = 'all' | 'state' | 'host' | 'foreign' | 'nonstate';

/** Every perpetrator filter, in display order. */
export const PERPETRATOR_FILTERS: readonly PerpetratorFilter[] = [
  'all',
  'state',
  'host',
  'foreign',
  'nonstate',
];

/**
 * GED `where_prec` levels whose events the dataset keeps apart, so that the location-precision
 * filter can leave them out: 6 = only the country is known (the event sits on a country
 * centroid), 7 = international waters or airspace. Levels 1–5 (exact place to "near" a named
 * place or an admin unit) are always kept.
 */
export const IMPRECISE_LEVELS = [6, 7] as const;
export type ImpreciseLevel = (typeof IMPRECISE_LEVELS)[number];

/** OSV events and best fatalities of one perpetrator class. */
export interface ClassCount {
  events: number;
  best: number;
}

/** OSV events of one imprecise `where_prec` level in a cell-year, by perpetrator class. */
export interface PrecisionPart {
  /** By any government (foreign included). */
  state: ClassCount;
  /** By a government other than that of the event's country (part of `state`). */
  foreign: ClassCount;
  nonState: ClassCount;
}

/** A fatality estimate with its uncertainty, as UCDP gives it. */
export interface Estimate {
  /** UCDP `best`. */
  best: number;
  /** UCDP `low`. */
  low: number;
  /** UCDP `high`. */
  high: number;
  /** Number of events. */
  events: number;
}

/** A perpetrator named in a cell-year, with its OSV fatalities there. */
export interface NamedPerpetrator {
  name: string;
  perpetrator: Perpetrator;
  best: number;
}

/** One PRIO-GRID cell in one year with at least one GED event (of any type). */
export interface CellYear {
  gid: number;
  year: number;
  /** The GED country with the most fatalities in this cell-year (canonical name). */
  country: string;
  /**
   * The first-level administrative area (GED `adm_1`, e.g. "Mbomou province") of most of the
   * cell-year's events; null when none has one (or the source had no `adm_1`). Names cells.
   */
  region?: string | null;
  /** One-sided violence (type_of_violence 3), all perpetrators. */
  osv: Estimate;
  /** One-sided violence by governments ("Government of …"). */
  osvState: Estimate;
  /** One-sided violence by non-state actors. */
  osvNonState: Estimate;
  /**
   * One-sided violence by governments other than that of the country where the killing
   * happened (part of `osvState`; the host government's share is `osvState − osvForeign`).
   */
  osvForeign: Estimate;
  /**
   * The part of the OSV figures above from events geolocated only to the country (where_prec 6)
   * or to international waters / airspace (7). All figures above include them.
   */
  osvImprecise: Readonly<Record<ImpreciseLevel, PrecisionPart>>;
  /** Context: state-based conflict (type 1). */
  stateBased: Estimate;
  /** Context: non-state conflict (type 2). */
  nonStateConflict: Estimate;
  /** Up to 3 OSV perpetrators by fatalities, largest first. */
  topPerpetrators: NamedPerpetrator[];
}

/** One-sided violence in one cell in one month (for the monthly timeline). */
export interface CellMonth {
  gid: number;
  year: number;
  /** 1–12, from GED `date_start`. */
  month: number;
  osvBest: number;
  osvStateBest: number;
  osvNonStateBest: number;
  /** By governments other than that of the event's country (part of osvStateBest). */
  osvForeignBest: number;
  /** GED `low` / `high` summed per perpetrator class (the uncertainty band of the monthly chart). */
  osvStateLow: number;
  osvStateHigh: number;
  osvNonStateLow: number;
  osvNonStateHigh: number;
}

/** HQ level as coded by Geo-PKO. */
export type HqLevel = 0 | 1 | 2 | 3;

/** A base: a mission location with a stable identity across years. */
export interface Base {
  /** Stable id, e.g. `MINUSCA:bangui`. */
  id: string;
  mission: string;
  location: string;
  /** Canonical country name. */
  country: string;
  /** Representative coordinates (those of the base's first year). */
  lat: number;
  lon: number;
  gid: number;
}

/** A base in one year, after the duplicate-row rule. */
export interface BaseYear {
  baseId: string;
  mission: string;
  year: number;
  /**
   * Troops that year: Geo-PKO's own map-weighted yearly figure (FrontMap `ave.no.troops`), or,
   * where Geo-PKO gives none, the rounded mean of the year's maps (`troopsFromMaps`); null when
   * the source says NA (unknown, not zero).
   */
  troops: number | null;
  /** Smallest single-map figure that year (null when unknown). */
  troopsMin: number | null;
  /** Largest single-map figure that year (null when unknown). */
  troopsMax: number | null;
  /**
   * True when `troops` is the mean of the year's maps because Geo-PKO gives no yearly figure
   * (no `ave.no.troops`, a mission-year only in the monthly files, or rows that disagree).
   */
  troopsFromMaps: boolean;
  /** Number of source rows (distinct map figures in FrontMap, or monthly rows) merged into this base-year. */
  sourceRows: number;
  hq: HqLevel;
  /** UN police present. */
  unpol: boolean;
  /** UN military observers present. */
  unmo: boolean;
  /** Unit types present (Infantry, Reserve, Engineering, Medical, Signals, Aviation, Riverine, Maintenance, Transport). */
  units: string[];
  /** Contributing countries as written by Geo-PKO, e.g. "Nepal (150)". */
  tcc: string[];
  /** Number of contributing countries, null when unknown. */
  tccCount: number | null;
  /** A location with zero troops (police, observers or HQ only). */
  zeroTroops: boolean;
  /** This year's coordinates and cell (may differ slightly from the base's). */
  lat: number;
  lon: number;
  gid: number;
}

/** A base in one month, from the monthly Geo-PKO files. */
export interface BaseMonth {
  baseId: string;
  mission: string;
  year: number;
  month: number;
  troops: number | null;
  /**
   * The contributing countries on this map, as the monthly file lists them (Geo-PKO v2.0
   * `name.of.TCCn` / `No.troops.per.TCCn`), in the canonical entry text of `BaseYear.tcc`
   * ("Nepal (150)", "Nepal (size unknown)"); empty where the map names none.
   */
  tcc: string[];
  /** Geo-PKO's own count of contributing countries on this map (`No.TCC`); null when not given. */
  tccCount: number | null;
}

/** A peacekeeping mission. */
export interface Mission {
  /** Geo-PKO mission acronym, e.g. MINUSCA. */
  id: string;
  /** Canonical host country names. */
  countries: string[];
  /** Years with at least one location, ascending. */
  years: number[];
  /** [west, south, east, north] of all its locations. */
  bbox: [number, number, number, number];
}

/**
 * Whether violence data exists for a country-year: "no violence recorded" (covered, no events)
 * is different from "no violence data loaded" (not covered).
 */
export interface Coverage {
  /** GED release version(s) read, e.g. ["23.1"]. */
  gedVersions: string[];
  /** First and last year of the GED release read, or null when no GED was loaded. */
  years: [number, number] | null;
  /** 'global' when the release covers every country, else only the listed countries. */
  scope: 'global' | 'countries' | 'none';
  /** Canonical names of the covered countries (all countries seen when scope is 'global'). */
  countries: string[];
}

/**
 * Why a dataset's cell-months are not there: a browser draws its first frame before
 * `cell_months.json` has arrived ('loading'), or that file could not be loaded ('failed', with
 * the reason). Monthly views say so instead of drawing nothing.
 */
export type CellMonthsPending = { status: 'loading' } | { status: 'failed'; detail: string };

/** What the monthly views say while a dataset's cell-months are pending (plain words). */
export function cellMonthsPendingText(p: CellMonthsPending): string {
  return p.status === 'loading'
    ? 'Monthly violence data is still loading…'
    : `Monthly violence data could not be loaded (${p.detail})`;
}

/**
 * Why a dataset holds the cell-years of some countries only: a browser draws its first frame
 * from the part files of one mission's host countries (`cell_years/<country>.json`), and the
 * rest of `cell_years.json` arrives after it ('loading') or could not be loaded ('failed', with
 * the reason). `missing` are the countries with cell-years that are not (all) in the dataset;
 * every other country's are complete. A view that needs a missing country says so instead of
 * drawing its cells as "no violence".
 */
export type CellYearsPending = {
  /** The mission whose host countries the first frame loaded (the way back to a whole view). */
  mission: string;
  missing: readonly string[];
} & ({ status: 'loading' } | { status: 'failed'; detail: string });

/** What a view that needs the rest of the cell-years says while they are pending (plain words). */
export function cellYearsPendingText(p: CellYearsPending): string {
  return p.status === 'loading'
    ? 'The violence data of the other missions is still loading…'
    : `The violence data of the other missions could not be loaded (${p.detail})`;
}

/**
 * True when the cell-years of every country in `need` are in the dataset ('all': every
 * country): always for a complete dataset, and for a partial one when no needed country is
 * among {@link CellYearsPending.missing}.
 */
export function cellYearsCover(
  ds: Pick<Dataset, 'cellYearsPending'>,
  need: readonly string[] | 'all',
): boolean {
  const p = ds.cellYearsPending;
  if (!p) return true;
  if (need === 'all') return false;
  return need.every((c) => !p.missing.includes(c));
}

/** The fully decoded dataset a consumer works with. */
export interface Dataset {
  /** The cell-years; only some countries' while {@link Dataset.cellYearsPending} is set. */
  cellYears: CellYear[];
  /**
   * Set while the dataset holds the cell-years of some countries only (see
   * {@link CellYearsPending}); absent when `cellYears` is complete (every build, test and
   * command-line tool).
   */
  cellYearsPending?: CellYearsPending;
  /** The cell-months; empty while {@link Dataset.cellMonthsPending} is set. */
  cellMonths: CellMonth[];
  /**
   * Set while the cell-months are not in this dataset (see {@link CellMonthsPending}); absent
   * when `cellMonths` is complete (every build, test and command-line tool).
   */
  cellMonthsPending?: CellMonthsPending;
  bases: Base[];
  baseYears: BaseYear[];
  baseMonths: BaseMonth[];
  missions: Mission[];
  coverage: Coverage;
}

/**
 * The pointer that every "violence data not loaded" sentence shown to users ends with: plain
 * words, no command line — the app's Help → Data page explains how to add the full sources
 * (the commands are in the README, "Refreshing the data").
 */
export const ADD_VIOLENCE_DATA_HINT = 'How to add the full data: Help → Data.';

/** True when violence data exists for the country in the year. */
export function hasViolenceData(coverage: Coverage, country: string, year: number): boolean {
  if (coverage.scope === 'none' || coverage.years === null) return false;
  const [first, last] = coverage.years;
  if (year < first || year > last) return false;
  return coverage.scope === 'global' || coverage.countries.includes(country);
}

/** An imprecise-events record with nothing in it (no events at levels 6 or 7). */
export function noImpreciseEvents(): Record<ImpreciseLevel, PrecisionPart> {
  const part = (): PrecisionPart => ({
    state: { events: 0, best: 0 },
    foreign: { events: 0, best: 0 },
    nonState: { events: 0, best: 0 },
  });
  return { 6: part(), 7: part() };
}

const minus = (a: Estimate, b: Estimate): Estimate => ({
  best: a.best - b.best,
  low: a.low - b.low,
  high: a.high - b.high,
  events: a.events - b.events,
});

/** The OSV estimate of a cell-year for a perpetrator filter (every location precision). */
export function osvFor(cell: CellYear, filter: PerpetratorFilter): Estimate {
  switch (filter) {
    case 'all':
      return cell.osv;
    case 'state':
      return cell.osvState;
    case 'host':
      return minus(cell.osvState, cell.osvForeign);
    case 'foreign':
      return cell.osvForeign;
    case 'nonstate':
      return cell.osvNonState;
  }
}

/** Events and best fatalities of one imprecise level for a perpetrator filter. */
export function imprecisePart(part: PrecisionPart, filter: PerpetratorFilter): ClassCount {
  switch (filter) {
    case 'all':
      return {
        events: part.state.events + part.nonState.events,
        best: part.state.best + part.nonState.best,
      };
    case 'state':
      return part.state;
    case 'host':
      return {
        events: part.state.events - part.foreign.events,
        best: part.state.best - part.foreign.best,
      };
    case 'foreign':
      return part.foreign;
    case 'nonstate':
      return part.nonState;
  }
}

/**
 * OSV events and best fatalities of a cell-year for a perpetrator filter, keeping only events
 * with GED `where_prec` ≤ `precision` (5 leaves out country-level and international events).
 */
export function osvAtPrecision(
  cell: CellYear,
  filter: PerpetratorFilter,
  precision: number,
): ClassCount {
  const all = osvFor(cell, filter);
  let events = all.events;
  let best = all.best;
  for (const level of IMPRECISE_LEVELS) {
    if (level <= precision) continue;
    const p = imprecisePart(cell.osvImprecise[level], filter);
    events -= p.events;
    best -= p.best;
  }
  return { events, best };
}

/** How precisely a cell-year's OSV events are located: events and killed per precision group. */
export interface PrecisionMix {
  /** GED where_prec 1–5: an exact place, near one, or in a named admin unit. */
  precise: ClassCount;
  /** where_prec 6: only the country is known (the event sits on a country centroid). */
  country: ClassCount;
  /** where_prec 7: international waters or airspace. */
  sea: ClassCount;
}

/** The precision mix of a cell-year's OSV events (all perpetrators). */
export function precisionMix(cell: CellYear): PrecisionMix {
  const country = imprecisePart(cell.osvImprecise[6], 'all');
  const sea = imprecisePart(cell.osvImprecise[7], 'all');
  return {
    precise: {
      events: cell.osv.events - country.events - sea.events,
      best: cell.osv.best - country.best - sea.best,
    },
    country,
    sea,
  };
}

/** One-sided violence of a cell in one month for a perpetrator filter (UCDP best). */
export function osvMonthFor(c: CellMonth, filter: PerpetratorFilter): number {
  switch (filter) {
    case 'all':
      return c.osvBest;
    case 'state':
      return c.osvStateBest;
    case 'host':
      return c.osvStateBest - c.osvForeignBest;
    case 'foreign':
      return c.osvForeignBest;
    case 'nonstate':
      return c.osvNonStateBest;
  }
}
