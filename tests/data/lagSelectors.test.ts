import { describe, expect, it } from 'vitest';
import { createLagSelectors, toLagParams } from '../../src/data/lagSelectors';
import {
  analyzeMission,
  DEFAULT_LAG_PARAMS,
  EPISODE_CSV_HEADER,
  episodesToCsv,
  type LagParams,
} from '../../src/domain/lag';
import { cellPlaceName, createPlaceLookup } from '../../src/domain/lagView';
import { LAG_CELLS, lagScenarioDataset, lagScenarioPlaces } from '../fixtures/lagScenario';

const ds = lagScenarioDataset();
const P0: LagParams = { ...DEFAULT_LAG_PARAMS };
const { A, N, P, R, T } = LAG_CELLS;

describe('lag selectors', () => {
  it('categorize the scenario as hand-computed', () => {
    const sel = createLagSelectors(ds);
    const r = sel.result('MINUSCA', P0)!;
    const byGid = new Map(r.episodes.map((e) => [e.gid, e]));
    expect(byGid.get(A)?.category).toBe('RESPONDED_SAME_YEAR');
    expect(byGid.get(N)).toMatchObject({
      category: 'NOT_RESPONDED',
      onsetYear: 2015,
      endYear: 2016,
      fatalities: 80,
    });
    expect(byGid.get(P)?.category).toBe('PRESENT_NOT_STRENGTHENED');
    expect(byGid.get(R)).toMatchObject({
      category: 'RESPONDED_LATE',
      lagYears: 2,
      responseYear: 2017,
    });
    expect(byGid.get(T)?.category).toBe('TOO_RECENT');
    // Ranked by fatalities.
    expect(r.episodes.map((e) => e.fatalities)).toEqual([80, 40, 20, 15, 12]);
  });

  it('memoize: equal parameters give the identical result, the index is prepared once', () => {
    const sel = createLagSelectors(ds);
    const a = sel.result('MINUSCA', P0);
    const b = sel.result('MINUSCA', { ...P0 });
    expect(b).toBe(a);
    expect(sel.stats.runs).toBe(1);
    const c = sel.result('MINUSCA', { ...P0, theta: 20 });
    const d = sel.result('MINUSCA', { ...P0, reach: 1 });
    const e = sel.result('MINUSCA', { ...P0, perpetrator: 'state' });
    expect(new Set([a, c, d, e]).size).toBe(4);
    expect(sel.stats.runs).toBe(4);
    expect(sel.stats.indexes).toBe(1);
    expect(sel.index('MINUSCA')).toBe(sel.index('MINUSCA'));
  });

  it('rulesDiff: the flagged cells of two rule sets, both runs cached side by side', () => {
    const sel = createLagSelectors(ds);
    const t20 = { ...P0, theta: 20 };
    // Flagged under the defaults: N (not responded), P (present, not strengthened), R (late);
    // under θ 20 only N is flagged (P's and R's episodes fall below θ).
    const d = sel.rulesDiff('MINUSCA', P0, t20)!;
    expect(d).toEqual({ both: 1, onlyA: [P, R].sort((a, b) => a - b), onlyB: [] });
    expect(sel.rulesDiff('MINUSCA', t20, P0)).toEqual({ both: 1, onlyA: [], onlyB: d.onlyA });
    expect(sel.stats.runs).toBe(2);
    // Both sets stay in the one cache: the same objects, no new runs.
    expect(sel.rulesDiff('MINUSCA', { ...P0 }, { ...t20 })).toBe(d);
    expect(sel.result('MINUSCA', P0)).toBe(sel.result('MINUSCA', { ...P0 }));
    expect(sel.stats.runs).toBe(2);
    expect(sel.rulesDiff('NOPE', P0, t20)).toBeNull();
  });

  it('recompute when a parameter changes (θ 20 drops the small episodes)', () => {
    const sel = createLagSelectors(ds);
    const r = sel.result('MINUSCA', { ...P0, theta: 20 })!;
    expect(r.episodes.map((e) => e.gid).sort()).toEqual([A, N, T].sort());
    expect(sel.flagsInYear('MINUSCA', { ...P0, theta: 20 }, 2016).map((e) => e.gid)).toEqual([N]);
    // Only state violence: nothing reaches θ.
    expect(sel.result('MINUSCA', { ...P0, perpetrator: 'state' })!.episodes).toEqual([]);
    // W = 0: R's response in 2017 is outside the window, the base was absent at onset.
    const w0 = sel.result('MINUSCA', { ...P0, window: 0 })!;
    expect(w0.episodes.find((e) => e.gid === R)?.category).toBe('NOT_RESPONDED');
  });

  it('flagsInYear: flagged episodes with onset that year or still open', () => {
    const sel = createLagSelectors(ds);
    const gids = (y: number) =>
      sel
        .flagsInYear('MINUSCA', P0, y)
        .map((e) => e.gid)
        .sort((a, b) => a - b);
    expect(gids(2014)).toEqual([]); // A responded the same year: not flagged
    expect(gids(2015)).toEqual([N, R].sort((a, b) => a - b));
    expect(gids(2016)).toEqual([N, P].sort((a, b) => a - b));
    expect(gids(2019)).toEqual([]); // T is too recent: not flagged
    expect(sel.flagsInYear('MINUSCA', P0, 2015)).toBe(sel.flagsInYear('MINUSCA', { ...P0 }, 2015));
  });

  it('cell episodes and detail', () => {
    const sel = createLagSelectors(ds);
    expect(sel.cellEpisodes('MINUSCA', P0, N).map((e) => e.onsetYear)).toEqual([2015]);
    expect(sel.cellEpisodes('MINUSCA', P0, carCellFar())).toEqual([]);
    const d = sel.cellDetail('MINUSCA', P0, R);
    expect(d.map((x) => x.year)).toEqual([2014, 2015, 2016, 2017, 2018, 2019, 2020]);
    expect(d.map((x) => x.troopsInReach)).toEqual([0, 0, 0, 200, 200, 200, 200]);
    expect(d.map((x) => x.fatalities)).toEqual([0, 15, 0, 0, 0, 0, 0]);
    expect(d.find((x) => x.year === 2017)?.changes.map((c) => c.kind)).toEqual(['NEW']);
    expect(sel.cellDetail('MINUSCA', P0, R)).toBe(d);
  });

  it('csv is the domain CSV of the same run (what npm run analyze prints)', () => {
    const sel = createLagSelectors(ds);
    const csv = sel.csv('MINUSCA', P0);
    expect(csv.split('\n')[0]).toBe(EPISODE_CSV_HEADER);
    expect(csv).toBe(
      episodesToCsv(
        analyzeMission(ds, 'MINUSCA', P0).episodes,
        P0,
        cellPlaceName(createPlaceLookup([])),
      ),
    );
    expect(csv.trim().split('\n')).toHaveLength(6);
    expect(
      sel
        .csv('MINUSCA', { ...P0, theta: 20 })
        .trim()
        .split('\n'),
    ).toHaveLength(4);
  });

  it('a mission without violence data says so (no zero figures)', () => {
    const sel = createLagSelectors(ds);
    const r = sel.result('UNMISS', P0)!;
    expect(r.summary.hasViolenceData).toBe(false);
    expect(r.summary.totalFatalities).toBeNull();
    expect(r.episodes).toEqual([]);
    expect(new Set(r.summary.missingViolenceData.map((c) => c.country))).toEqual(
      new Set(['South Sudan']),
    );
  });

  it('an unknown mission gives null, not a crash', () => {
    const sel = createLagSelectors(ds);
    expect(sel.result('NOPE', P0)).toBeNull();
    expect(sel.index('NOPE')).toBeNull();
    expect(sel.flagsInYear('NOPE', P0, 2015)).toEqual([]);
    expect(sel.cellDetail('NOPE', P0, A)).toEqual([]);
    expect(sel.csv('NOPE', P0)).toBe(`${EPISODE_CSV_HEADER}\n`);
  });

  it('placeOf names a cell by its nearest basemap town; baseName by location', () => {
    const sel = createLagSelectors(ds, lagScenarioPlaces());
    expect(sel.placeOf(N)?.name).toBe('Ndele-fixture');
    expect(sel.placeOf(N)?.km).toBeGreaterThan(8);
    expect(sel.placeOf(N)?.km).toBeLessThan(12);
    expect(sel.placeOf(R)?.name).toBe('Rafai-fixture');
    expect(sel.placeOf(T)).toBeNull();
    expect(sel.baseName('MINUSCA:romeo')).toBe('Romeo');
    expect(sel.baseName('MINUSCA:unknown')).toBe('MINUSCA:unknown');
  });

  it('toLagParams joins the state lag parameters and the perpetrator filter', () => {
    expect(
      toLagParams(
        { theta: 5, reach: 2, window: 4, delta: 10, precision: 7, initialDeployment: false },
        'nonstate',
      ),
    ).toEqual({
      theta: 5,
      reach: 2,
      window: 4,
      delta: 10,
      precision: 7,
      initialDeployment: false,
      perpetrator: 'nonstate',
    });
  });
});

/** A cell far from every scenario cell. */
function carCellFar(): number {
  return LAG_CELLS.A + 720 * 20;
}
