/**
 * A static spatial index of points on the sphere for the coverage view's distance questions
 * ("which troop base is nearest to this event?", "which events lie within X km of this site?"),
 * exact with respect to the one distance of the app, {@link greatCircleKm} (turf, haversine).
 *
 * How: each point becomes a unit vector; the straight-line (chord) distance between unit vectors
 * grows strictly with the great-circle distance (chord = 2 sin(d / 2R)), so the nearest point by
 * chord is the nearest by great circle, and a disc of X km is a ball of chord 2 sin(X / 2R). The
 * vectors sit in a k-d tree (median splits on the axis of widest spread), searched with the usual
 * plane bound (a point beyond a splitting plane is at least as far as the plane). Chords are
 * cheap (no trigonometry per pair). Rounding cannot change an answer: every point whose chord is
 * within a relative 1e-9 of the decisive value (the best chord, or the disc's radius) is settled
 * by turf itself, so the answers equal a brute-force scan with turf — nearest ties go to the
 * point listed first — and the distances reported are turf's. Works across the antimeridian and
 * at the poles. Points with non-finite coordinates are left out.
 */
import { haversineKm, radians } from './distance';

/** The mean Earth radius of turf, km. */
const EARTH_RADIUS_KM = 6371.0088;
/** Leaves hold at most this many points. */
const LEAF = 8;

/** The margin within which chords are settled by turf (relative, plus a floor for zero). */
const slack = (c2: number): number => c2 * (1 + 1e-9) + 1e-20;

/** A point as the index takes it. */
export interface LonLat {
  lon: number;
  lat: number;
}

/** The nearest indexed point and its turf distance. */
export interface NearestHit {
  /** Index of the point in the array the index was built from. */
  index: number;
  km: number;
}

/** See the module comment. */
export interface SphereIndex {
  /** Number of points indexed (finite coordinates). */
  readonly size: number;
  /**
   * The point nearest to [lon, lat] by turf's great-circle distance (ties: the one listed first);
   * null when the index is empty or the query is not a finite point.
   */
  nearest(lon: number, lat: number): NearestHit | null;
  /**
   * {@link nearest} for many queries at once, without an object per answer: for each i, the
   * nearest point to [lons[i], lats[i]] goes to `index[i]` (-1: none) and its turf distance to
   * `km[i]` (NaN: none). The arrays must be at least as long as `lons`.
   */
  nearestEach(
    lons: ArrayLike<number>,
    lats: ArrayLike<number>,
    index: Int32Array,
    km: Float64Array,
  ): void;
  /**
   * Indices of the points whose turf distance from [lon, lat] (that point first) is at most `km`,
   * in no particular order; appended to `out` when given.
   */
  within(lon: number, lat: number, km: number, out?: number[]): number[];
}

