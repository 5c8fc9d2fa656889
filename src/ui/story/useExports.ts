/**
 * Export actions for the UI with progress and cancel: the current view as a PNG (1920×1080 or
 * 2×), the small multiples as a PNG, a year-range video and a whole-story video. Each finished
 * export is downloaded and described in `window.__atlasExports` (read by the end-to-end tests).
 * The export code (Canvas-2D renderer, encoders) is loaded on the first export, not with the app.
 */
import type { FeatureCollection } from 'geojson';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BasemapPlace } from '../../domain/basemap';
import { cellYearsCover, cellYearsPendingText, type Dataset } from '../../domain/dataset';
import { missionHostCountries } from '../../domain/lagIndex';
import type { Episode } from '../../domain/lagTypes';
import type { ExportView, LiveSnapshot, PngResult } from '../../export/exports';
import { roleOptions } from '../../map/roleLayers';
import type { PreparedCountry } from '../../export/render2d';
import type { VideoFormat, VideoResult } from '../../export/video';
import type { Padding } from '../../map/camera';
import type { AppState } from '../../state/state';
import { storyMissions, type Story } from '../../story/schema';
import { storyById } from './draftStory';

/** The export code, loaded on first use (its own chunk: renderer, GIF and WebM encoders). */
function loadExportCode() {
  return Promise.all([import('../../export/exports'), import('../../export/render2d')]).then(
    ([exports, render2d]) => ({ ...exports, prepareCountries: render2d.prepareCountries }),
  );
}

/** A finished export, as the UI and the tests see it. */
export interface ExportRecord {
  kind: 'view-png' | 'small-multiples-png' | 'range-video' | 'story-video';
  filename: string;
  mimeType: string;
  bytes: number;
  width?: number;
  height?: number;
  frames?: number;
  seconds?: number;
  fps?: number;
  encoder?: string;
  source?: string;
  /** Object URL of the file (kept for the session's last few exports). */
  url: string;
}

declare global {
  interface Window {
    __atlasExports?: ExportRecord[];
  }
}

/** What the exports need from the atlas. */
export interface ExportContext {
  dataset: Dataset;
  countries: FeatureCollection | null;
  /** Towns for the Canvas-2D maps (videos, PNG fallback). */
  places: readonly BasemapPlace[];
  state: AppState;
  live: LiveSnapshot | null;
  /** On-screen map size and what covers it (the presenter's dock), read when exporting. */
  screen: () => { width: number; height: number; padding: Padding };
  highlightBases: readonly string[];
  highlightCells: readonly number[];
  episodes: readonly Episode[] | null;
  title: string;
  subtitle: string | null;
  caption: string | null;
  story: Story | null;
  /** New hotspots drawn on the map (layer on), for the exports' stars and legend. */
  hotspots?: ExportView['hotspots'];
  /** The coverage view's marks (Coverage tab open, events loaded), for the exports. */
  coverage?: ExportView['coverage'];
}

/** Progress of the running export. */
export interface ExportBusy {
  label: string;
  done: number;
  total: number;
}

/** Options of a year-range video. */
export interface RangeVideoOptions {
  from: number;
  to: number;
  fps: number;
  secondsPerYear: number;
  format: VideoFormat;
  /** 1: 1920×1080; 2: 3840×2160 (WebM only). */
  scale: 1 | 2;
}

