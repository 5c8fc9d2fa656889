import { describe, expect, it } from 'vitest';
import { reduce } from '../../src/state/reduce';
import { defaultState, isValidState, type MissionYears } from '../../src/state/state';
import { encodeUrlState, parseUrlState } from '../../src/state/url';

const MISSIONS: MissionYears[] = [{ id: 'MINUSCA', years: [2014, 2015, 2016] }];
const s0 = defaultState(MISSIONS);

describe('coverage slice', () => {
  it('starts at X = 50 km, k = 3, n = 3 and leaves them out of the link', () => {
    expect(s0.coverage).toEqual({ km: 50, k: 3, n: 3 });
    expect(encodeUrlState(s0)).not.toContain('cx=');
  });

  it('setCoverage clamps X to 10–200 km and keeps the state valid', () => {
    const at = (km: number) => reduce(s0, { type: 'setCoverage', km }, MISSIONS).coverage.km;
    expect(at(75)).toBe(75);
    expect(at(5)).toBe(10);
    expect(at(500)).toBe(200);
    expect(at(Number.NaN)).toBe(50);
    expect(reduce(s0, { type: 'setCoverage', km: 50 }, MISSIONS)).toBe(s0);
    expect(isValidState(reduce(s0, { type: 'setCoverage', km: 5 }, MISSIONS), MISSIONS)).toBe(true);
    expect(isValidState({ ...s0, coverage: { ...s0.coverage, km: 300 } }, MISSIONS)).toBe(false);
    expect(isValidState({ ...s0, coverage: { ...s0.coverage, k: 6 } }, MISSIONS)).toBe(false);
  });

  it('round-trips X and the coverage tab through the link (cx, tab=coverage)', () => {
    const s = reduce(
      reduce(s0, { type: 'setCoverage', km: 120 }, MISSIONS),
      { type: 'setPanel', panel: 'coverage' },
      MISSIONS,
    );
    const q = encodeUrlState(s);
    expect(q).toContain('cx=120');
    expect(q).toContain('tab=coverage');
    const back = parseUrlState(q, MISSIONS);
    expect(back.notices).toEqual([]);
    expect(back.state.coverage).toEqual({ km: 120, k: 3, n: 3 });
    expect(back.state.panel).toBe('coverage');
  });

  it('names a bad cx like the lag parameters and keeps 50 km', () => {
    for (const bad of ['5', '201', 'far', '']) {
      const { state, notices } = parseUrlState(`?cx=${bad}`, MISSIONS);
      expect(state.coverage.km).toBe(50);
      expect(notices).toEqual([
        `Parameter cx=“${bad}” (coverage reach) must be a number of km from 10 to 200; using 50.`,
      ]);
    }
  });

  it('replace normalizes a stored X', () => {
    const s = reduce(
      s0,
      { type: 'replace', state: { ...s0, coverage: { km: 1000, k: 9, n: 0 } } },
      MISSIONS,
    );
    expect(s.coverage).toEqual({ km: 200, k: 5, n: 1 });
  });

  it('clamps k and n, round-trips them as ck and cn, and names bad ones', () => {
    const s = reduce(s0, { type: 'setCoverage', k: 9, n: 2.4 }, MISSIONS);
    expect(s.coverage).toEqual({ km: 50, k: 5, n: 2 });
    const q = encodeUrlState(s);
    expect(q).toContain('ck=5');
    expect(q).toContain('cn=2');
    expect(parseUrlState(q, MISSIONS).state.coverage).toEqual({ km: 50, k: 5, n: 2 });
    const bad = parseUrlState('?ck=0&cn=11', MISSIONS);
    expect(bad.state.coverage).toEqual({ km: 50, k: 3, n: 3 });
    expect(bad.notices).toEqual([
      'Parameter ck=“0” (what-if sites) must be a whole number from 1 to 5; using 3.',
      'Parameter cn=“11” (what-if history years) must be a whole number from 1 to 10; using 3.',
    ]);
  });

  it('carries the lag reach in km (reachkm), set, cleared and named when bad', () => {
    const s = reduce(s0, { type: 'setLag', params: { reachKm: 500 } }, MISSIONS);
    expect(s.lag.reachKm).toBe(200);
    const q = encodeUrlState(reduce(s0, { type: 'setLag', params: { reachKm: 60 } }, MISSIONS));
    expect(q).toContain('reachkm=60');
    expect(parseUrlState(q, MISSIONS).state.lag.reachKm).toBe(60);
    expect(
      reduce(s, { type: 'setLag', params: { reachKm: null } }, MISSIONS).lag.reachKm,
    ).toBeNull();
    expect(encodeUrlState(s0)).not.toContain('reachkm');
    const bad = parseUrlState('?reachkm=3', MISSIONS);
    expect(bad.state.lag.reachKm ?? null).toBeNull();
    expect(bad.notices).toEqual([
      'Parameter reachkm=“3” must be a number of km from 10 to 200; using rings.',
    ]);
  });
});
