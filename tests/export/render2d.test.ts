import { describe, expect, it } from 'vitest';
import type { BasemapPlace } from '../../src/domain/basemap';
import { mapContent } from '../../src/export/content';
import { drawMap, drawPlaces, prepareCountries } from '../../src/export/render2d';
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
    });
    const mid = fakeContext();
    // Half-way: the 2014 cell fades out, the 2015 cell fades in, Bria appears.
    expect(drawMap(mid.ctx, countries, { content: a, next: b, t: 0.5, camera: cam }, rect)).toEqual(
      { cells: 2, bases: 2 },
    );
    const arcs = mid.calls.filter((c) => c.name === 'arc');
    const radii = arcs.map((c) => Number(c.args[2]));
    // Bangui's circle is between its 2014 and 2015 sizes (area ∝ troops).
    expect(Math.max(...radii)).toBeGreaterThan(0.4 * Math.sqrt(1000));
    expect(Math.max(...radii)).toBeLessThan(0.4 * Math.sqrt(2000));
  });
});
