import { describe, expect, it } from 'vitest';
import { compareSideState, defaultCompareYear } from '../../src/state/compare';
import { normalizeState, reduce } from '../../src/state/reduce';
import {
  DEFAULT_LAG,
  defaultState,
  isValidState,
  normalizeLag,
  type AppState,
  type MissionYears,
} from '../../src/state/state';
import { LAG_PARAM_BOUNDS } from '../../src/domain/lagTypes';
import { encodeUrlState, parseUrlState } from '../../src/state/url';

const MISSIONS: MissionYears[] = [
  { id: 'MINUSCA', years: [2014, 2015, 2016, 2018] },
  { id: 'UNMISS', years: [2012, 2013] },
];
// MINUSCA 2014 (the default state).
const s0 = defaultState(MISSIONS);
const at = (year: number): AppState => reduce(s0, { type: 'setYear', year }, MISSIONS);

describe('compare slice', () => {
  it('starts off and stays out of the link', () => {
    expect(s0.compare).toBeNull();
    expect(encodeUrlState(s0)).not.toContain('cmp=');
  });

  it('opens with the year before the one shown, else the one after', () => {
    expect(defaultCompareYear([2014, 2015, 2016], 2016)).toBe(2015);
    expect(defaultCompareYear([2014, 2015, 2016], 2014)).toBe(2015);
    expect(defaultCompareYear([2014], 2014)).toBe(2014);
    const s = reduce(at(2016), { type: 'openCompare' }, MISSIONS);
    expect(s.compare).toEqual({ year: 2015, split: 0.5, rules: null });
    expect(isValidState(s, MISSIONS)).toBe(true);
    expect(reduce(s0, { type: 'openCompare' }, MISSIONS).compare?.year).toBe(2015);
  });

  it('opens with a chosen year (nearest the mission has) and is pure', () => {
    const s = reduce(s0, { type: 'openCompare', year: 2017.2 }, MISSIONS);
    // 2017 is not a MINUSCA year here; 2016 and 2018 tie, the earlier wins.
    expect(s.compare?.year).toBe(2016);
    expect(s0.compare).toBeNull();
    expect(reduce(s, { type: 'openCompare', year: 2016 }, MISSIONS)).toBe(s);
  });

  it('changes year, moves the divider within 5–95 %, closes; no-ops return the state', () => {
    const s = reduce(s0, { type: 'openCompare', year: 2018 }, MISSIONS);
    const y = reduce(s, { type: 'setCompareYear', year: 2015 }, MISSIONS);
    expect(y.compare).toEqual({ year: 2015, split: 0.5, rules: null });
    expect(reduce(y, { type: 'setCompareYear', year: 2015 }, MISSIONS)).toBe(y);
    expect(reduce(y, { type: 'setCompareSplit', split: 0.3 }, MISSIONS).compare?.split).toBe(0.3);
    expect(reduce(y, { type: 'setCompareSplit', split: -1 }, MISSIONS).compare?.split).toBe(0.05);
    expect(reduce(y, { type: 'setCompareSplit', split: 2 }, MISSIONS).compare?.split).toBe(0.95);
    expect(reduce(y, { type: 'setCompareSplit', split: NaN }, MISSIONS)).toBe(y);
    expect(reduce(y, { type: 'closeCompare' }, MISSIONS).compare).toBeNull();
    // Without compare open, year and divider actions change nothing.
    expect(reduce(s0, { type: 'setCompareYear', year: 2015 }, MISSIONS)).toBe(s0);
    expect(reduce(s0, { type: 'setCompareSplit', split: 0.2 }, MISSIONS)).toBe(s0);
    expect(reduce(s0, { type: 'closeCompare' }, MISSIONS)).toBe(s0);
  });

  it('another mission moves the comparison year to its nearest year', () => {
    const s = reduce(s0, { type: 'openCompare', year: 2015 }, MISSIONS);
    const u = reduce(s, { type: 'setMission', mission: 'UNMISS' }, MISSIONS);
    expect(u.mission).toBe('UNMISS');
    expect(u.compare?.year).toBe(2013);
    expect(isValidState(u, MISSIONS)).toBe(true);
    // Moving the main year keeps the comparison year.
    expect(reduce(s, { type: 'setYear', year: 2018 }, MISSIONS).compare?.year).toBe(2015);
  });

  it('the comparison side is the state with its year, its own clock paused', () => {
    const s = reduce(at(2016), { type: 'openCompare', year: 2014 }, MISSIONS);
    const playing = reduce(s, { type: 'playback', action: { type: 'play' } }, MISSIONS);
    const side = compareSideState(playing, MISSIONS);
    expect(side?.year).toBe(2014);
    expect(side?.mission).toBe('MINUSCA');
    expect(side?.playback.playing).toBe(false);
    // Step index of 2014 among [2014, 2015, 2016, 2018].
    expect(side?.playback.position).toBe(0);
    expect(compareSideState(s0, MISSIONS)).toBeNull();
  });

  it('round-trips through the link (cmp=2015); a bad value is a notice', () => {
    const s = reduce(s0, { type: 'openCompare', year: 2015 }, MISSIONS);
    const q = encodeUrlState(s);
    expect(q).toContain('cmp=2015');
    expect(parseUrlState(q, MISSIONS).state.compare).toEqual({
      year: 2015,
      split: 0.5,
      rules: null,
    });
    const near = parseUrlState('?m=MINUSCA&y=2014&cmp=2017', MISSIONS);
    expect(near.state.compare?.year).toBe(2016);
    expect(near.notices.join(' ')).toMatch(/comparing with 2016/);
    const bad = parseUrlState('?m=MINUSCA&y=2014&cmp=last', MISSIONS);
    expect(bad.state.compare).toBeNull();
    expect(bad.notices.join(' ')).toMatch(/cmp=“last” \(compare\) must be a year/);
  });

  it('replace (normalizeState) repairs the compare slice', () => {
    const fixed = normalizeState(
      { ...s0, compare: { year: 2031, split: 7, rules: null } },
      s0,
      MISSIONS,
    );
    expect(fixed.compare).toEqual({ year: 2018, split: 0.95, rules: null });
    const { compare: _, ...none } = s0;
    expect(normalizeState(none as AppState, s0, MISSIONS).compare).toBeNull();
    expect(
      isValidState({ ...s0, compare: { year: 2031, split: 0.5, rules: null } }, MISSIONS),
    ).toBe(false);
    expect(
      reduce(
        s0,
        { type: 'replace', state: { ...s0, compare: { year: 2015, split: 0.4, rules: null } } },
        MISSIONS,
      ).compare,
    ).toEqual({ year: 2015, split: 0.4, rules: null });
  });

  describe('rules mode (a second lag parameter set)', () => {
    // The research brief's defaults, written out: θ 10, r 0, W 3, Δ 1, p 5, initial deployment on.
    const A = { theta: 10, reach: 0, window: 3, delta: 1, precision: 5, initialDeployment: true };
    const rulesAt = (year: number): AppState =>
      reduce(at(year), { type: 'openCompare', mode: 'rules' }, MISSIONS);

    it('opens with rules B a copy of rules A and the year kept for a switch to years', () => {
      const s = rulesAt(2016);
      expect(s.compare).toEqual({ year: 2015, split: 0.5, rules: A });
      expect(s.compare?.rules).not.toBe(s.lag);
      expect(isValidState(s, MISSIONS)).toBe(true);
      expect(reduce(s, { type: 'openCompare', mode: 'rules' }, MISSIONS)).toBe(s);
      // Years mode → rules mode and back: the year stays, B is dropped.
      const y = reduce(s, { type: 'setCompareMode', mode: 'years' }, MISSIONS);
      expect(y.compare).toEqual({ year: 2015, split: 0.5, rules: null });
      expect(reduce(y, { type: 'setCompareMode', mode: 'years' }, MISSIONS)).toBe(y);
      expect(reduce(y, { type: 'setCompareMode', mode: 'rules' }, MISSIONS).compare?.rules).toEqual(
        A,
      );
      expect(reduce(s0, { type: 'setCompareMode', mode: 'rules' }, MISSIONS)).toBe(s0);
    });

    it('setCompareLag changes B only, with the Lag tab bounds; no-ops return the state', () => {
      const s = rulesAt(2016);
      const b = reduce(s, { type: 'setCompareLag', params: { theta: 25, window: 5 } }, MISSIONS);
      expect(b.compare?.rules).toEqual({ ...A, theta: 25, window: 5 });
      expect(b.lag).toBe(s.lag);
      const clamped = reduce(
        b,
        {
          type: 'setCompareLag',
          params: { theta: 0, window: 99, reach: 2.6, reachKm: 5, precision: 4 },
        },
        MISSIONS,
      );
      // θ ≥ 1, W ≤ 10, r a whole number ≤ 3, reach in km ≥ 10, precision ≥ 5.
      expect(clamped.compare?.rules).toEqual({
        ...A,
        theta: 1,
        window: 10,
        reach: 3,
        reachKm: 10,
        precision: 5,
      });
      expect(isValidState(clamped, MISSIONS)).toBe(true);
      expect(reduce(b, { type: 'setCompareLag', params: { theta: 25 } }, MISSIONS)).toBe(b);
      const ignored = { initialDeployment: 'no' } as unknown as Partial<AppState['lag']>;
      expect(reduce(b, { type: 'setCompareLag', params: ignored }, MISSIONS)).toBe(b);
      const years = reduce(at(2016), { type: 'openCompare' }, MISSIONS);
      expect(reduce(years, { type: 'setCompareLag', params: { theta: 25 } }, MISSIONS)).toBe(years);
    });

    it('swaps A and B, and resets B to a copy of A', () => {
      const b = reduce(rulesAt(2016), { type: 'setCompareLag', params: { delta: 50 } }, MISSIONS);
      const swapped = reduce(b, { type: 'swapCompareRules' }, MISSIONS);
      expect(swapped.lag).toEqual({ ...A, delta: 50 });
      expect(swapped.compare?.rules).toEqual(A);
      const reset = reduce(b, { type: 'resetCompareLag' }, MISSIONS);
      expect(reset.compare?.rules).toEqual(A);
      expect(reduce(reset, { type: 'resetCompareLag' }, MISSIONS)).toBe(reset);
      expect(reduce(reset, { type: 'swapCompareRules' }, MISSIONS)).toBe(reset);
    });

    it('the comparison side is the same year with rules B, and follows the main year', () => {
      const b = reduce(rulesAt(2016), { type: 'setCompareLag', params: { theta: 40 } }, MISSIONS);
      const side = compareSideState(b, MISSIONS);
      expect(side?.year).toBe(2016);
      expect(side?.lag).toEqual({ ...A, theta: 40 });
      expect(side?.playback.playing).toBe(false);
      // Step index of 2016 among [2014, 2015, 2016, 2018].
      expect(side?.playback.position).toBe(2);
      const later = compareSideState(
        reduce(b, { type: 'setYear', year: 2018 }, MISSIONS),
        MISSIONS,
      );
      expect(later?.year).toBe(2018);
      expect(later?.lag.theta).toBe(40);
      // The main side keeps rules A.
      expect(b.lag).toEqual(A);
    });

    it('round-trips through the link as cmpl= (the pairs that differ from A)', () => {
      const b = reduce(
        rulesAt(2014),
        {
          type: 'setCompareLag',
          params: { theta: 25, window: 5, reachKm: 50, initialDeployment: false },
        },
        MISSIONS,
      );
      const q = encodeUrlState(b);
      expect(q).toContain('cmpl=theta:25,win:5,reachkm:50,init:0');
      expect(q).not.toContain('cmp=');
      const parsed = parseUrlState(q, MISSIONS);
      expect(parsed.notices).toEqual([]);
      expect(parsed.state.compare).toEqual(b.compare);
      expect(parsed.state.lag).toEqual(A);
      expect(encodeUrlState(parsed.state)).toBe(q);

      // Relative to a non-default A: B with rings while A has 60 km; B the same as A is "-".
      const a60 = reduce(
        reduce(s0, { type: 'setLag', params: { theta: 20, reachKm: 60 } }, MISSIONS),
        { type: 'openCompare', mode: 'rules' },
        MISSIONS,
      );
      expect(encodeUrlState(a60)).toContain('theta=20&reachkm=60');
      expect(encodeUrlState(a60)).toContain('cmpl=-');
      const rings = reduce(a60, { type: 'setCompareLag', params: { reachKm: null } }, MISSIONS);
      const qr = encodeUrlState(rings);
      expect(qr).toContain('cmpl=reachkm:off');
      const back = parseUrlState(qr, MISSIONS).state;
      expect(back.lag).toEqual({ ...A, theta: 20, reachKm: 60 });
      expect(back.compare?.rules).toEqual({ ...A, theta: 20, reachKm: null });
      // With cmp as well, its year is the one a switch to years shows.
      expect(parseUrlState('?m=MINUSCA&y=2014&cmp=2018&cmpl=-', MISSIONS).state.compare).toEqual({
        year: 2018,
        split: 0.5,
        rules: A,
      });
    });

    it('bad cmpl pairs are notices and keep A’s value', () => {
      const r = parseUrlState(
        '?m=MINUSCA&y=2014&cmpl=theta:0,win:5,foo:1,delta,init:maybe',
        MISSIONS,
      );
      expect(r.state.compare?.rules).toEqual({ ...A, window: 5 });
      expect(r.notices).toEqual([
        'Rules B (cmpl): Parameter theta=“0” must be a number from 1 to 100000; using 10.',
        'Rules B (cmpl): Ignored unknown lag parameter “foo”.',
        'Rules B (cmpl): “delta” is not name:value (e.g. theta:25); left out.',
        'Rules B (cmpl): Parameter init=“maybe” must be 1 (initial deployment counts) or 0; using 1.',
      ]);
      expect(isValidState(r.state, MISSIONS)).toBe(true);
    });

    it('replace (normalizeState) repairs rules B with the Lag tab rule', () => {
      const broken = {
        ...s0,
        compare: {
          year: 2015,
          split: 0.5,
          rules: {
            ...A,
            theta: -5,
            window: 2.4,
            reach: 9,
            initialDeployment: 'yes' as unknown as boolean,
          },
        },
      };
      expect(isValidState(broken, MISSIONS)).toBe(false);
      const fixed = normalizeState(broken, s0, MISSIONS);
      expect(fixed.compare?.rules).toEqual({ ...A, theta: 1, window: 2, reach: 3 });
      expect(isValidState(fixed, MISSIONS)).toBe(true);
    });
  });
});

