/**
 * The Download dialog and the Cite dialog in the production build, headless Chromium: opened
 * with the keyboard, a file saved (Playwright's download event) equals byte for byte what
 * `npm run export` writes from the served data for the same view (CSV and Parquet), the
 * provenance sidecar names the sources with their sha256; the Cite dialog gives the references;
 * axe-core finds no serious violation in either dialog; at 390 px and 1280 px (screenshots in test-artifacts/e2e/downloads-*.png).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BASEMAP_FILES } from '../../src/domain/basemap';
import { main } from '../../src/pipeline/export';
import { ARTIFACTS } from './harness';
import { e2eSuite, settle } from './suite';

const suite = e2eSuite();
const YEAR = 2017;

/** What `npm run export` writes for the view (MINUSCA, YEAR, default parameters). */
function cliFile(format: 'csv' | 'parquet'): { file: Uint8Array; sidecar: string } {
  const files = new Map<string, string | Uint8Array>();
  let err = '';
  const code = main(
    [
      '--mission',
      'MINUSCA',
      '--year',
      String(YEAR),
      '--format',
      format,
      '--out',
      `x.${format}`,
      '--data',
      suite.app.data.dataDir,
    ],
    { stdout: () => {}, stderr: (t) => (err += t), writeFile: (f, c) => files.set(f, c) },
  );
  expect(code, err).toBe(0);
  const c = files.get(`x.${format}`)!;
  return {
    file: typeof c === 'string' ? new TextEncoder().encode(c) : c,
    sidecar: files.get('x.provenance.json') as string,
  };
}

/** axe-core's browser bundle (evaluated through the DevTools protocol, which the CSP allows). */
const AXE_SOURCE = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/** Critical and serious axe-core violations inside the element `selector`. */
async function serious(page: Page, selector: string): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (sel) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Element,
            o: object,
          ): Promise<{ violations: { id: string; impact: string | null }[] }>;
        };
      }
    ).axe;
    const r = await axe.run(document.querySelector(sel)!, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => `${v.impact} ${v.id}`);
  }, selector);
}

async function saved(d: Download): Promise<Buffer> {
  return readFileSync((await d.path())!);
}

/** Opens the Download dialog with the keyboard and waits for the towns when the data has them. */
async function openDownloads(page: Page): Promise<void> {
  await page.getByTestId('download-button').focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('download-dialog');
  await dialog.waitFor({ state: 'visible' });
  if (existsSync(join(suite.app.data.dataDir, 'basemap', BASEMAP_FILES.places)))
    await page.waitForFunction(
      () =>
        Number(
          document.querySelector('[data-testid=download-dialog]')?.getAttribute('data-towns'),
        ) > 0,
    );
}

describe('downloads (production build, headless Chromium)', () => {
  it('saves the cells of the view byte for byte as npm run export does, with provenance', async () => {
    const { page } = await suite.open('downloads', `?m=MINUSCA&y=${YEAR}`, {
      viewport: { width: 1280, height: 800 },
    });
    await settle(page, `MINUSCA:${YEAR}:all`, 90_000);
    await openDownloads(page);
    await page.screenshot({ path: join(ARTIFACTS, 'downloads-1280.png') });
    expect(await serious(page, '[data-testid=download-dialog]')).toEqual([]);

    // CSV, from the keyboard.
    await page.getByTestId('download-cells-csv').focus();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(csv.suggestedFilename()).toBe(`cells_MINUSCA_${YEAR}_all.csv`);
    const expected = cliFile('csv');
    const got = await saved(csv);
    expect(got.toString('utf8').split('\n')[0]).toMatch(/^mission,year,gid,place,country,lat,lon/);
    expect(got.equals(Buffer.from(expected.file))).toBe(true);

    // Parquet: the same writer in the browser and in Node.
    const [pq] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-cells-parquet').click(),
    ]);
    expect((await saved(pq)).equals(Buffer.from(cliFile('parquet').file))).toBe(true);

    // The sidecar: sources with sha256, the app version, the same text as the CLI's.
    const [side] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-cells-provenance').click(),
    ]);
    expect(side.suggestedFilename()).toBe(`cells_MINUSCA_${YEAR}_all.provenance.json`);
    const text = (await saved(side)).toString('utf8');
    expect(text).toBe(expected.sidecar);
    const prov = JSON.parse(text) as {
      sources: { sha256: string }[];
      parameters: { year: number };
    };
    expect(prov.sources.length).toBeGreaterThan(0);
    for (const s of prov.sources) expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(prov.parameters.year).toBe(YEAR);

    // Cite, then Esc back to the page: focus returns to the Download button.
    await page.getByTestId('cite-button').click();
    const cite = page.getByTestId('cite-dialog');
    await cite.waitFor({ state: 'visible' });
    const citeText = (await cite.textContent()) ?? '';
    for (const who of ['Sundberg', 'Davies', 'Cil', 'Presence Atlas'])
      expect(citeText).toContain(who);
    await page.getByTestId('cite-copy-bibtex').click();
    await page.waitForFunction(
      () => (document.querySelector('[data-testid=cite-status]')?.textContent ?? '') !== '',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'downloads-cite-1280.png') });
    expect(await serious(page, '[data-testid=cite-dialog]')).toEqual([]);
    await page.keyboard.press('Escape');
    await cite.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'download-button',
    );
  }, 180_000);

  it('works on a 390 px phone: the dialog fits the screen', async () => {
    const { page } = await suite.open('downloads-phone', `?m=MINUSCA&y=${YEAR}`, {
      viewport: { width: 390, height: 844 },
    });
    await settle(page, `MINUSCA:${YEAR}:all`, 90_000);
    await page.screenshot({ path: join(ARTIFACTS, 'downloads-390-header.png') });
    await openDownloads(page);
    const box = await page.getByTestId('download-dialog').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    const scroll = await page
      .getByTestId('download-dialog')
      .evaluate((d) => d.scrollWidth <= d.clientWidth);
    expect(scroll).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'downloads-390.png') });
    // The build's full tables are linked where its manifest lists them (the demo has none).
    const manifest = JSON.parse(
      readFileSync(join(suite.app.data.dataDir, 'manifest.json'), 'utf8'),
    ) as { outputs: { path: string }[] };
    const full = page.getByTestId('download-full-cell-years');
    if (manifest.outputs.some((o) => o.path === 'export/cell_years.csv'))
      expect(await full.locator('a[href$="export/cell_years.csv"]').count()).toBe(1);
    else expect(await full.textContent()).toContain('Not in this data');
    const [bases] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-bases-geojson').click(),
    ]);
    const fc = JSON.parse((await saved(bases)).toString('utf8')) as {
      type: string;
      metadata: { table: string };
      features: unknown[];
    };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.metadata.table).toBe('Bases of the view');
    expect(fc.features.length).toBeGreaterThan(0);
    await page.getByTestId('cite-button').click();
    await page.getByTestId('cite-dialog').waitFor({ state: 'visible' });
    await page.screenshot({ path: join(ARTIFACTS, 'downloads-cite-390.png') });
    suite.expectCleanPages();
  }, 180_000);
});
