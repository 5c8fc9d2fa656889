/**
 * What the command-line tools (`npm run analyze`, `export`, `coverage`, `story:html`) share:
 * the error that ends a run with an exit code, the output streams (replaceable in tests), strict
 * argument parsing that prints the usage on a mistake, the lag parameters as options, the
 * last-resort error report and the "run when invoked directly" guard. Loading a built dataset
 * lives here too, so that every tool reads `public/data/` the same way and says the same thing
 * when it is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BASEMAP_FILES, decodePlaces, type BasemapPlace } from '../domain/basemap';
import type { Dataset } from '../domain/dataset';
import { DataFormatError, DATASET_FILES, decodeDataset } from '../domain/encoding';
import { LagParamError, parseLagParams, type LagParams } from '../domain/lag';

/** Default folder of the built dataset, relative to the working directory. */
export const DEFAULT_DATA_DIR = path.join('public', 'data');

/** A problem that ends the CLI with a message and an exit code. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Output streams of a CLI's `main`, replaceable in tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** The process's own streams. */
export const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/** A warning writer that prefixes the tool's name (`analyze: …`) on the error stream. */
export function warnAs(name: string, io: CliIo): (text: string) => void {
  return (text) => io.stderr(`${name}: ${text}`);
}

/**
 * Parses `argv` strictly (no positionals, no unknown option).
 * @throws {CliError} (exit 2) with Node's message and the usage text.
 */
export function parseCliArgs<const O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
  usage: string,
) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new CliError(`${(e as Error).message}\n${usage}`, 2);
  }
}

/** The lag parameters as command-line options (spelled as in `npm run analyze`'s usage). */
export const LAG_ARG_OPTIONS = {
  theta: { type: 'string' },
  reach: { type: 'string' },
  'reach-km': { type: 'string' },
  window: { type: 'string' },
  delta: { type: 'string' },
  perpetrator: { type: 'string' },
  precision: { type: 'string' },
  'initial-deployment': { type: 'string' },
} as const;

/** The lag options' values as parsed by {@link parseCliArgs}. */
export type LagArgValues = Partial<Record<keyof typeof LAG_ARG_OPTIONS, string>>;

/**
 * The lag parameters of a command line, validated as in the app.
 * @throws {CliError} (exit 2) listing every bad value.
 */
export function lagParamsFromArgs(values: LagArgValues): LagParams {
  try {
    return parseLagParams({
      theta: values.theta,
      reach: values.reach,
      reachKm: values['reach-km'],
      window: values.window,
      delta: values.delta,
      perpetrator: values.perpetrator,
      precision: values.precision,
      initialDeployment: values['initial-deployment'],
    });
  } catch (e) {
    if (e instanceof LagParamError)
      throw new CliError(`bad parameter value:\n  ${e.issues.join('\n  ')}`, 2);
    throw e;
  }
}

/**
 * Reports an error that ended a run and returns its exit code: a {@link CliError}'s message and
 * code, anything else as an unexpected error with its stack (exit 1).
 */
export function reportCliError(name: string, e: unknown, io: CliIo): number {
  if (e instanceof CliError) {
    io.stderr(`${name}: ${e.message}\n`);
    return e.exitCode;
  }
  io.stderr(`${name}: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
  return 1;
}

/** Runs `main` with the process's arguments when `moduleUrl` is the script node was started with. */
export function runIfInvoked(moduleUrl: string, main: (argv: string[]) => number): void {
  const script = process.argv[1];
  if (script !== undefined && moduleUrl === pathToFileURL(path.resolve(script)).href)
    process.exitCode = main(process.argv.slice(2));
}

/**
 * Read and decode the built dataset in `dir`.
 * @throws {CliError} (exit 1) when the folder or a file is missing or malformed.
 */
export function loadDataset(dir: string): Dataset {
  const missing = DATASET_FILES.filter((f) => !existsSync(path.join(dir, f)));
  if (missing.length) {
    throw new CliError(
      `no built dataset in ${dir} (missing ${missing.join(', ')}); run \`npm run data\` first, or pass --data DIR`,
      1,
    );
  }
  const files: Record<string, unknown> = {};
  for (const f of DATASET_FILES) {
    try {
      files[f] = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    } catch (e) {
      throw new CliError(
        `${path.join(dir, f)} is not valid JSON (${(e as Error).message}); rebuild with \`npm run data\``,
        1,
      );
    }
  }
  try {
    return decodeDataset(files);
  } catch (e) {
    if (e instanceof DataFormatError) {
      throw new CliError(`${dir}/${e.message}; rebuild with \`npm run data\``, 1);
    }
    throw e;
  }
}

/**
 * The basemap towns of a built dataset (`<dir>/basemap/places.json`), which name the cells in
 * the CSV's place column exactly as the app does. Missing → no towns (cells are named by their
 * centre, as in the app without a basemap) and `warn` is told (when given); malformed → an error.
 * @throws {CliError} (exit 1) when the file is not valid JSON or not a places file.
 */
export function loadPlaces(dir: string, warn: ((text: string) => void) | null): BasemapPlace[] {
  const file = path.join(dir, 'basemap', BASEMAP_FILES.places);
  if (!existsSync(file)) {
    warn?.(`no ${file}; cells are named by their centre (run \`npm run data\` for the towns)\n`);
    return [];
  }
  try {
    return decodePlaces(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    throw new CliError(`${file}: ${(e as Error).message}; rebuild with \`npm run data\``, 1);
  }
}

/**
 * The mission a command line names: its exact id, else the id equal ignoring case.
 * @throws {CliError} (exit 2) naming the known missions when there is none.
 */
export function resolveMission(dataset: Dataset, wanted: string, dir: string): string {
  const ids = dataset.missions.map((m) => m.id).sort();
  const id =
    ids.find((x) => x === wanted) ?? ids.find((x) => x.toLowerCase() === wanted.toLowerCase());
  if (!id)
    throw new CliError(
      `unknown mission "${wanted}" in ${dir}; known missions: ${ids.join(', ') || '(none)'}`,
      2,
    );
  return id;
}
