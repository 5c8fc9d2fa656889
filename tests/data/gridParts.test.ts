/**
 * The grid files cut per country (`grid_h3r5/index.json` and one part per country, what a switch
 * to H3 fetches for the mission's host countries): together, each hexagon-year once, they are the
 * whole grid file; and a mission's analysis, year's hexagons and grid comparison from its host
 * countries' parts equal those from the whole file. Events in three countries, with a border
 * hexagon named by two countries in different years and a base in a hexagon that only a
 * neighbouring country's events name.
 */
import { describe, expect, it } from 'vitest';
import { atlasData } from '../../src/data/atlasData';
import { gridData } from '../../src/data/gridData';
import { toLagParams } from '../../src/data/lagSelectors';
import type { OsvEvent } from '../../src/domain/coverage';
import { concatCellYearTables } from '../../src/domain/encoding';
import { aggregateOsvEvents } from '../../src/domain/gridAggregate';
import {
  decodeGridFile,
  decodeGridIndex,
  decodeGridPart,
  encodeGridFile,
  encodeGridParts,
  mergeGridParts,
} from '../../src/domain/gridFile';
import { h3Grid } from '../../src/domain/h3Grid';
import { DEFAULT_LAG_PARAMS } from '../../src/domain/lag';
import { missionHostCountries } from '../../src/domain/lagIndex';
import { base, baseYear, coverage, dataset } from '../fixtures/factories';

const CAR = 'Central African Republic';
const CHAD = 'Chad';
const CMR = 'Cameroon';

function event(
  year: number,
  lat: number,
  lon: number,
  country: string,
  best: number,
  over: Partial<OsvEvent> = {},
): OsvEvent {
  return {
    year,
    month: 1 + (best % 12),
    lat,
    lon,
    best,
    low: best,
    high: best + 2,
    perpetrator: best % 3 === 0 ? 'state' : 'nonstate',
    foreign: false,
    wherePrec: best % 7 === 0 ? 6 : 1,
    country,
    ...over,
  };
}

// A deterministic spread of events over CAR (south) and Chad (north), 2013–2017.
const events: OsvEvent[] = [];
for (let i = 0; i < 80; i++) {
  const lat = 4 + (i % 10) * 0.55;
  const lon = 17.5 + Math.floor(i / 10) * 0.45;
  events.push(event(2013 + (i % 5), lat, lon, lat > 7.5 ? CHAD : CAR, 1 + ((i * 7) % 23)));
}
// A border hexagon: CAR's in 2015, Chad's in 2016.
events.push(event(2015, 7.4, 18.2, CAR, 30), event(2016, 7.4, 18.2, CHAD, 25));
// Cameroon's events in the hexagon of a MINUSCA base in the far west.
events.push(event(2015, 5.0, 14.6, CMR, 12), event(2016, 5.0, 14.6, CMR, 9));

const bangui = base({ location: 'Bangui', lat: 4.36, lon: 18.55 });
const west = base({ location: 'West', lat: 5.0, lon: 14.6 });
const birao = base({ location: 'Birao', lat: 10.28, lon: 22.78 });
const abeche = base({
  location: 'Abeche',
  mission: 'MINURCAT',
  country: CHAD,
  lat: 13.8,
  lon: 20.8,
});
const north = base({ location: 'North', mission: 'MINURCAT', country: CHAD, lat: 8.9, lon: 18.5 });
const ds = () =>
  dataset({
    bases: [bangui, west, birao, abeche, north],
    baseYears: [
      ...[2014, 2015, 2016, 2017].map((y) =>
        baseYear(bangui, y, { troops: 400 + 100 * y - 201_400 }),
      ),
      ...[2015, 2016, 2017].map((y) => baseYear(west, y, { troops: 200 })),
      ...[2016, 2017].map((y) => baseYear(birao, y, { troops: 150 })),
      ...[2013, 2014, 2015].map((y) => baseYear(abeche, y, { troops: 300 })),
      ...[2014, 2015, 2016].map((y) => baseYear(north, y, { troops: 100 + 50 * (y - 2014) })),
    ],
    coverage: coverage({ countries: [CAR, CHAD, CMR] }),
  });

