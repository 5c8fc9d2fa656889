/**
 * Hand-computed scenarios of the lag analysis (definitions in ARCHITECTURE.md). One mission,
 * MINUSCA 2014–2020, violence data for CAR to 2022: the last deployment data year is 2020, so a
 * window of 3 years is complete for onsets up to 2017.
 */
import { describe, expect, it } from 'vitest';
import {
  analyzeMission,
  cellDetail,
  DEFAULT_LAG_PARAMS,
  episodesToCsv,
  flaggedEpisodesInYear,
  formatLagSummary,
  LagParamError,
  parseLagParams,
  prepareLagIndex,
  runLagAnalysis,
  UnknownMissionError,
  type Episode,
  type LagParams,
} from '../../src/domain/lag';
import type { CellYear } from '../../src/domain/dataset';
import {
  carCell,
  cellYear,
  coverage,
  dataset,
  deployment,
  deployments,
} from '../fixtures/factories';

/** Scenario cells, 8 columns / rows apart so that no reach up to 3 joins two of them. */
const cell = (i: number) => carCell(8 * Math.floor(i / 4), 8 * (i % 4));
const A = cell(0);
const B = cell(1);
const C = cell(2);
const D = cell(3);
const E = cell(4);
const F = cell(5);
const G = cell(6);
const H = cell(7);
const I = cell(8);
const J = cell(9);
const K = cell(10);
const L = cell(11);
const U = cell(12);
const M = cell(13);
const HQ = cell(14);
const northOf = (gid: number) => gid + 720;

const all7 = (troops: number | null) =>
  Object.fromEntries([2014, 2015, 2016, 2017, 2018, 2019, 2020].map((y) => [y, troops]));

const deps = deployments([
  deployment({ location: 'HQ', gid: HQ }, all7(1000)),
  deployment({ location: 'A', gid: A }, all7(100)),
  deployment({ location: 'B', gid: B }, { 2014: 100, 2015: 100, 2016: 100, 2017: 150 }),
  deployment({ location: 'D', gid: D }, all7(100)),
  deployment({ location: 'F', gid: F }, { 2020: 60 }),
  deployment({ location: 'H-north', gid: northOf(H) }, { 2017: 200, 2018: 200 }),
  deployment({ location: 'I', gid: I }, { 2014: 300, 2015: 300, 2016: 200, 2017: 250 }),
  deployment({ location: 'J', gid: J }, { 2017: 50 }),
  deployment({ location: 'K', gid: K }, { 2014: 100, 2017: 80 }),
  deployment({ location: 'L', gid: L }, all7(0)),
  deployment({ location: 'L2', gid: L }, { 2016: 0, 2017: 0 }),
  deployment({ location: 'U', gid: U }, { 2014: null, 2015: null, 2016: null, 2017: 100 }),
  deployment({ location: 'M', gid: M }, all7(100)),
]);

/** [gid, year, nonstate, state] */
const violence: [number, number, number, number][] = [
  [A, 2014, 20, 0],
  [B, 2015, 15, 0],
  [B, 2016, 12, 0],
  [C, 2015, 0, 30],
  [D, 2016, 12, 0],
  [E, 2019, 40, 0],
  [F, 2020, 10, 0],
  [G, 2020, 11, 0],
  [H, 2016, 25, 0],
  [I, 2016, 20, 0],
  [J, 2014, 15, 0],
  [J, 2015, 20, 0],
  [J, 2016, 3, 0],
  [J, 2017, 12, 0],
  [K, 2016, 18, 0],
  [L, 2016, 22, 0],
  [U, 2016, 13, 0],
  [M, 2016, 5, 0],
];
const cellYears: CellYear[] = violence.map(([gid, year, nonstate, state]) =>
  cellYear({ gid, year, nonstate, state }),
);
const data = dataset({ ...deps, cellYears });

