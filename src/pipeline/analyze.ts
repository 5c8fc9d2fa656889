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
import { analyzeMission, episodesToCsv, formatLagSummary } from '../domain/lag';
import { analyzePooled, parsePooledYears, PooledYearsError } from '../domain/lagPooled';
import { formatPooledSummary, responsivenessToCsv } from '../domain/lagPooledCsv';
import { cellPlaceName, cellRegionLookup, createPlaceLookup } from '../domain/lagView';
import {
  CliError,
  DEFAULT_DATA_DIR,
  LAG_ARG_OPTIONS,
  lagParamsFromArgs,
  loadDataset,
  loadPlaces,
  parseCliArgs,
  processIo,
  reportCliError,
  resolveMission,
  runIfInvoked,
  warnAs,
  type CliIo,
} from './cliKit';

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

/** Run the CLI with arguments (without node and the script); resolves to the exit code. */
export function main(argv: string[], io: CliIo = processIo): number {
  try {
    const values = parseCliArgs(
      argv,
      {
        mission: { type: 'string' },
        ...LAG_ARG_OPTIONS,
        data: { type: 'string' },
        'from-year': { type: 'string' },
        'to-year': { type: 'string' },
        table: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      USAGE,
    );
    if (values.help) {
      io.stderr(USAGE + '\n');
      return 0;
    }
    if (!values.mission) throw new CliError(`--mission is required\n${USAGE}`, 2);
    const params = lagParamsFromArgs(values);
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
      const places = table === 'episodes' ? loadPlaces(dir, warnAs('analyze', io)) : [];
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
    const places = table === 'episodes' ? loadPlaces(dir, warnAs('analyze', io)) : [];
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
    return reportCliError('analyze', e, io);
  }
}

runIfInvoked(import.meta.url, (argv) => main(argv));
