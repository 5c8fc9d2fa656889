/**
 * Composes the layer builders into the ordered layer list the map draws, from selected data and
 * the view state. Pure: same inputs, equal layers.
 */
import type { Layer } from '@deck.gl/core';
import type { FeatureCollection } from 'geojson';
import type { BaseView, CellView } from '../data/selectors';
import type { AppState } from '../state/state';
import { basesLayers, noDataLayer, selectedCellLayer, violenceLayer } from './layers';

export interface AtlasLayerInput {
  state: Pick<AppState, 'mission' | 'layers' | 'selection'>;
  cells: readonly CellView[];
  bases: readonly BaseView[];
  countries: FeatureCollection | null;
  /** Host countries of the mission without violence data this year. */
  missing: readonly string[];
  missionIds: readonly string[];
  /** Extra layers (labels, flags, changes) with where they go. */
  extra?: { belowBases?: (Layer | null)[]; top?: (Layer | null)[] };
  /**
   * Replacements of the violence and bases layers (the timeline's tweened / monthly layers);
   * undefined = build them from `cells` / `bases`.
   */
  override?: { violence?: Layer | null; bases?: (Layer | null)[] };
}

/**
 * Order, bottom to top: "no violence data" countries, violence cells, extras below bases (lag
 * flags), selected-cell outline, bases (+ HQ and selection rings), extras on top (labels).
 */
export function atlasLayers(input: AtlasLayerInput): Layer[] {
  const { state } = input;
  const sel = state.selection;
  const layers: (Layer | null)[] = [
    state.layers.noData ? noDataLayer(input.countries, input.missing) : null,
    state.layers.violence
      ? input.override?.violence !== undefined
        ? input.override.violence
        : violenceLayer(input.cells)
      : null,
    ...(input.extra?.belowBases ?? []),
    selectedCellLayer(sel?.kind === 'cell' ? sel.gid : null),
    ...(input.override?.bases !== undefined
      ? input.override.bases
      : state.layers.bases
        ? basesLayers(input.bases, {
            mission: state.mission,
            missionIds: input.missionIds,
            selectedId: sel?.kind === 'base' ? sel.id : null,
          })
        : []),
    ...(input.extra?.top ?? []),
  ];
  return layers.filter((l): l is Layer => l !== null);
}
