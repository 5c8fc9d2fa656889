/** Which data the browser tests serve, and a failed data build failing loudly (no browser needed). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareData, requestedData } from './harness';

describe('requestedData', () => {
  const here = import.meta.dirname; // a folder that exists
  const absent = `${here}/no-such-folder`;

  it('builds from ../shared/data when present, else serves the committed demo', () => {
    expect(requestedData({}, here).source).toBe('built');
    expect(requestedData({}, absent)).toEqual({
      source: 'demo',
      reason: '../shared/data is absent',
    });
  });

  it('uses the fixture only when asked for explicitly', () => {
    expect(requestedData({ ATLAS_E2E_FIXTURE: '1' }, here).source).toBe('fixture');
    expect(requestedData({ ATLAS_E2E_DATA: 'fixture' }, here).source).toBe('fixture');
    expect(requestedData({ ATLAS_E2E_DATA: 'demo' }, here).source).toBe('demo');
    expect(requestedData({ ATLAS_E2E_FIXTURE: '0' }, absent).source).toBe('demo');
    expect(() => requestedData({ ATLAS_E2E_DATA: 'real' }, here)).toThrow(
      'expected built, demo or fixture',
    );
  });
});

describe('prepareData', () => {
  it('throws when the data build fails: no silent switch to other data', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'atlas-e2e-broken-'));
    try {
      // A source folder the build refuses: a CSV that is neither GED nor Geo-PKO.
      mkdirSync(join(shared, 'geopko'));
      writeFileSync(join(shared, 'geopko', 'FrontMap_v.2.3.csv'), 'a,b\n1,2\n');
      const built = prepareData({ sharedData: shared });
      await expect(built).rejects.toThrow(/npm run data failed on \.\.\/shared\/data/);
      await expect(built).rejects.toThrow(/ATLAS_E2E_DATA=fixture/);
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  });
});
