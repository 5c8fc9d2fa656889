import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CoverageParamError,
  DEFAULT_COVERAGE_PARAMS,
  coverageByYear,
  createTownLookup,
  deathsNearBase,
  greatCircleKm,
  missionEventDistances,
  nearestBaseIndex,
  parseCoverageParams,
  uncoveredEvents,
  coveredEvents,
  type CoverageParams,
  type TroopBase,
} from '../../src/domain/coverage';
import { distanceKm } from '../../src/domain/lagView';
import { base, baseYear, coverage, mission } from '../fixtures/factories';
import { osvEvent } from '../fixtures/events';

/** One degree of a great circle on the mean Earth radius 6,371.0088 km: 6371.0088 × π / 180. */
const DEG_KM = 111.1950802335329;

describe('greatCircleKm', () => {
  it('is one degree of arc = 111.195 km along the equator and along a meridian', () => {
    expect(greatCircleKm([20, 0], [21, 0])).toBeCloseTo(DEG_KM, 6);
    expect(greatCircleKm([20, 0], [20, 1])).toBeCloseTo(DEG_KM, 6);
    expect(greatCircleKm([20, 4], [20, 4])).toBe(0);
  });
  it('shrinks a degree of longitude by cos(latitude) for short hops (60° N: about half)', () => {
    // Haversine for 0.01° of longitude at 60° N ≈ 0.01 × 111.195 × cos 60° = 0.55598 km.
    expect(greatCircleKm([0, 60], [0.01, 60])).toBeCloseTo(0.55598, 4);
  });
  it('agrees with the lag view haversine (same radius) on Bangui → Bambari', () => {
    const bangui: [number, number] = [18.5582, 4.3612];
    const bambari: [number, number] = [20.6752, 5.7618];
    expect(greatCircleKm(bangui, bambari)).toBeCloseTo(distanceKm(bangui, bambari), 9);
  });
});

