/**
 * The map and what sits on it: reads the store, derives the view once (clock frame, covered and
 * missing host countries, missions nearby), runs every feature's map hook, stacks their layers by
 * slot, routes picks by layer id to the feature that owns the layer, and draws the legend, the
 * tooltip and the features' overlays. The only component that re-renders on every clock tick.
 */
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { StyleSpecification } from 'maplibre-gl';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { AtlasMap, type MapApi, type RenderTag } from '../map/AtlasMap';
import { LAYER_KEYS, type AppState } from '../state/state';
import { useData } from './dataContext';
import {
  pickHandlers,
  renderCounts,
  stackLayers,
  useFeatureMaps,
  useMapView,
  useStableList,
} from './features/compose';
import { CompareSide, type CompareMaps } from './features/compareSide';
import type { FeatureContext } from './features/contract';
import { LegendProvider, useFeatures } from './features/registry';
import { scopeToView } from './features/worldScope';
import { Legend } from './Legend';
import { useAtlas, useDispatch } from './store';

/** Test and benchmark hooks (read-only for tests; the app never reads them). */
export interface AtlasHooks {
  state: AppState;
  rendered: (RenderTag & { at: number }) | null;
  frames: number;
  /** When the map's first frame was drawn (`performance.now()`). */
  firstFrameAt?: number;
  /** Compare: what the comparison side last drew (null when compare is off). */
  compareRendered?: (RenderTag & { at: number }) | null;
  /** MapLibre is idle: style and sources loaded, no camera motion (see `AtlasMap` onIdle). */
  idle?: boolean;
  /** lon/lat → map pixel, for clicking map features in tests. */
  project?: MapApi['project'];
  /** The scale props of a drawn layer by id (`MapApi.layerScale`). */
  layerScale?: MapApi['layerScale'];
  /** Draws the data layers again with nothing changed (`MapApi.redraw`; benchmarks). */
  redraw?: MapApi['redraw'];
  /**
   * What the dataset still lacks after the first frame: the status of its pending cell-years
   * and cell-months ('loading' / 'failed'), null once each is complete.
   */
  dataPending?: { cellYears: string | null; cellMonths: string | null };
  /** The timeline frame drawn (step, next step, tween t, playing, granularity). */
  timeline?: {
    step: number;
    next: number;
    t: number;
    playing: boolean;
    granularity: 'year' | 'month';
  };
}

declare global {
  interface Window {
    __atlas?: AtlasHooks;
  }
}

interface Hover {
  x: number;
  y: number;
  text: string;
}

const NO_COUNTRIES: readonly string[] = [];

export interface MapHostProps {
  style: StyleSpecification;
  onReady: (api: MapApi) => void;
  /** Called once, after the map's first frame. */
  onFirstFrame?: () => void;
  /** Rendered over the map (notices). */
  children?: ReactNode;
}

