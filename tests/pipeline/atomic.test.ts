import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATA_FILES } from '../../src/domain/encoding';
import {
  BuildFailedError,
  NODE_OUTPUT_FS,
  recoverInterrupted,
  verifyOutputFile,
  type OutputFs,
} from '../../src/pipeline/atomic';
import { basemapOutputs } from '../../src/pipeline/basemap';
import { buildDataset, type BuildOptions } from '../../src/pipeline/build';
import { SourceError } from '../../src/pipeline/sources';
import {
  FRONTMAP_COLUMNS,
  csv,
  frontRow,
  gedCsv,
  gedGeojson,
  gedRow,
  outDir,
  sourceDir,
} from '../fixtures/pipeline/factories';

/** The CLI's basemap step. */
const extend: BuildOptions['extend'] = (stage, dataset, fs) =>
  basemapOutputs(stage, dataset.missions, fs);

/** sha256 of every file under `dir`, by relative path. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    out[path.relative(dir, file)] = createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return out;
}

/** Folders beside `target` that a build left behind (staging or previous). */
function leftovers(target: string): string[] {
  const base = path.basename(target);
  return readdirSync(path.dirname(target)).filter((n) => n.startsWith(`.${base}.`));
}

/** Sources of build A (one GED event) and build B (two events, another base). */
function sourcesA(): Record<string, string> {
  return {
    'ucdp/ged.csv': gedCsv([gedRow({ id: 1, best: 5, low: 5, high: 5 })]),
    'geopko/FrontMap_v.2.3.csv': csv(FRONTMAP_COLUMNS, [frontRow()]),
  };
}
function sourcesB(): Record<string, string> {
  return {
    'ucdp/ged.csv': gedCsv([
      gedRow({ id: 1, best: 7, low: 7, high: 7 }),
      gedRow({ id: 2, best: 2, low: 2, high: 2 }),
    ]),
    'geopko/FrontMap_v.2.3.csv': csv(FRONTMAP_COLUMNS, [
      frontRow(),
      frontRow({ location: 'Bria', latitude: 6.54, longitude: 21.99 }),
    ]),
  };
}

/**
 * A file system that records every write (by file and occurrence) and fails the chosen one
 * with ENOSPC, as a full disk would; a failing writeSync first writes half its bytes.
 */
class FailingFs implements OutputFs {
  readonly writes: string[] = [];
  private readonly fds = new Map<number, string>();
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly root: string,
    private readonly failAt: string | null = null,
  ) {}
  private step(file: string, partial?: () => void, renamedTo?: string): void {
    const rel =
      path.relative(this.root, file).replace(/^\.[^/]+\.building-[^/]+/, '<stage>') +
      (renamedTo ? ` -> ${path.basename(renamedTo)}` : '');
    const n = (this.seen.get(rel) ?? 0) + 1;
    this.seen.set(rel, n);
    const key = `${rel}#${n}`;
    this.writes.push(key);
    if (key === this.failAt) {
      partial?.();
      throw Object.assign(new Error(`ENOSPC: no space left on device, write ${rel}`), {
        code: 'ENOSPC',
      });
    }
  }
  mkdirSync(dir: string, opts: { recursive: true }): void {
    NODE_OUTPUT_FS.mkdirSync(dir, opts);
  }
  openSync(file: string, flags: 'w'): number {
    const fd = NODE_OUTPUT_FS.openSync(file, flags);
    this.fds.set(fd, file);
    return fd;
  }
  writeSync(fd: number, data: Uint8Array | string): number {
    const buf = typeof data === 'string' ? Buffer.from(data) : data;
    this.step(this.fds.get(fd) as string, () =>
      NODE_OUTPUT_FS.writeSync(fd, buf.subarray(0, buf.length >> 1)),
    );
    return NODE_OUTPUT_FS.writeSync(fd, buf);
  }
  closeSync(fd: number): void {
    this.fds.delete(fd);
    NODE_OUTPUT_FS.closeSync(fd);
  }
  writeFileSync(file: string, data: Uint8Array | string): void {
    const buf = typeof data === 'string' ? Buffer.from(data) : data;
    this.step(file, () => NODE_OUTPUT_FS.writeFileSync(file, buf.subarray(0, buf.length >> 1)));
    NODE_OUTPUT_FS.writeFileSync(file, data);
  }
  renameSync(from: string, to: string): void {
    this.step(from, undefined, to);
    NODE_OUTPUT_FS.renameSync(from, to);
  }
  rmSync(target: string, opts: { recursive: true; force: true }): void {
    NODE_OUTPUT_FS.rmSync(target, opts);
  }
  external(file: string): void {
    this.step(file);
  }
}

