/**
 * The grid abstraction (PRIO-GRID and H3), the aggregation of OSV events to H3 cell-years, the
 * lag analysis on H3 (reach = k-ring) and the PRIO-GRID / H3 flag comparison. Expected values
 * are worked out by hand in each test; where a hexagon is needed, it is picked with h3-js itself
 * (the library the code wraps), never with the code under test.
 */
import { cellToLatLng, getHexagonAreaAvg, gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { cellCentroid, gidOf, neighbours } from '../../src/domain/grid';
import {
  aggregateOsvEvents,
  gridCellYearsCsv,
  regridDataset,
} from '../../src/domain/gridAggregate';
import {
  compareFlaggedCells,
  h3CellsOverlapping,
  squaresUnderHex,
} from '../../src/domain/gridCompare';
import { H3_MEAN_AREA_KM2, PRIO_GRID, h3OfKey } from '../../src/domain/gridSystem';
import { gridSystem, h3Grid, h3Key } from '../../src/domain/h3Grid';
import { DEFAULT_LAG_PARAMS, prepareLagIndex, runLagAnalysis } from '../../src/domain/lag';
import { osvEvent } from '../fixtures/events';
import { dataset, deployment, deployments } from '../fixtures/factories';

const R5 = h3Grid(5);
/** The centre of an H3 cell as [lat, lon]. */
const centre = (h3: string): [number, number] => cellToLatLng(h3) as [number, number];
/** The cells exactly k rings from `h3`. */
const ringAt = (h3: string, k: number): string[] => {
  const inner = new Set(k === 0 ? [] : gridDisk(h3, k - 1));
  return gridDisk(h3, k).filter((c) => !inner.has(c));
};

describe('grid systems', () => {
  it('H3 keys give the index back (resolutions 4 and 5)', () => {
    for (const res of [4, 5]) {
      const h = latLngToCell(4.3612, 18.555, res);
      expect(h3OfKey(h3Key(h))).toBe(h);
      expect(h3Key(h)).toBeLessThan(2 ** 28);
    }
    expect(() => h3Key('8f2830828052d25')).toThrow(RangeError); // resolution 15
    expect(() => h3Key('nonsense')).toThrow(/not an H3 cell/);
  });

  it('PRIO-GRID is the grid of grid.ts; H3 k-rings have 1 + 3k(k + 1) hexagons', () => {
    const g = gidOf(4.3612, 18.555);
    expect(PRIO_GRID.cellOf(4.3612, 18.555)).toBe(g);
    expect(PRIO_GRID.neighbours(g, 1)).toEqual(neighbours(g, 1));
    const k = R5.cellOf(4.3612, 18.555);
    expect(R5.neighbours(k, 0)).toEqual([k]);
    expect(R5.neighbours(k, 1)).toHaveLength(7);
    expect(R5.neighbours(k, 2)).toHaveLength(19);
    const n = ringAt(h3OfKey(k), 2)[0]!;
    expect(R5.ringDistance(k, h3Key(n))).toBe(2);
    expect(() => R5.neighbours(k, -1)).toThrow(RangeError);
    expect(() => R5.cellOf(91, 0)).toThrow(RangeError);
  });

  it('mean areas: PRIO-GRID ≈ 3,100 km² at the equator, H3 r4 ≈ 1,770 km², r5 ≈ 253 km²', () => {
    expect(PRIO_GRID.meanAreaKm2).toBeCloseTo(3098, 0);
    expect(gridSystem('h3r4').meanAreaKm2).toBeCloseTo(getHexagonAreaAvg(4, 'km2'), 6);
    expect(Math.round(gridSystem('h3r4').meanAreaKm2)).toBe(1770);
    expect(Math.round(gridSystem('h3r5').meanAreaKm2)).toBe(253);
    expect(H3_MEAN_AREA_KM2[5]).toBe(getHexagonAreaAvg(5, 'km2'));
  });
});

describe('OSV events → H3 cell-years', () => {
  const here = latLngToCell(4.3612, 18.555, 5);
  const [lat0, lon0] = centre(here);
  const far = ringAt(here, 3)[0]!;
  const [lat1, lon1] = centre(far);
  const events = [
    // Two events in `here` in 2015: one state (foreign), one non-state at where_prec 6.
    osvEvent({ lat: lat0, lon: lon0, best: 5, low: 4, high: 9, foreign: true }),
    osvEvent({
      lat: lat0 + 0.001,
      lon: lon0,
      best: 3,
      perpetrator: 'nonstate',
      wherePrec: 6,
      country: 'Chad',
    }),
    // One in `far` in 2015, one in `here` in 2016.
    osvEvent({ lat: lat1, lon: lon1, best: 7 }),
    osvEvent({ lat: lat0, lon: lon0, best: 2, year: 2016 }),
  ];

  it('sums best / low / high / events by class, per cell and year (by hand)', () => {
    const cys = aggregateOsvEvents(events, R5);
    expect(cys).toHaveLength(3);
    const a = cys.find((c) => c.year === 2015 && c.gid === h3Key(here))!;
    expect(a.osv).toEqual({ best: 8, low: 7, high: 12, events: 2 });
    expect(a.osvState).toEqual({ best: 5, low: 4, high: 9, events: 1 });
    expect(a.osvForeign).toEqual({ best: 5, low: 4, high: 9, events: 1 });
    expect(a.osvNonState).toEqual({ best: 3, low: 3, high: 3, events: 1 });
    expect(a.osvImprecise[6].nonState).toEqual({ events: 1, best: 3 });
    expect(a.osvImprecise[6].state).toEqual({ events: 0, best: 0 });
    // The country with the most fatalities: CAR 5 against Chad 3.
    expect(a.country).toBe('Central African Republic');
    expect(cys.find((c) => c.gid === h3Key(far))!.osv.best).toBe(7);
    expect(cys.map((c) => c.year)).toEqual([2015, 2015, 2016]);
  });

  it('per year, the H3 totals equal the PRIO-GRID totals', () => {
    const total = (grid: typeof R5) => {
      const t = new Map<number, number>();
      for (const c of aggregateOsvEvents(events, grid))
        t.set(c.year, (t.get(c.year) ?? 0) + c.osv.best);
      return t;
    };
    const expected = new Map([
      [2015, 5 + 3 + 7],
      [2016, 2],
    ]);
    expect(total(PRIO_GRID)).toEqual(expected);
    expect(total(h3Grid(4))).toEqual(expected);
    expect(total(R5)).toEqual(expected);
  });

  it('writes the export CSV: h3 in place of gid / lat / lon', () => {
    const text = gridCellYearsCsv(R5, aggregateOsvEvents(events.slice(3), R5));
    expect(text).toBe(
      'h3,year,country,osv_fatalities,osv_state_fatalities,osv_nonstate_fatalities,osv_events,osv_fatalities_low,osv_fatalities_high\n' +
        `${here},2016,Central African Republic,2,2,0,1,2,2\n`,
    );
  });
});

describe('the lag analysis on H3 (reach = k-ring, bases in their hexagon)', () => {
  // Violence in hexagon X in 2015 (20 killed) and in hexagon Y two rings from the base's hexagon
  // B (15 killed); B is one ring from X and gets a NEW base in 2016. A base far away opens the
  // mission in 2014 (so 2016 is no initial deployment); deployment data runs to 2020.
  const x = latLngToCell(5.7667, 20.6833, 5);
  const b = ringAt(x, 1)[0]!;
  const y = ringAt(b, 2).find((c) => !gridDisk(x, 1).includes(c))!;
  const [bLat, bLon] = centre(b);
  const d = deployments([
    deployment(
      { location: 'Bangui', lat: 4.3612, lon: 18.555 },
      {
        2014: 300,
        2015: 300,
        2016: 300,
        2017: 300,
        2018: 300,
        2019: 300,
        2020: 300,
      },
    ),
    deployment({ location: 'Outpost', lat: bLat, lon: bLon }, { 2016: 100, 2017: 100 }),
  ]);
  const events = [
    osvEvent({ lat: centre(x)[0], lon: centre(x)[1], best: 20 }),
    osvEvent({ lat: centre(y)[0], lon: centre(y)[1], best: 15 }),
  ];
  const ds = regridDataset(dataset({ ...d }), events, R5);
  const run = (reach: number) => {
    const index = prepareLagIndex(ds, 'MINUSCA', R5);
    const byCell = new Map(
      runLagAnalysis(index, { ...DEFAULT_LAG_PARAMS, reach }).episodes.map((e) => [e.gid, e]),
    );
    return { ex: byCell.get(h3Key(x))!, ey: byCell.get(h3Key(y))! };
  };

  it('the base sits in its hexagon', () => {
    expect(ds.bases.find((s) => s.location === 'Outpost')!.gid).toBe(h3Key(b));
  });

  it('reach 0: neither hexagon has a response (NOT_RESPONDED)', () => {
    const { ex, ey } = run(0);
    expect([ex.category, ey.category]).toEqual(['NOT_RESPONDED', 'NOT_RESPONDED']);
  });

  it('reach 1: X (one ring from the base) responded a year late; Y (two rings) did not', () => {
    const { ex, ey } = run(1);
    expect([ex.category, ex.lagYears, ex.responseYear]).toEqual(['RESPONDED_LATE', 1, 2016]);
    expect(ey.category).toBe('NOT_RESPONDED');
  });

  it('reach 2: both responded in 2016', () => {
    const { ex, ey } = run(2);
    expect([ex.responseYear, ey.responseYear]).toEqual([2016, 2016]);
  });
});

describe('flag comparison PRIO-GRID / H3', () => {
  const gid = gidOf(5.7667, 20.6833);
  it('the hexagons over a 0.5° cell include those of its centre and its corners', () => {
    const over = h3CellsOverlapping(gid, 4);
    for (const [lat, lon] of [
      [5.75, 20.75],
      [5.501, 20.501],
      [5.999, 20.999],
      [5.501, 20.999],
    ] as const)
      expect(over).toContain(h3Key(latLngToCell(lat, lon, 4)));
    // A 3,080 km² square over 1,770 km² hexagons: at least 2, and not more than 3 rings' worth.
    expect(over.length).toBeGreaterThanOrEqual(2);
    expect(over.length).toBeLessThanOrEqual(19);
  });

  it('counts the flags of each grid that the other grid confirms', () => {
    const inside = h3Key(latLngToCell(5.75, 20.75, 4));
    const farAway = h3Key(latLngToCell(8, 23, 4));
    const lonely = gidOf(2, 16);
    const c = compareFlaggedCells([gid, lonely, gid], [inside, farAway], 4);
    expect(c).toMatchObject({
      prioFlagged: 2,
      prioConfirmed: 1,
      h3Flagged: 2,
      h3Confirmed: 1,
      prioOnly: [lonely],
      h3Only: [farAway],
    });
  });

  it("the comparison's outline test gives the hexagons of h3-js's polygon fill, square by square", () => {
    // The reference: polygonToCellsExperimental ("overlapping") of each square; the code under
    // test walks the other way (hexagon → the squares under it). Squares from the Sahel to the
    // Cape, Haiti to Timor, both resolutions; every hexagon within a few rings of the square.
    let pairs = 0;
    for (const res of [4, 5] as const)
      for (const [lat, lon] of [
        [18.25, -72.25],
        [4.36, 18.55],
        [-33.9, 18.4],
        [0.3, 29.7],
        [12.6, -8],
        [-8.6, 125.6],
        [35.1, 33.4],
        [9.5, 30.3],
      ] as const) {
        const sq = gidOf(lat, lon);
        const ref = new Set(h3CellsOverlapping(sq, res));
        const [clon, clat] = cellCentroid(sq);
        for (const h of gridDisk(latLngToCell(clat, clon, res), res === 4 ? 2 : 4)) {
          pairs++;
          expect(squaresUnderHex(h3Key(h), res).includes(sq), `${h} over ${sq}`).toBe(
            ref.has(h3Key(h)),
          );
        }
      }
    expect(pairs).toBe(8 * (19 + 61));
  });
});
