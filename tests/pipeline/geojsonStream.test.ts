import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/pipeline/build';
import { GeojsonSyntaxError, readGeojsonFeatures } from '../../src/pipeline/geojsonStream';
import { SourceError } from '../../src/pipeline/sources';
import {
  gedGeojson,
  gedRow,
  minimalFiles,
  outDir,
  sourceDir,
} from '../fixtures/pipeline/factories';

const DIR = path.resolve(import.meta.dirname, '../../test-artifacts/pipeline/geojson-stream');

function file(name: string, text: string | Buffer): string {
  mkdirSync(DIR, { recursive: true });
  const f = path.join(DIR, name);
  writeFileSync(f, text);
  return f;
}

async function read(text: string | Buffer) {
  const got: { feature: unknown; line: number }[] = [];
  const r = await readGeojsonFeatures(file('doc.geojson', text), 'doc.geojson', (feature, line) =>
    got.push({ feature, line }),
  );
  return { ...r, got };
}

async function failure(text: string | Buffer): Promise<GeojsonSyntaxError> {
  const err = await read(text).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(GeojsonSyntaxError);
  return err as GeojsonSyntaxError;
}

const feature = (id: number, extra: Record<string, unknown> = {}) => ({
  type: 'Feature',
  properties: { id, ...extra },
  geometry: { type: 'Point', coordinates: [18.5, 4.3] },
});

describe('readGeojsonFeatures', () => {
  it('reads one feature per line with its physical line (GDAL layout)', async () => {
    const r = await read(gedGeojson([gedRow({ id: 1 }), gedRow({ id: 2 })]));
    expect(r.lines).toBe('physical');
    expect(r.type).toBe('FeatureCollection');
    // The factory writes 4 lines of header: features on lines 5 and 6.
    expect(r.got.map((g) => [(g.feature as { properties: { id: number } }).properties.id, g.line]))
      .toEqual([[1, 5], [2, 6]]); // prettier-ignore
  });

  it('reads pretty-printed and one-line documents; brackets and quotes inside strings', async () => {
    const tricky = feature(1, { name: 'a "}]" b \\ {[', other: '\u00e9\u202e' });
    const pretty = JSON.stringify(
      { type: 'FeatureCollection', name: 'x', features: [tricky, feature(2)] },
      null,
      2,
    );
    const p = await read(pretty);
    expect(p.got.map((g) => g.feature)).toEqual([tricky, feature(2)]);
    // Each feature's "{" is on the line before its `"type": "Feature"` line.
    const typeLines = pretty
      .split('\n')
      .flatMap((l, i) => (l.includes('"type": "Feature",') ? [i] : []));
    expect(p.got.map((g) => g.line)).toEqual(typeLines);
    expect(typeLines).toHaveLength(2);
    const one = await read(JSON.stringify({ features: [tricky, feature(2)], type: 'x' }));
    expect(one.lines).toBe('index');
    expect(one.got).toHaveLength(2);
  });

  it('reads features that straddle the 1 MiB read chunks', async () => {
    const big = 'é'.repeat(400_000); // 800,000 bytes a feature
    const features = [1, 2, 3, 4].map((id) => feature(id, { big }));
    const r = await read(JSON.stringify({ type: 'FeatureCollection', features }));
    expect(r.got.map((g) => g.feature)).toEqual(features);
  });

  it('a truncated document is an error naming the file and the byte offset', async () => {
    const text = gedGeojson([1, 2, 3, 4].map((id) => gedRow({ id })));
    const cut = Buffer.from(text).subarray(0, Math.floor(text.length / 2));
    const e = await failure(cut);
    expect(e.offset).toBe(cut.length);
    expect(e.message).toMatch(
      new RegExp(
        `^doc\\.geojson: not a complete GeoJSON document: the file ends before the document does \\(after \\d complete features, inside feature \\d that starts on line \\d\\): it is truncated at byte ${cut.length}$`,
      ),
    );
  });

  it('a document cut exactly after a feature is truncated too', async () => {
    const text = gedGeojson([gedRow({ id: 1 }), gedRow({ id: 2 })]);
    const cut = text.slice(0, text.indexOf('\n]'));
    const e = await failure(cut);
    expect(e.message).toContain('after 2 complete features)');
    expect(e.offset).toBe(Buffer.byteLength(cut));
  });

  it('a broken feature is an error with its byte offset, not a dropped row', async () => {
    const good = JSON.stringify(feature(1));
    const head = '{"type":"FeatureCollection","features":[\n';
    const text = `${head}${good},\n{"type":"Feature","properties":{"id":2 "x":1}}\n]}`;
    const e = await failure(text);
    const at = text.indexOf('"x"');
    expect(e.offset).toBe(at);
    expect(e.message).toContain('feature 2 (line 3) is not valid JSON');
  });

  it('text after the document, a missing features list or a stray member is an error', async () => {
    const doc = JSON.stringify({ type: 'FeatureCollection', features: [feature(1)] });
    const trailing = await failure(`${doc}\n{"type":"Feature"}`);
    expect(trailing.offset).toBe(doc.length + 1);
    expect((await failure('{"type":"FeatureCollection"}')).message).toContain('no "features" list');
    expect((await failure('{"features":[1]}')).message).toContain('features[0] is 1');
    expect((await failure('{"features":[{}, ]}')).message).toContain('invalid JSON');
  });

  it('a bad separator between features is found at its byte offset', async () => {
    const a = JSON.stringify(feature(1));
    const text = `{"features":[${a} ${a}]}`;
    const e = await failure(text);
    expect(e.offset).toBe(`{"features":[${a} `.length);
  });
});

describe('a truncated GED GeoJSON in the build', () => {
  it('fails the build with exit-2 error naming the file and the offset', async () => {
    const text = gedGeojson([1, 2, 3, 4, 5, 6].map((id) => gedRow({ id })));
    const cut = text.slice(0, Math.floor(text.length / 2));
    const err = await buildDataset({
      from: sourceDir('geojson-truncated', { ...minimalFiles(), 'ucdp/ged.geojson': cut }),
      outDir: outDir('geojson-truncated'),
      quiet: true,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toContain(
      `ucdp/ged.geojson: not a complete GeoJSON document: the file ends before the document does`,
    );
    expect((err as Error).message).toContain(`at byte ${Buffer.byteLength(cut)}`);
  });
});
