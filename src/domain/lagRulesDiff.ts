/**
 * Which findings depend on the lag rules: the cells flagged by one run of the lag analysis
 * against those flagged by another run on the same grid (compare, rules mode). A cell is
 * "flagged" when it has at least one flagged episode over the whole analysis (the summary's
 * `flaggedCells`); the comparison is by cell id.
 */
import type { LagResult } from './lagTypes';

/** Flagged cells of run A against run B. */
export interface FlaggedCellsDiff {
  /** Cells flagged under both rule sets. */
  both: number;
  /** Cells flagged under A only (ascending id). */
  onlyA: number[];
  /** Cells flagged under B only (ascending id). */
  onlyB: number[];
}

/** The flagged cells of `a` against those of `b` (same mission and grid). */
export function diffFlaggedCells(a: LagResult, b: LagResult): FlaggedCellsDiff {
  const ga = new Set(a.summary.flaggedCells.map((f) => f.gid));
  const gb = new Set(b.summary.flaggedCells.map((f) => f.gid));
  const onlyA = [...ga].filter((g) => !gb.has(g)).sort((x, y) => x - y);
  const onlyB = [...gb].filter((g) => !ga.has(g)).sort((x, y) => x - y);
  return { both: ga.size - onlyA.length, onlyA, onlyB };
}
