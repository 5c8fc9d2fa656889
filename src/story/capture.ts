/**
 * State → scene: the inverse of {@link sceneToState} for the story builder ("Add this view as a
 * scene"). A scene captured from a state and shown again gives the same mission, year (or year
 * range), perpetrator filter, layers, lag parameters, camera and selection.
 */
import type { Viewport } from '../map/camera';
import type { AppState } from '../state/state';
import { REFERENCE_VIEW } from './scene';
import type { Scene } from './schema';

/** What the builder adds to the captured view. */
export interface SceneText {
  id: string;
  title: string;
  caption: string;
}

/**
 * The zoom an authored `{center, zoom}` camera must have for `zoom` to be shown on a map of
 * `view` ({@link sceneCamera} scales the zoom by the free area over {@link REFERENCE_VIEW}).
 */
export function referenceZoom(zoom: number, view: Viewport): number {
  const scale = Math.log2(
    Math.min(view.width / REFERENCE_VIEW.width, view.height / REFERENCE_VIEW.height),
  );
  // The schema's range; the presenter clamps to the map's own limits after scaling back.
  return Math.min(16, Math.max(0, zoom - scale));
}

/** Rounds to `digits` decimals (keeps the story file readable; 1e-5° is about a metre). */
function round(v: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(v * k) / k;
}

/**
 * The scene that shows the view of `state`: the year (or the range being played, or
 * `opts.to` for a range the builder asks for), the camera (null = fit the mission), every layer
 * switch, the perpetrator filter, every lag parameter and the selection.
 *
 * @param view the map's size when the view was captured: the scene's zoom is stored for
 *   {@link REFERENCE_VIEW}, so a presenter on another screen shows the same region.
 */
export function stateToScene(
  state: AppState,
  text: SceneText,
  view: Viewport = REFERENCE_VIEW,
  opts: { to?: number } = {},
): Scene {
  const from = state.playRange?.from ?? state.year;
  const to = opts.to ?? state.playRange?.to ?? from;
  const { lag, layers } = state;
  return {
    id: text.id,
    title: text.title,
    year: to > from ? { from, to } : from,
    camera:
      state.camera === null
        ? { fit: 'mission' }
        : {
            center: [round(state.camera.lon, 5), round(state.camera.lat, 5)],
            zoom: round(referenceZoom(state.camera.zoom, view), 4),
          },
    layers: {
      violence: layers.violence,
      bases: layers.bases,
      flags: layers.flags,
      changes: layers.changes,
      labels: layers.labels,
      hotspots: layers.hotspots,
      noData: layers.noData,
    },
    perpetrator: state.perpetrator,
    lag: {
      theta: lag.theta,
      reach: lag.reach,
      window: lag.window,
      delta: lag.delta,
      precision: lag.precision,
      initialDeployment: lag.initialDeployment,
      ...(lag.reachKm !== undefined ? { reachKm: lag.reachKm } : {}),
    },
    ...(state.selection ? { selection: { ...state.selection } } : {}),
    caption: text.caption,
  };
}

/** A scene id from a title: lower-case words joined by dashes, unique among `taken`. */
export function sceneIdFor(title: string, taken: readonly string[]): string {
  const base =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/g, '') || 'scene';
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}
