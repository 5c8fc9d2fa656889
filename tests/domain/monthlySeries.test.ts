import { describe, expect, it } from 'vitest';
import type { Coverage, Mission } from '../../src/domain/dataset';
import {
  missionMonths,
  monthlySeries,
  noDataRuns,
  type CellMonthColumns,
} from '../../src/domain/monthlySeries';
import { monthIndex } from '../../src/domain/timeline';

const mission: Mission = {
  id: 'M',
  countries: ['Aland', 'Borduria'],
  years: [2015, 2016],
  bbox: [0, 0, 1, 1],
};
// GED covers Aland up to 2015 only; Borduria never.
const coverage: Coverage = {
  gedVersions: ['23.1'],
  years: [1989, 2015],
  scope: 'countries',
  countries: ['Aland'],
};

/** Rows: [gid, year, month, stateBest, stateLow, stateHigh, nsBest, nsLow, nsHigh]. */
function columns(rows: number[][]): CellMonthColumns {
  const col = (k: number) => rows.map((r) => r[k]!);
  return {
    length: rows.length,
    gid: col(0),
    year: col(1),
    month: col(2),
    stateBest: col(3),
    stateLow: col(4),
    stateHigh: col(5),
    nonStateBest: col(6),
    nonStateLow: col(7),
    nonStateHigh: col(8),
  };
}

const countryOf = (gid: number): string | null =>
  gid === 1 || gid === 4 ? 'Aland' : gid === 2 ? 'Borduria' : null;

describe('monthlySeries', () => {
  const series = monthlySeries({
    mission,
    coverage,
    countryOf,
    mapMonths: [monthIndex(2015, 7), monthIndex(2016, 2)],
    cellMonths: columns([
      [1, 2014, 5, 50, 50, 50, 0, 0, 0], // before the mission's years: ignored
      [1, 2015, 3, 2, 1, 3, 5, 4, 7],
      [4, 2015, 3, 0, 0, 0, 1, 1, 2],
      [2, 2015, 3, 0, 0, 0, 9, 9, 9], // Borduria: no violence data, left out
      [3, 2015, 12, 4, 4, 4, 0, 0, 0], // no cell-year: unplaced
      [1, 2016, 1, 8, 8, 8, 0, 0, 0], // Aland 2016 not covered
    ]),
  });

  it('sums the covered host countries per month and class, with low and high', () => {
    expect(series.rows).toHaveLength(24);
    const march = series.rows[2]!;
    expect(march).toMatchObject({ year: 2015, month: 3, partial: true });
    // 2 + 0 state; 5 + 1 non-state; low 4 + 1, high 7 + 2.
    expect(march.state).toEqual({ best: 2, low: 1, high: 3 });
    expect(march.nonstate).toEqual({ best: 6, low: 5, high: 9 });
    // A covered month without events is a known 0.
    expect(series.rows[0]!.state).toEqual({ best: 0, low: 0, high: 0 });
    expect(series.totals).toEqual({ state: 2, nonstate: 6 });
    expect(series.unplaced).toBe(1);
    expect(series.hasData).toBe(true);
  });

  it('leaves months without violence data null (a gap), never 0', () => {
    const jan2016 = series.rows[12]!;
    expect(jan2016).toMatchObject({ year: 2016, month: 1, state: null, nonstate: null });
    expect(jan2016.partial).toBe(false);
    expect(noDataRuns(series.rows)).toEqual([[monthIndex(2016, 1), monthIndex(2016, 12)]]);
    expect(series.missing).toEqual([
      { country: 'Aland', years: '2016' },
      { country: 'Borduria', years: '2015–2016' },
    ]);
  });

  it('marks the first and last deployment maps when they fall in the first and last years', () => {
    expect(series.missionMonths).toMatchObject({
      first: monthIndex(2015, 7),
      last: monthIndex(2016, 2),
      firstRule: 'map',
      lastRule: 'map',
    });
    expect(series.missionMonths?.text).toBe(
      'Mission months: first deployment map Jul 2015; last deployment map Feb 2016 (Geo-PKO).',
    );
  });

  it('falls back to January / December of the years with a location', () => {
    const m = missionMonths(mission, [monthIndex(2015, 7)]);
    expect(m).toMatchObject({ first: monthIndex(2015, 7), last: monthIndex(2016, 12) });
    expect(m?.lastRule).toBe('year');
    expect(missionMonths(mission, [])).toMatchObject({
      first: monthIndex(2015, 1),
      last: monthIndex(2016, 12),
      firstRule: 'year',
    });
    expect(missionMonths({ ...mission, years: [] }, [])).toBeNull();
  });

  it('has no data when no host country is covered', () => {
    const none = monthlySeries({
      mission,
      coverage: { ...coverage, countries: [] },
      countryOf,
      mapMonths: [],
      cellMonths: columns([]),
    });
    expect(none.hasData).toBe(false);
    expect(none.rows.every((r) => r.state === null && r.nonstate === null)).toBe(true);
  });
});
