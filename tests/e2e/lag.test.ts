/**
 * The lag analysis in the app, in real headless Chromium against the production build (see
 * harness.ts): the gap list, live recomputation when θ changes (list and map flags), the CSV
 * download (identical to `npm run analyze` for the same parameters), the cell detail charts, and
 * the "violence data not loaded" state. Expected values are computed here from the served data
 * with the domain code, independently of the app.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  analyzeMission,
  DEFAULT_LAG_PARAMS,
  EPISODE_CSV_HEADER,
  flaggedEpisodesInYear,
} from '../../src/domain/lag';
import { createMonthlySelectors } from '../../src/data/monthlySelectors';
import { DEFAULT_LAG } from '../../src/state/state';
import { ARTIFACTS, ROOT, waitForRender } from './harness';
import { atlasHooks, e2eSuite, mapPixelStats, settle } from './suite';

const suite = e2eSuite();
const open = (name: string, query = '') => suite.open(name, query);

interface Hooks {
  state: {
    selection: { kind: string; gid?: number } | null;
    camera: { zoom: number } | null;
    panel: string;
    year: number;
  };
  rendered: { key: string; counts: Record<string, number> };
}

const hooks = (page: Page) => atlasHooks<Hooks>(page);

/** Map pixels close to an RGB colour (composited canvases). */
async function colourPixels(page: Page, hex: string): Promise<number> {
  return (await mapPixelStats(page, [hex])).matching;
}

/** The headless CLI's CSV for the same data and parameters. */
function cliCsv(args: string[]): string {
  return execFileSync(
    'npm',
    ['run', '--silent', 'analyze', '--', ...args, '--data', suite.app.data.dataDir],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 },
  );
}

