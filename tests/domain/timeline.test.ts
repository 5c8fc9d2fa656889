import { describe, expect, it } from 'vitest';
import {
  baseLifetimes,
  cellMonthValue,
  ease,
  lerp,
  mapMonthAt,
  mapMonths,
  missionTotals,
  monthIndex,
  monthLabel,
  monthOf,
  pairBy,
} from '../../src/domain/timeline';
import type { BaseMonth } from '../../src/domain/dataset';
import {
  carCell,
  cellYear,
  coverage,
  deployment,
  deployments,
  mission,
} from '../fixtures/factories';

const CAR = 'Central African Republic';
const TCHAD = 'Chad';

describe('missionTotals', () => {
  const d = deployments([
    deployment({ location: 'Bangui' }, { 2014: 1000, 2015: 1500, 2016: null, 2018: 700 }),
    deployment({ location: 'Bria' }, { 2014: 200, 2015: 0, 2018: 300 }),
  ]);
  const m = mission('MINUSCA', d.bases, d.baseYears);
  const cells = [
    cellYear({ gid: carCell(0, 0), year: 2014, state: 10, nonstate: 5 }),
    cellYear({ gid: carCell(1, 0), year: 2014, nonstate: 20 }),
    cellYear({ gid: carCell(0, 0), year: 2015, state: 3 }),
    // Another country's cell in the box: not a host country of the mission.
    cellYear({ gid: carCell(2, 0), year: 2015, nonstate: 99, country: TCHAD }),
  ];
  const data = {
    cellYears: cells,
    baseYears: d.baseYears,
    coverage: coverage({ years: [1989, 2016] }),
  };

  it('sums OSV and troops per year, gap years included', () => {
    const t = missionTotals(data, m);
    expect(t.map((x) => x.year)).toEqual([2014, 2015, 2016, 2017, 2018]);
    expect(t[0]).toMatchObject({
      year: 2014,
      osv: 35,
      troops: 1200,
      bases: 2,
      unknownTroopBases: 0,
    });
    expect(t[1]).toMatchObject({ year: 2015, osv: 3, troops: 1500, bases: 2 });
  });

  it('filters by perpetrator', () => {
    const t = missionTotals(data, m, 'state');
    expect(t[0]!.osv).toBe(10);
    expect(missionTotals(data, m, 'nonstate')[0]!.osv).toBe(25);
  });

  it('is null, not zero, where no violence data is loaded', () => {
    const t = missionTotals(data, m);
    // Covered and no events: zero. Outside coverage (after 2016): null, with the country named.
    expect(t[2]).toMatchObject({ year: 2016, osv: 0 });
    expect(t[3]).toMatchObject({ year: 2017, osv: null, missingCountries: [CAR] });
    expect(t[4]!.osv).toBeNull();
  });

  it('keeps unknown troops apart and gap years at troops null', () => {
    const t = missionTotals(data, m);
    expect(t[2]).toMatchObject({ year: 2016, troops: 0, bases: 1, unknownTroopBases: 1 });
    expect(t[3]).toMatchObject({ year: 2017, troops: null, bases: 0 });
    expect(t[4]).toMatchObject({ year: 2018, troops: 1000, bases: 2 });
  });

  it('is empty for a mission without years', () => {
    expect(missionTotals(data, { id: 'X', countries: [CAR], years: [] })).toEqual([]);
  });
});

describe('baseLifetimes', () => {
  const d = deployments([
    deployment({ location: 'Bria' }, { 2015: 100, 2016: 200, 2019: 50, 2020: null }),
    deployment({ location: 'Bangui' }, { 2014: 1000, 2015: 1200 }),
    deployment({ location: 'Obo' }, { 2014: null }),
    deployment({ location: 'Goma', mission: 'MONUSCO' }, { 2014: 10 }),
  ]);

  it('keeps interruptions as separate spans', () => {
    const [bangui, obo, bria] = baseLifetimes(d.baseYears, 'MINUSCA');
    expect(bria).toMatchObject({
      baseId: 'MINUSCA:bria',
      spans: [
        { from: 2015, to: 2016 },
        { from: 2019, to: 2020 },
      ],
      first: 2015,
      last: 2020,
      gaps: 1,
      maxTroops: 200,
    });
    expect(bria!.years.map((y) => y.troops)).toEqual([100, 200, 50, null]);
    expect(bangui).toMatchObject({ spans: [{ from: 2014, to: 2015 }], gaps: 0, maxTroops: 1200 });
    expect(obo!.maxTroops).toBeNull();
  });

  it('orders by first year, longest first, then id, and only the mission', () => {
    const ids = baseLifetimes(d.baseYears, 'MINUSCA').map((l) => l.baseId);
    expect(ids).toEqual(['MINUSCA:bangui', 'MINUSCA:obo', 'MINUSCA:bria']);
    expect(baseLifetimes(d.baseYears, 'MONUSCO').map((l) => l.baseId)).toEqual(['MONUSCO:goma']);
  });
});

