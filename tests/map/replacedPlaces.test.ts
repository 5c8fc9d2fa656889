import { describe, expect, it } from 'vitest';
import type { BasemapPlace } from '../../src/domain/basemap';
import { mapContent } from '../../src/export/content';
import { drawMap } from '../../src/export/render2d';
import { isReplacedBy, normalizeName, withoutReplacedPlaces } from '../../src/map/replacedPlaces';
import { highlightNameOffset } from '../../src/map/storyLayers';
import { baseRadius } from '../../src/map/scales';
import { carCell, dataset, deployment, deployments } from '../fixtures/factories';
import { fakeContext } from '../export/fakeCanvas';

const town = (name: string, lon: number, lat: number): BasemapPlace => ({
  name,
  lon,
  lat,
  population: 50_000,
  country: 'Central African Republic',
  capital: false,
  minZoom: 0,
});

describe('town labels a highlighted base replaces', () => {
  it('matches names without accents or case', () => {
    expect(normalizeName('Bossembélé')).toBe(normalizeName('BOSSEMBELE'));
    expect(normalizeName("N'Djamena")).toBe('n djamena');
  });

  it('replaces the same name within 0.5°, or any town within 0.05°', () => {
    const base = { name: 'Bambari', lon: 20.67, lat: 5.76 };
    expect(isReplacedBy(town('Bambari', 20.9, 5.6), [base])).toBe(true);
    expect(isReplacedBy(town('Bambari', 21.3, 5.76), [base])).toBe(false); // 0.63° away
    expect(isReplacedBy(town('Ouaka', 20.7, 5.78), [base])).toBe(true); // 0.03° away
    expect(isReplacedBy(town('Ippy', 21.22, 6.25), [base])).toBe(false);
  });

  it('keeps the same array when nothing is replaced', () => {
    const places = [town('Ippy', 21.22, 6.25)];
    expect(withoutReplacedPlaces(places, [])).toBe(places);
    expect(withoutReplacedPlaces(places, [{ name: 'Bambari', lon: 20.67, lat: 5.76 }])).toBe(
      places,
    );
  });
});

describe('Canvas-2D map: a highlight names its town once', () => {
  it('draws "Bangui" once (bold, the highlight) and keeps the other towns', () => {
    const { bases, baseYears } = deployments([
      deployment({ location: 'Bangui', gid: carCell() }, { 2015: 1000 }),
    ]);
    const ds = dataset({ bases, baseYears });
    const b = ds.bases[0]!;
    const places = [town('Bangui', b.lon + 0.1, b.lat), town('Damara', b.lon + 0.4, b.lat + 0.4)];
    const camera = { lon: b.lon, lat: b.lat, zoom: 7 };
    const rect = { x: 0, y: 0, width: 800, height: 600 };
    const draw = (highlight: string[]) => {
      const f = fakeContext();
      const content = mapContent(ds, { mission: 'MINUSCA', year: 2015, highlightBases: highlight });
      drawMap(f.ctx, [], { content, camera }, rect, { places });
      return f.calls.filter((c) => c.name === 'fillText').map((c) => String(c.args[0]));
    };
    expect(draw([]).sort()).toEqual(['Bangui', 'Damara']);
    const withHighlight = draw([b.id]);
    expect(withHighlight.filter((t) => t === 'Bangui')).toHaveLength(1);
    expect(withHighlight).toContain('Damara');
  });
});

describe('live map: the highlight name sits under the ring', () => {
  it('is offset downwards past the ring (the ▲ ▼ markers are at the upper right)', () => {
    const v = { by: { troops: 800 } } as Parameters<typeof highlightNameOffset>[0];
    const [dx, dy] = highlightNameOffset(v);
    expect(dx).toBe(0);
    // Ring radius = circle + 5; its halo is 7 px wide: the text starts below both.
    expect(dy).toBeGreaterThan(baseRadius(800) + 5 + 3.5);
  });
});
