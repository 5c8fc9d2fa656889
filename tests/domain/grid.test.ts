import { describe, expect, it } from 'vitest';
import {
  cellCentroid,
  cellPolygon,
  gidOf,
  isValidCoordinate,
  MAX_GID,
  neighbours,
  ringDistance,
  rowColOf,
} from '../../src/domain/grid';

describe('gidOf', () => {
  it('matches PRIO-GRID ids of known GED events', () => {
    // GED event 36210 (CAR): priogrid_gid 137213 at 5.399784, 26.486881
    expect(gidOf(5.399784, 26.486881)).toBe(137213);
  });

  it('numbers from the south-west corner', () => {
    expect(gidOf(-90, -180)).toBe(1);
    expect(gidOf(-89.9, -179.9)).toBe(1);
    expect(gidOf(-90, -179.5)).toBe(2);
    expect(gidOf(-89.5, -180)).toBe(721);
  });

  it('puts a point exactly on an edge in the cell north / east of it', () => {
    expect(gidOf(0, 0)).toBe(180 * 720 + 360 + 1);
    expect(gidOf(-0.000001, -0.000001)).toBe(179 * 720 + 359 + 1);
    expect(gidOf(4.5, 18.5)).toBe(gidOf(4.75, 18.75));
  });

  it('clamps lat 90 and lon 180 into the last row / column', () => {
    expect(gidOf(90, 180)).toBe(MAX_GID);
    expect(gidOf(90, 0)).toBe(gidOf(89.9, 0.1));
    expect(gidOf(0, 180)).toBe(gidOf(0, 179.9));
  });

  it('refuses coordinates off the globe', () => {
    expect(() => gidOf(91, 0)).toThrow(RangeError);
    expect(() => gidOf(0, -180.01)).toThrow(RangeError);
    expect(() => gidOf(Number.NaN, 0)).toThrow(RangeError);
    expect(isValidCoordinate(90, -180)).toBe(true);
  });
});

describe('cell geometry', () => {
  it('centroid lies inside the cell and maps back to it', () => {
    for (const gid of [1, 137213, 130000, MAX_GID]) {
      const [lon, lat] = cellCentroid(gid);
      expect(gidOf(lat, lon)).toBe(gid);
    }
    expect(cellCentroid(1)).toEqual([-179.75, -89.75]);
  });

  it('polygon is a closed 0.5° square', () => {
    const ring = cellPolygon(137213);
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    const [w, s] = ring[0]!;
    expect(ring[2]).toEqual([w + 0.5, s + 0.5]);
  });
});

describe('neighbours', () => {
  it('r = 0 is the cell alone, r = 1 the 3 × 3 block, r = 2 the 5 × 5 block', () => {
    expect(neighbours(137213, 0)).toEqual([137213]);
    expect(neighbours(137213, 1)).toHaveLength(9);
    expect(neighbours(137213, 2)).toHaveLength(25);
    expect(neighbours(137213, 1)).toContain(137213 + 720 + 1);
  });

  it('wraps across the antimeridian and stops at the poles', () => {
    const east = gidOf(0, 179.9);
    const west = gidOf(0, -179.9);
    expect(neighbours(east, 1)).toContain(west);
    expect(ringDistance(east, west)).toBe(1);
    expect(neighbours(1, 1)).toHaveLength(6);
    expect(rowColOf(MAX_GID)).toEqual({ row: 359, col: 719 });
  });

  it('rejects a negative or fractional radius', () => {
    expect(() => neighbours(1, -1)).toThrow(RangeError);
    expect(() => neighbours(1, 0.5)).toThrow(RangeError);
  });
});
