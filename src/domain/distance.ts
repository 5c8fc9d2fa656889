/**
 * Great-circle distance in kilometres, the one distance of the coverage view and of the lag
 * analysis's reach in kilometres: turf's `distance` (haversine on the mean Earth radius
 * 6,371.0088 km). Its own module so that both import it without depending on each other.
 */
import { distance } from '@turf/turf';

/** Great-circle distance in km between two [lon, lat] points (turf, haversine). */
export function greatCircleKm(a: readonly [number, number], b: readonly [number, number]): number {
  return distance(a as [number, number], b as [number, number], { units: 'kilometers' });
}
