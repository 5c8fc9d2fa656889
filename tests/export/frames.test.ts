import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  frameTimestampUs,
  storyFrames,
  storySchedule,
  yearRangeFrames,
} from '../../src/export/frames';
import { gifDelaysCs } from '../../src/export/video';

describe('yearRangeFrames', () => {
  it('2 years at 10 fps, 1 s per year: 20 frames 100 ms apart', () => {
    const f = yearRangeFrames({ from: 2014, to: 2015, fps: 10, secondsPerYear: 1 });
    expect(f).toHaveLength(20);
    expect(f.map((x) => x.timestampUs)).toEqual(Array.from({ length: 20 }, (_, i) => i * 100_000));
    expect(f.every((x) => x.durationUs === 100_000)).toBe(true);
    expect(f[0]).toMatchObject({ year: 2014, nextYear: 2015, t: 0, position: 2014 });
    expect(f[5]).toMatchObject({ year: 2014, nextYear: 2015, t: 0.5 });
    // The last year is held for a full step, never tweened past the end.
    expect(f.slice(10).every((x) => x.year === 2015 && x.t === 0)).toBe(true);
  });

  it('gives exact, gap-free timestamps whatever the frame rate (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2020 }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom(10, 12, 15, 24, 25, 29.97, 30, 60),
        fc.double({ min: 0.5, max: 4, noNaN: true }),
        (from, span, fps, spy) => {
          const frames = yearRangeFrames({ from, to: from + span, fps, secondsPerYear: spy });
          expect(frames.length).toBe(Math.max(1, Math.round((span + 1) * spy * fps)));
          let end = 0;
          frames.forEach((fr, i) => {
            expect(fr.index).toBe(i);
            expect(fr.timestampUs).toBe(end);
            expect(fr.timestampUs).toBe(Math.round((i * 1e6) / fps));
            end = fr.timestampUs + fr.durationUs;
            expect(fr.year).toBeGreaterThanOrEqual(from);
            expect(fr.year).toBeLessThanOrEqual(from + span);
            expect(fr.t).toBeGreaterThanOrEqual(0);
            expect(fr.t).toBeLessThan(1);
          });
          // Total duration is exact: no drift accumulates.
          expect(end).toBe(Math.round((frames.length * 1e6) / fps));
          // Years never go backwards.
          for (let i = 1; i < frames.length; i++)
            expect(frames[i]!.position).toBeGreaterThanOrEqual(frames[i - 1]!.position);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('steps without tweening when asked (reduced motion)', () => {
    const f = yearRangeFrames({ from: 2014, to: 2016, fps: 4, secondsPerYear: 1, tween: false });
    expect(f.every((x) => x.t === 0)).toBe(true);
    expect(f.map((x) => x.year)).toEqual([
      2014, 2014, 2014, 2014, 2015, 2015, 2015, 2015, 2016, 2016, 2016, 2016,
    ]);
  });

  it('rejects nonsense frame rates with a clear error', () => {
    expect(() => yearRangeFrames({ from: 2014, to: 2015, fps: 0, secondsPerYear: 1 })).toThrow(
      /frame rate/,
    );
    expect(() => yearRangeFrames({ from: 2014, to: 2015, fps: 10, secondsPerYear: 0 })).toThrow(
      /seconds per year/,
    );
  });
});

describe('storyFrames', () => {
  const opts = { fps: 10, secondsPerScene: 3, transitionSeconds: 1, secondsPerYear: 1 };
  const scenes = [
    { years: { from: 2014, to: 2014 } },
    { years: { from: 2016, to: 2016 } },
    { years: { from: 2020, to: 2022 } },
  ];

  it('schedules scenes back to back; a range scene lasts as long as its years play', () => {
    expect(storySchedule(scenes, opts)).toEqual([
      { start: 0, seconds: 3, transition: 0 },
      { start: 3, seconds: 3, transition: 1 },
      { start: 6, seconds: 4, transition: 1 },
    ]);
  });

  it('flies the camera at each scene start and plays ranges after the flight', () => {
    const f = storyFrames(scenes, opts);
    expect(f).toHaveLength(100);
    expect(f[0]).toMatchObject({ scene: 0, cameraT: 1, year: 2014 });
    // Scene 2 starts at 3 s: camera at 0, still the previous year until half-way.
    expect(f[30]).toMatchObject({ scene: 1, cameraT: 0, year: 2014 });
    expect(f[35]).toMatchObject({ scene: 1, cameraT: 0.5, year: 2016 });
    expect(f[40]).toMatchObject({ scene: 1, cameraT: 1, year: 2016 });
    // Scene 3 starts at 6 s; its range starts after the 1 s flight.
    expect(f[70]).toMatchObject({ scene: 2, cameraT: 1, year: 2020, t: 0 });
    expect(f[75]!.t).toBeCloseTo(0.5, 9);
    expect(f[80]).toMatchObject({ year: 2021 });
    expect(f[99]).toMatchObject({ year: 2022, t: 0 });
    expect(f[99]!.timestampUs).toBe(frameTimestampUs(99, 10));
  });
});

describe('gifDelaysCs', () => {
  it('follows the schedule exactly in 1/100 s (24 fps alternates 4 and 5)', () => {
    const frames = yearRangeFrames({ from: 2014, to: 2015, fps: 24, secondsPerYear: 1 });
    const d = gifDelaysCs(frames);
    expect(d.reduce((a, b) => a + b, 0)).toBe(200);
    expect(new Set(d)).toEqual(new Set([4, 5]));
    expect(
      gifDelaysCs(yearRangeFrames({ from: 2014, to: 2014, fps: 10, secondsPerYear: 1 })),
    ).toEqual(Array(10).fill(10));
  });
});
