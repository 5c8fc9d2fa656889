import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { worldPx } from '../../src/domain/basemap';
import {
  fitCamera,
  freeArea,
  freeBounds,
  interpolateCamera,
  offsetCenter,
  projector,
  unprojectScreen,
  unprojectWorld,
  singleWorldZoom,
  visibleBounds,
  type BBox,
} from '../../src/map/camera';

const CAR: BBox = [14.4, 2.2, 27.5, 11.0];
const VIEW = { width: 1920, height: 1080 };

describe('Web Mercator helpers', () => {
  it('unprojectWorld inverts worldPx', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -179, max: 179, noNaN: true }),
        fc.double({ min: -80, max: 80, noNaN: true }),
        (lon, lat) => {
          const [x, y] = worldPx(lon, lat);
          const [lon2, lat2] = unprojectWorld(x, y);
          expect(lon2).toBeCloseTo(lon, 6);
          expect(lat2).toBeCloseTo(lat, 6);
        },
      ),
    );
  });

  it('projects the camera centre to the middle of the viewport and back', () => {
    const cam = { lon: 20.9, lat: 5.9, zoom: 6.3 };
    const p = projector(cam, VIEW);
    expect(p(20.9, 5.9)).toEqual([960, 540]);
    const [lon, lat] = unprojectScreen(cam, VIEW, 100, 900);
    const [x, y] = p(lon, lat);
    expect(x).toBeCloseTo(100, 6);
    expect(y).toBeCloseTo(900, 6);
    // One zoom level doubles distances.
    const q = projector({ ...cam, zoom: 7.3 }, VIEW);
    expect(q(21.9, 5.9)[0] - 960).toBeCloseTo(2 * (p(21.9, 5.9)[0] - 960), 6);
  });

  it('visibleBounds are the lon/lat of the viewport corners', () => {
    const cam = { lon: 20, lat: 6, zoom: 6 };
    const [w, s, e, n] = visibleBounds(cam, VIEW);
    const p = projector(cam, VIEW);
    expect(p(w, n)[0]).toBeCloseTo(0, 6);
    expect(p(w, n)[1]).toBeCloseTo(0, 6);
    expect(p(e, s)[0]).toBeCloseTo(1920, 6);
    expect(p(e, s)[1]).toBeCloseTo(1080, 6);
  });
});

describe('fitCamera', () => {
  it('fits the box (with margin) into the viewport, touching one side', () => {
    const cam = fitCamera(CAR, VIEW, undefined, { maxZoom: 12 });
    const p = projector(cam, VIEW);
    const [x1, y1] = p(CAR[0] - 0.5, CAR[3] + 0.5);
    const [x2, y2] = p(CAR[2] + 0.5, CAR[1] - 0.5);
    expect(x1).toBeGreaterThanOrEqual(-1e-6);
    expect(y1).toBeGreaterThanOrEqual(-1e-6);
    expect(x2).toBeLessThanOrEqual(1920 + 1e-6);
    expect(y2).toBeLessThanOrEqual(1080 + 1e-6);
    const touches = Math.abs(x2 - x1 - 1920) < 1e-6 || Math.abs(y2 - y1 - 1080) < 1e-6;
    expect(touches).toBe(true);
  });

  it('keeps the fitted box inside the free area when a dock covers the right', () => {
    const pad = { top: 24, right: 600, bottom: 24, left: 24 };
    const cam = fitCamera(CAR, VIEW, pad, { maxZoom: 12 });
    const p = projector(cam, VIEW);
    const free = freeArea(VIEW, pad);
    const [x1, y1] = p(CAR[0] - 0.5, CAR[3] + 0.5);
    const [x2, y2] = p(CAR[2] + 0.5, CAR[1] - 0.5);
    expect(x1).toBeGreaterThanOrEqual(free.x - 1e-6);
    expect(x2).toBeLessThanOrEqual(free.x + free.width + 1e-6);
    expect(y1).toBeGreaterThanOrEqual(free.y - 1e-6);
    expect(y2).toBeLessThanOrEqual(free.y + free.height + 1e-6);
    // Centred in the free area, not in the viewport.
    expect((x1 + x2) / 2).toBeCloseTo(free.x + free.width / 2, 4);
    expect((y1 + y2) / 2).toBeCloseTo(free.y + free.height / 2, 4);
  });

  it('does not zoom a single point to street level', () => {
    const cam = fitCamera([18.5, 4.4, 18.5, 4.4], VIEW);
    expect(cam.zoom).toBeLessThanOrEqual(8);
  });

  it('always fits any box into any free area (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -60, max: 60, noNaN: true }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 15, noNaN: true }),
        fc.integer({ min: 0, max: 700 }),
        (lon, lat, dw, dh, right) => {
          const box: BBox = [lon, lat, lon + dw, lat + dh];
          const pad = { top: 10, right, bottom: 10, left: 10 };
          const cam = fitCamera(box, VIEW, pad, { maxZoom: 12, minZoom: 0 });
          const p = projector(cam, VIEW);
          const [x1, y1] = p(box[0] - 0.5, box[3] + 0.5);
          const [x2, y2] = p(box[2] + 0.5, box[1] - 0.5);
          expect(x1).toBeGreaterThanOrEqual(10 - 1e-3);
          expect(x2).toBeLessThanOrEqual(1920 - right + 1e-3);
          expect(y1).toBeGreaterThanOrEqual(10 - 1e-3);
          expect(y2).toBeLessThanOrEqual(1070 + 1e-3);
        },
      ),
    );
  });
});

