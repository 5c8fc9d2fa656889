/**
 * The one map component: it owns the MapLibre map (basemap) and the deck.gl overlays (data layers,
 * via `MapboxOverlay`). It receives ready-made layers and a camera; it fetches nothing.
 *
 * Two overlays: `layers` (data, redrawn on every change, e.g. each animation frame) and, on top,
 * `staticLayers` (basemap names: many glyphs, costly to draw in software; they only redraw when
 * they or the camera change, so an animation never redraws them).
 *
 * Compare (a swipe): a third overlay, between the two, draws `compareLayers` (the comparison
 * year); while `split` is set, the data overlay is clipped to the left of the divider and the
 * comparison overlay to its right, and a click or hover goes to the side it falls on. One map,
 * one camera: both sides move together by construction.
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer, PickingInfo } from '@deck.gl/core';
import * as maplibregl from 'maplibre-gl';
import type { StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import type { Camera } from '../state/state';
import { BASEMAP_LAYER_IDS, noDataPaint } from './basemap/style';
import { inlinedWorkerText } from './inlinedWorker';
import { snapshotMap, type SnapshotOptions, type SnapshotOverlay } from './snapshot';
import { singleWorldZoom } from './camera';
import { scaleLayers } from './uiScale';

// Serve MapLibre's worker from our own origin (Vite copies it as an asset).
maplibregl.setWorkerUrl(blobIfInlined(workerUrl));

/**
 * The self-contained story file inlines the worker as a `data:` URL. On a page opened from disk
 * (origin "null") MapLibre would start a module worker from a `data:` URL of its text, which is
 * over Chromium's URL length limit; a classic worker from a `blob:` URL works: the text without
 * its one `export` statement, and a name ending in `.cjs` (MapLibre's sign of a classic worker).
 */
function blobIfInlined(url: string): string {
  const text = inlinedWorkerText(url);
  if (text === null) return url;
  const blob = URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
  return `${blob}#maplibre-gl-worker.cjs`;
}

/** What was last drawn, for tests and benchmarks (`window.__atlas.rendered`). */
export interface RenderTag {
  /** Free-form key of what the layers show, e.g. "MINUSCA:2014:all". */
  key: string;
  counts: Record<string, number>;
}

export interface AtlasMapProps {
  style: StyleSpecification;
  layers: (Layer | null | false)[];
  /** Layers that rarely change (basemap names), drawn above `layers` on their own canvas. */
  staticLayers?: (Layer | null | false)[];
  /** The camera to show; null = fit `fitBounds`. */
  camera: Camera | null;
  /** [west, south, east, north] to fit when `camera` is null. */
  fitBounds: [number, number, number, number] | null;
  onCameraChange: (c: Camera) => void;
  onClick: (info: PickingInfo) => void;
  onHover: (info: PickingInfo) => void;
  /** Describes the current layers; reported with each rendered frame. */
  renderTag: RenderTag;
  /** Called after deck.gl drew a frame of the current layers (tag, time in ms since page start). */
  onRendered?: (tag: RenderTag, at: number) => void;
  /**
   * Called with true when MapLibre is idle (style and sources loaded, no camera motion) and with
   * false when the camera starts moving (test hooks wait for it).
   */
  onIdle?: (idle: boolean) => void;
  /** Called once the map exists, with a small API (used by test hooks and exports). */
  onReady?: (api: MapApi) => void;
  /** Accessible description of the map for screen readers. */
  ariaLabel: string;
  /** Compare: the comparison side's layers, drawn right of the divider (empty when off). */
  compareLayers?: (Layer | null | false)[];
  /** Compare: the divider's position as a fraction of the map's width; null = no compare. */
  split?: number | null;
  /** Describes the comparison side's layers; reported with each of its frames. */
  compareTag?: RenderTag;
  /** Called after deck.gl drew a frame of the comparison side. */
  onCompareRendered?: (tag: RenderTag, at: number) => void;
  /** Compare: a click on the comparison side (routed like `onClick`). */
  onCompareClick?: (info: PickingInfo) => void;
  /** Compare: a hover on the comparison side. */
  onCompareHover?: (info: PickingInfo) => void;
  /**
   * Host countries shaded as without violence data (the basemap's land fill and an outline;
   * `noDataPaint`). Omitted or empty: none.
   */
  noDataCountries?: readonly string[];
  /**
   * How the map moves to a new camera: `ease` (default, 0.5 s), `fly` (MapLibre flyTo, at most
   * 2 s: case-study scenes) or `jump` (no animation: reduced motion).
   */
  motion?: 'ease' | 'fly' | 'jump';
  /**
   * The large-screen factor (`--ui-zoom`, src/map/uiScale.ts): text, symbols and line widths in
   * pixels are drawn this many times as large (default 1). Exports always render at 1.
   */
  uiZoom?: number;
  /**
   * Called with true when a snapshot starts and false when it ends: the owner then passes
   * `uiZoom` 1 (and layers chosen for it, e.g. which names fit) until the end; the snapshot waits
   * for them. Without it a snapshot only draws the current layers at factor 1.
   */
  onExporting?: (on: boolean) => void;
}

