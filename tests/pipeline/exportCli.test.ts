/**
 * `npm run export`: argument errors with exit codes, and the files byte for byte those of the
 * app's Download menu for the same view — the app side loaded the app's way (`loadDataset`,
 * `loadDataInfo`, `loadBasemapData` of src/data over a fake fetch of the same folder).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../src/data/appVersion';
import { atlasData } from '../../src/data/atlasData';
import { loadDataInfo } from '../../src/data/dataInfo';
import { buildDownload, type DownloadFormat, type TableId } from '../../src/data/downloads';
import { loadBasemapData, loadDataset } from '../../src/data/load';
import { BASEMAP_FILES } from '../../src/domain/basemap';
import { DEFAULT_LAG_PARAMS } from '../../src/domain/lag';
import type { LagParams } from '../../src/domain/lagTypes';
import { buildDataset } from '../../src/pipeline/build';
import { main } from '../../src/pipeline/export';
import {
  csv,
  FRONTMAP_COLUMNS,
  frontRow,
  gedCsv,
  gedRow,
  outDir,
  sourceDir,
} from '../fixtures/pipeline/factories';

let out: string;

/** Runs the CLI on the fixture build; returns exit code, streams and the files it wrote. */
function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const files = new Map<string, string | Uint8Array>();
  const code = main([...args, '--data', out], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    writeFile: (f, c) => files.set(f, c),
  });
  return { code, stdout, stderr, files };
}

