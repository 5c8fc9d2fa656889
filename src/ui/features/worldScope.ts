/**
 * What the World view draws: every mission's bases (the bases, roles and world features) and the
 * basemap's names — nothing of the mission the user came from (its violence cells, no-data
 * countries, base changes, lag flags, coverage marks, hotspots, highlights), which would read as
 * if they belonged to the world map. Those features' layers stay in the stack with deck.gl's
 * `visible: false` (never left out: a finalized layer must not come back) and leave the legend.
 */
import type { Layer } from '@deck.gl/core';
import type { FeatureMap } from './contract';

/** The features whose layers and legend the World view keeps. */
export const WORLD_FEATURE_IDS: ReadonlySet<string> = new Set([
  'bases',
  'roles',
  'world',
  'places',
]);

const hidden = new WeakMap<Layer, Layer>();

/** The same hidden copy of `layer` every time (a stable layer list while nothing changes). */
function hide(layer: Layer): Layer {
  if (!layer.props.visible) return layer;
  const known = hidden.get(layer);
  if (known) return known;
  const h = layer.clone({ visible: false });
  hidden.set(layer, h);
  return h;
}

const scoped = new WeakMap<FeatureMap, FeatureMap>();

/**
 * A feature's map contribution as the view shows it: unchanged in the mission view and for the
 * World view's own features; in the World view another feature's layers hidden, its legend,
 * picking and render key dropped (its counts kept, so a test still sees what it computed).
 * The same input gives the same output object.
 */
export function scopeToView(id: string, map: FeatureMap, world: boolean): FeatureMap {
  if (!world || WORLD_FEATURE_IDS.has(id)) return map;
  let out = scoped.get(map);
  if (!out) {
    const layers: FeatureMap['layers'] = {};
    for (const [slot, list] of Object.entries(map.layers) as [
      keyof FeatureMap['layers'],
      readonly Layer[] | undefined,
    ][])
      if (list) layers[slot] = list.map(hide);
    out = { ...map, layers, legend: [], pick: {}, renderKey: undefined };
    scoped.set(map, out);
  }
  return out;
}