describe('nearestBaseIndex', () => {
  it('finds the nearest base and null when there is none', () => {
    const bases: TroopBase[] = [
      { baseId: 'a', lon: 20, lat: 0, troops: 1 },
      { baseId: 'b', lon: 22, lat: 0.5, troops: 1 },
    ];
    const idx = nearestBaseIndex(bases);
    expect(idx.nearest(21.2, 0)?.base.baseId).toBe('b');
    expect(idx.nearest(20.4, 0)?.km).toBeCloseTo(0.4 * DEG_KM, 6);
    expect(nearestBaseIndex([]).nearest(0, 0)).toBeNull();
  });
  it('equals a brute-force scan for random bases and points', () => {
    const pt = fc.tuple(
      fc.double({ min: -30, max: 30, noNaN: true }),
      fc.double({ min: -20, max: 20, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(pt, { minLength: 1, maxLength: 30 }), pt, (bs, [lon, lat]) => {
        const bases = bs.map(([x, y], i) => ({ baseId: `b${i}`, lon: x, lat: y, troops: 1 }));
        const brute = Math.min(...bases.map((b) => greatCircleKm([lon, lat], [b.lon, b.lat])));
        expect(nearestBaseIndex(bases).nearest(lon, lat)!.km).toBeCloseTo(brute, 9);
      }),
      { seed: 13, numRuns: 300 },
    );
  });
});

describe('parseCoverageParams', () => {
  it('takes the defaults (50 km, all perpetrators, where_prec ≤ 5) and valid text', () => {
    expect(parseCoverageParams()).toEqual({ km: 50, perpetrator: 'all', precision: 5 });
    expect(parseCoverageParams({ km: '120', precision: '6', perpetrator: 'state' })).toEqual({
      km: 120,
      perpetrator: 'state',
      precision: 6,
    });
  });
  it('names every bad value', () => {
    const bad = () => parseCoverageParams({ km: 5, precision: 2.5, perpetrator: 'rebels' });
    expect(bad).toThrow(CoverageParamError);
    try {
      bad();
    } catch (e) {
      expect((e as CoverageParamError).issues).toEqual([
        'km must be a number from 10 to 200, got 5',
        'precision must be a whole number from 1 to 7, got 2.5',
        'perpetrator must be one of all, state, host, foreign, nonstate, got "rebels"',
      ]);
    }
    expect(() => parseCoverageParams({ km: '201' })).toThrow(/km must be a number from 10 to 200/);
    expect(() => parseCoverageParams({ km: 'fifty' })).toThrow(/got "fifty"/);
  });
});

// A hand-computed scenario on the equator, where one degree is DEG_KM in both directions.
// Mission M in country "A"; violence data for "A" 1989–2016 only.
//   2015: B1 (20, 0) 500 troops; B2 (21, 0) troops unknown; B3 (22, 0) zero troops.
//   2016: B1 (20, 0) 100 troops.   2017: B1 (20, 0) 100 troops (no violence data that year).
// Events 2015:
//   e1 (20, 0.4)  state,    prec 1, best 10 (8–12)  → 0.4° = 44.48 km from B1
//   e2 (21, 0)    nonstate, prec 2, best 30 (20–40) → 111.20 km (B2 has no known troops)
//   e3 (20.5, 0)  nonstate, prec 5, best 5          → 55.60 km
//   e4 (20, 0)    state,    prec 6, best 100        → left out by where_prec ≤ 5
//   e5 (20, 0)    in country "B" (not a host), best 1000 → not counted
const A = 'A';
const b1 = base({ location: 'B1', mission: 'M', country: A, lon: 20, lat: 0 });
const b2 = base({ location: 'B2', mission: 'M', country: A, lon: 21, lat: 0 });
const b3 = base({ location: 'B3', mission: 'M', country: A, lon: 22, lat: 0 });
const at = (b: typeof b1, lon: number, lat: number) => ({ ...b, lon, lat });
const baseYears = [
  baseYear(at(b1, 20, 0), 2015, { troops: 500 }),
  baseYear(at(b2, 21, 0), 2015, { troops: null }),
  baseYear(at(b3, 22, 0), 2015, { troops: 0 }),
  baseYear(at(b1, 20, 0), 2016, { troops: 100 }),
  baseYear(at(b1, 20, 0), 2017, { troops: 100 }),
];
const m = mission('M', [b1, b2, b3], baseYears);
const cov = coverage({ countries: [A], years: [1989, 2016] });
const events = [
  osvEvent({ lon: 20, lat: 0.4, best: 10, low: 8, high: 12, country: A }),
  osvEvent({ lon: 21, lat: 0, best: 30, low: 20, high: 40, perpetrator: 'nonstate', wherePrec: 2, country: A }), // prettier-ignore
  osvEvent({ lon: 20.5, lat: 0, best: 5, perpetrator: 'nonstate', wherePrec: 5, country: A }),
  osvEvent({ lon: 20, lat: 0, best: 100, wherePrec: 6, country: A }),
  osvEvent({ lon: 20, lat: 0, best: 1000, country: 'B' }),
];
const distances = missionEventDistances(events, baseYears, m);
const params = (over: Partial<CoverageParams> = {}) => ({ ...DEFAULT_COVERAGE_PARAMS, ...over });

describe('coverage of the hand-computed scenario', () => {
  it('measures each host event to the nearest base with known troops > 0', () => {
    expect(distances.map((d) => d.index)).toEqual([0, 1, 2, 3]);
    expect(distances[0]!.km).toBeCloseTo(0.4 * DEG_KM, 6);
    expect(distances[1]!.km).toBeCloseTo(DEG_KM, 6);
    expect(distances[2]!.km).toBeCloseTo(0.5 * DEG_KM, 6);
    expect(distances.every((d) => d.baseId === 'M:b1')).toBe(true);
  });

  it('gives 10 / 45 within 50 km, 8 / 33 to 12 / 57 over the low–high estimates', () => {
    const [y2015, y2016, y2017] = coverageByYear(distances, baseYears, m, cov, params());
    expect(y2015).toMatchObject({
      year: 2015,
      hasData: true,
      deaths: { best: 45, low: 33, high: 57 },
      within: { best: 10, low: 8, high: 12 },
      events: 3,
      eventsWithin: 1,
      troopBases: 1,
      unknownTroopBases: 1,
      imprecise: 1,
    });
    expect(y2015!.share).toBeCloseTo(10 / 45, 12);
    expect(y2015!.shareLow).toBeCloseTo(8 / 33, 12);
    expect(y2015!.shareHigh).toBeCloseTo(12 / 57, 12);
    // 2016: data, nobody killed → no share (not 0 %).
    expect(y2016).toMatchObject({ hasData: true, deaths: { best: 0 }, share: null, events: 0 });
    // 2017: no violence data → everything null, never 0.
    expect(y2017).toMatchObject({
      hasData: false,
      deaths: null,
      within: null,
      share: null,
      events: null,
      missingCountries: [A],
    });
  });

  it('follows X, the perpetrator filter and the precision limit', () => {
    const share = (p: Partial<CoverageParams>) =>
      coverageByYear(distances, baseYears, m, cov, params(p))[0]!.share;
    expect(share({ km: 60 })).toBeCloseTo(15 / 45, 12); // e3 at 55.6 km joins
    expect(share({ km: 120 })).toBe(1);
    expect(share({ perpetrator: 'state' })).toBe(1); // e1 only
    expect(share({ perpetrator: 'nonstate' })).toBe(0); // a real 0: 35 killed, none in reach
    expect(share({ precision: 6 })).toBeCloseTo(110 / 145, 12); // e4 at the base joins
    expect(share({ precision: 1 })).toBe(1); // e1 only
    expect(share({ perpetrator: 'host' })).toBe(1); // e1: the host government
    expect(share({ perpetrator: 'foreign' })).toBeNull(); // no foreign government: nobody killed
  });

  it('tells host and foreign governments apart for the filters', () => {
    const foreignEv = osvEvent({ lon: 20, lat: 0.1, best: 9, foreign: true, country: A });
    const d = missionEventDistances([...events, foreignEv], baseYears, m);
    const y = (perpetrator: CoverageParams['perpetrator']) =>
      coverageByYear(d, baseYears, m, cov, params({ perpetrator }))[0]!;
    expect(y('foreign').deaths?.best).toBe(9);
    expect(y('host').deaths?.best).toBe(10);
    expect(y('state').deaths?.best).toBe(19);
    expect(y('nonstate').deaths?.best).toBe(35);
    expect(y('all').deaths?.best).toBe(54);
  });

  it('ranks the uncovered killings by deaths, with their distance', () => {
    const list = uncoveredEvents(distances, cov, 2015, params());
    expect(list.map((d) => [d.event.best, Math.round(d.km!)])).toEqual([
      [30, 111],
      [5, 56],
    ]);
    expect(uncoveredEvents(distances, cov, 2017, params())).toEqual([]);
  });

  it('lists the counted events within reach (the complement of the uncovered ones)', () => {
    // 2015 at 50 km: e1 (10 killed, at the base); e3 (5, 55.6 km) and the 30 killed at 111 km
    // are beyond; e4 is left out by the precision limit.
    expect(coveredEvents(distances, cov, 2015, params()).map((d) => d.event.best)).toEqual([10]);
    // At 60 km e3 joins, in event order.
    expect(
      coveredEvents(distances, cov, 2015, params({ km: 60 })).map((d) => d.event.best),
    ).toEqual([10, 5]);
    expect(coveredEvents(distances, cov, 2017, params())).toEqual([]); // no violence data
  });

  it('counts the deaths within X km of one base, null without violence data', () => {
    expect(
      deathsNearBase(distances, cov, { lon: 21, lat: 0, country: A }, 2015, params({ km: 60 })),
    ).toEqual({
      deaths: { best: 35, low: 25, high: 45 }, // e2 at the base, e3 at 55.6 km
      events: 2,
    });
    expect(
      deathsNearBase(distances, cov, { lon: 20, lat: 0, country: A }, 2017, params()),
    ).toBeNull();
  });
});

describe('createTownLookup', () => {
  const towns = [
    { name: 'Bria', lon: 22, lat: 6.5, population: 40000 },
    { name: 'Small', lon: 22, lat: 6.5, population: 10 },
  ];
  it('names the event by the town, or by its distance and direction from it', () => {
    const near = createTownLookup(towns);
    expect(near(22.01, 6.5)?.label).toBe('Bria');
    // 0.3° north of Bria: 33.4 km N.
    expect(near(22, 6.8)?.label).toBe('33\u00a0km N of Bria'); // a no-break space keeps the unit
    expect(near(30, 6.5)).toBeNull();
  });
});
