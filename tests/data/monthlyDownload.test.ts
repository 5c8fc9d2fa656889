/**
 * The monthly episodes download (Download dialog "Monthly episodes", `npm run export --table
 * monthly-episodes`): one row per episode with ISO months, the map in force at the onset, and
 * "not computed" in the provenance where the mission has no map-level data.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { atlasData } from '../../src/data/atlasData';
import { buildDownload, MONTHLY_EPISODE_COLUMNS } from '../../src/data/downloads';
import type { CellMonth, Dataset } from '../../src/domain/dataset';
import { DEFAULT_LAG_PARAMS } from '../../src/domain/lag';
import { NO_BUILD_INFO } from '../../src/domain/provenance';
import { baseMonth } from '../fixtures/factories';
import { LAG_CELLS, lagScenarioDataset } from '../fixtures/lagScenario';

const ctx = { build: NO_BUILD_INFO, appVersion: '0.0.0-test' };

const month = (gid: number, year: number, m: number, best: number): CellMonth => ({
  gid,
  year,
  month: m,
  osvBest: best,
  osvStateBest: 0,
  osvNonStateBest: best,
  osvForeignBest: 0,
  osvStateLow: 0,
  osvStateHigh: 0,
  osvNonStateLow: best,
  osvNonStateHigh: best,
});

/** The lag scenario with 20 killed in cell A in May 2014 and Alpha's maps of Feb and Aug 2014. */
function scenario(withMaps: boolean): { ds: Dataset; mission: string } {
  const ds = lagScenarioDataset();
  const alpha = ds.bases.find((b) => b.location === 'Alpha')!;
  return {
    mission: alpha.mission,
    ds: {
      ...ds,
      cellMonths: [month(LAG_CELLS.A, 2014, 5, 20)],
      baseMonths: withMaps ? [baseMonth(alpha, 2014, 2, 100), baseMonth(alpha, 2014, 8, 300)] : [],
    },
  };
}

/** PRIO-GRID cell centre, from the grid's definition (720 columns of 0.5° from 180° W, 90° S). */
function centre(gid: number): [number, number] {
  const row = Math.floor((gid - 1) / 720);
  const col = (gid - 1) % 720;
  return [-90 + row * 0.5 + 0.25, -180 + col * 0.5 + 0.25];
}

describe('monthly episodes download', () => {
  const params = { ...DEFAULT_LAG_PARAMS, window: 1 };

  it('writes one row per episode: months as YYYY-MM, the map carried forward, lag in months', () => {
    const { ds, mission } = scenario(true);
    const d = buildDownload(
      atlasData(ds),
      'monthly-episodes',
      { mission, year: 2014, params },
      'csv',
      ctx,
    );
    const [header, ...rows] = parse(d.content as string) as string[][];
    expect(header).toEqual(MONTHLY_EPISODE_COLUMNS.map((c) => c.name));
    expect(rows).toHaveLength(1);
    const col = (name: string) => rows[0]![header!.indexOf(name)];
    const [lat, lon] = centre(LAG_CELLS.A);
    expect(Number(col('lat'))).toBeCloseTo(lat, 4);
    expect(Number(col('lon'))).toBeCloseTo(lon, 4);
    expect(col('gid')).toBe(String(LAG_CELLS.A));
    expect(col('place')).not.toMatch(/^cell /);
    // May 2014, 20 killed; the Feb map is in force (carried forward); Aug shows 100 → 300.
    expect(col('onset_month')).toBe('2014-05');
    expect(col('end_month')).toBe('2014-05');
    expect(col('fatalities')).toBe('20');
    expect(col('category')).toBe('RESPONDED_LATE');
    expect(col('lag_months')).toBe('3');
    expect(col('response_month')).toBe('2014-08');
    expect(col('map_at_onset')).toBe('2014-02');
    expect(col('map_carried_forward')).toBe('true');
    expect(col('troops_at_onset')).toBe('100');
    expect(col('initial_deployment')).toBe('false');
    expect(d.fileName).toBe(`monthly_episodes_${mission}_all.csv`);
    expect(d.provenance.notComputed).toEqual([]);
  });

  it('says "not computed" where the mission has no map-level data (header only, no zeros)', () => {
    const { ds, mission } = scenario(false);
    const d = buildDownload(
      atlasData(ds),
      'monthly-episodes',
      { mission, year: 2014, params },
      'csv',
      ctx,
    );
    expect((d.content as string).trimEnd().split('\n')).toHaveLength(1);
    expect(d.provenance.notComputed.join(' ')).toMatch(/no map-level .* not computed/);
  });
});
