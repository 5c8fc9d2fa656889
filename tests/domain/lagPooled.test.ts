/**
 * The pooled lag analysis on the hand-computed scenario of tests/fixtures/pooledScenario.ts
 * (every expected value below is worked out by hand from the table there), and the Wilson
 * interval against published values.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LAG_PARAMS } from '../../src/domain/lagTypes';
import {
  analyzePooled,
  parsePooledYears,
  PooledYearsError,
  wilsonInterval,
} from '../../src/domain/lagPooled';
import {
  formatPooledSummary,
  RESPONSIVENESS_CSV_HEADER,
  responsivenessToCsv,
} from '../../src/domain/lagPooledCsv';
import { POOLED_CELLS, pooledScenarioDataset } from '../fixtures/pooledScenario';

const { A, X, S, Z } = POOLED_CELLS;
const counts = (bins: { cellYears: number; enhanced: number }[]) =>
  bins.map((b) => [b.cellYears, b.enhanced]);

describe('wilsonInterval', () => {
  it('matches the textbook values', () => {
    // 5 of 10: [0.2366, 0.7634]; 0 of 15: [0, z²/(n+z²)] = [0, 0.2039]; 1 of 1: [0.2065, 1].
    const a = wilsonInterval(5, 10)!;
    expect(a.low).toBeCloseTo(0.2366, 4);
    expect(a.high).toBeCloseTo(0.7634, 4);
    const b = wilsonInterval(0, 15)!;
    expect(b.low).toBe(0);
    expect(b.high).toBeCloseTo(3.8415 / 18.8415, 4);
    const c = wilsonInterval(1, 1)!;
    expect(c.low).toBeCloseTo(0.2065, 4);
    expect(c.high).toBe(1);
  });
  it('gives no interval for an empty bin', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('parsePooledYears', () => {
  it('reads open and closed ranges', () => {
    expect(parsePooledYears(undefined, undefined)).toEqual({ from: null, to: null });
    expect(parsePooledYears('2012', '2022')).toEqual({ from: 2012, to: 2022 });
    expect(parsePooledYears(2014, '')).toEqual({ from: 2014, to: null });
  });
  it('refuses a bad year and a reversed range by name', () => {
    expect(() => parsePooledYears('12.5', null)).toThrow(PooledYearsError);
    expect(() => parsePooledYears('abc', null)).toThrow(/from-year must be a whole year/);
    expect(() => parsePooledYears(2020, 2012)).toThrow(/from-year 2020 is after to-year 2012/);
  });
});

describe('analyzePooled (all years, default parameters)', () => {
  const r = analyzePooled(pooledScenarioDataset(), DEFAULT_LAG_PARAMS);

  it('counts the missions with violence data and lists MONUSCO as excluded', () => {
    expect(r.included.map((m) => m.mission)).toEqual(['MINUSCA', 'UNMISS']);
    expect(r.excluded.map((m) => m.mission)).toEqual(['MONUSCO']);
    expect(r.excluded[0]!.missing.map((c) => [c.country, c.year])).toEqual([
      ['Democratic Republic of the Congo', 2015],
      ['Democratic Republic of the Congo', 2016],
    ]);
    expect(r.excluded[0]!.totalFatalities).toBeNull();
    expect(r.notActive).toEqual([]);
  });

  it('pools the episodes of both missions, ranked', () => {
    // Z 2016 (40, no base, window to 2019 = L: NOT_RESPONDED); X 2015 (30, Xray NEW 2017: lag 2);
    // A 2014 (12, Alpha NEW in the first year) and S 2015 (12, Sierra NEW): same year; tie on
    // fatalities → MINUSCA before UNMISS.
    expect(r.episodes.map((e) => [e.mission, e.gid, e.onsetYear, e.category, e.lagYears])).toEqual([
      ['UNMISS', Z, 2016, 'NOT_RESPONDED', null],
      ['MINUSCA', X, 2015, 'RESPONDED_LATE', 2],
      ['MINUSCA', A, 2014, 'RESPONDED_SAME_YEAR', 0],
      ['UNMISS', S, 2015, 'RESPONDED_SAME_YEAR', 0],
    ]);
    const f = r.figures;
    expect(f.episodes).toBe(4);
    expect(f.byCategory).toMatchObject({
      RESPONDED_SAME_YEAR: 2,
      RESPONDED_LATE: 1,
      NOT_RESPONDED: 1,
      PRESENT_NOT_STRENGTHENED: 0,
      TOO_RECENT: 0,
    });
    expect(f.responseRate).toBe(3 / 4);
    expect(f.medianLag).toBe(0);
  });

  it('adds up fatalities and cell-years over the analysed mission-country-years', () => {
    // MINUSCA 12 + 5 + 30 = 47, UNMISS 12 + 2 + 40 = 54. With troops in the cell: A 2014 (12),
    // A 2015 (5), S 2015 (12), S 2016 (2) = 31. Cell-years: MINUSCA 2 cells × 2014–2019, UNMISS
    // 2 cells × 2015–2019.
    expect(r.figures.totalFatalities).toBe(101);
    expect(r.figures.fatalitiesWithPresence).toBe(31);
    expect(r.figures.coverageShare).toBe(31 / 101);
    expect(r.figures.cellYears).toBe(22);
    expect(r.analysedSpan).toEqual([2014, 2019]);
  });

  it('adds up the responsiveness counts per bin (cell-years t ≤ L − 1 = 2018)', () => {
    // Followed by E in t or t + 1: MINUSCA A 2014, X 2016, X 2017; UNMISS S 2015, S 2016.
    // Non-state: 0 killed 15 (X 2016, X 2017, S 2016 followed), 10–24 A 2014 and S 2015 (both),
    // 25–99 X 2015 (not).
    expect(counts(r.responsiveness.nonstate)).toEqual([
      [15, 3],
      [0, 0],
      [0, 0],
      [2, 2],
      [1, 0],
      [0, 0],
    ]);
    // State: 1–4 S 2016 (followed), 5–9 A 2015 (not), 25–99 Z 2016 (not); 15 zero cell-years.
    expect(counts(r.responsiveness.state)).toEqual([
      [15, 4],
      [1, 1],
      [1, 0],
      [0, 0],
      [1, 0],
      [0, 0],
    ]);
    expect(r.responsiveness.nonstate[0]!.share).toBe(3 / 15);
    expect(r.responsiveness.nonstate[1]!.share).toBeNull();
  });
});

describe('analyzePooled over 2015–2016', () => {
  const r = analyzePooled(pooledScenarioDataset(), DEFAULT_LAG_PARAMS, { from: 2015, to: 2016 });
  it('keeps the episodes with onset in the years and the cell-years of the years', () => {
    expect(r.episodes.map((e) => [e.gid, e.onsetYear])).toEqual([
      [Z, 2016],
      [X, 2015],
      [S, 2015],
    ]);
    // 2015: X 30 + A 5 + S 12; 2016: S 2 + Z 40. With troops: A 5, S 12, S 2.
    expect(r.figures.totalFatalities).toBe(89);
    expect(r.figures.fatalitiesWithPresence).toBe(19);
    expect(r.figures.cellYears).toBe(8);
    expect(r.excluded.map((m) => m.mission)).toEqual(['MONUSCO']);
    // Followed: X 2016 (Xray 2017), S 2015, S 2016.
    expect(counts(r.responsiveness.nonstate)).toEqual([
      [6, 2],
      [0, 0],
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 0],
    ]);
  });
});

describe('analyzePooled over years without any mission', () => {
  const r = analyzePooled(pooledScenarioDataset(), DEFAULT_LAG_PARAMS, { from: 2020, to: 2022 });
  it('analyses nothing and says so: null figures, not zero', () => {
    expect(r.included).toEqual([]);
    expect(r.excluded).toEqual([]);
    expect(r.notActive).toEqual(['MINUSCA', 'MONUSCO', 'UNMISS']);
    expect(r.figures.totalFatalities).toBeNull();
    expect(r.analysedSpan).toBeNull();
    expect(formatPooledSummary(r)).toMatch(/nothing analysed: no mission has violence data/);
  });
});

describe('pooled outputs', () => {
  const r = analyzePooled(pooledScenarioDataset(), DEFAULT_LAG_PARAMS);
  it('writes the responsiveness table with Wilson intervals, empty for empty bins', () => {
    const lines = responsivenessToCsv(r.responsiveness, 'all missions', r.years, r.params).split(
      '\n',
    );
    expect(lines[0]).toBe(RESPONSIVENESS_CSV_HEADER);
    expect(lines).toHaveLength(1 + 5 * 6 + 1);
    // Non-state 10–24: 2 of 2 → Wilson [z²/(2+z²)·…]: low = (2 + 1.9208 − 1.96·√0.9604)/5.8415.
    const low = (2 + 1.920729 - 1.959964 * Math.sqrt(0.960365)) / 5.841459;
    const row = lines.find((l) => l.startsWith('all missions,,,nonstate,10–24,'))!;
    const cells = row.split(',');
    expect(cells.slice(5, 10)).toEqual(['10', '24', '2', '2', '1']);
    expect(Number(cells[10])).toBeCloseTo(low, 5);
    expect(cells[11]).toBe('1');
    expect(lines.find((l) => l.startsWith('all missions,,,nonstate,1–4,'))).toBe(
      'all missions,,,nonstate,1–4,1,4,0,0,,,,0,1,5,1',
    );
  });
  it('names the excluded mission in the summary', () => {
    expect(formatPooledSummary(r)).toMatch(
      /EXCLUDED MONUSCO: violence data not loaded for Democratic Republic of the Congo \(not counted as zero\)/,
    );
    expect(formatPooledSummary(r)).toMatch(/missions counted: 2 \(MINUSCA, UNMISS\)/);
  });
});
