import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FetchError,
  extractZipEntry,
  fetchSources,
  loadSources,
  manualInstructions,
  type SourceEntry,
} from '../../src/pipeline/fetch';
import { FRONTMAP_COLUMNS, csv, frontRow, gedCsv, gedRow } from '../fixtures/pipeline/factories';

/** A one-entry zip (deflated), as the UCDP downloads are. */
function zipOf(name: string, data: Buffer): Buffer {
  const comp = deflateRawSync(data);
  const nameBuf = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc32(data), 14);
  local.writeUInt32LE(comp.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc32(data), 16);
  central.writeUInt32LE(comp.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + nameBuf.length + comp.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + nameBuf.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, nameBuf, comp, central, nameBuf, eocd]);
}

const gedText = gedCsv([gedRow({ id: 1 }), gedRow({ id: 2 })]);
const frontText = csv(FRONTMAP_COLUMNS, [frontRow()]);
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ged.zip') res.end(zipOf('GEDEvent_v25_1.csv', Buffer.from(gedText)));
    else if (req.url === '/FrontMap.csv') res.end(frontText);
    else if (req.url === '/wrong.csv') res.end('a,b\n1,2\n3,4\n');
    else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const entry = (over: Partial<SourceEntry>): SourceEntry => ({
  id: 'x',
  dataset: 'x',
  version: '1',
  default: true,
  url: '',
  dir: 'geopko',
  file: 'FrontMap_v.2.3.csv',
  kind: 'geopko-frontmap',
  minBytes: 10,
  licence: 'CC BY 4.0',
  citation: 'x',
  homepage: 'x',
  ...over,
});

describe('geodata/sources.json', () => {
  it('lists every default source with URL, licence, citation and expected file', () => {
    const sources = loadSources();
    const defaults = sources.filter((s) => s.default).map((s) => s.kind);
    expect(defaults).toEqual(
      expect.arrayContaining(['ged-csv', 'geopko-frontmap', 'geopko-ttmap', 'geopko-tccmap']),
    );
    for (const s of sources) expect(s.url).toMatch(/^https:\/\//);
  });
});

describe('fetchSources', () => {
  const rawDir = path.resolve('test-artifacts/pipeline/fetch/raw');

  it('downloads, extracts the zip and verifies each file by header', async () => {
    rmSync(rawDir, { recursive: true, force: true });
    const sources = [
      entry({
        id: 'ged',
        url: `${base}/ged.zip`,
        archive: 'zip',
        dir: 'ucdp',
        file: 'GEDEvent_v25_1.csv',
        kind: 'ged-csv',
      }),
      entry({ id: 'front', url: `${base}/FrontMap.csv` }),
    ];
    const r = await fetchSources({ sources, rawDir, quiet: true });
    expect(r.fetched).toEqual(['ged', 'front']);
    expect(readFileSync(path.join(rawDir, 'ucdp/GEDEvent_v25_1.csv'), 'utf8')).toBe(gedText);
    expect(existsSync(path.join(rawDir, 'ucdp/GEDEvent_v25_1.csv.zip'))).toBe(false);
    // A second run keeps verified files.
    expect((await fetchSources({ sources, rawDir, quiet: true })).kept).toEqual(['ged', 'front']);
  });

  it('refuses a download whose header is not the expected source', async () => {
    await expect(
      fetchSources({
        sources: [entry({ id: 'w', url: `${base}/wrong.csv`, file: 'W.csv' })],
        rawDir,
        quiet: true,
      }),
    ).rejects.toThrow(/w: W\.csv: header not recognized/);
  });

  it('fails at once offline, saying where to put the files by hand', async () => {
    // A port nobody listens on: connection refused, as with no network.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const t0 = performance.now();
    const sources = [
      entry({ id: 'a', url: `http://127.0.0.1:${port}/ged.zip`, file: 'A.csv' }),
      entry({ id: 'b', url: `http://127.0.0.1:${port}/b.csv`, file: 'B.csv' }),
    ];
    const err = await fetchSources({ sources, rawDir, quiet: true, timeoutMs: 3000 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FetchError);
    expect((err as Error).message).toMatch(/could not download a \(.*ECONNREFUSED/);
    expect((err as Error).message).toContain(manualInstructions(rawDir, sources));
    expect((err as Error).message).toMatch(/geopko\/B\.csv/);
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('gives up after the timeout when a server does not answer', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/x.csv`;
    await expect(
      fetchSources({
        sources: [entry({ url, file: 'S.csv' })],
        rawDir,
        quiet: true,
        timeoutMs: 300,
      }),
    ).rejects.toThrow(/no response within 0\.3 s/);
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });
});

describe('extractZipEntry', () => {
  it('a short extraction is an error and leaves neither the file nor a .part behind', async () => {
    const dir = path.resolve(import.meta.dirname, '../../test-artifacts/pipeline/zip-short');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const data = Buffer.from(gedText);
    const zip = zipOf('GEDEvent_v25_1.csv', data);
    // The central directory claims 10 more bytes than the entry holds.
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(data.length + 10, central + 24);
    const zipPath = path.join(dir, 'ged.zip');
    writeFileSync(zipPath, zip);
    const dest = path.join(dir, 'GEDEvent_v25_1.csv');
    const err = await extractZipEntry(zipPath, 'GEDEvent_v25_1.csv', dest).catch((e) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as Error).message).toContain(
      `extracted to ${data.length} bytes, the zip says ${data.length + 10}`,
    );
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.part`)).toBe(false);
    // The same zip with the right size extracts whole.
    zip.writeUInt32LE(data.length, central + 24);
    writeFileSync(zipPath, zip);
    expect(await extractZipEntry(zipPath, 'GEDEvent_v25_1.csv', dest)).toBe(data.length);
    expect(readFileSync(dest, 'utf8')).toBe(gedText);
  });
});
