/**
 * The one animation driver of the app: while `playing`, a single requestAnimationFrame loop calls
 * `onFrame(dtMs)` with the time since the previous frame (the caller feeds it to the pure
 * `nextFrame`). The effect cancels its frame on pause and unmount; nothing else schedules timers.
 */
import { useEffect, useRef } from 'react';

/** Runs `onFrame(dtMs)` once per animation frame while `playing`. */
export function usePlaybackLoop(playing: boolean, onFrame: (dtMs: number) => void): void {
  const callback = useRef(onFrame);
  useEffect(() => {
    callback.current = onFrame;
  });
  useEffect(() => {
    if (!playing) return;
    let id = 0;
    let last: number | null = null;
    const tick = (now: number): void => {
      // The first frame only sets the clock: time spent paused never counts.
      if (last !== null) callback.current(now - last);
      last = now;
      id = requestAnimationFrame(tick);
    };
    id = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(id);
  }, [playing]);
}
