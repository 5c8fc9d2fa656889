/**
 * Slide-ready exports: the panels of an export (dock with title, year, caption and legend; the
 * attribution strip; the small multiples' header, legend column and footer) are opaque. Checked
 * on pixels: the frame is drawn over a deliberately loud map (magenta land, green country and town
 * names everywhere) and over a blank white one; inside the panels both must be identical pixel
 * for pixel, so nothing of the map is left under a panel.
 */
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { BasemapPlace } from '../../src/domain/basemap';
import { mapContent } from '../../src/export/content';
import {
  drawOverlay,
  exportLayout,
  PANEL_FILL,
  type LegendSpec,
  type OverlayText,
} from '../../src/export/overlay';
import { drawMap, prepareCountries } from '../../src/export/render2d';
import { drawSmallMultiples } from '../../src/export/smallMultiples';
import {
  carCell,
  cellYear,
  coverage,
  dataset,
  deployment,
  deployments,
} from '../fixtures/factories';
import { diffIn, pixelCanvas, type PixelCanvas } from './pixelCanvas';

const LEGEND: LegendSpec = {
  perpetrator: 'all',
  violence: true,
  noData: true,
  bases: true,
  highlights: true,
  flags: true,
  censored: true,
  censoredYears: [2014],
  changes: true,
  period: '2017',
  year: 2017,
  others: [{ id: 'UNMISS', color: '#7b3294' }],
  mission: 'MINUSCA',
};

const TEXT: OverlayText = {
  title: '2017: the south-east burns',
  subtitle: 'MINUSCA 2014–2024 · scene 5 of 12',
  year: '2017',
  caption:
    'In 2017, UCDP GED recorded 1,234 civilians killed in one-sided violence (best estimate, all perpetrators) in the Central African Republic, in 45 grid cells. MINUSCA had 20 bases with 11,000 troops (Geo-PKO yearly averages).',
  attribution: 'UCDP GED 23.1 (CC BY 4.0) · Geo-PKO v2.3 · Natural Earth · GeoNames',
};

/** A loud map: magenta everywhere, green "map labels" in rows across the whole frame. */
function loudMap(c: PixelCanvas, w: number, h: number): void {
  const { ctx } = c;
  ctx.fillStyle = '#ff00ff';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#00ff00';
  ctx.textBaseline = 'top';
  ctx.font = '600 22px sans-serif';
  for (let y = 0; y < h; y += 40)
    for (let x = 0; x < w; x += 320) ctx.fillText(y % 80 ? 'SOUTH SUDAN' : 'Malakal', x, y);
}

function blank(c: PixelCanvas, w: number, h: number): void {
  c.ctx.fillStyle = '#ffffff';
  c.ctx.fillRect(0, 0, w, h);
}

