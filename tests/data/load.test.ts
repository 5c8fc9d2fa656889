import { describe, expect, it } from 'vitest';
import {
  DataLoadError,
  loadBasemapData,
  completeDataset,
  datasetPending,
  loadCellMonthTable,
  loadCellMonths,
  loadCellYearTable,
  loadDataset,
  loadGridFile,
  loadGridIndex,
  loadGridPart,
  type LoadProgress,
} from '../../src/data/load';
import { DEFAULT_LAG_PARAMS } from '../../src/domain/lag';
import { encodeGridFile, encodeGridParts } from '../../src/domain/gridFile';
import { h3Grid } from '../../src/domain/h3Grid';
import { DATASET_FILES, DATA_FILES, encodeDataset } from '../../src/domain/encoding';
import { atlasData } from '../../src/data/atlasData';
import { datasetOrigin } from '../../src/domain/cellYearTable';
import { prepareLagIndex } from '../../src/domain/lagIndex';
import { cellYearsCover, type CellMonth } from '../../src/domain/dataset';
import {
  CAMEROON,
  CAR,
  DRC,
  SOUTH_SUDAN,
  partsDataset,
  partsFiles,
} from '../fixtures/partsDataset';
import { gidOf } from '../../src/domain/grid';
import { base, baseYear, cellYear, carCell, dataset } from '../fixtures/factories';

const b = base({ location: 'Bangui' });
/** One cell-month of the one cell-year: March 2014, 2 killed by the state, 5 by others. */
const MARCH: CellMonth = {
  gid: carCell(),
  year: 2014,
  month: 3,
  osvBest: 7,
  osvStateBest: 2,
  osvNonStateBest: 5,
  osvForeignBest: 0,
  osvStateLow: 2,
  osvStateHigh: 3,
  osvNonStateLow: 5,
  osvNonStateHigh: 6,
};
const ds = dataset({
  bases: [b],
  baseYears: [baseYear(b, 2014, { troops: 900 })],
  cellYears: [cellYear({ gid: carCell(), year: 2014, state: 2, nonstate: 5 })],
  cellMonths: [MARCH],
});

