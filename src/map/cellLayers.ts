/**
 * The violence cells as deck.gl binary attributes: the PRIO-GRID squares of a year (or of a
 * step pair) written once into flat typed arrays — positions, per-vertex fill colours from the
 * precomputed class palette — and handed to a SolidPolygonLayer as `data.attributes`, so that
 * deck.gl calls no accessor per cell. While tweening, a frame writes the blended colours into one
 * of two preallocated buffers (alternating, so deck.gl sees a new buffer and uploads it; nothing
 * is allocated per frame). Picking gives the cell (`CellPickLayer`): the viewer's handlers read
 * the same objects as with row data.
 */
import { PathLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { GetPickingInfoParams, PickingInfo } from '@deck.gl/core';
import { cellOrigin, CELL_DEG } from '../domain/grid';
import { ease, lerp } from '../domain/timeline';
import type { CellView } from '../data/selectors';
import type { CellTween } from '../data/timelineSelectors';
import { LAYER_IDS } from './layers';
import { VIOLENCE_RGBA, violenceClass, type RGBA } from './scales';

/** Vertices per cell: a closed square ring (south-west, south-east, north-east, north-west, SW). */
export const CELL_VERTICES = 5;

/** The cells of a layer as flat buffers (one entry per cell, {@link CELL_VERTICES} vertices each). */
export interface CellGeometry<T> {
  /** The cells, in buffer order (what picking gives back). */
  cells: readonly T[];
  /** Vertex index where each cell's ring starts. */
  startIndices: Uint32Array;
  /** lon, lat per vertex. */
  positions: Float64Array;
}

/** The squares of `cells` (by `gid`) as flat buffers. */
export function cellGeometry<T extends { gid: number }>(cells: readonly T[]): CellGeometry<T> {
  const n = cells.length;
  const startIndices = new Uint32Array(n);
  const positions = new Float64Array(n * CELL_VERTICES * 2);
  for (let k = 0; k < n; k++) {
    startIndices[k] = k * CELL_VERTICES;
    const [w, s] = cellOrigin(cells[k]!.gid);
    const e = w + CELL_DEG;
    const nn = s + CELL_DEG;
    const p = k * CELL_VERTICES * 2;
    positions[p] = w;
    positions[p + 1] = s;
    positions[p + 2] = e;
    positions[p + 3] = s;
    positions[p + 4] = e;
    positions[p + 5] = nn;
    positions[p + 6] = w;
    positions[p + 7] = nn;
    positions[p + 8] = w;
    positions[p + 9] = s;
  }
  return { cells, startIndices, positions };
}

/** Writes one RGBA colour to every vertex of cell k. */
function fillCell(out: Uint8Array, k: number, r: number, g: number, b: number, a: number): void {
  for (let v = 0, o = k * CELL_VERTICES * 4; v < CELL_VERTICES; v++, o += 4) {
    out[o] = r;
    out[o + 1] = g;
    out[o + 2] = b;
    out[o + 3] = a;
  }
}

/** Per-vertex fill colours of the cells by fatality class (transparent below 1). */
export function cellColors(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * CELL_VERTICES * 4);
  for (let k = 0; k < values.length; k++) {
    const c = classColor(values[k]!);
    if (c) fillCell(out, k, c[0], c[1], c[2], c[3]);
  }
  return out;
}

/**
 * A SolidPolygonLayer whose picking gives the cell object (binary data has no objects of its
 * own): `data.cells[index]`.
 */
export class CellPickLayer<T> extends SolidPolygonLayer<T> {
  static override layerName = 'CellPickLayer';
  override getPickingInfo(params: GetPickingInfoParams): PickingInfo<T> {
    const info = super.getPickingInfo(params) as PickingInfo<T>;
    const cells = (this.props.data as unknown as { cells?: readonly T[] }).cells;
    if (info.index >= 0 && cells) info.object = cells[info.index];
    return info;
  }
}

/** The binary `data` of a cell layer: its geometry plus the given per-vertex colours. */
function binaryData<T>(g: CellGeometry<T>, colors: Uint8Array) {
  return {
    length: g.cells.length,
    startIndices: g.startIndices,
    cells: g.cells,
    attributes: {
      getPolygon: { value: g.positions, size: 2 as const },
      getFillColor: { value: colors, size: 4 as const, normalized: true as const },
    },
  };
}

/** What {@link violenceCellLayers} draws: the year's cells, their geometry and colours. */
export interface CellBuffers {
  geometry: CellGeometry<CellView>;
  colors: Uint8Array;
}

/** Buffers of a year's cells (memoize per cell list: the list is stable per year and filter). */
export function cellBuffers(cells: readonly CellView[]): CellBuffers {
  return {
    geometry: cellGeometry(cells),
    colors: cellColors(cells.map((c) => c.value)),
  };
}

/**
 * The violence cells of the year from binary attributes (id `LAYER_IDS.violence`, pickable),
 * and their hairline outlines (a PathLayer over the same positions; not pickable).
 */
