/**
 * The timeline hook the atlas uses: one playback (pure reducer) over the steps shown (the
 * mission's years, or months), driven by the single animation loop ({@link usePlaybackLoop}),
 * kept in step with the app state's year / month both ways, switched to stepping under
 * `prefers-reduced-motion`, and bound to the keyboard (Space, ←/→, Home/End).
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { createPlayback, type Playback, type PlaybackAction } from '../../state/playback';
import {
  keyAction,
  nearestIndex,
  stepFrame,
  timelineReducer,
  type KeyTarget,
  type StepFrame,
} from './model';
import { usePlaybackLoop } from './usePlaybackLoop';
import { useReducedMotion } from '../useReducedMotion';

export interface UseTimelineInput {
  /** Step values, ascending: years, or month indices in monthly mode. */
  steps: readonly number[];
  /** The app state's current step value. */
  value: number;
  /** Called when the timeline moves to another step (playing, stepping, scrubbing). */
  onValue: (value: number) => void;
  /** Bind Space / arrows / Home / End on the window (default true). */
  keyboard?: boolean;
}

export interface TimelineControl {
  playback: Playback;
  frame: StepFrame;
  dispatch: (a: PlaybackAction) => void;
  /** Seek to the step closest to a value (a year, or a month index). */
  seekValue: (value: number) => void;
}

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

/** Playback + frame + controls for the steps; see the module comment. */
export function useTimeline(input: UseTimelineInput): TimelineControl {
  const { steps, value, onValue } = input;
  const reduced = useReducedMotion();
  const [playback, dispatchTimeline] = useReducer(timelineReducer, null, () =>
    createPlayback(0, Math.max(0, steps.length - 1), nearestIndex(steps, value), {
      reducedMotion: reduced,
    }),
  );
  const dispatch = useCallback((a: PlaybackAction) => dispatchTimeline(a), []);
  usePlaybackLoop(playback.playing, (dtMs) => dispatchTimeline({ type: 'tick', dtMs }));

  useEffect(() => {
    if (playback.reducedMotion !== reduced)
      dispatchTimeline({ type: 'reducedMotion', reducedMotion: reduced });
  }, [reduced, playback.reducedMotion]);

  const frame = stepFrame(playback, steps);
  const stepsKey = steps.join(',');
  const synced = useRef({ key: stepsKey, value });
  const latestOnValue = useRef(onValue);
  useEffect(() => {
    latestOnValue.current = onValue;
  });
  useEffect(() => {
    const s = synced.current;
    if (s.key !== stepsKey) {
      // New steps (another mission, or yearly ↔ monthly): a paused playback at the app's value.
      s.key = stepsKey;
      s.value = value;
      dispatchTimeline({ type: 'range', first: 0, last: Math.max(0, steps.length - 1) });
      dispatchTimeline({ type: 'seek', year: nearestIndex(steps, value) });
      return;
    }
    if (value !== s.value) {
      // Changed outside the timeline (mission picker, search, URL): follow it.
      s.value = value;
      if (frame.step !== value)
        dispatchTimeline({ type: 'seek', year: nearestIndex(steps, value) });
    } else if (frame.step !== value) {
      // The timeline moved: tell the app.
      s.value = frame.step;
      latestOnValue.current(frame.step);
    }
  }, [stepsKey, steps, value, frame.step]);

  const keyboard = input.keyboard ?? true;
  useEffect(() => {
    if (!keyboard) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented) return;
      const action = keyAction(e, describeTarget(e.target));
      if (!action) return;
      e.preventDefault();
      dispatchTimeline(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keyboard]);

  const seekValue = useCallback(
    (v: number) => dispatchTimeline({ type: 'seek', year: nearestIndex(steps, v) }),
    [steps],
  );
  return { playback, frame, dispatch, seekValue };
}
