import { TextLayer, ScatterplotLayer } from '@deck.gl/layers';
import { createExpression, latest, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import type { BasemapCountryLabel, BasemapPlace } from '../../src/domain/basemap';
import {
  LABEL_LAYER_IDS,
  basemapLabelLayers,
  countryLabelsLayer,
  inLabelBox,
  labelBox,
  placeLabelsLayer,
} from '../../src/map/basemap/labels';
import {
  BASEMAP_LAYER_IDS,
  BASEMAP_PALETTE,
  basemapStyle,
  noDataPaint,
} from '../../src/map/basemap/style';

const urls = {
  countries: 'http://localhost:5173/data/basemap/countries.geojson',
  borders: 'http://localhost:5173/data/basemap/borders.geojson',
};

const place = (name: string, minZoom: number, population = 20_000): BasemapPlace => ({
  name,
  lon: 20,
  lat: 6,
  population,
  country: 'Central African Republic',
  capital: false,
  minZoom,
});

const places = [place('Bangui', 2, 542_393), place('Bambari', 5), place('Ndélé', 5.9)];

const labels: BasemapCountryLabel[] = [
  {
    name: 'Central African Republic',
    iso: '140',
    host: true,
    lon: 20.5,
    lat: 6.5,
    minZoom: 3,
    dy: -17,
  },
  { name: 'Cameroon', iso: '120', host: false, lon: 12.7, lat: 5.7, minZoom: 4, dy: 0 },
];

describe('basemapStyle', () => {
  const style = basemapStyle(urls);

  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('requests nothing but the given files: no glyphs, sprite, tiles or other URLs', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    const found = JSON.stringify(style).match(/https?:\/\/[^"]+/g) ?? [];
    expect(new Set(found)).toEqual(new Set(Object.values(urls)));
    for (const source of Object.values(style.sources)) expect(source.type).toBe('geojson');
    expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
  });

  it('draws water, land, then borders', () => {
    expect(style.layers.map((l) => l.id)).toEqual([
      BASEMAP_LAYER_IDS.background,
      BASEMAP_LAYER_IDS.coast,
      BASEMAP_LAYER_IDS.land,
      BASEMAP_LAYER_IDS.noDataEdge,
      BASEMAP_LAYER_IDS.borders,
      BASEMAP_LAYER_IDS.hostBorders,
    ]);
    expect(style.layers[0]!.type).toBe('background');
    expect(style.layers[2]!.type).toBe('fill');
  });

  it('shows host countries lighter than other land', () => {
    const land = style.layers.find((l) => l.id === BASEMAP_LAYER_IDS.land)!;
    expect(JSON.stringify(land.paint)).toContain('"host"');
  });

  it('shades the countries without violence data by paint values alone (issue 17)', () => {
    const paint = noDataPaint(['South Sudan']);
    const fill = createExpression(paint.landFill, latest.paint_fill['fill-color'] as never);
    const edge = createExpression(paint.edgeOpacity, latest.paint_line['line-opacity'] as never);
    if (fill.result !== 'success' || edge.result !== 'success') throw new Error('bad expression');
    const at = (name: string | null, host: boolean) =>
      [
        fill.value.evaluate({ zoom: 5 }, { type: 'Polygon', properties: { name, host } } as never),
        edge.value.evaluate({ zoom: 5 }, { type: 'Polygon', properties: { name, host } } as never),
      ] as const;
    const hex = (c: unknown) => String(c);
    // '#cfcfcd' = #9a9a9a at 110/255 over #f8f7f4, worked by hand.
    expect(BASEMAP_PALETTE.noData).toBe('#cfcfcd');
    expect(hex(at('South Sudan', true)[0])).toBe('#cfcfcd');
    expect(at('South Sudan', true)[1]).toBe(0.8);
    expect(hex(at('Chad', true)[0])).toBe(BASEMAP_PALETTE.hostLand);
    expect(at('Chad', true)[1]).toBe(0);
    expect(hex(at(null, false)[0])).toBe(BASEMAP_PALETTE.land);
    // The same layers and programs for any list: only the literal changes.
    const none = basemapStyle(urls);
    const some = basemapStyle(urls, BASEMAP_PALETTE, ['South Sudan']);
    expect(some.layers.map((l) => [l.id, l.type])).toEqual(none.layers.map((l) => [l.id, l.type]));
    expect(validateStyleMin(some)).toEqual([]);
  });

  it('also accepts relative URLs', () => {
    const rel = basemapStyle({ countries: 'data/c.geojson', borders: 'data/b.geojson' });
    expect(JSON.stringify(rel)).not.toMatch(/https?:/);
  });
});

describe('label layers', () => {
  it('shows the towns of the zoom with a system font and a halo', () => {
    const layer = placeLabelsLayer(places, 5.5);
    expect(layer).toBeInstanceOf(TextLayer);
    expect(layer.id).toBe(LABEL_LAYER_IDS.places);
    const data = layer.props.data as BasemapPlace[];
    expect(data.map((p) => p.name)).toEqual(['Bangui', 'Bambari']);
    expect(layer.props.getText!(places[2]!, {} as never)).toBe('Ndélé');
    expect(layer.props.fontFamily).toMatch(/system-ui.*sans-serif/);
    expect(layer.props.characterSet).toBe('auto');
    expect(layer.props.fontSettings?.sdf).toBe(true);
    expect(layer.props.outlineWidth).toBeGreaterThan(0);
    expect(layer.props.getTextAnchor).toBe('start');
    expect(layer.props.pickable).toBe(false);
  });

  it('returns the same data array while the zoom stays in one 0.1 step', () => {
    const a = placeLabelsLayer(places, 5.51).props.data;
    const b = placeLabelsLayer(places, 5.58).props.data;
    expect(b).toBe(a);
    expect(placeLabelsLayer(places, 5.9).props.data).not.toBe(a);
    expect((placeLabelsLayer(places, 5.9).props.data as BasemapPlace[]).length).toBe(3);
  });

  it('needs no glyphs when nothing is shown', () => {
    const layer = placeLabelsLayer(places, 1);
    expect(layer.props.data).toEqual([]);
    expect(layer.props.characterSet).not.toBe('auto');
  });

  it('writes country names in wrapped upper case at their offsets, hosts first from their zoom', () => {
    const layer = countryLabelsLayer(labels, 3.5);
    expect(layer).toBeInstanceOf(TextLayer);
    const data = layer.props.data as BasemapCountryLabel[];
    expect(data.map((l) => l.name)).toEqual(['Central African Republic']);
    expect(layer.props.getText!(labels[0]!, {} as never)).toBe('CENTRAL\nAFRICAN\nREPUBLIC');
    const offset = layer.props.getPixelOffset as (l: BasemapCountryLabel) => [number, number];
    expect(offset(labels[0]!)).toEqual([0, -17]);
    expect((countryLabelsLayer(labels, 4).props.data as unknown[]).length).toBe(2);
  });

  it('stacks dots, country names and town names', () => {
    const layers = basemapLabelLayers({ places, countryLabels: labels }, 6);
    expect(layers.map((l) => l.id)).toEqual([
      LABEL_LAYER_IDS.placeDots,
      LABEL_LAYER_IDS.countries,
      LABEL_LAYER_IDS.places,
    ]);
    expect(layers[0]).toBeInstanceOf(ScatterplotLayer);
  });
});

describe('labels culled to a box around the view', () => {
  const view = { width: 1400, height: 900 };
  const camera = { lon: 20.9, lat: 6.6, zoom: 7 };

  it('the box holds the view with at least half a viewport of margin', () => {
    const box = labelBox(camera, view);
    // 1400 px at zoom 7: 1400 / (512 · 2⁷) of 360° ≈ 7.7° of longitude.
    const span = (1400 / (512 * 2 ** 7)) * 360;
    expect(box.west).toBeLessThan(camera.lon - span);
    expect(box.east).toBeGreaterThan(camera.lon + span);
    expect(box.east - box.west).toBeCloseTo(3 * span, 9);
    expect(box.south).toBeLessThan(camera.lat - span / 2);
    expect(box.north).toBeGreaterThan(camera.lat + span / 2);
  });

  it('small pans and zooms within a 0.1 step keep the same box (no layer update)', () => {
    const box = labelBox(camera, view);
    expect(labelBox({ ...camera, lon: camera.lon + 0.3, zoom: 7.05 }, view)).toEqual(box);
    // A pan of a whole viewport moves the box; it still holds the new view.
    const moved = labelBox({ ...camera, lon: camera.lon + 8 }, view);
    expect(moved).not.toEqual(box);
    expect(inLabelBox(moved, camera.lon + 8, camera.lat)).toBe(true);
  });

  it('keeps only the towns in the box (a subset: names still never overlap)', () => {
    const near = { ...place('Bambari', 5), lon: 20.7, lat: 5.8 };
    const far = { ...place('Dakar', 5), lon: -17.4, lat: 14.7 };
    const box = labelBox(camera, view);
    expect(inLabelBox(box, near.lon, near.lat)).toBe(true);
    expect(inLabelBox(box, far.lon, far.lat)).toBe(false);
    const [dots, , names] = basemapLabelLayers(
      { places: [near, far], countryLabels: labels },
      7,
      box,
    );
    expect((names.props.data as BasemapPlace[]).map((p) => p.name)).toEqual(['Bambari']);
    expect((dots.props.data as BasemapPlace[]).map((p) => p.name)).toEqual(['Bambari']);
    // Without a box (camera not known yet) every name of the zoom is drawn.
    const all = basemapLabelLayers({ places: [near, far], countryLabels: labels }, 7)[2];
    expect((all.props.data as BasemapPlace[]).length).toBe(2);
  });

  it('wraps longitudes across the antimeridian', () => {
    const box = { west: 170, east: 200, south: -20, north: 20 };
    expect(inLabelBox(box, -175, 0)).toBe(true);
    expect(inLabelBox(box, 160, 0)).toBe(false);
  });
});