/** What the map component offers its owner. */
export interface MapApi {
  /** Screen position (px, relative to the map's top-left) of a lon/lat. */
  project(lon: number, lat: number): [number, number];
  /** Renders the map at an export size and returns the composited basemap + data canvas. */
  snapshot(opts: SnapshotOptions): Promise<HTMLCanvasElement>;
  /**
   * The scale props (`sizeScale`, `radiusScale`, `lineWidthScale`, `widthScale`) of the layer
   * with this id as last handed to deck.gl, or null when no overlay draws it (test hook).
   */
  layerScale(id: string): Record<string, number> | null;
  /**
   * Draws the data layers again at once with nothing changed (benchmark hook: what deck.gl
   * allocates and spends on a frame of its own, `bench/alloc.bench.ts`).
   */
  redraw(): void;
}

const SCALE_PROPS = ['sizeScale', 'radiusScale', 'lineWidthScale', 'widthScale'] as const;

function cameraOf(map: maplibregl.Map): Camera {
  const c = map.getCenter();
  return { lon: c.lng, lat: c.lat, zoom: map.getZoom() };
}

function near(a: Camera, b: Camera): boolean {
  return (
    Math.abs(a.lon - b.lon) < 1e-4 &&
    Math.abs(a.lat - b.lat) < 1e-4 &&
    Math.abs(a.zoom - b.zoom) < 0.01
  );
}

/** Room kept free when fitting: the legend sits on the left, zoom buttons on the right. */
const FIT_PADDING = { top: 30, bottom: 30, left: 300, right: 60 };

function fitPadding(map: maplibregl.Map): typeof FIT_PADDING | number {
  const el = map.getContainer();
  return el.clientWidth > 700 && el.clientHeight > 300 ? FIT_PADDING : 10;
}

/** Fits a bbox, padding it so that a single-point mission does not zoom to the street. */
function fit(map: maplibregl.Map, bbox: [number, number, number, number], animate: boolean): void {
  const [w, s, e, n] = bbox;
  const pad = 0.5;
  map.fitBounds(
    [
      [w - pad, s - pad],
      [e + pad, n + pad],
    ],
    { padding: fitPadding(map), maxZoom: 8, animate, duration: animate ? 600 : 0 },
  );
}

/**
 * The overlays as one for the snapshot: props go to each; the canvas is their composite (or, while
 * their sizes differ, the one that lags, so that the snapshot waits for it).
 */
function combinedOverlay(overlays: readonly MapboxOverlay[]): SnapshotOverlay {
  return {
    setProps: (p) => overlays.forEach((o) => o.setProps(p)),
    getCanvas: () => {
      const canvases = overlays
        .map((o) => o.getCanvas())
        .filter((c): c is HTMLCanvasElement => c !== null);
      const [first] = canvases;
      if (!first) return null;
      const lagging = canvases.find((c) => c.width !== first.width || c.height !== first.height);
      if (lagging) return lagging;
      const out = document.createElement('canvas');
      out.width = first.width;
      out.height = first.height;
      const ctx = out.getContext('2d');
      for (const c of canvases) ctx?.drawImage(c, 0, 0);
      return out;
    },
  };
}

