import { describe, expect, it } from 'vitest';
import { createSelectors } from '../../src/data/selectors';
import { createTimelineSelectors } from '../../src/data/timelineSelectors';
import { cellYearsOf, decodeDataset, encodeDataset } from '../../src/domain/encoding';
import { base, baseYear, cellYear, dataset } from '../fixtures/factories';

/** MINUSCA-like fixture: 2 cells in 2015 (one in Sudan), 1 in 2016, 1 in 2017. */
function decoded() {
  const b = base({ location: 'Bangui', gid: 300 });
  const ds = dataset({
    bases: [b],
    baseYears: [2015, 2016, 2017].map((year) => baseYear(b, year, { troops: 100 })),
    cellYears: [
      cellYear({ gid: 300, year: 2015, nonstate: 5 }),
      cellYear({ gid: 301, year: 2015, nonstate: 2, country: 'Sudan' }),
      cellYear({ gid: 300, year: 2016, state: 3 }),
      cellYear({ gid: 302, year: 2017, state: 1 }),
    ],
  });
  return decodeDataset(JSON.parse(JSON.stringify(encodeDataset(ds))) as Record<string, unknown>);
}

describe('selectors on typed columns', () => {
  it('make row objects only for the year drawn', () => {
    const ds = decoded();
    const sel = createSelectors(ds);
    const cells = sel.cellsOf(2015, 'all', ['Central African Republic']);
    expect(cells.map((c) => [c.gid, c.value])).toEqual([[300, 5]]);
    // One row made: the drawn cell of 2015 (the Sudanese one is filtered on the columns).
    expect(cellYearsOf(ds).rowsMade()).toBe(1);
    expect(sel.cellYear(300, 2016)?.osv.best).toBe(3);
    expect(cellYearsOf(ds).rowsMade()).toBe(2);
  });

  it('mission totals come from the columns', () => {
    const ds = decoded();
    const tsel = createTimelineSelectors(createSelectors(ds));
    // Host-country OSV per year: 2015 5 (Sudan's 2 left out), 2016 3, 2017 1.
    expect(tsel.totals('MINUSCA', 'all').map((t) => [t.year, t.osv])).toEqual([
      [2015, 5],
      [2016, 3],
      [2017, 1],
    ]);
    expect(cellYearsOf(ds).rowsMade()).toBe(0);
  });
});