function run(over: Partial<LagParams> = {}) {
  return analyzeMission(data, 'MINUSCA', { ...DEFAULT_LAG_PARAMS, ...over });
}
function episodeAt(episodes: Episode[], gid: number, onset: number): Episode {
  const e = episodes.find((x) => x.gid === gid && x.onsetYear === onset);
  if (!e) throw new Error(`no episode at ${gid} ${onset}`);
  return e;
}

describe('lag analysis, default parameters (θ 10, r 0, W 3, Δ 1, all perpetrators)', () => {
  const result = run();
  const ep = (gid: number, onset: number) => episodeAt(result.episodes, gid, onset);

  it('finds exactly the hand-counted episodes', () => {
    expect(result.episodes.map((e) => e.id).sort()).toEqual(
      [
        [A, 2014],
        [B, 2015],
        [C, 2015],
        [D, 2016],
        [E, 2019],
        [F, 2020],
        [G, 2020],
        [H, 2016],
        [I, 2016],
        [J, 2014],
        [J, 2017],
        [K, 2016],
        [L, 2016],
        [U, 2016],
      ]
        .map(([g, y]) => `${g}:${y}`)
        .sort(),
    );
  });

  it('onset in the mission’s first year: a base NEW that year responds the same year', () => {
    expect(ep(A, 2014)).toMatchObject({
      category: 'RESPONDED_SAME_YEAR',
      lagYears: 0,
      responseYear: 2014,
      fatalities: 20,
      endYear: 2014,
      censoredStart: true,
      flagged: false,
    });
  });

  it('RESPONDED_LATE: present at onset, strengthened two years later', () => {
    expect(ep(B, 2015)).toMatchObject({
      category: 'RESPONDED_LATE',
      lagYears: 2,
      responseYear: 2017,
      endYear: 2016,
      fatalities: 27,
      troopsAtOnset: 100,
      flagged: true,
      censoredStart: false,
    });
  });

  it('NOT_RESPONDED: no presence at onset and no enhanced presence within the window', () => {
    expect(ep(C, 2015)).toMatchObject({
      category: 'NOT_RESPONDED',
      lagYears: null,
      responseYear: null,
      flagged: true,
    });
  });

  it('PRESENT_NOT_STRENGTHENED: troops in reach at onset, never strengthened', () => {
    expect(ep(D, 2016)).toMatchObject({
      category: 'PRESENT_NOT_STRENGTHENED',
      troopsAtOnset: 100,
      flagged: true,
    });
  });

  it('TOO_RECENT: window runs past the last data year (2020) without a response; not flagged', () => {
    expect(ep(E, 2019)).toMatchObject({
      category: 'TOO_RECENT',
      flagged: false,
      responseYear: null,
    });
    expect(ep(G, 2020)).toMatchObject({ category: 'TOO_RECENT', flagged: false });
  });

  it('onset in the mission’s last year with a NEW base that year (V = θ counts)', () => {
    expect(ep(F, 2020)).toMatchObject({
      category: 'RESPONDED_SAME_YEAR',
      fatalities: 10,
      lagYears: 0,
    });
  });

  it('a base in the neighbouring cell does not count with r = 0 but does with r = 1', () => {
    expect(ep(H, 2016).category).toBe('NOT_RESPONDED');
    const wide = episodeAt(run({ reach: 1 }).episodes, H, 2016);
    expect(wide).toMatchObject({
      category: 'RESPONDED_LATE',
      lagYears: 1,
      responseYear: 2017,
      troopsAtOnset: 0,
    });
  });

  it('a troop decrease then increase: the increase is enhanced presence if ≥ Δ', () => {
    expect(ep(I, 2016)).toMatchObject({
      category: 'RESPONDED_LATE',
      lagYears: 1,
      troopsAtOnset: 200,
    });
    // +50 in 2017 is below Δ = 100: present, not strengthened.
    expect(episodeAt(run({ delta: 100 }).episodes, I, 2016).category).toBe(
      'PRESENT_NOT_STRENGTHENED',
    );
    expect(episodeAt(run({ delta: 50 }).episodes, I, 2016).category).toBe('RESPONDED_LATE');
  });

  it('two episodes in one cell, each with its own category', () => {
    expect(ep(J, 2014)).toMatchObject({
      category: 'RESPONDED_LATE',
      endYear: 2015,
      fatalities: 35,
      lagYears: 3,
      responseYear: 2017,
    });
    expect(ep(J, 2017)).toMatchObject({
      category: 'RESPONDED_SAME_YEAR',
      endYear: 2017,
      fatalities: 12,
    });
    // A window of 2 years no longer reaches 2017.
    expect(episodeAt(run({ window: 2 }).episodes, J, 2014).category).toBe('NOT_RESPONDED');
  });

  it('a base that closes and reopens: no presence in the gap, NEW (a response) when it reopens', () => {
    expect(ep(K, 2016)).toMatchObject({
      category: 'RESPONDED_LATE',
      lagYears: 1,
      troopsAtOnset: 0,
    });
  });

  it('zero-troop locations never count as presence nor as a NEW response', () => {
    expect(ep(L, 2016)).toMatchObject({ category: 'NOT_RESPONDED', troopsAtOnset: 0 });
  });

  it('unknown troops never count as presence nor as a strengthening', () => {
    expect(ep(U, 2016)).toMatchObject({ category: 'NOT_RESPONDED', troopsAtOnset: 0 });
  });

  it('ranks episodes by fatalities', () => {
    const f = result.episodes.map((e) => e.fatalities);
    expect(f).toEqual([...f].sort((a, b) => b - a));
    expect(result.episodes[0]!.fatalities).toBe(40);
  });

  it('summarizes the mission with hand-computed figures', () => {
    const s = result.summary;
    expect(s.hasViolenceData).toBe(true);
    expect(s.analysedYears).toEqual([2014, 2015, 2016, 2017, 2018, 2019, 2020]);
    expect(s.totalFatalities).toBe(303);
    expect(s.fatalitiesWithPresence).toBe(106);
    expect(s.coverageShare).toBeCloseTo(106 / 303, 12);
    expect(s.episodes).toBe(14);
    expect(s.byCategory).toEqual({
      RESPONDED_SAME_YEAR: 3,
      RESPONDED_LATE: 4,
      NOT_RESPONDED: 4,
      PRESENT_NOT_STRENGTHENED: 1,
      TOO_RECENT: 2,
    });
    expect(s.responseRate).toBeCloseTo(7 / 12, 12);
    expect(s.medianLag).toBe(1);
    expect(s.flaggedCells.map((c) => [c.gid, c.fatalities])).toEqual([
      [J, 35],
      [C, 30],
      [B, 27],
      [H, 25],
      [L, 22],
      [I, 20],
      [K, 18],
      [U, 13],
      [D, 12],
    ]);
    expect(s.flaggedCells[0]).toMatchObject({ worstCategory: 'RESPONDED_LATE', episodes: 1 });
    expect(s.lastDataYear).toBe(2020);
    expect(s.missingViolenceData).toEqual([]);
  });

  it('summarizes each mission-year, counting episodes in their onset year', () => {
    const y = Object.fromEntries(result.years.map((s) => [s.year, s]));
    expect(result.years.map((s) => s.totalFatalities)).toEqual([35, 65, 130, 12, 0, 40, 21]);
    expect(result.years.map((s) => s.fatalitiesWithPresence)).toEqual([20, 15, 49, 12, 0, 0, 10]);
    expect(y[2018]!.coverageShare).toBeNull();
    expect(y[2016]!.episodes).toBe(6);
    expect(y[2016]!.byCategory).toMatchObject({
      NOT_RESPONDED: 3,
      RESPONDED_LATE: 2,
      PRESENT_NOT_STRENGTHENED: 1,
    });
    expect(y[2016]!.responseRate).toBeCloseTo(2 / 6, 12);
    expect(y[2016]!.flaggedCells[0]).toMatchObject({ gid: H, fatalities: 25 });
    expect(y[2016]!.countries).toEqual([
      { country: 'Central African Republic', year: 2016, violenceData: true },
    ]);
  });

  it('filters by perpetrator type', () => {
    const state = run({ perpetrator: 'state' });
    expect(state.episodes.map((e) => e.id)).toEqual([`${C}:2015`]);
    expect(state.summary.totalFatalities).toBe(30);
    const nonstate = run({ perpetrator: 'nonstate' });
    expect(nonstate.episodes).toHaveLength(13);
    expect(nonstate.summary.totalFatalities).toBe(273);
  });

  it('θ changes which years are violent', () => {
    // θ = 13: J 2014 (15) and 2015 (20) stay one episode; B 2016 (12) drops out of B’s episode.
    const r = run({ theta: 13 });
    expect(episodeAt(r.episodes, B, 2015)).toMatchObject({ endYear: 2015, fatalities: 15 });
    expect(r.episodes.some((e) => e.gid === D)).toBe(false);
  });

  it('shows flagged episodes whose onset is the year or that are still open', () => {
    const ids = flaggedEpisodesInYear(result.episodes, 2016)
      .map((e) => e.id)
      .sort();
    expect(ids).toContain(`${B}:2015`); // open 2015–2016
    expect(ids).toContain(`${H}:2016`);
    expect(ids).not.toContain(`${C}:2015`); // ended 2015
    expect(ids).not.toContain(`${E}:2019`);
  });

  it('gives a cell’s year-by-year detail: violence, troops in reach, enhanced presence, changes', () => {
    const index = prepareLagIndex(data, 'MINUSCA');
    const d = cellDetail(index, { ...DEFAULT_LAG_PARAMS, reach: 1 }, H);
    const y2017 = d.find((x) => x.year === 2017)!;
    expect(y2017).toMatchObject({
      analysed: true,
      fatalities: 0,
      troopsInReach: 200,
      enhanced: true,
    });
    expect(y2017.changes.map((c) => [c.baseId, c.kind])).toEqual([['MINUSCA:h-north', 'NEW']]);
    expect(d.find((x) => x.year === 2016)).toMatchObject({
      fatalities: 25,
      troopsInReach: 0,
      enhanced: false,
    });
    expect(cellDetail(index, DEFAULT_LAG_PARAMS, 1)).toEqual([]);
  });
});

