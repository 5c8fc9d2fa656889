/**
 * The export actions the UI offers, in the browser: the current view as a PNG (live map
 * composited, Canvas-2D fallback), the small multiples as a PNG, and videos of a year range or a
 * whole story (Canvas-2D frames, see video.ts). Each returns a Blob; `downloadBlob` saves it.
 */
import type { BasemapPlace } from '../domain/basemap';
import type { Dataset, PerpetratorFilter } from '../domain/dataset';
import type { Episode } from '../domain/lagTypes';
import {
  FALLBACK_BBOX,
  fitCamera,
  freeBounds,
  unionBBox,
  type BBox,
  interpolateCamera,
  type CameraView,
  type Padding,
  type Viewport,
} from '../map/camera';
import { applyScene, sceneToState, type ScenePlan } from '../story/scene';
import { createSceneFacts, type SceneFacts } from '../story/sceneFacts';
import type { Story } from '../story/schema';
import type { AppState } from '../state/state';
import { mapContent, type CoverageMarks, type MapContent } from './content';
import type { CoverageLegendInput } from '../map/coverageLayers';
import type { RoleLegendInput } from '../map/legend';
import { storyFrames, yearRangeFrames, type StoryVideoOptions } from './frames';
import { attributionText } from './attribution';
import {
  drawOverlay,
  exportLayout,
  type ExportLayout,
  type LegendSpec,
  type OverlayText,
} from './overlay';
import { drawMap, type MapFrame, type PreparedCountry } from './render2d';
import { drawSmallMultiples } from './smallMultiples';
import type { SnapshotOptions } from '../map/snapshot';
import { encodeFrames, type VideoFormat, type VideoResult } from './video';
import { viewCaption, worldCaption } from './viewCaption';

/** Presentation size of exports (CSS px; the 2× option doubles the pixels). */
export const PRESENTATION_SIZE: Viewport = { width: 1920, height: 1080 };

/** A function that captures the live map (provided by the map component). */
export type LiveSnapshot = (opts: SnapshotOptions) => Promise<HTMLCanvasElement>;

/** The view being exported. */
export interface ExportView {
  mission: string;
  year: number;
  perpetrator: PerpetratorFilter;
  layers: { violence: boolean; bases: boolean; flags: boolean; noData: boolean };
  highlightBases?: readonly string[];
  highlightCells?: readonly number[];
  /** Lag episodes for the flags layer (null: no flags). */
  episodes?: readonly Episode[] | null;
  /** The map's current camera (null: the mission fitted). */
  camera: CameraView | null;
  /** The on-screen map size and the part covered (dock, legend) when the camera was set. */
  screen: Viewport & { padding: Padding };
  title: string;
  subtitle?: string | null;
  caption?: string | null;
  /** Towns to name on Canvas-2D maps (the live map has its own labels). */
  places?: readonly BasemapPlace[];
  /** New hotspots of `year` while that layer is on: the cells (stars) and the legend's figures. */
  hotspots?: { theta: number; count: number | null; gids: readonly number[] } | null;
  /** The coverage view's marks of `year` while its tab is open, with the legend's figures. */
  coverage?: { marks: CoverageMarks; legend: CoverageLegendInput } | null;
  /**
   * The deployment role switches (`roleOptions(layers)`): circles and markers drawn as on the
   * live map, and the same role keys in the legend. Omitted: every circle, no markers.
   */
  roles?: RoleLegendInput;
  /**
   * The World view (`AppState.world`): every chosen mission's bases in its colour, the legend
   * listing the missions, the World view's figures in the caption. Omitted or null: the mission.
   */
  world?: { missions: readonly string[] } | null;
}

/**
 * The camera for an export frame: the region visible in the free part of the screen, fitted into
 * the free part of the export layout (so nothing the user saw is hidden under the export's dock).
 */
export function exportCamera(
  dataset: Dataset,
  view: Pick<ExportView, 'camera' | 'screen' | 'mission'> & { world?: ExportView['world'] },
  size: Viewport,
  layout: ExportLayout,
): CameraView {
  const mission = dataset.missions.find((m) => m.id === view.mission);
  if (!view.camera)
    return fitCamera(
      view.world ? worldBox(dataset, view.world.missions) : (mission?.bbox ?? [...FALLBACK_BBOX]),
      size,
      layout.padding,
    );
  const box = freeBounds(view.camera, view.screen, view.screen.padding);
  return fitCamera(box, size, layout.padding, { marginDeg: 0, maxZoom: 12 });
}

