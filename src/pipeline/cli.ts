/**
 * `npm run data [-- --from DIR] [--out DIR] [--quiet]`: builds public/data/ from the raw
 * sources (see src/pipeline/build.ts), then the offline basemap for the host countries.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DATA_FILES } from '../domain/encoding';
import { buildBasemap } from './basemap';
import { buildDataset } from './build';
import { PROJECT_ROOT, SourceError } from './sources';

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
  const outDir = path.resolve(values.out ?? path.join(PROJECT_ROOT, 'public', 'data'));
  try {
    const result = await buildDataset({
      ...(values.from ? { from: values.from } : {}),
      outDir,
      quiet: values.quiet,
    });
    const hosts = [...new Set(result.dataset.missions.flatMap((m) => m.countries))].sort();
    const basemap = await buildBasemap(path.join(outDir, 'basemap'), hosts);
    const manifest = result.manifest;
    for (const f of basemap.files)
      manifest.outputs.push({
        path: path.relative(outDir, path.resolve(outDir, 'basemap', f.path)),
        bytes: f.bytes,
      });
    writeFileSync(path.join(outDir, DATA_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    if (!values.quiet)
      process.stderr.write(`\nWrote ${outDir} (basemap: ${basemap.files.length} files)\n`);
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

process.exitCode = await main();