export interface Exports {
  busy: ExportBusy | null;
  last: ExportRecord | null;
  message: string | null;
  cancel(): void;
  viewPng(scale: 1 | 2): Promise<void>;
  smallMultiplesPng(scale: 1 | 2): Promise<void>;
  rangeVideo(o: RangeVideoOptions): Promise<void>;
  storyVideo(o: { storyId: string; fps: number; format: VideoFormat; scale: 1 | 2 }): Promise<void>;
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

const KEEP_URLS = 6;

/** The record of an exported image. */
function pngRecord(
  kind: 'view-png' | 'small-multiples-png',
  filename: string,
  r: PngResult,
): Omit<ExportRecord, 'url'> {
  const { width, height, source } = r;
  return { kind, filename, mimeType: 'image/png', bytes: r.blob.size, width, height, source };
}

/** The record of an exported video. */
function videoRecord(
  kind: 'range-video' | 'story-video',
  filename: string,
  r: VideoResult,
  fps: number,
): Omit<ExportRecord, 'url'> {
  const { mimeType, frames, seconds, encoder, width, height } = r;
  const bytes = r.blob.size;
  return {
    kind,
    filename,
    mimeType,
    bytes,
    width,
    height,
    frames,
    seconds,
    fps,
    encoder,
  };
}

type ExportCode = Awaited<ReturnType<typeof loadExportCode>>;

/**
 * Resolves once the dataset (read each animation frame) holds the cell-years of `need`; rejects
 * when their load failed (saying why) or the export is cancelled.
 */
function untilCovered(
  dataset: () => Dataset,
  need: readonly string[],
  signal: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const ds = dataset();
      const p = ds.cellYearsPending;
      if (cellYearsCover(ds, need)) resolve();
      else if (signal.aborted)
        reject(Object.assign(new Error('cancelled'), { name: 'ExportCancelled' }));
      else if (p?.status === 'failed') reject(new Error(cellYearsPendingText(p)));
      else requestAnimationFrame(check);
    };
    check();
  });
}

/**
 * The hook. `context` is called when an export starts (and as it runs), so the export sees the
 * view as it is then; the hook itself re-renders only for its own progress.
 */
