import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset, type BuildResult } from '../../src/pipeline/build';
import { SourceError } from '../../src/pipeline/sources';
import { detectEncoding } from '../../src/pipeline/textEncoding';
import {
  FRONTMAP_COLUMNS,
  csv,
  frontRow,
  gedCsv,
  gedRow,
  outDir,
  sourceDir,
} from '../fixtures/pipeline/factories';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** GED rows with accented names (Latin-1 range) and the Windows-1252 apostrophe. */
function gedText(): string {
  return gedCsv([
    gedRow({ id: 1, best: 4, low: 4, high: 4, side_a: 'Séléka', where_description: 'Bambari' }),
    gedRow({ id: 2, best: 3, low: 3, high: 3, side_a: 'Anti-balaka', where_description: 'Bossangoa’s market' }),
    gedRow({ id: 3, best: 2, low: 2, high: 2, side_a: 'Révolution et Justice' }),
  ]); // prettier-ignore
}

/** Windows-1252 bytes of a text whose characters are in Latin-1 or are "’" (0x92). */
function cp1252(text: string): Buffer {
  return Buffer.from([...text].map((ch) => (ch === '’' ? 0x92 : (ch.codePointAt(0) as number))));
}

function files(ged: string | Buffer): Record<string, string | Buffer> {
  return {
    'ucdp/ged.csv': ged,
    'geopko/FrontMap_v.2.3.csv': csv(FRONTMAP_COLUMNS, [frontRow()]),
  };
}

async function build(name: string, ged: string | Buffer): Promise<BuildResult> {
  return buildDataset({ from: sourceDir(name, files(ged)), outDir: outDir(name), quiet: true });
}

async function refusal(name: string, ged: Buffer): Promise<string> {
  const err = await build(name, ged).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SourceError);
  return (err as Error).message;
}

describe('source encodings', () => {
  it('reads a Windows-1252 / Latin-1 GED file exactly as its UTF-8 original', async () => {
    const utf8 = await build('enc-utf8', gedText());
    const latin = await build('enc-cp1252', cp1252(gedText()));
    expect(latin.rejects).toEqual([]);
    // Every row kept, the names decoded: the same data as the UTF-8 file.
    expect(latin.manifest.counts.osvEvents).toBe(3);
    expect(latin.manifest.counts.osvFatalities).toBe(4 + 3 + 2);
    expect(latin.dataset.cellYears).toEqual(utf8.dataset.cellYears);
    expect(latin.dataset.cellYears[0]?.topPerpetrators.map((p) => p.name)).toEqual([
      'Séléka',
      'Anti-balaka',
      'Révolution et Justice',
    ]);
    const src = latin.manifest.sources.find((s) => s.file === 'ucdp/ged.csv');
    expect(src?.encoding).toBe('windows-1252');
    // bytes are the original file's, not the converted copy's.
    expect(src?.bytes).toBe(cp1252(gedText()).length);
    expect(utf8.manifest.sources.find((s) => s.file === 'ucdp/ged.csv')?.encoding).toBe('utf-8');
    expect(latin.summary).toContain(
      '! ucdp/ged.csv: read as windows-1252 (not UTF-8), converted to UTF-8',
    );
  });

  it('refuses a file that mixes UTF-8 with other bytes, naming the file and line', async () => {
    const lines = gedText().split('\n');
    // Lines 1–2 UTF-8 (line 2 has "é"), line 3 onwards Windows-1252.
    const mixed = Buffer.concat([
      Buffer.from(`${lines.slice(0, 2).join('\n')}\n`),
      cp1252(lines.slice(2).join('\n')),
    ]);
    const message = await refusal('enc-mixed', mixed);
    expect(message).toMatch(/ucdp\/ged\.csv: not UTF-8 and cannot be read .*: line 3 \(byte \d+\)/);
    expect(message).toContain('line 2 is UTF-8: the file mixes encodings');
  });

  it('refuses a byte that Windows-1252 leaves undefined, with its line', async () => {
    const bytes = cp1252(gedText());
    const at = bytes.indexOf(0x92); // the apostrophe on line 3
    bytes[at] = 0x81;
    const message = await refusal('enc-undefined', bytes);
    expect(message).toContain(
      `ucdp/ged.csv: not UTF-8 and cannot be read as another encoding: line 3 (byte ${at}) has byte 0x81`,
    );
  });

  it('the CLI exits 2 for an unreadable encoding and keeps the previous build', () => {
    const bytes = cp1252(gedText());
    bytes[bytes.indexOf(0x92)] = 0x9d;
    const from = sourceDir('enc-cli', files(bytes));
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/pipeline/cli.ts', '--from', from, '--out', outDir('enc-cli')],
      { encoding: 'utf8', cwd: ROOT },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('ucdp/ged.csv: not UTF-8 and cannot be read');
    expect(r.stderr).toContain('line 3');
  });
});

describe('detectEncoding', () => {
  const dir = path.join(ROOT, 'test-artifacts', 'pipeline', 'detect-encoding');
  const file = (name: string, bytes: Buffer): string => {
    mkdirSync(dir, { recursive: true });
    const f = path.join(dir, name);
    writeFileSync(f, bytes);
    return f;
  };
  const CHUNK = 8 << 20;

  it('UTF-8, Windows-1252, UTF-16 and a truncated UTF-8 sequence', async () => {
    expect(await detectEncoding(file('u8', Buffer.from('a,b\nSéléka,1\n')))).toEqual({
      encoding: 'utf-8',
    });
    expect(await detectEncoding(file('w', cp1252('a,b\nSéléka’s,1\n')))).toEqual({
      encoding: 'windows-1252',
    });
    expect(await detectEncoding(file('u16', Buffer.from('a,b\n', 'utf16le')))).toMatchObject({
      encoding: 'unreadable',
      line: 1,
      offset: 1,
    });
    // "é" cut after its first byte at the end of a file that is otherwise UTF-8 ("ü" on line 1):
    // mixed, refused.
    const cut = Buffer.concat([Buffer.from('ü\nx'), Buffer.from('é').subarray(0, 1)]);
    expect(await detectEncoding(file('cut', cut))).toMatchObject({
      encoding: 'unreadable',
      line: 2,
      offset: 4,
    });
  });

  it('judges a sequence that straddles the read chunk boundary', async () => {
    const pad = Buffer.alloc(CHUNK - 1, 0x61);
    // A UTF-8 "é" across the boundary, then a Latin-1 "é" on the next line: mixed.
    const mixed = Buffer.concat([pad, Buffer.from('é\n'), Buffer.from([0xe9])]);
    expect(await detectEncoding(file('mixed-boundary', mixed))).toMatchObject({
      encoding: 'unreadable',
      line: 2,
      offset: CHUNK + 2,
    });
    // Latin-1 "é" then "a" across the boundary: Windows-1252.
    const latin = Buffer.concat([pad, Buffer.from([0xe9, 0x61, 0x0a])]);
    expect(await detectEncoding(file('latin-boundary', latin))).toEqual({
      encoding: 'windows-1252',
    });
  });
});
