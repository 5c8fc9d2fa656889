/**
 * What `npm start` serves: a source folder when there is one, else the committed demo; `--fetch`
 * offline fails at once, says so and still serves; a broken or missing named source is an error.
 * Each case runs in a fresh project root without `../shared/data` beside it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_FILES, DATASET_FILES } from '../../src/domain/encoding';
import type { ManifestWithInfo } from '../../src/domain/dataInfo';
import { DEMO_DIR } from '../../src/pipeline/demo';
import type { SourceEntry } from '../../src/pipeline/fetch';
import { SourceError } from '../../src/pipeline/sources';
import { prepareServedData } from '../../src/pipeline/start';
import { minimalFiles } from '../fixtures/pipeline/factories';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A fresh "clone": <tmp>/repo with nothing beside it; returns the root and its public/data. */
function freshRoot(raw: Record<string, string> = {}): { root: string; out: string } {
  const top = mkdtempSync(path.join(tmpdir(), 'atlas-start-'));
  temps.push(top);
  const root = path.join(top, 'repo');
  for (const [rel, text] of Object.entries(raw)) {
    const f = path.join(root, 'geodata', 'raw', rel);
    mkdirSync(path.dirname(f), { recursive: true });
    writeFileSync(f, text);
  }
  mkdirSync(root, { recursive: true });
  return { root, out: path.join(root, 'public', 'data') };
}

const manifestOf = (out: string): ManifestWithInfo =>
  JSON.parse(readFileSync(path.join(out, DATA_FILES.manifest), 'utf8')) as ManifestWithInfo;

/** A local port that refuses connections (as offline as a test can be without the network). */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('npm start: which data it serves', () => {
  it('serves the committed demo when no source folder exists, and says so', async () => {
    const { root, out } = freshRoot();
    const lines: string[] = [];
    const r = await prepareServedData({
      root,
      outDir: out,
      env: '',
      quiet: true,
      log: (l) => lines.push(l),
    });
    expect(r.kind).toBe('demo');
    for (const f of DATASET_FILES)
      expect(readFileSync(path.join(out, f), 'utf8')).toBe(
        readFileSync(path.join(DEMO_DIR, f), 'utf8'),
      );
    expect(manifestOf(out).demo?.country).toBe('Central African Republic');
    const said = lines.join('\n');
    expect(said).toContain('No source data found (looked in');
    expect(said).toContain(path.join('geodata', 'raw'));
    expect(said).toContain('Serving the DEMO data: the Central African Republic only');
    expect(said).toContain('npm start -- --fetch');
  });

  it('with --fetch offline: fails at once, says so, and still serves the demo', async () => {
    const { root, out } = freshRoot();
    const port = await closedPort();
    const sources: SourceEntry[] = [
      {
        id: 'geopko-frontmap-2.3',
        dataset: 'Geo-PKO FrontMap',
        version: '2.3',
        default: true,
        url: `http://127.0.0.1:${port}/FrontMap_v.2.3.csv`,
        dir: 'geopko',
        file: 'FrontMap_v.2.3.csv',
        kind: 'geopko-frontmap',
        minBytes: 10,
        licence: 'x',
        citation: 'x',
        homepage: 'x',
      },
    ];
    const lines: string[] = [];
    const t0 = performance.now();
    const r = await prepareServedData({
      root,
      outDir: out,
      env: '',
      fetch: true,
      sources,
      quiet: true,
      log: (l) => lines.push(l),
    });
    // The download fails on the refused connection, not after the 10 s response timeout.
    expect(performance.now() - t0).toBeLessThan(8_000);
    expect(r.kind).toBe('demo');
    expect(r.fetchError).toContain('could not download geopko-frontmap-2.3');
    expect(lines.join('\n')).toContain('Could not fetch the full sources (offline?)');
    expect(manifestOf(out).demo).toBeDefined();
  });

  it('builds from a source folder when there is one (no demo block in the manifest)', async () => {
    const { root, out } = freshRoot(minimalFiles());
    const r = await prepareServedData({ root, outDir: out, env: '', quiet: true, log: () => {} });
    expect(r.kind).toBe('built');
    if (r.kind === 'built') expect(r.sourceDir).toBe(path.join(root, 'geodata', 'raw'));
    const m = manifestOf(out);
    expect(m.demo).toBeUndefined();
    expect(m.sources.map((s) => s.file)).toEqual(['geopko/FrontMap_v.2.3.csv']);
    expect(m.counts.bases).toBe(1);
  });

  it('never falls back to the demo silently: a broken source folder or a missing --from is an error', async () => {
    const broken = freshRoot({ 'geopko/unknown.csv': 'a,b\n1,2\n' });
    await expect(
      prepareServedData({
        root: broken.root,
        outDir: broken.out,
        env: '',
        quiet: true,
        log: () => {},
      }),
    ).rejects.toThrow(SourceError);
    const { root, out } = freshRoot();
    await expect(
      prepareServedData({
        root,
        outDir: out,
        from: path.join(root, 'nope'),
        quiet: true,
        log: () => {},
      }),
    ).rejects.toThrow(/does not exist/);
  });
});
