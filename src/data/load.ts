/**
 * Browser loading of the built data (`public/data/`, served at `${BASE_URL}data/`): fetches the
 * dataset files with progress, decodes them, and turns every failure into a {@link DataLoadError}
 * that names the file and the command that fixes it.
 */
import {
  BASEMAP_FILES,
  decodePlaces,
  type BasemapCountryLabel,
  type BasemapPlace,
} from '../domain/basemap';
import type { FeatureCollection } from 'geojson';
import type { CellMonth, CellYearsPending, Dataset, Mission } from '../domain/dataset';
import type { OsvEvent } from '../domain/coverage';
import {
  DATA_FILES,
  DATASET_FILES,
  DataFormatError,
  cellYearTableFromRows,
  cellYearsOf,
  concatCellYearTables,
  datasetDecoder,
  decodeCellMonthTable,
  decodeCellYearTable,
  decodeMissions,
  withCellMonthTable,
  withCellMonthsPending,
  withCellYears,
} from '../domain/encoding';
import {
  CELL_YEAR_PARTS_INDEX,
  decodeCellYearPart,
  decodeCellYearPartsIndex,
  type CellYearPartsIndex,
} from '../domain/cellYearParts';
import { decodeOsvEvents, OSV_EVENTS_FILE } from '../domain/eventsEncoding';
import type { CellYearTable, RowTable } from '../domain/cellYearTable';
import {
  decodeGridFile,
  decodeGridIndex,
  decodeGridPart,
  GRID_BROWSER_FILES,
  GRID_PART_INDEX_FILES,
  type GridPartIndex,
  type GridPrecomputed,
} from '../domain/gridFile';

/** Loading progress. */
export interface LoadProgress {
  filesDone: number;
  filesTotal: number;
  bytesLoaded: number;
  /** Sum of the Content-Length headers known so far (null when a server sends none). */
  bytesTotal: number | null;
  /** The file being loaded last. */
  file: string;
}

export type LoadProblem = 'missing' | 'corrupt' | 'network';

/** Why the data could not be loaded, for the error screen. */
export class DataLoadError extends Error {
  readonly problem: LoadProblem;
  readonly file: string;
  /** The command that fixes it. */
  readonly fix: string;
  constructor(problem: LoadProblem, file: string, detail: string, fix = 'npm run data') {
    super(detail);
    this.name = 'DataLoadError';
    this.problem = problem;
    this.file = file;
    this.fix = fix;
  }
}

/** The optional basemap extras the app uses for labels and search. */
export interface BasemapData {
  /** FeatureCollection of countries (for the "no violence data" areas). */
  countries: FeatureCollection | null;
  countryLabels: BasemapCountryLabel[];
  places: BasemapPlace[];
}

/** No basemap extras (before they load, or when they are missing). */
export const EMPTY_BASEMAP: BasemapData = { countries: null, countryLabels: [], places: [] };

/** Everything the app loads before it shows the map. */
export interface LoadedData {
  /** URL folder the data came from (ends in `/`). */
  dataUrl: string;
  dataset: Dataset;
  basemap: BasemapData;
}

type Fetch = (url: string) => Promise<Response>;

async function readWithProgress(res: Response, onChunk: (bytes: number) => void): Promise<string> {
  if (!res.body) {
    const text = await res.text();
    onChunk(text.length);
    return text;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    onChunk(value.byteLength);
  }
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

async function fetchJson(
  fetchFn: Fetch,
  url: string,
  file: string,
  onHeaders: (bytes: number | null) => void,
  onChunk: (bytes: number) => void,
): Promise<unknown> {
  let res: Response;
  try {
    res = await fetchFn(url);
  } catch (e) {
    throw new DataLoadError(
      'network',
      file,
      `Could not reach ${url}: ${e instanceof Error ? e.message : String(e)}`,
      'npm start',
    );
  }
  if (res.status === 404)
    throw new DataLoadError(
      'missing',
      file,
      `${file} was not found (HTTP 404): the data has not been built.`,
    );
  if (!res.ok)
    throw new DataLoadError(
      'network',
      file,
      `${file}: the server answered HTTP ${res.status}.`,
      'npm start',
    );
  const len = res.headers.get('content-length');
  onHeaders(len !== null && /^\d+$/.test(len) ? Number(len) : null);
  const text = await readWithProgress(res, onChunk);
  // Vite's dev/preview server answers unknown paths with index.html (SPA fallback).
  if (/^\s*</.test(text))
    throw new DataLoadError('missing', file, `${file} was not found: the data has not been built.`);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new DataLoadError(
      'corrupt',
      file,
      `${file} is not valid JSON (${e instanceof Error ? e.message : String(e)}).`,
    );
  }
}

