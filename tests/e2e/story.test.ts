/**
 * Case-study mode and exports in real headless Chromium against the production build: the MINUSCA
 * story opened by link and stepped through with the keyboard (every caption with its live numbers,
 * checked against numbers computed here from the served data), a screenshot per scene, leaving
 * with Esc, and the PNG, small-multiples and video exports (size, not blank, frame count and
 * duration).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_FORMATS, BufferSource, EncodedPacketSink, Input } from 'mediabunny';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { analyzeMission, flaggedEpisodesInYear } from '../../src/domain/lag';
import { projector } from '../../src/map/camera';
import { sceneToState } from '../../src/story/scene';
import { createSceneFacts } from '../../src/story/sceneFacts';
import { findStory } from '../../src/story/stories';
import { defaultState } from '../../src/state/state';
import { presenterLayout } from '../../src/ui/story/layout';
import { ARTIFACTS, waitForRender } from './harness';
import { atlasHooks, e2eSuite, installPngDecoder, settle, type PngPixels } from './suite';

const SHOTS = join(ARTIFACTS, 'story');
const VIEW = { width: 1600, height: 900 };
const suite = e2eSuite({ artifacts: SHOTS, viewport: VIEW });
const open = (name: string, query = '') => suite.open(name, query);
const story = findStory('minusca')!;

interface Hooks {
  state: {
    year: number;
    perpetrator: string;
    story: { id: string; scene: number } | null;
    camera: { lon: number; lat: number; zoom: number } | null;
    layers: Record<string, boolean>;
  };
  rendered: { key: string; counts: Record<string, number> };
  project: (lon: number, lat: number) => [number, number];
}

async function hooks(page: Page): Promise<Hooks['state']> {
  return (await atlasHooks<Hooks>(page)).state;
}

/** The last export's record and its bytes (base64). */
async function lastExport(page: Page, kind: string, nth = 1, timeout = 120_000) {
  await page.waitForFunction(
    ([k, n]) =>
      ((window as unknown as { __atlasExports?: { kind: string }[] }).__atlasExports ?? []).filter(
        (e) => e.kind === k,
      ).length >= n,
    [kind, nth] as const,
    { timeout },
  );
  return page.evaluate(async (k) => {
    const list = (
      window as unknown as {
        __atlasExports: { kind: string; url: string; [key: string]: unknown }[];
      }
    ).__atlasExports.filter((e) => e.kind === k);
    const rec = list[list.length - 1]!;
    const buf = new Uint8Array(await (await fetch(rec.url)).arrayBuffer());
    let bin = '';
    for (let i = 0; i < buf.length; i += 0x8000)
      bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
    return { rec, base64: btoa(bin) };
  }, kind);
}

/** Size and pixel statistics of a PNG, decoded by the browser. */
async function pngStats(page: Page, base64: string, region?: [number, number, number, number]) {
  await installPngDecoder(page);
  return page.evaluate(
    async ([b64, r]) => {
      const decode = (window as unknown as { __pngPixels: PngPixels }).__pngPixels;
      const { width, height, data: px } = await decode(b64, r);
      let n = 0;
      let sum = 0;
      let sq = 0;
      const distinct = new Set<number>();
      for (let i = 0; i < px.length; i += 4 * 5) {
        const l = 0.299 * px[i]! + 0.587 * px[i + 1]! + 0.114 * px[i + 2]!;
        n++;
        sum += l;
        sq += l * l;
        distinct.add((px[i]! >> 3) * 1024 + (px[i + 1]! >> 3) * 32 + (px[i + 2]! >> 3));
      }
      const mean = sum / n;
      return {
        width,
        height,
        variance: sq / n - mean * mean,
        distinct: distinct.size,
      };
    },
    [base64, region ?? null] as const,
  );
}

