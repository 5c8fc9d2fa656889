/**
 * Any screen, in real headless Chromium against the production build: at phone, tablet, small
 * laptop, laptop and 4K sizes (390×844, 768×1024, 1000×700, 1280×800, 3840×2160) no two controls
 * overlap (their bounding boxes, page coordinates, one control never inside another excepted), the
 * slider's year labels never run together, and the map keeps a usable height. On a 4K screen at
 * 100 % scaling the app's panels are drawn twice as large (they read as on a 1920×1080 screen),
 * and so are the map's base circles and town names (deck.gl scale props, src/map/uiScale.ts).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { uiZoomOf } from '../../src/map/uiScale';
import { ARTIFACTS } from './harness';
import { e2eSuite, settle } from './suite';

const suite = e2eSuite();

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1000, height: 700 },
  { width: 1280, height: 800 },
  { width: 3840, height: 2160 },
] as const;

/** The controls a user touches or reads, leaf elements only. */
const CONTROLS = [
  'header select',
  'header input',
  'header button',
  'header .segmented label',
  'header summary',
  '.maplibregl-ctrl button',
  '.legend-toggle',
  '[role=tab]',
  '[data-testid=timeline] button',
  '[data-testid=timeline] input',
  '[data-testid=timeline] select',
  '[data-testid=timeline] label',
  '[data-testid=year]',
  '.timeline-ticks .tick',
  '[data-testid=year-summary]',
].join(', ');

interface Box {
  /** A short description for messages: tag, class and text. */
  what: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Index of the element in the list, and the indexes of those it contains. */
  index: number;
  contains: number[];
}

/** Visible controls with their page-coordinate boxes. */
function controlBoxes(page: Page): Promise<Box[]> {
  return page.evaluate((selector) => {
    const els = [...document.querySelectorAll<HTMLElement>(selector)].filter((el) => {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      // checkVisibility: false inside a closed <details> (content-visibility: hidden) too.
      return (
        r.width > 1 &&
        r.height > 1 &&
        cs.visibility !== 'hidden' &&
        cs.display !== 'none' &&
        el.checkVisibility()
      );
    });
    return els.map((el, index) => {
      const r = el.getBoundingClientRect();
      const text = (el.textContent ?? (el as HTMLInputElement).value ?? '').trim().slice(0, 20);
      return {
        what: `${el.tagName.toLowerCase()}.${el.className}${text ? ` "${text}"` : ''}`,
        x: r.x + window.scrollX,
        y: r.y + window.scrollY,
        w: r.width,
        h: r.height,
        index,
        contains: els.flatMap((o, j) =>
          o !== el && (el.contains(o) || o.contains(el)) ? [j] : [],
        ),
      };
    });
  }, CONTROLS);
}

/**
 * Pairs of boxes that overlap by more than `slack` pixels each way (nested elements excepted):
 * 1 px, the shared border of a segmented control, or 2 px where the app is drawn twice as large.
 */
export function overlaps(boxes: readonly Box[], slack = 1): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.contains.includes(b.index)) continue;
      const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (dx > slack && dy > slack)
        out.push(`${a.what} × ${b.what} (${dx.toFixed(0)}×${dy.toFixed(0)} px)`);
    }
  return out;
}

describe('any screen (production build, headless Chromium)', () => {
  it('the overlap check finds an overlap and ignores nesting', () => {
    const box = (index: number, x: number, contains: number[] = []): Box => ({
      what: `b${index}`,
      x,
      y: 0,
      w: 10,
      h: 10,
      index,
      contains,
    });
    expect(overlaps([box(0, 0), box(1, 5)])).toEqual(['b0 × b1 (5×10 px)']);
    expect(overlaps([box(0, 0), box(1, 10)])).toEqual([]);
    expect(overlaps([box(0, 0), box(1, 8)], 2)).toEqual([]);
    expect(overlaps([box(0, 0), box(1, 7)], 2)).toEqual(['b0 × b1 (3×10 px)']);
    expect(overlaps([box(0, 0, [1]), box(1, 2, [0])])).toEqual([]);
  });

  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}×${viewport.height}`;
    it(`${size}: controls never overlap, year labels never run together, the map is usable`, async () => {
      const { page } = await suite.open(`viewport ${size}`, '?m=MINUSCA&y=2017', { viewport });
      await settle(page, 'MINUSCA:2017:');
      const boxes = await controlBoxes(page);
      expect(boxes.length).toBeGreaterThan(10);
      // On a 4K screen the panels are drawn at 2×: a shared 1 px border overlaps by 2 px.
      expect(overlaps(boxes, viewport.width >= 2880 ? 2 : 1)).toEqual([]);
      // The slider's year labels, left to right, each clear of the next.
      const ticks = boxes.filter((b) => b.what.startsWith('span.tick')).sort((a, b) => a.x - b.x);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      for (let k = 1; k < ticks.length; k++)
        expect(ticks[k]!.x).toBeGreaterThanOrEqual(ticks[k - 1]!.x + ticks[k - 1]!.w);
      // The map's own labels and base circles follow the chrome's factor (1 at 1280 px, 2 at 4K):
      // the scale props deck.gl last received for the layers drawn.
      const scales = await page.evaluate(() => {
        const h = (
          window as unknown as {
            __atlas: { layerScale: (id: string) => Record<string, number> | null };
          }
        ).__atlas;
        return { bases: h.layerScale('bases'), places: h.layerScale('basemap-place-labels') };
      });
      const k = uiZoomOf(viewport.width, viewport.height);
      expect(scales.bases).toMatchObject({ radiusScale: k, lineWidthScale: k });
      expect(scales.places).toMatchObject({ sizeScale: k });
      const map = await page.locator('.map-area').boundingBox();
      expect(map!.height).toBeGreaterThanOrEqual(Math.min(300, viewport.height * 0.5));
      expect(map!.width).toBeGreaterThanOrEqual(viewport.width * 0.6);
      if (viewport.width >= 2880) {
        // Twice as large as at 1280 px: the title's 18 px (about 21 px tall) and the side panel's
        // 360 px column.
        const title = await page.locator('header h1').boundingBox();
        expect(title!.height).toBeGreaterThanOrEqual(36);
        const panel = await page.locator('.side-panel').boundingBox();
        expect(panel!.width).toBeGreaterThanOrEqual(700);
        // The dialogs too, inside the zoomed header (Download) or outside it (Help → Data), and
        // on screen: their height limit in vh is not multiplied by the zoom.
        const dialogs = [
          { open: ['[data-testid=help-button]', '[data-testid=help-data]'], testId: 'data-help' },
          { open: ['header button:text-is("Download")'], testId: 'download-dialog' },
        ];
        for (const d of dialogs) {
          for (const sel of d.open) await page.locator(sel).click();
          const dialog = page.getByTestId(d.testId);
          await dialog.waitFor();
          const box = (await dialog.boundingBox())!;
          const heading = (await dialog.locator('h2').boundingBox())!;
          expect(box.y).toBeGreaterThanOrEqual(0);
          expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
          expect(heading.height).toBeGreaterThanOrEqual(40);
          await dialog.getByRole('button', { name: 'Close' }).click();
          await dialog.waitFor({ state: 'hidden' });
        }
      }
      await page.screenshot({ path: join(ARTIFACTS, `viewport-${size}.png`), fullPage: true });
    });
  }

  it('no page requested anything outside its origin, and the console had no errors', () => {
    suite.expectCleanPages();
  });
});
