/**
 * Headless lag analysis, for reproducible research:
 *
 *   npm run analyze -- --mission MINUSCA [--theta 10 --reach 0 | --reach-km 50, --window 3 --delta 1
 *                      --perpetrator all|state|host|foreign|nonstate --precision 5
 *                      --initial-deployment on|off] [--data public/data]
 *   npm run analyze -- --mission all [--from-year 2012 --to-year 2022]
 *                      [--table episodes|responsiveness] [same parameters]
 *
 * Reads the built dataset (`npm run data`) and its basemap towns (`basemap/places.json`, which
 * name the cells exactly as the app does), prints one CSV row per violence episode to stdout
 * (byte for byte the app's gap-list download) and the mission summary to stderr, with the
 * windows of the run. `--mission all` pools every mission (`analyzePooled`): the episodes of every
 * mission with violence data in the years (or, with `--table responsiveness`, the pooled
 * responsiveness table with Wilson 95 % intervals) to stdout, and to stderr the pooled summary
 * with the missions EXCLUDED for lack of violence data. Exit codes: 0 done, 2 bad arguments (unknown option or mission, bad
 * parameter value), 1 no usable data.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BASEMAP_FILES, decodePlaces, type BasemapPlace } from '../domain/basemap';
import type { Dataset } from '../domain/dataset';
import { DataFormatError, DATASET_FILES, decodeDataset } from '../domain/encoding';
import {
  analyzeMission,
  episodesToCsv,
  formatLagSummary,
  LagParamError,
  parseLagParams,
} from '../domain/lag';
import { analyzePooled, parsePooledYears, PooledYearsError } from '../domain/lagPooled';
import { formatPooledSummary, responsivenessToCsv } from '../domain/lagPooledCsv';
import { cellPlaceName, cellRegionLookup, createPlaceLookup } from '../domain/lagView';

/** Default folder of the built dataset, relative to the working directory. */
export const DEFAULT_DATA_DIR = path.join('public', 'data');

const USAGE = `usage: npm run analyze -- --mission MISSION|all [--from-year Y --to-year Y] [--table episodes|responsiveness] [--theta 10] [--reach 0 | --reach-km 50] [--window 3] [--delta 1]
                        [--perpetrator all|state|host|foreign|nonstate] [--precision 5]
                        [--initial-deployment on|off] [--data public/data]
  --mission             Geo-PKO mission acronym, e.g. MINUSCA, or "all" to pool every mission
                        with violence data (required)
  --from-year, --to-year  with --mission all: the years pooled (inclusive; default every year)
  --table               episodes (default) | responsiveness: what goes to stdout (the pooled
                        or the mission's responsiveness table, with Wilson 95 % intervals)
  --theta               θ: OSV fatalities a cell-year needs to be violent (≥ 1; default 10)
  --reach               r: rings around the cell that count as in reach (0–3; default 0)
  --reach-km            reach in km from the cell centre instead of rings (10–200)
  --window              W: years after the onset to look for a response (0–10; default 3)
  --delta               Δ: rise of a base's highest map figure that counts as strengthening
                        (≥ 1; default 1)
  --perpetrator         all | state (any government) | host (the government of the country
                        where the killing happened) | foreign (another government) | nonstate
                        (default all)
  --precision           highest GED where_prec kept, 5–7 (default 5: events located only to
                        the country or to international waters are left out)
  --initial-deployment  on | off: whether the bases of the mission's first year count as
                        enhanced presence (default on)
  --data                folder of the built dataset (default public/data)
Prints one CSV row per episode to stdout and the mission summary to stderr.`;

/** A problem that ends the CLI with a message and an exit code. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
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
    warn?.(
      `analyze: no ${file}; cells are named by their centre (run \`npm run data\` for the towns)\n`,
    );
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

/** Output streams of {@link main}, replaceable in tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** The process's own streams. */
export const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/** Run the CLI with arguments (without node and the script); resolves to the exit code. */
export function main(argv: string[], io: CliIo = processIo): number {
  try {
    let values;
    try {
      ({ values } = parseArgs({
        args: argv,
        strict: true,
        allowPositionals: false,
        options: {
          mission: { type: 'string' },
          theta: { type: 'string' },
          reach: { type: 'string' },
          'reach-km': { type: 'string' },
          window: { type: 'string' },
          delta: { type: 'string' },
          perpetrator: { type: 'string' },
          precision: { type: 'string' },
          'initial-deployment': { type: 'string' },
          data: { type: 'string' },
          'from-year': { type: 'string' },
          'to-year': { type: 'string' },
          table: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }));
    } catch (e) {
      throw new CliError(`${(e as Error).message}\n${USAGE}`, 2);
    }
    if (values.help) {
      io.stderr(USAGE + '\n');
      return 0;
    }
    if (!values.mission) throw new CliError(`--mission is required\n${USAGE}`, 2);
    let params;
    try {
      params = parseLagParams({
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
      if (e instanceof LagParamError) {
        throw new CliError(`bad parameter value:\n  ${e.issues.join('\n  ')}`, 2);
      }
      throw e;
    }
    const table = values.table ?? 'episodes';
    if (table !== 'episodes' && table !== 'responsiveness')
      throw new CliError(`--table must be episodes or responsiveness, got "${table}"`, 2);
    const pooled = values.mission.toLowerCase() === 'all';
    let years;
    try {
      years = parsePooledYears(values['from-year'], values['to-year']);
    } catch (e) {
      if (e instanceof PooledYearsError) throw new CliError(`bad parameter value: ${e.message}`, 2);
      throw e;
    }
    if (!pooled && (years.from !== null || years.to !== null))
      throw new CliError('--from-year / --to-year go with --mission all', 2);
    const dir = values.data ?? DEFAULT_DATA_DIR;
    const dataset = loadDataset(dir);
    if (pooled) {
      const places = table === 'episodes' ? loadPlaces(dir, io.stderr) : [];
      const r = analyzePooled(dataset, params, years);
      io.stdout(
        table === 'responsiveness'
          ? responsivenessToCsv(r.responsiveness, 'all missions', years, params)
          : episodesToCsv(
              r.episodes,
              r.params,
              cellPlaceName(createPlaceLookup(places), cellRegionLookup(dataset.cellYears)),
            ),
      );
      io.stderr(formatPooledSummary(r) + '\n');
      return r.included.length > 0 ? 0 : 1;
    }
    const missionId = resolveMission(dataset, values.mission, dir);
    const places = table === 'episodes' ? loadPlaces(dir, io.stderr) : [];
    const result = analyzeMission(dataset, missionId, params);
    if (table === 'responsiveness') {
      io.stdout(
        responsivenessToCsv(result.responsiveness, missionId, { from: null, to: null }, params),
      );
      io.stderr(formatLagSummary(result.summary) + '\n');
      return 0;
    }
    io.stdout(
      episodesToCsv(
        result.episodes,
        result.params,
        cellPlaceName(createPlaceLookup(places), cellRegionLookup(dataset.cellYears)),
      ),
    );
    io.stderr(formatLagSummary(result.summary) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`analyze: ${e.message}\n`);
      return e.exitCode;
    }
    io.stderr(`analyze: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  process.exitCode = main(process.argv.slice(2));
}
