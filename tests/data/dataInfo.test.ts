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
