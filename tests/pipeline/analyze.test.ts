/**
 * The headless analysis CLI, spawned on a fixture data folder written with encodeDataset (and,
 * for the cheaper argument checks, run in-process through main()).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeDataset } from '../../src/domain/encoding';

import { main } from '../../src/pipeline/analyze';
import { createLagSelectors, toLagParams } from '../../src/data/lagSelectors';
import { decodePlaces } from '../../src/domain/basemap';
import { noImpreciseEvents } from '../../src/domain/dataset';
import { DEFAULT_LAG } from '../../src/state/state';
import {
  carCell,
  cellYear,
  dataset,
  deployment,
  deployments,
  estimate,
} from '../fixtures/factories';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(ROOT, 'src', 'pipeline', 'analyze.ts');

const A = carCell(0, 0);
const B = carCell(0, 8);
const C = carCell(8, 0);
const fixture = dataset({
  ...deployments([
    deployment(
      { location: 'A', gid: A },
      { 2014: 100, 2015: 100, 2016: 100, 2017: 100, 2018: 100 },
    ),
    deployment({ location: 'B', gid: B }, { 2016: 200, 2017: 200, 2018: 250 }),
    deployment(
      {
        location: 'Bangui',
        mission: 'MONUSCO',
        gid: carCell(-40, 20),
        country: 'Democratic Republic of the Congo',
      },
      { 2015: 10 },
    ),
  ]),
  cellYears: [
    cellYear({ gid: A, year: 2014, nonstate: 20 }),
    // B 2015: 30 killed by governments, 18 of them by a foreign one (host 12).
    cellYear({ gid: B, year: 2015, nonstate: 12, state: 30, osvForeign: estimate(18) }),
    cellYear({ gid: C, year: 2015, state: 14 }),
    // C 2016: 11 killed in two events, one of them (1 killed) located only to the country.
    cellYear({
      gid: C,
      year: 2016,
      osvNonState: estimate(11, { events: 2 }),
      osvImprecise: {
        ...noImpreciseEvents(),
        6: { ...noImpreciseEvents()[6], nonState: { events: 1, best: 1 } },
      },
    }),
  ],
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'analyze-'));
  const files = encodeDataset(fixture);
  for (const [name, value] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), JSON.stringify(value));
  }
  // Towns: Alpha inside cell A; Gamma 0.5° east of cell C's centre (8.25° N, 18.25° E); none
  // within 150 km of B.
  mkdirSync(path.join(dir, 'basemap'));
  writeFileSync(
    path.join(dir, 'basemap', 'places.json'),
    JSON.stringify({
      version: 1,
      source: 'test',
      minPopulation: 0,
      countries: ['Central African Republic'],
      places: [
        ['Alpha', 18.3, 4.3, 10000, 0, 5, 0],
        ['Gamma', 18.75, 8.25, 10000, 0, 5, 0],
      ],
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function spawnCli(args: string[]) {
  const r = spawnSync(TSX, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function inProcess(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('npm run analyze (spawned)', () => {
  it('prints the episode CSV to stdout and the summary to stderr', () => {
    const r = spawnCli(['--mission', 'MINUSCA', '--data', dir, '--reach', '1']);
    expect(r.stderr).toMatch(/Lag analysis — MINUSCA/);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'mission,gid,lat,lon,place,country,onset_year,end_year,fatalities,category,lag_years,response_year,initial_deployment,censored_start,theta,reach,window,delta,perpetrator,precision',
      // B (4.25° N, 22.25° E): no town within 150 km, named by its centre (quoted: a comma).
      `MINUSCA,${B},4.25,22.25,"Cell centre 4.25° N, 22.25° E",Central African Republic,2015,2015,42,RESPONDED_LATE,1,2016,0,0,10,1,3,1,all,5`,
      // C (8.25° N, 18.25° E): Gamma lies 0.5° east, 55.6 km · cos 8.25° = 55 km.
      // (2015: 14, 2016: 11 less the 1 located only to the country.)
      `MINUSCA,${C},8.25,18.25,55 km W of Gamma,Central African Republic,2015,2016,24,NOT_RESPONDED,,,0,0,10,1,3,1,all,5`,
      // A: the response is the mission's first year, its initial deployment.
      `MINUSCA,${A},4.25,18.25,Alpha,Central African Republic,2014,2014,20,RESPONDED_SAME_YEAR,0,2014,1,1,10,1,3,1,all,5`,
      '',
    ]);
    expect(r.stderr).toMatch(
      /parameters: theta=10 reach=1 window=3 delta=1 perpetrator=all precision=5 initial-deployment=on/,
    );
    expect(r.stderr).toMatch(/windows: responses sought 2014–2018; violence data 1989–2022/);
    expect(r.stderr).toMatch(/OSV fatalities: 86, with troops in reach: 20/);
    expect(r.stderr).toMatch(
      /left out by location precision \(where_prec above 5\): 1 events, 1 fatalities/,
    );
  });

  it("prints byte for byte what the app's download gives (same data, same towns)", () => {
    const r = spawnCli(['--mission', 'MINUSCA', '--data', dir, '--theta', '12', '--reach', '1']);
    expect(r.code).toBe(0);
    const places = decodePlaces(
      JSON.parse(readFileSync(path.join(dir, 'basemap', 'places.json'), 'utf8')),
    );
    const sel = createLagSelectors(fixture, places);
    const appCsv = sel.csv('MINUSCA', toLagParams({ ...DEFAULT_LAG, theta: 12, reach: 1 }, 'all'));
    expect(r.stdout).toBe(appCsv);
    expect(appCsv.split('\n')).toHaveLength(5); // header, B, C, A, final newline
  });

  it('fails with a clear message and exit 1 when the data is missing', () => {
    const r = spawnCli(['--mission', 'MINUSCA', '--data', path.join(dir, 'nope')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no built dataset in .*nope .*run `npm run data` first/);
  });

  it('fails with exit 2 for an unknown mission, listing the known ones', () => {
    const r = spawnCli(['--mission', 'UNMISS', '--data', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown mission "UNMISS" in .*; known missions: MINUSCA, MONUSCO/);
  });
});

describe('analyze main() arguments', () => {
  it('reports every bad parameter value with exit 2', () => {
    const r = inProcess([
      '--mission',
      'MINUSCA',
      '--data',
      dir,
      '--reach',
      '5',
      '--perpetrator',
      'rebels',
      '--theta',
      'x',
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/theta must be a number from 1 to 100000, got "x"/);
    expect(r.stderr).toMatch(/reach must be a whole number from 0 to 3, got "5"/);
    expect(r.stderr).toMatch(
      /perpetrator must be one of all, state, host, foreign, nonstate, got "rebels"/,
    );
    const more = inProcess([
      '--mission',
      'MINUSCA',
      '--data',
      dir,
      '--precision',
      '4',
      '--initial-deployment',
      'maybe',
    ]);
    expect(more.code).toBe(2);
    expect(more.stderr).toMatch(/precision must be a whole number from 5 to 7, got "4"/);
    expect(more.stderr).toMatch(/initial deployment must be on or off .* got "maybe"/);
  });

  it('rejects unknown options and a missing --mission with the usage', () => {
    const unknown = inProcess(['--mission', 'MINUSCA', '--reach=1', '--colour', 'red']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--colour'/);
    expect(unknown.stderr).toMatch(/usage: npm run analyze/);
    const none = inProcess(['--data', dir]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--mission is required/);
  });

  it('accepts the mission in any case and applies the perpetrator filter', () => {
    const r = inProcess(['--mission', 'minusca', '--data', dir, '--perpetrator', 'state']);
    expect(r.code).toBe(0);
    const rows = (out: string) =>
      out
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','))
        .map((f) => [Number(f[1]), f.at(-12), f.at(-11), f.at(-2)]); // gid, fatalities, category, perpetrator
    expect(rows(r.stdout)).toEqual([
      [B, '30', 'RESPONDED_LATE', 'state'],
      [C, '14', 'NOT_RESPONDED', 'state'],
    ]);
    // Host government only: B 30 − 18 foreign = 12; C 14. Foreign governments: B 18.
    const host = inProcess(['--mission', 'MINUSCA', '--data', dir, '--perpetrator', 'host']);
    expect(rows(host.stdout)).toEqual([
      [C, '14', 'NOT_RESPONDED', 'host'],
      [B, '12', 'RESPONDED_LATE', 'host'],
    ]);
    const foreign = inProcess(['--mission', 'MINUSCA', '--data', dir, '--perpetrator', 'foreign']);
    expect(rows(foreign.stdout)).toEqual([[B, '18', 'RESPONDED_LATE', 'foreign']]);
  });

  it('applies the location precision and the initial-deployment switch', () => {
    const all = inProcess(['--mission', 'MINUSCA', '--data', dir, '--precision', '7']);
    expect(all.code).toBe(0);
    // C keeps its country-level event: 14 + 11 = 25.
    expect(all.stdout).toMatch(/,2015,2016,25,NOT_RESPONDED,,,0,0,10,0,3,1,all,7\n/);
    expect(all.stderr).toMatch(/\(where_prec above 7\): 0 events, 0 fatalities/);
    // Without the initial deployment, A's base of 2014 (the mission's first year) is no
    // response: A (20 killed in 2014, troops there) is present but not strengthened.
    const off = inProcess(['--mission', 'MINUSCA', '--data', dir, '--initial-deployment', 'off']);
    expect(off.code).toBe(0);
    expect(off.stdout).toMatch(
      new RegExp(`MINUSCA,${A},4.25,18.25,Alpha,.*,2014,2014,20,PRESENT_NOT_STRENGTHENED,,,0,1,`),
    );
    expect(off.stderr).toMatch(/initial-deployment=off/);
  });

  it('says violence data is not loaded for a mission without any, and prints only the header', () => {
    const r = inProcess(['--mission', 'MONUSCO', '--data', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'mission,gid,lat,lon,place,country,onset_year,end_year,fatalities,category,lag_years,response_year,initial_deployment,censored_start,theta,reach,window,delta,perpetrator,precision\n',
    );
    expect(r.stderr).toMatch(/violence data not loaded/);
    expect(r.stderr).toMatch(/Democratic Republic of the Congo 2015/);
  });
});