describe('offsetCenter and freeBounds', () => {
  it('puts the authored centre in the middle of the free area', () => {
    const pad = { top: 0, right: 500, bottom: 100, left: 0 };
    const zoom = 6;
    const [lon, lat] = offsetCenter([20.9, 5.9], zoom, pad);
    const p = projector({ lon, lat, zoom }, VIEW);
    const [x, y] = p(20.9, 5.9);
    expect(x).toBeCloseTo((1920 - 500) / 2, 6);
    expect(y).toBeCloseTo((1080 - 100) / 2, 6);
  });

  it('freeBounds is the box under the free area', () => {
    const cam = { lon: 20, lat: 6, zoom: 6 };
    const pad = { top: 0, right: 600, bottom: 0, left: 0 };
    const [w, , e] = freeBounds(cam, VIEW, pad);
    const [W, , E] = visibleBounds(cam, VIEW);
    expect(w).toBeCloseTo(W, 9);
    expect((e - w) / (E - W)).toBeCloseTo(1320 / 1920, 6);
  });
});

describe('interpolateCamera', () => {
  it('starts at a, ends at b and moves monotonically in between', () => {
    const a = { lon: 18, lat: 4, zoom: 5 };
    const b = { lon: 24, lat: 7, zoom: 7 };
    expect(interpolateCamera(a, b, 0)).toEqual(a);
    expect(interpolateCamera(a, b, 1)).toEqual(b);
    let prev = a.lon;
    for (let t = 0.1; t <= 1; t += 0.1) {
      const c = interpolateCamera(a, b, t);
      expect(c.lon).toBeGreaterThanOrEqual(prev);
      expect(c.zoom).toBeGreaterThanOrEqual(5);
      expect(c.zoom).toBeLessThanOrEqual(7);
      prev = c.lon;
    }
    expect(interpolateCamera(a, b, 0.5).zoom).toBeCloseTo(6, 9);
  });
});

describe('singleWorldZoom', () => {
  it('is the zoom at which the 512-px world spans the map once (never below 1)', () => {
    // 3480 px (a 4K screen less the side panel): 512 · 2^z = 3480.
    const z = singleWorldZoom(3480);
    expect(512 * 2 ** z).toBeCloseTo(3480, 6);
    expect(singleWorldZoom(2048)).toBe(2);
    expect(singleWorldZoom(920)).toBe(1);
    expect(singleWorldZoom(0)).toBe(1);
  });
});
