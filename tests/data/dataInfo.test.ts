import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataInfo } from '../../src/data/dataInfo';

const DEMO_MANIFEST = readFileSync(
  path.resolve(import.meta.dirname, '../../geodata/demo/manifest.json'),
  'utf8',
);

/** A fake fetch that answers every URL with `body` and `status`, recording the URLs. */
function fakeFetch(body: string, status = 200) {
  const urls: string[] = [];
  const fn = (u: string): Promise<Response> => {
    urls.push(u);
    return Promise.resolve(new Response(body, { status }));
  };
  return { fn, urls };
}

describe('loadDataInfo', () => {
  it('reads the served manifest: the demo says it is the demo', async () => {
    const f = fakeFetch(DEMO_MANIFEST);
    const r = await loadDataInfo('/base/data/', f.fn);
    expect(f.urls).toEqual(['/base/data/manifest.json']);
    expect(r.problem).toBeNull();
    expect(r.info?.demo?.country).toBe('Central African Republic');
  });

  it('gives a build manifest (no credits of its own) the licences of geodata/sources.json', async () => {
    const built = {
      sources: [
        { file: 'ucdp/GEDEvent_v25_1.csv', dataset: 'ucdp-ged', version: '25.1' },
        { file: 'geopko/FrontMap_v.2.3.csv', dataset: 'geo-pko', version: '2.3' },
      ],
      coverage: { gedVersions: ['25.1'], years: [1989, 2024], countries: [] },
    };
    const r = await loadDataInfo('/d/', fakeFetch(JSON.stringify(built)).fn);
    expect(r.info?.demo).toBeNull();
    const credits = r.info?.credits ?? [];
    expect(credits.map((c) => c.version)).toEqual(['25.1', '2.3', '', '']);
    expect(credits[0]?.citation).toContain('Davies, Shawn');
    expect(credits[1]?.licence).toContain('free to use with citation');
  });

  it('gives a reason instead of failing: 404, the SPA fallback page, broken JSON, a network error', async () => {
    expect((await loadDataInfo('/d/', fakeFetch('', 404).fn)).problem).toBe(
      'manifest.json: HTTP 404',
    );
    expect((await loadDataInfo('/d/', fakeFetch('<!doctype html>').fn)).problem).toBe(
      'manifest.json was not found',
    );
    expect((await loadDataInfo('/d/', fakeFetch('{"sources":').fn)).info).toBeNull();
    const down = await loadDataInfo('/d/', () => Promise.reject(new Error('offline')));
    expect(down).toEqual({ info: null, problem: 'offline' });
  });
});
