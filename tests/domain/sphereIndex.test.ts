import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greatCircleKm, haversineKm, radians } from '../../src/domain/distance';
import { sphereIndex, type LonLat } from '../../src/domain/sphereIndex';

/** One degree of a great circle on the mean Earth radius 6,371.0088 km: 6371.0088 × π / 180. */
const DEG_KM = 111.1950802335329;

const lon = fc.double({ min: -180, max: 180, noNaN: true });
const lat = fc.double({ min: -90, max: 90, noNaN: true });
const point = fc.record({ lon, lat });
/** Points often repeated or a hair apart, to exercise exact and near ties. */
const clustered = fc
  .tuple(fc.array(point, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 40 }))
  .map(([seeds, picks]) => [
    ...seeds,
    ...picks.map((k, i) => {
      const s = seeds[k % seeds.length]!;
      const jitter = i % 3 === 0 ? 0 : ((k % 7) - 3) * 1e-9;
      return { lon: s.lon + jitter, lat: Math.max(-90, Math.min(90, s.lat - jitter)) };
    }),
  ]);

/** The brute-force answer with turf: smallest distance, ties to the first listed. */
function bruteNearest(points: readonly LonLat[], q: LonLat) {
  let index = -1;
  let km = Infinity;
  points.forEach((p, i) => {
    const d = greatCircleKm([q.lon, q.lat], [p.lon, p.lat]);
    if (d < km) {
      index = i;
      km = d;
    }
  });
  return index < 0 ? null : { index, km };
}

describe('haversineKm', () => {
  it('is turf’s distance bit for bit', () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        const fast = haversineKm(
          a.lon,
          a.lat,
          Math.cos(radians(a.lat)),
          b.lon,
          b.lat,
          Math.cos(radians(b.lat)),
        );
        expect(fast).toBe(greatCircleKm([a.lon, a.lat], [b.lon, b.lat]));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sphereIndex.nearest', () => {
  it('finds the hand-computed nearest point: 1° east on the equator is 111.195 km', () => {
    const idx = sphereIndex([
      { lon: 20, lat: 0 },
      { lon: 23, lat: 0 },
    ]);
    expect(idx.nearest(21, 0)).toEqual({ index: 0, km: expect.closeTo(DEG_KM, 6) as number });
    expect(idx.nearest(22.4, 0)?.index).toBe(1);
  });
  it('gives exact ties to the point listed first, and crosses the antimeridian', () => {
    // 21° E is exactly between 20° E and 22° E on the equator; 179.5° E is 1° from −179.5°.
    const idx = sphereIndex([
      { lon: 22, lat: 0 },
      { lon: 20, lat: 0 },
      { lon: -179.5, lat: 0 },
      { lon: 170, lat: 0 },
    ]);
    expect(idx.nearest(21, 0)?.index).toBe(0);
    expect(idx.nearest(179.5, 0)).toEqual({ index: 2, km: expect.closeTo(DEG_KM, 6) as number });
  });
  it('is null without points or for a non-finite query; skips non-finite points', () => {
    expect(sphereIndex([]).nearest(0, 0)).toBeNull();
    const idx = sphereIndex([
      { lon: Number.NaN, lat: 0 },
      { lon: 5, lat: 5 },
    ]);
    expect(idx.size).toBe(1);
    expect(idx.nearest(Number.NaN, 0)).toBeNull();
    expect(idx.nearest(0, 0)?.index).toBe(1);
  });
  it('equals a brute-force scan with turf (index and km) on random points over the globe', () => {
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 60 }), point, (pts, q) => {
        expect(sphereIndex(pts).nearest(q.lon, q.lat)).toEqual(bruteNearest(pts, q));
      }),
      { numRuns: 500 },
    );
  });
  it('equals brute force on clustered points with exact and near ties, query after query', () => {
    fc.assert(
      fc.property(clustered, fc.array(point, { minLength: 1, maxLength: 10 }), (pts, qs) => {
        const idx = sphereIndex(pts);
        // Queries at the points themselves and at random places, in a row (the index starts each
        // search from the previous answer: that must not change any answer).
        for (const q of [...pts.slice(0, 10), ...qs])
          expect(idx.nearest(q.lon, q.lat)).toEqual(bruteNearest(pts, q));
      }),
      { numRuns: 300 },
    );
  });
});

describe('sphereIndex.nearestEach', () => {
  it('answers each query as brute force does (index −1 and km NaN for none)', () => {
    fc.assert(
      fc.property(clustered, fc.array(point, { maxLength: 20 }), (pts, qs) => {
        const queries = [...pts.slice(0, 10), ...qs, { lon: Number.NaN, lat: 0 }];
        const index = new Int32Array(queries.length);
        const km = new Float64Array(queries.length);
        sphereIndex(pts).nearestEach(
          queries.map((q) => q.lon),
          queries.map((q) => q.lat),
          index,
          km,
        );
        queries.forEach((q, i) => {
          const brute = Number.isNaN(q.lon) ? null : bruteNearest(pts, q);
          expect(index[i]).toBe(brute ? brute.index : -1);
          expect(km[i]).toBe(brute ? brute.km : Number.NaN);
        });
      }),
      { numRuns: 300 },
    );
  });
  it('gives −1 and NaN for every query of an empty index', () => {
    const index = new Int32Array(2);
    const km = new Float64Array(2);
    sphereIndex([]).nearestEach([0, 10], [0, 5], index, km);
    expect([...index]).toEqual([-1, -1]);
    expect([...km]).toEqual([Number.NaN, Number.NaN]);
  });
});

describe('sphereIndex.within', () => {
  it('holds the hand-computed disc: 111 km reaches 1° away, not 1.01°', () => {
    const idx = sphereIndex([
      { lon: 21, lat: 0 },
      { lon: 21.01, lat: 1 },
      { lon: 20, lat: 1.01 },
    ]);
    expect(idx.within(20, 0, 111.2).sort()).toEqual([0]);
    expect(idx.within(20, 0, DEG_KM * 1.011).sort()).toEqual([0, 2]);
    expect(idx.within(20, 0, -1)).toEqual([]);
    expect(idx.within(20, 0, 30_000).sort()).toEqual([0, 1, 2]);
  });
  it('equals a brute-force filter with turf, also for radii at a point’s exact distance', () => {
    fc.assert(
      fc.property(
        clustered,
        point,
        fc.double({ min: 0, max: 3000, noNaN: true }),
        fc.nat(),
        (pts, q, r, pick) => {
          // Half the time the radius is exactly some point's distance (the boundary case).
          const p = pts[pick % pts.length]!;
          const km = pick % 2 ? r : greatCircleKm([q.lon, q.lat], [p.lon, p.lat]);
          const brute = pts
            .map((x, i) => (greatCircleKm([q.lon, q.lat], [x.lon, x.lat]) <= km ? i : -1))
            .filter((i) => i >= 0);
          expect(
            sphereIndex(pts)
              .within(q.lon, q.lat, km)
              .sort((a, b) => a - b),
          ).toEqual(brute);
        },
      ),
      { numRuns: 500 },
    );
  });
});
