import { describe, expect, it } from 'vitest';
import { inlinedWorkerText } from '../../src/map/inlinedWorker';

// A worker module with non-ASCII text, as MapLibre's has (e.g. in its messages).
const SOURCE = 'const dots = "… Ω";\nself.x = dots;\nexport { dots as default };\n';

describe('inlinedWorkerText', () => {
  it('decodes a base64 data: URL as UTF-8 and drops the trailing export', () => {
    const url = `data:text/javascript;base64,${Buffer.from(SOURCE, 'utf8').toString('base64')}`;
    expect(inlinedWorkerText(url)).toBe('const dots = "… Ω";\nself.x = dots;\n');
  });

  it('decodes a percent-encoded data: URL, and leaves a file URL alone (null)', () => {
    const url = `data:text/javascript;charset=utf-8,${encodeURIComponent(SOURCE)}`;
    expect(inlinedWorkerText(url)).toBe('const dots = "… Ω";\nself.x = dots;\n');
    expect(inlinedWorkerText('/assets/maplibre-gl-worker-abc.mjs')).toBeNull();
  });
});