describe('coverage: country-years without violence data are excluded, not zero', () => {
  const X = carCell(0, 0);
  const Y = carCell(5, -20); // a cell in Chad, for the fixture
  const deps2 = deployments([
    deployment({ location: 'X', mission: 'MINURCAT', gid: X }, { 2008: 100, 2009: 100, 2010: 100 }),
    deployment(
      { location: 'Abeche', mission: 'MINURCAT', gid: Y, country: 'Chad' },
      { 2008: 300, 2009: 300, 2010: 300 },
    ),
  ]);
  const d = dataset({
    ...deps2,
    cellYears: [
      cellYear({ gid: X, year: 2008, nonstate: 12 }),
      cellYear({ gid: X, year: 2010, nonstate: 50 }), // GED release ends 2009: not analysed
      cellYear({ gid: Y, year: 2009, nonstate: 100, country: 'Chad' }), // Chad not loaded
    ],
    coverage: coverage({ years: [1989, 2009] }),
  });
  const r = analyzeMission(d, 'MINURCAT');

  it('analyses only CAR 2008–2009', () => {
    expect(r.episodes.map((e) => e.id)).toEqual([`${X}:2008`]);
    expect(r.summary.totalFatalities).toBe(12);
    expect(r.summary.analysedYears).toEqual([2008, 2009]);
    expect(r.summary.missingViolenceData).toEqual([
      { country: 'Chad', year: 2008, violenceData: false },
      { country: 'Chad', year: 2009, violenceData: false },
      { country: 'Central African Republic', year: 2010, violenceData: false },
      { country: 'Chad', year: 2010, violenceData: false },
    ]);
  });

  it('reports a covered year without violence as 0 and an uncovered year as null', () => {
    const y = Object.fromEntries(r.years.map((s) => [s.year, s]));
    expect(y[2009]!.totalFatalities).toBe(0);
    expect(y[2010]!.totalFatalities).toBeNull();
    expect(y[2010]!.fatalitiesWithPresence).toBeNull();
    expect(y[2010]!.coverageShare).toBeNull();
  });

  it('gives no figures at all for a mission without any violence data', () => {
    const none = analyzeMission(
      { ...d, coverage: coverage({ scope: 'none', years: null, countries: [] }) },
      'MINURCAT',
    );
    expect(none.summary).toMatchObject({
      hasViolenceData: false,
      totalFatalities: null,
      coverageShare: null,
      episodes: 0,
      responseRate: null,
    });
    expect(none.years.every((y) => y.totalFatalities === null)).toBe(true);
    expect(formatLagSummary(none.summary)).toMatch(/violence data not loaded/);
  });

  it('marks cell detail years without data as not analysed, with null fatalities', () => {
    const detail = cellDetail(prepareLagIndex(d, 'MINURCAT'), DEFAULT_LAG_PARAMS, X);
    expect(detail.map((x) => x.fatalities)).toEqual([12, 0, null]);
  });
});