/**
 * Adds an overlay as a map control and returns the element it placed on the map (to clip or hide
 * it) with the control to remove it by.
 */
function addOverlay(
  map: maplibregl.Map,
  overlay: MapboxOverlay,
): { el: HTMLElement | null; control: maplibregl.IControl } {
  const box: { el: HTMLElement | null } = { el: null };
  const control: maplibregl.IControl = {
    onAdd: (m) => (box.el = overlay.onAdd(m as never) as HTMLElement),
    onRemove: () => overlay.onRemove(),
    // Where MapboxOverlay itself goes: its element is absolutely placed from the top-left.
    getDefaultPosition: () => 'top-left',
  };
  map.addControl(control);
  return { el: box.el, control };
}

/** Which side of the divider a pick lies on ('main' when there is no divider). */
function sideOf(map: maplibregl.Map | null, x: number, split: number | null | undefined) {
  if (!map || split == null) return 'main';
  return x <= split * map.getContainer().clientWidth ? 'main' : 'compare';
}

/** Clips the two data overlays at the divider (or shows the main one whole and hides the other). */
function clipOverlays(
  main: HTMLElement | null,
  compare: HTMLElement | null,
  split: number | null | undefined,
): void {
  const on = split != null;
  const pct = (v: number): string => `${(v * 100).toFixed(3)}%`;
  if (main) main.style.clipPath = on ? `inset(0 ${pct(1 - split)} 0 0)` : '';
  if (compare) {
    compare.style.clipPath = on ? `inset(0 0 0 ${pct(split)})` : '';
    compare.style.visibility = on ? 'visible' : 'hidden';
  }
}

