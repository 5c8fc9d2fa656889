import { describe, expect, it } from 'vitest';
import type { Base, BaseMonth, Coverage } from '../../src/domain/dataset';
import {
  mapInForce,
  runMonthlyLag,
  type MonthlyLagInput,
  type MonthlyLagParams,
} from '../../src/domain/lagMonthly';
import { monthIndex } from '../../src/domain/timeline';

const mi = (year: number, month: number) => monthIndex(year, month);
const base = (id: string, gid: number): Base => ({
  id,
  mission: 'M',
  location: id,
  country: 'Aland',
  lat: 0,
  lon: 0,
  gid,
});
const bm = (baseId: string, year: number, month: number, troops: number | null): BaseMonth => ({
  baseId,
  mission: 'M',
  year,
  month,
  troops,
  tcc: [],
  tccCount: null,
});
const coverage: Coverage = {
  gedVersions: ['23.1'],
  years: [1989, 2022],
  scope: 'countries',
  countries: ['Aland'],
};

// Maps: Jan, Apr, Jul, Oct 2015. b1 (cell 1000): 100, 100, 300, 300. b2 (cell 5000): –, 50, –, 50.
const input: MonthlyLagInput = {
  mission: 'M',
  bases: [base('b1', 1000), base('b2', 5000)],
  baseMonths: [
    bm('b1', 2015, 1, 100),
    bm('b1', 2015, 4, 100),
    bm('b2', 2015, 4, 50),
    bm('b1', 2015, 7, 300),
    bm('b1', 2015, 10, 300),
    bm('b2', 2015, 10, 50),
  ],
  violence: [
    { gid: 1000, index: mi(2014, 12), value: 50 }, // before the first map: not analysed
    { gid: 1000, index: mi(2015, 2), value: 6 },
    { gid: 1000, index: mi(2015, 3), value: 7 },
    { gid: 1000, index: mi(2015, 5), value: 2 }, // under θ
    { gid: 1000, index: mi(2015, 9), value: 8 },
    { gid: 1000, index: mi(2015, 11), value: 50 }, // after the last map: not analysed
    { gid: 5000, index: mi(2015, 4), value: 10 },
    { gid: 3000, index: mi(2015, 1), value: 20 },
    { gid: 1001, index: mi(2015, 2), value: 9 },
  ],
  countryOf: () => 'Aland',
  countries: ['Aland'],
  coverage,
};
const params: MonthlyLagParams = {
  theta: 5,
  reach: 0,
  window: 1,
  delta: 1,
  initialDeployment: true,
};

const summary = (r: ReturnType<typeof runMonthlyLag>) =>
  r.episodes.map((e) => [e.gid, e.onset, e.end, e.fatalities, e.category, e.lagMonths]);

