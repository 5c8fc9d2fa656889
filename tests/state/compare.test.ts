import { describe, expect, it } from 'vitest';
import { compareSideState, defaultCompareYear } from '../../src/state/compare';
import { normalizeState, reduce } from '../../src/state/reduce';
import {
  defaultState,
  isValidState,
  type AppState,
  type MissionYears,
} from '../../src/state/state';
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
    expect(s.compare).toEqual({ year: 2015, split: 0.5 });
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
    expect(y.compare).toEqual({ year: 2015, split: 0.5 });
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
    expect(parseUrlState(q, MISSIONS).state.compare).toEqual({ year: 2015, split: 0.5 });
    const near = parseUrlState('?m=MINUSCA&y=2014&cmp=2017', MISSIONS);
    expect(near.state.compare?.year).toBe(2016);
    expect(near.notices.join(' ')).toMatch(/comparing with 2016/);
    const bad = parseUrlState('?m=MINUSCA&y=2014&cmp=last', MISSIONS);
    expect(bad.state.compare).toBeNull();
    expect(bad.notices.join(' ')).toMatch(/cmp=“last” \(compare\) must be a year/);
  });

  it('replace (normalizeState) repairs the compare slice', () => {
    const fixed = normalizeState({ ...s0, compare: { year: 2031, split: 7 } }, s0, MISSIONS);
    expect(fixed.compare).toEqual({ year: 2018, split: 0.95 });
    const { compare: _, ...none } = s0;
    expect(normalizeState(none as AppState, s0, MISSIONS).compare).toBeNull();
    expect(isValidState({ ...s0, compare: { year: 2031, split: 0.5 } }, MISSIONS)).toBe(false);
    expect(
      reduce(
        s0,
        { type: 'replace', state: { ...s0, compare: { year: 2015, split: 0.4 } } },
        MISSIONS,
      ).compare,
    ).toEqual({ year: 2015, split: 0.4 });
  });
});
