import { describe, expect, it } from 'vitest';
import {
  BASE_MATCH_KM,
  BaseRegistry,
  buildDeployments,
  distanceKm,
  fixMojibake,
  locationKey,
  locationSlug,
  mergeTroops,
  parseTccOverview,
  type MonthlyRow,
  type YearlyRow,
} from '../../src/domain/deployments';

let line = 1;
function yearly(over: Partial<YearlyRow> = {}): YearlyRow {
  return {
    source: 'FrontMap.csv',
    line: ++line,
    mission: 'MINUSCA',
    year: 2015,
    location: 'Bangui',
    country: 'CAR',
    lat: 4.3612,
    lon: 18.555,
    troops: 150,
    aveTroops: null,
    hq: 0,
    unpol: false,
    unmo: false,
    units: [],
    ...over,
  };
}

function monthly(over: Partial<MonthlyRow> = {}): MonthlyRow {
  return {
    source: 'monthly.csv',
    line: ++line,
    mission: 'MINUSCA',
    year: 2015,
    month: 1,
    version: '2.0',
    location: 'Bangui',
    country: 'Central African Republic',
    lat: 4.3612,
    lon: 18.555,
    troops: 150,
    hq: 0,
    unpol: false,
    unmo: false,
    tcc: [],
    tccCount: null,
    ...over,
  };
}

/** A point `km` kilometres north of (lat, lon). */
const north = (lat: number, km: number): number => lat + km / 111.195;

describe('names', () => {
  it('repairs mojibake from the v2.0 file', () => {
    expect(fixMojibake('MÃ©naka')).toBe('Ménaka');
    expect(fixMojibake('Ménaka')).toBe('Ménaka');
    expect(fixMojibake('Â')).toBe('Â');
  });

  it('normalizes location names for identity and ids', () => {
    expect(locationKey('Kaga-Bandoro')).toBe(locationKey('Kaga Bandoro '));
    expect(locationKey('MÃ©naka')).toBe(locationKey('Menaka'));
    expect(locationSlug("Bangui (M'Poko)")).toBe('bangui-m-poko');
    expect(locationSlug('***')).toBe('location');
  });
});

describe('base identity across years', () => {
  it(`treats the same name within ${BASE_MATCH_KM} km as the same base`, () => {
    const reg = new BaseRegistry();
    const a = reg.resolve('MINUSCA', 'Bocaranga', 'CAR', 7.0, 15.6);
    const b = reg.resolve('MINUSCA', 'Bocaranga', 'CAR', north(7.0, 30), 15.6);
    const c = reg.resolve('MINUSCA', 'Bocaranga', 'CAR', north(7.0, BASE_MATCH_KM - 0.5), 15.6);
    expect(b.id).toBe(a.id);
    expect(c.id).toBe(a.id);
    expect(a).toMatchObject({ id: 'MINUSCA:bocaranga', country: 'Central African Republic' });
  });

  it('makes a same-name place beyond the tolerance a separate base', () => {
    const reg = new BaseRegistry();
    const a = reg.resolve('UNAMSIL', 'Mano', 'Sierra Leone', 8.03, -11.1);
    const b = reg.resolve('UNAMSIL', 'Mano', 'Sierra Leone', north(8.03, BASE_MATCH_KM + 1), -11.1);
    expect(a.id).toBe('UNAMSIL:mano');
    expect(b.id).toBe('UNAMSIL:mano~2');
  });

  it('never merges different missions or different names', () => {
    const reg = new BaseRegistry();
    const a = reg.resolve('MINUSCA', 'Bangui', 'CAR', 4.36, 18.55);
    expect(reg.resolve('MINURCAT', 'Bangui', 'CAR', 4.36, 18.55).id).not.toBe(a.id);
    expect(reg.resolve('MINUSCA', 'Bimbo', 'CAR', 4.36, 18.55).id).not.toBe(a.id);
  });

  it('keeps the first coordinates as the base position, each year its own', () => {
    const d = buildDeployments({
      yearly: [yearly({ year: 2016, lat: 4.4, lon: 18.6 }), yearly({ year: 2015 })],
    });
    expect(d.bases).toHaveLength(1);
    expect(d.bases[0]).toMatchObject({ lat: 4.3612, lon: 18.555 });
    expect(d.baseYears.map((b) => [b.year, b.lat])).toEqual([
      [2015, 4.3612],
      [2016, 4.4],
    ]);
    expect(distanceKm(4.3612, 18.555, 4.4, 18.6)).toBeLessThan(BASE_MATCH_KM);
  });
});

