import { describe, expect, it } from 'vitest';
import { createMonthlySelectors } from '../../src/data/monthlySelectors';
import type { CellMonth } from '../../src/domain/dataset';
import { monthIndex } from '../../src/domain/timeline';
import { baseMonth } from '../fixtures/factories';
import { LAG_CELLS, lagScenarioDataset } from '../fixtures/lagScenario';

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
  osvStateBest: state,
  osvNonStateBest: nonstate,
  osvForeignBest: 0,
  osvStateLow: state,
  osvStateHigh: state + 1,
  osvNonStateLow: nonstate,
  osvNonStateHigh: nonstate * 2,
});

function scenario() {
  const ds = lagScenarioDataset();
  const alpha = ds.bases.find((b) => b.location === 'Alpha')!;
  return {
    ...ds,
    // N 2015 (a cell-year of the CAR): March; A 2014: May. No cell-year for N in 2018.
    cellMonths: [
      cm(LAG_CELLS.N, 2015, 3, 2, 30),
      cm(LAG_CELLS.A, 2014, 5, 0, 20),
      cm(LAG_CELLS.N, 2018, 1, 9, 9),
    ],
    baseMonths: [baseMonth(alpha, 2014, 2, 100), baseMonth(alpha, 2014, 8, 300)],
  };
}

describe('monthly selectors', () => {
  it('sums the series from the cell-month columns, with the cell-years’ countries', () => {
    const ds = scenario();
    const sel = createMonthlySelectors(ds);
    const mission = ds.bases.find((b) => b.location === 'Alpha')!.mission;
    const s = sel.series(mission)!;
    const march2015 = s.rows.find((r) => r.index === monthIndex(2015, 3))!;
    expect(march2015.state).toEqual({ best: 2, low: 2, high: 3 });
    expect(march2015.nonstate).toEqual({ best: 30, low: 30, high: 60 });
    expect(s.unplaced).toBe(1); // N 2018 has no cell-year
    expect(sel.series(mission)).toBe(s);
    expect(sel.series('NOPE')).toBeNull();
  });

  it('runs the monthly lag analysis for the perpetrator filter, memoized', () => {
    const ds = scenario();
    const sel = createMonthlySelectors(ds);
    const mission = ds.bases.find((b) => b.location === 'Alpha')!.mission;
    const p = { theta: 10, reach: 0, window: 1, delta: 1, initialDeployment: true };
    const all = sel.lag(mission, p, 'all')!;
    // A: 20 killed in May 2014; Alpha 100 → 300 on the Aug 2014 map: 3 months.
    expect(all.episodes.map((e) => [e.gid, e.onset, e.category, e.lagMonths])).toEqual([
      [LAG_CELLS.A, monthIndex(2014, 5), 'RESPONDED_LATE', 3],
    ]);
    expect(sel.lag(mission, p, 'all')).toBe(all);
    expect(sel.lag(mission, p, 'state')!.episodes).toEqual([]);
  });
});
