/**
 * Scene → app state: what the map must show for a scene of a story, as a pure function of the
 * scene, the story, the current state and the dataset. The presenter applies the patch; the
 * camera of a `fit` scene is computed here from the bases / cells bounding box, for the viewport
 * and the part of it the caption dock covers.
 */
import type { Dataset } from '../domain/dataset';
import { cellPolygon } from '../domain/grid';
import type { AppState, Camera, Layers, LagParams } from '../state/state';
import { DEFAULT_LAG, DEFAULT_LAYERS, nearestYear } from '../state/state';
import {
  bboxOf,
  fitCamera,
  FALLBACK_BBOX,
  freeArea,
  MAX_ZOOM,
  MIN_ZOOM,
  offsetCenter,
  projector,
  NO_PADDING,
  type BBox,
  type Padding,
  type Viewport,
} from '../map/camera';
import { sceneMission, sceneYears, type Scene, type Story } from './schema';

/** The viewport the scene is shown in and the part covered by the caption dock. */
export interface SceneView extends Viewport {
  padding: Padding;
}

/**
 * The map area an authored `{center, zoom}` camera was written for. A different free area
 * shows the same region: the zoom is shifted by log2 of the size ratio.
 */
export const REFERENCE_VIEW: Viewport = { width: 1280, height: 720 };

/** The default presentation viewport (1920×1080, nothing covered). */
export const PRESENTATION_VIEW: SceneView = { width: 1920, height: 1080, padding: NO_PADDING };

/** What the map shows in a scene besides the state: highlights, the year range to play. */
export interface ScenePlan {
  /** Fields of {@link AppState} the scene sets. */
  patch: Pick<
    AppState,
    | 'mission'
    | 'year'
    | 'month'
    | 'perpetrator'
    | 'layers'
    | 'lag'
    | 'camera'
    | 'selection'
    | 'story'
  >;
  /** Years the scene shows; from < to for a range the presenter plays. */
  years: { from: number; to: number };
  /** Base ids to draw distinctly. */
  highlightBases: string[];
  /** Cell gids to outline. */
  highlightCells: number[];
  /** Whether redeployment markers (new, strengthened, …) are shown. */
  showChanges: boolean;
  /** The box the camera was fitted to (null for an authored centre). */
  fitted: BBox | null;
  /** Things in the scene that the data does not know (logged; the scene still shows). */
  problems: string[];
}

/** Scene layers not given in the story take these values. */
export const SCENE_LAYER_DEFAULTS = {
  violence: true,
  bases: true,
  flags: false,
  changes: false,
  labels: true,
} as const;

function sceneName(story: Story, index: number): string {
  const s = story.scenes[index];
  return `scene ${index + 1}${s ? ` "${s.id}"` : ''}`;
}

/**
 * Highlighted base names of a scene resolved to base ids of the story's mission (case-insensitive
 * match on the location name), with a problem for each name the data does not know.
 */
export function resolveHighlights(
  scene: Scene,
  story: Story,
  dataset: Dataset,
  index = story.scenes.indexOf(scene),
): { baseIds: string[]; gids: number[]; problems: string[] } {
  const problems: string[] = [];
  const baseIds: string[] = [];
  const missionId = sceneMission(story, scene);
  const own = dataset.bases.filter((b) => b.mission === missionId);
  for (const name of scene.highlight?.bases ?? []) {
    const want = name.trim().toLowerCase();
    const found = own.filter((b) => b.location.toLowerCase() === want);
    if (found.length === 0)
      problems.push(
        `${sceneName(story, index)}: highlighted base "${name}" is not a ${missionId} location`,
      );
    for (const b of found) baseIds.push(b.id);
  }
  return { baseIds, gids: [...(scene.highlight?.cells ?? [])], problems };
}

/** Points covered by the highlights (base positions and cell corners). */
function highlightPoints(dataset: Dataset, baseIds: string[], gids: number[]): [number, number][] {
  const ids = new Set(baseIds);
  const pts: [number, number][] = dataset.bases
    .filter((b) => ids.has(b.id))
    .map((b) => [b.lon, b.lat]);
  for (const g of gids) for (const p of cellPolygon(g)) pts.push([p[0], p[1]]);
  return pts;
}

function addPadding(a: Padding, extra: number): Padding {
  return {
    top: a.top + extra,
    right: a.right + extra,
    bottom: a.bottom + extra,
    left: a.left + extra,
  };
}

/**
 * The camera of a scene in a viewport. `fit` scenes fit the mission's (or the highlights') box
 * into the free area; authored centres are kept in the middle of the free area with the zoom
 * scaled from {@link REFERENCE_VIEW}, then zoomed out if needed so that every highlight is visible.
 */
