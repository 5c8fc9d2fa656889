/**
 * The timeline's pure model on top of `src/state/playback.ts`: the playback runs over step
 * *indices* (0 … n − 1) of a list of steps — the mission's years, or month indices in monthly
 * mode — so that gap years are skipped and years and months share one machine. Also the
 * keyboard mapping. No React here.
 */
import {
  frameOf,
  nextFrame,
  updatePlayback,
  type Playback,
  type PlaybackAction,
} from '../../state/playback';

/** Yearly (default) or monthly steps. */
export type Granularity = 'year' | 'month';

/** Playback actions plus the animation tick. */
export type TimelineAction = PlaybackAction | { type: 'tick'; dtMs: number };

/** The reducer of the timeline: ticks go to `nextFrame`, controls to `updatePlayback`. */
export function timelineReducer(p: Playback, a: TimelineAction): Playback {
  return a.type === 'tick' ? nextFrame(p, a.dtMs) : updatePlayback(p, a);
}

/** What to draw: the step shown, the next step, the tween between, and the step index. */
export interface StepFrame {
  index: number;
  /** The step value (a year, or a month index). */
  step: number;
  /** The next step value (equal to `step` at the end). */
  next: number;
  /** 0–1 between `step` and `next`; 0 when paused or under reduced motion. */
  t: number;
}

/** The frame of a playback over `steps` (frameOf, mapped from indices to step values). */
export function stepFrame(p: Playback, steps: readonly number[]): StepFrame {
  const f = frameOf(p);
  const last = steps.length - 1;
  const index = Math.min(Math.max(0, f.year), Math.max(0, last));
  const nextIndex = Math.min(Math.max(0, f.nextYear), Math.max(0, last));
  const step = steps[index] ?? 0;
  const next = steps[nextIndex] ?? step;
  return { index, step, next, t: next === step ? 0 : f.t };
}

/**
 * Years labelled under the slider: every year when there are at most 16, else the first, the last
 * and every fifth year (1995, 2000, …).
 */
export function tickYears(years: readonly number[]): number[] {
  if (years.length <= 16) return [...years];
  const first = years[0]!;
  const last = years[years.length - 1]!;
  const out = [first];
  for (let y = Math.ceil((first + 1) / 5) * 5; y < last - 1; y += 5) if (y > first + 1) out.push(y);
  out.push(last);
  return out;
}

/** The index of the step closest to `value` (earlier wins a tie); 0 for an empty list. */
export function nearestIndex(steps: readonly number[], value: number): number {
  let best = 0;
  for (let i = 1; i < steps.length; i++) {
    if (Math.abs(steps[i]! - value) < Math.abs(steps[best]! - value)) best = i;
  }
  return best;
}

/** The element a key was pressed on, as far as the keyboard mapping cares. */
export interface KeyTarget {
  /** Upper-case tag name, e.g. "INPUT". */
  tagName: string;
  /** The input's type ("text", "range", …) when tagName is INPUT. */
  type?: string;
  isContentEditable?: boolean;
  /** ARIA role of the element (e.g. "slider", "tab"). */
  role?: string | null;
  /** True when the element is inside the map (arrows pan the map there). */
  inMap?: boolean;
}

/** A key press (the fields of KeyboardEvent used). */
export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  repeat?: boolean;
}

const TEXT_LIKE = /^(TEXTAREA|SELECT)$/;
const NON_TEXT_INPUTS = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'reset']);

/**
 * The playback action of a key press, or null when the key is not the timeline's or belongs to
 * the focused control: Space play/pause, ←/→ step, Home/End first/last. Never while typing in a
 * text field; Space is left to buttons, checkboxes and radios (it activates them); arrows and
 * Home/End are left to sliders, tabs, radios and the map (which use them).
 */
export function keyAction(e: KeyPress, target: KeyTarget | null): PlaybackAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const key = e.key === 'Spacebar' ? ' ' : e.key;
  if (![' ', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(key)) return null;
  if (target) {
    const tag = target.tagName.toUpperCase();
    if (target.isContentEditable || TEXT_LIKE.test(tag)) return null;
    if (tag === 'INPUT' && !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase())) return null;
    const usesArrows =
      (tag === 'INPUT' && ['range', 'radio'].includes((target.type ?? '').toLowerCase())) ||
      ['slider', 'tab', 'radio', 'listbox', 'option', 'menuitem', 'spinbutton'].includes(
        target.role ?? '',
      ) ||
      target.inMap === true;
    if (key === ' ') {
      const activates =
        tag === 'BUTTON' ||
        tag === 'SUMMARY' ||
        tag === 'A' ||
        (tag === 'INPUT' && (target.type ?? '').toLowerCase() !== 'range') ||
        ['button', 'tab', 'radio', 'checkbox', 'option', 'menuitem', 'switch'].includes(
          target.role ?? '',
        );
      if (activates) return null;
    } else if (usesArrows) return null;
  }
  if (key === ' ') return e.repeat ? null : { type: 'toggle' };
  if (key === 'ArrowLeft') return { type: 'step', by: -1 };
  if (key === 'ArrowRight') return { type: 'step', by: 1 };
  if (key === 'Home') return { type: 'first' };
  return { type: 'last' };
}

/** Speeds offered (seconds per step). */
export const SPEEDS = [0.5, 1, 1.5, 2, 3, 4] as const;
