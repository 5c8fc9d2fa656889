import { describe, expect, it } from 'vitest';
import {
  createPlayback,
  nextFrame,
  updatePlayback,
  type Playback,
  type PlaybackAction,
} from '../../../src/state/playback';
import { nearestIndex, stepFrame } from '../../../src/state/timeline';
import { keyAction, thinTicks, tickYears, type KeyTarget } from '../../../src/ui/timeline/model';

// The store's clock: a tick goes to nextFrame, a control to updatePlayback (src/state/reduce.ts
// `tick` / `playback`; tests/state/store.test.ts checks the store does exactly this).
type TimelineAction = PlaybackAction | { type: 'tick'; dtMs: number };
const timelineReducer = (p: Playback, a: TimelineAction): Playback =>
  a.type === 'tick' ? nextFrame(p, a.dtMs) : updatePlayback(p, a);

// MINUSCA-like years with a gap (2019 missing): steps are indices into this list.
const YEARS = [2014, 2015, 2016, 2017, 2018, 2020];

const at = (index: number, over: Partial<Playback> = {}): Playback => ({
  ...createPlayback(0, YEARS.length - 1, index, { secondsPerYear: 1 }),
  ...over,
});

describe('stepFrame', () => {
  it('maps playback indices to step values, skipping gap years', () => {
    expect(stepFrame(at(4), YEARS)).toEqual({ index: 4, step: 2018, next: 2020, t: 0 });
    const playing = timelineReducer(at(4, { playing: true }), { type: 'tick', dtMs: 250 });
    expect(stepFrame(playing, YEARS)).toMatchObject({ step: 2018, next: 2020, t: 0.25 });
  });

  it('never tweens at the end or with one step', () => {
    expect(stepFrame(at(5, { playing: true }), YEARS)).toMatchObject({
      step: 2020,
      next: 2020,
      t: 0,
    });
    expect(stepFrame(createPlayback(0, 0), [2014])).toEqual({
      index: 0,
      step: 2014,
      next: 2014,
      t: 0,
    });
  });

  it('is safe on an empty step list', () => {
    expect(stepFrame(createPlayback(0, 0), []).step).toBe(0);
  });
});

describe('timelineReducer', () => {
  it('ticks through nextFrame and controls through updatePlayback', () => {
    const p = at(0);
    expect(timelineReducer(p, { type: 'tick', dtMs: 100 })).toBe(p); // paused
    const played = timelineReducer(timelineReducer(p, { type: 'play' }), {
      type: 'tick',
      dtMs: 200,
    });
    expect(played.position).toBeCloseTo(0.2);
    expect(timelineReducer(p, { type: 'last' }).position).toBe(5);
  });

  it('plays every step to the end, then stops', () => {
    let p = timelineReducer(at(0), { type: 'play' });
    const seen = new Set<number>();
    for (let i = 0; i < 200 && p.playing; i++) {
      p = timelineReducer(p, { type: 'tick', dtMs: 50 });
      seen.add(stepFrame(p, YEARS).step);
    }
    expect(p.playing).toBe(false);
    expect([...seen].sort()).toEqual(YEARS.slice(0).sort());
  });
});

describe('nearestIndex', () => {
  it('finds the closest step (earlier wins a tie)', () => {
    expect(nearestIndex(YEARS, 2017)).toBe(3);
    expect(nearestIndex(YEARS, 2019)).toBe(4);
    expect(nearestIndex(YEARS, 1990)).toBe(0);
    expect(nearestIndex(YEARS, 2099)).toBe(5);
    expect(nearestIndex([], 2000)).toBe(0);
  });
});

describe('keyAction', () => {
  const body: KeyTarget = { tagName: 'BODY' };
  it('maps Space, arrows, Home and End on the page', () => {
    expect(keyAction({ key: ' ' }, body)).toEqual({ type: 'toggle' });
    expect(keyAction({ key: 'Spacebar' }, body)).toEqual({ type: 'toggle' });
    expect(keyAction({ key: 'ArrowLeft' }, body)).toEqual({ type: 'step', by: -1 });
    expect(keyAction({ key: 'ArrowRight' }, null)).toEqual({ type: 'step', by: 1 });
    expect(keyAction({ key: 'Home' }, body)).toEqual({ type: 'first' });
    expect(keyAction({ key: 'End' }, body)).toEqual({ type: 'last' });
    expect(keyAction({ key: 'a' }, body)).toBeNull();
  });

  it('ignores modified and repeated Space presses', () => {
    expect(keyAction({ key: 'ArrowLeft', altKey: true }, body)).toBeNull();
    expect(keyAction({ key: ' ', ctrlKey: true }, body)).toBeNull();
    expect(keyAction({ key: ' ', repeat: true }, body)).toBeNull();
  });

  it('never acts while typing', () => {
    for (const t of [
      { tagName: 'INPUT', type: 'text' },
      { tagName: 'INPUT', type: 'search' },
      { tagName: 'INPUT' },
      { tagName: 'TEXTAREA' },
      { tagName: 'SELECT' },
      { tagName: 'DIV', isContentEditable: true },
    ])
      for (const key of [' ', 'ArrowLeft', 'Home']) expect(keyAction({ key }, t)).toBeNull();
  });

  it('leaves Space to buttons and arrows to sliders, tabs, radios and the map', () => {
    expect(keyAction({ key: ' ' }, { tagName: 'BUTTON' })).toBeNull();
    expect(keyAction({ key: 'ArrowRight' }, { tagName: 'BUTTON' })).toEqual({
      type: 'step',
      by: 1,
    });
    expect(keyAction({ key: ' ' }, { tagName: 'INPUT', type: 'checkbox' })).toBeNull();
    expect(keyAction({ key: 'ArrowRight' }, { tagName: 'INPUT', type: 'range' })).toBeNull();
    expect(keyAction({ key: ' ' }, { tagName: 'INPUT', type: 'range' })).toEqual({
      type: 'toggle',
    });
    expect(keyAction({ key: 'ArrowLeft' }, { tagName: 'BUTTON', role: 'tab' })).toBeNull();
    expect(keyAction({ key: 'End' }, { tagName: 'INPUT', type: 'radio' })).toBeNull();
    expect(keyAction({ key: 'ArrowLeft' }, { tagName: 'CANVAS', inMap: true })).toBeNull();
    expect(keyAction({ key: ' ' }, { tagName: 'CANVAS', inMap: true })).toEqual({ type: 'toggle' });
  });
});

describe('tickYears', () => {
  it('labels every year of a short mission and every fifth of a long one', () => {
    expect(tickYears([2014, 2015, 2016])).toEqual([2014, 2015, 2016]);
    const long = Array.from({ length: 31 }, (_, i) => 1994 + i);
    expect(tickYears(long)).toEqual([1994, 2000, 2005, 2010, 2015, 2020, 2024]);
  });
});

describe('thinTicks', () => {
  const years = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];
  it('keeps every label that fits, and all before the slider is measured', () => {
    expect(thinTicks(years, 0)).toEqual(years);
    // 500 px / 38 px = 13 labels ≥ 11.
    expect(thinTicks(years, 500)).toEqual(years);
  });

  it('thins to every k-th label from the first, always the last, never two touching', () => {
    // 200 px / 38 px = 5 labels; step ⌈10 / 4⌉ = 3: 2014, 2017, 2020, (2023 dropped: one year
    // before the last) 2024.
    expect(thinTicks(years, 200)).toEqual([2014, 2017, 2020, 2024]);
    // 80 px: 2 labels, the ends.
    expect(thinTicks(years, 80)).toEqual([2014, 2024]);
  });
});