/** The URL folder of the data: `${import.meta.env.BASE_URL}data/`. */
export function defaultDataUrl(): string {
  return `${import.meta.env.BASE_URL}data/`;
}

/** Options of {@link loadDataset}. */
export interface LoadOptions {
  /**
   * Leave `cell_months.json` for later (the first frame does not draw it): the dataset comes
   * without cell-months and with `cellMonthsPending: { status: 'loading' }`;
   * {@link loadCellMonthTable} completes it.
   */
  deferCellMonths?: boolean;
  /**
   * The view the first frame draws, told the missions once `missions.json` is read: a mission
   * id, or 'all' for a view over every mission. Given a mission, only its host countries'
   * cell-years are loaded (`cell_years/index.json` and their part files) and the dataset says so
   * (`cellYearsPending`) unless that is every country; {@link loadCellYearTable} completes it.
   * Absent, 'all', a mission the index does not list, or a data folder without the index: the
   * whole `cell_years.json`.
   */
  firstView?: (missions: readonly Mission[]) => string | 'all';
}

/**
 * Fetches and decodes the dataset files under `baseUrl` (ending in `/`), reporting progress.
 * Rejects with a {@link DataLoadError}: `missing` (404: run `npm run data`), `corrupt`
 * (a {@link DataFormatError} from decoding) or `network`.
 */
export async function loadDataset(
  baseUrl: string,
  onProgress: (p: LoadProgress) => void = () => {},
  fetchFn: Fetch = (u) => fetch(u),
  options: LoadOptions = {},
): Promise<Dataset> {
  const { firstView } = options;
  const files = DATASET_FILES.filter(
    (f) =>
      !(options.deferCellMonths && f === DATA_FILES.cellMonths) &&
      !(firstView && f === DATA_FILES.cellYears),
  );
  const progress: LoadProgress = {
    filesDone: 0,
    filesTotal: files.length,
    bytesLoaded: 0,
    bytesTotal: 0,
    file: files[0] ?? '',
  };
  const report = (): void => onProgress({ ...progress });
  report();
  const fetchFile = async (file: string): Promise<unknown> => {
    const json = await fetchJson(
      fetchFn,
      `${baseUrl}${file}`,
      file,
      (bytes) => {
        progress.bytesTotal =
          bytes === null || progress.bytesTotal === null ? null : progress.bytesTotal + bytes;
        report();
      },
      (bytes) => {
        progress.bytesLoaded += bytes;
        progress.file = file;
        report();
      },
    );
    progress.filesDone++;
    progress.file = file;
    report();
    return json;
  };
  const more = (n: number): void => {
    progress.filesTotal += n;
    report();
  };
  // Each file is decoded as soon as it has arrived, while the larger ones are still loading;
  // the errors are those of decodeDataset for the same files.
  const decoder = datasetDecoder();
  let missionsRead: (raw: unknown) => void = () => {};
  const missionsJson = new Promise<unknown>((resolve) => (missionsRead = resolve));
  const [cellYears] = await Promise.all([
    firstView ? firstCellYears(firstView, missionsJson, fetchFile, more, decoder) : undefined,
    ...files.map(async (file) => {
      const json = await fetchFile(file);
      if (file === DATA_FILES.missions) missionsRead(json);
      decoder.add(file, json);
    }),
  ]);
  let dataset: Dataset;
  try {
    dataset = decoder.finish({
      cellMonthsPending: options.deferCellMonths ? { status: 'loading' } : undefined,
      cellYears,
    });
  } catch (e) {
    if (e instanceof DataFormatError) throw new DataLoadError('corrupt', e.file, e.message);
    throw e;
  }
  // Nothing to show without a mission: an error, not an empty map that reads as "no violence".
  if (dataset.missions.length === 0)
    throw new DataLoadError(
      'corrupt',
      DATA_FILES.missions,
      `${DATA_FILES.missions} lists no missions: the data build found no peacekeeping deployments.`,
    );
  return dataset;
}

