/**
 * The timeline in real headless Chromium against the production build (see harness.ts): Space
 * plays, arrows / Home / End step, the chart jumps, reduced motion steps without tweening, and the
 * "changes this year" list for MINUSCA 2017 lists the bases whose troops rose — the expected set
 * is computed here, independently of src/domain/changes.ts, from the served base_years.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, waitForRender, type OpenOptions } from './harness';
import { atlasHooks, dataComplete, e2eSuite, settle } from './suite';

const suite = e2eSuite();
const open = (query = '', opts: OpenOptions = {}) =>
  suite.open(`${query || 'default'}${opts.reducedMotion ? ' (reduced motion)' : ''}`, query, opts);

const yearText = (page: Page) => page.textContent('[data-testid=year]');

async function waitYear(page: Page, year: number | string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (y) => document.querySelector('[data-testid=year]')?.textContent === String(y),
    year,
    { timeout },
  );
}

/** Blurs whatever has focus, so that keys go to the page. */
async function blur(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

interface TimelineHook {
  step: number;
  next: number;
  t: number;
  playing: boolean;
}

/** The hooks these tests read. */
function hook(page: Page) {
  return atlasHooks<{
    state: { year: number; camera: { lon: number; lat: number; zoom: number } | null };
    timeline?: TimelineHook;
  }>(page);
}

describe('timeline (production build, headless Chromium)', () => {
  it('Space plays and the year advances; Space again pauses; play state is not in the URL', async () => {
    const { page } = await open();
    await waitForRender(page, 'MINUSCA:2014:');
    expect(await yearText(page)).toBe('2014');
    await blur(page);
    await page.keyboard.press('Space');
    expect(await page.getAttribute('[data-testid=play]', 'aria-label')).toBe('Pause');
    await waitYear(page, 2015);
    // Mid-tween while playing: the frame is between two years.
    await page.waitForFunction(() => {
      const t = (window as unknown as { __atlas?: { timeline?: { t: number } } }).__atlas?.timeline;
      return !!t && t.t > 0.2 && t.t < 0.8;
    });
    await page.screenshot({ path: join(ARTIFACTS, 'timeline-playing.png') });
    await page.keyboard.press('Space');
    expect(await page.getAttribute('[data-testid=play]', 'aria-label')).toBe('Play');
    const paused = await yearText(page);
    // The clock stands still: the playback position is the same 30 animation frames later (a
    // running clock moves it on every frame).
    const position = await page.evaluate(
      () =>
        new Promise<[number, number]>((resolve) => {
          const pos = (): number =>
            (window as unknown as { __atlas: { state: { playback: { position: number } } } })
              .__atlas.state.playback.position;
          const before = pos();
          let n = 0;
          const step = (): void => {
            if (++n >= 30) resolve([before, pos()]);
            else requestAnimationFrame(step);
          };
          requestAnimationFrame(step);
        }),
    );
    expect(position[1]).toBe(position[0]);
    expect(await yearText(page)).toBe(paused);
    const h = await hook(page);
    expect(h.timeline).toMatchObject({ playing: false, t: 0 });
    expect(String(h.state.year)).toBe(paused);
    await page.waitForFunction((y) => window.location.search.includes(`y=${y}`), paused);
    expect(page.url()).not.toMatch(/play|speed|loop/i);
  });

  it('←/→ step, Home/End jump to the first / last year', async () => {
    const { page } = await open();
    await waitForRender(page, 'MINUSCA:2014:');
    const years = suite.data.missions.find((m) => m.id === 'MINUSCA')!.years;
    await blur(page);
    await page.keyboard.press('ArrowRight');
    await waitYear(page, years[1]!);
    await page.keyboard.press('End');
    await waitYear(page, years[years.length - 1]!);
    await waitForRender(page, `MINUSCA:${years[years.length - 1]}:`);
    await page.keyboard.press('ArrowLeft');
    await waitYear(page, years[years.length - 2]!);
    await page.keyboard.press('Home');
    await waitYear(page, years[0]!);
    // Typing in a text field never moves the timeline.
    const search = page.getByRole('combobox', { name: 'Search places and bases' });
    await search.focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Space');
    expect(await yearText(page)).toBe(String(years[0]));
  });

  it('clicking a year in the chart jumps there', async () => {
    const { page } = await open();
    await waitForRender(page, 'MINUSCA:2014:');
    // The chart is drawn again when the data that follows the first frame arrives.
    await dataComplete(page);
    const svg = page.locator('[data-testid=chart-osv] svg');
    await svg.waitFor();
    // The x position of 2020 from the chart's own tick label.
    const tick = svg.locator('g[aria-label="x-axis tick label"] text', { hasText: /20$/ });
    const box = (await tick.boundingBox())!;
    const svgBox = (await svg.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, svgBox.y + 10);
    await waitYear(page, 2020);
    await waitForRender(page, 'MINUSCA:2020:');
    await page.locator('[data-testid=timeline]').screenshot({
      path: join(ARTIFACTS, 'timeline-bar-2020.png'),
    });
    // 2023 and 2024 have no violence data in the offline GED (23.1 ends in 2022): hatched + noted.
    const note = await page.textContent('[data-testid=chart-note]');
    expect(note).toContain('violence data not loaded');
  });

  it('MINUSCA 2017: the changes list names the bases whose troops rose', async () => {
    // Expected, computed directly from the served base_years: the highest figure on a map rose
    // (an increase counts once, in the year it first appears).
    const troops = (year: number) =>
      new Map(
        suite.data.baseYears
          .filter((b) => b.mission === 'MINUSCA' && b.year === year)
          .map((b) => [b.baseId, b.troopsMax]),
      );
    const y16 = troops(2016);
    const y17 = troops(2017);
    const rose = [...y17]
      .filter(([id, t]) => {
        const before = y16.get(id);
        return t !== null && before !== undefined && before !== null && t > before;
      })
      .map(([id]) => id)
      .sort();
    const opened17 = [...y17.keys()].filter((id) => !y16.has(id)).sort();
    expect(rose.length).toBeGreaterThan(0);

    const { page } = await open('?m=MINUSCA&y=2017&tab=changes');
    await waitForRender(page, 'MINUSCA:2017:');
    const list = page.locator('[data-testid=changes-list]');
    await list.waitFor();
    const ids = async (kind: string) =>
      (
        await list
          .locator(`[data-testid=change-row][data-kind=${kind}]`)
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-base-id')!))
      ).sort();
    expect(await ids('STRENGTHENED')).toEqual(rose);
    expect(await ids('NEW')).toEqual(opened17);
    // Each strengthened row shows before → after with a rise.
    const first = list.locator('[data-testid=change-row][data-kind=STRENGTHENED]').first();
    const id = (await first.getAttribute('data-base-id'))!;
    expect(await first.textContent()).toContain(
      `${new Intl.NumberFormat('en-GB').format(y16.get(id)!)} → ${new Intl.NumberFormat('en-GB').format(y17.get(id)!)}`,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'timeline-changes-2017.png') });

    // Clicking a row flies the map to the base.
    await first.locator('button').click();
    const by = suite.data.baseYears.find((b) => b.baseId === id && b.year === 2017)!;
    await page.waitForFunction(
      ([lon, lat]) => {
        const c = (
          window as unknown as { __atlas?: { state: { camera: { lon: number; lat: number } } } }
        ).__atlas?.state.camera;
        return !!c && Math.abs(c.lon - lon!) < 0.05 && Math.abs(c.lat - lat!) < 0.05;
      },
      [by.lon, by.lat],
      { timeout: 10_000 },
    );
    await settle(page);
    // The base is selected and the Changes tab stays open.
    const h = await hook(page);
    expect((h.state as unknown as { selection: unknown }).selection).toEqual({ kind: 'base', id });
    expect(await page.locator('[data-testid=changes-panel]').isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'timeline-changes-flyto.png') });
  });

  it('shows base lifetimes with gaps for the mission, linked to the current year', async () => {
    const { page } = await open('?m=MINUSCA&y=2017&tab=changes');
    await waitForRender(page, 'MINUSCA:2017:');
    const plot = page.locator('[data-testid=lifetimes-plot] svg');
    await plot.waitFor();
    const bases = new Set(
      suite.data.baseYears.filter((b) => b.mission === 'MINUSCA').map((b) => b.baseId),
    );
    const rows = await page
      .locator('[data-testid=lifetimes-plot] g[aria-label="y-axis tick label"] text')
      .count();
    expect(rows).toBe(bases.size);
    await page.locator('[data-testid=changes-panel]').screenshot({
      path: join(ARTIFACTS, 'timeline-lifetimes.png'),
    });
  });

  it('monthly steps: the toggle switches to months, keys step a month, the month is in the URL', async () => {
    const { page } = await open('?m=MINUSCA&y=2015');
    await waitForRender(page, 'MINUSCA:2015:');
    await page.getByRole('radio', { name: 'Monthly' }).check();
    await waitYear(page, 'Jan 2015');
    await blur(page);
    await page.keyboard.press('ArrowRight');
    await waitYear(page, 'Feb 2015');
    await waitForRender(page, 'MINUSCA:2015:');
    await page.waitForFunction(() => window.location.search.includes('mo=2'));
    // The month's violence, computed from the served cell-months (host country via the cell-year).
    const { data } = suite;
    const country = new Map(data.cellYears.map((c) => [`${c.gid}:${c.year}`, c.country]));
    const feb = data.cellMonths.filter(
      (c) =>
        c.year === 2015 &&
        c.month === 2 &&
        country.get(`${c.gid}:2015`) === 'Central African Republic' &&
        c.osvBest >= 1,
    );
    const killed = feb.reduce((s, c) => s + c.osvBest, 0);
    const note = await page.textContent('[data-testid=step-note]');
    expect(note).toContain(
      `${new Intl.NumberFormat('en-GB').format(killed)} civilians killed in ${feb.length} cell`,
    );
    expect(note).toMatch(/bases: (Geo-PKO map of \w+ \d{4}|yearly positions)/);
    // The legend names the month the map shows, not the whole year.
    expect(await page.textContent('[data-testid=legend] h2')).toContain(
      'Civilians killed, February 2015',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'timeline-monthly.png') });
    await page.getByRole('radio', { name: 'Yearly' }).check();
    await waitYear(page, 2015);
    expect(await page.textContent('[data-testid=legend] h2')).toContain('Civilians killed, 2015');
  });

  it('loads the cell-months after the first frame, or before it when the link opens on a month', async () => {
    /** When cell_months.json was asked for and received, and when the first frame was drawn. */
    const timing = (page: Page) =>
      page.evaluate(() => {
        const e = performance
          .getEntriesByType('resource')
          .find((r) => r.name.endsWith('/data/cell_months.json')) as
          PerformanceResourceTiming | undefined;
        const h = (window as unknown as { __atlas?: { firstFrameAt?: number } }).__atlas;
        return { start: e?.startTime ?? null, end: e?.responseEnd ?? null, frame: h?.firstFrameAt };
      });
    const later = await open('?m=MINUSCA&y=2015');
    await waitForRender(later.page, 'MINUSCA:2015:');
    // The monthly switch waits for the cell-months; it is enabled once they are in.
    const monthly = later.page.getByRole('radio', { name: 'Monthly' });
    await expect.poll(() => monthly.isEnabled(), { timeout: 30_000 }).toBe(true);
    const a = await timing(later.page);
    expect(a.start).not.toBeNull();
    expect(a.start!).toBeGreaterThanOrEqual(a.frame!);
    // A link to a month: the first frame already has the month's figures.
    const before = await open('?m=MINUSCA&y=2015&mo=3');
    await waitForRender(before.page, 'MINUSCA:2015:');
    const b = await timing(before.page);
    expect(b.end).not.toBeNull();
    expect(b.end!).toBeLessThanOrEqual(b.frame!);
    expect(await before.page.textContent('[data-testid=step-note]')).toMatch(
      /civilians killed in \d+ cells? in Mar 2015/,
    );
  });

  it('under prefers-reduced-motion the year steps without tweening', async () => {
    const { page } = await open('', { reducedMotion: true });
    await waitForRender(page, 'MINUSCA:2014:');
    await page.selectOption('[data-testid=speed]', '0.5');
    await blur(page);
    await page.keyboard.press('Space');
    const samples = (await page.evaluate(
      `new Promise((resolve) => {
        const out = [];
        const t0 = performance.now();
        const loop = () => {
          const t = window.__atlas && window.__atlas.timeline;
          if (t) out.push(t.t);
          if (performance.now() - t0 < 1500) requestAnimationFrame(loop); else resolve(out);
        };
        requestAnimationFrame(loop);
      })`,
    )) as number[];
    expect(samples.length).toBeGreaterThan(5);
    expect(samples.every((t) => t === 0)).toBe(true);
    expect(Number(await yearText(page))).toBeGreaterThan(2014);
    expect(await page.textContent('[data-testid=timeline]')).toContain('Reduced motion');
  });

  it('no page requested anything outside its origin, and the console had no errors', () =>
    suite.expectCleanPages());
});
