/**
 * Great-circle distance in kilometres, the one distance of the coverage view and of the lag
 * analysis's reach in kilometres: turf's `distance` (haversine on the mean Earth radius
 * 6,371.0088 km). Its own module so that both import it without depending on each other.
 */
import { distance } from '@turf/turf';

/** Great-circle km per radian: turf's `earthRadius / 1000`, computed as turf computes it. */
const KM_PER_RADIAN = 6371008.8 / 1000;

/** Great-circle distance in km between two [lon, lat] points (turf, haversine). */
export function greatCircleKm(a: readonly [number, number], b: readonly [number, number]): number {
  return distance(a as [number, number], b as [number, number], { units: 'kilometers' });
}

/**
 * The same number as `greatCircleKm([lon1, lat1], [lon2, lat2])`, bit for bit — turf's haversine
 * written out operation by operation, so that hot loops (nearest-base searches over every event)
 * skip turf's argument checks and the two arrays per call; `cosLat1` and `cosLat2` are
 * `Math.cos(radians(lat))` of the two latitudes (computed once per point). A property test holds it
 * equal to turf (tests/domain/sphereIndex.test.ts).
 */
export function haversineKm(
  lon1: number,
  lat1: number,
  cosLat1: number,
  lon2: number,
  lat2: number,
  cosLat2: number,
): number {
  const dLat = (((lat2 - lat1) % 360) * Math.PI) / 180;
  const dLon = (((lon2 - lon1) % 360) * Math.PI) / 180;
  // Math.pow as in turf (not x * x), for the same rounding.
  const a = Math.pow(Math.sin(dLat / 2), 2) + Math.pow(Math.sin(dLon / 2), 2) * cosLat1 * cosLat2;
  return 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)) * KM_PER_RADIAN;
}

/** Degrees to radians as turf computes it (`degreesToRadians`: modulo 360 first). */
export function radians(degrees: number): number {
  return ((degrees % 360) * Math.PI) / 180;
}
