/**
 * `npm start [-- --fetch] [--from DIR] [--port N]`: makes `public/data/`, builds the app and
 * serves it on http://127.0.0.1:5173.
 *
 * The data, in order: a source folder (`--from DIR`, `$PRESENCE_ATLAS_DATA`, `geodata/raw/`,
 * `../shared/data/`: the search order of `npm run data`), built as `npm run data` builds it;
 * else the committed demo (`geodata/demo/`, the Central African Republic only). With `--fetch`
 * the official default sources are downloaded into `geodata/raw/` first (with progress, verified);
 * when that fails (offline) it says so at once and serves what it would serve without `--fetch`.
 * A source folder that exists but does not build is an error, never a silent switch to the demo.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_DIR, installDemo } from './demo';
import { FetchError, fetchSources, loadSources, type SourceEntry } from './fetch';
import { PROJECT_ROOT, SourceError, pickSourceDir, sourceCandidates } from './sources';

/** The served data folder of `npm start` and `npm run data`. */
export const PUBLIC_DATA_DIR = path.join(PROJECT_ROOT, 'public', 'data');

const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');
const DATA_CLI = path.join(PROJECT_ROOT, 'src', 'pipeline', 'cli.ts');

/**
 * Runs `npm run data -- --from DIR --out DIR` (src/pipeline/cli.ts, in a child process: the same
 * build, basemap and manifest as the command). Throws {@link SourceError} when it fails.
 */
export function runDataBuild(
  from: string,
  outDir: string,
  quiet = false,
  allowRejects = false,
): void {
  const args = [
    TSX_CLI,
    DATA_CLI,
    '--from',
    from,
    '--out',
    outDir,
    ...(quiet ? ['--quiet'] : []),
    ...(allowRejects ? ['--allow-rejects'] : []),
  ];
  const r = spawnSync(process.execPath, args, {
    cwd: PROJECT_ROOT,
    stdio: quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
  });
  if (r.status === 0) return;
  const detail = quiet ? `: ${(r.stderr ?? '').trim()}` : ' (see the messages above)';
  throw new SourceError(
    `the data build from ${from} failed (exit ${r.status ?? r.signal})${detail}`,
  );
}

/** What {@link prepareServedData} served. */
export type ServedData =
  | { kind: 'built'; sourceDir: string; reason: string; fetchError: string | null }
  | { kind: 'demo'; missions: string[]; lookedIn: string; fetchError: string | null };

/** Options of {@link prepareServedData}. */
export interface PrepareOptions {
  /** The served data folder (default public/data/). */
  outDir?: string;
  from?: string;
  /** Value of $PRESENCE_ATLAS_DATA (default: the environment's). */
  env?: string;
  /** Project root for the source search (default: this project). */
  root?: string;
  /** Download the default sources into `rawDir` first. */
  fetch?: boolean;
  /** What `fetch` downloads (default: the default entries of geodata/sources.json). */
  sources?: readonly SourceEntry[];
  /** Where `fetch` downloads to (default `<root>/geodata/raw`). */
  rawDir?: string;
  /** Seconds without a response before a download fails (default 10). */
  fetchTimeoutS?: number;
  demoDir?: string;
  quiet?: boolean;
  /** Build even when over 1 % of a source's rows are rejected (`--allow-rejects`). */
  allowRejects?: boolean;
  /** Where messages go (default stderr). */
  log?: (line: string) => void;
}

/**
 * Fetches (on request), then builds `outDir` from a source folder or installs the demo there.
 * Throws {@link SourceError} when a source folder is named but missing, or exists and fails to
 * build.
 */
export async function prepareServedData(opts: PrepareOptions = {}): Promise<ServedData> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const root = opts.root ?? PROJECT_ROOT;
  const outDir = opts.outDir ?? PUBLIC_DATA_DIR;
  const env = opts.env ?? process.env.PRESENCE_ATLAS_DATA;
  let fetchError: string | null = null;
  if (opts.fetch) {
    const rawDir = opts.rawDir ?? path.join(root, 'geodata', 'raw');
    const sources = opts.sources ?? loadSources().filter((s) => s.default);
    log(`Fetching the official sources into ${rawDir} …`);
    try {
      const r = await fetchSources({
        sources,
        rawDir,
        timeoutMs: (opts.fetchTimeoutS ?? 10) * 1000,
        quiet: opts.quiet ?? false,
      });
      log(`Fetched ${r.fetched.length}, already present ${r.kept.length}.`);
    } catch (e) {
      if (!(e instanceof FetchError)) throw e;
      fetchError = e.message;
      log(
        `\nCould not fetch the full sources (offline?): ${e.message}\n` +
          'Continuing without them.\n',
      );
    }
  }
  let picked: { dir: string; reason: string } | null = null;
  try {
    picked = pickSourceDir({
      ...(opts.from ? { from: opts.from } : {}),
      env: env || undefined,
      root,
    });
  } catch (e) {
    // A folder named by --from or $PRESENCE_ATLAS_DATA that is missing or empty is an error.
    if (!(e instanceof SourceError) || opts.from || env) throw e;
    const missions = (await installDemo(outDir, { demoDir: opts.demoDir ?? DEMO_DIR })).missions;
    const looked = sourceCandidates({ root })
      .map((c) => path.relative(process.cwd(), c.dir) || c.dir)
      .join(', ');
    log(
      `No source data found (looked in ${looked}).\n` +
        'Serving the DEMO data: the Central African Republic only ' +
        `(missions ${missions.join(', ')}; committed in geodata/demo/).\n` +
        'For the full sources: npm start -- --fetch (downloads the official files), or put them in ' +
        'geodata/raw/ or pass --from DIR (README, "Refreshing the data"). In the app: Help → Data.',
    );
    return { kind: 'demo', missions, lookedIn: e.message, fetchError };
  }
  log(`Building the data from ${picked.dir} (${picked.reason}) …`);
  runDataBuild(picked.dir, outDir, opts.quiet ?? false, opts.allowRejects ?? false);
  return { kind: 'built', sourceDir: picked.dir, reason: picked.reason, fetchError };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      fetch: { type: 'boolean', default: false },
      from: { type: 'string' },
      'allow-rejects': { type: 'boolean', default: false },
      port: { type: 'string', default: '5173' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm start -- [--fetch] [--from DIR] [--allow-rejects] [--port N]\n' +
        'Data: --from DIR, else $PRESENCE_ATLAS_DATA, else geodata/raw/, else ../shared/data/, else the demo (geodata/demo/).\n' +
        '--fetch downloads the official default sources into geodata/raw/ first.\n',
    );
    return 0;
  }
  try {
    await prepareServedData({
      fetch: values.fetch,
      allowRejects: values['allow-rejects'],
      ...(values.from ? { from: values.from } : {}),
    });
  } catch (e) {
    if (e instanceof SourceError) {
      process.stderr.write(`npm start: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const { build, preview } = await import('vite');
  process.stderr.write('\nBuilding the app …\n');
  // Writes the offline template that "Export story" fetches too (dist/standalone.html: the
  // standaloneTemplatePlugin in vite.config.ts).
  await build({ root: PROJECT_ROOT, mode: 'production', logLevel: 'warn' });
  const port = Number(values.port);
  const server = await preview({
    root: PROJECT_ROOT,
    preview: { host: '127.0.0.1', port, strictPort: true },
  });
  server.printUrls();
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await main();
  if (code !== 0) process.exitCode = code;
}
