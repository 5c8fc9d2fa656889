import { describe, expect, it } from 'vitest';
import {
  createPlayback,
  frameOf,
  MAX_FRAME_MS,
  nextFrame,
  updatePlayback,
  type Playback,
} from '../../src/state/playback';

const playing = (overrides: Partial<Playback> = {}): Playback => ({
  ...createPlayback(2014, 2024, 2014, { secondsPerYear: 1 }),
  playing: true,
  ...overrides,
});

/** Runs nextFrame n times with a fixed step. */
function run(p: Playback, frames: number, dtMs: number): Playback {
  let s = p;
  for (let i = 0; i < frames; i++) s = nextFrame(s, dtMs);
  return s;
}

describe('nextFrame', () => {
  it('advances by elapsed time over seconds per year', () => {
    const s = nextFrame(playing(), 250);
    expect(s.position).toBeCloseTo(2014.25);
    expect(frameOf(s)).toEqual({ year: 2014, nextYear: 2015, t: 0.25 });
    expect(run(playing({ secondsPerYear: 2 }), 8, 250).position).toBeCloseTo(2015);
  });

  it('returns a paused playback unchanged (same object)', () => {
    const paused = createPlayback(2014, 2024);
    expect(nextFrame(paused, 100)).toBe(paused);
  });

  it('clamps long and negative frame steps', () => {
    expect(nextFrame(playing(), 60_000).position).toBeCloseTo(2014 + MAX_FRAME_MS / 1000);
    expect(nextFrame(playing(), -500).position).toBe(2014);
    expect(nextFrame(playing(), Number.NaN).position).toBe(2014);
  });

  it('stops on the last year when not looping', () => {
    const s = run(playing({ position: 2023.9 }), 4, 100);
    expect(s.playing).toBe(false);
    expect(s.position).toBe(2024);
    expect(frameOf(s)).toEqual({ year: 2024, nextYear: 2024, t: 0 });
  });

  it('holds the last year for one step, then wraps to the first when looping', () => {
    const atLast = run(playing({ position: 2023.9, loop: true }), 2, 100);
    expect(atLast.playing).toBe(true);
    expect(frameOf(atLast).year).toBe(2024);
    const wrapped = run(atLast, 10, 100);
    expect(frameOf(wrapped).year).toBe(2014);
    expect(wrapped.position).toBeCloseTo(2014.1);
  });

  it('never tweens under reduced motion', () => {
    const s = nextFrame(playing({ reducedMotion: true }), 200);
    expect(s.position).toBeGreaterThan(2014);
    expect(frameOf(s).t).toBe(0);
  });
});

describe('updatePlayback', () => {
  const p = createPlayback(2014, 2024, 2017);

  it('toggles, steps and jumps to the ends', () => {
    expect(updatePlayback(p, { type: 'toggle' }).playing).toBe(true);
    expect(updatePlayback(updatePlayback(p, { type: 'toggle' }), { type: 'toggle' }).playing).toBe(
      false,
    );
    expect(updatePlayback(p, { type: 'step', by: 1 }).position).toBe(2018);
    expect(updatePlayback(p, { type: 'step', by: -1 }).position).toBe(2016);
    expect(updatePlayback(p, { type: 'first' }).position).toBe(2014);
    expect(updatePlayback(p, { type: 'last' }).position).toBe(2024);
  });

  it('clamps steps, seeks and speeds to the valid range', () => {
    expect(updatePlayback({ ...p, position: 2024 }, { type: 'step', by: 1 }).position).toBe(2024);
    expect(updatePlayback(p, { type: 'seek', year: 1990 }).position).toBe(2014);
    expect(updatePlayback(p, { type: 'seek', year: Number.NaN })).toBe(p);
    expect(updatePlayback(p, { type: 'speed', secondsPerYear: 100 }).secondsPerYear).toBe(4);
    expect(updatePlayback(p, { type: 'speed', secondsPerYear: 0 }).secondsPerYear).toBe(0.5);
  });

  it('restarts from the first year when play is pressed at the end', () => {
    const s = updatePlayback({ ...p, position: 2024 }, { type: 'play' });
    expect(s.playing).toBe(true);
    expect(s.position).toBe(2014);
  });

  it('pausing snaps to the year on screen', () => {
    const s = updatePlayback({ ...p, playing: true, position: 2017.7 }, { type: 'pause' });
    expect(s).toMatchObject({ playing: false, position: 2017 });
  });

  it('keeps the year inside a new range', () => {
    expect(updatePlayback(p, { type: 'range', first: 2019, last: 2022 })).toMatchObject({
      first: 2019,
      last: 2022,
      position: 2019,
    });
  });
});
