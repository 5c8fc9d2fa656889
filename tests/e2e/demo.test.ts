/**
 * The app on the committed demo dataset (`geodata/demo/`), as a fresh clone without
 * `../shared/data` serves it: it says plainly that it shows the demo, and Help → Data (reachable
 * by keyboard) says how to add the full sources.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_FILES } from '../../src/domain/encoding';
import { DEMO_DIR } from '../../src/pipeline/demo';
import {
  ARTIFACTS,
  CHROMIUM_HELP,
  findChromium,
  launchBrowser,
  openPage,
  startApp,
  waitForRender,
  type AppServer,
  type RecordedPage,
} from './harness';
import { outsideRequests } from './suite';

let app: AppServer;
let browser: Browser;
const pages: RecordedPage[] = [];
const noBrowser = !findChromium();
if (noBrowser) console.warn(`tests/e2e/demo.test.ts skipped: ${CHROMIUM_HELP}`);

beforeAll(async () => {
  if (noBrowser) return;
  app = await startApp({ source: 'demo' });
  console.info(`e2e data: ${app.data.reason}`);
  browser = await launchBrowser();
});

afterAll(async () => {
  await Promise.all(pages.map((p) => p.close().catch(() => {})));
  await browser?.close();
  await app?.close();
});

/** The demo's mission ids, read straight from the committed file (column-major JSON). */
function demoMissionIds(): string[] {
  const raw = JSON.parse(readFileSync(join(DEMO_DIR, DATA_FILES.missions), 'utf8')) as {
    columns: string[];
    data: unknown[][];
  };
  return raw.data[raw.columns.indexOf('id')] as string[];
}

const focusedTestId = (rp: RecordedPage) =>
  rp.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

describe.skipIf(noBrowser)('demo data (production build, headless Chromium)', () => {
  it('says it shows the demo, and Help → Data opens by keyboard and says how to add the sources', async () => {
    expect(app.data.source).toBe('demo');
    const rp = await openPage(browser, app.url);
    pages.push(rp);
    const { page } = rp;
    await waitForRender(page, 'MINUSCA:2014:all');
    const options = await page.$$eval('[data-testid=mission-picker] option', (os) =>
      os.map((o) => (o as HTMLOptionElement).value),
    );
    expect(options.sort()).toEqual(demoMissionIds().sort());
    expect(options).toEqual(expect.arrayContaining(['MINUSCA']));

    // In the first frame with data: the notice does not arrive later and shift the layout.
    const notice = page.locator('[data-testid=demo-notice]');
    expect(await notice.isVisible()).toBe(true);
    expect((await notice.textContent())?.replace(/\s+/g, ' ')).toBe(
      'Demo data: the Central African Republic only. Add the full sources: Help → Data',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'demo-notice.png') });

    // Keyboard only: Help (Enter) → the menu's Data item has the focus → Enter opens the dialog.
    await page.focus('[data-testid=help-button]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'help-data',
    );
    expect(await page.getAttribute('[data-testid=help-button]', 'aria-expanded')).toBe('true');
    await page.keyboard.press('Enter');
    const dialog = page.locator('[data-testid=data-help]');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('Demo data: the Central African Republic only.');
    expect(text).toContain('MINUSCA');
    expect(text).toContain('npm start -- --fetch');
    expect(text).toContain('geodata/sources.json');
    expect(text).toContain('CC BY 4.0');
    expect(text).toContain('Sundberg');
    await page.screenshot({ path: join(ARTIFACTS, 'demo-help-data.png') });
    // Escape closes it and gives the focus back to the Help button.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focusedTestId(rp)).toBe('help-button');

    // The notice's own button opens the same dialog; Close closes it.
    await notice.getByRole('button', { name: 'Help → Data' }).click();
    await dialog.waitFor({ state: 'visible' });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Help → About: its text is the dialog's, not the header's small print (the dialog lives in
    // the header's DOM; the header's subtitle style once shrank About's paragraphs to 11 px in a
    // 210 px column).
    await page.locator('[data-testid=help-button]').click();
    await page.locator('[data-testid=help-about]').click();
    const about = page.locator('[data-testid=about-help]');
    await about.waitFor({ state: 'visible' });
    const box = await about.evaluate((d) => {
      const p = d.querySelector('p')!;
      const li = d.querySelector('li');
      return {
        pFont: parseFloat(getComputedStyle(p).fontSize),
        liFont: li ? parseFloat(getComputedStyle(li).fontSize) : null,
        pWidth: p.getBoundingClientRect().width,
        liWidth: li?.getBoundingClientRect().width ?? null,
      };
    });
    expect(box.liFont).not.toBeNull();
    expect(box.pFont).toBe(box.liFont);
    expect(box.pWidth).toBeGreaterThanOrEqual(box.liWidth!);
    await about.getByRole('button', { name: 'Close' }).click();
    await about.waitFor({ state: 'hidden' });

    expect(outsideRequests(rp.requests, app.origin)).toEqual([]);
    expect(rp.consoleErrors).toEqual([]);
  });
});
