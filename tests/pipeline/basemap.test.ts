import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASEMAP_FILES,
  decodePlaces,
  placeLabelBox,
  separationZoom,
  visiblePlaces,
  type BasemapBorderProps,
  type BasemapCountryLabel,
  type BasemapCountryProps,
  type BasemapPlace,
} from '../../src/domain/basemap';
import { COUNTRIES } from '../../src/domain/countries';
import { buildBasemap, type BasemapResult } from '../../src/pipeline/basemap';

type Countries = GeoJSON.FeatureCollection<
  GeoJSON.Polygon | GeoJSON.MultiPolygon,
  BasemapCountryProps
>;

let dir: string;
let result: BasemapResult;
let countries: Countries;
let borders: GeoJSON.FeatureCollection<GeoJSON.MultiLineString, BasemapBorderProps>;
let labels: BasemapCountryLabel[];
let places: BasemapPlace[];

const read = async (file: string): Promise<unknown> =>
  JSON.parse(await readFile(path.join(dir, file), 'utf8'));

const rings = (g: GeoJSON.Polygon | GeoJSON.MultiPolygon): GeoJSON.Position[][] =>
  g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'basemap-'));
  // An alias (DRC), a canonical name and a name the table does not know.
  result = await buildBasemap(dir, ['Central African Republic', 'Mali', 'DRC', 'Atlantis']);
  countries = (await read(BASEMAP_FILES.countries)) as Countries;
  borders = (await read(BASEMAP_FILES.borders)) as typeof borders;
  labels = (await read(BASEMAP_FILES.countryLabels)) as BasemapCountryLabel[];
  places = decodePlaces(await read(BASEMAP_FILES.places));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('buildBasemap', () => {
  it('writes every file with the size it reports, small', async () => {
    expect(result.files.map((f) => f.key).sort()).toEqual(Object.keys(BASEMAP_FILES).sort());
    for (const f of result.files) {
      expect((await stat(f.path)).size).toBe(f.bytes);
      expect(f.bytes).toBeGreaterThan(1_000);
    }
    expect(result.totalBytes).toBe(result.files.reduce((s, f) => s + f.bytes, 0));
    expect(result.totalBytes).toBeLessThan(1_000_000);
  });

  it('flags host countries by ISO code and alias, and no others', () => {
    const byName = new Map(countries.features.map((f) => [f.properties.name, f.properties]));
    expect(byName.get('Central African Republic')).toEqual({
      name: 'Central African Republic',
      iso: '140',
      host: true,
    });
    expect(byName.get('Democratic Republic of the Congo')?.host).toBe(true);
    expect(byName.get('Mali')?.host).toBe(true);
    expect(byName.get('Cameroon')?.host).toBe(false);
    expect(result.hostCountries).toBe(3);
    expect(countries.features.length).toBe(result.countries);
    expect(countries.features.length).toBeGreaterThan(200);
  });

  it('reports an unknown host country instead of dropping it silently', () => {
    expect(result.warnings).toEqual([expect.stringContaining('"Atlantis"')]);
  });

  it('keeps at most 3 decimals and no edge across the antimeridian', () => {
    for (const f of countries.features) {
      for (const r of rings(f.geometry)) {
        expect(r.length).toBeGreaterThanOrEqual(4);
        expect(r[0]).toEqual(r[r.length - 1]);
        for (let i = 0; i < r.length; i++) {
          const [x, y] = r[i] as [number, number];
          expect(Math.round(x * 1000) / 1000).toBe(x);
          expect(Math.round(y * 1000) / 1000).toBe(y);
          if (i > 0) expect(Math.abs(x - r[i - 1]![0]!)).toBeLessThan(180);
        }
      }
    }
  });

  it('writes host and other borders as lines', () => {
    const kinds = borders.features.map((f) => f.properties.kind).sort();
    expect(kinds).toEqual(['host', 'other']);
    for (const f of borders.features) expect(f.geometry.coordinates.length).toBeGreaterThan(10);
  });

  it('gives each country one label point inside its bounds', () => {
    const names = labels.map((l) => l.name);
    expect(new Set(names).size).toBe(names.length);
    const car = labels.find((l) => l.name === 'Central African Republic')!;
    expect(car.host).toBe(true);
    expect(car.lon).toBeGreaterThan(14.4);
    expect(car.lon).toBeLessThan(27.5);
    expect(car.lat).toBeGreaterThan(2.2);
    expect(car.lat).toBeLessThan(11);
    expect(car.minZoom).toBeLessThanOrEqual(4);
  });

  it('writes the towns of host countries only, with populations', () => {
    const bangui = places.find((p) => p.name === 'Bangui');
    expect(bangui).toMatchObject({
      country: 'Central African Republic',
      capital: true,
      minZoom: 2,
    });
    expect(bangui!.population).toBeGreaterThan(500_000);
    const carTowns = new Set(
      places.filter((p) => p.country === 'Central African Republic').map((p) => p.name),
    );
    for (const name of [
      'Bambari',
      'Bria',
      'Alindao',
      'Kaga Bandoro',
      'Bossangoa',
      'Bouar',
      'Berbérati',
      'Ndélé',
      'Birao',
      'Obo',
      'Zemio',
    ]) {
      expect(carTowns, name).toContain(name);
    }
    expect(
      places.some((p) => p.name === 'Kinshasa' && p.country === 'Democratic Republic of the Congo'),
    ).toBe(true);
    expect(places.some((p) => p.name === 'Bamako')).toBe(true);
    // Cameroon and Chad are neighbours, not hosts here.
    expect(
      places.some((p) => p.name === 'Yaoundé' || p.name === 'Douala' || p.name === "N'Djamena"),
    ).toBe(false);
    expect(new Set(places.map((p) => p.country))).toEqual(
      new Set(['Central African Republic', 'Mali', 'Democratic Republic of the Congo']),
    );
    expect(places.every((p) => p.capital || p.population >= 5_000)).toBe(true);
    expect(result.placesByCountry['Central African Republic']).toBe(carTowns.size);
  });

  it('places town labels so that none overlap at any zoom', () => {
    for (const zoom of [3, 4.5, 5.5, 6.3, 8]) {
      const shown = visiblePlaces(places, zoom).map((p) => placeLabelBox(p));
      for (let i = 0; i < shown.length; i++) {
        for (let j = i + 1; j < shown.length; j++) {
          expect(separationZoom(shown[i]!, shown[j]!)).toBeLessThanOrEqual(zoom + 1e-6);
        }
      }
    }
  });

  it('stays under 1.5 MB for every host country in the table', async () => {
    const all = await mkdtemp(path.join(tmpdir(), 'basemap-all-'));
    try {
      const r = await buildBasemap(
        all,
        COUNTRIES.map((c) => c.name),
      );
      expect(r.warnings).toEqual([]);
      expect(r.hostCountries).toBeGreaterThanOrEqual(44);
      expect(r.totalBytes).toBeLessThan(1_500_000);
    } finally {
      await rm(all, { recursive: true, force: true });
    }
  });
});