describe('lag analysis in the app (production build, headless Chromium)', () => {
  it('shows the gap list, recomputes live when θ changes, and downloads the CLI CSV', async () => {
    const base = analyzeMission(suite.data, 'MINUSCA', DEFAULT_LAG_PARAMS);
    expect(base.episodes.length).toBeGreaterThan(0);
    const { page } = await open('lag-minusca', '?tab=lag');
    await waitForRender(page, 'MINUSCA:2014:all');
    const list = page.locator('[data-testid=gap-list] ol');
    await list.waitFor();
    expect(Number(await list.getAttribute('data-count'))).toBe(base.episodes.length);
    const firstGid = await list.locator('button').first().getAttribute('data-gid');
    expect(Number(firstGid)).toBe(base.episodes[0]!.gid);
    expect(await page.textContent('[data-testid=lag-summary]')).toContain(
      new Intl.NumberFormat('en-GB').format(base.summary.totalFatalities ?? -1),
    );
    // Flags on the map for 2014, as the domain computes them.
    const flags2014 = flaggedEpisodesInYear(base.episodes, 2014).length;
    let h = await hooks(page);
    expect(h.rendered.key).toContain('lag=10,0,3,1');
    expect(h.rendered.counts.flags).toBe(flags2014);
    await page.locator('[data-testid=responsiveness-chart] svg').first().waitFor();
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'lag-panel-minusca.png') });
    for (const [id, file] of [
      ['lag-params', 'lag-params.png'],
      ['lag-summary', 'lag-summary.png'],
      ['responsiveness', 'lag-responsiveness.png'],
    ] as const)
      await page.locator(`[data-testid=${id}]`).screenshot({ path: join(ARTIFACTS, file) });
    await page.locator('[data-testid=gap-list] li').nth(5).scrollIntoViewIfNeeded();
    await page.locator('.side-panel').screenshot({ path: join(ARTIFACTS, 'lag-gap-list.png') });

    // θ = 50: fewer episodes; list, flags and URL follow.
    const p50 = { ...DEFAULT_LAG_PARAMS, theta: 50 };
    const r50 = analyzeMission(suite.data, 'MINUSCA', p50);
    expect(r50.episodes.length).toBeLessThan(base.episodes.length);
    await page.fill('[data-testid=lag-param-theta]', '50');
    await waitForRender(page, 'MINUSCA:2014:all');
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid=gap-list] ol')?.getAttribute('data-count') === n,
      String(r50.episodes.length),
    );
    await page.waitForFunction(() =>
      (window as unknown as { __atlas: Hooks }).__atlas.rendered.key.includes('lag=50,0,3,1'),
    );
    h = await hooks(page);
    expect(h.rendered.counts.flags).toBe(flaggedEpisodesInYear(r50.episodes, 2014).length);
    await page.waitForFunction(() => window.location.search.includes('theta=50'));
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'lag-theta50.png') });

    // An invalid value is explained and not applied.
    await page.fill('[data-testid=lag-param-theta]', '0');
    expect(await page.getAttribute('[data-testid=lag-param-theta]', 'aria-invalid')).toBe('true');
    expect(await page.textContent('[data-testid=lag-params]')).toContain('Still using 50');
    await expect.poll(() => page.url()).toContain('theta=50');
    await page.fill('[data-testid=lag-param-theta]', '50');

    // Download: exactly the CLI's CSV for the same parameters.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=lag-download]'),
    ]);
    expect(download.suggestedFilename()).toBe('lag-MINUSCA-theta50-r0-w3-d1-all.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toBe(
      'mission,gid,lat,lon,place,country,onset_year,end_year,fatalities,category,lag_years,response_year,initial_deployment,censored_start,theta,reach,window,delta,perpetrator,precision',
    );
    expect(csv.split('\n')[0]).toBe(EPISODE_CSV_HEADER);
    expect(csv).toBe(cliCsv(['--mission', 'MINUSCA', '--theta', '50']));
  });

  it('picking an episode flies to the cell at its onset year and shows its lag view in the Lag tab, with the way back', async () => {
    const r = analyzeMission(suite.data, 'MINUSCA', DEFAULT_LAG_PARAMS);
    // An episode that began after 2014, so that opening it must change the year shown.
    const target = r.episodes.find((e) => e.flagged && e.onsetYear > 2014)!;
    const { page } = await open('lag-cell', '?tab=lag');
    await waitForRender(page, 'MINUSCA:2014:all');
    // Keyboard: focus the first row, move down to the target with the arrow keys, Enter.
    const buttons = page.locator('[data-testid=gap-list] ol button');
    await buttons.first().focus();
    const index = r.episodes.indexOf(target);
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-gid'))).toBe(
      String(target.gid),
    );
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (g) => {
        const s = (window as unknown as { __atlas: Hooks }).__atlas.state;
        return s.selection?.gid === g && (s.camera?.zoom ?? 0) >= 7;
      },
      target.gid,
      { timeout: 10_000 },
    );
    // The researcher stays in the Lag tab: the cell's lag view is on top of the panel; the map
    // shows the episode's onset year.
    expect((await hooks(page)).state.panel).toBe('lag');
    expect((await hooks(page)).state.year).toBe(target.onsetYear);
    const detail = page.locator(
      `[data-testid=lag-panel] [data-testid=cell-lag][data-gid="${target.gid}"]`,
    );
    await detail.waitFor();
    expect(await page.locator('[data-testid=details]').count()).toBe(0);
    expect(await detail.textContent()).toContain(String(target.onsetYear));
    await detail.locator('[data-testid=cell-violence-chart] svg').waitFor();
    await detail.locator('[data-testid=cell-troops-chart] svg').waitFor();
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'lag-cell-detail.png') });
    await detail.screenshot({ path: join(ARTIFACTS, 'lag-cell-section.png') });
    // Back to the list: the cell's view closes, the tab stays, the focus returns to its row.
    await detail.getByRole('button', { name: /Back to the gap list/ }).click();
    await page.waitForFunction(
      (g) =>
        document.activeElement?.getAttribute('data-gid') === String(g) &&
        !document.querySelector('[data-testid=cell-lag]'),
      target.gid,
    );
    const after = await hooks(page);
    expect(after.state.selection).toBeNull();
    expect(after.state.panel).toBe('lag');
  });

  it('draws the flag outlines on the map (and none when the layer is off)', async () => {
    const r = analyzeMission(suite.data, 'MINUSCA', DEFAULT_LAG_PARAMS);
    const year = 2014;
    const worst = flaggedEpisodesInYear(r.episodes, year).filter(
      (e) => e.category === 'NOT_RESPONDED',
    );
    if (worst.length === 0) return;
    const on = await open('flags-on', `?y=${year}`);
    await settle(on.page, `MINUSCA:${year}:all`);
    const withFlags = await colourPixels(on.page, '#332288');
    await on.page
      .locator('[data-testid=map]')
      .screenshot({ path: join(ARTIFACTS, 'lag-flags.png') });
    const off = await open('flags-off', `?y=${year}&l=violence,noData,bases,labels`);
    await settle(off.page, `MINUSCA:${year}:all`);
    const without = await colourPixels(off.page, '#332288');
    expect((await hooks(off.page)).rendered.counts.flags).toBe(0);
    expect(withFlags).toBeGreaterThan(without + 50);
    expect(await on.page.textContent('[data-testid=lag-legend]')).toContain('Not responded');
  });

  it('a mission without violence data says so, with no charts', async () => {
    const m = suite.data.missions.find(
      (x) =>
        x.id !== 'MINUSCA' &&
        x.years.length > 0 &&
        !analyzeMission(suite.data, x.id).summary.hasViolenceData &&
        x.countries.length > 0,
    );
    if (!m) return;
    const { page } = await open('lag-nodata', `?m=${encodeURIComponent(m.id)}&tab=lag`);
    await waitForRender(page, `${m.id}:`);
    const text = await page.textContent('[data-testid=lag-panel]');
    expect(text).toContain('Violence data not loaded for');
    expect(text).toContain(m.countries[0]!);
    expect(text).toContain('How to add the full data');
    expect(text).not.toContain('npm run');
    expect(await page.locator('[data-testid=gap-list]').count()).toBe(0);
    expect(await page.locator('[data-testid=responsiveness]').count()).toBe(0);
    expect(await page.locator('[data-testid=lag-summary]').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'lag-nodata.png') });
  });

  it('monthly resolution: the deployment maps, the episode counts and the ranked months', async () => {
    // The map months, counted here from the served base-months.
    const maps = [
      ...new Set(
        suite.data.baseMonths
          .filter((b) => b.mission === 'MINUSCA')
          .map((b) => b.year * 12 + b.month - 1),
      ),
    ].sort((a, b) => a - b);
    const r = createMonthlySelectors(suite.data).lag('MINUSCA', DEFAULT_LAG, 'all');
    const { page } = await open('lag-monthly', '?m=MINUSCA&y=2016&tab=lag');
    await settle(page, 'MINUSCA:2016:', 60_000);
    await page.getByTestId('lag-res-month').check();
    const panel = page.getByTestId('lag-monthly');
    await panel.waitFor();
    // The URL follows the state (written after the state settles).
    await page.waitForFunction(() => new URL(location.href).searchParams.get('lagres') === 'month');
    if (maps.length === 0) {
      // No map-level data in this build: said, and nothing computed.
      await page.getByTestId('lag-monthly-nodata').waitFor();
      expect(await page.getByTestId('lag-monthly-summary').count()).toBe(0);
      return;
    }
    expect(r?.available).toBe(true);
    expect(r!.mapMonths).toEqual(maps);
    const mapsText = (await page.getByTestId('lag-monthly-maps').textContent()) ?? '';
    expect(mapsText).toContain(`${maps.length} month${maps.length === 1 ? '' : 's'}`);
    expect(mapsText).toContain('carried forward');
    const counts = await page
      .locator('[data-testid=lag-monthly-summary] li[data-category]')
      .evaluateAll((lis) =>
        Object.fromEntries(
          lis.map((li) => [
            li.getAttribute('data-category'),
            Number(
              (li.textContent ?? '')
                .split(':')
                .pop()!
                .replace(/[^0-9]/g, ''),
            ),
          ]),
        ),
      );
    expect(counts).toEqual(r!.byCategory);
    if (r!.episodes.length > 0) {
      const first = page.locator('[data-testid=lag-monthly-episodes] li').first();
      expect(Number(await first.getAttribute('data-gid'))).toBe(r!.episodes[0]!.gid);
      expect(await first.getAttribute('data-category')).toBe(r!.episodes[0]!.category);
    }
    // Back to years: the yearly panel returns and the URL forgets the monthly view.
    await page.getByTestId('lag-res-year').check();
    await page.getByTestId('lag-panel').waitFor();
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('lagres'));
    await page.screenshot({ path: join(ARTIFACTS, 'lag-monthly.png') });
  });

  it('no page requested anything outside its origin, and the console had no errors', () =>
    suite.expectCleanPages());
});
