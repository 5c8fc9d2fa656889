/**
 * Present anywhere, in real headless Chromium against the production build: the presenter fills
 * a phone (portrait and landscape), a tablet, a laptop and a 4K projector (the map uses the whole
 * screen, the dock fits it, nothing overflows sideways, the top rows of the screen show what
 * the map drew there and not a blank strip; a screenshot of each); Esc leaves
 * fullscreen first and the presentation only on a second press; the presenter-notes window
 * (`?story=…&notes=1`) follows the presenter and moves it, over a same-origin BroadcastChannel.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findStory } from '../../src/story/stories';
import { ESC_FULLSCREEN_GRACE_MS } from '../../src/ui/story/keys';
import { ARTIFACTS } from './harness';
import { atlasHooks, e2eSuite, settle } from './suite';

const SHOTS = join(ARTIFACTS, 'present');
const suite = e2eSuite({ artifacts: SHOTS, viewport: { width: 1280, height: 800 } });
const story = findStory('minusca')!;

const progress = (page: Page) =>
  page.locator('[data-testid=story-progress]').textContent({ timeout: 30_000 });

async function storyState(page: Page): Promise<{ id: string; scene: number } | null> {
  return (await atlasHooks<{ state: { story: { id: string; scene: number } | null } }>(page)).state
    .story;
}

/** How the top rows of the map, as the screen shows them, compare with what the map drew. */
interface TopRows {
  /** Pixels compared (every third, outside the dock). */
  total: number;
  /** Of those, how many on screen differ clearly from the map's own canvases. */
  differing: number;
  /** Distinct colours (5 bits per channel) on screen in those rows. */
  distinct: number;
  /** Of the compared pixels, how many on screen show the map's water colour. */
  water: number;
  /**
   * Of those, how many are pure white on screen where the map drew another colour (a culled
   * strip shows the page's white; the host country's near-white land is too close to it for the
   * plain difference above).
   */
  blankWhite: number;
}

/**
 * The top `rows` of the map area in a screenshot (the composited screen, where Chromium's
 * culling of the map's canvases under an opaque dock once left a blank strip) against the same
 * rows of the map's canvases drawn by hand: what the map drew must be what the screen shows.
 * The dock and its shadow are left out (it may lie over those rows, e.g. on the right).
 */
async function topRows(page: Page, rows: number): Promise<TopRows> {
  const shot = (await page.screenshot()).toString('base64');
  return page.evaluate(
    async ([b64, n]) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const root = document.querySelector('.atlas-map')!;
      const m = root.getBoundingClientRect();
      const dock = document.querySelector('[data-testid=story-dock]')!.getBoundingClientRect();
      const w = Math.round(m.width);
      const screen = document.createElement('canvas');
      screen.width = w;
      screen.height = n;
      const sctx = screen.getContext('2d')!;
      sctx.drawImage(bmp, m.x, m.y, w, n, 0, 0, w, n);
      const drawn = document.createElement('canvas');
      drawn.width = w;
      drawn.height = Math.round(m.height);
      const dctx = drawn.getContext('2d')!;
      for (const c of root.querySelectorAll('canvas')) dctx.drawImage(c, 0, 0, w, drawn.height);
      const a = sctx.getImageData(0, 0, w, n).data;
      const b = dctx.getImageData(0, 0, w, n).data;
      let total = 0;
      let differing = 0;
      let water = 0;
      let blankWhite = 0;
      const distinct = new Set<number>();
      for (let y = 0; y < n; y++)
        for (let x = 0; x < w; x += 3) {
          const cx = m.x + x;
          const cy = m.y + y;
          // The dock and its shadow (24 px blur) are left out.
          const pad = 28;
          if (
            cx >= dock.left - pad &&
            cx < dock.right + pad &&
            cy >= dock.top - pad &&
            cy < dock.bottom + pad
          )
            continue;
          const i = 4 * (y * w + x);
          total++;
          const d =
            Math.abs(a[i]! - b[i]!) +
            Math.abs(a[i + 1]! - b[i + 1]!) +
            Math.abs(a[i + 2]! - b[i + 2]!);
          if (d > 60) differing++;
          const white = a[i] === 255 && a[i + 1] === 255 && a[i + 2] === 255;
          if (white && !(b[i] === 255 && b[i + 1] === 255 && b[i + 2] === 255)) blankWhite++;
          // The basemap's water (#d9e3ea), the style's background.
          if (Math.abs(a[i]! - 0xd9) + Math.abs(a[i + 1]! - 0xe3) + Math.abs(a[i + 2]! - 0xea) < 12)
            water++;
          distinct.add((a[i]! >> 3) * 1024 + (a[i + 1]! >> 3) * 32 + (a[i + 2]! >> 3));
        }
      return { total, differing, distinct: distinct.size, water, blankWhite };
    },
    [shot, rows] as const,
  );
}

