import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reduce, type Action } from '../../src/state/reduce';
import { defaultState, isValidState, nearestYear, type MissionYears } from '../../src/state/state';
import { LAG_PARAM_BOUNDS } from '../../src/domain/lagTypes';

const MISSIONS: MissionYears[] = [
  { id: 'MINUSCA', years: [2014, 2015, 2016, 2017, 2018] },
  { id: 'MINURCAT', years: [2008, 2009, 2010] },
  { id: 'GAPPY', years: [2001, 2002, 2005] },
];

describe('reduce', () => {
  const s0 = defaultState(MISSIONS);

  it('starts at MINUSCA 2014, all perpetrators, fit camera', () => {
    expect(s0).toMatchObject({ mission: 'MINUSCA', year: 2014, perpetrator: 'all', camera: null });
  });

  it('setMission keeps the year when the mission has it, else the nearest, and refits', () => {
    const s1 = reduce(
      { ...s0, camera: { lon: 1, lat: 2, zoom: 3 }, selection: { kind: 'cell', gid: 5 } },
      { type: 'setMission', mission: 'MINURCAT' },
      MISSIONS,
    );
    expect(s1).toMatchObject({ mission: 'MINURCAT', year: 2010, camera: null, selection: null });
    expect(reduce(s0, { type: 'setMission', mission: 'NOPE' }, MISSIONS)).toBe(s0);
  });

  it('setYear clamps to the mission years (gaps go to the nearest year)', () => {
    const g = reduce(s0, { type: 'setMission', mission: 'GAPPY' }, MISSIONS);
    expect(reduce(g, { type: 'setYear', year: 2004 }, MISSIONS).year).toBe(2005);
    expect(reduce(g, { type: 'setYear', year: 2003 }, MISSIONS).year).toBe(2002);
    expect(reduce(s0, { type: 'setYear', year: 1900 }, MISSIONS).year).toBe(2014);
    expect(reduce(s0, { type: 'setYear', year: NaN }, MISSIONS)).toBe(s0);
  });

  it('stepYear walks the mission years and stops at the ends', () => {
    const g = reduce(s0, { type: 'setMission', mission: 'GAPPY' }, MISSIONS);
    const a = reduce(g, { type: 'setYear', year: 2002 }, MISSIONS);
    expect(reduce(a, { type: 'stepYear', delta: 1 }, MISSIONS).year).toBe(2005);
    expect(reduce(a, { type: 'stepYear', delta: 5 }, MISSIONS).year).toBe(2005);
    expect(reduce(a, { type: 'stepYear', delta: -5 }, MISSIONS).year).toBe(2001);
  });

  it('toggles layers and sets the perpetrator', () => {
    const t = reduce(s0, { type: 'toggleLayer', layer: 'bases' }, MISSIONS);
    expect(t.layers.bases).toBe(false);
    expect(reduce(t, { type: 'toggleLayer', layer: 'bases' }, MISSIONS).layers.bases).toBe(true);
    expect(reduce(s0, { type: 'setPerpetrator', perpetrator: 'state' }, MISSIONS).perpetrator).toBe(
      'state',
    );
  });

  it('clamps the camera and lag parameters', () => {
    const c = reduce(s0, { type: 'setCamera', camera: { lon: 190, lat: 89, zoom: 30 } }, MISSIONS);
    expect(c.camera).toEqual({ lon: -170, lat: 85, zoom: 16 });
    const l = reduce(
      s0,
      { type: 'setLag', params: { reach: 7, window: -1, theta: 2.5 } },
      MISSIONS,
    );
    expect(l.lag).toEqual({
      theta: 2.5,
      reach: 3,
      window: 0,
      delta: 1,
      precision: 5,
      initialDeployment: true,
    });
    const p = reduce(
      s0,
      { type: 'setLag', params: { precision: 9, initialDeployment: false } },
      MISSIONS,
    );
    expect([p.lag.precision, p.lag.initialDeployment]).toEqual([7, false]);
    // The analysis' bounds (src/domain/lagTypes.ts) are the state's.
    const hi = reduce(s0, { type: 'setLag', params: { theta: 50_000, delta: 1e9 } }, MISSIONS);
    expect(hi.lag.theta).toBe(50_000);
    expect(hi.lag.delta).toBe(LAG_PARAM_BOUNDS.delta.max);
  });

  it('select opens the details tab; focus moves the camera', () => {
    const p = { ...s0, panel: 'lag' as const };
    const s = reduce(p, { type: 'select', selection: { kind: 'base', id: 'x' } }, MISSIONS);
    expect(s.panel).toBe('details');
    const f = reduce(s0, { type: 'focus', camera: { lon: 20, lat: 5, zoom: 8 } }, MISSIONS);
    expect(f.camera).toEqual({ lon: 20, lat: 5, zoom: 8 });
    expect(f.selection).toBeNull();
  });

  it('focus with a year shows that year (a gap-list episode opens at its onset year)', () => {
    const cell = { kind: 'cell' as const, gid: 139421 };
    const camera = { lon: 20, lat: 5, zoom: 8 };
    const f = reduce(
      { ...s0, year: 2018 },
      { type: 'focus', camera, selection: cell, panel: 'lag', year: 2015 },
      MISSIONS,
    );
    expect(f).toMatchObject({ year: 2015, month: null, selection: cell, panel: 'lag', camera });
    // Monthly mode stays monthly, at January of the onset year.
    const m = reduce(
      { ...s0, year: 2018, month: 6 },
      { type: 'focus', camera, selection: cell, panel: 'lag', year: 2016 },
      MISSIONS,
    );
    expect(m).toMatchObject({ year: 2016, month: 1 });
    // A year the mission lacks goes to the nearest one; the same year changes nothing of the clock.
    expect(reduce(s0, { type: 'focus', camera, year: 2030 }, MISSIONS).year).toBe(2018);
    const same = reduce({ ...s0, month: 4 }, { type: 'focus', camera, year: 2014 }, MISSIONS);
    expect(same).toMatchObject({ year: 2014, month: 4 });
  });

  it('pickSearchResult selects a cell found by name or id', () => {
    const s = reduce(
      { ...s0, panel: 'lag' },
      { type: 'pickSearchResult', pick: { lon: 20.25, lat: 5.25, gid: 136487 }, zoom: 7 },
      MISSIONS,
    );
    expect(s).toMatchObject({
      mission: 'MINUSCA',
      selection: { kind: 'cell', gid: 136487 },
      panel: 'details',
      camera: { lon: 20.25, lat: 5.25, zoom: 7 },
    });
  });

  it('a selection can keep another tab open (picking an episode in the Lag tab)', () => {
    const p = { ...s0, panel: 'lag' as const };
    const cell = { kind: 'cell' as const, gid: 139421 };
    const s = reduce(p, { type: 'select', selection: cell, panel: 'lag' }, MISSIONS);
    expect(s.panel).toBe('lag');
    expect(s.selection).toEqual(cell);
    const f = reduce(
      p,
      { type: 'focus', camera: { lon: 20, lat: 5, zoom: 8 }, selection: cell, panel: 'lag' },
      MISSIONS,
    );
    expect(f.panel).toBe('lag');
    expect(f.selection).toEqual(cell);
    // Leaving the cell's view: the selection is cleared, the tab stays.
    const back = reduce(s, { type: 'select', selection: null, panel: 'lag' }, MISSIONS);
    expect(back.selection).toBeNull();
    expect(back.panel).toBe('lag');
  });

  it('property: any sequence of actions keeps the state valid', () => {
    const action: fc.Arbitrary<Action> = fc.oneof(
      fc.record({
        type: fc.constant('setMission' as const),
        mission: fc.constantFrom('MINUSCA', 'MINURCAT', 'GAPPY', 'X'),
      }),
      fc.record({ type: fc.constant('setYear' as const), year: fc.double() }),
      fc.record({ type: fc.constant('stepYear' as const), delta: fc.integer({ min: -3, max: 3 }) }),
      fc.record({
        type: fc.constant('setMonth' as const),
        month: fc.option(fc.integer({ min: -2, max: 14 })),
      }),
      fc.record({
        type: fc.constant('setPerpetrator' as const),
        perpetrator: fc.constantFrom('all' as const, 'state' as const, 'nonstate' as const),
      }),
      fc.record({
        type: fc.constant('toggleLayer' as const),
        layer: fc.constantFrom('violence' as const, 'bases' as const, 'labels' as const),
      }),
      fc.record({
        type: fc.constant('setCamera' as const),
        camera: fc.record({ lon: fc.double(), lat: fc.double(), zoom: fc.double() }),
      }),
      fc.record({ type: fc.constant('fitMission' as const) }),
      fc.record({
        type: fc.constant('setLag' as const),
        params: fc.record(
          { theta: fc.double(), reach: fc.double(), window: fc.double(), delta: fc.double() },
          { requiredKeys: [] },
        ),
      }),
      // Compare, both modes: rules B goes through the same bounds as setLag.
      fc.record({
        type: fc.constant('openCompare' as const),
        mode: fc.constantFrom('years' as const, 'rules' as const),
      }),
      fc.record({
        type: fc.constant('setCompareMode' as const),
        mode: fc.constantFrom('years' as const, 'rules' as const),
      }),
      fc.record({ type: fc.constant('setCompareYear' as const), year: fc.double() }),
      fc.record({
        type: fc.constant('setCompareLag' as const),
        params: fc.record(
          {
            theta: fc.double(),
            reach: fc.double(),
            window: fc.double(),
            delta: fc.double(),
            precision: fc.double(),
          },
          { requiredKeys: [] },
        ),
      }),
      fc.record({ type: fc.constant('swapCompareRules' as const) }),
      fc.record({ type: fc.constant('resetCompareLag' as const) }),
      fc.record({ type: fc.constant('setCompareSplit' as const), split: fc.double() }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), (actions) => {
        const s = actions.reduce((st, a) => reduce(st, a, MISSIONS), s0);
        expect(isValidState(s, MISSIONS)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('nearestYear prefers the earlier year on a tie', () => {
    expect(nearestYear([2001, 2003], 2002)).toBe(2001);
    expect(nearestYear([], 2002)).toBe(2002);
  });
});
