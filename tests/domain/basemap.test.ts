import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  assignPlaceMinZooms,
  countryLabelBox,
  countryLabelLines,
  decodeCountryLabels,
  decodePlaces,
  declutterBasemapLabels,
  encodePlaces,
  placeLabelBox,
  populationMinZoom,
  separationZoom,
  visiblePlaces,
  type BasemapPlace,
  type UnzoomedPlace,
} from '../../src/domain/basemap';

const town = (name: string, lon: number, lat: number, population: number, capital = false) =>
  ({ name, lon, lat, population, country: 'Testland', capital }) satisfies UnzoomedPlace;

describe('populationMinZoom', () => {
  it('shows bigger towns at lower zooms and capitals from zoom 2', () => {
    expect(populationMinZoom(10_000)).toBe(5.5);
    expect(populationMinZoom(100_000)).toBe(3.5);
    expect(populationMinZoom(5_000)).toBeGreaterThan(populationMinZoom(10_000));
    expect(populationMinZoom(1_000, true)).toBe(2);
    expect(populationMinZoom(50_000_000)).toBe(2);
  });
});

describe('visiblePlaces', () => {
  const places = [
    { name: 'a', minZoom: 2 },
    { name: 'b', minZoom: 5.5 },
    { name: 'c', minZoom: 7 },
  ];
  it('keeps places whose minZoom is at most the zoom, in order', () => {
    expect(visiblePlaces(places, 1.9).map((p) => p.name)).toEqual([]);
    expect(visiblePlaces(places, 5.49).map((p) => p.name)).toEqual(['a']);
    expect(visiblePlaces(places, 5.5).map((p) => p.name)).toEqual(['a', 'b']);
    expect(visiblePlaces(places, 12).map((p) => p.name)).toEqual(['a', 'b', 'c']);
  });
});

describe('separationZoom', () => {
  it('is -Infinity for boxes that never overlap and grows as points get closer', () => {
    const a = placeLabelBox(town('Alpha', 10, 5, 50_000));
    const far = placeLabelBox(town('Beta', 10, 5.0001, 50_000));
    const near = placeLabelBox(town('Beta', 10.0001, 5.00001, 50_000));
    expect(separationZoom(a, far)).toBeGreaterThan(10);
    expect(separationZoom(a, near)).toBeGreaterThan(separationZoom(a, far));
    // Boxes that at most touch never overlap, however close their points.
    const point = { ...a, left: 0, right: 0 };
    const rightOfIt = { ...a, left: 0, right: 50 };
    expect(separationZoom(point, rightOfIt)).toBe(-Infinity);
  });
});

describe('assignPlaceMinZooms', () => {
  it('keeps the population rule for isolated towns', () => {
    const out = assignPlaceMinZooms([town('Far', 0, 0, 100_000), town('Away', 40, 20, 10_000)]);
    expect(out.map((p) => [p.name, p.minZoom])).toEqual([
      ['Far', 3.5],
      ['Away', 5.5],
    ]);
  });

  it('raises the smaller of two neighbouring towns until their labels separate', () => {
    const out = assignPlaceMinZooms([
      town('Small', 18.42, 4.26, 20_000),
      town('Big', 18.55, 4.36, 500_000),
    ]);
    const big = out.find((p) => p.name === 'Big')!;
    const small = out.find((p) => p.name === 'Small')!;
    expect(out[0]!.name).toBe('Big');
    expect(big.minZoom).toBe(populationMinZoom(500_000));
    expect(small.minZoom).toBeGreaterThan(populationMinZoom(20_000));
  });

  it('never lets two shown labels overlap (property)', () => {
    const arb = fc.array(
      fc.record({
        lon: fc.double({ min: 10, max: 12, noNaN: true }),
        lat: fc.double({ min: 0, max: 2, noNaN: true }),
        population: fc.integer({ min: 5_000, max: 2_000_000 }),
        name: fc.string({ minLength: 1, maxLength: 12 }),
      }),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(arb, fc.double({ min: 2, max: 12, noNaN: true }), (raw, zoom) => {
        const placed = assignPlaceMinZooms(
          raw.map((r) => ({ ...r, country: 'X', capital: false })),
        );
        const shown = visiblePlaces(placed, zoom);
        for (let i = 0; i < shown.length; i++) {
          for (let j = i + 1; j < shown.length; j++) {
            const s = separationZoom(placeLabelBox(shown[i]!), placeLabelBox(shown[j]!));
            if (s > zoom + 1e-6) return false;
          }
        }
        return true;
      }),
    );
  });
});

