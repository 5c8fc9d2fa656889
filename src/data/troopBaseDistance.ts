/**
 * Distance from a cell to the nearest base with troops in a year — needs only the deployments
 * (not the events table), so the gap list and a cell's details can show it at once. The same
 * nearest-base search as the coverage view (`nearestBaseIndex`, exact great-circle km, turf);
 * one index per mission-year, built on first use.
 */
import { nearestBaseIndex, troopBasesByYear, type NearestBaseIndex } from '../domain/coverage';
import type { Dataset } from '../domain/dataset';
import { cellCentroid } from '../domain/grid';

/** Distance from a point to the nearest troop base of a year. */
export interface NearestTroopBase {
  km: number;
  baseId: string;
  /** Geo-PKO location name. */
  name: string;
}

export interface TroopBaseDistances {
  /**
   * The nearest base of `mission` with a known troop figure above zero in `year` to the centre of
   * cell `gid`; null when the mission has no such base that year (or is unknown).
   */
  cellDistance(mission: string, year: number, gid: number): NearestTroopBase | null;
  /** The same from a point [lon, lat]. */
  pointDistance(mission: string, year: number, lon: number, lat: number): NearestTroopBase | null;
}

/** The troop-base distances of a dataset. */
export function createTroopBaseDistances(
  dataset: Pick<Dataset, 'bases' | 'baseYears'>,
): TroopBaseDistances {
  const names = new Map(dataset.bases.map((b) => [b.id, b.location]));
  const byMission = new Map<string, ReturnType<typeof troopBasesByYear>>();
  const indexes = new Map<string, NearestBaseIndex>();
  const indexOf = (mission: string, year: number): NearestBaseIndex => {
    const key = `${mission}|${year}`;
    let idx = indexes.get(key);
    if (!idx) {
      let years = byMission.get(mission);
      if (!years) byMission.set(mission, (years = troopBasesByYear(dataset.baseYears, mission)));
      indexes.set(key, (idx = nearestBaseIndex(years.get(year) ?? [])));
    }
    return idx;
  };
  const pointDistance = (
    mission: string,
    year: number,
    lon: number,
    lat: number,
  ): NearestTroopBase | null => {
    const hit = indexOf(mission, year).nearest(lon, lat);
    if (!hit) return null;
    return {
      km: hit.km,
      baseId: hit.base.baseId,
      name: names.get(hit.base.baseId) ?? hit.base.baseId,
    };
  };
  return {
    pointDistance,
    cellDistance: (mission, year, gid) => {
      const [lon, lat] = cellCentroid(gid);
      return pointDistance(mission, year, lon, lat);
    },
  };
}