describe('responsiveness by OSV intensity bin', () => {
  const P = carCell(0, 0);
  const Q = carCell(0, 8);
  const R = carCell(0, 16);
  const d = dataset({
    ...deployments([
      deployment({ location: 'P', gid: P }, { 2015: 100, 2016: 100, 2017: 100 }),
      deployment({ location: 'R', gid: R }, { 2014: 100, 2015: 100, 2016: 100, 2017: 100 }),
    ]),
    cellYears: [
      cellYear({ gid: P, year: 2014, nonstate: 30 }),
      cellYear({ gid: Q, year: 2015, state: 7 }),
    ],
  });
  const r = analyzeMission(d, 'MINUSCA').responsiveness;
  const bins = (list: typeof r.all) =>
    Object.fromEntries(list.map((b) => [b.label, [b.cellYears, b.enhanced]]));

  it('counts analysed cell-years with a next year of data, and those followed by enhanced presence', () => {
    // 3 cells × 2014–2016 (2017 has no next year of deployment data).
    expect(bins(r.nonstate)).toEqual({
      '0': [8, 2],
      '1–4': [0, 0],
      '5–9': [0, 0],
      '10–24': [0, 0],
      '25–99': [1, 1],
      '100+': [0, 0],
    });
    expect(bins(r.state)).toEqual({
      '0': [8, 3],
      '1–4': [0, 0],
      '5–9': [1, 0],
      '10–24': [0, 0],
      '25–99': [0, 0],
      '100+': [0, 0],
    });
    expect(bins(r.all)['0']).toEqual([7, 2]);
    expect(r.nonstate[4]!.share).toBe(1);
    expect(r.nonstate[1]!.share).toBeNull();
  });
});

