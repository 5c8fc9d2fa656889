import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_FILES } from '../../src/domain/encoding';
import { buildDataset, type BuildResult } from '../../src/pipeline/build';
import { SourceError } from '../../src/pipeline/sources';
import {
  GED_COLUMNS,
  csv,
  FRONTMAP_COLUMNS,
  frontRow,
  gedCsv,
  gedRow,
  minimalFiles,
  outDir,
  sourceDir,
} from '../fixtures/pipeline/factories';

/** Builds a folder of the minimal Geo-PKO file plus `files`. */
async function build(name: string, files: Record<string, string | Buffer>): Promise<BuildResult> {
  return buildDataset({
    from: sourceDir(name, { ...minimalFiles(), ...files }),
    outDir: outDir(name),
    quiet: true,
    // Each case is a tiny file with a rejected row: far above the 1 % rejected-row limit.
    allowRejects: true,
  });
}

async function buildError(name: string, files: Record<string, string | Buffer>): Promise<string> {
  try {
    await build(name, files);
  } catch (e) {
    expect(e).toBeInstanceOf(SourceError);
    return (e as Error).message;
  }
  throw new Error('expected the build to fail');
}

const osvTotal = (r: BuildResult): number =>
  r.dataset.cellYears.reduce((a, c) => a + c.osv.best, 0);