/** The box of the listed missions (none listed: every mission), for a World view with no camera. */
function worldBox(dataset: Dataset, missions: readonly string[]): BBox {
  const boxes = dataset.missions
    .filter((m) => missions.length === 0 || missions.includes(m.id))
    .map((m) => m.bbox);
  return unionBBox(boxes) ?? [...FALLBACK_BBOX];
}

/**
 * The legend of an export frame: the live legend's sections for what the frame draws (the
 * Canvas renderer draws no change markers, so their key is left out). The World view's legend is
 * its own: the bases' key (titled "Peacekeeping") and the list of the missions drawn.
 */
function legendFor(view: ExportView, content: MapContent): LegendSpec {
  if (content.world)
    return {
      perpetrator: view.perpetrator,
      violence: false,
      noData: false,
      bases: view.layers.bases,
      highlights: false,
      flags: false,
      period: String(content.year),
      year: content.year,
      others: [],
      mission: 'Peacekeeping',
      ...(view.roles ? { roles: view.roles } : {}),
      coverage: null,
      hotspots: null,
      world: view.layers.bases ? content.world : [],
    };
  const others = new Map<string, string>();
  for (const b of content.bases)
    if (!b.own && !others.has(b.mission)) others.set(b.mission, b.color);
  const censored = content.flags.filter((f) => f.censored);
  return {
    perpetrator: view.perpetrator,
    violence: view.layers.violence,
    noData: view.layers.noData && content.noData.length > 0,
    bases: view.layers.bases,
    highlights: (view.highlightBases?.length ?? 0) + (view.highlightCells?.length ?? 0) > 0,
    flags: view.layers.flags && content.flags.length > 0,
    censored: view.layers.flags && censored.length > 0,
    censoredYears: [...new Set(censored.map((f) => f.onsetYear))],
    period: String(content.year),
    year: content.year,
    others: [...others].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, color]) => ({ id, color })),
    mission: view.mission,
    ...(view.roles ? { roles: view.roles } : {}),
    coverage: content.coverage && view.coverage ? view.coverage.legend : null,
    hotspots:
      content.hotspots && view.hotspots
        ? { year: content.year, theta: view.hotspots.theta, count: view.hotspots.count }
        : null,
  };
}

function contentOf(dataset: Dataset, view: ExportView, year: number): MapContent {
  const c = mapContent(dataset, {
    mission: view.mission,
    year,
    perpetrator: view.perpetrator,
    showViolence: view.layers.violence,
    showBases: view.layers.bases,
    highlightBases: view.highlightBases ?? [],
    highlightCells: view.highlightCells ?? [],
    episodes: view.layers.flags ? (view.episodes ?? null) : null,
    ...(view.roles ? { roles: view.roles } : {}),
    world: view.world ? view.world.missions : null,
  });
  if (view.world) return c;
  const out: MapContent = view.layers.noData ? { ...c } : { ...c, noData: [] };
  // The hotspots and coverage marks belong to the view's own year (not to a video's others).
  if (year === view.year) {
    if (view.hotspots) out.hotspots = [...view.hotspots.gids];
    if (view.coverage) out.coverage = view.coverage.marks;
  }
  return out;
}

function newCanvas(
  size: Viewport,
  scale: number,
  readBack = false,
): {
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D;
} {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(size.width * scale);
  canvas.height = Math.round(size.height * scale);
  // GIF encoding reads every frame back: keep such a canvas on the CPU.
  const ctx = canvas.getContext('2d', { willReadFrequently: readBack });
  if (!ctx) throw new Error('no 2D canvas available');
  ctx.scale(scale, scale);
  return { canvas, ctx };
}

/** Canvas → PNG blob. */
export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((res, rej) =>
    canvas.toBlob(
      (b) => (b ? res(b) : rej(new Error('the PNG could not be encoded'))),
      'image/png',
    ),
  );
}

/** Saves a blob as a file through a temporary link (no server involved). */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Result of a PNG export. */
export interface PngResult {
  blob: Blob;
  width: number;
  height: number;
  /** `live`: the map's own canvases; `canvas2d`: the deterministic renderer (fallback). */
  source: 'live' | 'canvas2d';
  /** Why the live capture was not used, when it was not. */
  fallbackReason?: string;
}

/**
 * The current view as a PNG of `size` × `scale` pixels: the live map at that size with title,
 * year, caption, legend and attribution drawn over it. Without a live map (or when capturing
 * fails) the Canvas-2D renderer draws the map instead.
 */
