/**
 * Which lag findings depend on the grid: the cells flagged on PRIO-GRID against those flagged on
 * an H3 grid. A PRIO-GRID cell and an H3 cell **overlap** when the hexagon covers part of the
 * 0.5° square, both read as polygons in the plane of longitude and latitude (the hexagon by its
 * h3-js `cellToBoundary` vertices): the rule of h3-js `polygonToCellsExperimental` with
 * containment "overlapping" (a test checks that both give the same cells). A PRIO-GRID flag "has a
 * flagged H3 cell over it" when a flagged hexagon overlaps its square; an H3 flag "has a flagged
 * PRIO-GRID cell under it" when it overlaps a flagged square.
 *
 * The comparison walks the flagged hexagons only: each hexagon's outline (one h3-js call), the
 * few 0.5° squares under its bounding box, and an exact polygon test against each flagged one —
 * no polygon fill per square.
 */
import { cellToBoundary, POLYGON_TO_CELLS_FLAGS, polygonToCellsExperimental } from 'h3-js';
import { CELL_DEG, cellOrigin, cellPolygon, colOf, GRID_COLS, rowOf } from './grid';
import { h3OfKey, type H3Resolution } from './gridSystem';
import { h3Key } from './h3Grid';

const overlapMemo = new Map<string, number[]>();

/**
 * The H3 cells (keys) of a resolution that overlap a PRIO-GRID cell, ascending, by h3-js's
 * polygon fill (memoized). The reference for {@link hexOverlapsSquare}; the comparison does not
 * use it.
 */
export function h3CellsOverlapping(gid: number, res: H3Resolution): number[] {
  const key = `${res}:${gid}`;
  const hit = overlapMemo.get(key);
  if (hit) return hit;
  const out = fillSquare(gid, res);
  if (overlapMemo.size > 50_000) overlapMemo.clear();
  overlapMemo.set(key, out);
  return out;
}

function fillSquare(gid: number, res: H3Resolution): number[] {
  const ring = cellPolygon(gid);
  return polygonToCellsExperimental(
    [ring],
    res,
    POLYGON_TO_CELLS_FLAGS.containmentOverlapping,
    true,
  )
    .map(h3Key)
    .sort((a, b) => a - b);
}

/** The comparison of two sets of flagged cells. */
export interface GridFlagComparison {
  res: H3Resolution;
  /** Flagged PRIO-GRID cells. */
  prioFlagged: number;
  /** … of which a flagged H3 cell overlaps. */
  prioConfirmed: number;
  /** Flagged H3 cells. */
  h3Flagged: number;
  /** … of which a flagged PRIO-GRID cell lies under. */
  h3Confirmed: number;
  /** PRIO-GRID flags without a flagged hexagon over them (ascending gid). */
  prioOnly: number[];
  /** H3 flags without a flagged PRIO-GRID cell under them (ascending key). */
  h3Only: number[];
}

