import { describe, expect, it } from 'vitest';
import { createSelectors } from '../../src/data/selectors';
import { createTimelineSelectors } from '../../src/data/timelineSelectors';
import type { BaseMonth, CellMonth } from '../../src/domain/dataset';
import { monthIndex } from '../../src/domain/timeline';
import {
  carCell,
  cellYear,
  coverage,
  dataset,
  deployment,
  deployments,
} from '../fixtures/factories';

const CAR = 'Central African Republic';
const d = deployments([
  deployment({ location: 'Bangui', gid: carCell(0, 0) }, { 2014: 1000, 2015: 1500 }),
  deployment({ location: 'Bria', gid: carCell(4, 6) }, { 2014: 300, 2015: 200 }),
  deployment({ location: 'Kaga', gid: carCell(3, 2) }, { 2015: 150 }),
  deployment(
    { location: 'Goma', mission: 'MONUSCO', gid: carCell(30, 60), country: 'DR Congo' },
    { 2014: 5 },
  ),
]);
const bm = (baseId: string, year: number, month: number, troops: number | null): BaseMonth => ({
  baseId,
  mission: baseId.split(':')[0]!,
  year,
  month,
  troops,
  tcc: [],
  tccCount: null,
});
const cm = (
  gid: number,
  year: number,
  month: number,
  state: number,
  nonstate: number,
): CellMonth => ({
  gid,
  year,
  month,
  osvBest: state + nonstate,
  osvForeignBest: 0,
  osvStateLow: state,
  osvStateHigh: state,
  osvNonStateLow: nonstate,
  osvNonStateHigh: nonstate,
  osvStateBest: state,
  osvNonStateBest: nonstate,
});
const ds = dataset({
  ...d,
  cellYears: [
    cellYear({ gid: carCell(0, 0), year: 2014, state: 4, nonstate: 6 }),
    cellYear({ gid: carCell(9, 9), year: 2014, nonstate: 2, country: 'Chad' }),
  ],
  cellMonths: [
    cm(carCell(0, 0), 2014, 3, 4, 0),
    cm(carCell(0, 0), 2014, 7, 0, 6),
    cm(carCell(9, 9), 2014, 3, 0, 2),
  ],
  baseMonths: [
    { ...bm('MINUSCA:bangui', 2014, 10, 900), tcc: ['Nepal (500)', 'Rwanda (400)'], tccCount: 2 },
    bm('MINUSCA:bria', 2014, 10, null),
    { ...bm('MINUSCA:kaga', 2014, 10, 40), tccCount: 1 },
  ],
  coverage: coverage({ years: [1989, 2014] }),
});
const sel = createSelectors(ds);
const tsel = createTimelineSelectors(sel);

