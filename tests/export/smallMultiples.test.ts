import { describe, expect, it } from 'vitest';
import {
  drawSmallMultiples,
  mercatorAspect,
  panelBaseScale,
  smallMultiplesLayout,
} from '../../src/export/smallMultiples';
import { prepareCountries } from '../../src/export/render2d';
import {
  carCell,
  cellYear,
  coverage,
  dataset,
  deployment,
  deployments,
} from '../fixtures/factories';
import { fakeContext } from './fakeCanvas';

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('smallMultiplesLayout', () => {
  it('lays 11 CAR-shaped panels out 4 × 3 at 1920×1080, inside the figure, without overlap', () => {
    const view = { width: 1920, height: 1080 };
    const l = smallMultiplesLayout(11, view, { aspect: mercatorAspect([14.4, 2.2, 27.5, 11]) });
    expect([l.cols, l.rows]).toEqual([4, 3]);
    expect(l.panels).toHaveLength(11);
    for (const [i, p] of l.panels.entries()) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeGreaterThanOrEqual(l.header.height);
      expect(p.x + p.width).toBeLessThanOrEqual(l.legend.x);
      expect(p.y + p.height).toBeLessThanOrEqual(l.footer.y);
      for (const q of l.panels.slice(i + 1)) expect(overlaps(p, q)).toBe(false);
    }
    // All panels the same size: a shared scale.
    expect(new Set(l.panels.map((p) => `${p.width}x${p.height}`)).size).toBe(1);
  });

  it('picks the column count that makes panels largest', () => {
    const view = { width: 1920, height: 1080 };
    for (const n of [1, 2, 5, 11, 20]) {
      const l = smallMultiplesLayout(n, view, { aspect: 1.4 });
      const area = l.panels[0]!.width * l.panels[0]!.height;
      for (let cols = 1; cols <= n; cols++) {
        const rows = Math.ceil(n / cols);
        const gw = view.width - l.legend.width - 14 - 3 * 14;
        const w = Math.min(
          (gw - (cols - 1) * 14) / cols,
          ((l.footer.y - 14 - l.header.height - (rows - 1) * 14) / rows) * 1.4,
        );
        expect(area).toBeGreaterThanOrEqual((w * w) / 1.4 - 1e3);
      }
    }
  });

  it('shares one base scale, smaller for smaller panels', () => {
    expect(panelBaseScale(350)).toBeLessThan(panelBaseScale(700));
    expect(panelBaseScale(2000)).toBe(1);
    expect(panelBaseScale(10)).toBe(0.35);
  });
});

describe('drawSmallMultiples', () => {
  it('draws one panel per year, labels each, and marks years without violence data', () => {
    const { bases, baseYears } = deployments([
      deployment({ location: 'Bangui', gid: carCell() }, { 2021: 1000, 2022: 1200, 2023: 1300 }),
    ]);
    const ds = dataset({
      bases,
      baseYears,
      cellYears: [
        cellYear({ gid: carCell(), year: 2021, nonstate: 30 }),
        cellYear({ gid: carCell(1, 0), year: 2022, state: 7 }),
      ],
      coverage: coverage({ years: [1989, 2022] }),
    });
    const countries = prepareCountries({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: 'Central African Republic', host: true },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [14, 2],
                [28, 2],
                [28, 11],
                [14, 11],
                [14, 2],
              ],
            ],
          },
        },
      ],
    });
    const f = fakeContext();
    const r = drawSmallMultiples(f.ctx, {
      dataset: ds,
      countries,
      mission: 'MINUSCA',
      perpetrator: 'all',
      width: 1920,
      height: 1080,
    });
    expect(r.panels.map((p) => [p.year, p.hasData, p.cells, p.fatalities, p.troops])).toEqual([
      [2021, true, 1, 30, 1000],
      [2022, true, 1, 7, 1200],
      [2023, false, 0, null, 1300],
    ]);
    const t = f.texts();
    for (const y of ['2021', '2022', '2023']) expect(t).toContain(y);
    expect(t).toContain('no violence data');
    expect(t).toContain('30 killed · 1,000 troops');
    expect(t).toContain('no violence data · 1,300 troops');
    expect(t).toContain('No violence data loaded (not zero)');
    expect(t.some((s) => s.startsWith('Data: UCDP GED 23.1'))).toBe(true);
    expect(t[0]).toBe('MINUSCA 2021–2023: one-sided violence and peacekeeping bases by year');
  });
});