describe('export panels are opaque (pixel check over a loud map)', () => {
  for (const size of [
    { width: 1920, height: 1080 },
    { width: 3840, height: 2160 },
    { width: 1080, height: 1920 },
  ]) {
    it(`dock and attribution strip at ${size.width}×${size.height} keep no map pixel`, () => {
      const layout = exportLayout(size);
      const loud = pixelCanvas(size.width, size.height);
      const white = pixelCanvas(size.width, size.height);
      loudMap(loud, size.width, size.height);
      blank(white, size.width, size.height);
      drawOverlay(loud.ctx, layout, TEXT, LEGEND);
      drawOverlay(white.ctx, layout, TEXT, LEGEND);
      // The map really is loud outside the panels (the check is not vacuous)…
      expect(loud.pixel(5, 30)).toEqual([255, 0, 255, 255]);
      // …and under them, not one pixel differs from the frame drawn over a blank map.
      expect(diffIn(loud, white, layout.dock)).toEqual({ count: 0, first: [] });
      expect(diffIn(loud, white, layout.strip)).toEqual({ count: 0, first: [] });
      // The panel really holds its colour and text.
      const d = layout.dock;
      expect(loud.pixel(Math.round(d.x + d.width - 3), Math.round(d.y + d.height - 3))).toEqual([
        255, 255, 255, 255,
      ]);
    });
  }

  it('a see-through panel (the old 96 % white) would be caught', () => {
    const size = { width: 400, height: 300 };
    const loud = pixelCanvas(size.width, size.height);
    const white = pixelCanvas(size.width, size.height);
    loudMap(loud, size.width, size.height);
    blank(white, size.width, size.height);
    for (const c of [loud, white]) {
      c.ctx.fillStyle = 'rgba(255,255,255,0.96)';
      c.ctx.fillRect(200, 0, 200, 300);
    }
    expect(diffIn(loud, white, { x: 200, y: 0, width: 200, height: 300 }).count).toBeGreaterThan(0);
    expect(PANEL_FILL).toBe('#ffffff');
  });

  for (const size of [
    { width: 1920, height: 1080 },
    { width: 3840, height: 2160 },
  ])
    it(`the Canvas-2D map with town and country names under the dock leaves none of them visible at ${size.width}×${size.height}`, () => {
      const layout = exportLayout(size);
      // A host country covering the whole frame and towns placed under the dock.
      const world: FeatureCollection = {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name: 'Central African Republic', host: true },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [0, -20],
                  [60, -20],
                  [60, 30],
                  [0, 30],
                  [0, -20],
                ],
              ],
            },
          },
        ],
      };
      const { bases, baseYears } = deployments([
        deployment({ location: 'Bangui', gid: carCell() }, { 2017: 1000 }),
      ]);
      const ds = dataset({
        bases,
        baseYears,
        cellYears: [cellYear({ gid: carCell(2, 2), year: 2017, nonstate: 120 })],
        coverage: coverage(),
      });
      // The same map at both sizes: one zoom step more at twice the pixels.
      const camera = { lon: 22, lat: 6, zoom: 5 + Math.log2(size.width / 1920) };
      // Longitude of a pixel column (Web Mercator: 512 · 2^zoom pixels round the world).
      const lonAt = (x: number): number =>
        camera.lon + ((x - size.width / 2) * 360) / (512 * 2 ** camera.zoom);
      const town = (name: string, lon: number): BasemapPlace => ({
        name,
        lon,
        lat: 6,
        population: 100_000,
        country: 'South Sudan',
        capital: false,
        minZoom: 0,
      });
      const d = layout.dock;
      const places = [
        town('Malakal', 29),
        town('Gambela', 30.5),
        town('Wau', 28),
        // Two more in the middle and near the right edge of the dock, whatever the size.
        town('Bor', lonAt(d.x + d.width / 2)),
        town('Juba', lonAt(d.x + d.width - 60)),
      ];
      const content = mapContent(ds, { mission: 'MINUSCA', year: 2017 });
      const loud = pixelCanvas(size.width, size.height);
      const white = pixelCanvas(size.width, size.height);
      drawMap(
        loud.ctx,
        prepareCountries(world),
        { content, camera },
        { x: 0, y: 0, ...size },
        {
          places,
        },
      );
      blank(white, size.width, size.height);
      // The map (land, towns and their names) is drawn under the dock before the overlay…
      expect(diffIn(loud, white, layout.dock).count).toBeGreaterThan(0);
      // …and after it, not one pixel of it is left there.
      drawOverlay(loud.ctx, layout, TEXT, LEGEND);
      drawOverlay(white.ctx, layout, TEXT, LEGEND);
      expect(diffIn(loud, white, layout.dock).count).toBe(0);
      expect(diffIn(loud, white, layout.strip).count).toBe(0);
    });
});

describe('small multiples: header, legend column and footer are opaque', () => {
  for (const size of [
    { width: 1920, height: 1080 },
    { width: 3840, height: 2160 },
  ]) {
    it(`at ${size.width}×${size.height} the same pixels over a loud basemap and over none`, () => {
      const { bases, baseYears } = deployments([
        deployment({ location: 'Bangui', gid: carCell() }, { 2014: 1000, 2015: 1500 }),
      ]);
      const ds = dataset({
        bases,
        baseYears,
        cellYears: [cellYear({ gid: carCell(1, 1), year: 2015, nonstate: 40 })],
      });
      const world: FeatureCollection = {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name: 'Central African Republic', host: true },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [-170, -80],
                  [170, -80],
                  [170, 80],
                  [-170, 80],
                  [-170, -80],
                ],
              ],
            },
          },
        ],
      };
      const loud = pixelCanvas(size.width, size.height);
      const none = pixelCanvas(size.width, size.height);
      loudMap(loud, size.width, size.height);
      const input = { dataset: ds, mission: 'MINUSCA', perpetrator: 'all' as const, ...size };
      const r = drawSmallMultiples(loud.ctx, { ...input, countries: prepareCountries(world) });
      drawSmallMultiples(none.ctx, { ...input, countries: [] });
      const { header, legend, footer } = r.layout;
      expect(diffIn(loud, none, header).count).toBe(0);
      expect(diffIn(loud, none, { ...legend, width: size.width - legend.x }).count).toBe(0);
      expect(diffIn(loud, none, footer).count).toBe(0);
      // The panels themselves do show the basemap (the check is not vacuous).
      expect(diffIn(loud, none, r.layout.panels[0]!).count).toBeGreaterThan(0);
      // The sheet carries a caption with its key figures: 40 killed in 2015, troops 1,000–1,500.
      expect(r.caption).toContain('40 civilians killed');
      expect(r.caption).toContain('1,000 to 1,500');
    });
  }
});