describe('the presenter on every screen', () => {
  for (const [name, viewport] of [
    ['phone-portrait', { width: 390, height: 844 }],
    ['phone-landscape', { width: 844, height: 390 }],
    ['tablet', { width: 820, height: 1180 }],
    ['laptop', { width: 1280, height: 800 }],
    ['projector-4k', { width: 3840, height: 2160 }],
  ] as const) {
    it(`fits ${name} ${viewport.width}×${viewport.height}`, async () => {
      const { page } = await suite.open(name, '?story=minusca&scene=2', { viewport });
      const dock = page.locator('[data-testid=story-dock]');
      await dock.waitFor({ timeout: 150_000 });
      await settle(page, 'MINUSCA:2015:all', viewport.width > 2000 ? 240_000 : 90_000);
      const boxes = await page.evaluate(() => {
        const r = (sel: string) => {
          const b = document.querySelector(sel)!.getBoundingClientRect();
          return { x: b.x, y: b.y, width: b.width, height: b.height };
        };
        const caption = document.querySelector('[data-testid=story-caption]')!;
        return {
          map: r('.map-area'),
          canvas: r('.atlas-map canvas'),
          dock: r('[data-testid=story-dock]'),
          nav: r('.story-nav'),
          scrollWidth: document.documentElement.scrollWidth,
          captionVisible: caption.getBoundingClientRect().height > 0,
        };
      });
      await page.screenshot({ path: join(SHOTS, `${name}.png`) });
      // The map covers the whole screen (no blank half), the dock lies inside it.
      expect(boxes.map).toEqual({ x: 0, y: 0, ...viewport });
      expect(boxes.canvas.width).toBeGreaterThanOrEqual(viewport.width - 1);
      expect(boxes.canvas.height).toBeGreaterThanOrEqual(viewport.height - 1);
      expect(boxes.scrollWidth).toBeLessThanOrEqual(viewport.width);
      expect(boxes.dock.x).toBeGreaterThanOrEqual(0);
      expect(boxes.dock.y).toBeGreaterThanOrEqual(0);
      expect(boxes.dock.x + boxes.dock.width).toBeLessThanOrEqual(viewport.width + 0.5);
      expect(boxes.dock.y + boxes.dock.height).toBeLessThanOrEqual(viewport.height + 0.5);
      // At least 40 % of the screen is map, free of the dock.
      const free = viewport.width * viewport.height - boxes.dock.width * boxes.dock.height;
      expect(free / (viewport.width * viewport.height)).toBeGreaterThan(0.4);
      // The scene navigation and the caption are on screen.
      expect(boxes.nav.y + boxes.nav.height).toBeLessThanOrEqual(viewport.height + 0.5);
      expect(boxes.captionVisible).toBe(true);
      // No blank strip at the top (issue 15: Chromium culled a strip of the map's canvases as
      // tall as an opaque bottom dock, at the TOP of the screen; see story.css): the screen's top
      // rows show what the map drew there, and that is a map, not one flat colour.
      const top = await topRows(page, Math.round(Math.min(viewport.height / 4, 200)));
      expect(top.total).toBeGreaterThan(1000);
      console.info(`${name}: top rows`, top);
      expect(top.differing / top.total).toBeLessThan(0.02);
      expect(top.blankWhite / top.total).toBeLessThan(0.02);
      expect(top.distinct).toBeGreaterThan(3);
      expect(top.water / top.total).toBeLessThan(0.98);
    }, 360_000);
  }
});

