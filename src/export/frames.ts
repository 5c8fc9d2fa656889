/**
 * Frame scheduling for video export, pure: which year (and tween), which scene and which camera
 * progress each output frame shows, and its exact timestamp. Frame i of a video at F frames per
 * second starts at round(i · 10⁶ / F) µs, whatever time the machine needs to render it; the
 * exporter renders frame by frame and hands these timestamps to the encoder, so the video plays at
 * a steady rate even when rendering was slow or uneven.
 */

/** Frame rates offered for video export. */
export const VIDEO_FPS = [10, 15, 24, 25, 30] as const;

/** One output frame of a year range. */
export interface YearFrame {
  index: number;
  /** Start time in microseconds. */
  timestampUs: number;
  /** Duration in microseconds (the next frame's start minus this one's). */
  durationUs: number;
  /** Fractional timeline position: 2015.5 is half-way from 2015 to 2016. */
  position: number;
  /** The year shown. */
  year: number;
  /** The year faded towards. */
  nextYear: number;
  /** Tween 0..1 from `year` to `nextYear` (0 when not tweening). */
  t: number;
}

/** Options of {@link yearRangeFrames}. */
export interface YearRangeOptions {
  from: number;
  to: number;
  fps: number;
  /** Seconds each year stays on screen (the last year too). */
  secondsPerYear: number;
  /** Fade between years (false: hard steps, as under reduced motion). Default true. */
  tween?: boolean;
}

/** Start of frame `i` in microseconds at `fps`. */
export function frameTimestampUs(i: number, fps: number): number {
  return Math.round((i * 1_000_000) / fps);
}

/** Number of frames for `seconds` at `fps` (at least 1). */
export function frameCount(seconds: number, fps: number): number {
  return Math.max(1, Math.round(seconds * fps));
}

/**
 * Frame `i` of the video at `fps` showing `position` (a fractional year): its timing and the year,
 * next year and tween drawn; `tween` false holds `year` (no fading).
 */
function yearFrame(
  i: number,
  fps: number,
  position: number,
  year: number,
  nextYear: number,
  tween: boolean,
): YearFrame {
  const ts = frameTimestampUs(i, fps);
  const t = tween && nextYear > year ? position - year : 0;
  return {
    index: i,
    timestampUs: ts,
    durationUs: frameTimestampUs(i + 1, fps) - ts,
    position,
    year,
    nextYear,
    t: t < 1e-9 ? 0 : t,
  };
}

function checkFps(fps: number): void {
  if (!(Number.isFinite(fps) && fps > 0 && fps <= 120))
    throw new RangeError(`frame rate must be between 0 and 120, got ${fps}`);
}

/**
 * The frames that play the years `from`..`to`, each year held `secondsPerYear` (the timeline's
 * playback semantics: the position advances linearly, the last year is held for a full step).
 */
export function yearRangeFrames(opts: YearRangeOptions): YearFrame[] {
  checkFps(opts.fps);
  if (!(opts.secondsPerYear > 0))
    throw new RangeError(`seconds per year must be positive, got ${opts.secondsPerYear}`);
  const from = Math.min(opts.from, opts.to);
  const to = Math.max(opts.from, opts.to);
  const n = frameCount((to - from + 1) * opts.secondsPerYear, opts.fps);
  const tween = opts.tween ?? true;
  const frames: YearFrame[] = [];
  for (let i = 0; i < n; i++) {
    const position = Math.min(to, from + i / (opts.fps * opts.secondsPerYear));
    const year = Math.min(to, Math.floor(position + 1e-9));
    frames.push(yearFrame(i, opts.fps, position, year, Math.min(year + 1, to), tween));
  }
  return frames;
}

/** A scene as the story video needs it: the years it shows. */
export interface SceneSpan {
  years: { from: number; to: number };
}

/** Options of {@link storyFrames}. */
export interface StoryVideoOptions {
  fps: number;
  /** Seconds a single-year scene is shown (caption reading time), transition included. */
  secondsPerScene: number;
  /** Seconds of the camera flight at the start of each scene after the first (0: cut). */
  transitionSeconds: number;
  /** Seconds per year in scenes that play a range. */
  secondsPerYear: number;
  tween?: boolean;
}

/** One output frame of a story video. */
export interface StoryFrame extends YearFrame {
  /** Index of the scene shown. */
  scene: number;
  /** Camera progress 0..1 from the previous scene's camera to this scene's. */
  cameraT: number;
}

/** Start (s) and length (s) of each scene in a story video. */
export function storySchedule(
  scenes: readonly SceneSpan[],
  opts: StoryVideoOptions,
): { start: number; seconds: number; transition: number }[] {
  let start = 0;
  return scenes.map((s, i) => {
    const transition = i === 0 ? 0 : Math.max(0, opts.transitionSeconds);
    const span = s.years.to - s.years.from;
    const play = span > 0 ? (span + 1) * opts.secondsPerYear + transition : 0;
    const seconds = Math.max(opts.secondsPerScene, play, transition + 0.5);
    const out = { start, seconds, transition };
    start += seconds;
    return out;
  });
}

/**
 * The frames of a whole story: each scene in turn, its first `transitionSeconds` a camera flight
 * from the previous scene (the year switching at the flight's half-way point), then its years
 * (a range plays like the timeline), then held until the scene's time is up.
 */
export function storyFrames(scenes: readonly SceneSpan[], opts: StoryVideoOptions): StoryFrame[] {
  checkFps(opts.fps);
  if (scenes.length === 0) return [];
  const schedule = storySchedule(scenes, opts);
  const last = schedule[schedule.length - 1]!;
  const total = last.start + last.seconds;
  const n = frameCount(total, opts.fps);
  const tween = opts.tween ?? true;
  const frames: StoryFrame[] = [];
  let k = 0;
  for (let i = 0; i < n; i++) {
    const time = i / opts.fps;
    while (k + 1 < schedule.length && time >= schedule[k + 1]!.start - 1e-9) k++;
    const seg = schedule[k]!;
    const { from, to } = scenes[k]!.years;
    const local = time - seg.start;
    const cameraT = seg.transition > 0 ? Math.min(1, local / seg.transition) : 1;
    let position: number;
    if (cameraT < 0.5 && k > 0) position = scenes[k - 1]!.years.to;
    else if (to > from) {
      const played = Math.max(0, local - seg.transition) / opts.secondsPerYear;
      position = Math.min(to, from + played);
    } else position = from;
    const inRange = position >= from && position <= to;
    const year = Math.floor(position + 1e-9);
    const nextYear = inRange ? Math.min(year + 1, to) : year;
    frames.push({ ...yearFrame(i, opts.fps, position, year, nextYear, tween), scene: k, cameraT });
  }
  return frames;
}
