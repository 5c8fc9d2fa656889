/**
 * `npm run data [-- --from DIR] [--out DIR] [--allow-rejects] [--quiet]`: builds public/data/
 * from the raw sources (see src/pipeline/build.ts) together with the offline basemap for the
 * host countries, in one staging folder that replaces the previous build only when complete.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BuildFailedError } from './atomic';
import { basemapOutputs } from './basemap';
import { buildDataset } from './build';
import { PROJECT_ROOT, SourceError } from './sources';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        from: { type: 'string' },
        out: { type: 'string' },
        'allow-rejects': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    process.stderr.write(`npm run data: ${(e as Error).message}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(
      'Usage: npm run data -- [--from DIR] [--out DIR] [--allow-rejects] [--quiet]\n' +
        'Sources: --from DIR, else $PRESENCE_ATLAS_DATA, else geodata/raw/, else ../shared/data/.\n' +
        '--allow-rejects: build even when more than 1 % of a source’s rows are rejected.\n',
    );
    return 0;
  }
  const outDir = path.resolve(values.out ?? path.join(PROJECT_ROOT, 'public', 'data'));
  try {
    let basemapFiles = 0;
    await buildDataset({
      ...(values.from ? { from: values.from } : {}),
      outDir,
      quiet: values.quiet,
      allowRejects: values['allow-rejects'],
      // The basemap is part of the same build: written into the staging folder too.
      extend: async (stage, dataset, fs) => {
        const files = await basemapOutputs(stage, dataset.missions, fs);
        basemapFiles = files.length;
        return files;
      },
    });
    if (!values.quiet) process.stderr.write(`\nWrote ${outDir} (basemap: ${basemapFiles} files)\n`);
    return 0;
  } catch (e) {
    const cause = e instanceof BuildFailedError ? e.cause : e;
    if (cause instanceof SourceError) {
      process.stderr.write(`npm run data: ${(e as Error).message}\n`);
      return 2;
    }
    process.stderr.write(
      `npm run data failed: ${(e as Error).message}\n${(cause as Error)?.stack ?? ''}\n`,
    );
    return 1;
  }
}

process.exitCode = await main();
