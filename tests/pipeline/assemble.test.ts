import { describe, expect, it } from 'vitest';
import type { NumberColumns } from '../../src/pipeline/duck';
import { assembleCellYears } from '../../src/pipeline/ged';

/** Numeric query rows as the column-wise result DuckDB hands over. */
function columns(rows: number[][]): NumberColumns {
  const width = rows[0]?.length ?? 0;
  return {
    length: rows.length,
    columns: Array.from({ length: width }, (_, c) =>
      Float64Array.from(rows, (r) => r[c] as number),
    ),
  };
}

// cc rows: year, gid, cat (0 OSV state, 1 OSV non-state, 2 state-based, 3 non-state), country
// rank, best, low, high, events. tops rows: year, gid, perpetrator rank, best, cat.
const COUNTRIES = ['Chad', 'Central African Republic', 'Sudan'];
const PERPS = ['Anti-balaka', 'Government of Chad', 'LRA', 'Seleka', 'UPC'];

describe('assembleCellYears', () => {
  it('pivots categories into estimates and adds osv = state + non-state', () => {
    const cc = columns([
      [2015, 10, 0, 1, 3, 2, 4, 1],
      [2015, 10, 1, 1, 7, 6, 9, 2],
      [2015, 10, 2, 1, 5, 5, 5, 1],
      [2016, 10, 3, 1, 2, 1, 3, 1],
    ]);
    const out = assembleCellYears(cc, columns([[2015, 10, 1, 3, 0]]), COUNTRIES, PERPS);
    expect(out.length).toBe(2);
    const col = (n: string): unknown[] => Array.from(out.columns[n] as ArrayLike<unknown>);
    expect(col('year')).toEqual([2015, 2016]);
    expect(col('osvStateBest')).toEqual([3, 0]);
    expect(col('osvNonStateHigh')).toEqual([9, 0]);
    expect(col('osvBest')).toEqual([10, 0]);
    expect(col('osvLow')).toEqual([8, 0]);
    expect(col('osvEvents')).toEqual([3, 0]);
    expect(col('stateBasedBest')).toEqual([5, 0]);
    expect(col('nonStateConflictEvents')).toEqual([0, 1]);
    expect(col('top1Name')).toEqual(['Government of Chad', null]);
    expect(col('top1Class')).toEqual(['state', null]);
  });

  it('picks the country with most fatalities (all types), then events, then name', () => {
    const cc = columns([
      // 2015: Sudan 6 fatalities over two categories beats Chad 5.
      [2015, 10, 2, 0, 5, 5, 5, 1],
      [2015, 10, 2, 2, 3, 3, 3, 1],
      [2015, 10, 3, 2, 3, 3, 3, 1],
      // 2016: a tie on fatalities, CAR has more events.
      [2016, 10, 2, 0, 4, 4, 4, 1],
      [2016, 10, 2, 1, 4, 4, 4, 3],
      // 2017: tie on both, the first name (rank) wins.
      [2017, 10, 2, 2, 4, 4, 4, 1],
      [2017, 10, 2, 0, 4, 4, 4, 1],
    ]);
    const out = assembleCellYears(cc, columns([]), COUNTRIES, PERPS);
    expect(out.columns.country).toEqual(['Sudan', 'Central African Republic', 'Chad']);
  });

  it('keeps the top 3 OSV perpetrators by fatalities, ties by name; classes from the category', () => {
    const cc = columns([
      [2015, 10, 1, 0, 20, 20, 20, 6],
      [2015, 11, 1, 0, 1, 1, 1, 1],
    ]);
    const tops = columns([
      [2015, 10, 4, 5, 1],
      [2015, 10, 3, 5, 1],
      [2015, 10, 1, 2, 0],
      [2015, 10, 0, 7, 1],
      [2015, 10, 2, 1, 1],
      [2015, 11, 2, 1, 1],
    ]);
    const out = assembleCellYears(cc, tops, COUNTRIES, PERPS);
    const at = (n: string): unknown[] => Array.from(out.columns[n] as ArrayLike<unknown>);
    expect([at('top1Name'), at('top2Name'), at('top3Name')]).toEqual([
      ['Anti-balaka', 'LRA'],
      ['Seleka', null],
      ['UPC', null],
    ]);
    expect([at('top1Best'), at('top2Best'), at('top3Best')]).toEqual([
      [7, 1],
      [5, null],
      [5, null],
    ]);
    expect(at('top1Class')).toEqual(['nonstate', 'nonstate']);
  });
});
