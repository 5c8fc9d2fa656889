/**
 * The one map component: it owns the MapLibre map (basemap) and the deck.gl overlay (data layers,
 * via `MapboxOverlay`). It receives ready-made layers and a camera; it fetches nothing.
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer, PickingInfo } from '@deck.gl/core';
import * as maplibregl from 'maplibre-gl';
import type { StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import type { Camera } from '../state/state';

// Serve MapLibre's worker from our own origin (Vite copies it as an asset).
maplibregl.setWorkerUrl(workerUrl);

/** What was last drawn, for tests and benchmarks (`window.__atlas.rendered`). */
export interface RenderTag {
  /** Free-form key of what the layers show, e.g. "MINUSCA:2014:all". */
  key: string;
  counts: Record<string, number>;
}

export interface AtlasMapProps {
  style: StyleSpecification;
  layers: (Layer | null | false)[];
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
  /** Called once the map exists, with a small API (used by test hooks and exports). */
  onReady?: (api: MapApi) => void;
  /** Accessible description of the map for screen readers. */
  ariaLabel: string;
}

/** What the map component offers its owner. */
export interface MapApi {
  /** Screen position (px, relative to the map's top-left) of a lon/lat. */
  project(lon: number, lat: number): [number, number];
}

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

/** MapLibre + deck.gl map filling its parent. */
export function AtlasMap(props: AtlasMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const latest = useRef(props);
  /** The bbox of the last automatic fit, while the user has not moved the map since. */
  const fitted = useRef<[number, number, number, number] | null>(null);
  /** The camera the map last reported: a state camera equal to it needs no move. */
  const emitted = useRef<Camera | null>(null);
  const firstCamera = useRef(true);
  useEffect(() => {
    latest.current = props;
  });

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
      onClick: (info: PickingInfo) => latest.current.onClick(info),
      onHover: (info: PickingInfo) => latest.current.onHover(info),
      getCursor: ({ isHovering }: { isHovering: boolean }) => (isHovering ? 'pointer' : 'grab'),
      onAfterRender: () => latest.current.onRendered?.(latest.current.renderTag, performance.now()),
      deviceProps: { webgl: { preserveDrawingBuffer: true } },
    });
    map.addControl(overlay);
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
    });
    map.on('resize', () => {
      if (fitted.current) fit(map, fitted.current, false);
    });
    mapRef.current = map;
    overlayRef.current = overlay;
    p.onReady?.({
      project: (lon, lat) => {
        const pt = map.project([lon, lat]);
        return [pt.x, pt.y];
      },
    });
    return () => {
      map.removeControl(overlay);
      overlay.finalize();
      map.remove();
      mapRef.current = null;
      overlayRef.current = null;
    };
  }, []);

  // Layers.
  useEffect(() => {
    overlayRef.current?.setProps({ layers: props.layers });
  }, [props.layers]);

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
    if (!near(cameraOf(map), camera))
      map.easeTo({ center: [camera.lon, camera.lat], zoom: camera.zoom, duration: 500 });
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