describe('grid part files (one per country)', () => {
  for (const res of [4, 5] as const) {
    const grid = h3Grid(res);
    const id = grid.id as 'h3r4' | 'h3r5';
    const rows = aggregateOsvEvents(events, grid);
    const whole = decodeGridFile(JSON.parse(JSON.stringify(encodeGridFile(grid, rows, ds()))), id);
    const { index: rawIndex, parts: rawParts } = encodeGridParts(grid, rows, ds());
    const index = decodeGridIndex(JSON.parse(JSON.stringify(rawIndex)), id);
    const part = (country: string) => {
      const file = index.parts.get(country)!;
      return decodeGridPart(JSON.parse(JSON.stringify(rawParts.get(file))), id, file, country);
    };

    it(`r${res}: together, each hexagon-year once, they are the whole file`, () => {
      expect([...index.parts.keys()]).toEqual([CMR, CAR, CHAD]);
      const all = concatCellYearTables([...index.parts.keys()].map(part));
      expect(all.rows()).toEqual(whole.cellYears.rows());
      expect(all.rows()).toEqual(rows);
      expect(index.pointCells).toEqual(whole.pointCells);
    });

    it(`r${res}: a country's part holds every hexagon-year of its hexagons and of its bases' hexagons`, () => {
      for (const country of index.parts.keys()) {
        const cells = new Set(rows.filter((r) => r.country === country).map((r) => r.gid));
        for (const b of ds().bases)
          if (b.country === country) cells.add(whole.pointCells.get(`${b.lat},${b.lon}`)!);
        expect(part(country).rows()).toEqual(rows.filter((r) => cells.has(r.gid)));
      }
      // The border hexagon is in both countries' parts, with both its years.
      const border = grid.cellOf(7.4, 18.2);
      for (const c of [CAR, CHAD])
        expect(
          part(c)
            .rows()
            .filter((r) => r.gid === border)
            .map((r) => [r.year, r.country]),
        ).toEqual(rows.filter((r) => r.gid === border).map((r) => [r.year, r.country]));
    });

    it(`r${res}: a mission's host countries' parts give the analysis of the whole file`, () => {
      const params = toLagParams({ ...DEFAULT_LAG_PARAMS, theta: 1 }, 'all');
      for (const m of ['MINUSCA', 'MINURCAT']) {
        const countries = missionHostCountries(ds(), m);
        const pre = mergeGridParts(index, countries.filter((c) => index.parts.has(c)).map(part));
        const a = gridData(atlasData(ds()), pre, id);
        const b = gridData(atlasData(ds()), whole, id);
        const ra = a.lag.result(m, params)!;
        const rb = b.lag.result(m, params)!;
        expect(rb.episodes.length).toBeGreaterThan(0);
        expect(ra.episodes).toEqual(rb.episodes);
        expect(ra.summary).toEqual(rb.summary);
        expect(ra.years).toEqual(rb.years);
        expect(a.compare(m, params)).toEqual(b.compare(m, params));
        for (let y = 2013; y <= 2017; y++) {
          const covered = a.sel.missionCoverage(m, y).covered;
          expect(a.sel.cellsOf(y, 'all', covered)).toEqual(b.sel.cellsOf(y, 'all', covered));
          expect(a.lag.flagsInYear(m, params, y)).toEqual(b.lag.flagsInYear(m, params, y));
        }
      }
      // MINUSCA's parts leave Chad's northern hexagons out; the border hexagon stays.
      expect(missionHostCountries(ds(), 'MINUSCA')).toEqual([CAR]);
      expect(missionHostCountries(ds(), 'MINURCAT')).toEqual([CHAD]);
    });
  }
});