/** Frames and total delay (1/100 s) of a GIF, by walking its blocks. */
function gifFrames(g: Buffer): { frames: number; cs: number } {
  let i = 13;
  const table = (flags: number) => (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0);
  i += table(g[10]!);
  const skipSubBlocks = () => {
    while (g[i]! !== 0) i += g[i]! + 1;
    i++;
  };
  let frames = 0;
  let cs = 0;
  while (i < g.length) {
    const b = g[i]!;
    if (b === 0x3b) break;
    if (b === 0x21) {
      if (g[i + 1] === 0xf9) cs += g[i + 4]! + 256 * g[i + 5]!;
      i += 2;
      skipSubBlocks();
    } else if (b === 0x2c) {
      frames++;
      i += 10 + table(g[i + 9]!) + 1;
      skipSubBlocks();
    } else throw new Error(`unexpected GIF block 0x${b.toString(16)} at ${i}`);
  }
  return { frames, cs };
}

describe('case-study mode (production build, headless Chromium)', () => {
  it('opens the MINUSCA story by link and steps through every scene with the keyboard', async () => {
    const { data } = suite;
    // Real MINUSCA data: built from ../shared/data, or the committed demo (MINUSCA kept whole).
    expect(['built', 'demo']).toContain(suite.app.data.source);
    const facts = createSceneFacts(data);
    const layout = presenterLayout(VIEW);
    const base = defaultState(data.missions);
    const { page } = await open('story', '?story=minusca&scene=0');
    const dock = page.locator('[data-testid=story-dock]');
    await dock.waitFor({ timeout: 30_000 });
    // The normal app's chrome is hidden: the map and the dock fill the screen.
    expect(await page.locator('[data-testid=mission-picker]').isVisible()).toBe(false);
    const n = story.scenes.length;
    for (let i = 0; i < n; i++) {
      const scene = story.scenes[i]!;
      const plan = sceneToState(scene, story, base, data, { ...VIEW, padding: layout.padding });
      const { to } = plan.years;
      const perp = plan.patch.perpetrator;
      if (i > 0) await page.keyboard.press(i % 3 === 0 ? 'PageDown' : 'ArrowRight');
      await page.waitForFunction(
        (k) => document.querySelector('[data-testid=story-progress]')?.textContent === k,
        `Scene ${i + 1} of ${n}`,
      );
      // A range scene plays its years; wait for the last one.
      await settle(page, `MINUSCA:${to}:${perp}`, 30_000);
      const s = await hooks(page);
      expect(s.story).toEqual({ id: 'minusca', scene: i });
      expect(s.year).toBe(to);
      expect(s.perpetrator).toBe(perp);
      expect(s.layers.flags).toBe(plan.patch.layers.flags);
      // The flags are the app's one lag layer, computed with the scene's lag parameters.
      const { rendered } = await atlasHooks<Hooks>(page);
      if (plan.patch.layers.flags) {
        const { theta, reach, window, delta } = plan.patch.lag;
        expect(rendered.key).toContain(`lag=${theta},${reach},${window},${delta}`);
        const lag = analyzeMission(data, 'MINUSCA', { ...plan.patch.lag, perpetrator: perp });
        expect(rendered.counts.flags, `scene ${i + 1}`).toBe(
          flaggedEpisodesInYear(lag.episodes, to).length,
        );
      } else expect(rendered.counts.flags).toBe(0);
      const caption = (await page.textContent('[data-testid=story-caption]')) ?? '';
      const expected = facts.caption(story, scene, to);
      expect(caption, `scene ${i + 1}`).toBe(expected.text);
      expect(caption).not.toMatch(/[{}]/);
      expect(caption).not.toContain('n/a');
      expect(expected.missing).toEqual([]);
      expect(await page.textContent('[data-testid=story-title]')).toBe(scene.title);
      // The camera ended where the scene puts it: its centre in the middle of the map.
      const [cx, cy] = await page.evaluate(
        ([lon, lat]) => (window as unknown as { __atlas: Hooks }).__atlas.project(lon!, lat!),
        [plan.patch.camera!.lon, plan.patch.camera!.lat],
      );
      expect(Math.abs(cx - VIEW.width / 2)).toBeLessThan(3);
      expect(Math.abs(cy - VIEW.height / 2)).toBeLessThan(3);
      // Every highlighted base lies in the part of the map the dock leaves free.
      const p = projector(plan.patch.camera!, VIEW);
      for (const id of plan.highlightBases) {
        const b = data.bases.find((x) => x.id === id)!;
        const [x] = p(b.lon, b.lat);
        expect(x).toBeLessThan(VIEW.width - layout.dockSize);
      }
      await page.waitForFunction(
        (k) => window.location.search.includes(k),
        `story=minusca&scene=${i}`,
      );
      await page.screenshot({
        path: join(SHOTS, `${String(i + 1).padStart(2, '0')}-${scene.id}.png`),
      });
    }
    // Clicker back, Home and End.
    await page.keyboard.press('PageUp');
    await page.waitForFunction(
      (k) => document.querySelector('[data-testid=story-progress]')?.textContent === k,
      `Scene ${n - 1} of ${n}`,
    );
    await page.keyboard.press('Home');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=story-progress]')?.textContent?.startsWith('Scene 1 '),
    );
    await page.keyboard.press('End');
    await page.waitForFunction(
      (k) => document.querySelector('[data-testid=story-progress]')?.textContent === k,
      `Scene ${n} of ${n}`,
    );
    await waitForRender(page, 'MINUSCA:2017:all');
    const before = await hooks(page);
    // Esc leaves to the normal app in the same view.
    await page.keyboard.press('Escape');
    await dock.waitFor({ state: 'detached' });
    await page.locator('[data-testid=mission-picker]').waitFor({ state: 'visible' });
    const after = await hooks(page);
    expect(after.story).toBeNull();
    expect(after.year).toBe(before.year);
    expect(after.perpetrator).toBe(before.perpetrator);
    expect(after.layers).toEqual(before.layers);
    await page.waitForFunction(() => !window.location.search.includes('story='));
    await page.screenshot({ path: join(SHOTS, 'after-exit.png') });
  }, 240_000);

  it('jumps instead of flying under reduced motion', async () => {
    const { page } = await open('story-reduced', '?story=minusca&scene=1');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.locator('[data-testid=story-dock]').waitFor({ timeout: 30_000 });
    await settle(page, 'MINUSCA:2014:all');
    const layout = presenterLayout(VIEW);
    const scene = story.scenes[2]!;
    const { data } = suite;
    const plan = sceneToState(scene, story, defaultState(data.missions), data, {
      ...VIEW,
      padding: layout.padding,
    });
    await page.keyboard.press('ArrowRight');
    await settle(page, 'MINUSCA:2015:all');
    const [cx, cy] = await page.evaluate(
      ([lon, lat]) => (window as unknown as { __atlas: Hooks }).__atlas.project(lon!, lat!),
      [plan.patch.camera!.lon, plan.patch.camera!.lat],
    );
    expect(Math.abs(cx - VIEW.width / 2)).toBeLessThan(3);
    expect(Math.abs(cy - VIEW.height / 2)).toBeLessThan(3);
  }, 90_000);

  it('exports the view as a 1920×1080 PNG that is not blank', async () => {
    const { page } = await open('export-png', '?m=MINUSCA&y=2017&tab=story');
    await settle(page, 'MINUSCA:2017:all');
    await page.locator('[data-testid=export-png]').click();
    const { rec, base64 } = await lastExport(page, 'view-png');
    writeFileSync(join(SHOTS, 'export-view-2017.png'), Buffer.from(base64, 'base64'));
    expect(rec).toMatchObject({ width: 1920, height: 1080, mimeType: 'image/png' });
    expect(rec.source).toBe('live');
    const whole = await pngStats(page, base64);
    expect([whole.width, whole.height]).toEqual([1920, 1080]);
    expect(whole.variance).toBeGreaterThan(100);
    // The map part (left of the dock) has the basemap and the data in it.
    const map = await pngStats(page, base64, [0, 0, 1200, 1000]);
    expect(map.distinct).toBeGreaterThan(30);
    expect(map.variance).toBeGreaterThan(50);
    // The page's own map is back at its size after the capture.
    const box = (await page.locator('[data-testid=map]').boundingBox())!;
    expect(box.width).toBeLessThan(1400);
    expect(await page.locator('[data-testid=export-message]').textContent()).toContain('Saved');
  }, 120_000);

  it('exports the small multiples as a 1920×1080 PNG with one panel per year', async () => {
    const { page } = await open('export-sm', '?m=MINUSCA&y=2014&tab=story');
    await waitForRender(page, 'MINUSCA:2014:all');
    await page.locator('[data-testid=export-small-multiples]').click();
    const { rec, base64 } = await lastExport(page, 'small-multiples-png');
    writeFileSync(join(SHOTS, 'export-small-multiples.png'), Buffer.from(base64, 'base64'));
    expect(rec).toMatchObject({ width: 1920, height: 1080 });
    const stats = await pngStats(page, base64);
    expect(stats.variance).toBeGreaterThan(100);
    expect(stats.distinct).toBeGreaterThan(30);
  }, 120_000);

  it('exports 2 years at 10 fps as a WebM of 20 frames and 2 s, and as a GIF of 20 frames', async () => {
    const { page } = await open('export-video', '?m=MINUSCA&y=2014&tab=story');
    await waitForRender(page, 'MINUSCA:2014:all');
    await page.selectOption('[data-testid=video-from]', '2014');
    await page.selectOption('[data-testid=video-to]', '2015');
    await page.fill('[data-testid=video-spy]', '1');
    await page.selectOption('[data-testid=video-fps]', '10');
    await page.selectOption('[data-testid=video-format]', 'webm');
    await page.locator('[data-testid=export-video]').click();
    const webm = await lastExport(page, 'range-video');
    const bytes = Buffer.from(webm.base64, 'base64');
    writeFileSync(join(SHOTS, 'export-2014-2015.webm'), bytes);
    expect(webm.rec).toMatchObject({ frames: 20, seconds: 2, fps: 10, mimeType: 'video/webm' });
    const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
    expect(await input.computeDuration()).toBeCloseTo(2, 2);
    const track = (await input.getPrimaryVideoTrack())!;
    expect([track.displayWidth, track.displayHeight]).toEqual([1920, 1080]);
    const stamps: number[] = [];
    for await (const p of new EncodedPacketSink(track).packets()) stamps.push(p.timestamp);
    expect(stamps).toHaveLength(20);
    stamps.sort((a, b) => a - b).forEach((t, i) => expect(t).toBeCloseTo(i / 10, 6));

    await page.selectOption('[data-testid=video-format]', 'gif');
    await page.locator('[data-testid=export-video]').click();
    const gif = await lastExport(page, 'range-video', 2);
    expect(gif.rec.mimeType).toBe('image/gif');
    const g = Buffer.from(gif.base64, 'base64');
    expect(g.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    const { frames, cs } = gifFrames(g);
    expect(frames).toBe(20);
    expect(cs).toBe(200);
    // GIF is 1920×1080 only: the 4K size cannot be chosen with it.
    await expect(
      page.locator('[data-testid=video-size] option[value="2"]').isDisabled(),
    ).resolves.toBe(true);

    // 4K WebM, kept short for software encoding: one year at half a second, 5 frames at 10 fps.
    await page.selectOption('[data-testid=video-format]', 'webm');
    await page.selectOption('[data-testid=video-size]', '2');
    await page.selectOption('[data-testid=video-to]', '2014');
    await page.fill('[data-testid=video-spy]', '0.5');
    await page.locator('[data-testid=export-video]').click();
    const uhd = await lastExport(page, 'range-video', 3);
    expect(uhd.rec).toMatchObject({ frames: 5, width: 3840, height: 2160 });
    expect(uhd.rec.filename).toMatch(/_2160p_10fps\.webm$/);
    const uhdTrack = (await new Input({
      source: new BufferSource(Buffer.from(uhd.base64, 'base64')),
      formats: ALL_FORMATS,
    }).getPrimaryVideoTrack())!;
    expect([uhdTrack.displayWidth, uhdTrack.displayHeight]).toEqual([3840, 2160]);
  }, 300_000);

  it('no page requested anything outside its origin, and the console had no errors', () =>
    suite.expectCleanPages());
});