describe('country labels', () => {
  it('wraps long names at about 14 characters, upper case', () => {
    expect(countryLabelLines('Democratic Republic of the Congo')).toEqual([
      'DEMOCRATIC',
      'REPUBLIC OF',
      'THE CONGO',
    ]);
    expect(countryLabelLines('Mali')).toEqual(['MALI']);
  });

  it('gives precedence to capitals, then host names, then towns, then other names', () => {
    const label = (name: string, host: boolean) => ({
      name,
      iso: null,
      host,
      lon: 20,
      lat: 6,
      minZoom: 2,
      areaKm2: 600_000,
    });
    const { countryLabels, places } = declutterBasemapLabels(
      [label('Hostland', true), label('Otherland', false)],
      [town('Capital', 20, 6, 1_000, true), town('Town', 20.01, 6.01, 300_000)],
    );
    expect(places.find((p) => p.name === 'Capital')!.minZoom).toBe(2);
    const host = countryLabels.find((l) => l.name === 'Hostland')!;
    const other = countryLabels.find((l) => l.name === 'Otherland')!;
    // The host name moves just above or below the capital rather than waiting for a high zoom.
    expect(host.minZoom).toBeLessThan(4);
    expect(Math.abs(host.dy)).toBeGreaterThan(0);
    expect(other.minZoom).toBeGreaterThan(host.minZoom);
    const hostBox = countryLabelBox(host);
    const capBox = placeLabelBox(places.find((p) => p.name === 'Capital')!);
    expect(separationZoom(hostBox, capBox)).toBeLessThanOrEqual(host.minZoom + 1e-6);
  });
});

describe('encodePlaces / decodePlaces', () => {
  const places: BasemapPlace[] = [
    {
      name: 'Bangui',
      lon: 18.555,
      lat: 4.361,
      population: 542_393,
      country: 'Central African Republic',
      capital: true,
      minZoom: 2,
    },
    {
      name: 'Gao',
      lon: -0.044,
      lat: 16.272,
      population: 86_633,
      country: 'Mali',
      capital: false,
      minZoom: 4,
    },
  ];
  const meta = { source: 'test', minPopulation: 5_000 };

  it('round-trips', () => {
    const file = encodePlaces(places, meta);
    expect(file.countries).toEqual(['Central African Republic', 'Mali']);
    expect(decodePlaces(JSON.parse(JSON.stringify(file)))).toEqual(places);
  });

  it('rejects a bad row with its number and reason', () => {
    const file = encodePlaces(places, meta);
    const bad = { ...file, places: [file.places[0], ['Gao', 500, 16, 1, 1, 4, 0]] };
    expect(() => decodePlaces(bad)).toThrow('row 1: bad longitude');
    expect(() => decodePlaces({ ...file, places: [['X', 0, 0, 1, 7, 4, 0]] })).toThrow(
      'row 0: bad country',
    );
    expect(() => decodePlaces({ ...file, version: 2 })).toThrow('unsupported version');
    expect(() => decodePlaces(null)).toThrow('not a JSON object');
  });
});

describe('decodeCountryLabels', () => {
  const ok = { name: 'Mali', iso: '466', host: true, lon: -2, lat: 17, minZoom: 2, dy: 0 };
  it('accepts well-formed labels and names the first bad one', () => {
    expect(decodeCountryLabels([ok])).toEqual([ok]);
    expect(() => decodeCountryLabels([ok, { ...ok, dy: 'x' }])).toThrow('entry 1: bad dy');
    expect(() => decodeCountryLabels([{ ...ok, host: 1 }])).toThrow('entry 0: bad host flag');
    expect(() => decodeCountryLabels({})).toThrow('not a JSON list');
  });
});