export function violenceCellLayers(b: CellBuffers): [CellPickLayer<CellView>, PathLayer] {
  const { geometry: g } = b;
  return [
    new CellPickLayer<CellView>({
      id: LAYER_IDS.violence,
      data: binaryData(g, b.colors) as never,
      _normalize: false,
      filled: true,
      pickable: true,
      autoHighlight: true,
      highlightColor: [0, 0, 0, 50],
    }),
    new PathLayer({
      id: LAYER_IDS.violenceOutline,
      data: {
        length: g.cells.length,
        startIndices: g.startIndices,
        attributes: { getPath: { value: g.positions, size: 2 } },
      } as never,
      _pathType: 'open',
      getColor: [120, 40, 20, 90],
      widthUnits: 'pixels',
      getWidth: 0.5,
      pickable: false,
    }),
  ];
}

/** A per-vertex colour attribute as deck.gl takes it. */
interface ColorAttribute {
  value: Uint8Array;
  size: 4;
  normalized: true;
}

/** Tween buffers of a step pair: geometry, the classes' colours at both ends, two frame buffers. */
export interface CellTweenBuffers {
  geometry: CellGeometry<CellTween>;
  /** RGBA of each cell now and next (alpha 0 where absent). */
  from: Uint8Array;
  to: Uint8Array;
  /** Whether each cell is drawn now (1), next (2) or both (3). */
  present: Uint8Array;
  /** Two frame colour attributes, written alternately. */
  frames: [ColorAttribute, ColorAttribute];
  /** The frame written last (0 or 1). */
  last: number;
  /**
   * The layer's `data`, the same object for every frame of the pair (so deck.gl never
   * tessellates again): a frame only points its `getFillColor` at the frame just written.
   */
  data: ReturnType<typeof binaryData<CellTween>>;
}

/** Buffers of a step pair (memoize per pair list). */
export function cellTweenBuffers(cells: readonly CellTween[]): CellTweenBuffers {
  const n = cells.length;
  const from = new Uint8Array(n * 4);
  const to = new Uint8Array(n * 4);
  const present = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const c = cells[k]!;
    const a = classColor(c.from);
    const b = classColor(c.to);
    if (a) from.set(a, k * 4);
    if (b) to.set(b, k * 4);
    present[k] = (a ? 1 : 0) | (b ? 2 : 0);
  }
  const size = n * CELL_VERTICES * 4;
  const frame = (): ColorAttribute => ({ value: new Uint8Array(size), size: 4, normalized: true });
  const frames: [ColorAttribute, ColorAttribute] = [frame(), frame()];
  const geometry = cellGeometry(cells);
  return {
    geometry,
    from,
    to,
    present,
    frames,
    last: 1,
    data: binaryData(geometry, frames[1].value),
  };
}

/** The class colour of a fatality count, undefined below the first class (not drawn). */
function classColor(v: number | null): Readonly<RGBA> | undefined {
  const i = v === null ? -1 : violenceClass(v);
  return i < 0 ? undefined : VIOLENCE_RGBA[i];
}

/**
 * Writes the colours of tween `t` into the next frame buffer and returns it: a cell in both
 * steps changes colour from its class now to its class next; one that appears fades in, one that
 * disappears fades out (as `cellTweenColorInto`). Allocates nothing.
 */
export function tweenColorsInto(b: CellTweenBuffers, t: number): Uint8Array {
  const e = ease(t);
  const i = b.last === 0 ? 1 : 0;
  b.last = i;
  const frame = b.frames[i];
  const out = frame.value;
  const { from, to, present } = b;
  for (let k = 0; k < present.length; k++) {
    const p = present[k]!;
    const o = k * 4;
    if (p === 3)
      fillCell(
        out,
        k,
        Math.round(lerp(from[o]!, to[o]!, e)),
        Math.round(lerp(from[o + 1]!, to[o + 1]!, e)),
        Math.round(lerp(from[o + 2]!, to[o + 2]!, e)),
        Math.round(lerp(from[o + 3]!, to[o + 3]!, e)),
      );
    else if (p === 1)
      fillCell(out, k, from[o]!, from[o + 1]!, from[o + 2]!, Math.round(from[o + 3]! * (1 - e)));
    else if (p === 2) fillCell(out, k, to[o]!, to[o + 1]!, to[o + 2]!, Math.round(to[o + 3]! * e));
    else fillCell(out, k, 0, 0, 0, 0);
  }
  b.data.attributes.getFillColor = frame;
  return out;
}

/**
 * The violence cells between two steps at tween `t` (id `LAYER_IDS.violence`, pickable): stable
 * geometry, the frame's colours as a binary attribute, no outline (a cell outline is a path per cell, the most expensive part of a frame under
 * software rendering, and invisible in motion).
 */
export function tweenedCellLayer(b: CellTweenBuffers, t: number): CellPickLayer<CellTween> {
  tweenColorsInto(b, t);
  return new CellPickLayer<CellTween>({
    id: LAYER_IDS.violence,
    data: b.data as never,
    updateTriggers: { getFillColor: [t] },
    _normalize: false,
    filled: true,
    pickable: true,
    autoHighlight: true,
    highlightColor: [0, 0, 0, 50],
  });
}
