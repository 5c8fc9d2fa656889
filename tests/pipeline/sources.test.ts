import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordLines } from '../../src/pipeline/duck';
import { gedSourceOrder } from '../../src/pipeline/ged';
import {
  UTF8_CHECK_CHUNK,
  isValidUtf8File,
  pickSourceDir,
  recognizeHeader,
  sha256Files,
  type SourceFile,
  versionFromName,
} from '../../src/pipeline/sources';
import {
  FRONTMAP_COLUMNS,
  GED_COLUMNS,
  MONTHLY_V20_COLUMNS,
  MONTHLY_V23_COLUMNS,
  TCCMAP_COLUMNS,
  TTMAP_COLUMNS,
  csv,
  frontRow,
  sourceDir,
} from '../fixtures/pipeline/factories';

describe('recognizeHeader', () => {
  it('recognizes every input by its header, not its name', () => {
    const kind = (h: readonly string[], f: 'csv' | 'geojson' = 'csv') =>
      recognizeHeader('x', [...h], f).spec.kind;
    expect(kind(GED_COLUMNS)).toBe('ged-csv');
    expect(
      kind(
        GED_COLUMNS.filter((c) => c !== 'latitude' && c !== 'longitude'),
        'geojson',
      ),
    ).toBe('ged-geojson');
    expect(kind(FRONTMAP_COLUMNS)).toBe('geopko-frontmap');
    expect(kind(TTMAP_COLUMNS)).toBe('geopko-ttmap');
    expect(kind(TCCMAP_COLUMNS)).toBe('geopko-tccmap');
    expect(kind(MONTHLY_V20_COLUMNS)).toBe('geopko-monthly');
    expect(kind(MONTHLY_V23_COLUMNS)).toBe('geopko-monthly');
  });

  it('accepts aliases and a BOM', () => {
    const h = [
      '\uFEFFevent_id',
      'year',
      'type_of_violence',
      'side_a',
      'where_prec',
      'lat',
      'lng',
      'country',
      'date_start',
      'best',
      'low',
      'high',
    ];
    const { spec, fields } = recognizeHeader('x', h, 'csv');
    expect(spec.kind).toBe('ged-csv');
    expect(fields).toMatchObject({ id: 'event_id', latitude: 'lat', longitude: 'lng' });
  });

  it('names the missing columns of the closest input', () => {
    expect(() =>
      recognizeHeader(
        'geopko/f.csv',
        FRONTMAP_COLUMNS.filter((c) => c !== 'NoTroops'),
        'csv',
      ),
    ).toThrow(
      /geopko\/f\.csv: header not recognized\. It looks like Geo-PKO FrontMap .* lacks the columns: troops/,
    );
  });
});

describe('versionFromName', () => {
  it('reads GED and Geo-PKO versions from official file names', () => {
    expect(versionFromName('ucdp/GEDEvent_v23_1_CAR.csv', 'ged-csv')).toBe('23.1');
    expect(versionFromName('ged251.csv', 'ged-csv')).toBe('25.1');
    expect(versionFromName('ged.csv', 'ged-csv')).toBe('unknown');
    expect(versionFromName('FrontMap_v.2.3.csv', 'geopko-frontmap')).toBe('2.3');
    expect(versionFromName('Geo_PKO_v2.0_location_month_1994-2018.csv', 'geopko-monthly')).toBe(
      '2.0',
    );
    expect(versionFromName('Geo_PKO_v.2.3_location_map.csv', 'geopko-monthly')).toBe('2.3');
  });
});

describe('the duplicate rule file order', () => {
  it('reads the newest version first, CSV before GeoJSON, then by path', () => {
    const f = (rel: string, version: string, format: 'csv' | 'geojson') =>
      ({ rel, version, format }) as SourceFile;
    const order = gedSourceOrder([
      f('b.geojson', '23.1', 'geojson'),
      f('old.csv', '22.1', 'csv'),
      f('a.csv', '23.1', 'csv'),
      f('new.geojson', '25.1', 'geojson'),
      f('x.csv', 'unknown', 'csv'),
    ]).map((s) => s.rel);
    expect(order).toEqual(['new.geojson', 'a.csv', 'b.geojson', 'old.csv', 'x.csv']);
  });
});

describe('recordLines', () => {
  it('maps kept record indices to lines around malformed lines', () => {
    // Lines: 1 header, 2 ok(0), 3 bad, 4 ok(1), 5 bad, 6 bad, 7 ok(2)
    expect(recordLines([2, 0, 1], [3, 5, 6])).toEqual([7, 2, 4]);
    expect(recordLines([0, 1], [])).toEqual([2, 3]);
  });
});

