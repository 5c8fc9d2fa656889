/**
 * Headless coverage analysis (definitions in ARCHITECTURE.md, "Coverage"):
 *
 *   npm run coverage -- --mission MINUSCA [--km 50] [--perpetrator all|state|nonstate]
 *                       [--precision 5] [--whatif K --history N [--year T]] [--data public/data]
 *
 * Reads the built dataset and its events table (`npm run data`) and prints the coverage CSV to
 * stdout — the same text as the Coverage tab's download, through the same selectors — or, with
 * `--whatif`, the what-if sites of every mission year (or year T) as CSV. Exit codes:
 * 0 done, 2 bad arguments (unknown option or mission, bad parameter value), 1 no usable data.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { atlasData } from '../data/atlasData';
import { CoverageParamError, parseCoverageParams } from '../domain/coverageParams';
import { coverageToCsv } from '../domain/coverageCsv';
import { WhatIfParamError, parseWhatIf, whatIfToCsv } from '../domain/coverageWhatIf';
import { DataFormatError } from '../domain/encoding';
import { decodeOsvEvents, OSV_EVENTS_FILE } from '../domain/eventsEncoding';
import {
  CliError,
  DEFAULT_DATA_DIR,
  loadDataset,
  loadPlaces,
  parseCliArgs,
  processIo,
  reportCliError,
  resolveMission,
  runIfInvoked,
  type CliIo,
} from './cliKit';
import { whatIfRows } from '../data/coverageDownloads';

const USAGE = `usage: npm run coverage -- --mission MISSION [--km 50] [--perpetrator all|state|nonstate]
                         [--precision 5] [--data public/data]
  --mission      Geo-PKO mission acronym, e.g. MINUSCA (required)
  --km           X: reach of a base with troops in km (10–200; default 50)
  --perpetrator  all | state | nonstate (default all)
  --precision    highest GED where_prec counted (1–7; default 5)
  --whatif K     what-if: K more bases (1–5) at the start of each year …
  --history N    … placed on the deaths of the N years before (1–10; default 3)
  --year T       with --whatif: only year T
  --data         folder of the built dataset (default public/data)
Prints one CSV row per mission year with violence data:
mission,year,deaths,deaths_within,share,events,events_within
or, with --whatif, the ranked sites: year,rank,site,lat,lon,added_deaths`;

/** Reads `osv_events.json` of `dir`. @throws {CliError} (exit 1) when missing or malformed. */
function loadEvents(dir: string) {
  const file = path.join(dir, OSV_EVENTS_FILE);
  if (!existsSync(file))
    throw new CliError(`no ${OSV_EVENTS_FILE} in ${dir}; rebuild with \`npm run data\``, 1);
  try {
    return decodeOsvEvents(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    if (e instanceof DataFormatError || e instanceof SyntaxError)
      throw new CliError(`${dir}/${e.message}; rebuild with \`npm run data\``, 1);
    throw e;
  }
}

/** Runs the CLI with arguments (without node and the script); returns the exit code. */
export function main(argv: string[], io: CliIo = processIo): number {
  try {
    const values = parseCliArgs(
      argv,
      {
        mission: { type: 'string' },
        km: { type: 'string' },
        perpetrator: { type: 'string' },
        precision: { type: 'string' },
        whatif: { type: 'string' },
        history: { type: 'string' },
        year: { type: 'string' },
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      USAGE,
    );
    if (values.help) {
      io.stderr(USAGE + '\n');
      return 0;
    }
    if (!values.mission) throw new CliError(`--mission is required\n${USAGE}`, 2);
    let params;
    try {
      params = parseCoverageParams({
        km: values.km,
        perpetrator: values.perpetrator,
        precision: values.precision,
      });
    } catch (e) {
      if (e instanceof CoverageParamError)
        throw new CliError(`bad parameter value:\n  ${e.issues.join('\n  ')}`, 2);
      throw e;
    }
    let whatIf: { k: number; n: number } | null = null;
    if (values.whatif !== undefined || values.history !== undefined || values.year !== undefined) {
      if (values.whatif === undefined)
        throw new CliError(`--history and --year need --whatif K\n${USAGE}`, 2);
      try {
        whatIf = parseWhatIf({ k: values.whatif, n: values.history });
      } catch (e) {
        if (e instanceof WhatIfParamError)
          throw new CliError(`bad parameter value:\n  ${e.issues.join('\n  ')}`, 2);
        throw e;
      }
    }
    const onlyYear = values.year === undefined ? null : Number(values.year);
    if (onlyYear !== null && !Number.isInteger(onlyYear))
      throw new CliError(`--year must be a year, got "${values.year}"`, 2);
    const dir = values.data ?? DEFAULT_DATA_DIR;
    const dataset = loadDataset(dir);
    const missionId = resolveMission(dataset, values.mission, dir);
    // Towns name events and are what-if candidates; without them the what-if says so below.
    const places = loadPlaces(dir, null);
    const cov = atlasData(dataset, places).coverage(loadEvents(dir));
    if (whatIf) {
      if (places.length === 0)
        io.stderr(
          `coverage: no basemap towns in ${dir}/basemap: candidates are former base sites only\n`,
        );
      const mission = dataset.missions.find((m) => m.id === missionId)!;
      // The same rows and text as the app's download (src/data/coverageDownloads.ts).
      io.stdout(whatIfToCsv(whatIfRows(cov, mission, params, whatIf, onlyYear)));
      return 0;
    }
    const years = cov.years(missionId, params);
    io.stdout(coverageToCsv(missionId, years));
    const missing = years.filter((y) => !y.hasData).map((y) => y.year);
    if (missing.length)
      io.stderr(`coverage: not computed (violence data not loaded): ${missing.join(', ')}\n`);
    return 0;
  } catch (e) {
    return reportCliError('coverage', e, io);
  }
}

runIfInvoked(import.meta.url, (argv) => main(argv));
