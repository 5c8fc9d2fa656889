import { describe, expect, it } from 'vitest';
import { exportCamera, PRESENTATION_SIZE } from '../../src/export/exports';
import { exportLayout } from '../../src/export/overlay';
import { freeArea, freeBounds, projector } from '../../src/map/camera';
import { dataset, deployment, deployments } from '../fixtures/factories';

function fixture() {
  const { bases, baseYears } = deployments([
    deployment({ location: 'Bangui', lat: 4.37, lon: 18.56 }, { 2014: 1000 }),
    deployment({ location: 'Obo', lat: 5.4, lon: 26.49 }, { 2014: 0 }),
  ]);
  return dataset({ bases, baseYears });
}

describe('exportCamera', () => {
  const layout = exportLayout(PRESENTATION_SIZE);

  it('shows what the user saw beside the dock inside the export’s free area', () => {
    const screen = {
      width: 1400,
      height: 900,
      padding: { top: 24, right: 444, bottom: 24, left: 24 },
    };
    const camera = { lon: 21.5, lat: 6, zoom: 6.1 };
    const seen = freeBounds(camera, screen, screen.padding);
    const cam = exportCamera(
      fixture(),
      { mission: 'MINUSCA', camera, screen },
      PRESENTATION_SIZE,
      layout,
    );
    const p = projector(cam, PRESENTATION_SIZE);
    const free = freeArea(PRESENTATION_SIZE, layout.padding);
    const [x1, y1] = p(seen[0], seen[3]);
    const [x2, y2] = p(seen[2], seen[1]);
    expect(x1).toBeGreaterThanOrEqual(free.x - 1e-6);
    expect(y1).toBeGreaterThanOrEqual(free.y - 1e-6);
    expect(x2).toBeLessThanOrEqual(free.x + free.width + 1e-6);
    expect(y2).toBeLessThanOrEqual(free.y + free.height + 1e-6);
    // As large as fits: it touches the free area on one axis.
    expect(Math.min(free.width - (x2 - x1), free.height - (y2 - y1))).toBeLessThan(1e-6);
  });

  it('fits the mission when the map follows the mission (no camera)', () => {
    const ds = fixture();
    const cam = exportCamera(
      ds,
      {
        mission: 'MINUSCA',
        camera: null,
        screen: { width: 1, height: 1, padding: { top: 0, right: 0, bottom: 0, left: 0 } },
      },
      PRESENTATION_SIZE,
      layout,
    );
    const p = projector(cam, PRESENTATION_SIZE);
    const free = freeArea(PRESENTATION_SIZE, layout.padding);
    for (const b of ds.bases) {
      const [x, y] = p(b.lon, b.lat);
      expect(x).toBeGreaterThan(free.x);
      expect(x).toBeLessThan(free.x + free.width);
      expect(y).toBeGreaterThan(free.y);
      expect(y).toBeLessThan(free.y + free.height);
    }
  });
});
