/** Small helpers shared by the features (no React). */
import { monthIndex } from '../../domain/timeline';

/** Zoom the map flies to for a base or a cell (at least this, or the current zoom when closer). */
export const FLY_ZOOM = 7;

/** The timeline step of a year: the year itself, or its month `month` in monthly mode. */
export function yearStep(year: number, month: number | null): number {
  return month === null ? year : monthIndex(year, month);
}
