import { describe, expect, it } from 'vitest';
import { reduce } from '../../src/state/reduce';
import { defaultState } from '../../src/state/state';
import { encodeUrlState, parseUrlState } from '../../src/state/url';

const missions = [{ id: 'MINUSCA', years: [2014, 2015, 2016] }];

describe('the Lag tab monthly choice', () => {
  it('is a pure updater that leaves the pooled view', () => {
    const s0 = defaultState(missions);
    expect(s0.lagMonthly).toBe(false);
    const pooled = reduce(s0, { type: 'setLagPool', pool: { from: 2012, to: 2022 } }, missions);
    const s1 = reduce(pooled, { type: 'setLagMonthly', monthly: true }, missions);
    expect(s1.lagMonthly).toBe(true);
    expect(s1.lagPool).toBeNull();
    expect(reduce(s1, { type: 'setLagMonthly', monthly: true }, missions)).toBe(s1);
    expect(reduce(s1, { type: 'setLagMonthly', monthly: false }, missions).lagMonthly).toBe(false);
  });

  it('round-trips through the URL as lagres=month', () => {
    const s = reduce(defaultState(missions), { type: 'setLagMonthly', monthly: true }, missions);
    const q = encodeUrlState(s);
    expect(q).toContain('lagres=month');
    const parsed = parseUrlState(q, missions);
    expect(parsed.state.lagMonthly).toBe(true);
    expect(parsed.notices).toEqual([]);
    expect(encodeUrlState(defaultState(missions))).not.toContain('lagres');
    const bad = parseUrlState('?lagres=weekly', missions);
    expect(bad.state.lagMonthly).toBe(false);
    expect(bad.notices).toEqual([
      'Parameter lagres=“weekly” must be month or year; showing years.',
    ]);
  });
});
