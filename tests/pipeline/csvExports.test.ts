import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATA_FILES, encodeDataset } from '../../src/domain/encoding';
import { main as analyze } from '../../src/pipeline/analyze';
import { buildDataset } from '../../src/pipeline/build';
import { carCell, cellYear, dataset, deployment, deployments } from '../fixtures/factories';
import {
  FRONTMAP_COLUMNS,
  csv,
  frontRow,
  gedCsv,
  gedRow,
  outDir,
  sourceDir,
} from '../fixtures/pipeline/factories';

const COUNTRY = '=HYPERLINK("http://example.org","base")';
const LOCATION = '@Bangui';
const PERP = '-Seleka';

/** Every CSV the pipeline writes, parsed (csv-parse), by file. */
let tables: Record<string, string[][]>;
let out: string;

beforeAll(async () => {
  out = outDir('csv-injection');
  await buildDataset({
    from: sourceDir('csv-injection', {
      'ucdp/ged.csv': gedCsv([
        gedRow({ id: 1, best: 5, low: 5, high: 5, country: COUNTRY, side_a: PERP }),
        gedRow({ id: 2, latitude: 'x' }),
      ]),
      // A source whose relative path starts with "+": its rejects.csv rows too.
      '+front.csv': csv(FRONTMAP_COLUMNS, [
        frontRow({ location: LOCATION }),
        frontRow({ location: 'Bria', year: 'y' }),
      ]),
    }),
    outDir: out,
    quiet: true,
    allowRejects: true,
  });
  tables = Object.fromEntries(
    [DATA_FILES.exportCellYearsCsv, DATA_FILES.exportBaseYearsCsv, DATA_FILES.rejects].map((f) => [
      f,
      parseCsv(readFileSync(path.join(out, f), 'utf8')) as string[][],
    ]),
  );
});

const column = (file: string, name: string): string[] => {
  const [header, ...rows] = tables[file] as string[][];
  const i = (header as string[]).indexOf(name);
  return rows.map((r) => r[i] as string);
};

describe('formula neutralisation in the build’s CSVs', () => {
  it('export/cell_years.csv: the country gets a leading apostrophe', () => {
    expect(column(DATA_FILES.exportCellYearsCsv, 'country')).toEqual([`'${COUNTRY}`]);
    // Numbers stay numbers.
    expect(column(DATA_FILES.exportCellYearsCsv, 'osv_fatalities')).toEqual(['5']);
  });

  it('export/base_years.csv: the location gets a leading apostrophe, numbers do not', () => {
    expect(column(DATA_FILES.exportBaseYearsCsv, 'location')).toEqual([`'${LOCATION}`]);
    const lon = column(DATA_FILES.exportBaseYearsCsv, 'longitude');
    expect(lon.every((v) => /^-?\d/.test(v))).toBe(true);
  });

  it('rejects.csv: a source path that starts with "+" gets a leading apostrophe', () => {
    expect(column(DATA_FILES.rejects, 'source').sort()).toEqual(["'+front.csv", 'ucdp/ged.csv']);
  });

  it('the Parquet copies keep the values as they are', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const read = async (f: string, col: string): Promise<unknown[]> =>
      (await conn.runAndReadAll(`SELECT ${col} FROM read_parquet('${path.join(out, f)}')`))
        .getRowsJS()
        .map((r) => r[0]);
    expect(await read(DATA_FILES.exportCellYearsParquet, 'country')).toEqual([COUNTRY]);
    expect(await read(DATA_FILES.exportBaseYearsParquet, 'location')).toEqual([LOCATION]);
    conn.closeSync();
    db.closeSync();
  });
});

describe('formula neutralisation in npm run analyze', () => {
  it('prints the episodes with the mission name neutralised', () => {
    const A = carCell(0, 0);
    const ds = dataset({
      ...deployments([
        deployment({ location: 'A', gid: carCell(0, 4), mission: '@MINUSCA' }, { 2014: 100 }),
      ]),
      cellYears: [cellYear({ gid: A, year: 2014, nonstate: 20 })],
    });
    const dir = path.join(path.dirname(out), 'analyze-data');
    for (const [name, value] of Object.entries(encodeDataset(ds))) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), JSON.stringify(value));
    }
    let stdout = '';
    let stderr = '';
    const code = analyze(['--mission', '@MINUSCA', '--data', dir, '--reach', '0'], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    });
    expect(code, stderr).toBe(0);
    const rows = parseCsv(stdout) as string[][];
    expect(rows.slice(1).map((r) => r[0])).toEqual(["'@MINUSCA"]);
  });
});
