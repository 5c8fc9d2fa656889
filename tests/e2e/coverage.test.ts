/**
 * The coverage view in the app, in real headless Chromium against the production build: the
 * share shown for a year equals the share computed here, independently, from the served files —
 * the events table parsed by hand (not with the app's decoder), distances by a haversine written
 * here (mean Earth radius 6,371.0088 km, as turf), the bases of the decoded dataset — for X = 50
 * and after X is changed to 100 in the form; a year without violence data says "not computed".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { atlasHooks, e2eSuite, settle } from './suite';

const suite = e2eSuite();

interface Table {
  length: number;
  columns: string[];
  codecs: Record<string, string>;
  dicts: Record<string, string[]>;
  data: unknown[][];
}

interface Ev {
  year: number;
  lon: number;
  lat: number;
  best: number;
  prec: number;
  country: string;
}

/** osv_events.json read by hand: year and lon are deltas, coordinates × 10,000, country a dict. */
function servedEvents(): Ev[] {
  const t = JSON.parse(
    readFileSync(join(suite.app.data.dataDir, 'osv_events.json'), 'utf8'),
  ) as Table;
  const col = (name: string) => t.data[t.columns.indexOf(name)] as number[];
  const cum = (xs: number[]) => {
    let s = 0;
    return xs.map((x) => (s += x));
  };
  expect(t.codecs.year).toBe('delta');
  expect(t.codecs.lon).toBe('delta');
  const year = cum(col('year'));
  const lon = cum(col('lon'));
  const lat = col('lat');
  const best = col('best');
  const prec = col('wherePrec');
  const country = col('country');
  return Array.from({ length: t.length }, (_, i) => ({
    year: year[i]!,
    lon: lon[i]! / 10_000,
    lat: lat[i]! / 10_000,
    best: best[i]!,
    prec: prec[i]!,
    country: t.dicts.country![country[i]!]!,
  }));
}

function haversineKm(a: [number, number], b: [number, number]): number {
  const r = Math.PI / 180;
  const h =
    Math.sin(((b[1] - a[1]) * r) / 2) ** 2 +
    Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(((b[0] - a[0]) * r) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

/** Deaths and deaths within `km` of a MINUSCA base with known troops > 0 in `year`. */
function expected(year: number, km: number) {
  const m = suite.data.missions.find((x) => x.id === 'MINUSCA')!;
  const bases = suite.data.baseYears.filter(
    (b) => b.mission === 'MINUSCA' && b.year === year && b.troops !== null && b.troops > 0,
  );
  let deaths = 0;
  let within = 0;
  for (const e of servedEvents()) {
    if (e.year !== year || e.prec > 5 || !m.countries.includes(e.country)) continue;
    deaths += e.best;
    const d = Math.min(...bases.map((b) => haversineKm([e.lon, e.lat], [b.lon, b.lat])));
    if (d <= km) within += e.best;
  }
  return { deaths, within, share: within / deaths };
}

async function summary(page: Page) {
  const el = page.locator('[data-testid=coverage-summary]');
  await el.waitFor();
  return {
    text: (await el.textContent()) ?? '',
    deaths: Number(await el.getAttribute('data-deaths')),
    within: Number(await el.getAttribute('data-within')),
  };
}

describe('coverage view (production build, headless Chromium)', () => {
  it('shows the share computed independently from the served data, and follows X', async () => {
    const year = 2015;
    const at50 = expected(year, 50);
    expect(at50.deaths).toBeGreaterThan(0);
    const { page } = await suite.open('coverage', `?tab=coverage&y=${year}`);
    await settle(page, `MINUSCA:${year}:all`);
    await page.waitForFunction(() =>
      (
        window as unknown as { __atlas: { rendered: { key: string } } }
      ).__atlas.rendered.key.includes('cov=50,all'),
    );
    let s = await summary(page);
    expect(s.deaths).toBe(at50.deaths);
    expect(s.within).toBe(at50.within);
    expect(s.text).toContain(`${year}: ${Math.round(at50.share * 100)} % of the`);

    const at100 = expected(year, 100);
    expect(at100.within).toBeGreaterThanOrEqual(at50.within);
    await page.locator('[data-testid=coverage-km]').fill('100');
    await settle(page, `MINUSCA:${year}:all`);
    await page.waitForFunction(() =>
      (
        window as unknown as { __atlas: { rendered: { key: string } } }
      ).__atlas.rendered.key.includes('cov=100,all'),
    );
    s = await summary(page);
    expect(s.within).toBe(at100.within);
    expect(s.text).toContain(`${Math.round(at100.share * 100)} % of the`);
    // The link is written after the state settles (debounced): wait for it, not for time.
    await page.waitForFunction(() => new URL(location.href).searchParams.get('cx') === '100');
    const hooks = await atlasHooks<{ rendered: { counts: Record<string, number> } }>(page);
    expect(hooks.rendered.counts.coverageBases).toBeGreaterThan(0);
  });

  it('says "not computed", never 0 %, for a year without violence data', async () => {
    const { page } = await suite.open('coverage-nodata', '?tab=coverage&y=2023');
    await settle(page, 'MINUSCA:2023:all');
    const s = await summary(page);
    expect(s.text).toMatch(/2023: not computed — violence data not loaded/);
    expect(s.text).not.toMatch(/\b0 %/);
    suite.expectCleanPages();
  });
});
