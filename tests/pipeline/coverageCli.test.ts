import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { atlasData } from '../../src/data/atlasData';
import { buildWhatIfDownload } from '../../src/data/coverageDownloads';
import { BASEMAP_FILES, decodePlaces } from '../../src/domain/basemap';
import { NO_BUILD_INFO } from '../../src/domain/provenance';
import { DEFAULT_COVERAGE_PARAMS } from '../../src/domain/coverageParams';
import { WHATIF_CSV_HEADER } from '../../src/domain/coverageWhatIf';
import { COVERAGE_CSV_HEADER, coverageToCsv } from '../../src/domain/coverageCsv';
import { decodeOsvEvents, OSV_EVENTS_FILE } from '../../src/domain/eventsEncoding';
import { loadDataset } from '../../src/pipeline/cliKit';
import { buildDataset } from '../../src/pipeline/build';
import { main } from '../../src/pipeline/coverage';
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

/** Runs the CLI on the fixture build; returns exit code, stdout and stderr. */
function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = main([...args, '--data', out], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

// MINUSCA 2015: Bangui (4.3612, 18.555) with 150 troops; 2016: Bangui with troops unknown (NA).
// Events 2015: 5 killed at Bangui (0 km), 3 killed 0.4° north (44.5 km), 7 killed at Bria
// (6.54, 21.99: ≈ 450 km), 100 killed with where_prec 6 (left out). 2016: 2 killed at Bangui.
beforeAll(async () => {
  const files = {
    'geopko/FrontMap_v.2.3.csv': csv(FRONTMAP_COLUMNS, [
      frontRow(),
      frontRow({ year: 2016, NoTroops: 'NA', Infantry: 'NA', 'ave.no.troops': 'NA' }),
    ]),
    'ucdp/GEDEvent_v23_1_cli.csv': gedCsv([
      gedRow({ id: 1, best: 5, low: 5, high: 5 }),
      gedRow({ id: 2, best: 3, low: 3, high: 3, latitude: 4.7612 }),
      gedRow({ id: 3, best: 7, low: 7, high: 7, latitude: 6.54, longitude: 21.99 }),
      gedRow({ id: 4, best: 100, low: 100, high: 100, where_prec: 6 }),
      gedRow({ id: 5, year: 2016, date_start: '2016-02-02', best: 2, low: 2, high: 2 }),
    ]),
  };
  out = outDir('coverage-cli');
  await buildDataset({ from: sourceDir('coverage-cli', files), outDir: out, quiet: true });
});

describe('npm run coverage', () => {
  it('prints the hand-computed CSV: 8 of 15 within 50 km in 2015, 0 of 2 in 2016 (no troop figure)', () => {
    const r = run('--mission', 'minusca');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [COVERAGE_CSV_HEADER, 'MINUSCA,2015,15,8,0.5333,3,2', 'MINUSCA,2016,2,0,0.0000,1,0', ''].join(
        '\n',
      ),
    );
    expect(run('--mission', 'MINUSCA', '--km', '10').stdout).toContain(
      'MINUSCA,2015,15,5,0.3333,3,1',
    );
    expect(run('--mission', 'MINUSCA', '--precision', '6').stdout).toContain(
      'MINUSCA,2015,115,108,0.9391,4,3',
    );
  });

  it('is byte-identical to the app download for the same data and parameters', () => {
    const dataset = loadDataset(out);
    const events = decodeOsvEvents(
      JSON.parse(readFileSync(path.join(out, OSV_EVENTS_FILE), 'utf8')),
    );
    // The fixture build has no basemap: the CLI then names no towns, and neither does this.
    const places: never[] = [];
    const p = { ...DEFAULT_COVERAGE_PARAMS, km: 120, perpetrator: 'nonstate' as const };
    const app = coverageToCsv(
      'MINUSCA',
      atlasData(dataset, places).coverage(events).years('MINUSCA', p),
    );
    expect(run('--mission', 'MINUSCA', '--km', '120', '--perpetrator', 'nonstate').stdout).toBe(
      app,
    );
  });

  it('names bad values and unknown missions with exit code 2', () => {
    const bad = run('--mission', 'MINUSCA', '--km', '500', '--perpetrator', 'x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('km must be a number from 10 to 200, got "500"');
    expect(bad.stderr).toContain(
      'perpetrator must be one of all, state, host, foreign, nonstate, got "x"',
    );
    const unknown = run('--mission', 'NOPE');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown mission "NOPE"/);
  });

  it('prints the what-if sites: Bria (7 killed in 2015) for 2016, with named k / n errors', () => {
    // A basemap with one town (the fixture build writes none).
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
    const r = run('--mission', 'MINUSCA', '--whatif', '2', '--history', '1');
    expect(r.code).toBe(0);
    // 2016: the bases at its start (Bangui, 2015) cover the 8 killed near Bangui; Bria adds 7.
    expect(r.stdout).toBe(`${WHATIF_CSV_HEADER}\n2016,1,Bria,6.5400,21.9900,7\n`);
    // The app's download (Download dialog): the same bytes, with its provenance sidecar.
    const dataset = loadDataset(out);
    const events = decodeOsvEvents(
      JSON.parse(readFileSync(path.join(out, OSV_EVENTS_FILE), 'utf8')),
    );
    const places = decodePlaces(
      JSON.parse(readFileSync(path.join(out, 'basemap', BASEMAP_FILES.places), 'utf8')),
    );
    const mission = dataset.missions.find((m) => m.id === 'MINUSCA')!;
    const app = buildWhatIfDownload(
      atlasData(dataset, places).coverage(events),
      mission,
      DEFAULT_COVERAGE_PARAMS,
      { k: 2, n: 1 },
      { build: NO_BUILD_INFO, appVersion: '0.0.0-test' },
    );
    expect(app.content).toBe(r.stdout);
    expect(app.fileName).toBe('whatif_MINUSCA_k2_n1_50km_all_prec5.csv');
    expect(app.provenanceFileName).toBe('whatif_MINUSCA_k2_n1_50km_all_prec5.provenance.json');
    expect(app.provenance.parameters).toMatchObject({ mission: 'MINUSCA', km: 50, k: 2, n: 1 });
    expect(app.provenance.columns.map((c) => c.name)).toEqual(WHATIF_CSV_HEADER.split(','));
    // GED's years include 2014: 2015's what-if is computed (nothing killed then: no site row).
    expect(app.provenance.notComputed).toEqual([]);
    const bad = run('--mission', 'MINUSCA', '--whatif', '6', '--history', '11');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('k must be a whole number from 1 to 5, got "6"');
    expect(bad.stderr).toContain('n must be a whole number from 1 to 10, got "11"');
  });
});
