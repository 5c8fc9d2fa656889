/**
 * The "Export story (HTML, works offline)" button in real Chromium against the production build
 * (whose `standalone.html` template every production build writes: `standaloneTemplatePlugin` in
 * vite.config.ts): click it in the Case-study tab, capture the download, open the saved file with
 * `file://` in a fresh context and see the story's first scene, with no request leaving the file
 * (only the file itself, `data:` and `blob:` URLs) and no console error.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STANDALONE_TEMPLATE_FILE } from '../../src/domain/standalone';
import { findStory } from '../../src/story/stories';
import { ARTIFACTS, openPage } from './harness';
import { atlasHooks, e2eSuite, settle } from './suite';

const SHOTS = join(ARTIFACTS, 'export-story');
const VIEW = { width: 1280, height: 800 };
const suite = e2eSuite({ artifacts: SHOTS, viewport: VIEW });
const story = findStory('minusca')!;

describe('"Export story" in the Case-study tab', () => {
  it('the production build carries the offline template beside index.html', () => {
    const template = join(suite.app.outDir, STANDALONE_TEMPLATE_FILE);
    expect(existsSync(template)).toBe(true);
    expect(readFileSync(template, 'utf8')).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/,
    );
  });

  it('saves one HTML file that opens from disk at the first scene, no request leaving the file', async () => {
    const { page } = await suite.open('export-story', '?tab=story');
    await settle(page, '', 120_000);
    const button = page.getByTestId(`export-html-${story.id}`);
    await expect.poll(() => button.innerText()).toBe('Export story (HTML, works offline)');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 180_000 }),
      button.click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${story.id}.story.html`);
    const file = join(SHOTS, download.suggestedFilename());
    await download.saveAs(file);
    await expect
      .poll(() => page.getByTestId('story-html-status').innerText(), { timeout: 30_000 })
      .toMatch(new RegExp(`^Saved ${story.id}\\.story\\.html \\(\\d+\\.\\d MB\\)`));
    // The app, the data and the basemap are in the one file.
    expect(statSync(file).size).toBeGreaterThan(1_000_000);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script[^>]+\ssrc=/);
    expect(html).not.toMatch(/<link[^>]+rel="(stylesheet|modulepreload)"/);

    const url = pathToFileURL(file).href;
    const rp = await openPage(suite.browser, url, { viewport: VIEW, reducedMotion: true });
    try {
      await settle(rp.page, '', 90_000);
      const h = await atlasHooks<{ state: { story: { id: string; scene: number } | null } }>(
        rp.page,
      );
      // The file's story is the trainer's copy (`-own`: a shipped story has the id).
      expect(h.state.story).toEqual({ id: `${story.id}-own`, scene: 0 });
      const dock = rp.page.locator('.story-dock');
      await expect
        .poll(() => dock.innerText(), { timeout: 10_000 })
        .toContain(story.scenes[0]!.title);
      // Live numbers filled from the embedded data.
      expect(await dock.innerText()).toMatch(/\d[\d,]* troops/);
      await rp.page.screenshot({ path: join(SHOTS, 'opened-from-disk.png') });
      const outside = rp.requests.filter(
        (u) => u !== url && !u.startsWith('data:') && !u.startsWith('blob:'),
      );
      expect(outside).toEqual([]);
      expect(rp.requests.filter((u) => u.startsWith('file:'))).toEqual([url]);
      expect(rp.consoleErrors).toEqual([]);
    } finally {
      await rp.close();
    }
  }, 400_000);

  it('the app page made no request outside its origin and logged no error', () => {
    suite.expectCleanPages();
  });
});
