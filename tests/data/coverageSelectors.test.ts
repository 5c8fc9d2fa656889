import { describe, expect, it } from 'vitest';
import { atlasData } from '../../src/data/atlasData';
import { DEFAULT_COVERAGE_PARAMS } from '../../src/domain/coverage';
import { gidOf } from '../../src/domain/grid';
import { base, baseYear, coverage, dataset } from '../fixtures/factories';
import { osvEvent } from '../fixtures/events';

// Two bases on the equator in country A, 2015: Near (20, 0) with troops, Far (23, 0) unknown.
const A = 'A';
const near = base({ location: 'Near', mission: 'M', country: A, lon: 20, lat: 0 });
const far = base({ location: 'Far', mission: 'M', country: A, lon: 23, lat: 0 });
const ds = dataset({
  bases: [near, far],
  baseYears: [
    baseYear({ ...near, lon: 20, lat: 0 }, 2015, { troops: 300 }),
    baseYear({ ...far, lon: 23, lat: 0 }, 2015, { troops: null }),
  ],
  coverage: coverage({ countries: [A], years: [1989, 2022] }),
});
const events = [
  osvEvent({ lon: 20.1, lat: 0, best: 4, country: A }), // 11.1 km from Near
  osvEvent({ lon: 23, lat: 0, best: 9, country: A }), // 333.6 km from Near (Far has no troop figure)
];
const towns = [{ name: 'Farville', lon: 23, lat: 0.1, population: 5000, country: A, gid: 1 }];
const p = DEFAULT_COVERAGE_PARAMS;

describe('coverage selectors', () => {
  const cov = atlasData(ds, towns as never).coverage(events);

  it('are one bundle per events array', () => {
    const data = atlasData(ds, towns as never);
    expect(data.coverage(events)).toBe(data.coverage(events));
    expect(data.coverage([...events])).not.toBe(data.coverage(events));
  });

  it('measure distances once per mission and recompute only the sums when X changes', () => {
    const a = cov.years('M', p);
    expect(cov.years('M', p)).toBe(a);
    expect(a[0]).toMatchObject({ year: 2015, deaths: { best: 13 }, within: { best: 4 } });
    expect(cov.year('M', { ...p, km: 200 }, 2015)?.share).toBeCloseTo(4 / 13, 12);
    expect(cov.year('M', { ...p, km: 200 }, 2015)?.share).toBeCloseTo(4 / 13, 12);
    expect(cov.year('M', { ...p, km: 10 }, 2015)?.share).toBe(0);
    expect(cov.stats.distanceRuns).toBe(1);
    expect(cov.stats.yearRuns).toBe(3);
  });

  it('list the uncovered killing with its place and the nearest troop base', () => {
    const [row, ...rest] = cov.uncovered('M', p, 2015);
    expect(rest).toEqual([]);
    // 0.1° south of Farville: 11 km S.
    expect(row).toMatchObject({ place: '11\u00a0km S of Farville', baseName: 'Near' });
    expect(row!.d.km).toBeCloseTo(3 * 111.1950802335329, 6);
  });

  it('give a cell its nearest troop base and a base its deaths within X km', () => {
    const gid = gidOf(0.1, 20.6); // centre (20.75, 0.25)
    const d = cov.cellDistance('M', 2015, gid);
    expect(d?.name).toBe('Near');
    // √(0.75² + 0.25²) = 0.7906° × 111.195 km ≈ 87.9 km (flat near the equator).
    expect(d?.km).toBeCloseTo(87.9, 0);
    expect(cov.cellDistance('M', 2016, gid)).toBeNull();
    expect(cov.nearBase('M', p, 2015, 'M:near')).toEqual({
      deaths: { best: 4, low: 4, high: 4 },
      events: 1,
    });
    expect(cov.nearBase('M', p, 2015, 'M:far')?.deaths.best).toBe(9);
    expect(cov.years('NOPE', p)).toEqual([]);
  });
});
