/**
 * Timeline playback as a pure state machine. The app keeps one `Playback` value; a single
 * animation-frame effect calls {@link nextFrame} with the elapsed milliseconds, and everything
 * drawn derives from {@link frameOf}. No timers live anywhere else.
 */

/** Where the timeline is and how it moves. `position` is fractional: 2015.5 is half-way to 2016. */
export interface Playback {
  readonly playing: boolean;
  readonly position: number;
  readonly first: number;
  readonly last: number;
  /** Seconds each year stays on screen while playing (0.5–4). */
  readonly secondsPerYear: number;
  readonly loop: boolean;
  /** prefers-reduced-motion: years change in steps, never tweened. */
  readonly reducedMotion: boolean;
}

export const MIN_SECONDS_PER_YEAR = 0.5;
export const MAX_SECONDS_PER_YEAR = 4;
/** Longest frame step honoured; a background tab resuming after minutes must not skip years. */
export const MAX_FRAME_MS = 250;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** A paused playback at `year` over [first, last]. */
export function createPlayback(
  first: number,
  last: number,
  year: number = first,
  options: Partial<Pick<Playback, 'secondsPerYear' | 'loop' | 'reducedMotion'>> = {},
): Playback {
  const lo = Math.min(first, last);
  const hi = Math.max(first, last);
  return {
    playing: false,
    position: clamp(Math.round(year), lo, hi),
    first: lo,
    last: hi,
    secondsPerYear: clamp(
      options.secondsPerYear ?? 1.5,
      MIN_SECONDS_PER_YEAR,
      MAX_SECONDS_PER_YEAR,
    ),
    loop: options.loop ?? false,
    reducedMotion: options.reducedMotion ?? false,
  };
}

/**
 * Advances a playing timeline by `dtMs` (clamped to 0..{@link MAX_FRAME_MS}). At the last year it
 * wraps to the first when looping, else it stops exactly on the last year. A paused playback is
 * returned unchanged (the same object), so callers can skip re-rendering.
 */
export function nextFrame(p: Playback, dtMs: number): Playback {
  if (!p.playing) return p;
  const dt = clamp(Number.isFinite(dtMs) ? dtMs : 0, 0, MAX_FRAME_MS);
  if (dt === 0) return p;
  const position = p.position + dt / 1000 / p.secondsPerYear;
  if (p.loop) {
    // A looping timeline holds the last year for one full step, then wraps to the first.
    const span = p.last - p.first + 1;
    return {
      ...p,
      position: position >= p.last + 1 ? p.first + ((position - p.first) % span) : position,
    };
  }
  if (position >= p.last) return { ...p, position: p.last, playing: false };
  return { ...p, position };
}

/** What to draw for a playback: the year shown, the year after it, and the tween 0..1 between. */
export interface Frame {
  readonly year: number;
  readonly nextYear: number;
  readonly t: number;
}

/** The frame to draw. Reduced motion and paused timelines never tween. */
export function frameOf(p: Playback): Frame {
  const year = clamp(Math.floor(p.position), p.first, p.last);
  const t = p.reducedMotion || !p.playing || year >= p.last ? 0 : p.position - year;
  return { year, nextYear: Math.min(year + 1, p.last), t };
}

/** Actions on a playback; see {@link updatePlayback}. */
export type PlaybackAction =
  | { type: 'toggle' }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step'; by: 1 | -1 }
  | { type: 'seek'; year: number }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'speed'; secondsPerYear: number }
  | { type: 'loop'; loop: boolean }
  | { type: 'range'; first: number; last: number }
  | { type: 'reducedMotion'; reducedMotion: boolean };

/** Pure updater for timeline controls (keyboard, buttons, scrubbing). */
export function updatePlayback(p: Playback, action: PlaybackAction): Playback {
  const year = Math.floor(p.position);
  switch (action.type) {
    case 'toggle':
      return updatePlayback(p, { type: p.playing ? 'pause' : 'play' });
    case 'play':
      // Playing from the end restarts from the beginning.
      return { ...p, playing: true, position: year >= p.last && !p.loop ? p.first : p.position };
    case 'pause':
      return { ...p, playing: false, position: clamp(year, p.first, p.last) };
    case 'step':
      return { ...p, playing: false, position: clamp(year + action.by, p.first, p.last) };
    case 'seek':
      return Number.isFinite(action.year)
        ? { ...p, position: clamp(Math.round(action.year), p.first, p.last) }
        : p;
    case 'first':
      return { ...p, playing: false, position: p.first };
    case 'last':
      return { ...p, playing: false, position: p.last };
    case 'speed':
      return Number.isFinite(action.secondsPerYear)
        ? {
            ...p,
            secondsPerYear: clamp(
              action.secondsPerYear,
              MIN_SECONDS_PER_YEAR,
              MAX_SECONDS_PER_YEAR,
            ),
          }
        : p;
    case 'loop':
      return { ...p, loop: action.loop };
    case 'range':
      return createPlayback(action.first, action.last, year, p);
    case 'reducedMotion':
      return { ...p, reducedMotion: action.reducedMotion };
  }
}