describe('malformed input gives a reason code or a clear error, never a crash', () => {
  it('empty file: clear error naming the file', async () => {
    expect(await buildError('empty', { 'ucdp/ged.csv': '' })).toMatch(
      /ucdp\/ged\.csv: the file is empty/,
    );
  });

  it('header only: clear error', async () => {
    expect(await buildError('header-only', { 'ucdp/ged.csv': gedCsv([]) })).toMatch(
      /ucdp\/ged\.csv: the file has a header line but no data rows/,
    );
  });

  it('wrong delimiter: clear error naming the delimiter', async () => {
    const text = gedCsv([gedRow()]).replace(/,/g, ';');
    expect(await buildError('semicolon', { 'ucdp/ged.csv': text })).toMatch(
      /ucdp\/ged\.csv: the header uses ";" as delimiter/,
    );
  });

  it('unknown header: refused, naming the missing columns of the closest input', async () => {
    const text = csv(
      GED_COLUMNS.filter((c) => c !== 'best' && c !== 'low'),
      [gedRow()],
    );
    expect(await buildError('unknown-header', { 'ucdp/ged.csv': text })).toMatch(
      /ucdp\/ged\.csv: header not recognized\. It looks like UCDP GED events \(CSV\) but lacks the columns: best, low/,
    );
    expect(await buildError('alien', { 'x.csv': 'a,b,c\n1,2,3\n' })).toMatch(
      /x\.csv: header not recognized as any known input/,
    );
  });

  it('BOM and CRLF: read like a plain file', async () => {
    const rows = [gedRow({ id: 1, best: 4 }), gedRow({ id: 2, best: 6 })];
    const r = await build('bom-crlf', { 'ucdp/ged.csv': gedCsv(rows, { bom: true, crlf: true }) });
    expect(r.rejects).toEqual([]);
    expect(osvTotal(r)).toBe(10);
    expect(r.dataset.cellMonths[0]?.month).toBe(3);
  });

  it('quoted fields with commas, quotes and line breaks: kept, and the next line number is right', async () => {
    const rows = [
      gedRow({ id: 1, best: 4, source_article: 'Reuters, "Bangui"\nsecond line\r\nthird' }),
      gedRow({ id: 2, best: 'x' }),
    ];
    const r = await build('quoted', { 'ucdp/ged.csv': gedCsv(rows) });
    expect(osvTotal(r)).toBe(4);
    expect(r.rejects).toEqual([
      { source: 'ucdp/ged.csv', line: 3, reason: 'BAD_NUMBER', detail: 'best "x"' },
    ]);
  });

  it('non-numeric and out-of-range coordinates: BAD_NUMBER / COORDINATES_OUT_OF_RANGE', async () => {
    const rows = [
      gedRow({ id: 1, latitude: 'north' }),
      gedRow({ id: 2, longitude: '18,5' }),
      gedRow({ id: 3, longitude: 180.0001 }),
      gedRow({ id: 4, latitude: -90.5 }),
      gedRow({ id: 5, latitude: 'NA', longitude: 'NA' }),
      gedRow({ id: 6, best: 1 }),
    ];
    const r = await build('coords', { 'ucdp/ged.csv': gedCsv(rows) });
    expect(r.rejects.map((x) => [x.line, x.reason])).toEqual([
      [2, 'BAD_NUMBER'],
      [3, 'BAD_NUMBER'],
      [4, 'COORDINATES_OUT_OF_RANGE'],
      [5, 'COORDINATES_OUT_OF_RANGE'],
      [6, 'MISSING_COORDINATES'],
    ]);
    expect(osvTotal(r)).toBe(1);
  });

  it('estimates beyond a 32-bit count: BAD_NUMBER, never a silent null', async () => {
    const rows = [
      gedRow({ id: 1, best: 3000000000 }),
      gedRow({ id: 2, high: 2147483648 }),
      gedRow({ id: 3, best: 2 }),
    ];
    const r = await build('huge-counts', { 'ucdp/ged.csv': gedCsv(rows) });
    expect(r.rejects.map((x) => [x.line, x.reason, x.detail])).toEqual([
      [2, 'BAD_NUMBER', 'best "3000000000"'],
      [3, 'BAD_NUMBER', 'high "2147483648"'],
    ]);
    expect(osvTotal(r)).toBe(2);
  });

  it('a country of spaces is MISSING_VALUE; spaces around a name are trimmed', async () => {
    const rows = [
      gedRow({ id: 1, country: '   ' }),
      gedRow({ id: 2, country: '  Central African Republic ', best: 4 }),
    ];
    const r = await build('country-spaces', { 'ucdp/ged.csv': gedCsv(rows) });
    expect(r.rejects.map((x) => [x.line, x.reason])).toEqual([[2, 'MISSING_VALUE']]);
    expect(r.dataset.cellYears.map((c) => [c.country, c.osv.best])).toEqual([
      ['Central African Republic', 4],
    ]);
  });

  it('truncated last line: MALFORMED_LINE with its line, earlier rows kept', async () => {
    const full = gedCsv([gedRow({ id: 1, best: 2 }), gedRow({ id: 2, best: 3 })]);
    const truncated = full.slice(0, full.length - 40); // cut in the middle of the last row
    const r = await build('truncated', { 'ucdp/ged.csv': truncated });
    expect(r.rejects.map((x) => [x.line, x.reason])).toEqual([[3, 'MALFORMED_LINE']]);
    expect(osvTotal(r)).toBe(2);
  });

  it('an unterminated quote at the end of the file: MALFORMED_LINE', async () => {
    const text = `${gedCsv([gedRow({ id: 1, best: 2 })])}${gedCsv([
      gedRow({ id: 2, dyad_name: 'open' }),
    ])
      .split('\n')[1]
      ?.replace('open', '"open')}`;
    const r = await build('open-quote', { 'ucdp/ged.csv': text });
    expect(r.rejects.map((x) => [x.line, x.reason])).toEqual([[3, 'MALFORMED_LINE']]);
    expect(osvTotal(r)).toBe(2);
  });

  it('a byte that is not UTF-8 in an otherwise ASCII file: read as Windows-1252', async () => {
    const head = Buffer.from(gedCsv([gedRow({ id: 1, best: 2 })]));
    const bad = Buffer.from(gedCsv([gedRow({ id: 2, side_a: 'XX' })]).split('\n')[1] + '\n');
    bad[bad.indexOf('XX')] = 0xff; // "ÿ" in Windows-1252 and Latin-1
    const r = await build('utf8', { 'ucdp/ged.csv': Buffer.concat([head, bad]) });
    expect(r.rejects).toEqual([]);
    expect(r.dataset.cellYears[0]?.topPerpetrators.map((p) => p.name).sort()).toEqual([
      'Anti-balaka',
      'ÿX',
    ]);
    expect(r.manifest.sources.find((s) => s.file === 'ucdp/ged.csv')?.encoding).toBe(
      'windows-1252',
    );
  });

  it('a broken GeoJSON feature: the build fails naming the file and byte', async () => {
    const head = `{\n"type": "FeatureCollection",\n"features": [\n{ "type": "Feature", "properties": ${JSON.stringify(
      gedRow({ id: 1 }),
    )}, "geometry": { "type": "Point", "coordinates": [18.5, 4.3] } },\n`;
    const geo = `${head}{ "type": "Feature", "properties": { "id": 2, \n]\n}\n`;
    const message = await buildError('geojson-broken', { 'ucdp/ged.geojson': geo });
    expect(message).toContain(
      `ucdp/ged.geojson: not a complete GeoJSON document: feature 2 (line 5) is not valid JSON`,
    );
    expect(message).toContain(`at byte ${Buffer.byteLength(head) + geo.length - head.length - 4}`);
  });

  it('Geo-PKO: NA troops are unknown, "unknown" too; a bad number is BAD_NUMBER', async () => {
    const front = csv(FRONTMAP_COLUMNS, [
      frontRow({ NoTroops: 'NA' }),
      frontRow({ location: 'Bria', latitude: 6.5, longitude: 22, NoTroops: 'unknown' }),
      frontRow({ location: 'Sibut', latitude: 5.7, longitude: 19.1, NoTroops: '12abc' }),
      frontRow({ location: 'Ndele', latitude: 8.4, longitude: 20.6, NoTroops: 2.5 }),
    ]);
    const r = await build('pko-numbers', { 'geopko/FrontMap_v.2.3.csv': front });
    expect(r.dataset.baseYears.map((b) => b.troops)).toEqual([null, null]);
    expect(r.rejects.map((x) => [x.line, x.reason, x.detail])).toEqual([
      [4, 'BAD_NUMBER', 'troops "12abc"'],
      [5, 'BAD_NUMBER', 'troops "2.5"'],
    ]);
    const m = JSON.parse(
      readFileSync(path.join(outDir('pko-numbers'), DATA_FILES.manifest), 'utf8'),
    );
    expect(m.rejectedByReason).toEqual({ BAD_NUMBER: 2 });
  });
});

