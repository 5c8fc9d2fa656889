/**
 * Presenter keys, pure: arrows and clickers (which send PageUp / PageDown) move between scenes,
 * Home / End jump to the first / last, Escape leaves (fullscreen first, then the presentation:
 * {@link escapeAction}), F toggles fullscreen, Space replays or
 * pauses a scene that plays a year range.
 */

/** What a key does in the presenter. */
export type PresenterCommand =
  | { type: 'go'; to: 'next' | 'previous' | 'first' | 'last' }
  | { type: 'exit' }
  | { type: 'fullscreen' }
  | { type: 'play' };

/** The command of a key (`KeyboardEvent.key`), or null for keys the presenter ignores. */
export function presenterCommand(key: string): PresenterCommand | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case 'Enter':
    case 'n':
      return { type: 'go', to: 'next' };
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
    case 'p':
      return { type: 'go', to: 'previous' };
    case 'Home':
      return { type: 'go', to: 'first' };
    case 'End':
      return { type: 'go', to: 'last' };
    case 'Escape':
      return { type: 'exit' };
    case 'f':
    case 'F':
      return { type: 'fullscreen' };
    case ' ':
      return { type: 'play' };
    default:
      return null;
  }
}

/** The scene index after a `go` command (clamped to 0..count-1). */
export function goScene(
  current: number,
  count: number,
  to: 'next' | 'previous' | 'first' | 'last',
): number {
  if (count <= 0) return 0;
  const last = count - 1;
  const i = Math.min(last, Math.max(0, Math.round(current)));
  switch (to) {
    case 'next':
      return Math.min(last, i + 1);
    case 'previous':
      return Math.max(0, i - 1);
    case 'first':
      return 0;
    case 'last':
      return last;
  }
}

/**
 * An Esc press just after the page left fullscreen is the press that left it (browsers leave
 * fullscreen on Esc themselves, and may still deliver the key): within this many milliseconds it
 * does not also leave the presentation.
 */
export const ESC_FULLSCREEN_GRACE_MS = 400;

/**
 * What Esc does in the presenter: in fullscreen (or right after the browser left it on this very
 * press) it only leaves fullscreen; in a window it leaves the presentation. Two presses: out of
 * fullscreen, then out of the presentation.
 */
export function escapeAction(
  fullscreen: boolean,
  msSinceFullscreenLeft: number,
): 'leave-fullscreen' | 'exit' {
  if (fullscreen || msSinceFullscreenLeft < ESC_FULLSCREEN_GRACE_MS) return 'leave-fullscreen';
  return 'exit';
}

/**
 * Tells the Esc that left fullscreen from a new one, over the presenter's life. Browsers leave
 * fullscreen on Esc themselves and may deliver that key to the page before, after or not at all:
 * - an Esc the page sees in fullscreen leaves fullscreen and opens no grace period;
 * - when fullscreen is left without the page seeing an Esc first, an Esc within
 *   {@link ESC_FULLSCREEN_GRACE_MS} is taken as the late copy of the leaving press, once;
 * - a repeated or late `fullscreenchange` does not open the grace period again.
 */
export class EscapeTracker {
  private leftAt = Number.NEGATIVE_INFINITY;
  /** The current (or last) fullscreen session's leaving is already accounted for. */
  private leavingCounted = false;
  /** Fullscreen as the last `fullscreenchange` said. */
  private eventSaysFullscreen = false;

  /** Call on every `fullscreenchange`, with whether the page is now fullscreen. */
  fullscreenChanged(fullscreen: boolean, now: number): void {
    this.eventSaysFullscreen = fullscreen;
    if (fullscreen) this.leavingCounted = false;
    else if (!this.leavingCounted) {
      this.leftAt = now;
      this.leavingCounted = true;
    }
  }

  /**
   * What an Esc pressed now does. An Esc that arrives after the browser left fullscreen but
   * before its `fullscreenchange` is the leaving press too.
   */
  escape(fullscreen: boolean, now: number): 'leave-fullscreen' | 'exit' {
    if (!fullscreen && this.eventSaysFullscreen && !this.leavingCounted) {
      this.leavingCounted = true;
      return 'leave-fullscreen';
    }
    const action = escapeAction(fullscreen, now - this.leftAt);
    if (action === 'leave-fullscreen') {
      if (fullscreen) this.leavingCounted = true;
      else this.leftAt = Number.NEGATIVE_INFINITY;
    }
    return action;
  }
}