describe('the duplicate-row rule', () => {
  it('gives the spread of the known figures (mean, smallest, largest), never the sum', () => {
    expect(mergeTroops([1750, 2985, 3285])).toEqual({
      troops: 2673,
      troopsMin: 1750,
      troopsMax: 3285,
    });
    expect(mergeTroops([null, 100])).toEqual({ troops: 100, troopsMin: 100, troopsMax: 100 });
    expect(mergeTroops([null, null])).toEqual({ troops: null, troopsMin: null, troopsMax: null });
    expect(mergeTroops([0, 0])).toEqual({ troops: 0, troopsMin: 0, troopsMax: 0 });
  });

  it("takes Geo-PKO's own yearly figure (ave.no.troops), not the mean of the rows", () => {
    // MINUSCA Bambari 2018 in FrontMap: rows 800 and 1450, ave.no.troops 1016 on both (the mean
    // of the two rows would be 1125).
    const d = buildDeployments({
      yearly: [
        yearly({ location: 'Bambari', year: 2018, troops: 800, aveTroops: 1016 }),
        yearly({ location: 'Bambari', year: 2018, troops: 1450, aveTroops: 1016 }),
      ],
    });
    expect(d.baseYears[0]).toMatchObject({
      troops: 1016,
      troopsMin: 800,
      troopsMax: 1450,
      sourceRows: 2,
      troopsFromMaps: false,
    });
    expect(d.troopsFromMaps).toBe(0);
  });

  it('falls back to the mean of the maps where Geo-PKO gives no yearly figure, and says so', () => {
    const d = buildDeployments({
      yearly: [
        // no ave.no.troops: (1750 + 2985 + 3285) / 3 = 2673.3 → 2673
        yearly({ troops: 1750 }),
        yearly({ troops: 2985 }),
        yearly({ troops: 3285 }),
        // rows merged into one base that disagree on the yearly figure: mean of 100 and 300
        yearly({ location: 'Bria', lat: 6.54, lon: 21.99, troops: 100, aveTroops: 120 }),
        yearly({ location: 'BRIA ', lat: 6.55, lon: 21.99, troops: 300, aveTroops: 280 }),
        // all unknown: unknown, not a fallback
        yearly({ location: 'Sibut', lat: 5.7, lon: 19.1, troops: null }),
      ],
    });
    expect(d.baseYears.map((b) => [b.baseId, b.troops, b.troopsFromMaps])).toEqual([
      ['MINUSCA:bangui', 2673, true],
      ['MINUSCA:bria', 200, true],
      ['MINUSCA:sibut', null, false],
    ]);
    expect(d.troopsFromMaps).toBe(2);
  });

  it('merges the rows of a base-year: hq max, flags and units from any row', () => {
    const d = buildDeployments({
      yearly: [
        yearly({ troops: 1750, aveTroops: 2673, hq: 2, units: ['Infantry'] }),
        yearly({ troops: 2985, aveTroops: 2673, hq: 3, unpol: true, units: ['Medical'] }),
        yearly({ troops: 3285, aveTroops: 2673, unmo: true, units: ['Infantry', 'Aviation'] }),
      ],
    });
    expect(d.baseYears).toHaveLength(1);
    expect(d.baseYears[0]).toMatchObject({
      troops: 2673,
      troopsMin: 1750,
      troopsMax: 3285,
      sourceRows: 3,
      hq: 3,
      unpol: true,
      unmo: true,
      units: ['Infantry', 'Medical', 'Aviation'],
      zeroTroops: false,
    });
    expect(d.mergedBaseYears).toBe(1);
  });

  it('keeps unknown (NA) troops apart from zero troops', () => {
    const d = buildDeployments({
      yearly: [yearly({ troops: null }), yearly({ year: 2016, troops: 0, unpol: true })],
    });
    expect(d.baseYears.map((b) => [b.troops, b.zeroTroops])).toEqual([
      [null, false],
      [0, true],
    ]);
  });
});

