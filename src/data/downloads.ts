/**
 * The content of every download (the app's Download menu and `npm run export` call the same
 * functions, so their files are identical byte for byte): the view's cells and bases, the
 * responsiveness table, the base changes and the gap list, each as a {@link Table} — column
 * definitions plus rows — written as CSV ({@link tableCsv}), GeoJSON ({@link tableGeoJson}, the
 * provenance as its `metadata` member) or Parquet ({@link tableParquet}, hyparquet-writer, the
 * provenance as key-value metadata), with the provenance sidecar ({@link Download.provenance}).
 *
 * Missing is never zero: a value that is not computed or not known is `null` and written empty
 * (CSV), `null` (GeoJSON) or a Parquet null.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import {
  nearestBaseIndex,
  troopBasesByYear,
  type NearestBaseIndex,
  type TroopBase,
} from '../domain/coverage';
import { csvLine } from '../domain/csv';
import type { PerpetratorFilter } from '../domain/dataset';
import { cellCentroid, cellPolygon } from '../domain/grid';
import type { LagParams, ResponsivenessBin } from '../domain/lagTypes';
import { monthOf } from '../domain/timeline';
import { lagCsvFileName } from '../domain/lagView';
import {
  makeProvenance,
  provenanceFileName,
  provenanceJson,
  type BuildInfo,
  type Provenance,
} from '../domain/provenance';
import type { AtlasData } from './atlasData';

/** A value of a table cell; null = not computed / not known. */
export type Value = string | number | boolean | null;

/** Parquet physical type of a column. */
export type ColumnType = 'STRING' | 'INT32' | 'DOUBLE' | 'BOOLEAN';

/** One column: its name, type and what it holds (copied into the provenance). */
export interface Column {
  name: string;
  type: ColumnType;
  description: string;
}

/** A table ready to be written in any format. */
export interface Table {
  columns: readonly Column[];
  rows: readonly (readonly Value[])[];
  /** [lon, lat] point or a closed ring per row, for GeoJSON; absent → no GeoJSON. */
  geometry?: readonly ({ point: [number, number] } | { ring: [number, number][] })[];
}

/** The tables of the Download menu. */
export type TableId =
  'cells' | 'bases' | 'responsiveness' | 'changes' | 'episodes' | 'monthly-episodes';

/** File formats. */
export type DownloadFormat = 'csv' | 'geojson' | 'parquet';

/** The formats of each table. */
export const TABLE_FORMATS: Readonly<Record<TableId, readonly DownloadFormat[]>> = {
  cells: ['csv', 'geojson', 'parquet'],
  bases: ['csv', 'geojson'],
  responsiveness: ['csv'],
  changes: ['csv'],
  episodes: ['csv'],
  'monthly-episodes': ['csv'],
};

/** What the view is: the mission and year shown, the perpetrator filter and lag parameters. */
export interface DownloadView {
  mission: string;
  year: number;
  /** The lag parameters, with the perpetrator filter of the view. */
  params: LagParams;
  /**
   * The World view's missions (empty: every mission with bases in the year); omitted or null in
   * the mission view. Only the bases table applies to it ({@link WORLD_TABLES}).
   */
  world?: readonly string[] | null;
}

/** The tables the World view offers: its bases (every other table is one mission's). */
export const WORLD_TABLES: readonly TableId[] = ['bases'];

/** Why a mission's table is not offered in the World view, in plain words. */
export const WORLD_TABLE_REASON =
  'computed for one mission: choose a mission (World tab) to download it';

/** Who makes the file: the build's provenance parts and the app version (package.json). */
export interface DownloadContext {
  build: BuildInfo;
  appVersion: string;
}

/** A file to save: its name, bytes or text, MIME type and its provenance. */
export interface Download {
  fileName: string;
  mime: string;
  content: string | Uint8Array;
  provenance: Provenance;
  /** `<name>.provenance.json`. */
  provenanceFileName: string;
  /** The sidecar's text ({@link provenanceJson}). */
  provenanceText: string;
}

// ---------------------------------------------------------------------------------------------
// Writers

