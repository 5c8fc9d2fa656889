/**
 * Compare, in real headless Chromium against the production build: opened from the link
 * (`cmp=YEAR`) and from the "Compare years" button, both sides are labelled with their years, the
 * comparison side is drawn (its own render tag, from the same selectors: with the comparison year
 * set to the main year both sides count the same cells), the divider moves with the arrow keys,
 * and Escape or the Exit button leaves compare (and the link). Rules mode ("Compare rules"): the
 * right side draws the same year under a second lag parameter set edited in the bar; its flags
 * are those the domain's lag analysis gives with those parameters on the served data (computed
 * here, independently of the app), the link carries them (`cmpl=`), and the A vs B summary counts
 * the flagged cells that differ. Screenshots at 390, 1280 and 3840 px.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { analyzeMission, DEFAULT_LAG_PARAMS, flaggedEpisodesInYear } from '../../src/domain/lag';
import { ARTIFACTS } from './harness';
import { atlasHooks, e2eSuite, settle } from './suite';

const suite = e2eSuite();

type Tag = { key: string; counts: Record<string, number> };
type Hooks = { rendered: Tag | null; compareRendered?: Tag | null };

/** Waits for the comparison side's frame of `year` and returns its tag. */
async function compareDrawn(page: Page, mission: string, year: number): Promise<Tag> {
  return compareDrawnWith(page, `compare:${mission}:${year}:`);
}

/** Waits for the comparison side's frame whose key starts with `prefix` and returns its tag. */
async function compareDrawnWith(page: Page, prefix: string): Promise<Tag> {
  await page.waitForFunction(
    (p) =>
      (window as unknown as { __atlas?: Hooks }).__atlas?.compareRendered?.key.startsWith(p) ===
      true,
    prefix,
    { timeout: 180_000 },
  );
  return (await atlasHooks<Hooks>(page)).compareRendered!;
}

/**
 * A year and a θ for rules B whose map flags differ from the defaults' (rules A), with the
 * expected counts: the domain's analysis of the served data, flags of the year as the map draws
 * them (onset that year or still open), and the flagged cells (whole mission) that differ.
 */
function rulesCase(): {
  year: number;
  theta: number;
  flagsA: number;
  flagsB: number;
  differ: number;
} {
  const a = analyzeMission(suite.data, 'MINUSCA', DEFAULT_LAG_PARAMS);
  for (const theta of [50, 25, 100, 5]) {
    const b = analyzeMission(suite.data, 'MINUSCA', { ...DEFAULT_LAG_PARAMS, theta });
    const ga = new Set(a.summary.flaggedCells.map((f) => f.gid));
    const gb = new Set(b.summary.flaggedCells.map((f) => f.gid));
    const differ =
      [...ga].filter((g) => !gb.has(g)).length + [...gb].filter((g) => !ga.has(g)).length;
    for (const year of missionYears()) {
      const flagsA = flaggedEpisodesInYear(a.episodes, year).length;
      const flagsB = flaggedEpisodesInYear(b.episodes, year).length;
      if (flagsA !== flagsB && flagsB > 0) return { year, theta, flagsA, flagsB, differ };
    }
  }
  throw new Error('no year where θ changes the MINUSCA flags in the served data');
}

function missionYears(): number[] {
  const m = suite.data.missions.find((x) => x.id === 'MINUSCA');
  if (!m) throw new Error('MINUSCA is not in the served data');
  return [...m.years].sort((a, b) => a - b);
}

