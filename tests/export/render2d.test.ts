import { describe, expect, it } from 'vitest';
import type { BasemapPlace } from '../../src/domain/basemap';
import { mapContent } from '../../src/export/content';
import {
  drawCoverage,
  drawHotspots,
  drawMap,
  drawPlaces,
  prepareCountries,
} from '../../src/export/render2d';
import { COVERED_COLOR, SITE_COLOR, UNCOVERED_COLOR } from '../../src/map/coverageLayers';
import { HOTSPOT_COLOR } from '../../src/map/hotspotLayers';
import { projector } from '../../src/map/camera';
import {
  carCell,
  cellYear,
  coverage,
  dataset,
  deployment,
  deployments,
} from '../fixtures/factories';
import { fakeContext } from './fakeCanvas';

const place = (name: string, lon: number, lat: number, minZoom: number): BasemapPlace => ({
  name,
  lon,
  lat,
  population: 50_000,
  country: 'Central African Republic',
  capital: false,
  minZoom,
});

describe('drawPlaces', () => {
  it('names the towns the live map shows at the zoom, inside the frame only', () => {
    const cam = { lon: 20, lat: 6, zoom: 6 };
    const view = { width: 800, height: 600 };
    const f = fakeContext();
    const n = drawPlaces(
      f.ctx,
      [place('Bambari', 20.67, 5.76, 4), place('Tiny', 20.1, 6.1, 7.5), place('Far', 40, 6, 2)],
      projector(cam, view),
      cam.zoom,
      { x: 0, y: 0, ...view },
    );
    expect(n).toBe(1);
    expect(f.texts()).toEqual(['Bambari']);
  });
});

describe('drawMap', () => {
  it('draws the year’s cells and bases, and fades between two years', () => {
    const { bases, baseYears } = deployments([
      deployment({ location: 'Bangui', gid: carCell() }, { 2014: 1000, 2015: 2000 }),
      deployment({ location: 'Bria', gid: carCell(4, 6) }, { 2015: 300 }),
    ]);
    const ds = dataset({
      bases,
      baseYears,
      cellYears: [
        cellYear({ gid: carCell(), year: 2014, nonstate: 30 }),
        cellYear({ gid: carCell(1, 1), year: 2015, nonstate: 300 }),
      ],
      coverage: coverage(),
    });
    const a = mapContent(ds, { mission: 'MINUSCA', year: 2014 });
    const b = mapContent(ds, { mission: 'MINUSCA', year: 2015 });
    const countries = prepareCountries(null);
    const cam = { lon: 19.5, lat: 5.5, zoom: 6 };
    const rect = { x: 0, y: 0, width: 800, height: 600 };
    const f = fakeContext();
    expect(drawMap(f.ctx, countries, { content: a, camera: cam }, rect)).toEqual({
      cells: 1,
      bases: 1,
      coverage: 0,
      hotspots: 0,
      roles: 0,
    });
    const mid = fakeContext();
    // Half-way: the 2014 cell fades out, the 2015 cell fades in, Bria appears.
    expect(drawMap(mid.ctx, countries, { content: a, next: b, t: 0.5, camera: cam }, rect)).toEqual(
      { cells: 2, bases: 2, coverage: 0, hotspots: 0, roles: 0 },
    );
    const arcs = mid.calls.filter((c) => c.name === 'arc');
    const radii = arcs.map((c) => Number(c.args[2]));
    // Bangui's circle is between its 2014 and 2015 sizes (area ∝ troops).
    expect(Math.max(...radii)).toBeGreaterThan(0.4 * Math.sqrt(1000));
    expect(Math.max(...radii)).toBeLessThan(0.4 * Math.sqrt(2000));
  });
});

