/**
 * The map viewer in real headless Chromium against the production build (see harness.ts).
 * Expected numbers are computed here, independently, from the data files the app serves.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/domain/dataset';
import { cellCentroid, ringDistance } from '../../src/domain/grid';
import { VIOLENCE_COLORS } from '../../src/map/scales';
import { ARTIFACTS, waitForRender } from './harness';
import { atlasHooks, e2eSuite, mapPixelStats, settle } from './suite';

const suite = e2eSuite();
const open = (name: string, query = '') => suite.open(name, query);

const CAR = 'Central African Republic';

/** OSV cells of MINUSCA's countries in a year, computed from the raw table. */
function osvCells(year: number) {
  const { data } = suite;
  const minusca = data.missions.find((m) => m.id === 'MINUSCA')!;
  return data.cellYears.filter(
    (c) => c.year === year && minusca.countries.includes(c.country) && c.osv.best >= 1,
  );
}

/** The hooks these tests read. */
function state(page: Page) {
  return atlasHooks<{
    state: Record<string, unknown>;
    rendered: { key: string; counts: Record<string, number> };
  }>(page);
}

describe('map viewer (production build, headless Chromium)', () => {
  it('opens on MINUSCA 2014 with the legend, the year and violence drawn on the map', async () => {
    const { page } = await open('default');
    await settle(page, 'MINUSCA:2014:all');
    await page.screenshot({ path: join(ARTIFACTS, 'default-minusca-2014.png') });
    expect(await page.textContent('[data-testid=year]')).toBe('2014');
    expect(await page.inputValue('[data-testid=mission-picker]')).toBe('MINUSCA');
    const legend = await page.textContent('[data-testid=legend]');
    expect(legend).toContain('civilians killed (UCDP best estimate)');
    expect(legend).toContain('500+');
    const s = await state(page);
    expect(s.rendered.counts.cells).toBe(osvCells(2014).length);
    expect(s.rendered.counts.cells).toBeGreaterThan(0);
    // Pixels in the violence scale's colours (the scale's own constants, loose tolerance).
    const px = await mapPixelStats(page, VIOLENCE_COLORS, { tolerance: 60, stride: 7 });
    expect(px.distinct).toBeGreaterThan(20);
    expect(px.matching / px.total).toBeGreaterThan(0.003);
    expect(px.blue).toBeGreaterThan(0);
    expect(page.url()).toContain('m=MINUSCA');
  });

  it('moving the year slider to 2017 changes what is drawn', async () => {
    const { page } = await open('slider');
    await settle(page, 'MINUSCA:2014:all');
    const before = await page.locator('[data-testid=map]').screenshot();
    const slider = page.locator('[data-testid=year-slider]');
    await slider.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await settle(page, 'MINUSCA:2017:all');
    const after = await page.locator('[data-testid=map]').screenshot({
      path: join(ARTIFACTS, 'minusca-2017.png'),
    });
    expect(await page.textContent('[data-testid=year]')).toBe('2017');
    const s = await state(page);
    expect(s.rendered.counts.cells).toBe(osvCells(2017).length);
    expect(Buffer.compare(before, after)).not.toBe(0);
    await page.waitForFunction(() => window.location.search.includes('y=2017'));
  });

  it('the perpetrator toggle redraws state and non-state violence', async () => {
    const { page } = await open('perpetrator');
    await waitForRender(page, 'MINUSCA:2014:all');
    const count = (f: (c: Dataset['cellYears'][number]) => number) =>
      osvCells(2014).filter((c) => f(c) >= 1).length;
    await page.getByRole('radio', { name: /^State/ }).check();
    await waitForRender(page, 'MINUSCA:2014:state');
    expect((await state(page)).rendered.counts.cells).toBe(count((c) => c.osvState.best));
    expect(await page.textContent('[data-testid=legend]')).toContain('State forces');
    await page.getByRole('radio', { name: /^Non-state/ }).check();
    await waitForRender(page, 'MINUSCA:2014:nonstate');
    expect((await state(page)).rendered.counts.cells).toBe(count((c) => c.osvNonState.best));
    await page
      .locator('[data-testid=map]')
      .screenshot({ path: join(ARTIFACTS, 'minusca-2014-nonstate.png') });
  });

  it('clicking a cell opens its details with the numbers of the data', async () => {
    const { data } = suite;
    // The deadliest CAR cell-year of 2014 with no base within one ring (a base circle would be on top).
    const bases2014 = data.baseYears.filter((b) => b.year === 2014);
    const target = osvCells(2014)
      .filter((c) => c.country === CAR && !bases2014.some((b) => ringDistance(b.gid, c.gid) <= 1))
      .sort((a, b) => b.osv.best - a.osv.best)[0]!;
    expect(target).toBeDefined();
    const { page } = await open('click-cell');
    await settle(page, 'MINUSCA:2014:all');
    const [lon, lat] = cellCentroid(target.gid);
    const [x, y] = await page.evaluate(
      ([lo, la]) =>
        (
          window as unknown as { __atlas: { project: (a: number, b: number) => [number, number] } }
        ).__atlas.project(lo!, la!),
      [lon, lat],
    );
    const box = (await page.locator('[data-testid=map]').boundingBox())!;
    await page.mouse.click(box.x + x, box.y + y);
    const details = page.locator(`[data-testid=cell-details][data-gid="${target.gid}"]`);
    await details.waitFor({ timeout: 15_000 });
    const nf = new Intl.NumberFormat('en-GB');
    const est = (e: { best: number; low: number; high: number }) =>
      e.low === e.best && e.high === e.best
        ? nf.format(e.best)
        : `${nf.format(e.best)} (${nf.format(e.low)}–${nf.format(e.high)})`;
    for (const [perp, e] of [
      ['all', target.osv],
      ['state', target.osvState],
      ['nonstate', target.osvNonState],
    ] as const) {
      const row = details.locator(`tr[data-perp=${perp}]`);
      expect(await row.locator('[data-field=best]').textContent()).toBe(est(e));
      expect(await row.locator('[data-field=events]').textContent()).toBe(nf.format(e.events));
    }
    for (const p of target.topPerpetrators) expect(await details.textContent()).toContain(p.name);
    await page.screenshot({ path: join(ARTIFACTS, 'cell-details.png') });
    await page.waitForFunction((g) => window.location.search.includes(`sel=cell:${g}`), target.gid);
  });

  it('a mission without violence data says so and draws no violence', async () => {
    const { data } = suite;
    for (const id of ['UNMISS', 'MINUSMA']) {
      const m = data.missions.find((x) => x.id === id);
      if (!m) continue;
      const covered = m.countries.filter((c) => data.coverage.countries.includes(c));
      expect(covered).toEqual([]);
      const { page } = await open(`no-data-${id}`);
      await waitForRender(page, 'MINUSCA:2014:all');
      await page.selectOption('[data-testid=mission-picker]', id);
      await settle(page, `${id}:`);
      const notices = await page.textContent('[data-testid=notices]');
      expect(notices).toContain(`Violence data is not loaded for ${m.countries[0]}`);
      expect(notices).toContain('How to add the full data');
      expect(notices).not.toContain('npm run');
      // The notice links to the in-app help page that says how to add the data.
      await page
        .locator('[data-testid=notices]')
        .getByRole('button', { name: 'How to add it' })
        .first()
        .click();
      const help = page.locator('[data-testid=data-help]');
      await help.waitFor({ state: 'visible' });
      await help.getByRole('button', { name: 'Close' }).click();
      await help.waitFor({ state: 'hidden' });
      expect(await page.textContent('[data-testid=year-summary]')).toContain(
        'Violence data not loaded',
      );
      expect(await page.textContent('[data-testid=legend]')).toContain('No violence data loaded');
      expect((await state(page)).rendered.counts.cells).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, `no-data-${id}.png`) });
    }
  });

  it('MINUSCA after the GED release says violence data is not loaded (not zero)', async () => {
    const { data } = suite;
    const last = data.coverage.years?.[1];
    const minusca = data.missions.find((m) => m.id === 'MINUSCA')!;
    const later = minusca.years.find((y) => last !== undefined && y > last);
    if (later === undefined) return;
    const { page } = await open('minusca-after-ged', `?m=MINUSCA&y=${later}`);
    await waitForRender(page, `MINUSCA:${later}:all`);
    expect(await page.textContent('[data-testid=notices]')).toContain(
      `Violence data is not loaded for Central African Republic in ${later}`,
    );
    expect(await page.textContent('[data-testid=year-summary]')).toContain(
      'Violence data not loaded',
    );
  });

  it('bad link parameters fall back to defaults with a visible notice', async () => {
    const { page } = await open('bad-url', '?m=NOPE&y=banana&p=aliens&c=999,0,0');
    await waitForRender(page, 'MINUSCA:2014:all');
    const notices = await page.textContent('[data-testid=notices]');
    expect(notices).toContain('Unknown mission “NOPE”');
    expect(notices).toContain('“banana”');
    expect(notices).toContain('“aliens”');
    expect(notices).toContain('Map position');
    await page.screenshot({ path: join(ARTIFACTS, 'bad-url.png') });
  });

  it('a link reproduces the view (mission, year, perpetrator, selection)', async () => {
    const { data } = suite;
    const base = data.bases.find(
      (b) =>
        b.mission === 'MINUSCA' && data.baseYears.some((y) => y.baseId === b.id && y.year === 2016),
    )!;
    const { page } = await open(
      'link',
      `?m=MINUSCA&y=2016&p=state&sel=base:${encodeURIComponent(base.id)}&c=20.5,6.5,6`,
    );
    await waitForRender(page, 'MINUSCA:2016:state');
    expect(await page.textContent('[data-testid=year]')).toBe('2016');
    expect(await page.locator(`[data-testid=base-details]`).getAttribute('data-base')).toBe(
      base.id,
    );
    expect(await page.textContent('[data-testid=base-details]')).toContain(base.location);
    const s = await state(page);
    expect(s.state).toMatchObject({
      perpetrator: 'state',
      camera: { lon: 20.5, lat: 6.5, zoom: 6 },
    });
  });

  it('the place search is keyboard navigable and opens a base', async () => {
    const { page } = await open('search');
    await waitForRender(page, 'MINUSCA:2014:all');
    const box = page.getByRole('combobox', { name: 'Search places and bases' });
    await box.focus();
    await page.keyboard.type('Bambari');
    await page.getByRole('listbox').waitFor();
    await page.keyboard.press('Enter');
    const details = page.locator('[data-testid=base-details]');
    await details.waitFor({ timeout: 15_000 });
    expect(await details.textContent()).toContain('Bambari');
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'search-bambari.png') });
  });

  it('missing or corrupt data gives an error screen naming the file and npm run data', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    // The cell-years (the mission's part, the index, the whole file): none of them there.
    await page.route(/\/data\/cell_years(\.json|\/)/, (r) =>
      r.fulfill({ status: 404, body: 'not found' }),
    );
    await page.goto(suite.app.url);
    await page.locator('[data-testid=error]').waitFor();
    const text = await page.textContent('[data-testid=error]');
    expect(text).toContain('cell_years.json');
    expect(text).toContain('npm run data');
    await page.screenshot({ path: join(ARTIFACTS, 'error-missing.png') });
    await page.unroute(/\/data\/cell_years(\.json|\/)/);
    await page.route('**/data/missions.json', (r) =>
      r.fulfill({
        status: 200,
        contentType: 'application/json',
        body: '{"table":"missions","version":1,"length":2}',
      }),
    );
    await page.reload();
    await page.locator('[data-testid=error]').waitFor();
    const corrupt = await page.textContent('[data-testid=error]');
    expect(corrupt).toContain('damaged');
    expect(corrupt).toContain('missions.json');
    await context.close();
  });

  it('no page requested anything outside its origin, and the console had no errors', () =>
    suite.expectCleanPages());
});
