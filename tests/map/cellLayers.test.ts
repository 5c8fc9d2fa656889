import { describe, expect, it } from 'vitest';
import {
  CELL_VERTICES,
  cellBuffers,
  cellGeometry,
  cellTweenBuffers,
  tweenColorsInto,
  tweenedCellLayer,
  violenceCellLayers,
} from '../../src/map/cellLayers';
import { cellTweenColor } from '../../src/map/changeLayers';
import { LAYER_IDS } from '../../src/map/layers';
import { hexToRgba } from '../../src/map/scales';
import type { CellView } from '../../src/data/selectors';
import { estimate } from '../fixtures/factories';

/** The colour of vertex v of cell k in a per-vertex RGBA buffer. */
const vertexColor = (buf: Uint8Array, k: number, v = 0): number[] => [
  ...buf.subarray((k * CELL_VERTICES + v) * 4, (k * CELL_VERTICES + v) * 4 + 4),
];

const view = (gid: number, value: number) =>
  ({ gid, value, estimate: estimate(value), cell: null }) as unknown as CellView;

describe('cell geometry as flat buffers', () => {
  it('writes each cell as a closed half-degree square', () => {
    // gid 1 is the cell at lon −180…−179.5, lat −90…−89.5 (PRIO-GRID numbers from the south-west).
    const g = cellGeometry([{ gid: 1 }, { gid: 2 }]);
    expect([...g.startIndices]).toEqual([0, 5]);
    expect([...g.positions.subarray(0, 10)]).toEqual([
      -180, -90, -179.5, -90, -179.5, -89.5, -180, -89.5, -180, -90,
    ]);
    // gid 2: one column east.
    expect([...g.positions.subarray(10, 12)]).toEqual([-179.5, -90]);
  });
});

describe('violenceCellLayers (binary attributes)', () => {
  const cells = [view(1, 7), view(2, 600)];
  const b = cellBuffers(cells);

  it('fills every vertex with the class colour of the cell', () => {
    // 7 killed: class 5–9, the second colour (#fed976); 600: class 500+ (#800026); alpha 210.
    for (let v = 0; v < CELL_VERTICES; v++) {
      expect(vertexColor(b.colors, 0, v)).toEqual(hexToRgba('#fed976', 210));
      expect(vertexColor(b.colors, 1, v)).toEqual(hexToRgba('#800026', 210));
    }
  });

  it('keeps the layer id, picking and the outline', () => {
    const [fill, outline] = violenceCellLayers(b);
    expect(fill.id).toBe(LAYER_IDS.violence);
    expect(fill.props.pickable).toBe(true);
    const data = fill.props.data as unknown as {
      length: number;
      cells: CellView[];
      attributes: { getFillColor: { value: Uint8Array; size: number } };
    };
    expect(data.length).toBe(2);
    expect(data.cells).toBe(cells);
    expect(data.attributes.getFillColor).toMatchObject({ value: b.colors, size: 4 });
    expect(outline.props.pickable).toBe(false);
  });
});

describe('tweenedCellLayer', () => {
  // gid 1 stays (10 → 30), gid 2 leaves (30 → none), gid 3 arrives (none → 60).
  const pairs = [
    { gid: 1, value: 10, from: 10, to: 30 },
    { gid: 2, value: 30, from: 30, to: null },
    { gid: 3, value: 60, from: null, to: 60 },
  ];

  it('blends as cellTweenColor does, for every vertex', () => {
    const b = cellTweenBuffers(pairs);
    const out = tweenColorsInto(b, 0.3);
    pairs.forEach((p, k) => {
      for (let v = 0; v < CELL_VERTICES; v++)
        expect(vertexColor(out, k, v)).toEqual(cellTweenColor(p.from, p.to, 0.3));
    });
  });

  it('alternates two preallocated buffers and keeps the same data object', () => {
    const b = cellTweenBuffers(pairs);
    const l1 = tweenedCellLayer(b, 0.25);
    const a1 = (l1.props.data as unknown as typeof b.data).attributes.getFillColor;
    const l2 = tweenedCellLayer(b, 0.5);
    const a2 = (l2.props.data as unknown as typeof b.data).attributes.getFillColor;
    const l3 = tweenedCellLayer(b, 0.75);
    const a3 = (l3.props.data as unknown as typeof b.data).attributes.getFillColor;
    expect(l2.props.data).toBe(l1.props.data);
    expect(a2).not.toBe(a1);
    expect(a3).toBe(a1);
    expect(l3.props.updateTriggers).toMatchObject({ getFillColor: [0.75] });
    expect(l3.id).toBe(LAYER_IDS.violence);
    expect(vertexColor(a3.value, 1)).toEqual(cellTweenColor(30, null, 0.75));
  });
});
