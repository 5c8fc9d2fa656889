/**
 * "Export story" → one self-contained HTML file: built here from the standalone template
 * (`vite build --config vite.standalone.config.ts`) and the served data (`npm run story:html`'s
 * code), opened from disk with `file://` in headless Chromium, and stepped through every scene.
 * No request may leave the file: only the file itself, `data:` and `blob:` URLs.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDALONE_TEMPLATE_FILE } from '../../src/domain/standalone';
import { writeStoryHtml } from '../../src/pipeline/storyHtml';
import { findStory } from '../../src/story/stories';
import {
  ARTIFACTS,
  launchBrowser,
  openPage,
  prepareData,
  ROOT,
  type PreparedData,
} from './harness';
import { atlasHooks, settle } from './suite';

const OUT = join(ARTIFACTS, 'standalone');
const story = findStory('minusca')!;

let data: PreparedData;
let browser: Browser;
let file: string;

/** Builds the standalone template (production React) into `dir`. */
async function buildTemplate(dir: string): Promise<string> {
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.standalone.config.ts'),
    mode: 'production',
    logLevel: 'error',
    build: { outDir: dir, emptyOutDir: true },
  }).finally(() => {
    process.env.NODE_ENV = env;
  });
  return join(dir, STANDALONE_TEMPLATE_FILE);
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  data = await prepareData();
  console.info(`e2e data: ${data.reason}`);
  const template = await buildTemplate(join(OUT, 'template'));
  file = join(OUT, `${story.id}.html`);
  writeStoryHtml({ story, dataDir: data.dataDir, template, out: file });
  browser = await launchBrowser();
}, 400_000);

afterAll(async () => {
  await browser?.close();
});

describe('self-contained story file', () => {
  it('is one file with the app, the data and its own no-network policy', () => {
    const html = readFileSync(file, 'utf8');
    expect(statSync(file).size).toBeGreaterThan(1_000_000);
    expect(html).not.toMatch(/<script[^>]+\ssrc=/);
    expect(html).not.toMatch(/<link[^>]+rel="(stylesheet|modulepreload)"/);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    expect(html).toContain(`<title>${story.title} · Presence Atlas</title>`);
  });

  it('opens from disk and steps through every scene with no request leaving the file', async () => {
    const url = pathToFileURL(file).href;
    const rp = await openPage(browser, url, {
      viewport: { width: 1280, height: 720 },
      reducedMotion: true,
    });
    const { page } = rp;
    const seen: { scene: number; caption: string }[] = [];
    for (let i = 0; i < story.scenes.length; i++) {
      await settle(page, '', 90_000);
      const h = await atlasHooks<{ state: { story: { id: string; scene: number } | null } }>(page);
      // The file's story is the trainer's copy (`-own` when a shipped story has its id).
      expect(h.state.story).toEqual({ id: `${story.id}-own`, scene: i });
      const dock = page.locator('.story-dock');
      await expect
        .poll(() => dock.innerText(), { timeout: 10_000 })
        .toContain(story.scenes[i]!.title);
      const text = await dock.innerText();
      seen.push({ scene: i, caption: text });
      if (i === 0 || i === story.scenes.length - 1)
        await page.screenshot({ path: join(OUT, `scene-${i + 1}.png`) });
      if (i < story.scenes.length - 1) await page.keyboard.press('ArrowRight');
    }
    expect(seen).toHaveLength(story.scenes.length);
    // Live numbers were filled from the embedded data (no "n/a" for the first scene's figures).
    expect(seen[0]!.caption).toMatch(/\d[\d,]* troops/);
    const outside = rp.requests.filter(
      (u) => u !== url && !u.startsWith('data:') && !u.startsWith('blob:'),
    );
    expect(outside).toEqual([]);
    expect(rp.requests.filter((u) => u.startsWith('file:'))).toEqual([url]);
    const csp = rp.consoleErrors.filter((m) => /Content Security Policy/i.test(m));
    expect(csp).toEqual([]);
    expect(rp.consoleErrors.filter((m) => m.startsWith('pageerror'))).toEqual([]);
    await rp.close();
  }, 600_000);
});
