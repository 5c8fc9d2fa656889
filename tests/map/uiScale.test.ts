import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Layer } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { createSelectors, type BaseView } from '../../src/data/selectors';
import { PLACE_LABEL, type BasemapPlace } from '../../src/domain/basemap';
import { placeLabelsLayer } from '../../src/map/basemap/labels';
import { reachLayer } from '../../src/map/coverageLayers';
import { basesLayers } from '../../src/map/layers';
import { ROLE_LAYER_IDS, roleLayers } from '../../src/map/roleLayers';
import {
  UI_ZOOM_STEPS,
  scaleLayer,
  scaleLayers,
  uiZoomOf,
  uiZoomQuery,
} from '../../src/map/uiScale';
import { layersScenario } from '../fixtures/mapScenarios';

const props = (l: Layer) => l.props as unknown as Record<string, unknown>;

describe('the large-screen factor', () => {
  it('is 1 below 2400×1350 CSS px, 1.5 from there, 2 from 2880×1600 (width and height)', () => {
    const cases: [number, number, number][] = [
      [390, 844, 1],
      [1280, 800, 1],
      [1920, 1080, 1],
      [2399, 1350, 1],
      [2400, 1349, 1],
      [2400, 1350, 1.5],
      [2560, 1440, 1.5],
      [2879, 1600, 1.5],
      [2880, 1599, 1.5],
      [2880, 1600, 2],
      [3840, 2160, 2],
      // A very wide but short window stays at 1 (both limits must hold).
      [5120, 1000, 1],
    ];
    for (const [w, h, k] of cases) expect([w, h, uiZoomOf(w, h)]).toEqual([w, h, k]);
  });

  it('uses the same thresholds as the --ui-zoom media queries of app.css', () => {
    const css = readFileSync(join(import.meta.dirname, '../../src/ui/app.css'), 'utf8');
    const found = [...css.matchAll(/@media ([^{]+)\{\s*:root\s*\{\s*--ui-zoom:\s*([\d.]+);/g)].map(
      (m) => ({ query: m[1]!.trim(), zoom: Number(m[2]) }),
    );
    expect(found).toEqual(UI_ZOOM_STEPS.map((s) => ({ query: uiZoomQuery(s), zoom: s.zoom })));
  });
});

describe('layers at the large-screen factor', () => {
  const sel = createSelectors(layersScenario());
  const views = sel.basesOfYear(2015);
  const [circles] = basesLayers(views, {
    mission: 'MINUSCA',
    missionIds: ['MINUSCA'],
    missionSlots: new Map(),
    selectedId: null,
  });

  it('draws base circles (pixel radii) k times as large, with the same data', () => {
    const at2 = scaleLayer(circles!, 2);
    expect(props(at2)).toMatchObject({ radiusScale: 2, lineWidthScale: 2 });
    expect(at2.props.data).toBe(circles!.props.data);
    expect(at2.id).toBe(circles!.id);
    expect(props(scaleLayer(circles!, 1.5))).toMatchObject({ radiusScale: 1.5 });
    // Factor 1: the layer itself; the same factor twice: the same clone (deck.gl sees no change).
    expect(scaleLayer(circles!, 1)).toBe(circles);
    const again = scaleLayer(circles!, 1.5);
    expect(scaleLayer(circles!, 1.5)).toBe(again);
  });

  it('never scales radii in metres (coverage reach), only their pixel outline', () => {
    const reach = reachLayer([{ baseId: 'a', name: 'A', lon: 20, lat: 5, troops: 100 }], 25, 'k');
    const at2 = scaleLayer(reach, 2);
    expect(props(at2).radiusScale).toBe(1);
    expect(props(at2).lineWidthScale).toBe(2);
  });

  it('draws town names k times as large, their offset from the dot too', () => {
    const places: BasemapPlace[] = [
      {
        name: 'Bangui',
        lon: 18.55,
        lat: 4.36,
        population: 800_000,
        country: 'Central African Republic',
        capital: true,
        minZoom: 0,
      },
    ];
    const layer = placeLabelsLayer(places, 6);
    const [at2] = scaleLayers([layer, null], 2);
    expect(props(at2!).sizeScale).toBe(2);
    expect(props(at2!).getPixelOffset).toEqual([PLACE_LABEL.offsetPx * 2, 0]);
    expect(at2!.props.data).toBe(layer.props.data);
  });

  it('scales contributor labels, their collision test and their per-base offsets', () => {
    const site = {
      base: { id: 'a', location: 'a' },
      by: { baseId: 'a', mission: 'MINUSCA', lon: 20, lat: 5, troops: 400, tcc: ['Nepal (400)'] },
    } as unknown as BaseView;
    const opts = { unpol: false, unmo: false, hq: false, units: [], contributors: true };
    const label = roleLayers([site], opts).find((l) => l.id === ROLE_LAYER_IDS.tccLabel)!;
    const at2 = props(scaleLayer(label, 2));
    expect(at2.sizeScale).toBe(2);
    expect(at2.collisionTestProps).toMatchObject({ sizeScale: 2.4 });
    const offset = (p: Record<string, unknown>) =>
      (p.getPixelOffset as (d: BaseView, i: unknown) => number[])(site, {});
    expect(offset(at2)).toEqual(offset(props(label)).map((v) => v * 2));
    // A new accessor: deck.gl re-evaluates it because its update trigger names the factor.
    expect((at2.updateTriggers as Record<string, unknown[]>).getPixelOffset).toContain(2);
  });
});