/**
 * The cell-years of the first view (see {@link LoadOptions.firstView}): its mission's host
 * countries' part files merged, with what the dataset lacks; or, for 'all' and whenever the parts
 * cannot serve, the whole `cell_years.json` added to `decoder` (undefined is returned).
 */
async function firstCellYears(
  firstView: NonNullable<LoadOptions['firstView']>,
  missionsJson: Promise<unknown>,
  fetchFile: (file: string) => Promise<unknown>,
  more: (files: number) => void,
  decoder: ReturnType<typeof datasetDecoder>,
): Promise<{ table: CellYearTable; pending?: CellYearsPending } | undefined> {
  const whole = async (): Promise<undefined> => {
    more(1);
    decoder.add(DATA_FILES.cellYears, await fetchFile(DATA_FILES.cellYears));
    return undefined;
  };
  // A file that turns out not to be there is not counted (progress ends at all files done).
  const notServed = (e: unknown): boolean => {
    if (!(e instanceof DataLoadError && e.problem === 'missing')) return false;
    more(-1);
    return true;
  };
  more(1);
  let index: CellYearPartsIndex;
  try {
    index = decodeCellYearPartsIndex(await fetchFile(CELL_YEAR_PARTS_INDEX));
  } catch (e) {
    // A data folder built before the parts (or a story file): the whole file, as before.
    if (notServed(e)) return whole();
    if (e instanceof DataFormatError) throw new DataLoadError('corrupt', e.file, e.message);
    throw e;
  }
  let missions: Mission[];
  try {
    missions = decodeMissions(await missionsJson);
  } catch {
    return whole(); // the decoder reports the broken missions.json
  }
  const view = firstView(missions);
  const hosts = view === 'all' ? undefined : index.hosts.get(view);
  if (!hosts) return whole();
  const wanted = hosts.flatMap((c) => {
    const part = index.parts.get(c);
    return part ? [part] : [];
  });
  more(wanted.length);
  const settled = await Promise.allSettled(
    wanted.map(async ({ file, rows }) => {
      const json = await fetchFile(file);
      try {
        return decodeCellYearPart(json, file, rows);
      } catch (e) {
        if (e instanceof DataFormatError) throw new DataLoadError('corrupt', e.file, e.message);
        throw e;
      }
    }),
  );
  const tables: CellYearTable[] = [];
  let lost = false;
  for (const r of settled) {
    if (r.status === 'fulfilled') tables.push(r.value);
    else if (notServed(r.reason)) lost = true;
    else throw r.reason;
  }
  // A part listed but not served: the whole file instead.
  if (lost) return whole();
  const table = tables.length > 0 ? concatCellYearTables(tables) : cellYearTableFromRows([]);
  // The countries whose own cell-years are not all in (other parts may hold some of them).
  const ownLoaded = new Map<string, number>();
  for (let i = 0; i < table.length; i++) {
    const c = table.countries[table.country[i]!]!;
    ownLoaded.set(c, (ownLoaded.get(c) ?? 0) + 1);
  }
  const missing = [...index.parts]
    .filter(([c, p]) => (ownLoaded.get(c) ?? 0) < p.own)
    .map(([c]) => c);
  return missing.length === 0
    ? { table }
    : { table, pending: { status: 'loading', mission: view, missing } };
}

/**
 * Fetches and decodes the whole `cell_years.json` under `baseUrl`, to complete a dataset loaded
 * with {@link LoadOptions.firstView} (`withCellYears` in encoding.ts). Rejects with a
 * {@link DataLoadError} like {@link loadDataset}.
 */
export async function loadCellYearTable(
  baseUrl: string,
  fetchFn: Fetch = (u) => fetch(u),
): Promise<CellYearTable> {
  return loadOnDemand(baseUrl, DATA_FILES.cellYears, fetchFn, (json) => decodeCellYearTable(json));
}

/**
 * Fetches and decodes `cell_months.json` under `baseUrl`, to complete a dataset loaded with
 * `deferCellMonths` (`withCellMonthTable` in encoding.ts). Rejects with a {@link DataLoadError}
 * like {@link loadDataset}.
 */