describe('Compare (production build, headless Chromium)', () => {
  it('opens from the link: both years labelled, both sides drawn, divider keys, Escape exits', async () => {
    const years = missionYears();
    expect(years.length).toBeGreaterThanOrEqual(3);
    const [cmp, , main] = years as [number, number, number];
    const { page } = await suite.open('link', `?m=MINUSCA&y=${main}&cmp=${cmp}`, {
      viewport: { width: 1280, height: 800 },
    });
    await settle(page, `MINUSCA:${main}:`, 120_000);
    const side = await compareDrawn(page, 'MINUSCA', cmp);
    expect((await atlasHooks<Hooks>(page)).rendered!.key).toContain(`:cmp${cmp}`);
    await expect
      .poll(() => page.getByTestId('compare-label-left').textContent())
      .toContain(String(main));
    expect(await page.getByTestId('compare-label-right').textContent()).toContain(String(cmp));
    expect(await page.getByTestId('map').getAttribute('aria-label')).toContain(
      `${main} left of the divider, ${cmp} right of it`,
    );
    expect(side.counts.cells).toBeGreaterThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, 'compare-1280.png') });

    // The divider: 50 % → two steps of 2 % to the left → 46 %; the link keeps the year only.
    const divider = page.getByTestId('compare-divider');
    expect(await divider.getAttribute('aria-valuenow')).toBe('50');
    await divider.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => divider.getAttribute('aria-valuenow')).toBe('46');
    await page.keyboard.press('End');
    await expect.poll(() => divider.getAttribute('aria-valuenow')).toBe('95');
    await expect.poll(() => page.url()).toContain(`cmp=${cmp}`);

    // Same selectors: the comparison side set to the main year counts the main side's cells.
    await page.getByTestId('compare-year').selectOption(String(main));
    const same = await compareDrawn(page, 'MINUSCA', main);
    await settle(page, `MINUSCA:${main}:`, 120_000);
    const mainTag = (await atlasHooks<Hooks>(page)).rendered!;
    expect(same.counts.cells).toBe(mainTag.counts.cells);

    // Escape leaves compare (nothing is selected).
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('compare-label-right').count()).toBe(0);
    await expect.poll(() => page.url()).not.toContain('cmp=');
    await expect.poll(() => page.getByTestId('compare-open').count()).toBe(1);
  }, 420_000);

  it('opens from the button with the previous year, and the Exit button leaves it', async () => {
    const years = missionYears();
    const main = years[years.length - 1]!;
    const previous = years[years.length - 2]!;
    const { page } = await suite.open('button', `?m=MINUSCA&y=${main}`, {
      viewport: { width: 1280, height: 800 },
    });
    await settle(page, `MINUSCA:${main}:`, 120_000);
    await page.getByTestId('compare-open').click();
    await compareDrawn(page, 'MINUSCA', previous);
    expect(await page.getByTestId('compare-label-left').textContent()).toContain(String(main));
    expect(await page.getByTestId('compare-label-right').textContent()).toContain(String(previous));
    await expect.poll(() => page.url()).toContain(`cmp=${previous}`);
    await page.getByTestId('compare-close').click();
    await expect.poll(() => page.getByTestId('compare-divider').count()).toBe(0);
    await expect.poll(() => page.url()).not.toContain('cmp=');
  }, 420_000);

  it('compares two lag rule sets: B edited in the bar, its flags as the domain gives them', async () => {
    const c = rulesCase();
    const { page } = await suite.open('rules', `?m=MINUSCA&y=${c.year}`, {
      viewport: { width: 1280, height: 800 },
    });
    await settle(page, `MINUSCA:${c.year}:`, 120_000);
    await page.getByTestId('compare-open-rules').click();
    // B starts as a copy of A: both sides flag the same cells.
    const same = await compareDrawnWith(page, `compare:MINUSCA:${c.year}:all:rules=10,0,3,1,5,-,1`);
    // The map says what each side shows.
    await expect
      .poll(() => page.getByTestId('map').getAttribute('aria-label'))
      .toContain(`${c.year} under lag rules A left of the divider, rules B right of it`);
    await settle(page, `MINUSCA:${c.year}:`, 120_000);
    expect(same.counts.flags).toBe(c.flagsA);
    expect((await atlasHooks<Hooks>(page)).rendered!.counts.flags).toBe(c.flagsA);
    expect(await page.getByTestId('compare-label-right').textContent()).toContain('same as A');
    await expect.poll(() => page.url()).toContain('cmpl=-');

    // Rules B: θ changed in the bar's compact form.
    await page.getByTestId('compare-lag-theta').fill(String(c.theta));
    const b = await compareDrawnWith(
      page,
      `compare:MINUSCA:${c.year}:all:rules=${c.theta},0,3,1,5,-,1`,
    );
    expect(b.counts.flags).toBe(c.flagsB);
    expect(b.counts.flags).not.toBe(c.flagsA);
    // The left side keeps rules A.
    expect((await atlasHooks<Hooks>(page)).rendered!.counts.flags).toBe(c.flagsA);
    expect(await page.getByTestId('compare-label-left').textContent()).toContain('Rules A: θ 10');
    expect(await page.getByTestId('compare-label-right').textContent()).toContain(
      `Rules B: θ ${c.theta}`,
    );
    await expect
      .poll(() => page.getByTestId('compare-rules-diff').textContent())
      .toMatch(new RegExp(`^${c.differ} flagged cells? differs?:`));
    await expect.poll(() => page.url()).toContain(`cmpl=theta:${c.theta}`);
    expect(page.url()).not.toContain('cmp=');
    expect(page.url()).not.toContain('theta=');
    await page.screenshot({ path: join(ARTIFACTS, 'compare-rules-1280.png') });

    // Back to years: B is dropped, the comparison year is drawn.
    await page.getByTestId('compare-mode-years').check();
    await expect.poll(() => page.url(), { timeout: 60_000 }).toMatch(/cmp=\d{4}/);
    expect(page.url()).not.toContain('cmpl=');
    expect(await page.getByTestId('compare-rules').count()).toBe(0);
    const cmpYear = Number(/cmp=(\d{4})/.exec(page.url())![1]);
    expect(cmpYear).not.toBe(c.year);
    const years = await compareDrawnWith(page, `compare:MINUSCA:${cmpYear}:all:`);
    expect(years.key).not.toContain(':rules=');
  }, 420_000);

  it('opens rules mode from the link on a phone (390 px; screenshot)', async () => {
    const c = rulesCase();
    const viewport = { width: 390, height: 844 };
    const { page } = await suite.open('rules390', `?m=MINUSCA&y=${c.year}&cmpl=theta:${c.theta}`, {
      viewport,
    });
    await settle(page, `MINUSCA:${c.year}:`, 120_000);
    const b = await compareDrawnWith(page, `compare:MINUSCA:${c.year}:all:rules=${c.theta},`);
    expect(b.counts.flags).toBe(c.flagsB);
    for (const id of [
      'compare-label-left',
      'compare-label-right',
      'compare-divider',
      'compare-rules',
    ]) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box, id).not.toBeNull();
      expect(box!.x, id).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, id).toBeLessThanOrEqual(viewport.width);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'compare-rules-390.png') });
    await page.getByTestId('compare-rules-toggle').click();
    await expect.poll(() => page.getByTestId('compare-rules').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'compare-rules-390-hidden.png') });
  }, 420_000);

  /** Opens compare from the link at `viewport`, checks the labels fit, takes a screenshot. */
  async function screenshotAt(viewport: { width: number; height: number }, timeout: number) {
    const years = missionYears();
    const [cmp, , main] = years as [number, number, number];
    const { page } = await suite.open(`w${viewport.width}`, `?m=MINUSCA&y=${main}&cmp=${cmp}`, {
      viewport,
    });
    await settle(page, `MINUSCA:${main}:`, timeout);
    await compareDrawn(page, 'MINUSCA', cmp);
    for (const id of ['compare-label-left', 'compare-label-right', 'compare-divider']) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box, id).not.toBeNull();
      expect(box!.x, id).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, id).toBeLessThanOrEqual(viewport.width);
    }
    await page.screenshot({ path: join(ARTIFACTS, `compare-${viewport.width}.png`) });
  }

  it('works on a phone (390 px; screenshot)', async () => {
    await screenshotAt({ width: 390, height: 844 }, 120_000);
  }, 420_000);

  // Software WebGL at 3840 × 2160 on a shared 2-core machine: minutes, not seconds.
  it('works on a 4K projector (3840 px; screenshot)', async () => {
    await screenshotAt({ width: 3840, height: 2160 }, 300_000);
  }, 600_000);

  it('left no page outside the origin or with a console error', () => {
    suite.expectCleanPages();
  });
});