describe('timeline selectors', () => {
  it('memoizes: equal arguments give the identical object', () => {
    expect(tsel.totals('MINUSCA', 'all')).toBe(tsel.totals('MINUSCA', 'all'));
    expect(tsel.changes('MINUSCA', 2015)).toBe(tsel.changes('MINUSCA', 2015));
    expect(tsel.baseTweens(2014, 2015)).toBe(tsel.baseTweens(2014, 2015));
    expect(tsel.cellTweens(2014, 2015, 'all', [CAR])).toBe(
      tsel.cellTweens(2014, 2015, 'all', [CAR]),
    );
  });

  it('totals: OSV null where no data (2015 is outside coverage)', () => {
    expect(tsel.totals('MINUSCA', 'all').map((t) => [t.year, t.osv, t.troops])).toEqual([
      [2014, 10, 1300],
      [2015, null, 1850],
    ]);
  });

  it('changes carry the base names', () => {
    const c = tsel.changes('MINUSCA', 2015);
    expect(c.map((x) => [x.location, x.kind, x.troopsBefore, x.troopsAfter])).toEqual([
      ['Kaga', 'NEW', null, 150],
      ['Bangui', 'STRENGTHENED', 1000, 1500],
      ['Bria', 'REDUCED', 300, 200],
    ]);
    expect(tsel.changeCounts('MINUSCA', 2015)).toMatchObject({
      NEW: 1,
      STRENGTHENED: 1,
      REDUCED: 1,
    });
    expect(tsel.changes('MINUSCA', 2014).every((x) => x.kind === 'NEW')).toBe(true);
  });

  it('lifetimes carry names and positions', () => {
    const l = tsel.lifetimes('MINUSCA');
    expect(l.map((x) => x.location)).toEqual(['Bangui', 'Bria', 'Kaga']);
    expect(l[0]!.lon).toBe(d.bases[0]!.lon);
  });

  it('base tweens with the same year pair every base with itself', () => {
    const t = tsel.baseTweens(2015, 2015);
    expect(t.every((b) => b.from !== null && b.from === b.to)).toBe(true);
  });

  describe('monthly mode', () => {
    it('knows the steps and whether the source has months', () => {
      const s = tsel.monthSteps('MINUSCA');
      expect(s).toMatchObject({
        first: monthIndex(2014, 1),
        last: monthIndex(2015, 12),
        mapMonths: [monthIndex(2014, 10)],
        available: true,
      });
      // MONUSCO: no map months; its host country has no GED months in the fixture.
      expect(tsel.monthSteps('MONUSCO').available).toBe(false);
    });

    it('cells of a month: host countries only, filtered by perpetrator', () => {
      expect(tsel.cellsOfMonth(monthIndex(2014, 3), 'all', [CAR])).toEqual([
        { gid: carCell(0, 0), year: 2014, month: 3, value: 4 },
      ]);
      expect(tsel.cellsOfMonth(monthIndex(2014, 3), 'nonstate', [CAR])).toEqual([]);
      expect(tsel.cellsOfMonth(monthIndex(2014, 7), 'nonstate', [CAR])).toHaveLength(1);
    });

    it('the top list of a month: most killed that month first, at most `limit`', () => {
      // March 2014: 4 killed in the CAR cell, 2 in the Chad cell.
      const march = monthIndex(2014, 3);
      expect(tsel.topCellsOfMonth(march, 'all', [CAR, 'Chad'], 10).map((c) => c.value)).toEqual([
        4, 2,
      ]);
      expect(tsel.topCellsOfMonth(march, 'all', [CAR, 'Chad'], 1)).toEqual([
        { gid: carCell(0, 0), year: 2014, month: 3, value: 4 },
      ]);
      // July: only the non-state killing of 6.
      expect(tsel.topCellsOfMonth(monthIndex(2014, 7), 'all', [CAR], 10)).toEqual([
        { gid: carCell(0, 0), year: 2014, month: 7, value: 6 },
      ]);
    });

    it('bases of a month use the latest map month, else the yearly positions', () => {
      const before = tsel.basesOfMonth('MINUSCA', monthIndex(2014, 9));
      expect(before.mapMonth).toBeNull();
      expect(before.views).toBe(sel.basesOfYear(2014));

      const at = tsel.basesOfMonth('MINUSCA', monthIndex(2015, 2));
      expect(at.mapMonth).toBe(monthIndex(2014, 10));
      const mine = at.views.filter((v) => v.by.mission === 'MINUSCA');
      expect(mine.map((v) => [v.base.location, v.by.troops]).sort()).toEqual([
        ['Bangui', 900],
        ['Bria', null],
        ['Kaga', 40],
      ]);
      // Positioned by the map year's base-year, or the base's position when it had none.
      const kaga = mine.find((v) => v.base.location === 'Kaga')!;
      expect([kaga.by.lon, kaga.by.lat]).toEqual([kaga.base.lon, kaga.base.lat]);
      // Contributors: the map's own where it codes them (names, or only a count), else the
      // year's (TCCMap; Bria's 2014 base-year names none in this fixture).
      const of = (loc: string) => mine.find((v) => v.base.location === loc)!.by;
      expect([of('Bangui').tcc, of('Bangui').tccCount]).toEqual([
        ['Nepal (500)', 'Rwanda (400)'],
        2,
      ]);
      expect([of('Kaga').tcc, of('Kaga').tccCount]).toEqual([[], 1]);
      expect([of('Bria').tcc, of('Bria').tccCount]).toEqual([[], null]);
      expect(sel.basesOfYear(2014).find((v) => v.base.location === 'Bangui')!.by.tcc).toEqual([]);
      // Other missions keep their yearly bases.
      expect(at.views.some((v) => v.by.mission === 'MONUSCO')).toBe(false);
      expect(
        tsel
          .basesOfMonth('MINUSCA', monthIndex(2014, 11))
          .views.some((v) => v.by.mission === 'MONUSCO'),
      ).toBe(true);
    });
  });
});

describe('monthly tweens', () => {
  it('pairs the bases and cells of two months', () => {
    const a = monthIndex(2014, 9);
    const b = monthIndex(2014, 10);
    const bases = tsel.monthBaseTweens('MINUSCA', a, b);
    const bangui = bases.find((x) => x.base.id === 'MINUSCA:bangui')!;
    expect([bangui.from?.troops, bangui.to?.troops]).toEqual([1000, 900]);
    // Kaga is on the October 2014 map only (its base-years start in 2015).
    expect(bases.find((x) => x.base.id === 'MINUSCA:kaga')).toMatchObject({ from: null });
    const cells = tsel.cellMonthTweens(monthIndex(2014, 3), monthIndex(2014, 4), 'all', [CAR]);
    expect(cells).toEqual([{ gid: carCell(0, 0), value: 4, from: 4, to: null }]);
  });
});