/** True when the point (lon, lat) lies inside the polygon (ray casting; vertices as [lat, lon]). */
function insidePolygon(poly: readonly (readonly number[])[], lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const yi = poly[i]![0]!;
    const xi = poly[i]![1]!;
    const yj = poly[j]![0]!;
    const xj = poly[j]![1]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when the segments p1–p2 and q1–q2 cross (proper intersection; points as [x, y]). */
function segmentsCross(
  p1x: number,
  p1y: number,
  p2x: number,
  p2y: number,
  q1x: number,
  q1y: number,
  q2x: number,
  q2y: number,
): boolean {
  const d1 = (q2x - q1x) * (p1y - q1y) - (q2y - q1y) * (p1x - q1x);
  const d2 = (q2x - q1x) * (p2y - q1y) - (q2y - q1y) * (p2x - q1x);
  const d3 = (p2x - p1x) * (q1y - p1y) - (p2y - p1y) * (q1x - p1x);
  const d4 = (p2x - p1x) * (q2y - p1y) - (p2y - p1y) * (q2x - p1x);
  return d1 > 0 !== d2 > 0 && d3 > 0 !== d4 > 0;
}

/**
 * True when a hexagon (its `cellToBoundary` vertices, [lat, lon] in degrees, not crossing the
 * antimeridian) overlaps the 0.5° square of `gid`: a vertex of one inside the other, or an edge
 * of one crossing an edge of the other.
 */
export function hexOverlapsSquare(hex: readonly (readonly number[])[], gid: number): boolean {
  const [w, s] = cellOrigin(gid);
  const e = w + CELL_DEG;
  const n = s + CELL_DEG;
  for (const [lat, lon] of hex) if (lat! > s && lat! < n && lon! > w && lon! < e) return true;
  if (insidePolygon(hex, w, s) || insidePolygon(hex, e, n)) return true;
  if (insidePolygon(hex, e, s) || insidePolygon(hex, w, n)) return true;
  const sq = [w, s, e, s, e, n, w, n];
  for (let i = 0, j = hex.length - 1; i < hex.length; j = i++) {
    const ax = hex[j]![1]!;
    const ay = hex[j]![0]!;
    const bx = hex[i]![1]!;
    const by = hex[i]![0]!;
    for (let k = 0; k < 8; k += 2) {
      const m = (k + 2) % 8;
      if (segmentsCross(ax, ay, bx, by, sq[k]!, sq[k + 1]!, sq[m]!, sq[m + 1]!)) return true;
    }
  }
  return false;
}

/**
 * The PRIO-GRID cells (gids, ascending) that the H3 cell `key` overlaps (see the module
 * comment); by the reference polygon fills of the squares around it when its outline crosses
 * the antimeridian.
 */
export function squaresUnderHex(key: number, res: H3Resolution): number[] {
  const hex = cellToBoundary(h3OfKey(key));
  let south = Infinity;
  let north = -Infinity;
  let west = Infinity;
  let east = -Infinity;
  for (const [lat, lon] of hex) {
    south = Math.min(south, lat!);
    north = Math.max(north, lat!);
    west = Math.min(west, lon!);
    east = Math.max(east, lon!);
  }
  const out: number[] = [];
  if (east - west > 180) {
    // Across the antimeridian (no mission there): the squares whose fill holds the hexagon.
    for (let row = rowOf(south); row <= rowOf(north); row++)
      for (const col of [0, 1, GRID_COLS - 2, GRID_COLS - 1]) {
        const gid = row * GRID_COLS + col + 1;
        if (h3CellsOverlapping(gid, res).includes(key)) out.push(gid);
      }
    return out.sort((a, b) => a - b);
  }
  for (let row = rowOf(south); row <= rowOf(north); row++)
    for (let col = colOf(west); col <= colOf(east); col++) {
      const gid = row * GRID_COLS + col + 1;
      if (hexOverlapsSquare(hex, gid)) out.push(gid);
    }
  return out;
}

/**
 * Compares the flagged cells of one analysis on PRIO-GRID (`prio`, gids) and on H3 (`h3`, keys of
 * resolution `res`); duplicates count once.
 */
export function compareFlaggedCells(
  prio: Iterable<number>,
  h3: Iterable<number>,
  res: H3Resolution,
): GridFlagComparison {
  const prioSet = [...new Set(prio)].sort((a, b) => a - b);
  const prioFlags = new Set(prioSet);
  const h3Set = [...new Set(h3)].sort((a, b) => a - b);
  const confirmedPrio = new Set<number>();
  const h3Only: number[] = [];
  for (const k of h3Set) {
    let hit = false;
    for (const gid of squaresUnderHex(k, res))
      if (prioFlags.has(gid)) {
        confirmedPrio.add(gid);
        hit = true;
      }
    if (!hit) h3Only.push(k);
  }
  const prioOnly = prioSet.filter((g) => !confirmedPrio.has(g));
  return {
    res,
    prioFlagged: prioSet.length,
    prioConfirmed: prioSet.length - prioOnly.length,
    h3Flagged: h3Set.length,
    h3Confirmed: h3Set.length - h3Only.length,
    prioOnly,
    h3Only,
  };
}
