/**
 * Hand-computed scenarios of the research-grade rules (issue 11): enhanced presence from the
 * highest map figures (one increase counts once), the initial-deployment switch and its marking,
 * the location-precision filter with its left-out counts, host vs foreign governments, and the
 * stated windows. One mission, MINUSCA 2014–2020, violence data for CAR 1989–2022.
 */
import { describe, expect, it } from 'vitest';
import { noImpreciseEvents, type Base, type BaseYear } from '../../src/domain/dataset';
import {
  analyzeMission,
  DEFAULT_LAG_PARAMS,
  formatLagSummary,
  type Episode,
  type LagParams,
} from '../../src/domain/lag';
import {
  base,
  baseYear,
  carCell,
  cellYear,
  dataset,
  deployment,
  estimate,
} from '../fixtures/factories';

/** Cells 8 apart: no reach up to 3 joins two of them. */
const cell = (i: number) => carCell(8 * Math.floor(i / 4), 8 * (i % 4));
const HQ = cell(0);
const S = cell(1); // strengthened mid-2016 (maps 100 then 300), 300 in 2017
const N = cell(2); // a base opened in 2015 (not the initial deployment)
const P = cell(3); // no base: precision scenarios
const G = cell(4); // no base: host vs foreign governments

/** A base-year from the figures of its maps, with Geo-PKO's yearly figure. */
const maps = (b: Base, year: number, figures: number[], yearly: number): BaseYear =>
  baseYear(b, year, {
    troops: yearly,
    troopsMin: Math.min(...figures),
    troopsMax: Math.max(...figures),
    sourceRows: figures.length,
  });

const hq = deployment(
  { location: 'HQ', gid: HQ },
  Object.fromEntries([2014, 2015, 2016, 2017, 2018, 2019, 2020].map((y) => [y, 1000])),
);
const s = base({ location: 'S', gid: S });
const sYears = [
  maps(s, 2014, [100], 100),
  maps(s, 2015, [100], 100),
  // One increase 100 → 300 on the second map of 2016: Geo-PKO's yearly figures 100 → 200 → 300
  // would read as two strengthenings (2016 and 2017); the highest figures 100 → 300 → 300 as one.
  maps(s, 2016, [100, 300], 200),
  maps(s, 2017, [300], 300),
  maps(s, 2018, [300], 300),
];
const n = deployment({ location: 'N', gid: N }, { 2015: 50, 2016: 50 });

const imprecise = (level: 6 | 7, nonState: number, events = 1) => ({
  ...noImpreciseEvents(),
  [level]: {
    ...noImpreciseEvents()[level],
    nonState: { events, best: nonState },
  },
});

const data = dataset({
  bases: [hq.base, s, n.base],
  baseYears: [...hq.baseYears, ...sYears, ...n.baseYears],
  cellYears: [
    cellYear({ gid: S, year: 2016, nonstate: 20 }),
    cellYear({ gid: S, year: 2017, nonstate: 40 }),
    cellYear({ gid: HQ, year: 2014, nonstate: 15 }),
    cellYear({ gid: N, year: 2015, nonstate: 11 }),
    // P 2016: 12 killed, 5 of them in one event located only to the country (level 6): 7 at
    // precision 5, below θ 10. P 2018: 30 killed, 25 in two events in international waters (7).
    cellYear({
      gid: P,
      year: 2016,
      osvNonState: estimate(12, { events: 2 }),
      osvImprecise: imprecise(6, 5),
    }),
    cellYear({
      gid: P,
      year: 2018,
      osvNonState: estimate(30, { events: 3 }),
      osvImprecise: imprecise(7, 25, 2),
    }),
    // G 2015: 20 killed by governments, 15 of them by a foreign one (host 5).
    cellYear({
      gid: G,
      year: 2015,
      osvState: estimate(20, { events: 3 }),
      osvForeign: estimate(15, { events: 2 }),
    }),
  ],
});

const run = (p: Partial<LagParams> = {}) =>
  analyzeMission(data, 'MINUSCA', { ...DEFAULT_LAG_PARAMS, ...p });
const at = (episodes: readonly Episode[], gid: number, onset: number) =>
  episodes.find((e) => e.gid === gid && e.onsetYear === onset);

describe('enhanced presence: one increase counts once', () => {
  it('counts the mid-2016 strengthening in 2016 and not again in 2017', () => {
    const r = run();
    // 2016: 20 killed, the highest figure rose 100 → 300 the same year.
    expect(at(r.episodes, S, 2016)).toMatchObject({
      endYear: 2017,
      fatalities: 60,
      category: 'RESPONDED_SAME_YEAR',
      responseYear: 2016,
      initialDeployment: false,
    });
  });

  it('needs the highest figure to rise by at least Δ (300 − 100 = 200)', () => {
    expect(at(run({ delta: 200 }).episodes, S, 2016)?.category).toBe('RESPONDED_SAME_YEAR');
    // Δ 201: no strengthening; troops there at onset (yearly figure 200) → present, not
    // strengthened (the window 2016–2019 is complete: data to 2020).
    expect(at(run({ delta: 201 }).episodes, S, 2016)).toMatchObject({
      category: 'PRESENT_NOT_STRENGTHENED',
      troopsAtOnset: 200,
    });
  });

  it('does not read the 2017 yearly figure (200 → 300) as a new strengthening', () => {
    // θ 30: only 2017 (40 killed) is violent. Yearly figures would say "responded the same
    // year"; the maps say the increase came in 2016, so nothing came in 2017–2020.
    expect(at(run({ theta: 30 }).episodes, S, 2017)).toMatchObject({
      category: 'PRESENT_NOT_STRENGTHENED',
      troopsAtOnset: 300,
      responseYear: null,
    });
  });
});

