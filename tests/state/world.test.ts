import { describe, expect, it } from 'vitest';
import { reduce } from '../../src/state/reduce';
import { WORLD_CAMERA, defaultState, isValidState, type MissionYears } from '../../src/state/state';
import { frameOfState } from '../../src/state/timeline';
import { encodeUrlState, parseUrlState } from '../../src/state/url';

const MISSIONS: MissionYears[] = [
  { id: 'MINUSCA', years: [2014, 2015, 2016] },
  { id: 'UNMIL', years: [2004, 2005] },
  { id: 'UNMISS', years: [2011, 2012] },
];

describe('World view state', () => {
  it('opens with every mission, the world camera and the World tab; the clock spans every year', () => {
    const s = reduce(defaultState(MISSIONS), { type: 'openWorld' }, MISSIONS);
    expect(s.world).toEqual({ missions: [] });
    expect(s.camera).toEqual(WORLD_CAMERA);
    expect(s.panel).toBe('world');
    // Steps: 2004, 2005, 2011, 2012, 2014, 2015, 2016 → 2014 is index 4.
    expect(s.playback.first).toBe(0);
    expect(s.playback.last).toBe(6);
    expect(frameOfState(s, MISSIONS).step).toBe(2014);
    // A year of another mission is a valid World year; the mission view could not show it.
    const y = reduce(s, { type: 'setYear', year: 2005 }, MISSIONS);
    expect(y.year).toBe(2005);
    expect(isValidState(y, MISSIONS)).toBe(true);
    // Playback runs over every mission's years.
    const played = reduce(y, { type: 'playback', action: { type: 'step', by: 1 } }, MISSIONS);
    expect(played.year).toBe(2011);
  });

  it('keeps a sorted, known multi-select and leaves for a mission view on a mission pick', () => {
    let s = reduce(defaultState(MISSIONS), { type: 'openWorld' }, MISSIONS);
    s = reduce(
      s,
      { type: 'setWorldMissions', missions: ['UNMISS', 'ATLANTIS', 'MINUSCA'] },
      MISSIONS,
    );
    expect(s.world).toEqual({ missions: ['MINUSCA', 'UNMISS'] });
    s = reduce(s, { type: 'setYear', year: 2012 }, MISSIONS);
    const m = reduce(s, { type: 'setMission', mission: 'UNMISS' }, MISSIONS);
    expect(m.world).toBeNull();
    expect(m.mission).toBe('UNMISS');
    expect(m.year).toBe(2012);
    expect(m.camera).toBeNull();
    const back = reduce(s, { type: 'closeWorld' }, MISSIONS);
    expect(back.world).toBeNull();
    expect(back.mission).toBe('MINUSCA');
    expect(back.year).toBe(2014); // nearest MINUSCA year to 2012
  });

  it('round-trips through the link (w=)', () => {
    let s = reduce(defaultState(MISSIONS), { type: 'openWorld' }, MISSIONS);
    s = reduce(s, { type: 'setWorldMissions', missions: ['UNMIL'] }, MISSIONS);
    s = reduce(s, { type: 'setYear', year: 2005 }, MISSIONS);
    const q = encodeUrlState(s);
    expect(q).toContain('w=UNMIL');
    const back = parseUrlState(q, MISSIONS);
    expect(back.notices).toEqual([]);
    expect(back.state.world).toEqual({ missions: ['UNMIL'] });
    expect(back.state.year).toBe(2005);
    expect(parseUrlState('?w=all&y=2011', MISSIONS).state.world).toEqual({ missions: [] });
    expect(parseUrlState('?w=NOPE', MISSIONS).notices).toHaveLength(1);
  });
});
