/**
 * Which lag findings depend on the grid: the cells flagged on PRIO-GRID against those flagged on
 * an H3 grid. A PRIO-GRID cell and an H3 cell **overlap** when the hexagon covers part of the
 * 0.5° square (h3-js `polygonToCellsExperimental`, containment "overlapping"; the square's edges
 * are read as great-circle arcs, which at 0.5° moves them by metres). A PRIO-GRID flag "has a
 * flagged H3 cell over it" when a flagged hexagon overlaps its square; an H3 flag "has a flagged
 * PRIO-GRID cell under it" when it overlaps a flagged square.
 */
import { POLYGON_TO_CELLS_FLAGS, polygonToCellsExperimental } from 'h3-js';
import { cellPolygon } from './grid';
import type { H3Resolution } from './gridSystem';
import { h3Key } from './h3Grid';

const overlapMemo = new Map<string, number[]>();

/**
 * The H3 cells (keys) of a resolution that overlap a PRIO-GRID cell, ascending (memoized: the
 * polygon fill is the costly step of a comparison).
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
  const h3Set = new Set(h3);
  const underPrioFlags = new Set<number>();
  const prioOnly: number[] = [];
  for (const gid of prioSet) {
    let hit = false;
    for (const k of h3CellsOverlapping(gid, res)) {
      underPrioFlags.add(k);
      if (h3Set.has(k)) hit = true;
    }
    if (!hit) prioOnly.push(gid);
  }
  const h3Only = [...h3Set].filter((k) => !underPrioFlags.has(k)).sort((a, b) => a - b);
  return {
    res,
    prioFlagged: prioSet.length,
    prioConfirmed: prioSet.length - prioOnly.length,
    h3Flagged: h3Set.size,
    h3Confirmed: h3Set.size - h3Only.length,
    prioOnly,
    h3Only,
  };
}
