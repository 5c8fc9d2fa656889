import { describe, expect, it } from 'vitest';
import { cellCentroid, gidOf } from '../../src/domain/grid';
import { analyzeMission, cellDetail, prepareLagIndex } from '../../src/domain/lag';
import {
  basesInReach,
  bearingDeg,
  compass,
  cellName,
  cellPlaceLabel,
  cellPlaceName,
  cellRegionLookup,
  createPlaceLookup,
  distanceKm,
  episodeMarkers,
  formatCellCentre,
  lagCsvFileName,
  missingViolenceCountries,
  notableChanges,
  responsivenessRows,
  violenceNotLoadedMessage,
} from '../../src/domain/lagView';
import { DEFAULT_LAG_PARAMS } from '../../src/domain/lagTypes';
import { LAG_CELLS, lagScenarioDataset } from '../fixtures/lagScenario';

const ds = lagScenarioDataset();

describe('places', () => {
  it('distanceKm: one degree of latitude ≈ 111 km', () => {
    expect(distanceKm([20, 5], [20, 6])).toBeCloseTo(111.2, 0);
    expect(distanceKm([20, 5], [20, 5])).toBe(0);
  });

  it('the nearest town within 150 km names the cell; larger wins a tie', () => {
    const gid = gidOf(5.25, 20.25);
    const [lon, lat] = cellCentroid(gid);
    const town = (name: string, dLon: number, population: number) => ({
      name,
      lon: lon + dLon,
      lat,
      population,
      country: 'X',
    });
    const lookup = createPlaceLookup([
      town('Far', 2, 1e6),
      town('Near', 0.1, 1000),
      town('NearBig', -0.1, 5000),
    ]);
    expect(lookup(gid)).toMatchObject({ name: 'NearBig', inCell: true });
    expect(createPlaceLookup([town('Far', 2, 1e6)])(gid)).toBeNull();
    // A town in a neighbouring cell: where the cell lies from it.
    const next = createPlaceLookup([town('Next', 0.4, 10)])(gid)!;
    expect(next).toMatchObject({ name: 'Next', inCell: false });
    expect(next.km).toBeCloseTo(44.3, 0);
    expect(cellPlaceLabel(gid, next).name).toBe('44 km W of Next');
  });

  it('names a cell by place, area when known, and id as secondary text', () => {
    const gid = gidOf(5.25, 20.25);
    const town = { name: 'Bangassou', country: 'X', population: 1, km: 48.2, bearing: 91 };
    expect(cellName(gid, { ...town, inCell: false })).toEqual({
      gid,
      place: '48 km E of Bangassou',
      region: null,
      name: '48 km E of Bangassou',
      id: `cell ${gid}`,
      full: `48 km E of Bangassou — cell ${gid}`,
    });
    expect(cellName(gid, { ...town, inCell: true }, 'Mbomou').full).toBe(
      `Bangassou, Mbomou — cell ${gid}`,
    );
    expect(cellName(gid, null).name).toBe('Cell centre 5.25° N, 20.25° E');
  });

  it('the CSV place column: the place and the area of most cell-years (a tie: the later year)', () => {
    const gid = gidOf(5.25, 20.25);
    const cy = (year: number, region: string | null, g = gid) => ({ gid: g, year, region });
    // Given out of order: 2016 Ouaka, 2014 Ouaka, 2015 Kémo → Ouaka (2 of 3).
    const regions = cellRegionLookup([
      cy(2016, 'Ouaka province'),
      cy(2014, 'Ouaka province'),
      cy(2015, 'Kémo province'),
      cy(2017, null),
      // Another cell: one each → the later year's.
      cy(2016, 'Vakaga province', gid + 1),
      cy(2015, 'Bamingui-Bangoran province', gid + 1),
    ]);
    expect(regions(gid)).toBe('Ouaka province');
    expect(regions(gid + 1)).toBe('Vakaga province');
    expect(regions(gid + 2)).toBeNull();
    const [lon, lat] = cellCentroid(gid);
    const lookup = createPlaceLookup([{ name: 'Bambari', lon, lat, population: 1, country: 'X' }]);
    expect(cellPlaceName(lookup, regions)(gid)).toBe('Bambari, Ouaka province');
    // Without areas: the place alone (as before).
    expect(cellPlaceName(lookup)(gid)).toBe('Bambari');
  });

  it('labels a cell by town or by its centre', () => {
    const gid = gidOf(5.25, 20.25);
    expect(cellPlaceLabel(gid, null)).toEqual({
      name: 'Cell centre 5.25° N, 20.25° E',
      detail: '',
    });
    const bria = { name: 'Bria', country: 'X', population: 1, km: 12.4, bearing: 44 };
    expect(cellPlaceLabel(gid, { ...bria, inCell: true })).toEqual({
      name: 'Bria',
      detail: 'town in the cell',
    });
    expect(cellPlaceLabel(gid, { ...bria, inCell: false }).name).toBe('12 km NE of Bria');
    expect(compass(359)).toBe('N');
    expect(compass(181)).toBe('S');
    expect(bearingDeg([0, 0], [1, 0])).toBeCloseTo(90, 6);
    expect(bearingDeg([0, 1], [0, 0])).toBeCloseTo(180, 6);
    expect(formatCellCentre(gidOf(-3.1, -10.2))).toBe('3.25° S, 10.25° W');
  });
});