/** A table as CSV: header, one line per row (csvField: no formula start), LF, trailing newline. */
export function tableCsv(t: Table): string {
  const lines = [csvLine(t.columns.map((c) => c.name))];
  for (const r of t.rows) lines.push(csvLine(r));
  return `${lines.join('\n')}\n`;
}

/**
 * A table as a GeoJSON FeatureCollection (RFC 7946; a foreign member `metadata` holds the
 * provenance): one feature per row, its properties the columns; compact JSON, trailing newline.
 */
export function tableGeoJson(t: Table, provenance: Provenance): string {
  const geometry = t.geometry;
  if (!geometry) throw new Error('this table has no geometry');
  const features = t.rows.map((r, i) => {
    const g = geometry[i]!;
    const properties: Record<string, Value> = {};
    t.columns.forEach((c, j) => (properties[c.name] = r[j] ?? null));
    return {
      type: 'Feature',
      geometry:
        'point' in g
          ? { type: 'Point', coordinates: g.point }
          : { type: 'Polygon', coordinates: [g.ring] },
      properties,
    };
  });
  return `${JSON.stringify({ type: 'FeatureCollection', metadata: provenance, features })}\n`;
}

/** Key of the provenance JSON in a Parquet file's key-value metadata. */
export const PARQUET_PROVENANCE_KEY = 'presence_atlas_provenance';

/**
 * A table as Parquet (hyparquet-writer, pure JavaScript, the same bytes in the browser and in
 * Node; nullable columns; the provenance JSON under {@link PARQUET_PROVENANCE_KEY}).
 */
export function tableParquet(t: Table, provenance: Provenance, appVersion: string): Uint8Array {
  const buf = parquetWriteBuffer({
    columnData: t.columns.map((c, j) => ({
      name: c.name,
      type: c.type,
      data: t.rows.map((r) => r[j] ?? null) as never,
      nullable: true,
    })),
    kvMetadata: [{ key: PARQUET_PROVENANCE_KEY, value: JSON.stringify(provenance) }],
    createdBy: `Presence Atlas ${appVersion}`,
  });
  return new Uint8Array(buf);
}

// ---------------------------------------------------------------------------------------------
// Tables

const int = (name: string, description: string): Column => ({ name, type: 'INT32', description });
const dbl = (name: string, description: string): Column => ({ name, type: 'DOUBLE', description });
const txt = (name: string, description: string): Column => ({ name, type: 'STRING', description });
const bool = (name: string, description: string): Column => ({
  name,
  type: 'BOOLEAN',
  description,
});

/** Columns of the cells table. */
export const CELL_COLUMNS: readonly Column[] = [
  txt('mission', 'Geo-PKO mission acronym of the view'),
  int('year', 'Calendar year of the view'),
  int('gid', 'PRIO-GRID cell id (0.5° × 0.5°)'),
  txt(
    'place',
    'Where the cell lies: the town in it or the distance from the nearest town, and the first-level administrative area of its GED events',
  ),
  txt('country', 'UCDP GED country with the most fatalities in the cell-year'),
  dbl('lat', 'Latitude of the cell centre (WGS 84)'),
  dbl('lon', 'Longitude of the cell centre (WGS 84)'),
  int('osv_deaths_best', 'One-sided violence deaths, all perpetrators, UCDP best estimate'),
  int('osv_deaths_low', 'One-sided violence deaths, all perpetrators, UCDP low estimate'),
  int('osv_deaths_high', 'One-sided violence deaths, all perpetrators, UCDP high estimate'),
  int('osv_events', 'One-sided violence events, all perpetrators'),
  int('state_deaths_best', 'Deaths by governments (state forces), best'),
  int('state_deaths_low', 'Deaths by governments, low'),
  int('state_deaths_high', 'Deaths by governments, high'),
  int('state_events', 'Events by governments'),
  int('nonstate_deaths_best', 'Deaths by non-state groups, best'),
  int('nonstate_deaths_low', 'Deaths by non-state groups, low'),
  int('nonstate_deaths_high', 'Deaths by non-state groups, high'),
  int('nonstate_events', 'Events by non-state groups'),
  txt(
    'nearest_troop_base',
    'The mission’s nearest base with troops (Geo-PKO figure > 0) that year, from the cell centre; empty when the mission had none',
  ),
  dbl(
    'km_to_nearest_troop_base',
    'Great-circle distance in km (2 decimals) from the cell centre to that base; empty when not computed',
  ),
  txt(
    'lag_category',
    'Lag category of the violence episode the cell-year belongs to under the parameters; NO_EPISODE when the year was analysed and the cell-year is below θ; empty when the year was not analysed',
  ),
  int('episode_onset', 'Onset year of that episode; empty without an episode'),
];

