import { describe, expect, it } from 'vitest';
import { createTroopBaseDistances } from '../../src/data/troopBaseDistance';
import { cellCentroid, gidOf } from '../../src/domain/grid';
import { base, baseYear } from '../fixtures/factories';

/** One degree of a great circle on the mean Earth radius 6,371.0088 km: 6371.0088 × π / 180. */
const DEG_KM = 111.1950802335329;

describe('createTroopBaseDistances', () => {
  // Two bases on the equator, 2° apart; in 2016 the nearer one's troop figure is unknown.
  const west = base({ mission: 'M', location: 'West', lon: 20.25, lat: 0.25 });
  const east = base({ mission: 'M', location: 'East', lon: 22.25, lat: 0.25 });
  const d = createTroopBaseDistances({
    bases: [west, east],
    baseYears: [
      baseYear(west, 2015),
      baseYear(east, 2015),
      baseYear(west, 2016, { troops: null }),
      baseYear(east, 2016),
      baseYear(east, 2017, { troops: 0 }),
    ],
  });
  const gid = gidOf(0.25, 20.75); // centre (20.75, 0.25): 0.5° east of West, 1.5° west of East

  it('gives a cell the nearest base with troops and the great-circle km from its centre', () => {
    expect(cellCentroid(gid)).toEqual([20.75, 0.25]);
    const near = d.cellDistance('M', 2015, gid);
    expect(near?.name).toBe('West');
    // 0.5° of longitude at 0.25° N: 0.5 × 111.195 × cos 0.25° ≈ 55.597 km.
    expect(near?.km).toBeCloseTo(0.5 * DEG_KM * Math.cos((0.25 * Math.PI) / 180), 3);
  });
  it('skips a base whose troop figure is unknown, and says none when no base has troops', () => {
    expect(d.cellDistance('M', 2016, gid)?.name).toBe('East');
    expect(d.cellDistance('M', 2016, gid)?.km).toBeCloseTo(1.5 * DEG_KM, 0);
    expect(d.cellDistance('M', 2017, gid)).toBeNull(); // zero troops
    expect(d.cellDistance('M', 2030, gid)).toBeNull();
    expect(d.cellDistance('NOPE', 2015, gid)).toBeNull();
  });
  it('measures from any point', () => {
    expect(d.pointDistance('M', 2015, 22.25, 0.25)).toEqual({
      km: 0,
      baseId: east.id,
      name: 'East',
    });
  });
});