/** Builds a {@link SphereIndex} over `points` (kept by reference; do not mutate them). */
export function sphereIndex(points: readonly LonLat[]): SphereIndex {
  const keep: number[] = [];
  points.forEach((p, i) => {
    if (Number.isFinite(p.lon) && Number.isFinite(p.lat)) keep.push(i);
  });
  const n = keep.length;
  const ids = Int32Array.from(keep);
  const xyz = new Float64Array(n * 3);
  for (let k = 0; k < n; k++) {
    const p = points[ids[k]!]!;
    const phi = radians(p.lat);
    const lam = radians(p.lon);
    const c = Math.cos(phi);
    xyz[3 * k] = c * Math.cos(lam);
    xyz[3 * k + 1] = c * Math.sin(lam);
    xyz[3 * k + 2] = Math.sin(phi);
  }
  const axes = new Uint8Array(n);
  /** Per tree position: the point's cos(latitude) as turf computes it. */
  const cosLats = new Float64Array(n);

  const swap = (i: number, j: number): void => {
    const t = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = t;
    for (let a = 0; a < 3; a++) {
      const u = xyz[3 * i + a]!;
      xyz[3 * i + a] = xyz[3 * j + a]!;
      xyz[3 * j + a] = u;
    }
  };
  /** Rearranges [left, right] so that position m holds its median on `axis` (quickselect). */
  const select = (m: number, left: number, right: number, axis: number): void => {
    while (right > left) {
      const pivot = xyz[3 * ((left + right) >> 1) + axis]!;
      let i = left;
      let j = right;
      while (i <= j) {
        while (xyz[3 * i + axis]! < pivot) i++;
        while (xyz[3 * j + axis]! > pivot) j--;
        if (i <= j) swap(i++, j--);
      }
      if (m <= j) right = j;
      else if (m >= i) left = i;
      else return;
    }
  };
  const build = (left: number, right: number): void => {
    if (right - left < LEAF) return;
    let axis = 0;
    let widest = -1;
    for (let a = 0; a < 3; a++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = left; k <= right; k++) {
        const v = xyz[3 * k + a]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (hi - lo > widest) {
        widest = hi - lo;
        axis = a;
      }
    }
    const m = (left + right) >> 1;
    select(m, left, right, axis);
    axes[m] = axis;
    build(left, m - 1);
    build(m + 1, right);
  };
  build(0, n - 1);
  for (let k = 0; k < n; k++) cosLats[k] = Math.cos(radians(points[ids[k]!]!.lat));

  // Per tree position: the point's coordinates as given (for turf's distance without an object
  // lookup per candidate).
  const lons = new Float64Array(n);
  const lats = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const p = points[ids[k]!]!;
    lons[k] = p.lon;
    lats[k] = p.lat;
  }
  // Query buffers (one query at a time; the index is synchronous): candidates' tree positions and
  // chords² (at most n of them), and the search stack of [left, right] ranges with, for each, the
  // squared distance to the plane that split it off (0 for a near side).
  const cand = new Int32Array(n + 1);
  const candC2 = new Float64Array(n + 1);
  const depth = 2 * Math.ceil(Math.log2(n + 2)) + 8;
  const stackL = new Int32Array(depth);
  const stackR = new Int32Array(depth);
  const stackD2 = new Float64Array(depth);
  /** Number of candidates the last {@link search} left in `cand`. */
  let count = 0;
  /** Tree position of the last nearest point found (-1: none yet). */
  let last = -1;

  /**
   * Collects the tree positions whose chord² from the query (qx, qy, qz) is at most slack(bound);
   * in nearest mode the bound shrinks to the best chord² found. Returns the final cap.
   */
  const search = (qx: number, qy: number, qz: number, initial: number, nearestMode: boolean) => {
    let bound = initial;
    let cap = slack(bound);
    let found = 0;
    let top = 0;
    stackL[0] = 0;
    stackR[0] = n - 1;
    stackD2[0] = 0;
    top = 1;
    while (top > 0) {
      top--;
      if (stackD2[top]! > cap) continue;
      const left = stackL[top]!;
      const right = stackR[top]!;
      const leaf = right - left < LEAF;
      const m = leaf ? -1 : (left + right) >> 1;
      const from = leaf ? left : m;
      const to = leaf ? right : m;
      for (let k = from; k <= to; k++) {
        const dx = qx - xyz[3 * k]!;
        const dy = qy - xyz[3 * k + 1]!;
        const dz = qz - xyz[3 * k + 2]!;
        const c2 = dx * dx + dy * dy + dz * dz;
        if (c2 > cap) continue;
        if (nearestMode && c2 < bound) {
          bound = c2;
          cap = slack(c2);
          // Drop the candidates the new best has put out of reach.
          let w = 0;
          for (let r = 0; r < found; r++)
            if (candC2[r]! <= cap) {
              cand[w] = cand[r]!;
              candC2[w++] = candC2[r]!;
            }
          found = w;
        }
        cand[found] = k;
        candC2[found++] = c2;
      }
      if (leaf) continue;
      const a = axes[m]!;
      const d = (a === 0 ? qx : a === 1 ? qy : qz) - xyz[3 * m + a]!;
      // The near side is pushed last so that it is searched first; the far side is pushed only
      // if it can hold a candidate now, and checked again when popped (the bound may have shrunk).
      const nearLeft = d <= 0;
      const d2 = d * d;
      if (d2 <= cap) {
        stackD2[top] = d2;
        stackL[top] = nearLeft ? m + 1 : left;
        stackR[top++] = nearLeft ? right : m - 1;
      }
      stackD2[top] = 0;
      stackL[top] = nearLeft ? left : m + 1;
      stackR[top++] = nearLeft ? m - 1 : right;
    }
    count = found;
    return cap;
  };
  /** Turf's distance from the query point to the point at tree position k (bit for bit). */
  const km = (lon: number, lat: number, cosLat: number, k: number): number =>
    haversineKm(lon, lat, cosLat, lons[k]!, lats[k]!, cosLats[k]!);

  /**
   * Turf distance of the last {@link query}'s answer (NaN: none), in a typed array so that
   * setting it does not box a number per query.
   */
  const lastKm = new Float64Array(1);
  /**
   * The index (in `points`) of the point nearest to [lon, lat], -1 when there is none; its turf
   * distance goes to `lastKm`.
   */
  const query = (lon: number, lat: number): number => {
    lastKm[0] = NaN;
    if (n === 0 || !Number.isFinite(lon) || !Number.isFinite(lat)) return -1;
    const phi = radians(lat);
    const lam = radians(lon);
    const c = Math.cos(phi);
    const qx = c * Math.cos(lam);
    const qy = c * Math.sin(lam);
    const qz = Math.sin(phi);
    // Start from the chord to the previous answer (queries in a row are often close by): the
    // search then prunes from the first node on. It changes the work, not the answer.
    let start2 = Infinity;
    if (last >= 0) {
      const dx = qx - xyz[3 * last]!;
      const dy = qy - xyz[3 * last + 1]!;
      const dz = qz - xyz[3 * last + 2]!;
      start2 = dx * dx + dy * dy + dz * dz;
    }
    const cap = search(qx, qy, qz, start2, true);
    let best = -1;
    let bestK = -1;
    let bestKm = Infinity;
    for (let r = 0; r < count; r++) {
      if (candC2[r]! > cap) continue;
      const k = cand[r]!;
      const d = km(lon, lat, c, k);
      if (d < bestKm || (d === bestKm && ids[k]! < best)) {
        best = ids[k]!;
        bestK = k;
        bestKm = d;
      }
    }
    last = bestK;
    lastKm[0] = bestKm;
    return best;
  };

  return {
    size: n,
    nearest(lon, lat) {
      const index = query(lon, lat);
      return index < 0 ? null : { index, km: lastKm[0]! };
    },
    nearestEach(queryLons, queryLats, outIndex, outKm) {
      for (let i = 0; i < queryLons.length; i++) {
        outIndex[i] = query(queryLons[i]!, queryLats[i]!);
        outKm[i] = lastKm[0]!;
      }
    },
    within(lon, lat, radiusKm, out = []) {
      if (n === 0 || !Number.isFinite(lon) || !Number.isFinite(lat) || !(radiusKm >= 0)) return out;
      const phi = radians(lat);
      const lam = radians(lon);
      const c = Math.cos(phi);
      // A chord of 2 sin(X / 2R); a disc wider than half the globe holds everything.
      const half = radiusKm / (2 * EARTH_RADIUS_KM);
      const bound = half >= Math.PI / 2 ? 4 : (2 * Math.sin(half)) ** 2;
      const sure = bound * (1 - 1e-9) - 1e-20;
      search(c * Math.cos(lam), c * Math.sin(lam), Math.sin(phi), bound, false);
      for (let r = 0; r < count; r++) {
        const k = cand[r]!;
        if (candC2[r]! < sure || km(lon, lat, c, k) <= radiusKm) out.push(ids[k]!);
      }
      return out;
    },
  };
}