/** A fake server: file name → body (string) or HTTP status. */
function fakeFetch(files: Record<string, string | number>) {
  const seen: string[] = [];
  const fetchFn = async (url: string): Promise<Response> => {
    seen.push(url);
    const name = url.replace(/^\/data\//, '');
    const body = files[name];
    if (body === undefined) return new Response('<!doctype html><html></html>', { status: 200 });
    if (typeof body === 'number') return new Response('nope', { status: body });
    return new Response(body, { status: 200, headers: { 'content-length': String(body.length) } });
  };
  return { fetchFn, seen };
}

function encodedFiles(): Record<string, string> {
  const enc = encodeDataset(ds);
  return Object.fromEntries(DATASET_FILES.map((f) => [f, JSON.stringify(enc[f])]));
}

describe('loadDataset', () => {
  it('loads and decodes every dataset file, reporting progress up to all files', async () => {
    const { fetchFn, seen } = fakeFetch(encodedFiles());
    const progress: LoadProgress[] = [];
    const loaded = await loadDataset('/data/', (p) => progress.push(p), fetchFn);
    expect(loaded.baseYears[0]?.troops).toBe(900);
    expect(loaded.cellYears[0]?.osv.best).toBe(7);
    expect(seen.sort()).toEqual(DATASET_FILES.map((f) => `/data/${f}`).sort());
    const last = progress[progress.length - 1]!;
    expect(last.filesDone).toBe(DATASET_FILES.length);
    expect(last.bytesLoaded).toBe(last.bytesTotal);
    expect(last.bytesLoaded).toBeGreaterThan(0);
  });

  it('a 404 is "missing" and names the file and npm run data', async () => {
    const files: Record<string, string | number> = encodedFiles();
    files[DATA_FILES.cellYears] = 404;
    const err = await loadDataset('/data/', () => {}, fakeFetch(files).fetchFn).catch((e) => e);
    expect(err).toBeInstanceOf(DataLoadError);
    expect(err).toMatchObject({
      problem: 'missing',
      file: DATA_FILES.cellYears,
      fix: 'npm run data',
    });
  });

  it('the SPA fallback page (HTML instead of JSON) is "missing" too', async () => {
    const files: Record<string, string | number> = encodedFiles();
    delete files[DATA_FILES.bases];
    const err = await loadDataset('/data/', () => {}, fakeFetch(files).fetchFn).catch((e) => e);
    expect(err).toMatchObject({ problem: 'missing', file: DATA_FILES.bases });
  });

  it('bad JSON or a bad table is "corrupt" and names the file', async () => {
    const files: Record<string, string | number> = encodedFiles();
    files[DATA_FILES.missions] = '{"table":';
    const e1 = await loadDataset('/data/', () => {}, fakeFetch(files).fetchFn).catch((e) => e);
    expect(e1).toMatchObject({ problem: 'corrupt', file: DATA_FILES.missions });
    files[DATA_FILES.missions] = '{"table":"missions","version":99}';
    const e2 = await loadDataset('/data/', () => {}, fakeFetch(files).fetchFn).catch((e) => e);
    expect(e2).toMatchObject({ problem: 'corrupt', file: DATA_FILES.missions });
    expect(String(e2.message)).toMatch(/missions/);
  });

  it('a network failure is "network"', async () => {
    const err = await loadDataset(
      '/data/',
      () => {},
      async () => {
        throw new TypeError('Failed to fetch');
      },
    ).catch((e) => e);
    expect(err).toMatchObject({ problem: 'network' });
  });
});

describe('cell-months after the first frame', () => {
  it('deferCellMonths loads everything but cell_months.json, and says the months are loading', async () => {
    const { fetchFn, seen } = fakeFetch(encodedFiles());
    const progress: LoadProgress[] = [];
    const partial = await loadDataset('/data/', (p) => progress.push(p), fetchFn, {
      deferCellMonths: true,
    });
    const others = DATASET_FILES.filter((f) => f !== DATA_FILES.cellMonths);
    expect(seen.sort()).toEqual(others.map((f) => `/data/${f}`).sort());
    expect(progress.at(-1)!.filesDone).toBe(others.length);
    expect(progress.at(-1)!.filesTotal).toBe(others.length);
    expect(partial.cellMonths).toEqual([]);
    expect(partial.cellMonthsPending).toEqual({ status: 'loading' });
    expect(partial.cellYears[0]?.osv.best).toBe(7);
    // The monthly figures say why they are missing instead of computing from an empty table.
    const data = atlasData(partial);
    expect(data.monthly.pending).toMatch(/still loading/);
    expect(data.monthly.series('MINUSCA')).toBeNull();
    expect(data.monthly.lag('MINUSCA', { ...DEFAULT_LAG_PARAMS }, 'all')).toBeNull();
    // Whether the timeline offers months is known from the cell-years alone.
    expect(data.tsel.monthSteps('MINUSCA').available).toBe(true);
  });

  it('loadCellMonths completes a new dataset and leaves the first one as it was', async () => {
    const { fetchFn } = fakeFetch(encodedFiles());
    const partial = await loadDataset('/data/', () => {}, fetchFn, { deferCellMonths: true });
    const { fetchFn: later, seen } = fakeFetch(encodedFiles());
    const full = await loadCellMonths('/data/', partial, later);
    expect(seen).toEqual([`/data/${DATA_FILES.cellMonths}`]);
    expect(full).not.toBe(partial);
    expect(full.cellMonthsPending).toBeUndefined();
    expect(full.cellMonths).toEqual([MARCH]);
    expect(full.cellYears).toEqual(partial.cellYears);
    expect(full.bases).toBe(partial.bases);
    expect(partial.cellMonths).toEqual([]);
    expect(partial.cellMonthsPending).toEqual({ status: 'loading' });
    // What does not read the cell-months is not built again when they arrive.
    expect(prepareLagIndex(full, 'MINUSCA')).toBe(prepareLagIndex(partial, 'MINUSCA'));
    expect(datasetOrigin(full)).toBe(partial);
    const data = atlasData(full);
    expect(data.monthly.pending).toBeNull();
    expect(data.monthly.series('MINUSCA')).not.toBeNull();
    expect(data.tsel.cellsOfMonth(2014 * 12 + 2, 'all', ['Central African Republic'])).toEqual([
      { gid: carCell(), year: 2014, month: 3, value: 7 },
    ]);
  });

  it('a missing or damaged cell_months.json gives a dataset that says so, never a rejection', async () => {
    const { fetchFn } = fakeFetch(encodedFiles());
    const partial = await loadDataset('/data/', () => {}, fetchFn, { deferCellMonths: true });
    const missing = await loadCellMonths(
      '/data/',
      partial,
      fakeFetch({ [DATA_FILES.cellMonths]: 404 }).fetchFn,
    );
    expect(missing.cellMonthsPending).toMatchObject({ status: 'failed' });
    expect(missing.cellMonthsPending).toHaveProperty(
      'detail',
      expect.stringMatching(/cell_months\.json was not found/),
    );
    const broken = await loadCellMonths(
      '/data/',
      partial,
      fakeFetch({ [DATA_FILES.cellMonths]: '{"columns": 3}' }).fetchFn,
    );
    expect(broken.cellMonthsPending).toMatchObject({ status: 'failed' });
    expect(atlasData(broken).monthly.pending).toMatch(/could not be loaded \(.*cell_months/);
    expect(atlasData(broken).monthly.lag('MINUSCA', { ...DEFAULT_LAG_PARAMS }, 'all')).toBeNull();
  });
});

describe('cell-years of the first view first', () => {
  const full = partsDataset();
  const files = partsFiles(full);
  const minuscaHosts = [CAMEROON, CAR];
  const first = (view: string | 'all', served: Record<string, string | number> = files) => {
    const { fetchFn, seen } = fakeFetch(served);
    const progress: LoadProgress[] = [];
    const loaded = loadDataset('/data/', (p) => progress.push(p), fetchFn, {
      deferCellMonths: true,
      firstView: () => view,
    });
    return { loaded, seen, progress };
  };

  it('loads the index and the parts of the mission’s host countries only, and says the rest is loading', async () => {
    const { loaded, seen, progress } = first('MINUSCA');
    const partial = await loaded;
    const cellFiles = seen.filter((u) => u.includes('cell_years'));
    expect(cellFiles.sort()).toEqual([
      '/data/cell_years/cameroon.json',
      '/data/cell_years/central-african-republic.json',
      '/data/cell_years/index.json',
    ]);
    expect(progress.at(-1)!.filesDone).toBe(progress.at(-1)!.filesTotal);
    // Every year of the cells of the CAR and Cameroon (the border cell's DR Congo year, the Obo
    // base's South Sudan one); not Goma's cell nor South Sudan's own.
    const elsewhere = [gidOf(-1.7, 29.2), gidOf(7.1, 29.9)];
    expect(partial.cellYears).toEqual(full.cellYears.filter((c) => !elsewhere.includes(c.gid)));
    expect(partial.cellYears.length).toBe(7);
    expect(partial.cellYearsPending).toEqual({
      status: 'loading',
      mission: 'MINUSCA',
      missing: [DRC, SOUTH_SUDAN],
    });
    expect(cellYearsCover(partial, minuscaHosts)).toBe(true);
    expect(cellYearsCover(partial, [DRC])).toBe(false);
    expect(cellYearsCover(partial, 'all')).toBe(false);
    // The rest: the whole cell_years.json, and then the dataset is complete.
    const { fetchFn, seen: later } = fakeFetch(files);
    const cellYears = await loadCellYearTable('/data/', fetchFn);
    expect(later).toEqual(['/data/cell_years.json']);
    const complete = completeDataset(partial, { cellYears });
    expect(complete.cellYearsPending).toBeUndefined();
    expect(complete.cellYears).toEqual(full.cellYears);
    expect(cellYearsCover(complete, 'all')).toBe(true);
    // The cell-months still pending, and the caches that read the cell-years start again.
    expect(complete.cellMonthsPending).toEqual({ status: 'loading' });
    expect(datasetOrigin(complete)).toBe(complete);
    expect(completeDataset(complete, { cellYears })).toBe(complete);
  });

  it('the cell-months arriving first keep the cell-years pending (either order completes it)', async () => {
    const partial = await first('MINUSCA').loaded;
    const months = await loadCellMonthTable('/data/', fakeFetch(files).fetchFn);
    const withMonths = completeDataset(partial, { cellMonths: months });
    expect(withMonths.cellMonthsPending).toBeUndefined();
    expect(withMonths.cellYearsPending).toEqual(partial.cellYearsPending);
    // The cell-years are the same table: the lag index survives the months.
    expect(prepareLagIndex(withMonths, 'MINUSCA')).toBe(prepareLagIndex(partial, 'MINUSCA'));
    const cellYears = await loadCellYearTable('/data/', fakeFetch(files).fetchFn);
    const both = completeDataset(withMonths, { cellYears });
    expect(both.cellYearsPending).toBeUndefined();
    expect(both.cellMonthsPending).toBeUndefined();
  });

  it('a cell-month of a country not loaded yet is not the mission’s, and not counted as unplaced', async () => {
    const month = (gid: number): CellMonth => ({ ...MARCH, gid, year: 2015 });
    // March 2015 in the CAR (Bangui's cell) and in DR Congo (Goma's, not in MINUSCA's parts).
    const withMonths = { ...full, cellMonths: [month(carCell()), month(gidOf(-1.7, 29.2))] };
    const served = partsFiles(withMonths);
    const { fetchFn } = fakeFetch(served);
    const partial = await loadDataset('/data/', () => {}, fetchFn, {
      firstView: () => 'MINUSCA',
    });
    expect(partial.cellYearsPending?.missing).toEqual([DRC, SOUTH_SUDAN]);
    const series = atlasData(partial).monthly.series('MINUSCA')!;
    expect(series.unplaced).toBe(0);
    // The CAR's March 2015 is counted: 2 killed by the state, 5 by others (MARCH's figures).
    const mar = series.rows.find((r) => r.year === 2015 && r.month === 3);
    expect(mar?.state?.best).toBe(2);
    expect(mar?.nonstate?.best).toBe(5);
  });

  it('a failed rest says why and keeps what the first frame had; a new try says loading again', async () => {
    const partial = await first('MINUSCA').loaded;
    const err = await loadCellYearTable('/data/', fakeFetch({}).fetchFn).catch((e) => e);
    expect(err).toBeInstanceOf(DataLoadError);
    const failed = datasetPending(partial, 'cellYears', { status: 'failed', detail: err.message });
    expect(failed.cellYearsPending).toEqual({
      status: 'failed',
      mission: 'MINUSCA',
      missing: [DRC, SOUTH_SUDAN],
      detail: expect.stringMatching(/cell_years\.json was not found/),
    });
    expect(failed.cellYears).toEqual(partial.cellYears);
    expect(datasetPending(failed, 'cellYears', { status: 'loading' }).cellYearsPending).toEqual({
      status: 'loading',
      mission: 'MINUSCA',
      missing: [DRC, SOUTH_SUDAN],
    });
    expect(datasetPending(full, 'cellYears', { status: 'loading' })).toBe(full);
  });

  it('loads the whole file for a view over every mission, a data folder without the index, or an unknown mission', async () => {
    for (const [view, served] of [
      ['all', files],
      ['MINUSCA', { ...files, 'cell_years/index.json': 404 }],
      ['NOPE', files],
    ] as const) {
      const { loaded, seen } = first(view, served);
      const ds = await loaded;
      expect(seen).toContain('/data/cell_years.json');
      expect(seen.filter((u) => /cell_years\/(?!index)/.test(u))).toEqual([]);
      expect(ds.cellYearsPending).toBeUndefined();
      expect(ds.cellYears).toEqual(full.cellYears);
    }
  });

  it('is complete when the mission’s countries are every country with cell-years', async () => {
    const only = { ...full, cellYears: full.cellYears.filter((c) => c.country === DRC) };
    const { loaded, seen } = first('MONUSCO', partsFiles(only));
    const ds = await loaded;
    expect(seen).not.toContain('/data/cell_years.json');
    expect(ds.cellYearsPending).toBeUndefined();
    expect(ds.cellYears).toEqual(only.cellYears);
  });

  it('is complete when another country’s part holds only rows the first view already has', async () => {
    // The offline data's case: violence in the CAR only, and a DR Congo base on the border whose
    // cell has CAR cell-years, so DR Congo has a part, of CAR rows only.
    const zongo = base({
      location: 'Zongo',
      mission: 'MONUSCO',
      country: DRC,
      lat: 4.3,
      lon: 22.5,
    });
    const car = {
      ...full,
      bases: [...full.bases, zongo],
      baseYears: [...full.baseYears, baseYear(zongo, 2014)],
      cellYears: full.cellYears.filter((c) => c.country === CAR),
    };
    const served = partsFiles(car);
    expect(served['cell_years/democratic-republic-of-the-congo.json']).toBeDefined();
    const { loaded, seen } = first('MINUSCA', served);
    const ds = await loaded;
    expect(seen).not.toContain('/data/cell_years/democratic-republic-of-the-congo.json');
    expect(seen).not.toContain('/data/cell_years.json');
    expect(ds.cellYearsPending).toBeUndefined();
    expect(ds.cellYears).toEqual(car.cellYears);
  });

  it('counts every file it reads, and falls back to the whole file for a part not served', async () => {
    const { loaded, seen, progress } = first('MINUSCA', {
      ...files,
      'cell_years/cameroon.json': 404,
    });
    const ds = await loaded;
    expect(seen).toContain('/data/cell_years.json');
    expect(ds.cellYearsPending).toBeUndefined();
    expect(ds.cellYears).toEqual(full.cellYears);
    expect(progress.at(-1)!.filesDone).toBe(progress.at(-1)!.filesTotal);
    // Without the index too: the index is not counted.
    const noIndex = first('MINUSCA', { ...files, 'cell_years/index.json': 404 });
    await noIndex.loaded;
    const last = noIndex.progress.at(-1)!;
    expect(last.filesDone).toBe(last.filesTotal);
    expect(last.filesDone).toBe(DATASET_FILES.length - 1);
  });

  it('a part of another length is "corrupt" (a part of another build)', async () => {
    const err = await first('MINUSCA', {
      ...files,
      'cell_years/cameroon.json': files['cell_years/central-african-republic.json']!,
    }).loaded.catch((e) => e);
    expect(err).toBeInstanceOf(DataLoadError);
    expect(err.problem).toBe('corrupt');
    expect(err.message).toMatch(
      /cell_years\/cameroon\.json: 6 rows where cell_years\/index\.json lists 1/,
    );
  });

  it('a damaged part is "corrupt" and names the part', async () => {
    const err = await first('MINUSCA', {
      ...files,
      'cell_years/cameroon.json': '{"table": 1}',
    }).loaded.catch((e) => e);
    expect(err).toBeInstanceOf(DataLoadError);
    expect(err.problem).toBe('corrupt');
    expect(err.file).toBe('cell_years/cameroon.json');
  });
});

describe('loadBasemapData', () => {
  it('missing basemap files give empty extras and warnings, not a failure', async () => {
    const { basemap, warnings } = await loadBasemapData('/data/', fakeFetch({}).fetchFn);
    expect(basemap).toEqual({ countries: null, countryLabels: [], places: [] });
    // countries, country labels, places and borders: each named.
    expect(warnings).toHaveLength(4);
    expect(warnings.join('\n')).toContain('basemap/borders.geojson was not found');
  });

  it('a truncated borders file or a countries file of the wrong shape gets a notice naming it', async () => {
    const fc = JSON.stringify({ type: 'FeatureCollection', features: [] });
    const { basemap, warnings } = await loadBasemapData(
      '/data/',
      fakeFetch({
        'basemap/countries.geojson': JSON.stringify({ type: 'Feature', geometry: null }),
        'basemap/borders.geojson': fc.slice(0, 20),
        'basemap/country-labels.json': '{}',
        'basemap/places.json': 404,
      }).fetchFn,
    );
    expect(basemap.countries).toBeNull();
    expect(warnings).toEqual([
      'basemap/places.json was not found (HTTP 404): the data has not been built.',
      expect.stringMatching(/^basemap\/borders\.geojson is not valid JSON/),
      'basemap/countries.geojson is not a GeoJSON FeatureCollection: countries without violence data are not shaded. Rebuild it with npm run data.',
      'basemap/country-labels.json is not a list: the map has no country names. Rebuild it with npm run data.',
    ]);
    const ok = await loadBasemapData(
      '/data/',
      fakeFetch({
        'basemap/countries.geojson': fc,
        'basemap/borders.geojson': fc,
        'basemap/country-labels.json': '[]',
        'basemap/places.json': 404,
      }).fetchFn,
    );
    expect(ok.warnings).toHaveLength(1);
    expect(ok.basemap.countries).toEqual({ type: 'FeatureCollection', features: [] });
  });
});

describe('an empty missions list', () => {
  it('is an error naming missions.json, not an empty map', async () => {
    const files = encodedFiles();
    const enc = encodeDataset(dataset({ missions: [] }));
    files[DATA_FILES.missions] = JSON.stringify(enc[DATA_FILES.missions]);
    const err = await loadDataset('/data/', () => {}, fakeFetch(files).fetchFn).catch((e) => e);
    expect(err).toBeInstanceOf(DataLoadError);
    expect(err).toMatchObject({ problem: 'corrupt', file: DATA_FILES.missions });
    expect((err as Error).message).toContain('lists no missions');
  });
});

describe('loadGridFile', () => {
  // A grid file written as the data build writes it (one hexagon-year, Bangui's base).
  const grid = h3Grid(4);
  const hex = grid.cellOf(b.lat, b.lon);
  const cy = { ...ds.cellYears[0]!, gid: hex, region: null, topPerpetrators: [] };
  const file = JSON.stringify(encodeGridFile(grid, [cy], ds));

  it('decodes the hexagon-years and the hexagon of each base coordinate', async () => {
    const { fetchFn, seen } = fakeFetch({ 'grid_h3r4.json': file });
    const g = await loadGridFile('/data/', 'h3r4', fetchFn);
    expect(seen).toEqual(['/data/grid_h3r4.json']);
    expect(g.cellYears.rows()).toEqual([cy]);
    expect(g.pointCells.get(`${b.lat},${b.lon}`)).toBe(hex);
  });

  it('says "missing" for a data folder without grid files, "corrupt" for another grid', async () => {
    const missing = loadGridFile('/data/', 'h3r4', fakeFetch({ 'grid_h3r4.json': 404 }).fetchFn);
    await expect(missing).rejects.toMatchObject({ problem: 'missing', file: 'grid_h3r4.json' });
    const other = loadGridFile('/data/', 'h3r5', fakeFetch({ 'grid_h3r5.json': file }).fetchFn);
    await expect(other).rejects.toMatchObject({ problem: 'corrupt', file: 'grid_h3r5.json' });
    await expect(other).rejects.toThrow(/expected the grid "h3r5"/);
  });
});

describe('loadGridIndex and loadGridPart', () => {
  // The part files as the data build writes them (one hexagon-year, Bangui's base).
  const grid = h3Grid(5);
  const hex = grid.cellOf(b.lat, b.lon);
  const cy = { ...ds.cellYears[0]!, gid: hex, region: null, topPerpetrators: [] };
  const { index, parts } = encodeGridParts(grid, [cy], ds);
  const partFile = 'grid_h3r5/central-african-republic.json';
  const files = {
    'grid_h3r5/index.json': JSON.stringify(index),
    [partFile]: JSON.stringify(parts.get(partFile)),
  };

  it('fetch the index, then only the part of the country asked for', async () => {
    const { fetchFn, seen } = fakeFetch(files);
    const idx = await loadGridIndex('/data/', 'h3r5', fetchFn);
    expect([...idx.parts]).toEqual([['Central African Republic', partFile]]);
    expect(idx.pointCells.get(`${b.lat},${b.lon}`)).toBe(hex);
    expect(await loadGridPart('/data/', idx, 'Chad', fetchFn)).toBeNull();
    const t = await loadGridPart('/data/', idx, 'Central African Republic', fetchFn);
    expect(t!.rows()).toEqual([cy]);
    expect(seen).toEqual(['/data/grid_h3r5/index.json', `/data/${partFile}`]);
  });

  it('say "missing" for a data folder without parts, "corrupt" for a damaged part', async () => {
    const missing = loadGridIndex('/data/', 'h3r5', fakeFetch({}).fetchFn);
    await expect(missing).rejects.toMatchObject({
      problem: 'missing',
      file: 'grid_h3r5/index.json',
    });
    const idx = await loadGridIndex('/data/', 'h3r5', fakeFetch(files).fetchFn);
    const damaged = { ...files, [partFile]: files[partFile]!.slice(0, 40) };
    const bad = loadGridPart('/data/', idx, 'Central African Republic', fakeFetch(damaged).fetchFn);
    await expect(bad).rejects.toMatchObject({ problem: 'corrupt', file: partFile });
    // Another grid's index is refused by name.
    const r4 = loadGridIndex(
      '/data/',
      'h3r4',
      fakeFetch({ 'grid_h3r4/index.json': files['grid_h3r5/index.json']! }).fetchFn,
    );
    await expect(r4).rejects.toThrow(/expected the grid "h3r4"/);
  });
});
