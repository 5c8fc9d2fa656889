/**
 * The timeline bar's pure helpers: tick years under the slider, the keyboard mapping, speeds.
 * (The clock itself — steps, frames, playback — is `src/state/timeline.ts`.) No React here.
 */
import type { PlaybackAction } from '../../state/playback';

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

/** Width (px) a slider tick label needs ("2024" at 11 px and a gap). */
export const TICK_LABEL_PX = 38;

/**
 * The tick labels that fit a slider `widthPx` wide without running together: all when they fit,
 * else every k-th from the first (k the smallest step that fits) and always the last, dropping
 * the one before the last when it would touch it. `widthPx` 0 (not measured yet) keeps them all.
 */
export function thinTicks(
  ticks: readonly number[],
  widthPx: number,
  labelPx = TICK_LABEL_PX,
): number[] {
  if (widthPx <= 0 || ticks.length <= 2) return [...ticks];
  const fit = Math.max(2, Math.floor(widthPx / labelPx));
  if (ticks.length <= fit) return [...ticks];
  const step = Math.ceil((ticks.length - 1) / (fit - 1));
  const out: number[] = [];
  for (let i = 0; i < ticks.length - 1; i += step) out.push(ticks[i]!);
  const lastIndex = ticks.length - 1;
  const keptLast = (out.length - 1) * step;
  if (out.length > 1 && lastIndex - keptLast < step) out.pop();
  out.push(ticks[lastIndex]!);
  return out;
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

/** What a key event's target is, for {@link keyAction}. */
export function describeTarget(el: EventTarget | null): KeyTarget | null {
  if (!el || typeof (el as Element).tagName !== 'string') return null;
  const e = el as HTMLElement;
  return {
    tagName: e.tagName,
    type: (e as HTMLInputElement).type,
    isContentEditable: e.isContentEditable === true,
    role: e.getAttribute?.('role') ?? null,
    inMap: typeof e.closest === 'function' && e.closest('.atlas-map') !== null,
  };
}