export async function exportViewPng(
  dataset: Dataset,
  countries: readonly PreparedCountry[],
  view: ExportView,
  opts: { scale?: 1 | 2; size?: Viewport; live?: LiveSnapshot | null } = {},
): Promise<PngResult> {
  const scale = opts.scale ?? 1;
  const size = opts.size ?? PRESENTATION_SIZE;
  const layout = exportLayout(size);
  const camera = exportCamera(dataset, view, size, layout);
  const content = contentOf(dataset, view, view.year);
  const { canvas, ctx } = newCanvas(size, scale);
  let source: PngResult['source'] = 'canvas2d';
  let fallbackReason: string | undefined;
  if (opts.live) {
    try {
      const shot = await opts.live({ ...size, pixelRatio: scale, camera });
      ctx.drawImage(shot, 0, 0, size.width, size.height);
      source = 'live';
    } catch (e) {
      fallbackReason = e instanceof Error ? e.message : String(e);
    }
  } else fallbackReason = 'no live map';
  if (source === 'canvas2d')
    drawMap(
      ctx,
      countries,
      { content, camera },
      { x: 0, y: 0, ...size },
      { places: view.places ?? [] },
    );
  drawOverlay(ctx, layout, overlayText(dataset, view, view.year), legendFor(view, content));
  const blob = await canvasToPng(canvas);
  return { blob, width: canvas.width, height: canvas.height, source, fallbackReason };
}

/**
 * The texts of a frame. Every export carries a caption: the story scene's, else the view's key
 * figures for the year shown ({@link viewCaption}).
 */
export function overlayText(
  dataset: Dataset,
  view: Pick<ExportView, 'title' | 'subtitle' | 'caption' | 'mission' | 'perpetrator'> & {
    world?: ExportView['world'];
  },
  year: number,
  yearLabel = String(year),
): OverlayText {
  return {
    title: view.title,
    subtitle: view.subtitle ?? null,
    year: yearLabel,
    caption:
      view.caption ||
      (view.world
        ? worldCaption(dataset, {
            year,
            perpetrator: view.perpetrator,
            missions: view.world.missions,
          })
        : viewCaption(dataset, { ...view, year })),
    attribution: attributionText(dataset.coverage),
  };
}

/** `fn` memoized by its key (the content of a year or scene is built once per export). */
function cachedBy<K, V>(fn: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, fn(key));
    return cache.get(key)!;
  };
}

/** One video frame: the map (Canvas 2D) over a cleared canvas, then the overlay. */
function drawVideoFrame(
  ctx: CanvasRenderingContext2D,
  countries: readonly PreparedCountry[],
  size: Viewport,
  layout: ExportLayout,
  map: MapFrame,
  places: readonly BasemapPlace[] | undefined,
  overlay: { text: OverlayText; legend: LegendSpec },
): void {
  ctx.clearRect(0, 0, size.width, size.height);
  drawMap(ctx, countries, map, { x: 0, y: 0, ...size }, { places: places ?? [] });
  drawOverlay(ctx, layout, overlay.text, overlay.legend);
}

/** The small multiples of a mission as a PNG. */
export async function exportSmallMultiplesPng(
  dataset: Dataset,
  countries: readonly PreparedCountry[],
  mission: string,
  perpetrator: PerpetratorFilter,
  opts: { scale?: 1 | 2; size?: Viewport } = {},
): Promise<PngResult> {
  const scale = opts.scale ?? 1;
  const size = opts.size ?? PRESENTATION_SIZE;
  const { canvas, ctx } = newCanvas(size, scale);
  drawSmallMultiples(ctx, { dataset, countries, mission, perpetrator, ...size });
  const blob = await canvasToPng(canvas);
  return { blob, width: canvas.width, height: canvas.height, source: 'canvas2d' };
}

/** The pixel scale of a video: GIF always 1. */
function videoScale(opts: VideoOptions): 1 | 2 {
  if (opts.format === 'gif') return 1;
  return opts.scale ?? 1;
}

/** Common video options. */
export interface VideoOptions {
  format: VideoFormat;
  fps: number;
  size?: Viewport;
  /**
   * Pixels per layout pixel: 1 gives `size` (1920×1080 by default), 2 a 4K frame with the same
   * layout. GIF is written at 1 only (a 4K GIF would be hundreds of megabytes).
   */
  scale?: 1 | 2;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  forceMediaRecorder?: boolean;
}

/**
 * A video of the view playing the years `from`..`to` (each held `secondsPerYear`, cells fading and
 * bases growing between years), title, year, legend and attribution on every frame.
 */
