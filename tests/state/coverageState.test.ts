import { describe, expect, it } from 'vitest';
import { reduce } from '../../src/state/reduce';
import { defaultState, isValidState, type MissionYears } from '../../src/state/state';
import { encodeUrlState, parseUrlState } from '../../src/state/url';

const MISSIONS: MissionYears[] = [{ id: 'MINUSCA', years: [2014, 2015, 2016] }];
const s0 = defaultState(MISSIONS);

describe('coverage slice', () => {
  it('starts at X = 50 km and leaves it out of the link', () => {
    expect(s0.coverage).toEqual({ km: 50 });
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
    expect(isValidState({ ...s0, coverage: { km: 300 } }, MISSIONS)).toBe(false);
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
    expect(back.state.coverage).toEqual({ km: 120 });
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
    const s = reduce(s0, { type: 'replace', state: { ...s0, coverage: { km: 1000 } } }, MISSIONS);
    expect(s.coverage.km).toBe(200);
  });
});
