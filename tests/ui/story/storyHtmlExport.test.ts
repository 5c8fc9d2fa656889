import { describe, expect, it } from 'vitest';
import { embeddedFetch, embeddedPayload } from '../../../src/data/embedded';
import type { Dataset } from '../../../src/domain/dataset';
import { STANDALONE_DATA_ID, STANDALONE_PLACEHOLDER } from '../../../src/domain/standalone';
import {
  decodeDataset,
  DATASET_FILES,
  encodeDataset,
  cellYearsOf,
  withCellMonthsPending,
  withCellYears,
} from '../../../src/domain/encoding';
import { CAMEROON, CAR as PARTS_CAR, DRC, partsDataset } from '../../fixtures/partsDataset';
import { encodeOsvEvents } from '../../../src/domain/eventsEncoding';
import { findStory } from '../../../src/story/stories';
import {
  buildStoryHtml,
  standaloneTemplateUrl,
  StoryHtmlError,
  storyHtmlFileName,
  type FetchFn,
} from '../../../src/ui/story/storyHtmlExport';
import { base, baseYear, cellYear, coverage, dataset } from '../../fixtures/factories';
import { osvEvent } from '../../fixtures/events';

const CAR = 'Central African Republic';
const story = findStory('minusca')!;
const TEMPLATE = `<!doctype html><html><head><title>Presence Atlas</title></head><body><div id="root"></div><script type="application/json" id="${STANDALONE_DATA_ID}">${STANDALONE_PLACEHOLDER}</script></body></html>`;

function fixture() {
  const bangui = base({ location: 'Bangui', mission: 'MINUSCA', country: CAR });
  const juba = base({ location: 'Juba', mission: 'UNMISS', country: 'South Sudan' });
  return dataset({
    bases: [bangui, juba],
    baseYears: [baseYear(bangui, 2014), baseYear(juba, 2014)],
    cellYears: [cellYear({ gid: 1, year: 2014, state: 2 })],
    coverage: coverage(),
  });
}

/** A fake server: path → [status, body]; records what was asked. */
function server(files: Record<string, [number, string]>): { fetch: FetchFn; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    fetch: (url) => {
      asked.push(url);
      const f = files[url];
      return Promise.resolve(
        f ? new Response(f[1], { status: f[0] }) : new Response('', { status: 404 }),
      );
    },
  };
}

/**
 * The story file made from `dataset` on a server with the template and `files` (path → body):
 * what was asked, and the dataset in the file.
 */
async function exported(dataset: Dataset, files: Record<string, string>) {
  const srv = server({
    '/standalone.html': [200, TEMPLATE],
    ...Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [200, v] as [number, string]])),
  });
  const html = await buildStoryHtml({
    story,
    dataset,
    dataUrl: '/data/',
    templateUrl: '/standalone.html',
    fetch: srv.fetch,
  });
  const p = payloadOf(html);
  const ds = decodeDataset(Object.fromEntries(DATASET_FILES.map((f) => [f, p.files[f]])));
  return { asked: srv.asked, ds };
}

/** The payload of a filled page (parsed as the app does, from the data element). */
function payloadOf(html: string) {
  const el = /<script type="application\/json" id="atlas-standalone-data">(.*?)<\/script>/s.exec(
    html,
  );
  const text = el![1]!;
  return embeddedPayload({
    getElementById: (id: string) =>
      id === STANDALONE_DATA_ID
        ? { getAttribute: () => 'application/json', textContent: text }
        : null,
  } as unknown as Document)!;
}

