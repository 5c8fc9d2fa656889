import type { Layer } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { createSelectors, type BaseView } from '../../src/data/selectors';
import { cellPolygon } from '../../src/domain/grid';
import { LAYER_IDS, baseStyle, basesLayers, drawOrder, hqRingWidth } from '../../src/map/layers';
import { CELL_VERTICES, cellBuffers, violenceCellLayers } from '../../src/map/cellLayers';
import {
  FAR_MISSION_COLOR,
  MISSION_COLOR,
  OTHER_MISSION_COLORS,
  UNKNOWN_TROOPS_COLOR,
  baseRadius,
  hexToRgba,
} from '../../src/map/scales';
import { carCell } from '../fixtures/factories';
import { layersScenario } from '../fixtures/mapScenarios';

/** Calls a layer accessor prop (deck.gl accessors are functions or constants). */
function acc<T>(layer: Layer, prop: string, d: T): unknown {
  const v = (layer.props as unknown as Record<string, unknown>)[prop];
  return typeof v === 'function' ? (v as (x: T) => unknown)(d) : v;
}

const ds = layersScenario();
const bria = ds.bases.find((b) => b.location === 'Bria')!;
const sel = createSelectors(ds);

// The violence cells as the violence feature draws them (binary attributes, src/map/cellLayers.ts;
// the accessor-based violenceLayer these assertions were first written for is gone).
describe('violence cells', () => {
  const cells = sel.cellsOf(2015, 'all', ['Central African Republic']);
  const b = cellBuffers(cells);
  const [layer] = violenceCellLayers(b);
  const data = layer.props.data as unknown as { length: number; cells: typeof cells };
  /** The ring of cell k as [lon, lat] points. */
  const ring = (k: number) =>
    Array.from({ length: CELL_VERTICES }, (_, v) => [
      b.geometry.positions[(k * CELL_VERTICES + v) * 2],
      b.geometry.positions[(k * CELL_VERTICES + v) * 2 + 1],
    ]);
  /** The fill of cell k (its first vertex's colour). */
  const fill = (k: number) => [
    ...b.colors.subarray(k * CELL_VERTICES * 4, k * CELL_VERTICES * 4 + 4),
  ];

  it('draws only cells with at least one death, as PRIO-GRID squares', () => {
    expect(layer.id).toBe(LAYER_IDS.violence);
    expect(data.length).toBe(2);
    expect(ring(0)).toEqual(cellPolygon(cells[0]!.gid));
    expect(layer.props.pickable).toBe(true);
  });

  it('fills by the class of the filtered fatalities', () => {
    const at = (gid: number) => cells.findIndex((c) => c.gid === gid);
    expect(fill(at(carCell(0, 0)))).toEqual(hexToRgba('#fd8d3c', 210));
    expect(fill(at(carCell(2, 2)))).toEqual(hexToRgba('#800026', 210));
    const state = sel.cellsOf(2015, 'state', ['Central African Republic']);
    expect(state.map((c) => c.value).sort((a, b) => a - b)).toEqual([3, 600]);
  });
});

describe('basesLayers', () => {
  const views = sel.basesOfYear(2015);
  const [circles, hq, selected] = basesLayers(views, {
    mission: 'MINUSCA',
    missionIds: ['MINURCAT', 'MINUSCA'],
    missionSlots: new Map([['MINURCAT', 0]]),
    selectedId: bria.id,
  });

  it('draws every base, biggest first, with radius ∝ √troops', () => {
    expect(circles!.id).toBe(LAYER_IDS.bases);
    const data = circles!.props.data as BaseView[];
    expect(data.map((v) => v.base.location)).toEqual(['Bangui', 'Birao', 'Bouar', 'Bria']);
    expect(acc(circles!, 'getRadius', data[0])).toBeCloseTo(baseRadius(2500));
    expect(data).toEqual(drawOrder(views));
  });

  it('draws opaque discs: zero troops white with a ring, unknown troops grey, others in colour', () => {
    const v = (loc: string) => views.find((x) => x.base.location === loc)!;
    const opts = {
      mission: 'MINUSCA',
      missionIds: ['MINURCAT', 'MINUSCA'],
      missionSlots: new Map([['MINURCAT', 1]]),
    };
    expect(baseStyle(v('Bouar'), opts).fill).toEqual([255, 255, 255, 255]);
    expect(baseStyle(v('Bouar'), opts).line).toEqual(hexToRgba(MISSION_COLOR));
    expect(baseStyle(v('Bria'), opts).fill).toEqual(hexToRgba(UNKNOWN_TROOPS_COLOR, 255));
    // Known troops: the mission's own colour, fully opaque (never mixed with the cell below).
    expect(baseStyle(v('Bangui'), opts).fill).toEqual(hexToRgba(MISSION_COLOR, 255));
    expect(baseStyle(v('Birao'), opts).fill).toEqual(hexToRgba(OTHER_MISSION_COLORS[1]!, 255));
    // A mission not drawn beside this one is grey.
    expect(baseStyle(v('Birao'), { ...opts, missionIds: ['MINUSCA'] }).fill).toEqual(
      hexToRgba(FAR_MISSION_COLOR, 255),
    );
  });

  it('rings HQs (thicker for the mission HQ) and the selected base', () => {
    expect(hq!.id).toBe(LAYER_IDS.basesHq);
    const hqData = hq!.props.data as BaseView[];
    expect(hqData.map((v) => v.base.location).sort()).toEqual(['Bangui', 'Bria']);
    expect(hqRingWidth(3)).toBeGreaterThan(hqRingWidth(1));
    expect(hqRingWidth(0)).toBe(0);
    expect((selected!.props.data as BaseView[]).map((v) => v.base.id)).toEqual([bria.id]);
  });
});