describe('monthly rows', () => {
  it('give base-months, and base-years only where FrontMap has no mission-year', () => {
    const d = buildDeployments({
      yearly: [yearly({ year: 2015, troops: 999 })],
      monthly: [
        monthly({ year: 2015, month: 1, troops: 100 }),
        monthly({ year: 2014, month: 1, troops: 100 }),
        monthly({ year: 2014, month: 2, troops: 300 }),
        monthly({ year: 2014, month: 2, troops: 100 }), // two rows in one month: mean 200
        monthly({ year: 2014, month: 3, troops: null }),
      ],
    });
    expect(d.baseMonths.map((m) => [m.year, m.month, m.troops])).toEqual([
      [2014, 1, 100],
      [2014, 2, 200],
      [2014, 3, null],
      [2015, 1, 100],
    ]);
    // 2014 from the months (100, 200; March unknown): mean 150, spread 100–200, from the maps.
    expect(d.baseYears.map((b) => [b.year, b.troops, b.troopsMin, b.troopsMax])).toEqual([
      [2014, 150, 100, 200],
      [2015, 999, 999, 999],
    ]);
    expect(d.baseYears.map((b) => b.troopsFromMaps)).toEqual([true, true]);
  });

  it("carry each map's contributing countries: every one named in the month's rows, the largest count", () => {
    const d = buildDeployments({
      yearly: [yearly({ year: 2014, troops: 500 })],
      monthly: [
        monthly({ year: 2014, month: 1, tcc: ['Nepal (150)', 'Togo (150)'], tccCount: 2 }),
        // A second row of the same base-month: Togo again, with another figure; Benin new.
        monthly({ year: 2014, month: 1, tcc: ['Togo (200)', 'Benin (?)'], tccCount: 3 }),
        monthly({ year: 2014, month: 2, troops: 0 }),
      ],
    });
    expect(d.baseMonths.map((m) => [m.month, m.tcc, m.tccCount])).toEqual([
      // Togo once, (150 + 200) / 2 = 175; Benin's "?" is a size unknown.
      [1, ['Nepal (150)', 'Togo (175)', 'Benin (size unknown)'], 3],
      [2, [], null],
    ]);
    // FrontMap covers 2014: the base-year keeps TCCMap's contributors (none here), not the maps'.
    expect(d.baseYears.map((b) => b.tcc)).toEqual([[]]);
  });

  it('uses the newer Geo-PKO version per mission-month; older rows are SUPERSEDED_ROW', () => {
    const d = buildDeployments({
      yearly: [],
      monthly: [
        monthly({ version: '2.0', troops: 100 }),
        monthly({ version: '2.3', troops: 300 }),
        monthly({ version: '2.0', month: 2, troops: 50 }),
      ],
    });
    expect(d.baseMonths.map((m) => [m.month, m.troops])).toEqual([
      [1, 300],
      [2, 50],
    ]);
    expect(d.unused.map((u) => u.reason)).toEqual(['SUPERSEDED_ROW']);
  });
});

describe('units and contributing countries', () => {
  it('splits TCCMap year.overview into entries', () => {
    expect(parseTccOverview('Jordan (150), Kenya (150), Nigeria (650)')).toEqual([
      'Jordan (150)',
      'Kenya (150)',
      'Nigeria (650)',
    ]);
    expect(parseTccOverview('Nepal (size unknown)')).toEqual(['Nepal (size unknown)']);
    expect(parseTccOverview('Korea, Republic of (150), Togo (35)')).toEqual([
      'Korea, Republic of (150)',
      'Togo (35)',
    ]);
    expect(parseTccOverview('Nepal, Togo')).toEqual(['Nepal', 'Togo']);
    expect(parseTccOverview('NA')).toEqual([]);
    expect(parseTccOverview('')).toEqual([]);
  });

  it('attaches TTMap and TCCMap rows to their base-year, else NO_MATCHING_BASE_YEAR', () => {
    const loc = {
      source: 't.csv',
      mission: 'MINUSCA',
      location: 'Bangui',
      lat: 4.3612,
      lon: 18.555,
    };
    const d = buildDeployments({
      yearly: [yearly({ units: ['Infantry'] })],
      units: [
        { ...loc, line: 2, year: 2015, units: ['Engineering', 'Infantry'] },
        { ...loc, line: 3, year: 2016, units: ['Signals'] },
      ],
      tcc: [
        { ...loc, line: 2, year: 2015, tcc: ['Nepal (150)'], tccCount: 1 },
        { ...loc, line: 3, year: 2015, tcc: ['Nepal (150)', 'Togo (35)'], tccCount: 2 },
      ],
    });
    expect(d.baseYears[0]).toMatchObject({
      units: ['Infantry', 'Engineering'],
      tcc: ['Nepal (150)', 'Togo (35)'],
      tccCount: 2,
    });
    expect(d.unused).toEqual([
      expect.objectContaining({ line: 3, reason: 'NO_MATCHING_BASE_YEAR' }),
    ]);
  });
});

describe('missions', () => {
  it('have canonical host countries, sorted years and a bbox of their locations', () => {
    const d = buildDeployments({
      yearly: [yearly({ year: 2016, location: 'Bria', lat: 6.5, lon: 22 }), yearly({ year: 2014 })],
    });
    expect(d.missions).toEqual([
      {
        id: 'MINUSCA',
        countries: ['Central African Republic'],
        years: [2014, 2016],
        bbox: [18.555, 4.3612, 22, 6.5],
      },
    ]);
  });
});