describe('parameters', () => {
  it('parses numbers given as strings and keeps defaults for missing ones', () => {
    expect(parseLagParams({ theta: '25', reach: '2', perpetrator: 'state' })).toEqual({
      theta: 25,
      reach: 2,
      window: 3,
      delta: 1,
      perpetrator: 'state',
      precision: 5,
      initialDeployment: true,
    });
    expect(
      parseLagParams({ precision: '7', initialDeployment: 'off', perpetrator: 'host' }),
    ).toMatchObject({ precision: 7, initialDeployment: false, perpetrator: 'host' });
    expect(parseLagParams({ initialDeployment: false }).initialDeployment).toBe(false);
    expect(parseLagParams()).toEqual(DEFAULT_LAG_PARAMS);
  });

  it('reports every bad value with a clear message', () => {
    let err: unknown;
    try {
      parseLagParams({ theta: 'ten', reach: 4, window: 1.5, delta: 0, perpetrator: 'rebels' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LagParamError);
    expect((err as LagParamError).issues).toEqual([
      'theta must be a number from 1 to 100000, got "ten"',
      'reach must be a whole number from 0 to 3, got 4',
      'window must be a whole number from 0 to 10, got 1.5',
      'delta must be a number from 1 to 100000, got 0',
      'perpetrator must be one of all, state, host, foreign, nonstate, got "rebels"',
    ]);
    expect(() => parseLagParams({ precision: 4 })).toThrow(
      /precision must be a whole number from 5 to 7, got 4/,
    );
    expect(() => parseLagParams({ initialDeployment: 'sometimes' })).toThrow(
      /initial deployment must be on or off/,
    );
    expect(() => parseLagParams({ reach: '' })).toThrow(/reach must be a whole number/);
    expect(() => parseLagParams({ theta: NaN })).toThrow(/theta/);
  });

  it('throws a clear error for an unknown mission', () => {
    expect(() => prepareLagIndex(data, 'NOPE')).toThrow(UnknownMissionError);
    expect(() => prepareLagIndex(data, 'NOPE')).toThrow(
      /unknown mission "NOPE"; known missions: MINUSCA/,
    );
  });

  it('memoizes the index per dataset and mission, and gives equal results on rerun', () => {
    const index = prepareLagIndex(data, 'MINUSCA');
    expect(prepareLagIndex(data, 'MINUSCA')).toBe(index);
    expect(runLagAnalysis(index, DEFAULT_LAG_PARAMS)).toEqual(run());
  });
});

describe('episodesToCsv', () => {
  it('writes exactly the agreed header and empty lag/response where there is none', () => {
    const name = (gid: number) => (gid === J ? 'Jay town' : 'Cell, centre');
    const csv = episodesToCsv(
      run().episodes.filter((e) => e.gid === J || e.gid === C),
      DEFAULT_LAG_PARAMS,
      name,
    );
    // Cell centres by hand: carCell(r, c) is row 188 + r, column 396 + c of the 0.5° grid, so
    // lat = −90 + 0.5 · row + 0.25 and lon = −180 + 0.5 · column + 0.25.
    // J = cell(9) = carCell(16, 8): 12.25° N, 22.25° E; C = cell(2) = carCell(0, 16): 4.25° N, 26.25° E.
    expect(csv.split('\n')).toEqual([
      'mission,gid,lat,lon,place,country,onset_year,end_year,fatalities,category,lag_years,response_year,initial_deployment,censored_start,theta,reach,window,delta,perpetrator,precision',
      `MINUSCA,${J},12.25,22.25,Jay town,Central African Republic,2014,2015,35,RESPONDED_LATE,3,2017,0,1,10,0,3,1,all,5`,
      `MINUSCA,${C},4.25,26.25,"Cell, centre",Central African Republic,2015,2015,30,NOT_RESPONDED,,,0,0,10,0,3,1,all,5`,
      `MINUSCA,${J},12.25,22.25,Jay town,Central African Republic,2017,2017,12,RESPONDED_SAME_YEAR,0,2017,0,0,10,0,3,1,all,5`,
      '',
    ]);
  });

  it('quotes fields with commas or quotes and neutralises formulas', () => {
    const e = { ...run().episodes[0]!, country: 'Korea, "South"', mission: '=HYPERLINK("x")' };
    const line = episodesToCsv([e], DEFAULT_LAG_PARAMS, () => '@SUM(A1)').split('\n')[1]!;
    expect(line).toContain('"Korea, ""South"""');
    expect(line.startsWith(`"'=HYPERLINK(""x"")",`)).toBe(true);
    expect(line).toContain(",'@SUM(A1),");
  });
});
