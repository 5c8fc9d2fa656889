/**
 * The headless analysis CLI, spawned on a fixture data folder written with encodeDataset (and,
 * for the cheaper argument checks, run in-process through main()).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeDataset } from '../../src/domain/encoding';
import { analyzeMission, DEFAULT_LAG_PARAMS, episodesToCsv } from '../../src/domain/lag';
import { main } from '../../src/pipeline/analyze';
import { carCell, cellYear, dataset, deployment, deployments } from '../fixtures/factories';

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
    cellYear({ gid: B, year: 2015, nonstate: 12, state: 30 }),
    cellYear({ gid: C, year: 2015, state: 14 }),
    cellYear({ gid: C, year: 2016, nonstate: 11 }),
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
    const expected = analyzeMission(fixture, 'MINUSCA', { ...DEFAULT_LAG_PARAMS, reach: 1 });
    expect(r.stdout).toBe(episodesToCsv(expected.episodes));
    expect(r.stdout.split('\n')).toEqual([
      'mission,gid,country,onset_year,end_year,fatalities,category,lag_years,response_year',
      `MINUSCA,${B},Central African Republic,2015,2015,42,RESPONDED_LATE,1,2016`,
      `MINUSCA,${C},Central African Republic,2015,2016,25,NOT_RESPONDED,,`,
      `MINUSCA,${A},Central African Republic,2014,2014,20,RESPONDED_SAME_YEAR,0,2014`,
      '',
    ]);
    expect(r.stderr).toMatch(/parameters: theta=10 reach=1 window=3 delta=1 perpetrator=all/);
    expect(r.stderr).toMatch(/OSV fatalities: 87, with troops in reach: 20/);
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
    expect(r.stderr).toMatch(/perpetrator must be one of all, state, nonstate, got "rebels"/);
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
    expect(r.stdout.trim().split('\n').slice(1)).toEqual([
      `MINUSCA,${B},Central African Republic,2015,2015,30,RESPONDED_LATE,1,2016`,
      `MINUSCA,${C},Central African Republic,2015,2015,14,NOT_RESPONDED,,`,
    ]);
  });

  it('says violence data is not loaded for a mission without any, and prints only the header', () => {
    const r = inProcess(['--mission', 'MONUSCO', '--data', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'mission,gid,country,onset_year,end_year,fatalities,category,lag_years,response_year\n',
    );
    expect(r.stderr).toMatch(/violence data not loaded/);
    expect(r.stderr).toMatch(/Democratic Republic of the Congo 2015/);
  });
});
