/**
 * The one store and its one clock: the playback and the year / month shown are one value (a tick
 * moves the year; a year chosen anywhere moves the playback), a story scene's year range plays on
 * the same clock, compound intents are single actions, `replace` validates, and subscribers hear
 * only real changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthIndex } from '../../src/domain/timeline';
import { reduce, STORY_SECONDS_PER_YEAR, type Action } from '../../src/state/reduce';
import { DEFAULT_LAG, defaultState, isValidState, type MissionYears } from '../../src/state/state';
import { createStore } from '../../src/state/store';
import { frameOfState, stepsOf } from '../../src/state/timeline';

const MISSIONS: MissionYears[] = [
  { id: 'MINUSCA', years: [2014, 2015, 2016, 2017, 2018] },
  { id: 'GAPPY', years: [2001, 2002, 2005] },
];
const s0 = defaultState(MISSIONS);
const r = (s: typeof s0, ...actions: Action[]) =>
  actions.reduce((acc, a) => reduce(acc, a, MISSIONS), s);

/** The step the playback stands on equals the year (or month) shown. */
function inStep(s: typeof s0): boolean {
  const steps = stepsOf(MISSIONS, s.mission, s.month === null ? 'year' : 'month');
  const step = steps[Math.floor(s.playback.position)];
  return s.month === null ? step === s.year : step === monthIndex(s.year, s.month);
}

