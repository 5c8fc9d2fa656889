/**
 * The app's one clock: while the store's playback plays, a single requestAnimationFrame loop
 * dispatches `tick` with the elapsed milliseconds (the atlas's timeline and a story scene's year
 * range alike). It also tells the store about `prefers-reduced-motion`, under which steps are
 * never tweened. Renders nothing.
 */
import { useEffect } from 'react';
import { useAtlas, useDispatch } from './store';
import { usePlaybackLoop } from './timeline/usePlaybackLoop';
import { useReducedMotion } from './useReducedMotion';

/** Mount once, inside the store provider. */
export function Clock() {
  const dispatch = useDispatch();
  const playing = useAtlas((s) => s.playback.playing);
  usePlaybackLoop(playing, (dtMs) => dispatch({ type: 'tick', dtMs }));
  const reduced = useReducedMotion();
  useEffect(() => {
    dispatch({ type: 'setReducedMotion', reducedMotion: reduced });
  }, [reduced, dispatch]);
  return null;
}