describe('runMonthlyLag', () => {
  it('finds episodes of months and responses map to map (W = 1 year = 12 months)', () => {
    const r = runMonthlyLag(input, params);
    expect(r.available).toBe(true);
    expect(r.mapMonths).toEqual([mi(2015, 1), mi(2015, 4), mi(2015, 7), mi(2015, 10)]);
    expect([r.from, r.to]).toEqual([mi(2015, 1), mi(2015, 10)]);
    expect(summary(r)).toEqual([
      // Jan onset, no base in reach ever; Jan + 12 > Oct: window not complete.
      [3000, mi(2015, 1), mi(2015, 1), 20, 'TOO_RECENT', null],
      // Feb–Mar: b1 strengthened 100 → 300 on the Jul map: 5 months.
      [1000, mi(2015, 2), mi(2015, 3), 13, 'RESPONDED_LATE', 5],
      // b2's first map with troops is Apr, the onset month.
      [5000, mi(2015, 4), mi(2015, 4), 10, 'RESPONDED_SAME_MONTH', 0],
      [1001, mi(2015, 2), mi(2015, 2), 9, 'TOO_RECENT', null],
      [1000, mi(2015, 9), mi(2015, 9), 8, 'TOO_RECENT', null],
    ]);
    expect(r.episodes[0]!.censoredStart).toBe(true);
    // The Sep episode: the Jul map carried forward, 300 troops in the cell.
    const sep = r.episodes.find((e) => e.onset === mi(2015, 9))!;
    expect([sep.mapAtOnset, sep.troopsAtOnset]).toEqual([mi(2015, 7), 300]);
    expect(r.byCategory).toMatchObject({
      RESPONDED_LATE: 1,
      RESPONDED_SAME_MONTH: 1,
      TOO_RECENT: 3,
    });
    expect(r.responseRate).toBe(1);
    expect(r.medianLag).toBe(2.5);
    expect(r.analysedMonths).toBe(10);
    expect(r.missing).toEqual([]);
  });

  it('judges episodes with a window of 0: present, not strengthened, and not responded', () => {
    const r = runMonthlyLag(input, { ...params, window: 0 });
    expect(summary(r)).toEqual([
      // Jan: b1's first map is the initial deployment, but not in cell 3000.
      [3000, mi(2015, 1), mi(2015, 1), 20, 'NOT_RESPONDED', null],
      // Feb: no map in Feb; the Jan map carried forward has 100 troops in the cell.
      [1000, mi(2015, 2), mi(2015, 3), 13, 'PRESENT_NOT_STRENGTHENED', null],
      [5000, mi(2015, 4), mi(2015, 4), 10, 'RESPONDED_SAME_MONTH', 0],
      [1001, mi(2015, 2), mi(2015, 2), 9, 'NOT_RESPONDED', null],
      [1000, mi(2015, 9), mi(2015, 9), 8, 'PRESENT_NOT_STRENGTHENED', null],
    ]);
    // 1 responded of 5 judged.
    expect(r.responseRate).toBe(0.2);
    expect(r.medianLag).toBe(0);
  });

  it('counts bases within reach r, Δ and the initial deployment', () => {
    // Cell 1001 is east of 1000: with r = 1 the Jul strengthening is in reach (5 months).
    const r1 = runMonthlyLag(input, { ...params, reach: 1 });
    expect(r1.episodes.find((e) => e.gid === 1001)).toMatchObject({
      category: 'RESPONDED_LATE',
      lagMonths: 5,
    });
    // Δ 201: +200 no longer counts; the Feb episode finds no response.
    const big = runMonthlyLag(input, { ...params, delta: 201, window: 0 });
    expect(big.episodes.find((e) => e.onset === mi(2015, 2) && e.gid === 1000)?.category).toBe(
      'PRESENT_NOT_STRENGTHENED',
    );
    // An episode in cell 1000 at the first map: responded by the initial deployment only when on.
    const first = { ...input, violence: [{ gid: 1000, index: mi(2015, 1), value: 5 }] };
    expect(runMonthlyLag(first, params).episodes[0]).toMatchObject({
      category: 'RESPONDED_SAME_MONTH',
      initialDeployment: true,
    });
    expect(
      runMonthlyLag(first, { ...params, initialDeployment: false }).episodes[0]?.category,
    ).toBe('RESPONDED_LATE'); // the Jul strengthening, 6 months later
  });

  it('leaves months without violence data out, never 0, and needs map-level data', () => {
    const r = runMonthlyLag({ ...input, coverage: { ...coverage, years: [1989, 2014] } }, params);
    expect(r.episodes).toEqual([]);
    expect(r.analysedMonths).toBe(0);
    expect(r.missing).toEqual([{ country: 'Aland', year: 2015 }]);
    const none = runMonthlyLag({ ...input, baseMonths: [] }, params);
    expect(none.available).toBe(false);
    expect(none.responseRate).toBeNull();
  });

  it('carries the last map forward', () => {
    expect(mapInForce([10, 13, 16], 9)).toBeNull();
    expect(mapInForce([10, 13, 16], 10)).toBe(10);
    expect(mapInForce([10, 13, 16], 15)).toBe(13);
    expect(mapInForce([10, 13, 16], 40)).toBe(16);
  });
});
