/**
 * Peacekeeping deployment rules (Geo-PKO): base identity across years, the duplicate-row rule
 * for base-years, unknown (NA) troops, zero-troop locations, monthly → yearly aggregation, unit
 * types and contributing countries. Pure: the pipeline reads and validates the files and hands
 * the typed rows to {@link buildDeployments}.
 */
import { canonicalCountry } from './countries';
import type { Base, BaseMonth, BaseYear, HqLevel, Mission } from './dataset';
import { gidOf } from './grid';
import { mergeContributors } from './tcc';

/**
 * Base identity tolerance: two location rows of the same mission with the same normalized
 * location name are the same base when they lie within this many kilometres of the base's
 * first coordinates. Geo-PKO re-geocodes some locations between maps (up to ~45 km, e.g.
 * UNOCI Sakassou, MINUSCA Bocaranga); a same-name location farther away is a different place
 * (UNAMSIL "Mano" 2000–2003 and 2004 lie 200 km apart) and becomes a separate base.
 */
export const BASE_MATCH_KM = 50;

/** The unit types a base-year can list, in display order. */
export const UNIT_TYPES = [
  'Infantry',
  'Reserve',
  'Engineering',
  'Medical',
  'Signals',
  'Aviation',
  'Riverine',
  'Maintenance',
  'Transport',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** Rule texts, recorded in the manifest. */
export const DEPLOYMENT_RULES = {
  baseIdentity: `A base is a mission location with a stable id "<MISSION>:<location-slug>". Rows of the same mission whose location names are equal after normalization (mojibake repaired, accents, case, spaces and punctuation removed) are the same base when they lie within ${BASE_MATCH_KM} km of the base's first coordinates; a same-name location farther away is a separate base ("~2" suffix).`,
  duplicateRows:
    'Troops of a base-year = Geo-PKO’s own map-weighted yearly figure, the FrontMap column ave.no.troops (e.g. MINUSCA Bambari 2018: 1016, Bangui 2015: 2673), never a sum and never recomputed under its name. A base-year listed on several FrontMap rows (one per distinct map figure) keeps the spread: troopsMin / troopsMax = the smallest / largest NoTroops of its rows, sourceRows = the number of rows. Where Geo-PKO gives no yearly figure (no ave.no.troops column or value while NoTroops is known, or rows merged into one base that disagree), troops = the rounded mean of the rows and troopsFromMaps is set (counted in the manifest). hq = the highest level, UNPOL/UNMO/unit types = present on any row.',
  unknownTroops:
    'NoTroops NA (or empty) is unknown, not zero: the base-year is kept with troops null. Analysis treats it as neither presence nor absence: no troop change is computed into or out of an unknown year.',
  zeroTroops:
    'A location with troops 0 (police, observers or HQ only) is kept and marked zeroTroops; it does not count as troop presence.',
  monthly:
    'Monthly Geo-PKO rows give base-months (several rows for one base-month: rounded mean). A mission-year absent from FrontMap gets its base-years from the monthly rows: troops = rounded mean over the months with a known figure (troopsFromMaps: Geo-PKO gives no yearly figure for it), troopsMin / troopsMax = the smallest / largest month. Where two Geo-PKO versions cover the same mission-month, the newer version is used and the older rows are SUPERSEDED_ROW. Contributing countries of several rows (of one map, or the maps of a year): each country once, with the rounded mean of the troop figures given for it.',
  unitsAndTcc:
    'Unit types come from FrontMap (Infantry, Reserve, Med, Av > 0) and TTMap (> 0); contributing countries from TCCMap year.overview split into "Country (n)" entries, tccCount = No.TCC (largest when several rows).',
} as const;

// ---------------------------------------------------------------------------------------------
// Names

/**
 * Repairs UTF-8 text that was decoded as Latin-1 once ("MÃ©naka" → "Ménaka"), as in the
 * Geo-PKO v2.0 file. Text that is not such mojibake is returned unchanged.
 */
export function fixMojibake(s: string): string {
  if (!/[ÃÂ]/.test(s)) return s;
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code > 255) return s;
    bytes[i] = code;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return s;
  }
}