export function useExports(context: () => ExportContext): Exports {
  const contextRef = useRef(context);
  useEffect(() => {
    contextRef.current = context;
  });
  const latest = useMemo(
    () => ({
      get current(): ExportContext {
        return contextRef.current();
      },
    }),
    [],
  );
  const prepared = useRef<{ of: FeatureCollection | null; countries: PreparedCountry[] } | null>(
    null,
  );
  const [busy, setBusy] = useState<ExportBusy | null>(null);
  const [last, setLast] = useState<ExportRecord | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const view = (): ExportView => {
    const c = latest.current;
    return {
      mission: c.state.mission,
      year: c.state.year,
      perpetrator: c.state.perpetrator,
      layers: c.state.layers,
      highlightBases: c.highlightBases,
      highlightCells: c.highlightCells,
      episodes: c.episodes,
      camera: c.state.camera,
      screen: c.screen(),
      title: c.title,
      subtitle: c.subtitle,
      caption: c.caption,
      places: c.places,
      hotspots: c.hotspots ?? null,
      coverage: c.coverage ?? null,
      roles: roleOptions(c.state.layers),
      world: c.state.world,
    };
  };

  const finish = (code: ExportCode, rec: Omit<ExportRecord, 'url'>, blob: Blob): void => {
    const url = URL.createObjectURL(blob);
    const list = (window.__atlasExports ??= []);
    list.push({ ...rec, url });
    while (list.length > KEEP_URLS) URL.revokeObjectURL(list.shift()!.url);
    code.downloadBlob(blob, rec.filename);
    setLast({ ...rec, url });
    setMessage(`Saved ${rec.filename} (${(rec.bytes / 1024).toFixed(0)} KB).`);
  };

  const run = useCallback(
    async (
      label: string,
      job: (code: ExportCode, countries: PreparedCountry[], signal: AbortSignal) => Promise<void>,
    ) => {
      if (abort.current) return; // one export at a time
      const ac = new AbortController();
      abort.current = ac;
      setMessage(null);
      setBusy({ label, done: 0, total: 0 });
      // Let the progress cover paint before the heavy work starts.
      await new Promise((r) => setTimeout(r, 30));
      try {
        const code = await loadExportCode();
        const of = latest.current.countries;
        if (prepared.current?.of !== of)
          prepared.current = { of, countries: code.prepareCountries(of) };
        await job(code, prepared.current.countries, ac.signal);
      } catch (e) {
        if (e instanceof Error && e.name === 'ExportCancelled') setMessage('Export cancelled.');
        else {
          console.error('Export failed:', e);
          setMessage(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      } finally {
        abort.current = null;
        setBusy(null);
      }
    },
    [latest],
  );

  const progress = (label: string) => (done: number, total: number) =>
    setBusy({ label, done, total });

  const base = (): string => {
    const s = latest.current.state;
    return `presence-atlas_${s.world ? 'world' : slug(s.mission)}_${s.year}`;
  };

  return {
    busy,
    last,
    message,
    cancel: () => abort.current?.abort(),
    viewPng: (scale) =>
      run(
        `Exporting the view (${scale === 2 ? '3840×2160' : '1920×1080'})…`,
        async (code, countries) => {
          const c = latest.current;
          const r = await code.exportViewPng(c.dataset, countries, view(), { scale, live: c.live });
          if (r.fallbackReason && c.live)
            console.warn(`PNG export drew the map with Canvas 2D: ${r.fallbackReason}`);
          const filename = `${base()}_${r.width}x${r.height}.png`;
          finish(code, pngRecord('view-png', filename, r), r.blob);
        },
      ),
    smallMultiplesPng: (scale) =>
      run('Drawing the small multiples…', async (code, countries) => {
        const { dataset, state } = latest.current;
        // The sheet draws one mission's years; the World view has no such sheet (the button says so).
        if (state.world) throw new Error('small multiples draw one mission: leave the World view');
        const r = await code.exportSmallMultiplesPng(
          dataset,
          countries,
          state.mission,
          state.perpetrator,
          { scale },
        );
        const filename = `presence-atlas_${slug(state.mission)}_small-multiples_${r.width}x${r.height}.png`;
        finish(code, pngRecord('small-multiples-png', filename, r), r.blob);
      }),
    rangeVideo: (o) =>
      run(`Rendering ${o.from}–${o.to} as video…`, async (code, countries, signal) => {
        const c = latest.current;
        const label = `Rendering ${o.from}–${o.to}`;
        const r = await code.exportYearRangeVideo(
          c.dataset,
          countries,
          {
            ...view(),
            title: `${c.state.world ? 'World view' : c.state.mission} ${o.from}–${o.to}`,
            caption: null,
          },
          { from: o.from, to: o.to, secondsPerYear: o.secondsPerYear },
          { format: o.format, fps: o.fps, scale: o.scale, signal, onProgress: progress(label) },
        );
        const filename = `presence-atlas_${c.state.world ? 'world' : slug(c.state.mission)}_${o.from}-${o.to}_${r.height}p_${o.fps}fps.${r.extension}`;
        finish(code, videoRecord('range-video', filename, r, o.fps), r.blob);
      }),
    storyVideo: (o) =>
      run('Rendering the story as video…', async (code, countries, signal) => {
        const c = latest.current;
        const story = storyById(o.storyId, c.state.storyDraft);
        if (!story) throw new Error(`there is no story "${o.storyId}"`);
        // Its scenes may show other missions than the view: their cell-years must be in.
        const need = [
          ...new Set(storyMissions(story).flatMap((m) => missionHostCountries(c.dataset, m))),
        ];
        if (!cellYearsCover(c.dataset, need)) {
          setBusy({
            label: 'Waiting for the violence data of the other missions…',
            done: 0,
            total: 0,
          });
          await untilCovered(() => latest.current.dataset, need, signal);
        }
        const r = await code.exportStoryVideo(latest.current.dataset, countries, story, c.state, {
          format: o.format,
          fps: o.fps,
          scale: o.scale,
          signal,
          places: c.places,
          onProgress: progress(`Rendering “${story.title}”`),
        });
        const filename = `presence-atlas_story-${slug(story.id)}_${r.height}p_${o.fps}fps.${r.extension}`;
        finish(code, videoRecord('story-video', filename, r, o.fps), r.blob);
      }),
  };
}