describe('one clock', () => {
  it('a tick moves the year shown (1.5 s per year by default)', () => {
    const playing = r(s0, { type: 'playback', action: { type: 'play' } });
    expect(playing.playback.playing).toBe(true);
    const a = r(playing, { type: 'tick', dtMs: 200 });
    expect(a.year).toBe(2014);
    expect(frameOfState(a, MISSIONS)).toMatchObject({ step: 2014, next: 2015 });
    // 1.5 s in 250 ms frames (the longest frame honoured) reaches 2015.
    const b = r(a, ...Array.from({ length: 6 }, () => ({ type: 'tick', dtMs: 250 }) as Action));
    expect(b.year).toBe(2015);
    expect(inStep(b)).toBe(true);
  });

  it('a paused tick changes nothing (the same object)', () => {
    expect(r(s0, { type: 'tick', dtMs: 100 })).toBe(s0);
  });

  it('a year chosen elsewhere moves the playback, and playing goes on from there', () => {
    const playing = r(s0, { type: 'playback', action: { type: 'play' } });
    const moved = r(playing, { type: 'setYear', year: 2017 });
    expect(moved.playback.position).toBe(3);
    expect(moved.playback.playing).toBe(true);
    expect(inStep(moved)).toBe(true);
  });

  it('another mission restarts the clock paused over its own years (gaps skipped)', () => {
    const playing = r(s0, { type: 'playback', action: { type: 'play' } });
    const g = r(playing, { type: 'setMission', mission: 'GAPPY' });
    expect(g).toMatchObject({ year: 2005, playback: { first: 0, last: 2, playing: false } });
    const back = r(g, { type: 'playback', action: { type: 'step', by: -1 } });
    expect(back.year).toBe(2002);
  });

  it('monthly steps run over every month of the mission years', () => {
    const m = r(s0, { type: 'setGranularity', granularity: 'month' });
    expect(m.month).toBe(1);
    expect(m.playback.last).toBe(5 * 12 - 1);
    const next = r(m, { type: 'playback', action: { type: 'step', by: 1 } });
    expect(next).toMatchObject({ year: 2014, month: 2 });
    const dec = r(m, { type: 'setStep', value: monthIndex(2016, 12) });
    expect(dec).toMatchObject({ year: 2016, month: 12 });
    expect(inStep(dec)).toBe(true);
    expect(r(dec, { type: 'setGranularity', granularity: 'year' })).toMatchObject({
      year: 2016,
      month: null,
      playback: { last: 4, position: 2 },
    });
  });

  it('a story range plays on the same clock at its own speed, then gives the timeline back', () => {
    const slow = r(s0, { type: 'playback', action: { type: 'speed', secondsPerYear: 4 } });
    const scene = r(slow, {
      type: 'applyScene',
      patch: { story: { id: 'minusca', scene: 2 } },
      years: { from: 2015, to: 2017 },
      play: true,
    });
    expect(scene).toMatchObject({
      year: 2015,
      playRange: { from: 2015, to: 2017 },
      playback: { first: 1, last: 3, playing: true, secondsPerYear: STORY_SECONDS_PER_YEAR },
    });
    let s = scene;
    for (let i = 0; i < 100 && s.playback.playing; i++) s = r(s, { type: 'tick', dtMs: 250 });
    expect(s.year).toBe(2017); // stops on the range's last year, never beyond
    expect(s.playback.playing).toBe(false);
    const out = r(s, { type: 'exitStory' });
    expect(out).toMatchObject({
      story: null,
      playRange: null,
      year: 2017,
      playback: { first: 0, last: 4, secondsPerYear: 4 },
    });
  });

  it('keeps the playback on the year shown whatever the actions (property)', () => {
    const action: fc.Arbitrary<Action> = fc.oneof(
      fc.record({ type: fc.constant('tick' as const), dtMs: fc.integer({ min: 0, max: 400 }) }),
      fc.constantFrom<Action>(
        { type: 'playback', action: { type: 'play' } },
        { type: 'playback', action: { type: 'pause' } },
        { type: 'playback', action: { type: 'step', by: 1 } },
        { type: 'playback', action: { type: 'loop', loop: true } },
        { type: 'setMission', mission: 'GAPPY' },
        { type: 'setMission', mission: 'MINUSCA' },
        { type: 'setGranularity', granularity: 'month' },
        { type: 'setGranularity', granularity: 'year' },
        { type: 'exitStory' },
        {
          type: 'applyScene',
          patch: { story: { id: 'x', scene: 0 }, mission: 'MINUSCA' },
          years: { from: 2015, to: 2016 },
          play: true,
        },
      ),
      fc.record({
        type: fc.constant('setYear' as const),
        year: fc.integer({ min: 1995, max: 2025 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
        let s = s0;
        for (const a of actions) {
          s = reduce(s, a, MISSIONS);
          if (!inStep(s) || !isValidState(s, MISSIONS)) return false;
        }
        return true;
      }),
    );
  });
});

describe('compound intents', () => {
  it('pickSearchResult switches mission and year for a base, flies and selects', () => {
    const s = r(s0, {
      type: 'pickSearchResult',
      pick: { lon: 20, lat: 10, base: { id: 'GAPPY:x', mission: 'GAPPY', years: [2001, 2002] } },
      zoom: 7,
    });
    expect(s).toMatchObject({
      mission: 'GAPPY',
      year: 2002,
      camera: { lon: 20, lat: 10, zoom: 7 },
      selection: { kind: 'base', id: 'GAPPY:x' },
      panel: 'details',
    });
    expect(inStep(s)).toBe(true);
    const town = r(s0, { type: 'pickSearchResult', pick: { lon: 18.5, lat: 4.4 }, zoom: 7 });
    expect(town).toMatchObject({ mission: 'MINUSCA', camera: { zoom: 7 }, selection: null });
  });

  it('resetLag restores the research brief and all perpetrators in one action', () => {
    const changed = r(
      s0,
      { type: 'setLag', params: { theta: 50, reach: 2 } },
      { type: 'setPerpetrator', perpetrator: 'state' },
    );
    expect(r(changed, { type: 'resetLag' })).toMatchObject({
      lag: DEFAULT_LAG,
      perpetrator: 'all',
    });
  });

  it('replace validates: bad fields fall back, the clock follows the new year', () => {
    const bad = {
      ...s0,
      mission: 'NOPE',
      year: 2016.6,
      month: 13,
      perpetrator: 'x' as never,
      lag: { ...s0.lag, theta: -5 },
      camera: { lon: 200, lat: 95, zoom: 30 },
    };
    const s = r(s0, { type: 'replace', state: bad });
    expect(s).toMatchObject({ mission: 'MINUSCA', year: 2017, month: null, perpetrator: 'all' });
    expect(s.camera).toEqual({ lon: -160, lat: 85, zoom: 16 });
    expect(isValidState(s, MISSIONS)).toBe(true);
    expect(inStep(s)).toBe(true);
  });
});

describe('the store', () => {
  it('notifies subscribers of changes only, and stops after unsubscribing', () => {
    const store = createStore(s0, MISSIONS);
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.dispatch({ type: 'tick', dtMs: 16 }); // paused: nothing
    store.dispatch({ type: 'setYear', year: 2014 }); // same year: nothing
    expect(calls).toBe(0);
    store.dispatch({ type: 'setYear', year: 2016 });
    expect(calls).toBe(1);
    expect(store.getState().year).toBe(2016);
    off();
    store.dispatch({ type: 'setYear', year: 2017 });
    expect(calls).toBe(1);
  });

  it('aligns the playback of an initial state that names another year', () => {
    const store = createStore({ ...s0, year: 2016 }, MISSIONS);
    expect(store.getState().playback.position).toBe(2);
  });
});