describe('atomic builds', () => {
  const root = path.dirname(outDir('atomic'));
  const out = outDir('atomic');
  let fromA: string;
  let fromB: string;
  let goodA: Record<string, string>;
  /** Every write of build B, in the order of one run. */
  let steps: string[];

  beforeAll(async () => {
    fromA = sourceDir('atomic', sourcesA());
    fromB = sourceDir('atomic-b', sourcesB());
    rmSync(out, { recursive: true, force: true });
    for (const n of leftovers(out)) rmSync(path.join(root, n), { recursive: true, force: true });
    await buildDataset({ from: fromA, outDir: out, quiet: true });
    goodA = snapshot(out);
    // A run of build B over a previous build elsewhere, to list its writes.
    const probeOut = path.join(root, 'probe');
    await buildDataset({ from: fromA, outDir: probeOut, quiet: true });
    const probe = new FailingFs(root);
    await buildDataset({ from: fromB, outDir: probeOut, quiet: true, fs: probe, extend });
    steps = probe.writes.map((k) => k.replaceAll('probe', 'out'));
  });

  it('lists every output among the write steps (the test covers them all)', () => {
    const files = new Set(steps.map((s) => s.replace(/#\d+$/, '')));
    for (const f of [
      DATA_FILES.cellYears,
      DATA_FILES.bases,
      DATA_FILES.rejects,
      DATA_FILES.exportCellYearsCsv,
      DATA_FILES.exportBaseYearsCsv,
      DATA_FILES.exportCellYearsParquet,
      DATA_FILES.exportBaseYearsParquet,
      DATA_FILES.manifest,
      'basemap/countries.geojson',
      'basemap/borders.geojson',
    ])
      expect(files).toContain(`<stage>/${f}`);
    // The swap: the previous build aside, the new one in place.
    expect([...files].filter((f) => f.includes(' -> '))).toHaveLength(2);
  });

  it('a failure at any write step leaves the previous build intact and says so', async () => {
    // Fail the first and the last write of every file (a half-written file), and each rename.
    const byFile = new Map<string, string[]>();
    for (const s of steps) {
      const f = s.replace(/#\d+$/, '');
      byFile.set(f, [...(byFile.get(f) ?? []), s]);
    }
    const failAt = [...byFile.values()].flatMap((list) =>
      list.length > 1 ? [list[0] as string, list[list.length - 1] as string] : list,
    );
    // 21 with this fixture: the first write of each of the 17 files, the last of the two
    // written in pieces, and the two renames of the swap.
    expect(failAt.length).toBeGreaterThan(12);
    for (const at of failAt) {
      const fs = new FailingFs(root, at);
      // The basemap (as the CLI builds it) only where its own writes fail: it takes a second.
      const err = await buildDataset({
        from: fromB,
        outDir: out,
        quiet: true,
        fs,
        ...(at.includes('/basemap/') ? { extend } : {}),
      }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, at).toBeInstanceOf(BuildFailedError);
      expect((err as Error).message, at).toContain('ENOSPC');
      expect((err as Error).message, at).toContain(`the previous build in ${out} is intact`);
      expect(fs.writes, at).toContain(at);
      expect(snapshot(out), at).toEqual(goodA);
      expect(leftovers(out), at).toEqual([]);
    }
  });

  it('an exception in an extra output step (the basemap) also leaves it intact', async () => {
    const err = await buildDataset({
      from: fromB,
      outDir: out,
      quiet: true,
      extend: () => Promise.reject(new Error('basemap failed')),
    }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/basemap failed\nNothing was written: the previous/);
    expect(snapshot(out)).toEqual(goodA);
  });

  it('a build that succeeds replaces the previous one whole', async () => {
    await buildDataset({ from: fromB, outDir: out, quiet: true });
    const goodB = snapshot(out);
    expect(goodB).not.toEqual(goodA);
    expect(Object.keys(goodB).sort()).toEqual(Object.keys(goodA).sort());
    expect(leftovers(out)).toEqual([]);
    // And back to A, for the other tests.
    await buildDataset({ from: fromA, outDir: out, quiet: true });
    expect(snapshot(out)[DATA_FILES.cellYears]).toBe(goodA[DATA_FILES.cellYears]);
  });

  it('recovers from a build killed mid-swap or mid-write', () => {
    const target = path.join(root, 'recover', 'data');
    rmSync(path.dirname(target), { recursive: true, force: true });
    const prev = path.join(path.dirname(target), '.data.previous');
    const stale = path.join(path.dirname(target), '.data.building-999999999-x');
    mkdirSync(prev, { recursive: true });
    writeFileSync(path.join(prev, 'manifest.json'), '{}');
    mkdirSync(stale, { recursive: true });
    const notes = recoverInterrupted(target);
    expect(readFileSync(path.join(target, 'manifest.json'), 'utf8')).toBe('{}');
    expect(existsSync(prev)).toBe(false);
    expect(existsSync(stale)).toBe(false);
    expect(notes).toHaveLength(2);
  });

  it('SIGTERM during a CLI build leaves the previous build intact and says so', async () => {
    const before = snapshot(out);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/pipeline/cli.ts', '--from', fromB, '--out', out, '--quiet'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // Wait for the staging folder, then stop the build.
    let running = true;
    void exited.then(() => (running = false));
    while (running && !leftovers(out).some((n) => n.includes('.building-')))
      await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGTERM');
    const code = await exited;
    expect(stderr).toContain(`stopped by SIGTERM; nothing was written: the previous build in`);
    expect(code).toBe(143);
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });
});

describe('verifyOutputFile', () => {
  const dir = path.join(path.dirname(outDir('verify')), 'files');
  const put = (name: string, data: string | Buffer): string => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, name), data);
    return name;
  };
  it('accepts complete files and names each kind of incomplete one', () => {
    const parquet = Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(10), Buffer.from('PAR1')]);
    expect(() => verifyOutputFile(dir, put('a.parquet', parquet), parquet.length)).not.toThrow();
    expect(() => verifyOutputFile(dir, put('b.parquet', parquet.subarray(0, 12)))).toThrow(
      'b.parquet is not a complete Parquet file',
    );
    expect(() => verifyOutputFile(dir, put('a.json', '{"a":[1,2]}'))).not.toThrow();
    expect(() => verifyOutputFile(dir, put('b.json', '{"a":[1,'))).toThrow(
      /^b\.json is not complete JSON/,
    );
    expect(() => verifyOutputFile(dir, put('a.csv', 'a,b\n1,2\n'))).not.toThrow();
    expect(() => verifyOutputFile(dir, put('b.csv', 'a,b\n1,'))).toThrow(
      'b.csv does not end with a complete line',
    );
    expect(() => verifyOutputFile(dir, put('c.csv', 'a,b\n'), 9)).toThrow(
      'c.csv has 4 bytes, 9 were written',
    );
    expect(() => verifyOutputFile(dir, 'missing.json')).toThrow('missing.json was not written');
  });
});

