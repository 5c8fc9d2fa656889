/**
 * The main figures of one run of the lag analysis, as the side-by-side tables show them (the
 * Grid comparison, PRIO-GRID vs H3; compare's rules A vs B): label and formatted value, over the
 * whole mission.
 */
import type { LagResult } from '../../domain/lagTypes';
import { fmt } from '../format';

function pct(x: number | null): string {
  return x === null ? 'not computed' : `${Math.round(x * 100)} %`;
}

/** Episodes, flagged cells, response rate and median lag of a run, formatted (table rows). */
export function runFigures(r: LagResult): readonly (readonly [string, string])[] {
  const s = r.summary;
  return [
    ['Episodes', fmt(s.episodes)],
    ['Flagged cells', fmt(s.flaggedCells.length)],
    ['Response rate', pct(s.responseRate)],
    ['Median lag', s.medianLag === null ? 'none responded' : `${fmt(s.medianLag)} y`],
  ] as const;
}
