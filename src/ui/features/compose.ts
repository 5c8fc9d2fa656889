/**
 * How the atlas composes its features: the view they all see, their map hooks in order, their
 * layers stacked by slot, their pick handlers by layer id, their render counts. Pure functions
 * plus two hooks; `MapHost` draws the result.
 */
import type { Layer } from '@deck.gl/core';
import { useEffect, useMemo, useRef } from 'react';
import { missionColor } from '../../map/scales';
import type { AppState } from '../../state/state';
import { frameOfState, granularityOf, type StepFrame } from '../../state/timeline';
import { useData } from '../dataContext';
import { useUiZoom } from '../useUiZoom';
import {
  LAYER_SLOTS,
  type Feature,
  type FeatureContext,
  type FeatureMap,
  type LayerSlot,
  type MapView,
  type PickHandler,
} from './contract';

const DRAWN_SLOTS: readonly LayerSlot[] = LAYER_SLOTS.filter((s) => s !== 'static');

/** The features' layers, bottom to top: slot by slot, features in list order within a slot. */
export function stackLayers(
  maps: readonly FeatureMap[],
  slots: readonly LayerSlot[] = DRAWN_SLOTS,
): Layer[] {
  return slots.flatMap((slot) => maps.flatMap((m) => (m.layers[slot] ?? []) as Layer[]));
}

/** Pick handlers by layer id (a later feature cannot take over an earlier one's layer id). */
export function pickHandlers(maps: readonly FeatureMap[]): Map<string, PickHandler> {
  const out = new Map<string, PickHandler>();
  for (const m of maps)
    for (const [id, h] of Object.entries(m.pick)) if (!out.has(id)) out.set(id, h);
  return out;
}

/** The counts the features report with the render tag, merged. */
export function renderCounts(maps: readonly FeatureMap[]): Record<string, number> {
  return Object.assign({}, ...maps.map((m) => m.counts ?? {})) as Record<string, number>;
}

/**
 * The view every feature sees, derived once per render. `exporting`: a snapshot of the map is
 * being taken, so the large-screen factor is 1 (exports keep their sizes).
 */
export function useMapView(state: AppState, exporting = false): MapView {
  const { data } = useData();
  const { sel } = data;
  const missions = sel.missions;
  const f = frameOfState(state, missions);
  const frame = useMemo<StepFrame>(
    () => ({ index: f.index, step: f.step, next: f.next, t: f.t }),
    [f.index, f.step, f.next, f.t],
  );
  const coverage = sel.missionCoverage(state.mission, state.year);
  const otherIds = sel.nearbyMissions(state.mission, state.year);
  const screenZoom = useUiZoom();
  const uiZoom = exporting ? 1 : screenZoom;
  const others = useMemo(
    () => otherIds.map((id) => ({ id, color: missionColor(id, state.mission, sel.missionSlots) })),
    [otherIds, state.mission, sel.missionSlots],
  );
  return useMemo(
    () => ({
      state,
      frame,
      granularity: granularityOf(state),
      covered: coverage.covered,
      missing: coverage.missing,
      others,
      otherIds,
      uiZoom,
    }),
    [state, frame, coverage, others, otherIds, uiZoom],
  );
}

/** Every feature's map contribution (hooks called in the fixed order of the feature list). */
export function useFeatureMaps(features: readonly Feature[], ctx: FeatureContext): FeatureMap[] {
  // The list is a frozen module constant (FEATURES), so the hooks run in the same order on every
  // render, which is what the rules of hooks require.
  return features.map((f) => f.useMap(ctx));
}

/**
 * Layers shown or hidden with deck.gl's `visible` prop instead of being left out: a layer left
 * out is finalized, and passing the same (memoized) instance again later would make deck.gl
 * re-initialise a finalized layer. New copies are made only when the layers or `visible` change.
 */
export function useVisible(
  layers: readonly (Layer | null | undefined)[],
  visible: boolean,
): readonly Layer[] {
  return useMemo(
    () =>
      layers
        .filter((l): l is Layer => l != null)
        .map((l) => (l.props.visible === visible ? l : l.clone({ visible }))),
    // The list is compared by its items.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [...layers, visible],
  );
}

/**
 * The same array as last time when its items are the same (`===` item by item), so that props
 * built from lists stay stable across renders (deck.gl then keeps its layers, React its memo).
 */
export function useStableList<T>(items: readonly T[]): readonly T[] {
  const ref = useRef<readonly T[]>(items);
  const prev = ref.current;
  const same = prev.length === items.length && prev.every((x, i) => x === items[i]);
  useEffect(() => {
    if (!same) ref.current = items;
  });
  return same ? prev : items;
}
