/**
 * The feature contract. A feature (violence, bases, changes, lag, story, and the ones to come) is
 * one module that implements {@link Feature}: the map layers it draws in named slots, its legend
 * sections (built by `src/map/legend.ts`, so exports draw the same), its pick handlers keyed by
 * layer id, and optionally side-panel tabs, a section of the cell details and an overlay over the
 * map. A feature reads the store and `src/data` only; the atlas composes the features and never
 * needs to know what any of them draws. See ARCHITECTURE.md, "How to add a layer".
 */
import type { Layer } from '@deck.gl/core';
import type { ComponentType } from 'react';
import type { AtlasData } from '../../data/atlasData';
import type { BasemapData } from '../../data/load';
import type { LegendSection } from '../../map/legend';
import type { Action } from '../../state/reduce';
import type { AppState, PanelTab } from '../../state/state';
import type { Granularity, StepFrame } from '../../state/timeline';

/**
 * Where a feature's layers go, bottom to top: country shading, violence cells, above the cells
 * (flags, change ghosts), the selection outline, bases, on top (markers, highlights), and the
 * static overlay (names: redrawn only when they or the camera change).
 */
export const LAYER_SLOTS = [
  'ground',
  'cells',
  'aboveCells',
  'selection',
  'bases',
  'top',
  'static',
] as const;
export type LayerSlot = (typeof LAYER_SLOTS)[number];

/** What every feature sees of the view, derived once per render by the map host. */
export interface MapView {
  state: AppState;
  /** The clock's frame: step shown, next step, tween 0–1. */
  frame: StepFrame;
  granularity: Granularity;
  /** Host countries of the mission with / without violence data in the year shown. */
  covered: readonly string[];
  missing: readonly string[];
  /** Other missions drawn beside this one and their colours (legend order). */
  others: readonly { id: string; color: string }[];
  /** Their ids (stable array for equal lists). */
  otherIds: readonly string[];
  /**
   * The large-screen factor (1, 1.5 or 2; `--ui-zoom`, src/map/uiScale.ts). The map host draws
   * every layer's pixel-sized text, symbols and line widths this many times as large (deck.gl
   * scale props on the finished layers), so a feature needs it only for what it chooses in
   * pixels itself (e.g. which names fit).
   */
  uiZoom: number;
}

/** Everything a feature's map hook receives. */
export interface FeatureContext {
  data: AtlasData;
  basemap: BasemapData;
  view: MapView;
  dispatch: (a: Action) => void;
}

/** Handlers for the objects of one layer id. */
export interface PickHandler {
  /** The action a click on the object dispatches (null: nothing). */
  click?: (object: unknown, view: MapView) => Action | null;
  /** Tooltip text for the object (null: none). */
  hover?: (object: unknown, view: MapView) => string | null;
}

/** What a feature contributes to the map for the current view. */
export interface FeatureMap {
  /** Layers by slot. Keep layer objects stable (memoized) and switch them with `visible`. */
  layers: Partial<Record<LayerSlot, readonly Layer[]>>;
  /** Legend sections (from `src/map/legend.ts` builders). */
  legend: readonly LegendSection[];
  /** Pick handlers keyed by layer id. */
  pick: Readonly<Record<string, PickHandler>>;
  /** Part of the render tag (`window.__atlas.rendered.key`) that says what the layers show. */
  renderKey?: string;
  /** Counts reported with the render tag (e.g. `{ flags: 12 }`). */
  counts?: Readonly<Record<string, number>>;
}

/** A side-panel tab of a feature. The component reads the store and `src/data` itself. */
export interface FeaturePanel {
  id: PanelTab;
  label: string;
  Component: ComponentType;
}

/** One feature module. */
export interface Feature {
  id: string;
  /** React hook: the feature's layers, legend and picks for the view. */
  useMap: (ctx: FeatureContext) => FeatureMap;
  panels?: readonly FeaturePanel[];
  /** A section shown under a selected cell's details. */
  CellDetail?: ComponentType<{ gid: number }>;
  /** A section shown under a selected base's details. */
  BaseDetail?: ComponentType<{ id: string }>;
  /** Drawn over the map (e.g. the presenter's dock). */
  Overlay?: ComponentType;
}

/** An empty contribution. */
export const NOTHING: FeatureMap = Object.freeze({ layers: {}, legend: [], pick: {} });