describe('normalizeLag', () => {
  it('takes a missing number from the fallback, clamps the others, keeps a bad boolean out', () => {
    const fallback = { ...DEFAULT_LAG, theta: 25, window: 5 };
    const lag = normalizeLag({ reach: 2 }, fallback);
    // θ and W absent: rules A's (25, 5), not the lower bounds.
    expect([lag.theta, lag.window, lag.reach]).toEqual([25, 5, 2]);
    const odd = normalizeLag(
      { theta: 1e9, window: Number.NaN, initialDeployment: 'yes' as unknown as boolean },
      fallback,
    );
    expect(odd.theta).toBe(LAG_PARAM_BOUNDS.theta.max);
    expect(odd.window).toBe(LAG_PARAM_BOUNDS.window.min);
    expect(odd.initialDeployment).toBe(fallback.initialDeployment);
  });
});

describe('compare rules and the World view (no lag analysis there)', () => {
  it('does not open rules in the World view; opening the World view turns rules into years', () => {
    const world = reduce(s0, { type: 'openWorld' }, MISSIONS);
    expect(reduce(world, { type: 'openCompare', mode: 'rules' }, MISSIONS)).toBe(world);
    const years = reduce(world, { type: 'openCompare' }, MISSIONS);
    expect(years.compare?.rules).toBeNull();
    expect(reduce(years, { type: 'setCompareMode', mode: 'rules' }, MISSIONS)).toBe(years);
    // A mission view comparing rules, then the World view: the comparison keeps its year only.
    const rules = reduce(s0, { type: 'openCompare', mode: 'rules' }, MISSIONS);
    expect(rules.compare?.rules).not.toBeNull();
    const opened = reduce(rules, { type: 'openWorld' }, MISSIONS);
    expect(opened.compare).toEqual({ ...rules.compare, rules: null });
    expect(isValidState({ ...opened, compare: rules.compare }, MISSIONS)).toBe(false);
    expect(
      normalizeState({ ...opened, compare: rules.compare }, s0, MISSIONS).compare?.rules,
    ).toBeNull();
  });

  it('a World link with cmpl says why it is not comparing rules', () => {
    const { state, notices } = parseUrlState('?w=all&y=2014&cmpl=theta:25', MISSIONS);
    expect(state.compare?.rules ?? null).toBeNull();
    expect(notices.join(' ')).toMatch(/World view has no lag analysis/);
  });
});
