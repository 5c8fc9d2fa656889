/**
 * `npm run data [-- --from DIR] [--out DIR] [--quiet]`: builds public/data/ from the raw
 * sources (see src/pipeline/build.ts), then the offline basemap for the host countries.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ManifestWithInfo } from '../domain/dataInfo';
import { DATA_FILES } from '../domain/encoding';
import { buildBasemap } from './basemap';
import { buildDataset, type BuildResult } from './build';
import { creditsFor } from './credits';
import { PROJECT_ROOT, SourceError } from './sources';

/** The default output folder of `npm run data`: public/data/. */
export const PUBLIC_DATA_DIR = path.join(PROJECT_ROOT, 'public', 'data');

/**
 * What `npm run data` does: builds the dataset from the sources (`from`, else the search order of
 * {@link buildDataset}) into `outDir`, then the basemap for the missions' host countries; the
 * manifest also lists the basemap files and the sources' licences and citations (`credits`).
 * Throws {@link SourceError} for a source problem.
 */
export async function buildData(opts: {
  from?: string;
  outDir: string;
  quiet?: boolean;
}): Promise<BuildResult> {
  const { outDir } = opts;
  const result = await buildDataset({
    ...(opts.from ? { from: opts.from } : {}),
    outDir,
    quiet: opts.quiet ?? false,
  });
  const hosts = [...new Set(result.dataset.missions.flatMap((m) => m.countries))].sort();
  const basemap = await buildBasemap(path.join(outDir, 'basemap'), hosts);
  const manifest = result.manifest;
  for (const f of basemap.files)
    manifest.outputs.push({
      path: path.relative(outDir, path.resolve(outDir, 'basemap', f.path)),
      bytes: f.bytes,
    });
  const withInfo: ManifestWithInfo = { ...manifest, credits: creditsFor(manifest.sources) };
  writeFileSync(path.join(outDir, DATA_FILES.manifest), `${JSON.stringify(withInfo, null, 2)}\n`);
  if (!opts.quiet)
    process.stderr.write(`\nWrote ${outDir} (basemap: ${basemap.files.length} files)\n`);
  return result;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm run data -- [--from DIR] [--out DIR] [--quiet]\n' +
        'Sources: --from DIR, else $PRESENCE_ATLAS_DATA, else geodata/raw/, else ../shared/data/.\n',
    );
    return 0;
  }
  try {
    await buildData({
      ...(values.from ? { from: values.from } : {}),
      outDir: path.resolve(values.out ?? PUBLIC_DATA_DIR),
      quiet: values.quiet,
    });
    return 0;
  } catch (e) {
    if (e instanceof SourceError) {
      process.stderr.write(`npm run data: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`npm run data failed: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