/** MapLibre + deck.gl map filling its parent. */
export function AtlasMap(props: AtlasMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const staticOverlayRef = useRef<MapboxOverlay | null>(null);
  const compareOverlayRef = useRef<MapboxOverlay | null>(null);
  const mainElRef = useRef<HTMLElement | null>(null);
  const compareElRef = useRef<HTMLElement | null>(null);
  const latest = useRef(props);
  /** The bbox of the last automatic fit, while the user has not moved the map since. */
  const fitted = useRef<[number, number, number, number] | null>(null);
  /** The camera the map last reported: a state camera equal to it needs no move. */
  const emitted = useRef<Camera | null>(null);
  const firstCamera = useRef(true);
  /** While a snapshot renders, layers are handed over at factor 1 (exports keep their sizes). */
  const exporting = useRef(false);
  /** The layers last handed to the overlays (main, comparison, static). */
  const applied = useRef<Layer[]>([]);
  /** Snapshots waiting for the owner's layers at factor 1. */
  const atOne = useRef<(() => void)[]>([]);
  useEffect(() => {
    latest.current = props;
  });
  /** Hands the current layers to the overlays, scaled by the large-screen factor. */
  const applyLayers = useRef((which: 'main' | 'compare' | 'static' | 'all') => {
    const p = latest.current;
    const k = exporting.current ? 1 : (p.uiZoom ?? 1);
    const main = scaleLayers(p.layers, k);
    const compare = p.split != null ? scaleLayers(p.compareLayers ?? [], k) : [];
    const stat = scaleLayers(p.staticLayers ?? [], k);
    if (which === 'main' || which === 'all') overlayRef.current?.setProps({ layers: main });
    if (which === 'compare' || which === 'all')
      compareOverlayRef.current?.setProps({ layers: compare });
    if (which === 'static' || which === 'all') staticOverlayRef.current?.setProps({ layers: stat });
    applied.current = [...main, ...compare, ...stat];
  }).current;

  // Create the map once.
  useEffect(() => {
    if (!container.current) return;
    const p = latest.current;
    const map = new maplibregl.Map({
      container: container.current,
      style: p.style,
      center: p.camera ? [p.camera.lon, p.camera.lat] : [20, 5],
      zoom: p.camera?.zoom ?? 4,
      attributionControl: false,
      maxZoom: 12,
      minZoom: 1,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    map.touchZoomRotate.disableRotation();
    map.keyboard.enable();
    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      onClick: (info: PickingInfo) => {
        if (sideOf(mapRef.current, info.x, latest.current.split) === 'main')
          latest.current.onClick(info);
      },
      onHover: (info: PickingInfo) => {
        if (sideOf(mapRef.current, info.x, latest.current.split) === 'main')
          latest.current.onHover(info);
      },
      getCursor: ({ isHovering }: { isHovering: boolean }) => (isHovering ? 'pointer' : 'grab'),
      onAfterRender: () => latest.current.onRendered?.(latest.current.renderTag, performance.now()),
      deviceProps: { webgl: { preserveDrawingBuffer: true } },
    });
    const main = addOverlay(map, overlay);
    // The comparison side: hidden (and given no layers) while compare is off.
    const compareOverlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      onClick: (info: PickingInfo) => {
        if (sideOf(mapRef.current, info.x, latest.current.split) === 'compare')
          latest.current.onCompareClick?.(info);
      },
      onHover: (info: PickingInfo) => {
        if (sideOf(mapRef.current, info.x, latest.current.split) === 'compare')
          latest.current.onCompareHover?.(info);
      },
      onAfterRender: () => {
        const { compareTag, onCompareRendered, split } = latest.current;
        if (split != null && compareTag) onCompareRendered?.(compareTag, performance.now());
      },
      deviceProps: { webgl: { preserveDrawingBuffer: true } },
    });
    const cmp = addOverlay(map, compareOverlay);
    mainElRef.current = main.el;
    compareElRef.current = cmp.el;
    clipOverlays(main.el, cmp.el, p.split);
    // Added after the data overlay: its canvas lies on top.
    const staticOverlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      deviceProps: { webgl: { preserveDrawingBuffer: true } },
    });
    map.addControl(staticOverlay);
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
    firstCamera.current = true;
    map.on('moveend', () => {
      const c = cameraOf(map);
      emitted.current = c;
      latest.current.onCameraChange(c);
    });
    // Keep an automatic fit when the map's size changes (layout settling, window resize) until
    // the user moves the map.
    map.on('movestart', (e: { originalEvent?: unknown }) => {
      if (e.originalEvent) fitted.current = null;
      latest.current.onIdle?.(false);
    });
    map.on('idle', () => latest.current.onIdle?.(true));
    // Never zoomed out beyond one world across the map (a 4K World view would repeat it).
    map.setMinZoom(singleWorldZoom(container.current.clientWidth));
    map.on('resize', () => {
      map.setMinZoom(singleWorldZoom(map.getContainer().clientWidth));
      if (fitted.current) fit(map, fitted.current, false);
    });
    mapRef.current = map;
    overlayRef.current = overlay;
    staticOverlayRef.current = staticOverlay;
    compareOverlayRef.current = compareOverlay;
    p.onReady?.({
      project: (lon, lat) => {
        const pt = map.project([lon, lat]);
        return [pt.x, pt.y];
      },
      snapshot: async (opts) => {
        // No automatic refit while the map is laid out at the export size.
        const keep = fitted.current;
        fitted.current = null;
        exporting.current = true;
        applyLayers('all');
        const { onExporting, uiZoom } = latest.current;
        try {
          if (onExporting && (uiZoom ?? 1) !== 1)
            // (At most 5 s: should the owner never answer, the snapshot goes on at factor 1.)
            await new Promise<void>((res) => {
              atOne.current.push(res);
              setTimeout(res, 5000);
              onExporting(true);
            });
          return await snapshotMap(map, combinedOverlay([overlay, staticOverlay]), opts);
        } finally {
          fitted.current = keep;
          exporting.current = false;
          onExporting?.(false);
          applyLayers('all');
        }
      },
      redraw: () => {
        // MapboxOverlay keeps its Deck private; `redraw(reason)` draws now when given a reason.
        for (const o of [overlay, staticOverlay])
          (o as unknown as { _deck?: { redraw(reason?: string): void } })._deck?.redraw('bench');
      },
      layerScale: (id) => {
        const layer = applied.current.find((l) => l.id === id);
        if (!layer) return null;
        const props = layer.props as unknown as Record<string, unknown>;
        const out: Record<string, number> = {};
        for (const k of SCALE_PROPS) if (typeof props[k] === 'number') out[k] = props[k];
        return out;
      },
    });
    return () => {
      map.removeControl(staticOverlay);
      staticOverlay.finalize();
      map.removeControl(cmp.control);
      compareOverlay.finalize();
      map.removeControl(main.control);
      overlay.finalize();
      map.remove();
      mapRef.current = null;
      overlayRef.current = null;
      staticOverlayRef.current = null;
      compareOverlayRef.current = null;
      mainElRef.current = null;
      compareElRef.current = null;
    };
  }, [applyLayers]);

  // Countries without violence data: paint values of the basemap (no new GPU program).
  const noDataKey = (props.noDataCountries ?? []).join('\n');
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const countries = noDataKey === '' ? [] : noDataKey.split('\n');
    const apply = (): void => {
      const paint = noDataPaint(countries);
      if (map.getLayer(BASEMAP_LAYER_IDS.land))
        map.setPaintProperty(BASEMAP_LAYER_IDS.land, 'fill-color', paint.landFill);
      if (map.getLayer(BASEMAP_LAYER_IDS.noDataEdge))
        map.setPaintProperty(BASEMAP_LAYER_IDS.noDataEdge, 'line-opacity', paint.edgeOpacity);
    };
    // The style's layers exist once it has loaded (its sources may still be loading).
    if (map.getLayer(BASEMAP_LAYER_IDS.land)) apply();
    else map.once('style.load', apply);
    return () => {
      map.off('style.load', apply);
    };
  }, [noDataKey]);

  // Layers.
  // Layers (`latest` holds these props: effects run in order, after the one that sets it).
  const { layers, compareLayers, split, staticLayers, uiZoom } = props;
  useEffect(() => applyLayers('main'), [layers, uiZoom, applyLayers]);
  useEffect(() => applyLayers('compare'), [compareLayers, split, uiZoom, applyLayers]);
  useEffect(() => {
    clipOverlays(mainElRef.current, compareElRef.current, split);
  }, [split]);
  useEffect(() => {
    applyLayers('static');
    // The owner's layers for factor 1 have arrived: waiting snapshots go on.
    if ((uiZoom ?? 1) === 1) atOne.current.splice(0).forEach((res) => res());
  }, [staticLayers, uiZoom, applyLayers]);

  // Camera: follow the state when it differs from what the map shows.
  const { camera, fitBounds } = props;
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const animate = !firstCamera.current;
    firstCamera.current = false;
    if (camera === null) {
      if (fitBounds) fit(map, fitBounds, animate);
      fitted.current = fitBounds;
      return;
    }
    if (emitted.current && near(emitted.current, camera)) return;
    fitted.current = null;
    if (!near(cameraOf(map), camera)) {
      const target = { center: [camera.lon, camera.lat] as [number, number], zoom: camera.zoom };
      const motion = latest.current.motion ?? 'ease';
      if (motion === 'jump' || !animate) map.jumpTo(target);
      else if (motion === 'fly') map.flyTo({ ...target, maxDuration: 2000 });
      else map.easeTo({ ...target, duration: 500 });
    }
  }, [camera, fitBounds]);

  return (
    <div
      ref={container}
      className="atlas-map"
      role="region"
      aria-label={props.ariaLabel}
      data-testid="map"
    />
  );
}
