/**
 * The Grid switch in the app, in real headless Chromium against the production build: switching
 * the Lag tab's grid to H3 r4 puts `g=h3r4` in the link, redraws the violence cells as hexagons —
 * as many as computed here, independently, from the served events table (parsed by hand, cells by
 * h3-js `latLngToCell`) — shows the PRIO-GRID / H3 comparison, and switching back to PRIO-GRID
 * draws the squares again. The hexagons come from the grid files the data build wrote — the part
 * index and the host country's part (grid_h3r4/index.json, grid_h3r4/central-african-republic.json),
 * or the whole grid file (grid_h3r4.json) in a data folder without parts — not from the events
 * table. Screenshots of the hexagon view
 * and the comparison at 1280 and 390 px.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { latLngToCell } from 'h3-js';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS } from './harness';
import { atlasHooks, e2eSuite, settle } from './suite';

const suite = e2eSuite();

interface Table {
  length: number;
  columns: string[];
  dicts: Record<string, string[]>;
  data: unknown[][];
}

/** Hexagons of resolution `res` with ≥ 1 killed in `year` whose top country is a covered one. */
function expectedHexagons(year: number, res: number, covered: readonly string[]): number {
  const t = JSON.parse(
    readFileSync(join(suite.app.data.dataDir, 'osv_events.json'), 'utf8'),
  ) as Table;
  const col = (name: string) => t.data[t.columns.indexOf(name)] as number[];
  const cum = (xs: number[]) => {
    let s = 0;
    return xs.map((x) => (s += x));
  };
  const years = cum(col('year'));
  const lon = cum(col('lon'));
  const lat = col('lat');
  const best = col('best');
  const country = col('country');
  // hexagon → country → [best, events]
  const cells = new Map<string, Map<string, [number, number]>>();
  for (let i = 0; i < t.length; i++) {
    if (years[i] !== year) continue;
    const h = latLngToCell(lat[i]! / 10_000, lon[i]! / 10_000, res);
    const name = t.dicts.country![country[i]!]!;
    const m = cells.get(h) ?? new Map<string, [number, number]>();
    const c = m.get(name) ?? [0, 0];
    m.set(name, [c[0] + best[i]!, c[1] + 1]);
    cells.set(h, m);
  }
  let n = 0;
  for (const m of cells.values()) {
    const rows = [...m].sort(
      (a, b) => b[1][0] - a[1][0] || b[1][1] - a[1][1] || (a[0] < b[0] ? -1 : 1),
    );
    const total = rows.reduce((s, r) => s + r[1][0], 0);
    if (covered.includes(rows[0]![0]) && total >= 1) n++;
  }
  return n;
}

type Hooks = { rendered: { key: string; counts: Record<string, number> } };

async function waitForKey(page: Page, part: string) {
  await page.waitForFunction(
    (p) => (window as unknown as { __atlas?: Hooks }).__atlas?.rendered?.key.includes(p) === true,
    part,
    { timeout: 120_000 },
  );
}

async function switchTo(page: Page, label: string, key: string) {
  await page.locator('[data-testid=grid-switch] label', { hasText: label }).click();
  await waitForKey(page, key);
  await settle(page, 'MINUSCA:2015', 120_000);
}

describe('Grid switch (production build, headless Chromium)', () => {
  it('redraws the violence layer as H3 hexagons, compares flags, and switches back', async () => {
    const { page } = await suite.open('grid', '?tab=lag&y=2015', {
      viewport: { width: 1280, height: 800 },
    });
    await settle(page, 'MINUSCA:2015', 120_000);
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname.split('/data/').pop() ?? ''));
    const before = await atlasHooks<Hooks>(page);
    const squares = before.rendered.counts.cells!;
    expect(squares).toBeGreaterThan(0);

    await switchTo(page, 'H3 r4', 'grid=h3r4');
    await page.waitForFunction(() => window.location.search.includes('g=h3r4'));
    const r4 = await atlasHooks<Hooks>(page);
    expect(r4.rendered.key).not.toContain('loading');
    expect(r4.rendered.counts.cells).toBe(0);
    expect(r4.rendered.counts.hexagons).toBe(
      expectedHexagons(2015, 4, ['Central African Republic']),
    );
    const compare = page.locator('[data-testid=grid-compare]');
    await compare.waitFor();
    const prio = (await page.locator('[data-testid=grid-compare-prio]').textContent()) ?? '';
    const [confirmed, flagged] = prio.split(' of ').map((s) => Number(s.replace(/,/g, '')));
    expect(flagged).toBeGreaterThan(0);
    expect(confirmed).toBeLessThanOrEqual(flagged!);
    expect(await compare.textContent()).toMatch(/flagged H3 r4 hexagons have a flagged PRIO-GRID/);
    await page.screenshot({ path: join(ARTIFACTS, 'grid-h3r4-1280.png') });
    await page
      .locator('[data-testid=grid-section]')
      .screenshot({ path: join(ARTIFACTS, 'grid-compare-1280.png') });

    await switchTo(page, 'H3 r5', 'grid=h3r5');
    for (const id of ['h3r4', 'h3r5']) {
      if (existsSync(join(suite.app.data.dataDir, `grid_${id}`, 'index.json'))) {
        // The part index and MINUSCA's host country's part, not the whole grid file.
        expect(fetched).toContain(`grid_${id}/index.json`);
        expect(fetched).toContain(`grid_${id}/central-african-republic.json`);
        expect(fetched).not.toContain(`grid_${id}.json`);
      } else expect(fetched).toContain(`grid_${id}.json`); // a data folder without parts
    }
    expect(fetched).not.toContain('osv_events.json');
    const r5 = await atlasHooks<Hooks>(page);
    expect(r5.rendered.counts.hexagons).toBe(
      expectedHexagons(2015, 5, ['Central African Republic']),
    );

    await switchTo(page, 'PRIO-GRID', 'lag=');
    await page.waitForFunction(
      () => !(window as unknown as { __atlas: Hooks }).__atlas.rendered.key.includes('grid='),
    );
    const after = await atlasHooks<Hooks>(page);
    expect(after.rendered.counts.cells).toBe(squares);
    expect(after.rendered.counts.hexagons ?? 0).toBe(0);
    // The link follows the store after its short debounce: wait for it, not for time.
    await page.waitForFunction(() => !window.location.search.includes('g='));
  }, 240_000);

  it('opens on H3 from the link, on a phone', async () => {
    const { page } = await suite.open('grid-phone', '?tab=lag&y=2015&g=h3r5', {
      viewport: { width: 390, height: 844 },
    });
    await waitForKey(page, 'grid=h3r5');
    await settle(page, 'MINUSCA:2015', 120_000);
    await page.locator('[data-testid=grid-compare]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'grid-h3r5-390.png'), fullPage: true });
    await page
      .locator('[data-testid=grid-section]')
      .screenshot({ path: join(ARTIFACTS, 'grid-compare-390.png') });
    suite.expectCleanPages();
  }, 240_000);
});