describe('Esc and the notes window', () => {
  it('Esc leaves fullscreen first, then the presentation', async () => {
    const { page } = await suite.open('esc', '?story=minusca&scene=1');
    await page.locator('[data-testid=story-dock]').waitFor({ timeout: 60_000 });
    await settle(page, 'MINUSCA:2014:all', 60_000);
    // Records when the page leaves fullscreen (the second Esc must come after the grace period
    // in which an Esc counts as the press that left fullscreen).
    await page.evaluate(() => {
      document.addEventListener('fullscreenchange', () => {
        if (!document.fullscreenElement)
          (window as unknown as { __leftFs: number }).__leftFs = performance.now();
      });
    });
    await page.getByRole('button', { name: 'Fullscreen' }).click();
    await page.waitForFunction(() => document.fullscreenElement !== null);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.fullscreenElement === null);
    await page.waitForFunction(
      (grace) =>
        performance.now() - ((window as unknown as { __leftFs?: number }).__leftFs ?? 0) > grace,
      ESC_FULLSCREEN_GRACE_MS,
    );
    // Still presenting, on the same scene.
    expect(await storyState(page)).toEqual({ id: 'minusca', scene: 1 });
    await expect(page.locator('[data-testid=story-dock]').isVisible()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=story-dock]').waitFor({ state: 'detached', timeout: 60_000 });
    expect(await storyState(page)).toBeNull();
  }, 180_000);

  it('the notes window shows the scene, its notes and the next title, in step both ways', async () => {
    const main = await suite.open('notes-presenter', '?story=minusca&scene=0');
    const { page } = main;
    await page.locator('[data-testid=story-dock]').waitFor({ timeout: 60_000 });
    await settle(page, 'MINUSCA:2014:all', 60_000);
    // The second window: same browser context (same origin), as window.open would give.
    const notes = await page.context().newPage();
    const errors: string[] = [];
    notes.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const requests: string[] = [];
    notes.on('request', (r) => requests.push(r.url()));
    await notes.setViewportSize({ width: 720, height: 640 });
    await notes.goto(`${suite.app.url}?story=minusca&scene=0&notes=1`);
    const title = notes.locator('[data-testid=notes-title]');
    await title.waitFor();
    await notes.waitForFunction(
      (t) => document.querySelector('[data-testid=notes-title]')?.textContent === t,
      story.scenes[0]!.title,
    );
    expect(await notes.locator('[data-testid=notes-next]').textContent()).toBe(
      `Next: ${story.scenes[1]!.title}`,
    );
    expect(await notes.locator('[data-testid=notes-text]').textContent()).toBe(
      story.scenes[0]!.notes ?? 'No notes for this scene.',
    );
    await notes.screenshot({ path: join(SHOTS, 'notes-window.png') });
    // The presenter moves on: the notes follow.
    await page.keyboard.press('ArrowRight');
    await notes.waitForFunction(
      (t) => document.querySelector('[data-testid=notes-title]')?.textContent === t,
      story.scenes[1]!.title,
    );
    expect(await notes.locator('[data-testid=notes-progress]').textContent()).toBe(
      `Scene 2 of ${story.scenes.length}`,
    );
    expect(await notes.locator('[data-testid=notes-next]').textContent()).toBe(
      `Next: ${story.scenes[2]!.title}`,
    );
    // The notes window moves the presenter.
    await notes.locator('[data-testid=notes-next-button]').click();
    await page.waitForFunction(
      (k) => document.querySelector('[data-testid=story-progress]')?.textContent === k,
      `Scene 3 of ${story.scenes.length}`,
    );
    expect(await progress(page)).toBe(`Scene 3 of ${story.scenes.length}`);
    await notes.waitForFunction(
      (t) => document.querySelector('[data-testid=notes-title]')?.textContent === t,
      story.scenes[2]!.title,
    );
    // Nothing left the origin; no error.
    expect(requests.filter((u) => !u.startsWith(suite.app.origin))).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);

  it('no page left the origin or logged an error', () => {
    suite.expectCleanPages();
  });
});