/** The map with its layers, legend, tooltip and overlays. */
export const MapHost = memo(function MapHost(props: MapHostProps) {
  const state = useAtlas((s) => s);
  const dispatch = useDispatch();
  const { data, basemap } = useData();
  const features = useFeatures();
  // While the map is snapshotted for an export the layers are built for factor 1.
  const [exporting, setExporting] = useState(false);
  const view = useMapView(state, exporting);
  const ctx = useMemo<FeatureContext>(
    () => ({ data, basemap, view, dispatch }),
    [data, basemap, view, dispatch],
  );
  const inWorld = state.world !== null;
  const maps = useFeatureMaps(features, ctx).map((m, i) =>
    scopeToView(features[i]?.id ?? '', m, inWorld),
  );

  const dynamic = useStableList(stackLayers(maps));
  const staticLayers = useStableList(stackLayers(maps, ['static']));
  const legend = useStableList(maps.flatMap((m) => m.legend));
  const picks = useMemo(
    () => pickHandlers(maps),
    // The handlers change with the features' outputs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    maps,
  );

  const { mission, year, perpetrator, layers, month } = state;
  const featureKeys = maps.flatMap((m) => (m.renderKey ? [m.renderKey] : [])).join(':');
  const countsKey = JSON.stringify(renderCounts(maps));
  // A story being presented hides compare (its scenes set the view).
  const comparing = state.compare !== null && state.story === null;
  const cmpRules = comparing && state.compare?.rules != null;
  const cmpYear = comparing && !cmpRules ? (state.compare?.year ?? null) : null;
  const suffix = `${month !== null ? `:m${month}` : ''}${view.frame.t > 0 ? ':tween' : ''}${cmpYear !== null ? `:cmp${cmpYear}` : ''}${cmpRules ? ':cmprules' : ''}`;
  const renderTag = useMemo<RenderTag>(
    () => ({
      key: `${mission}:${year}:${perpetrator}:${LAYER_KEYS.map((k) => (layers[k] ? 1 : 0)).join('')}${suffix}${featureKeys ? `:${featureKeys}` : ''}`,
      counts: JSON.parse(countsKey) as Record<string, number>,
    }),
    [mission, year, perpetrator, layers, suffix, featureKeys, countsKey],
  );

  // Test hooks.
  const { frame, granularity } = view;
  const playing = state.playback.playing;
  useEffect(() => {
    window.__atlas = { ...(window.__atlas ?? { rendered: null, frames: 0 }), state };
  }, [state]);
  useEffect(() => {
    window.__atlas = {
      ...(window.__atlas ?? { rendered: null, frames: 0, state }),
      timeline: { step: frame.step, next: frame.next, t: frame.t, playing, granularity },
    };
  }, [frame, playing, granularity, state]);
  const dataset = data.dataset;
  useEffect(() => {
    window.__atlas = {
      ...(window.__atlas ?? { rendered: null, frames: 0, state }),
      dataPending: {
        cellYears: dataset.cellYearsPending?.status ?? null,
        cellMonths: dataset.cellMonthsPending?.status ?? null,
      },
    };
    // The state is only the fallback of a first write.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dataset]);
  const firstFrame = useRef(props.onFirstFrame);
  const onRendered = useCallback((tag: RenderTag, at: number) => {
    const h = window.__atlas;
    if (h) {
      h.frames++;
      h.firstFrameAt ??= at;
      if (h.rendered?.key !== tag.key) h.rendered = { ...tag, at };
    }
    const first = firstFrame.current;
    firstFrame.current = undefined;
    first?.();
  }, []);
  const onIdle = useCallback((idle: boolean) => {
    const h = window.__atlas;
    if (h) h.idle = idle;
  }, []);
  const { onReady } = props;
  const onMapReady = useCallback(
    (api: MapApi) => {
      window.__atlas = {
        ...(window.__atlas ?? { rendered: null, frames: 0, state }),
        project: api.project,
        layerScale: api.layerScale,
        redraw: api.redraw,
      };
      onReady(api);
    },
    // The hooks object only needs some state to exist; the latest is written by the effect above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [onReady],
  );

  // Compare: the comparison side's layers (src/ui/features/compareSide.tsx).
  const [side, setSide] = useState<CompareMaps | null>(null);
  const sideRef = useRef(side);
  useEffect(() => {
    sideRef.current = side;
    const h = window.__atlas;
    if (h && !side) h.compareRendered = null;
  });
  const onCompareRendered = useCallback((tag: RenderTag, at: number) => {
    const h = window.__atlas;
    if (h && h.compareRendered?.key !== tag.key) h.compareRendered = { ...tag, at };
  }, []);

  const [hover, setHover] = useState<Hover | null>(null);
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  });
  const onClick = useCallback(
    (info: PickingInfo) => {
      const h = info.layer && info.object ? picks.get(info.layer.id) : undefined;
      const action = h?.click ? h.click(info.object, viewRef.current) : null;
      dispatch(action ?? { type: 'select', selection: null });
    },
    [picks, dispatch],
  );
  const onHover = useCallback(
    (info: PickingInfo) => {
      const h = info.layer && info.object ? picks.get(info.layer.id) : undefined;
      const text = h?.hover ? h.hover(info.object, viewRef.current) : null;
      setHover(text === null ? null : { x: info.x, y: info.y, text });
    },
    [picks],
  );
  const onCompareClick = useCallback(
    (info: PickingInfo) => {
      const s = sideRef.current;
      const h = s && info.layer && info.object ? s.picks.get(info.layer.id) : undefined;
      const action = s && h?.click ? h.click(info.object, s.view) : null;
      dispatch(action ?? { type: 'select', selection: null });
    },
    [dispatch],
  );
  const onCompareHover = useCallback((info: PickingInfo) => {
    const s = sideRef.current;
    const h = s && info.layer && info.object ? s.picks.get(info.layer.id) : undefined;
    const text = s && h?.hover ? h.hover(info.object, s.view) : null;
    setHover(text === null ? null : { x: info.x, y: info.y, text });
  }, []);
  const onCameraChange = useCallback(
    (camera: { lon: number; lat: number; zoom: number }) => dispatch({ type: 'setCamera', camera }),
    [dispatch],
  );

  const mine = data.sel.basesOf(mission, year).length;
  const ariaLabel = `Map of ${mission} in ${year}: ${renderTag.counts.cells ?? 0} cells with one-sided violence, ${mine} ${mission} bases.`;
  const compareNote =
    cmpYear !== null
      ? ` Compare: ${year} left of the divider, ${cmpYear} right of it.`
      : cmpRules
        ? ` Compare: ${year} under lag rules A left of the divider, rules B right of it.`
        : '';
  const presenting = state.story !== null;
  const motion = presenting ? (state.playback.reducedMotion ? 'jump' : 'fly') : 'ease';

  return (
    <LegendProvider sections={legend}>
      <AtlasMap
        style={props.style}
        layers={dynamic as Layer[]}
        staticLayers={staticLayers as Layer[]}
        camera={state.camera}
        fitBounds={data.sel.mission(mission)?.bbox ?? null}
        onCameraChange={onCameraChange}
        onClick={onClick}
        onHover={onHover}
        renderTag={renderTag}
        onRendered={onRendered}
        onReady={onMapReady}
        onIdle={onIdle}
        ariaLabel={ariaLabel + compareNote}
        motion={motion}
        uiZoom={view.uiZoom}
        onExporting={setExporting}
        compareLayers={side?.layers as Layer[] | undefined}
        split={comparing && state.compare && side ? state.compare.split : null}
        compareTag={side?.tag}
        onCompareRendered={onCompareRendered}
        onCompareClick={onCompareClick}
        onCompareHover={onCompareHover}
        noDataCountries={layers.noData && !inWorld ? view.missing : NO_COUNTRIES}
      />
      {comparing ? <CompareSide features={features} onChange={setSide} /> : null}
      {features.map((f) => (f.Overlay ? <f.Overlay key={f.id} /> : null))}
      {props.children}
      <Legend sections={legend} />
      {hover ? (
        <div className="tooltip" style={{ left: hover.x + 12, top: hover.y + 12 }} aria-hidden>
          {hover.text}
        </div>
      ) : null}
    </LegendProvider>
  );
});