describe('initial deployment', () => {
  it('counts the first-year bases by default and marks the response as the initial deployment', () => {
    const e = at(run().episodes, HQ, 2014);
    expect(e).toMatchObject({
      category: 'RESPONDED_SAME_YEAR',
      responseYear: 2014,
      initialDeployment: true,
    });
    // A base opened in 2015 is a redeployment, not the initial deployment.
    expect(at(run().episodes, N, 2015)).toMatchObject({
      category: 'RESPONDED_SAME_YEAR',
      initialDeployment: false,
    });
  });

  it('with the switch off, first-year bases are no response; later new bases still are', () => {
    const off = run({ initialDeployment: false });
    // HQ 2014: 1,000 troops there, nothing new or stronger 2014–2017 → present, not strengthened.
    expect(at(off.episodes, HQ, 2014)).toMatchObject({
      category: 'PRESENT_NOT_STRENGTHENED',
      troopsAtOnset: 1000,
      initialDeployment: false,
    });
    expect(at(off.episodes, N, 2015)?.category).toBe('RESPONDED_SAME_YEAR');
    expect(formatLagSummary(off.summary)).toMatch(/initial-deployment=off/);
  });
});

describe('location precision', () => {
  it('leaves out country-level and international events by default, and says how many', () => {
    const r = run();
    expect(at(r.episodes, P, 2016)).toBeUndefined(); // 12 − 5 = 7 < 10
    expect(at(r.episodes, P, 2018)).toBeUndefined(); // 30 − 25 = 5 < 10
    // Left out: 1 + 2 events, 5 + 25 killed.
    expect(r.summary.leftOut).toEqual({ events: 3, fatalities: 30 });
    // Analysed total: S 20 + 40, HQ 15, N 11, P 7 + 5, G 20.
    expect(r.summary.totalFatalities).toBe(118);
  });

  it('keeps level 6 at precision 6 and everything at 7', () => {
    const six = run({ precision: 6 });
    expect(at(six.episodes, P, 2016)?.fatalities).toBe(12);
    expect(at(six.episodes, P, 2018)).toBeUndefined();
    expect(six.summary.leftOut).toEqual({ events: 2, fatalities: 25 });
    const seven = run({ precision: 7 });
    expect(at(seven.episodes, P, 2018)?.fatalities).toBe(30);
    expect(seven.summary.leftOut).toEqual({ events: 0, fatalities: 0 });
    expect(seven.summary.totalFatalities).toBe(148);
  });
});

describe('host vs foreign governments', () => {
  it('splits state violence into the host government and foreign governments', () => {
    expect(at(run({ perpetrator: 'state' }).episodes, G, 2015)?.fatalities).toBe(20);
    expect(at(run({ perpetrator: 'foreign' }).episodes, G, 2015)?.fatalities).toBe(15);
    expect(at(run({ perpetrator: 'host' }).episodes, G, 2015)).toBeUndefined(); // 5 < 10
    expect(at(run({ perpetrator: 'host', theta: 5 }).episodes, G, 2015)?.fatalities).toBe(5);
    expect(at(run({ perpetrator: 'nonstate' }).episodes, G, 2015)).toBeUndefined();
  });

  it('keeps state vs non-state in the responsiveness chart and adds host vs foreign', () => {
    const r = run().responsiveness;
    const count = (bins: { cellYears: number }[]) => bins.reduce((a, b) => a + b.cellYears, 0);
    // Every series bins the same analysed cell-years.
    expect(count(r.host)).toBe(count(r.state));
    expect(count(r.foreign)).toBe(count(r.all));
    // G 2015 sits in the 10–24 bin for foreign governments, 5–9 for the host, 10–24 for state.
    const bin = (label: string) => r.foreign.findIndex((b) => b.label === label);
    expect(r.foreign[bin('10–24')]!.cellYears).toBe(1);
    expect(r.host[bin('5–9')]!.cellYears).toBe(1);
    expect(r.state[bin('10–24')]!.cellYears).toBe(1);
  });
});

describe('windows', () => {
  it('states the years responses were sought and the years of violence data', () => {
    const s = run().summary;
    expect(s.windows).toEqual({
      responses: [2014, 2020],
      violence: [1989, 2022],
      text: 'responses sought 2014–2020; violence data 1989–2022',
    });
    expect(formatLagSummary(s)).toMatch(
      /windows: responses sought 2014–2020; violence data 1989–2022/,
    );
  });
});
