/**
 * Shared test helper: the real source files in `../shared/data/` (development and CI) and a
 * build of them into `test-artifacts/real-data/`, made at most once per process and reused
 * across processes while it is newer than every source file.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildDataset, type BuildResult } from '../../src/pipeline/build';
import { DATA_FILES, decodeManifest, type Manifest } from '../../src/domain/encoding';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Folder the real-data build is written to (gitignored). */
export const REAL_DATA_OUT = path.join(ROOT, 'test-artifacts', 'real-data');

/** `../shared/data` as an absolute path, or null when it is absent (tests then skip). */
export function realDataDir(): string | null {
  const dir = path.resolve(ROOT, '..', 'shared', 'data');
  return existsSync(path.join(dir, 'geopko')) || existsSync(path.join(dir, 'ucdp')) ? dir : null;
}

/** Why real-data tests skip, for a printed reason. */
export const REAL_DATA_SKIP_REASON =
  'skipped: ../shared/data (the real UCDP GED and Geo-PKO files) is not present on this machine';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

let once: Promise<{ outDir: string; manifest: Manifest }> | null = null;

/**
 * Builds `../shared/data` into {@link REAL_DATA_OUT} once per process; a build already there
 * is reused when its manifest is newer than every source file and the pipeline sources.
 * Throws when the real data folder is absent (check {@link realDataDir} first).
 */
export function buildRealDataOnce(): Promise<{ outDir: string; manifest: Manifest }> {
  once ??= (async () => {
    const from = realDataDir();
    if (!from) throw new Error(REAL_DATA_SKIP_REASON);
    const manifestPath = path.join(REAL_DATA_OUT, DATA_FILES.manifest);
    if (existsSync(manifestPath)) {
      const built = statSync(manifestPath).mtimeMs;
      const inputs = Math.max(
        newestMtime(from),
        newestMtime(path.join(ROOT, 'src', 'pipeline')),
        newestMtime(path.join(ROOT, 'src', 'domain')),
      );
      if (built > inputs) {
        try {
          const manifest = decodeManifest(JSON.parse(readFileSync(manifestPath, 'utf8')));
          return { outDir: REAL_DATA_OUT, manifest };
        } catch {
          // stale or older format: rebuild below
        }
      }
    }
    const result: BuildResult = await buildDataset({ from, outDir: REAL_DATA_OUT, quiet: true });
    return { outDir: REAL_DATA_OUT, manifest: result.manifest };
  })();
  return once;
}