/** Columns of the bases table. */
export const BASE_COLUMNS: readonly Column[] = [
  txt('mission', 'Geo-PKO mission acronym'),
  int('year', 'Calendar year'),
  txt('base_id', 'Stable base id across years'),
  txt('location', 'Geo-PKO location name'),
  txt('country', 'Country of the base'),
  dbl('lat', 'Latitude that year (WGS 84)'),
  dbl('lon', 'Longitude that year (WGS 84)'),
  int('gid', 'PRIO-GRID cell of the base that year'),
  int(
    'troops',
    'Troops that year: Geo-PKO’s yearly figure (ave.no.troops), else the rounded mean of the year’s maps; empty when the source says NA',
  ),
  int('troops_min', 'Smallest single-map troop figure that year; empty when unknown'),
  int('troops_max', 'Largest single-map troop figure that year; empty when unknown'),
  bool(
    'troops_from_maps',
    'True when troops is the mean of the year’s maps (no Geo-PKO yearly figure)',
  ),
  txt('units', 'Unit types present, separated by "; "'),
  txt('contributors', 'Troop-contributing countries as Geo-PKO writes them, separated by "; "'),
  int('contributor_count', 'Number of contributing countries; empty when unknown'),
  int('hq', 'Geo-PKO HQ level: 0 none, 1 sector, 2 regional/sector, 3 mission HQ'),
  bool('unpol', 'UN police present'),
  bool('unmo', 'UN military observers present'),
  bool('zero_troops', 'A location with zero troops (police, observers or HQ only)'),
];

/** Columns of the responsiveness table. */
export const RESPONSIVENESS_COLUMNS: readonly Column[] = [
  txt('mission', 'Geo-PKO mission acronym'),
  txt('series', 'Perpetrator series: all, state, host, foreign, nonstate'),
  txt('bin', 'One-sided violence deaths in the cell-year (bin label)'),
  int('deaths_min', 'Smallest deaths in the bin'),
  int('deaths_max', 'Largest deaths in the bin; empty for the open top bin'),
  int('cell_years', 'Analysed cell-years in the bin'),
  int('enhanced', 'Of those, followed by enhanced presence in reach in the same or the next year'),
  dbl('share', 'enhanced / cell_years (4 decimals); empty for an empty bin'),
];

/** Columns of the base changes table. */
export const CHANGE_COLUMNS: readonly Column[] = [
  txt('mission', 'Geo-PKO mission acronym'),
  int('year', 'The year of the change (compared with the year before)'),
  txt('base_id', 'Stable base id'),
  txt('location', 'Geo-PKO location name'),
  txt('country', 'Country of the base'),
  txt('change', 'NEW, CLOSED, STRENGTHENED, REDUCED or UNCHANGED'),
  int(
    'troops_before',
    'Troops the year before on the basis of the change; empty when absent or unknown',
  ),
  int('troops_after', 'Troops this year on the same basis; empty when closed or unknown'),
  int(
    'delta',
    'troops_after − troops_before (an absent side counts 0); empty when a figure is unknown',
  ),
  txt('basis', 'Which figures troops_before / troops_after are'),
  bool('troops_unknown', 'A troop figure needed for the comparison is unknown (NA in the source)'),
  dbl('lat', 'Latitude (this year’s, the year before’s for CLOSED)'),
  dbl('lon', 'Longitude'),
];

