/**
 * The comparison side of compare (src/state/compare.ts): every feature's map hook run a second
 * time, over the state with the comparison year (years mode) or with rules B as its lag
 * parameters (rules mode), so that its layers come from the same features and selectors as the
 * main side's. Mounted by the map host only while compare is on; it renders
 * nothing and hands its layers, picks and render tag up.
 */
import type { Layer } from '@deck.gl/core';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { RenderTag } from '../../map/AtlasMap';
import { compareSideState } from '../../state/compare';
import type { AppState } from '../../state/state';
import { useData } from '../dataContext';
import { useAtlas, useDispatch } from '../store';
import {
  pickHandlers,
  renderCounts,
  stackLayers,
  useFeatureMaps,
  useMapView,
  useStableList,
} from './compose';
import type { Feature, FeatureContext, MapView, PickHandler } from './contract';

/** What the comparison side hands the map host. */
export interface CompareMaps {
  layers: readonly Layer[];
  picks: Map<string, PickHandler>;
  tag: RenderTag;
  view: MapView;
}

/** The state fields the clock moves on every frame; the comparison side does not follow them. */
const CLOCK_FIELDS: ReadonlySet<keyof AppState> = new Set(['playback', 'year']);

/**
 * The comparison side's state, the same object while only the clock moved (a playing timeline
 * moves the main year, never the comparison year). In rules mode the side shows the main year,
 * so a new year rebuilds it (the tween between years is the main side's only).
 */
function useSideState(state: AppState): AppState | null {
  const { data } = useData();
  const missions = data.sel.missions;
  const last = useRef<{ input: AppState; side: AppState | null } | null>(null);
  const prev = last.current;
  const same =
    prev !== null &&
    (Object.keys(state) as (keyof AppState)[]).every(
      (k) =>
        (CLOCK_FIELDS.has(k) && !(k === 'year' && state.compare?.rules)) ||
        prev.input[k] === state[k],
    );
  const side = same && prev ? prev.side : compareSideState(state, missions);
  useEffect(() => {
    if (!same) last.current = { input: state, side };
  });
  return side;
}

const Side = memo(function Side(props: {
  side: AppState;
  features: readonly Feature[];
  onChange: (m: CompareMaps | null) => void;
}) {
  const { data, basemap } = useData();
  const dispatch = useDispatch();
  const view = useMapView(props.side);
  const ctx = useMemo<FeatureContext>(
    () => ({ data, basemap, view, dispatch }),
    [data, basemap, view, dispatch],
  );
  const maps = useFeatureMaps(props.features, ctx);
  const layers = useStableList(stackLayers(maps));
  const picks = useMemo(
    () => pickHandlers(maps),
    // The handlers change with the features' outputs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    maps,
  );
  const { mission, year, perpetrator, compare, lag } = props.side;
  // Rules mode: the tag names the set drawn (θ, r, W, Δ, p, km, initial deployment).
  const rulesKey = compare?.rules
    ? `:rules=${[lag.theta, lag.reach, lag.window, lag.delta, lag.precision, lag.reachKm ?? '-', lag.initialDeployment ? 1 : 0].join(',')}`
    : '';
  const featureKeys = maps.flatMap((m) => (m.renderKey ? [m.renderKey] : [])).join(':');
  const countsKey = JSON.stringify(renderCounts(maps));
  const tag = useMemo<RenderTag>(
    () => ({
      key: `compare:${mission}:${year}:${perpetrator}${rulesKey}${featureKeys ? `:${featureKeys}` : ''}`,
      counts: JSON.parse(countsKey) as Record<string, number>,
    }),
    [mission, year, perpetrator, rulesKey, featureKeys, countsKey],
  );
  const { onChange } = props;
  useEffect(() => {
    onChange({ layers, picks, tag, view });
  }, [layers, picks, tag, view, onChange]);
  useEffect(() => () => onChange(null), [onChange]);
  return null;
});

/** Runs the comparison side while compare is on (renders nothing). */
export const CompareSide = memo(function CompareSide(props: {
  features: readonly Feature[];
  onChange: (m: CompareMaps | null) => void;
}) {
  const state = useAtlas((s) => s);
  const side = useSideState(state);
  return side ? <Side side={side} features={props.features} onChange={props.onChange} /> : null;
});