export async function loadCellMonthTable(
  baseUrl: string,
  fetchFn: Fetch = (u) => fetch(u),
): Promise<RowTable<CellMonth>> {
  return loadOnDemand(baseUrl, DATA_FILES.cellMonths, fetchFn, decodeCellMonthTable);
}

/**
 * The dataset `ds` completed by a table loaded after its first frame ({@link loadCellYearTable},
 * {@link loadCellMonthTable}): a new dataset, or `ds` itself when that table was not pending.
 */
export function completeDataset(
  ds: Dataset,
  table: { cellYears: CellYearTable } | { cellMonths: RowTable<CellMonth> },
): Dataset {
  if ('cellYears' in table) return ds.cellYearsPending ? withCellYears(ds, table.cellYears) : ds;
  return ds.cellMonthsPending ? withCellMonthTable(ds, table.cellMonths) : ds;
}

/**
 * The dataset `ds` saying where its pending cell-years (`'cellYears'`) or cell-months stand: a
 * load started again ('loading') or failed ('failed', with the reason). `ds` itself when that
 * table is not pending.
 */
export function datasetPending(
  ds: Dataset,
  table: 'cellYears' | 'cellMonths',
  status: { status: 'loading' } | { status: 'failed'; detail: string },
): Dataset {
  if (table === 'cellMonths') return ds.cellMonthsPending ? withCellMonthsPending(ds, status) : ds;
  const p = ds.cellYearsPending;
  if (!p) return ds;
  return withCellYears(ds, cellYearsOf(ds), {
    ...status,
    mission: p.mission,
    missing: p.missing,
  });
}

/**
 * Completes a dataset loaded with `deferCellMonths`: fetches and decodes `cell_months.json` and
 * resolves to a new dataset with them. Never rejects: when the file cannot be loaded, the new
 * dataset says why (`cellMonthsPending: { status: 'failed', detail }`) and everything but the
 * monthly views keeps working.
 */
export async function loadCellMonths(
  baseUrl: string,
  dataset: Dataset,
  fetchFn: Fetch = (u) => fetch(u),
): Promise<Dataset> {
  try {
    return withCellMonthTable(dataset, await loadCellMonthTable(baseUrl, fetchFn));
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return withCellMonthsPending(dataset, { status: 'failed', detail });
  }
}

/** A GeoJSON FeatureCollection: an object of type "FeatureCollection" with a features list. */
function isFeatureCollection(v: unknown): v is FeatureCollection {
  return (
    typeof v === 'object' &&
    v !== null &&
    (v as { type?: unknown }).type === 'FeatureCollection' &&
    Array.isArray((v as { features?: unknown }).features)
  );
}

/**
 * Loads the basemap extras (countries, country labels, towns) and checks the borders the map
 * draws. They are optional: a missing or broken file (not JSON, or not the shape it should have)
 * gives empty data and a warning naming the file instead of failing the app.
 */
export async function loadBasemapData(
  baseUrl: string,
  fetchFn: Fetch = (u) => fetch(u),
): Promise<{ basemap: BasemapData; warnings: string[] }> {
  const warnings: string[] = [];
  const get = async (file: string): Promise<unknown> => {
    try {
      return await fetchJson(
        fetchFn,
        `${baseUrl}basemap/${file}`,
        `basemap/${file}`,
        () => {},
        () => {},
      );
    } catch (e) {
      warnings.push(e instanceof Error ? e.message : String(e));
      return null;
    }
  };
  const [countries, labels, places, borders] = await Promise.all([
    get(BASEMAP_FILES.countries),
    get(BASEMAP_FILES.countryLabels),
    get(BASEMAP_FILES.places),
    // The map loads the borders itself; read here too so that a broken file gets a notice.
    get(BASEMAP_FILES.borders),
  ]);
  const shapeWarning = (file: string, what: string, effect: string): void => {
    warnings.push(`basemap/${file} is not ${what}: ${effect}. Rebuild it with npm run data.`);
  };
  if (countries !== null && !isFeatureCollection(countries))
    shapeWarning(
      BASEMAP_FILES.countries,
      'a GeoJSON FeatureCollection',
      'countries without violence data are not shaded',
    );
  if (borders !== null && !isFeatureCollection(borders))
    shapeWarning(
      BASEMAP_FILES.borders,
      'a GeoJSON FeatureCollection',
      'the map may be drawn without borders',
    );
  if (labels !== null && !Array.isArray(labels))
    shapeWarning(BASEMAP_FILES.countryLabels, 'a list', 'the map has no country names');
  let decodedPlaces: BasemapPlace[] = [];
  if (places !== null) {
    try {
      decodedPlaces = decodePlaces(places);
    } catch (e) {
      warnings.push(e instanceof Error ? e.message : String(e));
    }
  }
  return {
    basemap: {
      countries: isFeatureCollection(countries) ? countries : null,
      countryLabels: Array.isArray(labels) ? (labels as BasemapCountryLabel[]) : [],
      places: decodedPlaces,
    },
    warnings,
  };
}