/** A fetch over the files of `out` (404 for a missing one), as the browser would get them. */
const fetchOut = (url: string): Promise<Response> => {
  const file = path.join(out, url.replace(/^\/data\//, ''));
  return Promise.resolve(
    existsSync(file)
      ? new Response(readFileSync(file))
      : new Response('not found', { status: 404 }),
  );
};

/** The app's download of a table for a view, loaded the app's way. */
async function appDownload(
  table: TableId,
  format: DownloadFormat,
  year: number,
  params: LagParams,
) {
  const dataset = await loadDataset('/data/', () => {}, fetchOut);
  const info = await loadDataInfo('/data/', fetchOut);
  const { basemap } = await loadBasemapData('/data/', fetchOut);
  expect(basemap.places.map((p) => p.name)).toEqual(['Bria']);
  const data = atlasData(dataset, basemap.places);
  return buildDownload(data, table, { mission: 'MINUSCA', year, params }, format, {
    build: info.info!.build,
    appVersion: APP_VERSION,
  });
}

const bytes = (c: string | Uint8Array): Uint8Array =>
  typeof c === 'string' ? new TextEncoder().encode(c) : c;

// MINUSCA 2015: Bangui (4.3612, 18.555) with troops; 2016 too. Events 2015: 5 killed at Bangui,
// 12 at Bria (6.54, 21.99), 3 with a comma in the area name.
beforeAll(async () => {
  const files = {
    'geopko/FrontMap_v.2.3.csv': csv(FRONTMAP_COLUMNS, [frontRow(), frontRow({ year: 2016 })]),
    'ucdp/GEDEvent_v23_1_export.csv': gedCsv([
      gedRow({ id: 1, best: 5, low: 4, high: 9 }),
      gedRow({ id: 2, best: 12, low: 12, high: 15, latitude: 6.54, longitude: 21.99 }),
      gedRow({ id: 3, year: 2016, date_start: '2016-02-02', best: 2, low: 2, high: 2 }),
    ]),
  };
  out = outDir('export-cli');
  await buildDataset({ from: sourceDir('export-cli', files), outDir: out, quiet: true });
  mkdirSync(path.join(out, 'basemap'), { recursive: true });
  writeFileSync(
    path.join(out, 'basemap', BASEMAP_FILES.places),
    JSON.stringify({
      version: 1,
      source: 'test',
      minPopulation: 5000,
      countries: ['Central African Republic'],
      places: [['Bria', 21.99, 6.54, 40000, 0, 5, 0]],
    }),
  );
}, 120_000);

describe('npm run export', () => {
  it('is byte-identical to the app download: cells as CSV, GeoJSON and Parquet, with sidecars', async () => {
    const params = { ...DEFAULT_LAG_PARAMS, perpetrator: 'nonstate' as const, theta: 5 };
    for (const format of ['csv', 'geojson', 'parquet'] as const) {
      const target = path.join('somewhere', `cells.${format}`);
      const r = run(
        '--mission',
        'minusca',
        '--year',
        '2015',
        '--format',
        format,
        '--perpetrator',
        'nonstate',
        '--theta',
        '5',
        '--out',
        target,
      );
      expect(r.code, r.stderr).toBe(0);
      const app = await appDownload('cells', format, 2015, params);
      expect(Buffer.from(bytes(r.files.get(target)!)).equals(Buffer.from(bytes(app.content)))).toBe(
        true,
      );
      expect(r.files.get(path.join('somewhere', 'cells.provenance.json'))).toBe(app.provenanceText);
    }
    // Bria's cell is named by the town, as in the app.
    const csvText = run('--mission', 'MINUSCA', '--year', '2015', '--format', 'csv').stdout;
    expect(csvText).toContain(',Bria');
    expect(csvText).toBe(
      new TextDecoder().decode(
        bytes(
          (await appDownload('cells', 'csv', 2015, { ...DEFAULT_LAG_PARAMS, perpetrator: 'all' }))
            .content,
        ),
      ),
    );
  });

  it('writes the other tables the app offers, byte for byte', async () => {
    const params = { ...DEFAULT_LAG_PARAMS, perpetrator: 'all' as const };
    for (const [table, format] of [
      ['bases', 'geojson'],
      ['responsiveness', 'csv'],
      ['changes', 'csv'],
      ['episodes', 'csv'],
    ] as const) {
      const r = run('--mission', 'MINUSCA', '--year', '2016', '--table', table, '--format', format);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe((await appDownload(table, format, 2016, params)).content);
    }
  });

  it('names bad arguments with exit code 2', () => {
    const cases: [string[], RegExp][] = [
      [['--year', '2015', '--format', 'csv'], /--mission is required/],
      [['--mission', 'MINUSCA', '--format', 'csv'], /--year is required/],
      [['--mission', 'MINUSCA', '--year', '2015'], /--format is required/],
      [['--mission', 'MINUSCA', '--year', '15', '--format', 'csv'], /four-digit year, got "15"/],
      [
        ['--mission', 'MINUSCA', '--year', '2015', '--format', 'xlsx'],
        /--format must be one of csv, geojson, parquet, got "xlsx"/,
      ],
      [
        ['--mission', 'MINUSCA', '--year', '2015', '--format', 'csv', '--table', 'x'],
        /--table must be one of cells, bases, responsiveness, changes, episodes/,
      ],
      [
        ['--mission', 'MINUSCA', '--year', '2015', '--format', 'parquet', '--table', 'bases'],
        /the bases table has no parquet format; use csv or geojson/,
      ],
      [
        ['--mission', 'MINUSCA', '--year', '2015', '--format', 'parquet'],
        /parquet is binary: pass --out FILE/,
      ],
      [
        ['--mission', 'MINUSCA', '--year', '2015', '--format', 'csv', '--theta', '0'],
        /bad parameter value/,
      ],
      [['--mission', 'NOPE', '--year', '2015', '--format', 'csv'], /unknown mission "NOPE"/],
      [
        ['--mission', 'MINUSCA', '--year', '1999', '--format', 'csv'],
        /MINUSCA has no year 1999; its years: 2015–2016/,
      ],
      [
        ['--mission', 'MINUSCA', '--year', '2015', '--format', 'csv', '--bogus'],
        /Unknown option '--bogus'/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.startsWith('export: ')).toBe(true);
      expect(r.stdout).toBe('');
      expect(r.files.size).toBe(0);
    }
  });

  it('says what is missing with exit code 1: no dataset', () => {
    let stderr = '';
    const code = main(
      [
        '--mission',
        'MINUSCA',
        '--year',
        '2015',
        '--format',
        'csv',
        '--data',
        path.join(out, 'nothing'),
      ],
      {
        stdout: () => {},
        stderr: (t) => (stderr += t),
        writeFile: () => {},
      },
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/no built dataset/);
  });
});
