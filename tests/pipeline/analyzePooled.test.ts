/**
 * `npm run analyze -- --mission all`: the pooled run of the CLI on the hand-computed scenario
 * of tests/fixtures/pooledScenario.ts, written as a built dataset (in process: the spawned path
 * is covered by analyze.test.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeDataset } from '../../src/domain/encoding';
import { EPISODE_CSV_HEADER } from '../../src/domain/lag';
import { RESPONSIVENESS_CSV_HEADER } from '../../src/domain/lagPooledCsv';
import { main } from '../../src/pipeline/analyze';
import { POOLED_CELLS, pooledScenarioDataset } from '../fixtures/pooledScenario';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'analyze-pooled-'));
  for (const [name, value] of Object.entries(encodeDataset(pooledScenarioDataset()))) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), JSON.stringify(value));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = main([...args, '--data', dir], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

describe('npm run analyze -- --mission all', () => {
  it('prints every mission’s episodes and the pooled summary with the excluded mission', () => {
    const r = run(['--mission', 'all']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(EPISODE_CSV_HEADER);
    // Four episodes of two missions (see tests/domain/lagPooled.test.ts), ranked.
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      `UNMISS,${POOLED_CELLS.Z}`,
      `MINUSCA,${POOLED_CELLS.X}`,
      `MINUSCA,${POOLED_CELLS.A}`,
      `UNMISS,${POOLED_CELLS.S}`,
    ]);
    expect(r.stderr).toMatch(/all missions pooled, all years/);
    expect(r.stderr).toMatch(/EXCLUDED MONUSCO: violence data not loaded/);
    expect(r.stderr).toMatch(/OSV fatalities: 101, with troops in reach: 31/);
    expect(r.stderr).toMatch(/Wilson score interval, 95 %/);
  });

  it('limits the years with --from-year / --to-year', () => {
    const r = run(['--mission', 'ALL', '--from-year', '2015', '--to-year', '2016']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1 + 3);
    expect(r.stderr).toMatch(/all missions pooled, 2015–2016/);
    expect(r.stderr).toMatch(/OSV fatalities: 89, with troops in reach: 19/);
  });

  it('prints the pooled responsiveness table with --table responsiveness', () => {
    const r = run(['--mission', 'all', '--table', 'responsiveness', '--from-year', '2015']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(RESPONSIVENESS_CSV_HEADER);
    expect(lines).toHaveLength(1 + 30);
    expect(lines[1]!.startsWith('all missions,2015,,state,0,0,0,')).toBe(true);
  });

  it('gives the single mission’s responsiveness table too', () => {
    const r = run(['--mission', 'UNMISS', '--table', 'responsiveness']);
    expect(r.code).toBe(0);
    // Non-state 10–24 of UNMISS: S 2015, followed.
    expect(r.stdout).toMatch(/^UNMISS,,,nonstate,10–24,10,24,1,1,1,/m);
  });

  it('refuses bad years, a year range for one mission, and an unknown table (exit 2)', () => {
    expect(run(['--mission', 'all', '--from-year', '2016', '--to-year', '2015'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/from-year 2016 is after to-year 2015/) as unknown,
    });
    expect(run(['--mission', 'MINUSCA', '--from-year', '2015']).code).toBe(2);
    expect(run(['--mission', 'all', '--table', 'bins']).stderr).toMatch(
      /--table must be episodes or responsiveness/,
    );
  });

  it('exits 1 when no mission has violence data in the years (nothing counted as zero)', () => {
    const r = run(['--mission', 'all', '--from-year', '2020']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nothing analysed/);
    expect(r.stdout.trim()).toBe(EPISODE_CSV_HEADER);
  });
});
