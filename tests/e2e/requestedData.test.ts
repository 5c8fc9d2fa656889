/** Which data the browser tests serve (no browser needed). */
import { describe, expect, it } from 'vitest';
import { requestedData } from './harness';

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
