/**
 * App benchmark against the production build in headless Chromium (software rendering):
 *
 * - first_frame_ms: navigation start → the first deck.gl frame that draws the data (median of
 *   several fresh page loads); target < 2000 ms;
 * - year_change_ms: a year change on the slider → the frame that draws the new year (median over
 *   every MINUSCA year, forwards and back); target < 100 ms;
 * - bundle_gzip_kb: the built JS + CSS, gzipped (the MapLibre worker reported apart);
 * - data_gzip_kb: the browser data files, gzipped.
 *
 * Runs alone with `npx tsx bench/app.bench.ts`; `npm run bench` runs every bench/*.bench.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  median,
  openApp,
  round1,
  runIfMain,
  SOFTWARE_RENDERER,
  withApp,
  YEAR_CHANGE_SCRIPT,
} from './browser';

const LOADS = 5;

function gzipKb(dir: string, filter: (f: string) => boolean): number {
  let bytes = 0;
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (filter(p)) bytes += gzipSync(readFileSync(p), { level: 9 }).length;
    }
  };
  walk(dir);
  return round1(bytes / 1024);
}

interface Hooks {
  __atlas?: { rendered: { key: string; at: number } | null };
}

/** Runs the benchmark and returns its figures. */
export async function run(): Promise<Record<string, number | string>> {
  return withApp(async (app, browser) => {
    const out: Record<string, number | string> = {};
    out.data = app.data.reason;
    out.renderer = SOFTWARE_RENDERER;
    out.cpus = cpus().length;
    out.load_average_1min_at_start = round1(loadavg()[0] ?? 0);
    const assets = path.join(app.outDir, 'assets');
    out.bundle_gzip_kb = gzipKb(assets, (f) => /\.(js|css)$/.test(f));
    out.maplibre_worker_gzip_kb = gzipKb(assets, (f) => f.endsWith('.mjs'));
    out.data_gzip_kb = gzipKb(
      app.data.dataDir,
      (f) => f.endsWith('.json') && !f.includes('basemap'),
    );
    out.basemap_gzip_kb = gzipKb(app.data.dataDir, (f) => f.includes('basemap'));

    // First frame with data: fresh page loads.
    const firsts: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const rp = await openApp(app, browser, 'MINUSCA:2014:all');
      firsts.push(await rp.page.evaluate(() => (window as unknown as Hooks).__atlas!.rendered!.at));
      await rp.close();
    }
    out.first_frame_ms = Math.round(median(firsts));
    out.first_frame_max_ms = Math.round(Math.max(...firsts));
    out.first_frame_target_ms = 2000;

    // Year changes through the slider (an input event, as a user's drag produces).
    const rp = await openApp(app, browser, 'MINUSCA:2014:all', 1000);
    const years = Array.from({ length: 11 }, (_, i) => 2014 + i);
    const sequence = [...years.slice(1), ...years.slice(0, -1).reverse()];
    const changes: number[] = [];
    for (const year of sequence) {
      // A string, not a function: tsx would inject its `__name` helper into a function body.
      const ms = (await rp.page.evaluate(`(${YEAR_CHANGE_SCRIPT})(${year})`)) as number;
      changes.push(ms);
    }
    await rp.close();
    out.year_change_ms = round1(median(changes));
    out.year_change_max_ms = round1(Math.max(...changes));
    out.year_change_samples = changes.length;
    out.year_change_target_ms = 100;
    return out;
  });
}

runIfMain(import.meta.url, run);