describe('the rejected-row limit', () => {
  const half = (): Record<string, string> => ({
    'ucdp/ged.csv': gedCsv([gedRow({ id: 1, best: 5 }), gedRow({ id: 2, latitude: 'x' })]),
    'geopko/FrontMap_v.2.3.csv': csv(FRONTMAP_COLUMNS, [frontRow()]),
  });

  it('refuses a build where more than 1 % of a source is rejected, naming it', async () => {
    const out = outDir('reject-limit');
    rmSync(out, { recursive: true, force: true });
    const err = await buildDataset({
      from: sourceDir('reject-limit', half()),
      outDir: out,
      quiet: true,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toContain(
      'ucdp/ged.csv: 1 of 2 rows rejected (50 %), above the 1 % limit; first: line 3 BAD_NUMBER latitude "x"',
    );
    expect((err as Error).message).toContain('--allow-rejects');
    expect((err as Error).message).toContain(
      `${out} was not there before and has not been created`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('--allow-rejects builds and the summary lists the source either way', async () => {
    const r = await buildDataset({
      from: sourceDir('reject-limit-allowed', half()),
      outDir: outDir('reject-limit-allowed'),
      quiet: true,
      allowRejects: true,
    });
    expect(r.summary).toContain(
      '! ucdp/ged.csv: 50 % of its rows rejected, above the 1 % limit (DUPLICATE_EVENT and SUPERSEDED_ROW not counted): built anyway (--allow-rejects)',
    );
    expect(r.manifest.rejectLimit?.over).toEqual([
      { file: 'ucdp/ged.csv', rowsRead: 2, rejected: 1, share: 0.5 },
    ]);
  });

  it('does not count DUPLICATE_EVENT (the same release as CSV and GeoJSON)', async () => {
    const rows = [gedRow({ id: 1, best: 5 }), gedRow({ id: 2, best: 1 })];
    const r = await buildDataset({
      from: sourceDir('reject-limit-dups', {
        'ucdp/ged.csv': gedCsv(rows),
        'ucdp/ged.geojson': gedGeojson(rows),
        'geopko/FrontMap_v.2.3.csv': csv(FRONTMAP_COLUMNS, [frontRow()]),
      }),
      outDir: outDir('reject-limit-dups'),
      quiet: true,
    });
    expect(r.manifest.rejectedByReason).toEqual({ DUPLICATE_EVENT: 2 });
    expect(r.manifest.rejectLimit?.over).toEqual([]);
  });
});