/** The monthly lag analysis's episodes (Lag tab → Monthly; definitions in ARCHITECTURE.md). */
export const MONTHLY_EPISODE_COLUMNS: readonly Column[] = [
  txt('mission', 'Geo-PKO mission acronym'),
  int('gid', 'PRIO-GRID cell id'),
  dbl('lat', 'Latitude of the cell centre'),
  dbl('lon', 'Longitude of the cell centre'),
  txt('place', 'The cell named by its nearest town, as in the app'),
  txt('country', 'Country of the cell (that of its cell-year)'),
  txt('onset_month', 'First month of the episode (YYYY-MM)'),
  txt('end_month', 'Last month of the episode (YYYY-MM)'),
  int('fatalities', 'Civilians killed in the episode (GED best, for the perpetrator filter)'),
  txt('category', 'Monthly lag category (RESPONDED_SAME_MONTH, RESPONDED_LATE, …)'),
  int('lag_months', 'Months from the onset to the response map; empty without a response'),
  txt('response_month', 'The deployment map month of the response (YYYY-MM); empty without one'),
  txt(
    'map_at_onset',
    'The deployment map in force at the onset (YYYY-MM; the last map carried forward)',
  ),
  bool('map_carried_forward', 'No map in the onset month: the last earlier map is carried forward'),
  int('troops_at_onset', 'Troops in reach on that map (known figures only)'),
  bool('initial_deployment', 'The response is the mission’s first map'),
  bool('censored_start', 'Onset in the first analysed month (violence may have begun earlier)'),
];

/** A month index as `YYYY-MM`. */
function isoMonth(index: number): string {
  const { year, month } = monthOf(index);
  return `${year}-${String(month).padStart(2, '0')}`;
}

/**
 * The monthly episodes of the view's mission under its parameters (rings; W in years searched
 * as 12·W months), ranked as in the Lag tab; no rows where the mission has no map-level data.
 */
export function monthlyEpisodesTable(data: AtlasData, v: DownloadView): Table {
  const r = data.monthly.lag(v.mission, v.params, v.params.perpetrator);
  const rows: Value[][] = [];
  for (const e of r?.available ? r.episodes : []) {
    const [lon, lat] = cellCentroid(e.gid);
    rows.push([
      v.mission,
      e.gid,
      round4(lat),
      round4(lon),
      data.cellName(e.gid).name,
      e.country,
      isoMonth(e.onset),
      isoMonth(e.end),
      e.fatalities,
      e.category,
      e.lagMonths,
      e.response === null ? null : isoMonth(e.response),
      isoMonth(e.mapAtOnset),
      e.mapAtOnset !== e.onset,
      e.troopsAtOnset,
      e.initialDeployment,
      e.censoredStart,
    ]);
  }
  return { columns: MONTHLY_EPISODE_COLUMNS, rows };
}

