/**
 * The first frame holds its mission's host countries' cell-years only (`cell_years/index.json`
 * and their parts); the rest arrives after it. In real headless Chromium against the production
 * build: a view that reads every mission's violence (the World view) waits behind a notice until
 * the rest is in, never drawing the other countries as "no violence"; a failed load says why,
 * offers "Try again", and "Show MINUSCA only" / "Back to MINUSCA" lead back; the page behind the
 * notice is inert. The served data has violence for the Central African Republic only, so the
 * index served here lists one more country, Chad (a host of MINURCAT, not of MINUSCA): that is
 * what makes MINUSCA's first frame partial.
 */
import { join } from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { ARTIFACTS } from './harness';
import { atlasHooks, e2eSuite, settle } from './suite';

const suite = e2eSuite();
const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
});
const SETTLE_MS = 90_000;
const TEST_MS = 240_000;

interface Hooks {
  state: { mission: string; world: { missions: string[] } | null };
  rendered: { key: string } | null;
}

/** How the page's `cell_years.json` is answered: held until released, failed, or served. */
type Rest = { mode: 'hold'; release: Promise<void> } | { mode: 'fail' } | { mode: 'serve' };

async function openWith(
  query: string,
  rest: { current: Rest },
  viewport = { width: 1400, height: 900 },
) {
  const context = await suite.browser.newContext({ viewport });
  contexts.push(context);
  const requests: string[] = [];
  await context.route('**/data/cell_years/index.json', async (route: Route) => {
    const res = await route.fetch();
    const index = (await res.json()) as {
      parts: { country: string; file: string; rows: number; own: number }[];
    };
    index.parts.push({ country: 'Chad', file: 'cell_years/chad.json', rows: 1, own: 1 });
    await route.fulfill({ response: res, json: index });
  });
  await context.route('**/data/cell_years.json', async (route: Route) => {
    const r = rest.current;
    if (r.mode === 'fail') return route.abort('failed');
    if (r.mode === 'hold') await r.release;
    return route.continue();
  });
  const page = await context.newPage();
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(`${suite.app.url}${query}`);
  return { page, requests };
}

async function openWorld(page: Page): Promise<void> {
  await page.click('[role=tab]:text-is("World")');
  await page.click('[data-testid=open-world]');
}

const gate = (page: Page) => page.locator('[data-testid=data-gate]');

/** Whether the header, map, side panel and footer are inert (behind the notice). */
const inert = (page: Page): Promise<boolean> =>
  page.evaluate(() =>
    ['.header', '.map-area', '.side-panel', '.footer'].every(
      (sel) => document.querySelector(sel)?.closest('[inert]') != null,
    ),
  );

describe('cell-years of the other countries after the first frame', () => {
  it(
    'loads only the mission’s part first; the World view waits behind a notice until the rest is in',
    async () => {
      let release = (): void => {};
      const rest = {
        current: { mode: 'hold', release: new Promise<void>((r) => (release = r)) } as Rest,
      };
      const { page, requests } = await openWith('?m=MINUSCA&y=2015', rest);
      await settle(page, 'MINUSCA:2015:', SETTLE_MS);
      expect(requests).toContain('/data/cell_years/index.json');
      expect(requests).toContain('/data/cell_years/central-african-republic.json');
      // The mission view is whole: no notice.
      expect(await gate(page).count()).toBe(0);
      await expect.poll(() => requests.includes('/data/cell_years.json')).toBe(true);
      await openWorld(page);
      await gate(page).waitFor({ state: 'visible' });
      expect(await gate(page).textContent()).toContain(
        'The violence data of the other missions is still loading',
      );
      expect(await gate(page).getByRole('status').count()).toBe(1);
      await page.screenshot({ path: join(ARTIFACTS, 'cell-years-gate-loading.png') });
      release();
      await gate(page).waitFor({ state: 'detached', timeout: SETTLE_MS });
      await settle(page, '', SETTLE_MS);
      const h = await atlasHooks<Hooks>(page);
      expect(h.state.world).not.toBeNull();
      expect(h.rendered?.key).toContain('world:');
    },
    TEST_MS,
  );

  it(
    'a failed load says why, “Show MINUSCA only” leads back, and “Try again” loads it',
    async () => {
      const rest: { current: Rest } = { current: { mode: 'fail' } };
      // On a phone: the notice and its buttons fit and work there too.
      const { page } = await openWith('?m=MINUSCA&y=2015', rest, { width: 390, height: 844 });
      await settle(page, 'MINUSCA:2015:', SETTLE_MS);
      await openWorld(page);
      await gate(page).waitFor({ state: 'visible' });
      await expect
        .poll(() => gate(page).textContent(), { timeout: SETTLE_MS })
        .toContain('could not be loaded');
      // The alert takes the focus to its first action.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe('Try again');
      await page.screenshot({ path: join(ARTIFACTS, 'cell-years-gate-failed-390.png') });
      // The page behind the notice takes no focus and no click.
      expect(await inert(page)).toBe(true);
      await page.getByRole('button', { name: 'Show MINUSCA only' }).click();
      await gate(page).waitFor({ state: 'detached' });
      expect(await inert(page)).toBe(false);
      await settle(page, 'MINUSCA:2015:', SETTLE_MS);
      expect((await atlasHooks<Hooks>(page)).state.world).toBeNull();
      // Another mission whose host countries are not all in (MINURCAT: the CAR and Chad): the
      // way back is the mission the page opened on.
      await page.selectOption('[data-testid=mission-picker]', 'MINURCAT');
      await gate(page).waitFor({ state: 'visible' });
      await page.getByRole('button', { name: 'Back to MINUSCA' }).click();
      await gate(page).waitFor({ state: 'detached' });
      expect((await atlasHooks<Hooks>(page)).state.mission).toBe('MINUSCA');
      // Back to the World view, and this time the file comes.
      await openWorld(page);
      await gate(page).waitFor({ state: 'visible' });
      rest.current = { mode: 'serve' };
      await page.getByRole('button', { name: 'Try again' }).click();
      await gate(page).waitFor({ state: 'detached', timeout: SETTLE_MS });
      await settle(page, '', SETTLE_MS);
      expect((await atlasHooks<Hooks>(page)).rendered?.key).toContain('world:');
    },
    TEST_MS,
  );
});