export async function exportYearRangeVideo(
  dataset: Dataset,
  countries: readonly PreparedCountry[],
  view: ExportView,
  range: { from: number; to: number; secondsPerYear: number; tween?: boolean },
  opts: VideoOptions,
): Promise<VideoResult> {
  const size = opts.size ?? PRESENTATION_SIZE;
  const layout = exportLayout(size);
  const camera = exportCamera(dataset, view, size, layout);
  const frames = yearRangeFrames({ ...range, fps: opts.fps });
  const content = cachedBy((y: number) => contentOf(dataset, view, y));
  const { canvas, ctx } = newCanvas(size, videoScale(opts), opts.format === 'gif');
  const render = (i: number): void => {
    const f = frames[i]!;
    const next = f.t > 0 ? content(f.nextYear) : null;
    const shownYear = f.t >= 0.5 ? f.nextYear : f.year;
    drawVideoFrame(
      ctx,
      countries,
      size,
      layout,
      { content: content(f.year), next, t: f.t, camera },
      view.places,
      {
        text: overlayText(dataset, view, shownYear),
        legend: legendFor(view, content(shownYear)),
      },
    );
  };
  return encodeFrames(canvas, frames, render, opts);
}

/** Options of a story video. */
export type StoryVideoTiming = Omit<StoryVideoOptions, 'fps'>;

/** Default pacing of a story video: 8 s per scene, 1.5 s flights, 1.5 s per year in ranges. */
export const STORY_VIDEO_TIMING: StoryVideoTiming = {
  secondsPerScene: 8,
  transitionSeconds: 1.5,
  secondsPerYear: 1.5,
  tween: true,
};

/**
 * A video of a whole story: each scene with its caption (live numbers filled), camera flights
 * between scenes, ranges played year by year.
 */
export async function exportStoryVideo(
  dataset: Dataset,
  countries: readonly PreparedCountry[],
  story: Story,
  baseState: AppState,
  opts: VideoOptions & {
    timing?: Partial<StoryVideoTiming>;
    facts?: SceneFacts;
    places?: readonly BasemapPlace[];
  },
): Promise<VideoResult> {
  const size = opts.size ?? PRESENTATION_SIZE;
  const layout = exportLayout(size);
  const facts = opts.facts ?? createSceneFacts(dataset);
  const plans: ScenePlan[] = story.scenes.map((scene) =>
    sceneToState(scene, story, baseState, dataset, { ...size, padding: layout.padding }),
  );
  const timing = { ...STORY_VIDEO_TIMING, ...opts.timing };
  const frames = storyFrames(plans, { ...timing, fps: opts.fps });
  const viewOf = (k: number): ExportView => {
    const plan = plans[k]!;
    const s = applyScene(baseState, plan);
    const scene = story.scenes[k]!;
    return {
      mission: s.mission,
      year: s.year,
      perpetrator: s.perpetrator,
      layers: s.layers,
      highlightBases: plan.highlightBases,
      highlightCells: plan.highlightCells,
      episodes: s.layers.flags ? (facts.lag(story, scene)?.episodes ?? null) : null,
      camera: plan.patch.camera,
      screen: { ...size, padding: layout.padding },
      title: scene.title,
      subtitle: `${story.title} · scene ${k + 1} of ${story.scenes.length}`,
    };
  };
  const sceneContent = cachedBy((k: number) =>
    cachedBy((year: number) => contentOf(dataset, viewOf(k), year)),
  );
  const content = (k: number, year: number): MapContent => sceneContent(k)(year);
  const { canvas, ctx } = newCanvas(size, videoScale(opts), opts.format === 'gif');
  const render = (i: number): void => {
    const f = frames[i]!;
    const k = f.scene;
    const from = plans[Math.max(0, k - 1)]!.patch.camera!;
    const to = plans[k]!.patch.camera!;
    const camera = k === 0 ? to : interpolateCamera(from, to, f.cameraT);
    // During the first half of a flight the previous scene is still shown.
    const shownScene = f.cameraT < 0.5 && k > 0 ? k - 1 : k;
    const next = f.t > 0 ? content(shownScene, f.nextYear) : null;
    const view = viewOf(shownScene);
    const year = f.t >= 0.5 ? f.nextYear : f.year;
    const caption = facts.caption(story, story.scenes[shownScene]!, year).text;
    drawVideoFrame(
      ctx,
      countries,
      size,
      layout,
      { content: content(shownScene, f.year), next, t: f.t, camera },
      opts.places,
      {
        text: overlayText(dataset, { ...view, caption }, year),
        legend: legendFor(view, content(shownScene, year)),
      },
    );
  };
  return encodeFrames(canvas, frames, render, opts);
}