function foldAccents(s: string): string {
  return fixMojibake(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Identity key of a location name: "Kaga-Bandoro", "Kaga Bandoro " → "kagabandoro". */
export function locationKey(name: string): string {
  return foldAccents(name).replace(/[^a-z0-9]+/g, '');
}

/** Readable id part of a location name: "Kaga Bandoro" → "kaga-bandoro". */
export function locationSlug(name: string): string {
  const slug = foldAccents(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'location';
}

/** Great-circle distance in km (haversine, mean Earth radius 6371 km). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Splits a TCCMap `year.overview` into entries as written: "Jordan (150), Kenya (150)" →
 * ["Jordan (150)", "Kenya (150)"]. An entry ends at a closing parenthesis followed by a comma, so
 * a name with a comma ("Korea, Republic of (150)") or its own parentheses ("Korea (ROK) (150)")
 * stays whole; text without parentheses is split on commas. Empty or NA gives []. The troop figure
 * of each entry is read by `parseTccEntry` (src/domain/tcc.ts).
 */
export function parseTccOverview(text: string | null | undefined): string[] {
  const s = (text ?? '').trim();
  if (s === '' || s.toUpperCase() === 'NA') return [];
  return s
    .split(/(?<=\))\s*[,;]\s*/)
    .flatMap((part) => (part.includes('(') ? [part.trim()] : part.split(/\s*[,;]\s*/)))
    .map((x) => x.trim())
    .filter(Boolean);
}

/**
 * The spread of several figures for one place and time: rounded mean, smallest and largest of
 * the known figures (all null when none is known). The mean is only the fallback troop figure of
 * a base-year (see {@link yearlyTroops}); Geo-PKO's own yearly figure comes first.
 */
export function mergeTroops(values: readonly (number | null)[]): {
  troops: number | null;
  troopsMin: number | null;
  troopsMax: number | null;
} {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return { troops: null, troopsMin: null, troopsMax: null };
  const sum = known.reduce((a, b) => a + b, 0);
  return {
    troops: Math.round(sum / known.length),
    troopsMin: Math.min(...known),
    troopsMax: Math.max(...known),
  };
}

/**
 * The troop figure of a base-year from its FrontMap rows: Geo-PKO's `ave.no.troops` when the
 * rows give one value for it; otherwise (no value, or rows that disagree because several
 * location rows were merged into one base) the rounded mean of the rows' NoTroops, marked
 * `fromMaps`. Unknown (null) when neither is known.
 */
export function yearlyTroops(
  rows: readonly { troops: number | null; aveTroops: number | null }[],
): {
  troops: number | null;
  troopsMin: number | null;
  troopsMax: number | null;
  fromMaps: boolean;
} {
  const spread = mergeTroops(rows.map((r) => r.troops));
  const aves = new Set(rows.map((r) => r.aveTroops).filter((v): v is number => v !== null));
  if (aves.size === 1) return { ...spread, troops: [...aves][0]!, fromMaps: false };
  return { ...spread, fromMaps: spread.troops !== null };
}

// ---------------------------------------------------------------------------------------------
// Input rows (validated by the pipeline)

/** Where a row came from, for rejects. */
export interface RowOrigin {
  source: string;
  line: number;
}

/** A validated location row of any Geo-PKO file. */
export interface LocationRow extends RowOrigin {
  mission: string;
  year: number;
  location: string;
  lat: number;
  lon: number;
}

/** A FrontMap row: one location in one year, from one source map. */
export interface YearlyRow extends LocationRow {
  country: string;
  troops: number | null;
  /** Geo-PKO's yearly figure of the location (`ave.no.troops`); null when absent or NA. */
  aveTroops: number | null;
  hq: HqLevel;
  unpol: boolean;
  unmo: boolean;
  units: UnitType[];
}

/** A monthly location row (Geo-PKO v2.0 or the official v2.1–v2.3 location file). */
export interface MonthlyRow extends LocationRow {
  country: string;
  month: number;
  /** Geo-PKO version of the file, e.g. "2.0", "2.3"; the newer version wins per mission-month. */
  version: string;
  troops: number | null;
  hq: HqLevel;
  unpol: boolean;
  unmo: boolean;
  tcc: string[];
  tccCount: number | null;
}

/** A TTMap row: unit types present. */
export interface UnitRow extends LocationRow {
  units: UnitType[];
}

/** A TCCMap row: contributing countries. */
export interface TccRow extends LocationRow {
  tcc: string[];
  tccCount: number | null;
}

/** A row the deployment rules could not use, with its reason code. */
export interface UnusedRow extends RowOrigin {
  reason: 'SUPERSEDED_ROW' | 'NO_MATCHING_BASE_YEAR';
  detail: string;
}

/** The deployment part of the dataset. */
export interface Deployments {
  bases: Base[];
  baseYears: BaseYear[];
  baseMonths: BaseMonth[];
  missions: Mission[];
  unused: UnusedRow[];
  /** Base-years whose troops came from several rows (the duplicate rule applied). */
  mergedBaseYears: number;
  /** Base-years with a known troop figure that is the mean of the maps (no Geo-PKO yearly figure). */
  troopsFromMaps: number;
}

// ---------------------------------------------------------------------------------------------
// Base identity

/** Assigns stable base ids; see {@link BASE_MATCH_KM}. */
export class BaseRegistry {
  private readonly byKey = new Map<string, Base[]>();
  private readonly ids = new Set<string>();
  readonly bases: Base[] = [];

  /** The existing base of a row, or undefined. */
  find(mission: string, location: string, lat: number, lon: number): Base | undefined {
    const list = this.byKey.get(`${mission}\u0000${locationKey(location)}`);
    return list?.find((b) => distanceKm(b.lat, b.lon, lat, lon) <= BASE_MATCH_KM);
  }

  /** The base of a row, created (with this row's coordinates) when it is new. */
  resolve(mission: string, location: string, country: string, lat: number, lon: number): Base {
    const found = this.find(mission, location, lat, lon);
    if (found) return found;
    const key = `${mission}\u0000${locationKey(location)}`;
    const stem = `${mission}:${locationSlug(location)}`;
    let id = stem;
    for (let k = 2; this.ids.has(id); k++) id = `${stem}~${k}`;
    const base: Base = {
      id,
      mission,
      location: fixMojibake(location).trim(),
      country: canonicalCountry(fixMojibake(country)),
      lat,
      lon,
      gid: gidOf(lat, lon),
    };
    this.ids.add(id);
    this.bases.push(base);
    const list = this.byKey.get(key);
    if (list) list.push(base);
    else this.byKey.set(key, [base]);
    return base;
  }
}

// ---------------------------------------------------------------------------------------------
// Assembly

const byYearThenOrigin = <T extends LocationRow & { month?: number }>(a: T, b: T): number =>
  a.year - b.year ||
  (a.month ?? 0) - (b.month ?? 0) ||
  (a.source < b.source ? -1 : a.source > b.source ? 1 : 0) ||
  a.line - b.line;

const unitOrder = (units: Iterable<string>): UnitType[] => {
  const set = new Set<string>(units);
  return UNIT_TYPES.filter((u) => set.has(u));
};

const maxHq = (levels: HqLevel[]): HqLevel => levels.reduce<HqLevel>((a, b) => (b > a ? b : a), 0);

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0 && Number.isFinite(d)) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Applies the deployment rules ({@link DEPLOYMENT_RULES}) to validated Geo-PKO rows. Output is
 * deterministic: bases sorted by id, base-years by (baseId, year), base-months by (baseId,
 * year, month), missions by id.
 */
export function buildDeployments(input: {
  yearly: readonly YearlyRow[];
  monthly?: readonly MonthlyRow[];
  units?: readonly UnitRow[];
  tcc?: readonly TccRow[];
}): Deployments {
  const registry = new BaseRegistry();
  const unused: UnusedRow[] = [];

  // 1. Yearly (FrontMap) rows → base-year groups.
  const yearlyGroups = new Map<string, { base: Base; year: number; rows: YearlyRow[] }>();
  for (const row of [...input.yearly].sort(byYearThenOrigin)) {
    const base = registry.resolve(row.mission, row.location, row.country, row.lat, row.lon);
    const k = `${base.id}\u0000${row.year}`;
    const g = yearlyGroups.get(k);
    if (g) g.rows.push(row);
    else yearlyGroups.set(k, { base, year: row.year, rows: [row] });
  }
  const yearlyMissionYears = new Set(input.yearly.map((r) => `${r.mission}\u0000${r.year}`));

  // 2. Monthly rows: the newest version per mission-month wins.
  const newest = new Map<string, string>();
  for (const r of input.monthly ?? []) {
    const k = `${r.mission}\u0000${r.year}\u0000${r.month}`;
    const v = newest.get(k);
    if (v === undefined || compareVersions(r.version, v) > 0) newest.set(k, r.version);
  }
  const monthly: MonthlyRow[] = [];
  for (const r of input.monthly ?? []) {
    const v = newest.get(`${r.mission}\u0000${r.year}\u0000${r.month}`);
    if (v !== r.version) {
      unused.push({
        source: r.source,
        line: r.line,
        reason: 'SUPERSEDED_ROW',
        detail: `${r.mission} ${r.year}-${String(r.month).padStart(2, '0')} is also in Geo-PKO ${v}`,
      });
    } else monthly.push(r);
  }
  monthly.sort(byYearThenOrigin);
  const monthGroups = new Map<string, { base: Base; rows: MonthlyRow[] }>();
  for (const row of monthly) {
    const base = registry.resolve(row.mission, row.location, row.country, row.lat, row.lon);
    const k = `${base.id}\u0000${row.year}\u0000${row.month}`;
    const g = monthGroups.get(k);
    if (g) g.rows.push(row);
    else monthGroups.set(k, { base, rows: [row] });
  }
  const baseMonths: BaseMonth[] = [...monthGroups.values()].map(({ base, rows }) => {
    const counts = rows.map((r) => r.tccCount).filter((c): c is number => c !== null);
    return {
      baseId: base.id,
      mission: base.mission,
      year: (rows[0] as MonthlyRow).year,
      month: (rows[0] as MonthlyRow).month,
      troops: mergeTroops(rows.map((r) => r.troops)).troops,
      // Several rows of one base-month: every country they name once, the largest count.
      tcc: mergeContributors(rows.flatMap((r) => r.tcc)),
      tccCount: counts.length ? Math.max(...counts) : null,
    };
  });

  // 3. Base-years from FrontMap.
  let mergedBaseYears = 0;
  const baseYears = new Map<string, BaseYear>();
  for (const [k, { base, year, rows }] of yearlyGroups) {
    const first = rows[0] as YearlyRow;
    const { troops, troopsMin, troopsMax, fromMaps } = yearlyTroops(rows);
    if (rows.length > 1) mergedBaseYears++;
    baseYears.set(k, {
      baseId: base.id,
      mission: base.mission,
      year,
      troops,
      troopsMin,
      troopsMax,
      troopsFromMaps: fromMaps,
      sourceRows: rows.length,
      hq: maxHq(rows.map((r) => r.hq)),
      unpol: rows.some((r) => r.unpol),
      unmo: rows.some((r) => r.unmo),
      units: unitOrder(rows.flatMap((r) => r.units)),
      tcc: [],
      tccCount: null,
      zeroTroops: troops === 0,
      lat: first.lat,
      lon: first.lon,
      gid: gidOf(first.lat, first.lon),
    });
  }

  // 4. Base-years from monthly rows for mission-years FrontMap does not cover.
  const monthlyYearGroups = new Map<string, { base: Base; rows: MonthlyRow[] }>();
  for (const row of monthly) {
    if (yearlyMissionYears.has(`${row.mission}\u0000${row.year}`)) continue;
    const base = registry.resolve(row.mission, row.location, row.country, row.lat, row.lon);
    const k = `${base.id}\u0000${row.year}`;
    const g = monthlyYearGroups.get(k);
    if (g) g.rows.push(row);
    else monthlyYearGroups.set(k, { base, rows: [row] });
  }
  for (const [k, { base, rows }] of monthlyYearGroups) {
    const first = rows[0] as MonthlyRow;
    const perMonth = new Map<number, (number | null)[]>();
    for (const r of rows) perMonth.set(r.month, [...(perMonth.get(r.month) ?? []), r.troops]);
    const monthTroops = [...perMonth.values()].map((v) => mergeTroops(v).troops);
    const { troops, troopsMin, troopsMax } = mergeTroops(monthTroops);
    const counts = rows.map((r) => r.tccCount).filter((c): c is number => c !== null);
    baseYears.set(k, {
      baseId: base.id,
      mission: base.mission,
      year: first.year,
      troops,
      troopsMin,
      troopsMax,
      troopsFromMaps: troops !== null,
      sourceRows: rows.length,
      hq: maxHq(rows.map((r) => r.hq)),
      unpol: rows.some((r) => r.unpol),
      unmo: rows.some((r) => r.unmo),
      units: [],
      tcc: mergeContributors(rows.flatMap((r) => r.tcc)),
      tccCount: counts.length ? Math.max(...counts) : null,
      zeroTroops: troops === 0,
      lat: first.lat,
      lon: first.lon,
      gid: gidOf(first.lat, first.lon),
    });
  }

  // 5. Unit types and contributing countries join their base-year.
  const attach = (row: LocationRow, what: string): BaseYear | undefined => {
    const base = registry.find(row.mission, row.location, row.lat, row.lon);
    const by = base && baseYears.get(`${base.id}\u0000${row.year}`);
    if (!by)
      unused.push({
        source: row.source,
        line: row.line,
        reason: 'NO_MATCHING_BASE_YEAR',
        detail: `${what}: no deployment row for ${row.mission} "${row.location}" ${row.year}`,
      });
    return by;
  };
  for (const row of input.units ?? []) {
    const by = attach(row, 'unit types');
    if (by) by.units = unitOrder([...by.units, ...row.units]);
  }
  for (const row of input.tcc ?? []) {
    const by = attach(row, 'contributing countries');
    if (!by) continue;
    by.tcc = mergeContributors([...by.tcc, ...row.tcc]);
    if (row.tccCount !== null) by.tccCount = Math.max(by.tccCount ?? 0, row.tccCount);
  }

  // 6. Missions.
  const missionAcc = new Map<
    string,
    { countries: Set<string>; years: Set<number>; bbox: [number, number, number, number] }
  >();
  const baseById = new Map(registry.bases.map((b) => [b.id, b]));
  for (const by of baseYears.values()) {
    const base = baseById.get(by.baseId) as Base;
    let m = missionAcc.get(by.mission);
    if (!m) {
      m = { countries: new Set(), years: new Set(), bbox: [by.lon, by.lat, by.lon, by.lat] };
      missionAcc.set(by.mission, m);
    }
    m.countries.add(base.country);
    m.years.add(by.year);
    m.bbox = [
      Math.min(m.bbox[0], by.lon),
      Math.min(m.bbox[1], by.lat),
      Math.max(m.bbox[2], by.lon),
      Math.max(m.bbox[3], by.lat),
    ];
  }
  const missions: Mission[] = [...missionAcc.entries()]
    .map(([id, m]) => ({
      id,
      countries: [...m.countries].sort(),
      years: [...m.years].sort((a, b) => a - b),
      bbox: m.bbox,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return {
    bases: [...registry.bases].sort((a, b) => cmpStr(a.id, b.id)),
    baseYears: [...baseYears.values()].sort(
      (a, b) => cmpStr(a.baseId, b.baseId) || a.year - b.year,
    ),
    baseMonths: baseMonths.sort(
      (a, b) => cmpStr(a.baseId, b.baseId) || a.year - b.year || a.month - b.month,
    ),
    missions,
    unused,
    mergedBaseYears,
    troopsFromMaps: [...baseYears.values()].filter((b) => b.troopsFromMaps).length,
  };
}