/** The monthly run's left-out parts, in words (never zeros). */
function monthlyNotComputed(data: AtlasData, v: DownloadView): string[] {
  const r = data.monthly.lag(v.mission, v.params, v.params.perpetrator);
  if (data.monthly.pending !== null) return [`${v.mission}: ${data.monthly.pending}; not computed`];
  if (!r) return [`${v.mission}: unknown mission`];
  if (!r.available)
    return [`${v.mission}: no map-level (monthly) Geo-PKO data loaded; not computed`];
  return r.missing.map(
    (cy) => `${cy.country} ${cy.year}: violence data not loaded (excluded, not zero)`,
  );
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const round4 = (x: number): number => Math.round(x * 10000) / 10000;

/** Not-computed notes of a mission-year: its host countries without violence data. */
function missingCountries(data: AtlasData, mission: string, year: number): string[] {
  return data.sel
    .missionCoverage(mission, year)
    .missing.map((c) => `${c} ${year}: violence data not loaded (no cells, not zero)`);
}

/** The parameters every provenance of a view records. */
function viewParameters(v: DownloadView): Provenance['parameters'] {
  const p = v.params;
  if (v.world)
    return {
      view: 'world',
      missions: v.world.length === 0 ? 'all' : v.world.join(', '),
      year: v.year,
    };
  return {
    mission: v.mission,
    year: v.year,
    perpetrator: p.perpetrator,
    theta: p.theta,
    reach: p.reach,
    reach_km: p.reachKm ?? null,
    window: p.window,
    delta: p.delta,
    precision: p.precision,
    initial_deployment: p.initialDeployment,
  };
}

const safe = (s: string): string => s.replace(/[^A-Za-z0-9_-]+/g, '_');

/** The nearest-troop-base search of a mission-year (the coverage view's, `src/domain/coverage`). */
function troopIndex(data: AtlasData, mission: string, year: number): NearestBaseIndex {
  const bases: TroopBase[] = troopBasesByYear(data.dataset.baseYears, mission).get(year) ?? [];
  return nearestBaseIndex(bases);
}

/**
 * The cells of the view: every cell-year of `year` with at least one one-sided-violence event in
 * the mission's host countries that have violence data (`sel.osvCellYears`), in cell-id order,
 * with deaths by perpetrator class, the distance from the cell centre to the mission's nearest
 * troop base that year and the cell-year's lag category under the view's parameters.
 */
export function cellsTable(data: AtlasData, v: DownloadView): Table {
  const cells = [...data.sel.osvCellYears(v.mission, v.year)].sort((a, b) => a.gid - b.gid);
  const index = troopIndex(data, v.mission, v.year);
  const names = new Map(data.dataset.bases.map((b) => [b.id, b.location]));
  const result = data.lag.result(v.mission, v.params);
  const analysed = new Set(result?.summary.analysedYears ?? []);
  const episodeOf = new Map<number, { category: string; onset: number }>();
  for (const e of result?.episodes ?? [])
    if (e.onsetYear <= v.year && v.year <= e.endYear)
      episodeOf.set(e.gid, { category: e.category, onset: e.onsetYear });
  const rows: Value[][] = [];
  const geometry: NonNullable<Table['geometry']>[number][] = [];
  for (const c of cells) {
    const [lon, lat] = cellCentroid(c.gid);
    const hit = index.nearest(lon, lat);
    const ep = episodeOf.get(c.gid);
    rows.push([
      v.mission,
      v.year,
      c.gid,
      data.cellName(c.gid).name,
      c.country,
      lat,
      lon,
      c.osv.best,
      c.osv.low,
      c.osv.high,
      c.osv.events,
      c.osvState.best,
      c.osvState.low,
      c.osvState.high,
      c.osvState.events,
      c.osvNonState.best,
      c.osvNonState.low,
      c.osvNonState.high,
      c.osvNonState.events,
      hit ? (names.get(hit.base.baseId) ?? hit.base.baseId) : null,
      hit ? round2(hit.km) : null,
      ep ? ep.category : analysed.has(v.year) ? 'NO_EPISODE' : null,
      ep ? ep.onset : null,
    ]);
    geometry.push({ ring: cellPolygon(c.gid).map(([x, y]) => [x, y] as [number, number]) });
  }
  return { columns: CELL_COLUMNS, rows, geometry };
}

/**
 * The mission's bases in the year (Geo-PKO locations), in base-id order; in the World view every
 * chosen mission's (the `mission` column tells them apart).
 */
export function basesTable(data: AtlasData, v: DownloadView): Table {
  const of = v.world ? data.dep.worldBases(v.year, v.world) : data.sel.basesOf(v.mission, v.year);
  const views = [...of].sort((a, b) =>
    a.base.id < b.base.id ? -1 : a.base.id > b.base.id ? 1 : 0,
  );
  const rows: Value[][] = views.map(({ base, by }) => [
    by.mission,
    by.year,
    base.id,
    base.location,
    base.country,
    by.lat,
    by.lon,
    by.gid,
    by.troops,
    by.troopsMin,
    by.troopsMax,
    by.troopsFromMaps,
    by.units.join('; '),
    by.tcc.join('; '),
    by.tccCount,
    by.hq,
    by.unpol,
    by.unmo,
    by.zeroTroops,
  ]);
  return {
    columns: BASE_COLUMNS,
    rows,
    geometry: views.map(({ by }) => ({ point: [by.lon, by.lat] as [number, number] })),
  };
}

const SERIES: readonly ('all' | 'state' | 'host' | 'foreign' | 'nonstate')[] = [
  'all',
  'state',
  'host',
  'foreign',
  'nonstate',
];

/** The responsiveness table of the mission under the view's parameters (every series and bin). */
export function responsivenessTable(data: AtlasData, v: DownloadView): Table {
  const r = data.lag.result(v.mission, v.params);
  const rows: Value[][] = [];
  if (r) {
    for (const s of SERIES) {
      r.responsiveness[s].forEach((b: ResponsivenessBin) =>
        rows.push([
          v.mission,
          s,
          b.label,
          b.min,
          Number.isFinite(b.max) ? b.max : null,
          b.cellYears,
          b.enhanced,
          b.share === null ? null : round4(b.share),
        ]),
      );
    }
  }
  return { columns: RESPONSIVENESS_COLUMNS, rows };
}

/** The base changes of the year (the Changes tab's list), in the list's order. */
export function changesTable(data: AtlasData, v: DownloadView): Table {
  const rows: Value[][] = data.tsel
    .changes(v.mission, v.year)
    .map((c) => [
      c.mission,
      c.year,
      c.baseId,
      c.location,
      c.country,
      c.kind,
      c.troopsBefore,
      c.troopsAfter,
      c.delta,
      c.basis,
      c.troopsUnknown,
      c.lat,
      c.lon,
    ]);
  return { columns: CHANGE_COLUMNS, rows };
}

const TABLE_TEXT: Record<TableId, { title: string; description: (v: DownloadView) => string }> = {
  cells: {
    title: 'Cells of the view',
    description: (v) =>
      `PRIO-GRID cells with at least one one-sided-violence event (UCDP GED, type 3) in ${v.year} in the host countries of ${v.mission} that have violence data; deaths are UCDP best/low/high by perpetrator class (all perpetrators, location precision not applied); distance to the nearest base of ${v.mission} with troops that year; lag category under the parameters.`,
  },
  bases: {
    title: 'Bases of the view',
    description: (v) =>
      `Geo-PKO locations of ${worldOrMission(v)} in ${v.year} (one row per base after the duplicate-row rule), with troops, the range of the year’s map figures, units and contributing countries.`,
  },
  responsiveness: {
    title: 'Responsiveness table',
    description: (v) =>
      `Cell-years of ${v.mission} by one-sided-violence deaths (bins) and perpetrator series, and how many were followed by enhanced presence in reach in the same or the next year (research brief figures 2–3), under the parameters.`,
  },
  changes: {
    title: 'Base changes',
    description: (v) =>
      `Changes of the bases of ${v.mission} in ${v.year} against ${v.year - 1} (new, closed, strengthened, reduced, unchanged).`,
  },
  'monthly-episodes': {
    title: 'Monthly episodes (map to map)',
    description: (v) =>
      `Every monthly violence episode of ${v.mission} where Geo-PKO's map-level data covers the mission: responses found map to map (the last map carried forward between maps), lag in months, under the parameters (reach in rings; W years searched as 12·W months; location precision not applied).`,
  },
  episodes: {
    title: 'Gap list (violence episodes)',
    description: (v) =>
      `Every violence episode of ${v.mission} under the parameters, with its lag category (the Lag tab’s gap list, the same as \`npm run analyze\`).`,
  },
};

function worldOrMission(v: DownloadView): string {
  if (!v.world) return v.mission;
  return v.world.length === 0
    ? 'every mission with bases (World view)'
    : `${v.world.join(', ')} (World view)`;
}

/** The table's title in the menu. */
export function tableTitle(id: TableId): string {
  return TABLE_TEXT[id].title;
}

/** The file name of a table of a view: `cells_MINUSCA_2017_all.csv`. */
export function downloadFileName(id: TableId, v: DownloadView, format: DownloadFormat): string {
  if (id === 'episodes') return lagCsvFileName(v.mission, v.params);
  const ext = format === 'geojson' ? 'geojson' : format;
  const m = safe(v.mission);
  const perp: PerpetratorFilter = v.params.perpetrator;
  switch (id) {
    case 'cells':
      return `cells_${m}_${v.year}_${perp}.${ext}`;
    case 'bases':
      return v.world ? `bases_world_${v.year}.${ext}` : `bases_${m}_${v.year}.${ext}`;
    case 'responsiveness':
      return `responsiveness_${m}_${perp}.${ext}`;
    case 'changes':
      return `changes_${m}_${v.year}.${ext}`;
    case 'monthly-episodes':
      return `monthly_episodes_${m}_${perp}.${ext}`;
  }
}

const MIME: Record<DownloadFormat, string> = {
  csv: 'text/csv',
  geojson: 'application/geo+json',
  parquet: 'application/vnd.apache.parquet',
};

/**
 * A table of the view as a file with its provenance: the one function behind the Download menu
 * and `npm run export`. Throws for a format the table does not have.
 */
export function buildDownload(
  data: AtlasData,
  id: TableId,
  v: DownloadView,
  format: DownloadFormat,
  ctx: DownloadContext,
): Download {
  if (!TABLE_FORMATS[id].includes(format))
    throw new Error(`the ${id} table has no ${format} format (${TABLE_FORMATS[id].join(', ')})`);
  if (v.world && !WORLD_TABLES.includes(id))
    throw new Error(`the ${id} table is ${WORLD_TABLE_REASON}`);
  const fileName = downloadFileName(id, v, format);
  const files = TABLE_FORMATS[id].map((f) => downloadFileName(id, v, f));
  const text = TABLE_TEXT[id];
  const notComputed =
    id === 'responsiveness' || id === 'episodes' || id === 'monthly-episodes' || v.world
      ? []
      : missingCountries(data, v.mission, v.year);
  if (id === 'episodes') {
    const provenance = makeProvenance(
      {
        table: text.title,
        description: text.description(v),
        files,
        parameters: viewParameters(v),
        columns: [],
        notComputed: lagNotComputed(data, v),
      },
      ctx.build,
      ctx.appVersion,
    );
    return finish(fileName, 'csv', data.lag.csv(v.mission, v.params), provenance);
  }
  const table =
    id === 'cells'
      ? cellsTable(data, v)
      : id === 'bases'
        ? basesTable(data, v)
        : id === 'responsiveness'
          ? responsivenessTable(data, v)
          : id === 'changes'
            ? changesTable(data, v)
            : monthlyEpisodesTable(data, v);
  const provenance = makeProvenance(
    {
      table: text.title,
      description: text.description(v),
      files,
      parameters: viewParameters(v),
      columns: table.columns.map((c) => ({ name: c.name, description: c.description })),
      notComputed:
        id === 'responsiveness'
          ? lagNotComputed(data, v)
          : id === 'monthly-episodes'
            ? monthlyNotComputed(data, v)
            : notComputed,
    },
    ctx.build,
    ctx.appVersion,
  );
  const content =
    format === 'csv'
      ? tableCsv(table)
      : format === 'geojson'
        ? tableGeoJson(table, provenance)
        : tableParquet(table, provenance, ctx.appVersion);
  return finish(fileName, format, content, provenance);
}

/** The lag run's excluded country-years, in words. */
function lagNotComputed(data: AtlasData, v: DownloadView): string[] {
  const r = data.lag.result(v.mission, v.params);
  if (!r) return [`${v.mission}: unknown mission`];
  return r.summary.missingViolenceData.map(
    (cy) => `${cy.country} ${cy.year}: violence data not loaded (excluded, not zero)`,
  );
}

function finish(
  fileName: string,
  format: DownloadFormat,
  content: string | Uint8Array,
  provenance: Provenance,
): Download {
  return {
    fileName,
    mime: MIME[format],
    content,
    provenance,
    provenanceFileName: provenanceFileName(fileName),
    provenanceText: provenanceJson(provenance),
  };
}

/** The provenance of a full table the data build wrote (`export/cell_years.csv`, …). */
export function fullTableProvenance(path: string, ctx: DownloadContext): Download['provenance'] {
  return makeProvenance(
    {
      table: path,
      description:
        'A full table written by the data build (`npm run data`): every cell-year with one-sided violence, or every base-year, of the whole build. Columns as in ARCHITECTURE.md, “Output”.',
      files: [path],
      parameters: {},
      columns: [],
    },
    ctx.build,
    ctx.appVersion,
  );
}
