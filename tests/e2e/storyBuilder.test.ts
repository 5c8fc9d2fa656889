/**
 * The story builder in real Chromium: capture the view as a scene with a caption typed through
 * the live-figure autocompletion (keyboard only), a second scene, reorder with the keyboard,
 * delete, a reload that keeps the story, a story file with errors named by scene and field, and
 * screenshots of the builder at 390 and 1280 px.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS } from './harness';
import { atlasHooks, e2eSuite, settle } from './suite';

const SHOTS = join(ARTIFACTS, 'story-builder');
const suite = e2eSuite({ artifacts: SHOTS });

interface State {
  year: number;
  storyDraft: { mission: string; scenes: { id: string; title: string; caption: string }[] } | null;
}
const draft = async (page: Page) => (await atlasHooks<{ state: State }>(page)).state.storyDraft;

async function addScene(page: Page, title: string, typed: string[]): Promise<void> {
  await page.getByTestId('builder-title').fill(title);
  const cap = page.getByTestId('builder-caption');
  await cap.focus();
  for (const t of typed) {
    if (t === '\n') await page.keyboard.press('Enter');
    else if (t === '↓') await page.keyboard.press('ArrowDown');
    else await page.keyboard.type(t);
  }
  await page.getByTestId('builder-add').click();
}

describe('story builder', () => {
  for (const width of [1280, 390]) {
    it(`builds, reorders, deletes and keeps a story (${width} px)`, async () => {
      const { page } = await suite.open(`builder-${width}`, '?tab=story&y=2015', {
        viewport: { width, height: width === 390 ? 844 : 800 },
      });
      await settle(page, '', 120_000);
      await page.evaluate(() => localStorage.clear());
      const builder = page.getByTestId('story-builder');
      await builder.scrollIntoViewIfNeeded();

      // Autocompletion: "{tro" lists troops first; Enter inserts "{troops}".
      await page.getByTestId('builder-title').fill('Bangui');
      await page.getByTestId('builder-caption').focus();
      await page.keyboard.type('In {year}, {tro');
      const list = page.getByTestId('builder-caption-facts');
      await expect.poll(() => list.isVisible()).toBe(true);
      const first = await list.getByRole('option').first().innerText();
      expect(first).toContain('{troops}');
      expect(await page.getByTestId('builder-caption').getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('Enter');
      await page.keyboard.type(' troops.');
      expect(await page.getByTestId('builder-caption').inputValue()).toBe(
        'In {year}, {troops} troops.',
      );
      // The preview fills the figures for the view shown.
      const preview = await page.getByTestId('builder-caption-preview').innerText();
      expect(preview).toMatch(/In 2015, [\d,]+ troops\./);
      await page.screenshot({ path: join(SHOTS, `builder-typing-${width}.png`), fullPage: false });
      await page.getByTestId('builder-add').click();

      await addScene(page, 'Bria', ['Deaths: {fatal', '\n', '.']);
      await addScene(page, 'Obo', ['{bases} bases.']);
      let d = await draft(page);
      expect(d?.scenes.map((s) => s.title)).toEqual(['Bangui', 'Bria', 'Obo']);
      expect(d?.scenes[1]?.caption).toBe('Deaths: {fatalities}.');

      // Reorder with the keyboard: focus "Move Obo up", Enter twice → Obo first, focus kept.
      await page.getByRole('button', { name: 'Move “Obo” up' }).focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      d = await draft(page);
      expect(d?.scenes.map((s) => s.title)).toEqual(['Obo', 'Bangui', 'Bria']);
      // At the top "up" is disabled: the focus stays on the moved scene.
      const focused = await page.evaluate(
        () => document.activeElement?.closest('[data-scene]')?.getAttribute('data-scene') ?? null,
      );
      expect(focused).toBe('obo');

      await page.getByRole('button', { name: 'Delete “Bangui”' }).click();
      d = await draft(page);
      expect(d?.scenes.map((s) => s.title)).toEqual(['Obo', 'Bria']);
      await builder.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `builder-${width}.png`), fullPage: false });

      // A reload keeps the story (localStorage, validated on read).
      await page.reload();
      await settle(page, '', 120_000);
      d = await draft(page);
      expect(d?.scenes.map((s) => s.title)).toEqual(['Obo', 'Bria']);

      // A story file with a bad scene: loaded nowhere, its problems named by scene and field.
      const bad = {
        id: 'bad',
        title: 'Bad',
        mission: 'MINUSCA',
        summary: 'x',
        sources: ['x'],
        scenes: [
          { id: 'a', title: 'Bangui', year: 2015, camera: { fit: 'mission' }, caption: 'ok' },
          {
            id: 'b',
            title: 'Bangassou',
            year: { from: 2017, to: 2015 },
            camera: { fit: 'mission' },
            caption: '<img src=x onerror=alert(1)> {nope}',
          },
        ],
      };
      await page.getByTestId('builder-load').setInputFiles({
        name: 'bad.story.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(bad)),
      });
      const problems = await page.getByTestId('builder-problems').innerText();
      expect(problems).toContain('Scene 2 (“Bangassou”): year — from must not be after to');
      expect(problems).toContain('Scene 2 (“Bangassou”): caption — unknown placeholder {nope}');
      d = await draft(page);
      expect(d?.scenes.map((s) => s.title)).toEqual(['Obo', 'Bria']);
    }, 180_000);
  }

  it('made no request outside the app and logged no error', () => {
    suite.expectCleanPages();
  });
});