export function sceneCamera(
  scene: Scene,
  story: Story,
  dataset: Dataset,
  view: SceneView,
  highlights: { baseIds: string[]; gids: number[] },
): { camera: Camera; fitted: BBox | null } {
  const mission = dataset.missions.find((m) => m.id === sceneMission(story, scene));
  const pts = highlightPoints(dataset, highlights.baseIds, highlights.gids);
  const cam = scene.camera;
  if ('fit' in cam) {
    const pad = addPadding(view.padding, cam.padding ?? 0);
    const box =
      (cam.fit === 'highlights' ? bboxOf(pts) : null) ??
      mission?.bbox ??
      bboxOf(pts) ??
      ([...FALLBACK_BBOX] as BBox);
    return { camera: fitCamera(box, view, pad), fitted: box };
  }
  const free = freeArea(view, view.padding);
  const scaleZoom = Math.log2(
    Math.min(free.width / REFERENCE_VIEW.width, free.height / REFERENCE_VIEW.height),
  );
  let zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, cam.zoom + scaleZoom));
  // Keep every highlight inside the free area (20 px inset), zooming out around the centre.
  if (pts.length > 0) {
    const [clon, clat] = cam.center;
    const centred = projector({ lon: clon, lat: clat, zoom }, free);
    const inset = 20;
    let worst = 1;
    for (const [lon, lat] of pts) {
      const [x, y] = centred(lon, lat);
      const dx = Math.abs(x - free.width / 2);
      const dy = Math.abs(y - free.height / 2);
      const rx = dx / Math.max(1, free.width / 2 - inset);
      const ry = dy / Math.max(1, free.height / 2 - inset);
      worst = Math.max(worst, rx, ry);
    }
    if (worst > 1) zoom = Math.max(MIN_ZOOM, zoom - Math.log2(worst));
  }
  const [lon, lat] = offsetCenter(cam.center, zoom, view.padding);
  return { camera: { lon, lat, zoom }, fitted: null };
}

/**
 * The state's layer switches for a scene (the "no violence data" shading stays on and the
 * new-hotspot marks off unless the scene says otherwise).
 */
export function sceneLayers(scene: Scene): Layers {
  const l = { ...SCENE_LAYER_DEFAULTS, ...scene.layers };
  return {
    // Deployment role layers as a newcomer sees them (src/state/state.ts).
    ...DEFAULT_LAYERS,
    violence: l.violence,
    noData: scene.layers?.noData ?? true,
    bases: l.bases,
    changes: l.changes,
    flags: l.flags,
    hotspots: scene.layers?.hotspots ?? false,
    labels: l.labels,
  };
}

/** The lag parameters of a scene (the defaults where the scene gives none). */
export function sceneLag(scene: Scene): LagParams {
  return { ...DEFAULT_LAG, ...scene.lag };
}

/**
 * Everything the app must do to show scene `index` of `story`: the state patch (mission, year,
 * filters, layers, lag parameters, camera, story position; the scene's selection, else none), the
 * highlights, and problems (unknown base names, years the mission does not have) to log.
 *
 * @param baseState the current state (its panel and month handling are kept).
 * @param view the viewport and the dock's padding; defaults to an uncovered 1920×1080.
 */
export function sceneToState(
  scene: Scene,
  story: Story,
  baseState: AppState,
  dataset: Dataset,
  view: SceneView = PRESENTATION_VIEW,
): ScenePlan {
  const index = story.scenes.indexOf(scene);
  const { baseIds, gids, problems } = resolveHighlights(scene, story, dataset, index);
  const missionId = sceneMission(story, scene);
  const mission = dataset.missions.find((m) => m.id === missionId);
  if (!mission) problems.push(`story "${story.id}": mission ${missionId} is not in the data`);
  const years = sceneYears(scene);
  const missionYears = mission?.years ?? [];
  let year = years.from;
  if (missionYears.length > 0 && !missionYears.includes(year)) {
    year = nearestYear(missionYears, year);
    problems.push(
      `${sceneName(story, index)}: ${missionId} has no bases in ${years.from}; showing ${year}`,
    );
  }
  const { camera, fitted } = sceneCamera(scene, story, dataset, view, { baseIds, gids });
  return {
    patch: {
      mission: mission ? missionId : baseState.mission,
      year: mission ? year : baseState.year,
      month: null,
      perpetrator: scene.perpetrator ?? 'all',
      layers: sceneLayers(scene),
      lag: sceneLag(scene),
      camera,
      selection: scene.selection ?? null,
      story: { id: story.id, scene: Math.max(0, index) },
    },
    years,
    highlightBases: baseIds,
    highlightCells: gids,
    showChanges: scene.layers?.changes ?? SCENE_LAYER_DEFAULTS.changes,
    fitted,
    problems,
  };
}

/** The state after applying a plan. */
export function applyScene(state: AppState, plan: ScenePlan): AppState {
  return { ...state, ...plan.patch };
}

/**
 * Checks a story against the dataset: every highlighted base must exist for the mission and every
 * year must be one of the mission's years. Returns one problem per finding (empty = fine).
 */
export function checkStoryData(story: Story, dataset: Dataset): string[] {
  const problems: string[] = [];
  story.scenes.forEach((scene, i) => {
    const missionId = sceneMission(story, scene);
    const mission = dataset.missions.find((m) => m.id === missionId);
    if (!mission) {
      problems.push(`${sceneName(story, i)}: mission ${missionId} is not in the data`);
      return;
    }
    problems.push(...resolveHighlights(scene, story, dataset, i).problems);
    const { from, to } = sceneYears(scene);
    for (const y of [from, to])
      if (!mission.years.includes(y))
        problems.push(`${sceneName(story, i)}: ${missionId} has no bases in ${y}`);
  });
  return [...new Set(problems)];
}