describe('pickSourceDir', () => {
  const root = path.resolve('test-artifacts/pipeline/pick');
  const withFile = (dir: string): string => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'FrontMap.csv'), csv(FRONTMAP_COLUMNS, [frontRow()]));
    return dir;
  };

  it('follows --from, then $PRESENCE_ATLAS_DATA, then geodata/raw/, then ../shared/data/', () => {
    rmSync(root, { recursive: true, force: true });
    const proj = path.join(root, 'proj');
    const shared = withFile(path.join(root, 'shared', 'data'));
    mkdirSync(path.join(proj, 'geodata', 'raw'), { recursive: true });
    expect(pickSourceDir({ root: proj })).toEqual({
      dir: shared,
      reason: '../shared/data/ (default)',
    });
    const raw = withFile(path.join(proj, 'geodata', 'raw'));
    expect(pickSourceDir({ root: proj }).dir).toBe(raw);
    const env = withFile(path.join(root, 'env'));
    expect(pickSourceDir({ root: proj, env }).reason).toBe('$PRESENCE_ATLAS_DATA');
    const from = sourceDir('pick-from', { 'a.csv': 'x' });
    expect(pickSourceDir({ root: proj, env, from })).toEqual({ dir: from, reason: '--from' });
  });

  it('refuses an explicit folder that is missing or holds no data files', () => {
    expect(() => pickSourceDir({ env: path.join(root, 'nope') })).toThrow(
      /\$PRESENCE_ATLAS_DATA\) does not exist/,
    );
    const empty = path.join(root, 'empty');
    mkdirSync(empty, { recursive: true });
    expect(() => pickSourceDir({ from: empty })).toThrow(/holds no \.csv or \.geojson files/);
  });

  it('says where to put the files when nothing is found', () => {
    expect(() => pickSourceDir({ root: path.join(root, 'nothing', 'proj') })).toThrow(
      /npm run data:fetch/,
    );
  });
});

describe('isValidUtf8File', () => {
  it('accepts multi-byte characters split across read chunks and rejects bad bytes', async () => {
    const dir = path.resolve('test-artifacts/pipeline/utf8check');
    mkdirSync(dir, { recursive: true });
    const good = path.join(dir, 'good.txt');
    // Put a 3-byte character across the boundary of two reads.
    const pad = Buffer.alloc(UTF8_CHECK_CHUNK - 1, 0x61);
    writeFileSync(good, Buffer.concat([pad, Buffer.from('€ Ménaka\n')]));
    expect(await isValidUtf8File(good)).toBe(true);
    const bad = path.join(dir, 'bad.txt');
    writeFileSync(bad, Buffer.concat([Buffer.from('ok\n'), Buffer.from([0xc3, 0x28])]));
    expect(await isValidUtf8File(bad)).toBe(false);
    // A bad byte right after the boundary, and a sequence cut off by the end of the file.
    const badAfter = path.join(dir, 'bad-after.txt');
    writeFileSync(badAfter, Buffer.concat([pad, Buffer.from([0xe2, 0x82, 0x28])]));
    expect(await isValidUtf8File(badAfter)).toBe(false);
    const cut = path.join(dir, 'cut.txt');
    writeFileSync(cut, Buffer.concat([Buffer.from('ok '), Buffer.from([0xe2, 0x82])]));
    expect(await isValidUtf8File(cut)).toBe(false);
  });
});

describe('sha256Files', () => {
  it('hashes every file in a worker thread, like a plain sha256', async () => {
    const dir = path.resolve('test-artifacts/pipeline/sha256');
    mkdirSync(dir, { recursive: true });
    const files = ['a.txt', 'b.bin'].map((f) => path.join(dir, f));
    writeFileSync(files[0] as string, 'GED\n');
    writeFileSync(files[1] as string, Buffer.alloc((5 << 20) + 3, 7)); // more than one read
    const hashes = sha256Files(files);
    for (const f of files)
      expect(await hashes.get(f)).toBe(createHash('sha256').update(readFileSync(f)).digest('hex'));
  });

  it('rejects (does not crash) for a file that cannot be read', async () => {
    const missing = path.resolve('test-artifacts/pipeline/sha256/missing.csv');
    await expect(sha256Files([missing]).get(missing)).rejects.toThrow(/cannot hash/);
  });
});