describe('cell detail shaping', () => {
  const idx = prepareLagIndex(ds, 'MINUSCA');
  const detail = cellDetail(idx, DEFAULT_LAG_PARAMS, LAG_CELLS.R);
  const name = (id: string) => ds.bases.find((b) => b.id === id)?.location ?? id;

  it('markers: onset before response', () => {
    const eps = analyzeMission(ds, 'MINUSCA').episodes.filter((e) => e.gid === LAG_CELLS.R);
    expect(episodeMarkers(eps).map((m) => [m.year, m.kind])).toEqual([
      [2015, 'onset'],
      [2017, 'response'],
    ]);
  });

  it('bases in reach with their years; notable changes newest first', () => {
    expect(basesInReach(detail, name)).toEqual([
      { baseId: 'MINUSCA:romeo', name: 'Romeo', years: '2017–2020' },
    ]);
    expect(notableChanges(detail, name).map((c) => [c.year, c.name, c.kind])).toEqual([
      [2017, 'Romeo', 'NEW'],
    ]);
  });
});

describe('texts', () => {
  it('missing countries with year ranges, and the message', () => {
    const r = analyzeMission(ds, 'UNMISS');
    expect(missingViolenceCountries(r.summary.missingViolenceData)).toEqual([
      { country: 'South Sudan', years: '2014–2020' },
    ]);
    expect(violenceNotLoadedMessage(['South Sudan', 'Sudan', 'Chad'])).toMatch(
      /^Violence data not loaded for South Sudan, Sudan and Chad: the lag analysis needs it, so it is not computed there \(never counted as zero\)\. How to add the full data/,
    );
    expect(violenceNotLoadedMessage(['Mali'])).not.toMatch(/npm|run /);
  });

  it('responsiveness rows: state then non-state, bins in order', () => {
    const rows = responsivenessRows(analyzeMission(ds, 'MINUSCA').responsiveness);
    expect(rows.map((r) => r.series)).toEqual([
      ...Array(6).fill('state'),
      ...Array(6).fill('nonstate'),
    ]);
    expect(rows.slice(0, 6).map((r) => r.binIndex)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('csv file name', () => {
    expect(lagCsvFileName('MINUSCA', DEFAULT_LAG_PARAMS)).toBe(
      'lag-MINUSCA-theta10-r0-w3-d1-all.csv',
    );
    expect(lagCsvFileName('A/B C', { ...DEFAULT_LAG_PARAMS, theta: 2.5 })).toBe(
      'lag-A_B_C-theta2.5-r0-w3-d1-all.csv',
    );
  });
});