/**
 * Fetches and decodes `osv_events.json` (the events as points, for the coverage view) under
 * `baseUrl`. Loaded on demand, not with the dataset. Rejects with a {@link DataLoadError} like
 * {@link loadDataset}.
 */
export async function loadOsvEvents(
  baseUrl: string,
  fetchFn: Fetch = (u) => fetch(u),
): Promise<OsvEvent[]> {
  return loadOnDemand(baseUrl, OSV_EVENTS_FILE, fetchFn, decodeOsvEvents);
}

/**
 * Fetches `file` under `baseUrl` and decodes it; a format error becomes a 'corrupt'
 * {@link DataLoadError}, as fetch problems are 'missing' / 'network' ones.
 */
async function loadOnDemand<T>(
  baseUrl: string,
  file: string,
  fetchFn: Fetch,
  decode: (json: unknown) => T,
): Promise<T> {
  const json = await fetchJson(
    fetchFn,
    `${baseUrl}${file}`,
    file,
    () => {},
    () => {},
  );
  try {
    return decode(json);
  } catch (e) {
    if (e instanceof DataFormatError) throw new DataLoadError('corrupt', e.file, e.message);
    throw e;
  }
}

/**
 * Fetches and decodes the grid file of an H3 grid (`grid_h3r4.json`: hexagon-years and the
 * hexagon of each base coordinate) under `baseUrl`, loaded on the first switch to that grid.
 * Rejects with a {@link DataLoadError} like {@link loadDataset} ('missing' for a data folder
 * built before the grid files existed).
 */
export async function loadGridFile(
  baseUrl: string,
  id: keyof typeof GRID_BROWSER_FILES,
  fetchFn: Fetch = (u) => fetch(u),
): Promise<GridPrecomputed> {
  return loadOnDemand(baseUrl, GRID_BROWSER_FILES[id], fetchFn, (json) => decodeGridFile(json, id));
}

/**
 * Fetches and decodes the part index of an H3 grid (`grid_h3r5/index.json`: the hexagon of each
 * base coordinate and the part file of each country) under `baseUrl`. Rejects with a
 * {@link DataLoadError} like {@link loadGridFile} ('missing' for a data folder built before the
 * part files existed).
 */
export async function loadGridIndex(
  baseUrl: string,
  id: keyof typeof GRID_BROWSER_FILES,
  fetchFn: Fetch = (u) => fetch(u),
): Promise<GridPartIndex> {
  return loadOnDemand(baseUrl, GRID_PART_INDEX_FILES[id], fetchFn, (json) =>
    decodeGridIndex(json, id),
  );
}

/**
 * Fetches and decodes the part file of `country` listed in `index` (its hexagon-years, see
 * gridFile.ts) under `baseUrl`; null when the index lists no part for the country (no
 * hexagon-year and no base there). Rejects with a {@link DataLoadError} like
 * {@link loadGridFile}.
 */
export async function loadGridPart(
  baseUrl: string,
  index: GridPartIndex,
  country: string,
  fetchFn: Fetch = (u) => fetch(u),
): Promise<CellYearTable | null> {
  const file = index.parts.get(country);
  if (file === undefined) return null;
  return loadOnDemand(baseUrl, file, fetchFn, (json) =>
    decodeGridPart(json, index.grid, file, country),
  );
}