describe('pairBy, lerp, ease', () => {
  it('pairs present, leaving and arriving rows', () => {
    const p = pairBy(
      [
        { k: 'a', v: 1 },
        { k: 'b', v: 2 },
      ],
      [
        { k: 'c', v: 3 },
        { k: 'a', v: 4 },
      ],
      (r) => r.k,
    );
    expect(p.map((x) => [x.key, x.from?.v ?? null, x.to?.v ?? null])).toEqual([
      ['a', 1, 4],
      ['b', 2, null],
      ['c', null, 3],
    ]);
  });

  it('interpolates with clamped t and eases symmetrically', () => {
    expect(lerp(10, 20, 0.25)).toBe(12.5);
    expect(lerp(10, 20, 2)).toBe(20);
    expect(lerp(10, 20, Number.NaN)).toBe(10);
    expect(ease(0)).toBe(0);
    expect(ease(1)).toBe(1);
    expect(ease(0.5)).toBe(0.5);
    expect(ease(0.25)).toBeLessThan(0.25);
    expect(ease(0.25) + ease(0.75)).toBeCloseTo(1);
  });
});

describe('months', () => {
  it('round-trips month indices', () => {
    expect(monthIndex(2017, 1) + 1).toBe(monthIndex(2017, 2));
    expect(monthIndex(2017, 12) + 1).toBe(monthIndex(2018, 1));
    for (const [y, m] of [
      [2014, 1],
      [2014, 12],
      [2020, 6],
    ] as const)
      expect(monthOf(monthIndex(y, m))).toEqual({ year: y, month: m });
    expect(monthLabel(monthIndex(2017, 3))).toBe('Mar 2017');
  });

  const bm = (year: number, month: number, mission = 'MINUSCA'): BaseMonth => ({
    baseId: `${mission}:x`,
    mission,
    year,
    month,
    troops: 1,
    tcc: [],
    tccCount: null,
  });

  it('lists distinct map months of a mission, sorted', () => {
    const rows = [bm(2015, 2), bm(2014, 10), bm(2014, 10), bm(2014, 12), bm(2014, 11, 'MONUSCO')];
    expect(mapMonths(rows, 'MINUSCA')).toEqual([
      monthIndex(2014, 10),
      monthIndex(2014, 12),
      monthIndex(2015, 2),
    ]);
  });

  it('carries a map forward for at most maxAge months', () => {
    const months = [monthIndex(2014, 10), monthIndex(2015, 2)];
    expect(mapMonthAt(months, monthIndex(2014, 9))).toBeNull();
    expect(mapMonthAt(months, monthIndex(2014, 10))).toBe(monthIndex(2014, 10));
    expect(mapMonthAt(months, monthIndex(2015, 1))).toBe(monthIndex(2014, 10));
    expect(mapMonthAt(months, monthIndex(2015, 7))).toBe(monthIndex(2015, 2));
    expect(mapMonthAt(months, monthIndex(2016, 1))).toBe(monthIndex(2015, 2));
    expect(mapMonthAt(months, monthIndex(2016, 2))).toBeNull();
    expect(mapMonthAt(months, monthIndex(2015, 7), 3)).toBeNull();
  });

  it('picks the cell-month value of a perpetrator filter', () => {
    const c = {
      gid: 1,
      year: 2014,
      month: 3,
      osvBest: 7,
      osvStateBest: 2,
      osvNonStateBest: 5,
      osvForeignBest: 1,
      osvStateLow: 2,
      osvStateHigh: 2,
      osvNonStateLow: 5,
      osvNonStateHigh: 5,
    };
    expect([
      cellMonthValue(c, 'all'),
      cellMonthValue(c, 'state'),
      cellMonthValue(c, 'host'),
      cellMonthValue(c, 'foreign'),
      cellMonthValue(c, 'nonstate'),
    ]).toEqual([7, 2, 1, 1, 5]);
  });
});