describe('buildStoryHtml', () => {
  it('fills the template from the origin with the mission data, events and basemap found', async () => {
    const events = [
      osvEvent({ lon: 18.5, lat: 4.4, year: 2014 }),
      osvEvent({ lon: 31.6, lat: 4.85, year: 2014, country: 'South Sudan' }),
    ];
    const srv = server({
      '/app/standalone.html': [200, TEMPLATE],
      '/app/data/osv_events.json': [200, JSON.stringify(encodeOsvEvents(events))],
      '/app/data/basemap/borders.geojson': [200, '{"type":"FeatureCollection","features":[]}'],
    });
    const steps: string[] = [];
    const html = await buildStoryHtml({
      story,
      dataset: fixture(),
      dataUrl: '/app/data/',
      templateUrl: standaloneTemplateUrl('/app/'),
      fetch: srv.fetch,
      onStep: (s) => steps.push(s),
    });
    expect(srv.asked[0]).toBe('/app/standalone.html');
    expect(srv.asked.every((u) => u.startsWith('/app/'))).toBe(true);
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(html).toContain(`<title>${story.title} · Presence Atlas</title>`);
    const p = payloadOf(html);
    expect(p.story).toEqual(story);
    const ds = decodeDataset(Object.fromEntries(DATASET_FILES.map((f) => [f, p.files[f]])));
    expect(ds.missions.map((m) => m.id)).toEqual(['MINUSCA']);
    expect(ds.bases.map((b) => b.id)).toEqual(['MINUSCA:bangui']);
    expect(p.files['basemap/borders.geojson']).toEqual({ type: 'FeatureCollection', features: [] });
    expect('manifest.json' in p.files).toBe(false); // 404 on the server: left out
    // Only the CAR event of the two (the mission's country).
    const res = await embeddedFetch(p)('./data/osv_events.json');
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toBe(JSON.stringify(encodeOsvEvents([events[0]!])));
    expect((await embeddedFetch(p)('data/manifest.json')).status).toBe(404);
  });

  it('says how to get the template when the server has none (404)', async () => {
    const run = buildStoryHtml({
      story,
      dataset: fixture(),
      dataUrl: '/data/',
      templateUrl: '/standalone.html',
      fetch: server({}).fetch,
    });
    await expect(run).rejects.toBeInstanceOf(StoryHtmlError);
    await expect(run).rejects.toThrow(/Missing \/standalone\.html \(HTTP 404\).*npm run build/);
  });

  it("refuses a dev server's fallback page (200, but not the template)", async () => {
    const srv = server({ '/standalone.html': [200, '<!doctype html><html>the app</html>'] });
    await expect(
      buildStoryHtml({
        story,
        dataset: fixture(),
        dataUrl: '/data/',
        templateUrl: '/standalone.html',
        fetch: srv.fetch,
      }),
    ).rejects.toThrow(/not the offline template.*npm run dev does not make the template/);
  });

  it('names a mission the loaded data does not have', async () => {
    const srv = server({ '/standalone.html': [200, TEMPLATE] });
    await expect(
      buildStoryHtml({
        story: { ...story, mission: 'MONUSCO' },
        dataset: fixture(),
        dataUrl: '/data/',
        templateUrl: '/standalone.html',
        fetch: srv.fetch,
      }),
    ).rejects.toThrow(/MONUSCO is not in the data/);
  });

  it('reads the cell-months first when the app has not loaded them yet, and fails when it cannot', async () => {
    const march = {
      gid: 1,
      year: 2014,
      month: 3,
      osvBest: 2,
      osvStateBest: 2,
      osvNonStateBest: 0,
      osvForeignBest: 0,
      osvStateLow: 2,
      osvStateHigh: 2,
      osvNonStateLow: 0,
      osvNonStateHigh: 0,
    };
    const full = { ...fixture(), cellMonths: [march] };
    const partial = withCellMonthsPending(full, { status: 'loading' });
    const months = JSON.stringify(encodeDataset(full)['cell_months.json']);
    const { asked, ds } = await exported(partial, { '/data/cell_months.json': months });
    expect(asked).toContain('/data/cell_months.json');
    expect(ds.cellMonths).toEqual([march]);
    // Without the file on the server: an error, not a story file without its months.
    await expect(
      buildStoryHtml({
        story,
        dataset: partial,
        dataUrl: '/data/',
        templateUrl: '/standalone.html',
        fetch: server({ '/standalone.html': [200, TEMPLATE] }).fetch,
      }),
    ).rejects.toThrow(/monthly data could not be read \(cell_months\.json was not found/);
  });

  it('reads the rest of the cell-years first when the app has only another mission’s', async () => {
    const full = partsDataset();
    // The app opened on MONUSCO: DR Congo's cell-years only, the rest still loading.
    const partial = withCellYears(
      full,
      cellYearsOf({ cellYears: full.cellYears.filter((c) => c.country === DRC) }),
      { status: 'loading', mission: 'MONUSCO', missing: [CAMEROON, PARTS_CAR, 'South Sudan'] },
    );
    const whole = JSON.stringify(encodeDataset(full)['cell_years.json']);
    const { asked, ds } = await exported(partial, { '/data/cell_years.json': whole });
    expect(asked).toContain('/data/cell_years.json');
    // Every cell-year of the story mission's countries (the CAR and Cameroon), and no other.
    const countries = full.missions.find((m) => m.id === 'MINUSCA')!.countries;
    expect(countries).toEqual([CAMEROON, PARTS_CAR]);
    expect(ds.cellYears).toEqual(full.cellYears.filter((c) => countries.includes(c.country)));
    expect(ds.cellYears.length).toBe(5);
    // The mission view it opened on needs nothing more: no request.
    const monusco = { ...story, mission: 'MONUSCO' };
    const srv2 = server({ '/standalone.html': [200, TEMPLATE] });
    await buildStoryHtml({
      story: monusco,
      dataset: partial,
      dataUrl: '/data/',
      templateUrl: '/standalone.html',
      fetch: srv2.fetch,
    });
    expect(srv2.asked).not.toContain('/data/cell_years.json');
  });

  it('names the file after the story', () => {
    expect(storyHtmlFileName({ id: 'minusca' })).toBe('minusca.story.html');
  });
});
