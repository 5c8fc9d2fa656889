/**
 * The large-screen factor (`--ui-zoom`: 1, 1.5 or 2) as React state: a subscription to the same
 * media queries as src/ui/app.css (`UI_ZOOM_STEPS`, src/map/uiScale.ts), no timers or polling.
 */
import { useSyncExternalStore } from 'react';
import { UI_ZOOM_STEPS, uiZoomQuery } from '../map/uiScale';

function medias(): MediaQueryList[] {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? UI_ZOOM_STEPS.map((s) => window.matchMedia(uiZoomQuery(s)))
    : [];
}

function subscribe(onChange: () => void): () => void {
  const ms = medias();
  for (const m of ms) m.addEventListener('change', onChange);
  return () => {
    for (const m of ms) m.removeEventListener('change', onChange);
  };
}

/** The factor the media queries give now (the largest step that matches; 1 when none). */
function current(): number {
  const ms = medias();
  let zoom = 1;
  UI_ZOOM_STEPS.forEach((s, i) => {
    if (ms[i]?.matches) zoom = s.zoom;
  });
  return zoom;
}

/** The factor the page's chrome is drawn at, updated when a media query starts or stops matching. */
export function useUiZoom(): number {
  return useSyncExternalStore(subscribe, current, () => 1);
}
