/**
 * The app's downloads from the command line, byte for byte the same files:
 *
 *   npm run export -- --mission MINUSCA --year 2017 --format csv|geojson|parquet [--out FILE]
 *                     [--table cells|bases|responsiveness|changes|episodes|monthly-episodes]
 *                     [--perpetrator all|state|host|foreign|nonstate] [--theta 10 --reach 0 |
 *                     --reach-km 50, --window 3 --delta 1 --precision 5 --initial-deployment on]
 *                     [--data public/data]
 *
 * Reads the built dataset, its manifest (the provenance: sources with version and sha256, build
 * date) and its basemap towns (the cells' place names), and builds the file with the Download
 * menu's own function (`buildDownload`, `src/data/downloads.ts`). Without `--out` a text format
 * goes to stdout (Parquet needs `--out`); with `--out FILE` the file and its provenance sidecar
 * (`FILE` without extension + `.provenance.json`) are written atomically (a temporary file
 * renamed into place). Exit codes: 0 done, 2 bad arguments, 1 no usable data.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { APP_VERSION } from '../data/appVersion';
import { atlasData } from '../data/atlasData';
import { buildDownload, TABLE_FORMATS, type DownloadFormat, type TableId } from '../data/downloads';
import { DATA_FILES } from '../domain/encoding';
import { decodeBuildInfo, provenanceFileName, type BuildInfo } from '../domain/provenance';
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

const TABLES = Object.keys(TABLE_FORMATS) as TableId[];
const FORMATS: readonly DownloadFormat[] = ['csv', 'geojson', 'parquet'];

const USAGE = `usage: npm run export -- --mission MISSION --year YEAR --format csv|geojson|parquet [--out FILE]
                       [--table cells|bases|responsiveness|changes|episodes|monthly-episodes]
                       [--perpetrator all|state|host|foreign|nonstate] [--theta 10]
                       [--reach 0 | --reach-km 50] [--window 3] [--delta 1] [--precision 5]
                       [--initial-deployment on|off] [--data public/data]
  --mission   Geo-PKO mission acronym, e.g. MINUSCA (required)
  --year      a year of the mission (required)
  --format    csv | geojson | parquet (required; bases: csv, geojson; other tables: csv)
  --out       file to write (and its .provenance.json beside it); default stdout (not parquet)
  --table     cells (default) | bases | responsiveness | changes | episodes | monthly-episodes
  --perpetrator and the lag parameters as in \`npm run analyze\` (the view's settings)
  --data      folder of the built dataset (default public/data)
The file is the app's Download menu file for the same view, byte for byte.`;

/** Output of {@link main}: text streams plus a file writer, replaceable in tests. */
export interface ExportIo extends CliIo {
  /** Writes `content` to `file` (atomically in the real thing). */
  writeFile: (file: string, content: string | Uint8Array) => void;
}

/** Writes `file` through a temporary file in the same folder and a rename. */
function writeAtomic(file: string, content: string | Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new CliError(`cannot write ${file}: ${(e as Error).message}`, 1);
  }
}

/** The process's streams and the real file system. */
export const processExportIo: ExportIo = { ...processIo, writeFile: writeAtomic };

/**
 * The provenance parts of `<dir>/manifest.json`.
 * @throws {CliError} (exit 1) when it is missing or not JSON.
 */
export function loadBuildInfo(dir: string): BuildInfo {
  const file = path.join(dir, DATA_FILES.manifest);
  if (!existsSync(file))
    throw new CliError(`no ${file}: the provenance needs it; rebuild with \`npm run data\``, 1);
  try {
    return decodeBuildInfo(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    throw new CliError(`${file} is not valid JSON (${(e as Error).message})`, 1);
  }
}

/** Runs the CLI with arguments (without node and the script); returns the exit code. */
export function main(argv: string[], io: ExportIo = processExportIo): number {
  try {
    const values = parseCliArgs(
      argv,
      {
        mission: { type: 'string' },
        ...LAG_ARG_OPTIONS,
        year: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        table: { type: 'string' },
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
    if (values.year === undefined) throw new CliError(`--year is required\n${USAGE}`, 2);
    if (values.format === undefined) throw new CliError(`--format is required\n${USAGE}`, 2);
    const year = Number(values.year);
    if (!/^\d{4}$/.test(values.year) || !Number.isInteger(year))
      throw new CliError(`--year must be a four-digit year, got "${values.year}"`, 2);
    const table = (values.table ?? 'cells') as TableId;
    if (!TABLES.includes(table))
      throw new CliError(`--table must be one of ${TABLES.join(', ')}, got "${values.table}"`, 2);
    const format = values.format as DownloadFormat;
    if (!FORMATS.includes(format))
      throw new CliError(
        `--format must be one of ${FORMATS.join(', ')}, got "${values.format}"`,
        2,
      );
    if (!TABLE_FORMATS[table].includes(format))
      throw new CliError(
        `the ${table} table has no ${format} format; use ${TABLE_FORMATS[table].join(' or ')}`,
        2,
      );
    if (format === 'parquet' && values.out === undefined)
      throw new CliError('parquet is binary: pass --out FILE', 2);
    const params = lagParamsFromArgs(values);
    const dir = values.data ?? DEFAULT_DATA_DIR;
    const dataset = loadDataset(dir);
    const mission = resolveMission(dataset, values.mission, dir);
    const years = dataset.missions.find((m) => m.id === mission)!.years;
    if (!years.includes(year))
      throw new CliError(
        `${mission} has no year ${year}; its years: ${years[0]}–${years[years.length - 1]}`,
        2,
      );
    const build = loadBuildInfo(dir);
    const places = loadPlaces(dir, warnAs('export', io));
    const data = atlasData(dataset, places);
    const d = buildDownload(data, table, { mission, year, params }, format, {
      build,
      appVersion: APP_VERSION,
    });
    if (values.out === undefined) {
      io.stdout(d.content as string);
      return 0;
    }
    const sidecar = path.join(
      path.dirname(values.out),
      provenanceFileName(path.basename(values.out)),
    );
    io.writeFile(values.out, d.content);
    io.writeFile(sidecar, d.provenanceText);
    io.stderr(`export: wrote ${values.out} and ${sidecar}\n`);
    return 0;
  } catch (e) {
    return reportCliError('export', e, io);
  }
}

runIfInvoked(import.meta.url, (argv) => main(argv));