describe('missing sources', () => {
  it('the CLI exits non-zero with the message for a missing folder', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/pipeline/cli.ts', '--from', '/nonexistent/folder', '--quiet'],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'npm run data: source folder /nonexistent/folder (--from) does not exist',
    );
  });

  it('a missing --from folder is an error, not a fallback', async () => {
    await expect(
      buildDataset({ from: '/nonexistent/folder', outDir: outDir('missing'), quiet: true }),
    ).rejects.toThrow(/source folder \/nonexistent\/folder \(--from\) does not exist/);
  });

  it('a --from that is a file says it is not a folder', async () => {
    const dir = sourceDir('from-file', minimalFiles());
    const file = path.join(dir, 'geopko', 'FrontMap_v.2.3.csv');
    await expect(
      buildDataset({ from: file, outDir: outDir('from-file'), quiet: true }),
    ).rejects.toThrow(`${file} (--from) is a file, not a folder: give the folder that holds`);
  });

  it('no deployment file is an error', async () => {
    const dir = sourceDir('no-pko', { 'ucdp/ged.csv': gedCsv([gedRow()]) });
    await expect(
      buildDataset({ from: dir, outDir: outDir('no-pko'), quiet: true }),
    ).rejects.toThrow(/no Geo-PKO deployment file/);
  });

  it('no GED: builds, with coverage "none" (violence data not loaded)', async () => {
    const r = await build('no-ged', {});
    expect(r.dataset.coverage).toEqual({
      gedVersions: [],
      years: null,
      scope: 'none',
      countries: [],
    });
    expect(r.dataset.cellYears).toEqual([]);
  });
});
