/**
 * The World view against the mission view, side by side in one run, on the Central African
 * Republic build (../shared/data, the e2e harness's data) and on the synthetic global build
 * (bench/global.bench.ts's `prepareGlobal`), both served as production builds and measured in one
 * headless Chromium (software WebGL). Issue 17, point 7: the World view's first frame and a year
 * change meet the same budgets as the mission view.
 *
 * - first_frame_ms: navigation start → the first deck.gl frame with data. Mission view: the
 *   default link (MINUSCA, 2014; render key `MINUSCA:2014:`); World view: `?w=all&y=2014` (the
 *   first frame whose key has the World feature, `:world:`). Median of BENCH_LOADS fresh page
 *   loads per build and view, taken alternately (CAR mission, CAR world, global mission, …);
 *   budget < 2000 ms (bench/app.bench.ts) and global ≤ 1.2 × CAR (bench/global.bench.ts).
 * - year_change_ms: slider input → the frame that draws that year, 2015…2024 and back to 2014
 *   (MINUSCA's years; the World view's clock has them too), median and max; budget < 100 ms.
 *
 * Runs alone with `npx tsx bench/world.bench.ts`, or `npm run bench world`. Environment:
 * BENCH_LOADS (page loads per build and view, default 3), BENCH_GLOBAL_OSV (see global.bench.ts),
 * BENCH_WAIT_MS (300 s: a load that times out is reported, not fatal).
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, startApp, type AppServer } from '../tests/e2e/harness';
import { median, round1, round2, runIfMain, YEAR_CHANGE_SCRIPT } from './browser';
import { carAndGlobal } from './global.bench';

const LOADS = Number(process.env.BENCH_LOADS ?? 3);
const WAIT_MS = Number(process.env.BENCH_WAIT_MS ?? 300_000);
const YEARS = Array.from({ length: 11 }, (_, i) => 2014 + i);

type Figures = Record<string, number | string>;
type ViewName = 'mission' | 'world';

/** The link and the render key test of each view's first frame. */
const VIEWS: Record<ViewName, { query: string; world: boolean }> = {
  mission: { query: '', world: false },
  world: { query: '?w=all&y=2014', world: true },
};

interface Hooks {
  __atlas?: { rendered: { key: string; at: number } | null; idle?: boolean };
}

/** Waits for the first frame of the view in `year`; returns its time (ms from navigation). */
async function frameOf(page: Page, year: number, world: boolean): Promise<number> {
  await page.waitForFunction(
    ([y, w]) => {
      const r = (window as unknown as Hooks).__atlas?.rendered;
      return !!r && r.key.startsWith(`MINUSCA:${y}:`) && r.key.includes(':world:') === w;
    },
    [year, world] as const,
    { timeout: WAIT_MS },
  );
  return page.evaluate(() => (window as unknown as Hooks).__atlas!.rendered!.at);
}

/** Year changes on a fresh page of the view: 2015…2024 and back; ms each. */
async function yearChanges(browser: Browser, app: AppServer, view: ViewName): Promise<number[]> {
  const rp = await openPage(browser, app.url + VIEWS[view].query);
  try {
    await frameOf(rp.page, 2014, VIEWS[view].world);
    await rp.page.waitForFunction(() => (window as unknown as Hooks).__atlas?.idle === true, null, {
      timeout: WAIT_MS,
    });
    const sequence = [...YEARS.slice(1), ...YEARS.slice(0, -1).reverse()];
    const out: number[] = [];
    for (const y of sequence)
      out.push(
        (await rp.page.evaluate(`(${YEAR_CHANGE_SCRIPT})([${y}, ${VIEWS[view].world}])`)) as number,
      );
    return out;
  } finally {
    await rp.close();
  }
}

/** Runs the benchmark and returns its figures. */
export async function run(): Promise<Figures> {
  const { out, builds } = await carAndGlobal();
  const views: ViewName[] = ['mission', 'world'];
  const apps: AppServer[] = [];
  try {
    for (const [, data] of builds) apps.push(await startApp({ given: data }));
    const browser = await launchBrowser();
    try {
      const firsts = new Map<string, number[]>();
      const failures: string[] = [];
      for (let i = 0; i < LOADS; i++)
        for (let b = 0; b < builds.length; b++)
          for (const v of views) {
            const key = `${builds[b]![0]}_${v}`;
            try {
              const rp = await openPage(browser, apps[b]!.url + VIEWS[v].query);
              try {
                const at = await frameOf(rp.page, 2014, VIEWS[v].world);
                firsts.set(key, [...(firsts.get(key) ?? []), at]);
              } finally {
                await rp.close();
              }
            } catch (e) {
              failures.push(`${key}: ${(e as Error).message.split('\n')[0]!}`);
            }
          }
      if (failures.length) out.first_frame_failures = failures.join('; ');
      for (const [label] of builds)
        for (const v of views) {
          const xs = firsts.get(`${label}_${v}`) ?? [];
          out[`${label}_${v}_first_frame_ms`] = Math.round(median(xs));
          out[`${label}_${v}_first_frame_loads`] = xs.map((x) => Math.round(x)).join(' ');
        }
      out.first_frame_budget_ms = 2000;
      for (const v of views)
        out[`ratio_${v}_first_frame_global_to_car`] = round2(
          (out[`global_${v}_first_frame_ms`] as number) /
            (out[`car_${v}_first_frame_ms`] as number),
        );
      out.ratio_first_frame_budget = 1.2;
      for (let b = 0; b < builds.length; b++)
        for (const v of views) {
          const key = `${builds[b]![0]}_${v}`;
          try {
            const changes = await yearChanges(browser, apps[b]!, v);
            out[`${key}_year_change_ms`] = round1(median(changes));
            out[`${key}_year_change_max_ms`] = round1(Math.max(...changes));
          } catch (e) {
            out[`${key}_year_change_failed`] = (e as Error).message.split('\n')[0]!;
          }
        }
      out.year_change_budget_ms = 100;
      // Side by side: "mission | world" per build and measure.
      for (const [label] of builds)
        for (const m of ['first_frame_ms', 'year_change_ms', 'year_change_max_ms'])
          out[`side_by_side_${label}_${m}`] =
            `mission ${out[`${label}_mission_${m}`] ?? '–'} | world ${out[`${label}_world_${m}`] ?? '–'}`;
    } finally {
      await browser.close();
    }
  } finally {
    for (const a of apps) await a.close();
    for (const [, d] of builds) rmSync(d.publicDir, { recursive: true, force: true });
  }
  out.load_average_1min_at_end = round1(loadavg()[0] ?? 0);
  return out;
}

runIfMain(import.meta.url, run);