describe('coverage marks and hotspot stars on the Canvas', () => {
  // Mercator at zoom 6 around the equator (MapLibre: a 512 px world at zoom 0): 512 × 2⁶ px per
  // 360°, i.e. 91.0 px per degree.
  const cam = { lon: 20, lat: 0, zoom: 6 };
  const proj = projector(cam, { width: 800, height: 600 });
  const PX_PER_DEG = (512 * 2 ** 6) / 360;

  it('draws an X km disc per base with troops and the events, uncovered ones on top', () => {
    const f = fakeContext();
    const n = drawCoverage(
      f.ctx,
      {
        km: 111.1950802335329, // one degree of latitude
        discs: [{ lon: 20, lat: 0 }],
        covered: [{ lon: 20.2, lat: 0, best: 4 }],
        uncovered: [{ lon: 22, lat: 0, best: 9 }],
      },
      proj,
    );
    expect(n).toBe(3);
    const arcs = f.calls.filter((c) => c.name === 'arc');
    expect(arcs).toHaveLength(3);
    // The disc: 1° north of the equator is ≈ 91.0 px on the map (Mercator stretch ≈ 1.0001).
    expect(Number(arcs[0]!.args[2])).toBeCloseTo(PX_PER_DEG, 0);
    // The events: covered 2 + √4 × 0.6 = 3.2 px, uncovered 3 + √9 × 1.2 = 6.6 px.
    expect(Number(arcs[1]!.args[2])).toBeCloseTo(3.2, 6);
    expect(Number(arcs[2]!.args[2])).toBeCloseTo(6.6, 6);
    const fills = f.calls.filter((c) => c.name === 'fill').map((c) => c.fillStyle);
    expect(fills.slice(1)).toEqual([COVERED_COLOR, UNCOVERED_COLOR]);
  });

  it('draws the what-if sites like the live map: reach disc below the events, ranked marker on top', () => {
    const f = fakeContext();
    const n = drawCoverage(
      f.ctx,
      {
        km: 111.1950802335329, // one degree of latitude
        discs: [],
        covered: [],
        uncovered: [{ lon: 22, lat: 0, best: 9 }],
        sites: [
          { lon: 21, lat: 0, rank: 1 },
          { lon: 23, lat: 0, rank: 2 },
        ],
      },
      proj,
    );
    // 1 event + 2 sites × (disc + marker).
    expect(n).toBe(5);
    const arcs = f.calls.filter((c) => c.name === 'arc').map((c) => Number(c.args[2]));
    // Two 1° discs (≈ 91 px), the event (6.6 px), two 9 px markers.
    expect(arcs).toHaveLength(5);
    expect(arcs[0]).toBeCloseTo(PX_PER_DEG, 0);
    expect(arcs[1]).toBeCloseTo(PX_PER_DEG, 0);
    expect(arcs[2]).toBeCloseTo(6.6, 6);
    expect(arcs.slice(3)).toEqual([9, 9]);
    const fills = f.calls.filter((c) => c.name === 'fill').map((c) => c.fillStyle);
    expect(fills.slice(2)).toEqual([UNCOVERED_COLOR, SITE_COLOR, SITE_COLOR]);
    const texts = f.calls.filter((c) => c.name === 'fillText').map((c) => c.args[0]);
    expect(texts).toEqual(['1', '2']);
  });

  it('draws one closed black star per new-hotspot cell', () => {
    const f = fakeContext();
    expect(drawHotspots(f.ctx, [carCell(), carCell(1, 1)], proj)).toBe(2);
    expect(f.count('closePath')).toBe(2);
    expect(f.calls.filter((c) => c.name === 'fill').map((c) => c.fillStyle)).toEqual([
      HOTSPOT_COLOR,
      HOTSPOT_COLOR,
    ]);
  });
});

describe('role, unit and contributor markers on the Canvas', () => {
  /** Bangui (1,000 troops, police, medical and aviation units, two contributors), Bria (no troops). */
  function roleDataset() {
    const { bases, baseYears } = deployments([
      deployment({ location: 'Bangui', gid: carCell() }, { 2016: 1000 }),
      deployment({ location: 'Bria', gid: carCell(4, 6) }, { 2016: 0 }),
    ]);
    const years = baseYears.map((by) =>
      by.troops === 1000
        ? {
            ...by,
            unpol: true,
            units: ['Medical', 'Aviation'],
            tcc: ['Nepal (950)', 'Zambia (50)'],
            tccCount: 2,
          }
        : { ...by, unmo: true },
    );
    return dataset({ bases, baseYears: years, coverage: coverage() });
  }
  const ALL_OFF = {
    troops: true,
    noTroops: true,
    hq: true,
    unpol: false,
    unmo: false,
    units: [],
    contributors: false,
  } as const;

  it('draws no markers with the switches off, and leaves out circles the switches hide', () => {
    const ds = roleDataset();
    expect(mapContent(ds, { mission: 'MINUSCA', year: 2016, roles: ALL_OFF }).roles).toEqual([]);
    const noZero = mapContent(ds, {
      mission: 'MINUSCA',
      year: 2016,
      roles: { ...ALL_OFF, noTroops: false },
    });
    expect(noZero.bases.map((b) => b.name)).toEqual(['Bangui']);
  });

  it('draws a badge per role and unit, the contributors’ count and label, beside the circle', () => {
    const ds = roleDataset();
    const content = mapContent(ds, {
      mission: 'MINUSCA',
      year: 2016,
      roles: {
        ...ALL_OFF,
        unpol: true,
        unmo: true,
        units: ['medical', 'aviation', 'riverine'],
        contributors: true,
      },
    });
    // P at Bangui, O at Bria, + and A (no riverine unit), the count 2 and the label.
    expect(content.roles?.map((m) => m.text)).toEqual([
      'P',
      'O',
      '+',
      'A',
      '2',
      'Nepal 950 · Zambia 50',
    ]);
    const cam = { lon: 19.5, lat: 5.5, zoom: 6 };
    const rect = { x: 0, y: 0, width: 800, height: 600 };
    const f = fakeContext();
    const stats = drawMap(f.ctx, prepareCountries(null), { content, camera: cam }, rect);
    expect(stats.roles).toBe(6);
    const texts = f.texts();
    for (const t of ['P', 'O', '+', 'A', '2', 'Nepal 950 · Zambia 50']) expect(texts).toContain(t);
    // The police badge sits up and right of Bangui's circle (radius 0.4·√1000 ≈ 12.6 px).
    const [bx, byPx] = projector(cam, { width: 800, height: 600 })(
      content.bases.find((b) => b.name === 'Bangui')!.lon,
      content.bases.find((b) => b.name === 'Bangui')!.lat,
    );
    const p = f.calls.find((c) => c.name === 'fillText' && c.args[0] === 'P')!;
    const r = 0.4 * Math.sqrt(1000);
    expect(Number(p.args[1])).toBeCloseTo(bx + r + 6, 1);
    expect(Number(p.args[2])).toBeCloseTo(byPx - r - 4, 1);
  });
});
