import { describe, expect, it } from 'vitest';
import { INT_NULL } from '../../src/domain/columns';
import {
  cellMonthsOf,
  cellYearsOf,
  DATA_FILES,
  DataFormatError,
  decodeDataset,
  encodeDataset,
} from '../../src/domain/encoding';
import { cellYear, dataset, estimate } from '../fixtures/factories';

/** Three cell-years in two years, stored out of order (the file sorts by year, then gid). */
function threeCells() {
  return dataset({
    cellYears: [
      cellYear({ gid: 500, year: 2016, state: 4, nonstate: 1, country: 'Sudan' }),
      cellYear({
        gid: 300,
        year: 2015,
        state: 2,
        nonstate: 5,
        region: 'Ouaka',
        osvForeign: estimate(1),
        topPerpetrators: [{ name: 'Anti-balaka', perpetrator: 'nonstate', best: 5 }],
      }),
      cellYear({ gid: 200, year: 2015, nonstate: 3 }),
    ],
    cellMonths: [
      {
        gid: 300,
        year: 2015,
        month: 4,
        osvBest: 7,
        osvStateBest: 2,
        osvNonStateBest: 5,
        osvForeignBest: 1,
        osvStateLow: 1,
        osvStateHigh: 3,
        osvNonStateLow: 5,
        osvNonStateHigh: 9,
      },
    ],
  });
}

const viaJson = (files: Record<string, unknown>): Record<string, unknown> =>
  JSON.parse(JSON.stringify(files)) as Record<string, unknown>;

describe('typed cell-year columns', () => {
  it('decodes into typed arrays in stored (year, gid) order', () => {
    const ds = decodeDataset(viaJson(encodeDataset(threeCells())));
    const t = cellYearsOf(ds);
    expect(t.length).toBe(3);
    expect(t.gid).toBeInstanceOf(Int32Array);
    expect([...t.gid]).toEqual([200, 300, 500]);
    expect([...t.year]).toEqual([2015, 2015, 2016]);
    expect([...t.country].map((c) => t.countries[c])).toEqual([
      'Central African Republic',
      'Central African Republic',
      'Sudan',
    ]);
    // No region: code −1.
    expect([...t.region].map((c) => (c < 0 ? null : t.regions[c]))).toEqual([null, 'Ouaka', null]);
    expect([...t.int('osvBest').values]).toEqual([3, 7, 5]);
    // A top perpetrator's best where there is none: the null sentinel.
    expect(t.int('top1Best').values[0]).toBe(INT_NULL);
    expect(t.int('top1Best').values[1]).toBe(5);
  });

  it('gives best fatalities per perpetrator filter without making rows', () => {
    const t = cellYearsOf(decodeDataset(viaJson(encodeDataset(threeCells()))));
    // Row 1 is gid 300: state 2 (1 of it foreign), non-state 5.
    expect(t.osvBest(1, 'all')).toBe(7);
    expect(t.osvBest(1, 'state')).toBe(2);
    expect(t.osvBest(1, 'nonstate')).toBe(5);
    expect(t.osvBest(1, 'foreign')).toBe(1);
    expect(t.osvBest(1, 'host')).toBe(1);
  });

  it('indexes rows by year and by cell', () => {
    const t = cellYearsOf(decodeDataset(viaJson(encodeDataset(threeCells()))));
    expect([...t.yearRows(2015)]).toEqual([0, 1]);
    expect([...t.yearRows(2016)]).toEqual([2]);
    expect([...t.yearRows(1999)]).toEqual([]);
    expect(t.years()).toEqual([2015, 2016]);
    expect(t.indexOf(500, 2016)).toBe(2);
    expect(t.indexOf(500, 2015)).toBe(-1);
  });

  it('makes each row once, and the lazy row list is made of the same objects', () => {
    const src = threeCells();
    const ds = decodeDataset(viaJson(encodeDataset(src)));
    const t = cellYearsOf(ds);
    const r = t.row(1);
    expect(t.row(1)).toBe(r);
    expect(r).toEqual(src.cellYears[1]);
    expect(ds.cellYears[1]).toBe(r);
    expect(ds.cellYears).toEqual([src.cellYears[2], src.cellYears[1], src.cellYears[0]]);
  });

  it('replacing the rows of a decoded dataset detaches its table', () => {
    const ds = decodeDataset(viaJson(encodeDataset(threeCells())));
    const only = [cellYear({ gid: 9, year: 2001, nonstate: 1 })];
    ds.cellYears = only;
    expect(ds.cellYears).toBe(only);
    const t = cellYearsOf(ds);
    expect(t.length).toBe(1);
    expect(t.row(0)).toBe(only[0]);
  });

  it('a dataset built in code gets a table over its own row objects, in its own order', () => {
    const ds = threeCells();
    const t = cellYearsOf(ds);
    expect(cellYearsOf(ds)).toBe(t);
    expect([...t.gid]).toEqual([500, 300, 200]);
    expect(t.row(0)).toBe(ds.cellYears[0]);
    expect([...t.yearRows(2015)]).toEqual([1, 2]);
    // (year, gid) order: 2015/200, 2015/300, 2016/500.
    expect([...t.order()]).toEqual([2, 1, 0]);
  });

  it('cell-months are typed columns too', () => {
    const ds = decodeDataset(viaJson(encodeDataset(threeCells())));
    const m = cellMonthsOf(ds);
    expect([...m.int('month').values]).toEqual([4]);
    expect(ds.cellMonths).toEqual(threeCells().cellMonths);
    expect(ds.cellMonths[0]).toBe(m.row(0));
  });

  it('refuses a whole number outside the 32-bit range, naming column and row', () => {
    const files = viaJson(encodeDataset(threeCells()));
    const cy = files[DATA_FILES.cellYears] as { columns: string[]; data: unknown[][] };
    const at = cy.columns.indexOf('osvStateBest');
    cy.data[at]![0] = 3_000_000_000;
    expect(() => decodeDataset(files)).toThrow(DataFormatError);
    expect(() => decodeDataset(files)).toThrow(
      /cell_years\.json: column "osvStateBest" row \d: expected a whole number within/,
    );
  });
});
