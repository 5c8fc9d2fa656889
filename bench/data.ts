/**
 * Data-build benchmark (npm run bench runs it; alone: `npx tsx bench/data.ts [rows] [rounds]`,
 * or BENCH_GED_ROWS / BENCH_ROUNDS).
 *
 * Generates a seeded GED-shaped CSV (default 1,000,000 rows, ~700 MB, with 0.1 % invalid rows
 * and 0.05 % duplicate ids) into bench/out/, then times, each in a fresh child process and
 * alternately for a few rounds (medians reported, so that both see the same machine load):
 *   1. the full data build (buildDataset: read, validate every row, duplicate rule, aggregate,
 *      write JSON / CSV / Parquet / manifest; the Geo-PKO files too), with peak RSS;
 *   2. DuckDB's bare aggregation "OSV fatalities per gid-year" of the same file (sniffed
 *      read_csv, ignore_errors, GROUP BY), with peak RSS;
 *   3. once, in a fresh process, the browser-side decoding of the built data (`JSON.parse` +
 *      `decodeDataset`, 7 rounds, CPU ms; alone: `npx tsx bench/data.ts --child decode
 *      bench/out/public-data-1000000 7`).
 * Targets: build within 2x of the bare aggregation; build peak RSS under 1 GB; browser JSON
 * under 3 MB gzipped; decoding under 300 ms.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GED_CSV_COLUMNS } from '../tests/fixtures/syntheticGed';
import { mulberry32, weightedPicker } from './prng';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'bench', 'out');
const SEED = 20240601;

/** Official GED CSV column order. */
const GED_COLUMNS = GED_CSV_COLUMNS;

/** Writes the seeded GED-shaped CSV; returns its size in bytes. */
export async function generateGed(file: string, rows: number): Promise<number> {
  const rnd = mulberry32(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const countries = Array.from({ length: 110 }, (_, i) => ({
    name: `Country ${i + 1}`,
    lat: -30 + rnd() * 65,
    lon: -80 + rnd() * 200,
  }));
  // 4,000 hotspots with Zipf-like weights: a few places have most events, as in GED.
  const hotspots = Array.from({ length: 4000 }, () => {
    const c = pick(countries);
    return { c, lat: c.lat + gauss() * 3, lon: c.lon + gauss() * 3 };
  });
  const pickHotspot = weightedPicker(
    hotspots.map((_, i) => 1 / (i + 1) ** 0.9),
    rnd,
  );
  const hotspot = () => hotspots[pickHotspot()] as (typeof hotspots)[number];
  const groups = Array.from({ length: 400 }, (_, i) => `Armed group ${i + 1}`);
  const words =
    'militia attack village civilians killed reported sources local market road town district police army rebels clashes'.split(
      ' ',
    );
  const sentence = (n: number) => Array.from({ length: n }, () => pick(words)).join(' ');
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

  mkdirSync(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const write = (s: string) =>
    new Promise<void>((resolve) => (out.write(s) ? resolve() : out.once('drain', resolve)));
  await write(`${GED_COLUMNS.join(',')}\n`);
  let bytes = 0;
  let chunk: string[] = [];
  for (let i = 1; i <= rows; i++) {
    const h = hotspot();
    const tov = rnd() < 0.55 ? 1 : rnd() < 0.35 ? 2 : 3;
    const year = 1989 + Math.floor(rnd() * 36);
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    let lat: string = (h.lat + gauss() * 0.4).toFixed(6);
    let lon: string = (h.lon + gauss() * 0.4).toFixed(6);
    const best = Math.floor(-Math.log(1 - rnd()) * 6);
    let bestStr = String(best);
    const sideA = tov !== 2 && rnd() < 0.45 ? `Government of ${h.c.name}` : pick(groups);
    const bad = rnd();
    if (bad < 0.0004) lat = '';
    else if (bad < 0.0006) lat = 'NA';
    else if (bad < 0.0008) lon = '200.5';
    else if (bad < 0.001) bestStr = 'x';
    const id = rnd() < 0.0005 && i > 10 ? Math.floor(rnd() * (i - 1)) + 1 : i;
    const row = [
      id, `XXX-${year}-${tov}-${id}`, year, 1, 'Clear', tov, 100 + (i % 900), 100 + (i % 900),
      quote(`${h.c.name}: ${sideA}`), 200 + (i % 1200), 200 + (i % 1200), quote(`${sideA} - Civilians`),
      1, 1, quote(sideA), 2, 2, tov === 3 ? 'Civilians' : pick(groups), 1 + Math.floor(rnd() * 5),
      quote(`${sentence(12)}, ${year}; ${sentence(10)}`), '', '', quote(sentence(9)), quote(sentence(4)),
      1 + Math.floor(rnd() * 6), quote(`${sentence(2)} town`), quote(`${sentence(5)}, ${sentence(3)}`),
      quote(`${sentence(2)} province`), quote(`${sentence(2)} district`), lat, lon,
      lat && lon ? `POINT (${lon} ${lat})` : '', 0, quote(h.c.name), 1, 'Africa', 1, 1,
      `${date}T00:00:00.000`, `${date}T00:00:00.000`, 0, 0, best, 0, bestStr, best + Math.floor(rnd() * 3),
      Math.max(0, best - Math.floor(rnd() * 2)), 500, '',
    ]; // prettier-ignore
    chunk.push(row.join(','));
    if (chunk.length === 5000) {
      const s = `${chunk.join('\n')}\n`;
      bytes += s.length;
      await write(s);
      chunk = [];
    }
  }
  if (chunk.length) await write(`${chunk.join('\n')}\n`);
  await new Promise<void>((resolve) => out.end(resolve));
  return bytes;
}

/** The source folder of the benchmark: the generated GED plus Geo-PKO. */
async function prepare(rows: number): Promise<{ from: string; csv: string; generatedMs: number }> {
  const from = path.join(OUT, `src-${rows}`);
  const csv = path.join(from, 'ucdp', 'GEDEvent_v25_1_bench.csv');
  const marker = `${csv}.done`;
  let generatedMs = 0;
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== `${SEED}:${rows}`) {
    const t0 = performance.now();
    await generateGed(csv, rows);
    generatedMs = Math.round(performance.now() - t0);
    writeFileSync(marker, `${SEED}:${rows}`);
  }
  const front = path.join(from, 'geopko', 'FrontMap_v.2.3.csv');
  if (!existsSync(front)) {
    mkdirSync(path.dirname(front), { recursive: true });
    const real = path.resolve(ROOT, '..', 'shared', 'data', 'geopko', 'FrontMap_v.2.3.csv');
    if (existsSync(real)) copyFileSync(real, front);
    else
      writeFileSync(
        front,
        'mission,year,country,location,latitude,longitude,Infantry,NoTroops,Reserve,hq,UNPOL,Med,Av,UNMO,ave.no.troops\n' +
          'MINUSCA,2015,Central African Republic,Bangui,4.3612,18.555,150,150,0,3,0,0,0,0,150\n',
      );
  }
  return { from, csv, generatedMs };
}

interface ChildFigures {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  [k: string]: number | string;
}

/** Runs this file in a fresh Node process in `mode`; returns the JSON it prints last. */
function child(mode: string, ...args: string[]): ChildFigures {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'bench', 'data.ts'), '--child', mode, ...args],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  if (r.status !== 0) throw new Error(`bench child ${mode} failed:\n${r.stderr}`);
  const last = r.stdout.trim().split('\n').pop() as string;
  return JSON.parse(last) as ChildFigures;
}

async function childMain(mode: string, args: string[]): Promise<void> {
  const t0 = performance.now();
  let extra: Record<string, number | string> = {};
  if (mode === 'build') {
    const { buildDataset } = await import('../src/pipeline/build');
    const r = await buildDataset({
      from: args[0] as string,
      outDir: args[1] as string,
      quiet: true,
    });
    extra = {
      cellYears: r.manifest.counts.cellYears ?? 0,
      rejects: r.manifest.totals.rowsRejected,
      browserGzipKb: Math.round(r.manifest.browserGzipBytes / 1024),
      osvFatalities: r.manifest.counts.osvFatalities ?? 0,
    };
  } else if (mode === 'decode') {
    // JSON.parse + decodeDataset of the built browser files, `rounds` times in this process;
    // CPU ms of decodeDataset per round (the first is cold: no JIT yet).
    const { DATASET_FILES, decodeDataset } = await import('../src/domain/encoding');
    const texts = DATASET_FILES.map((f) => readFileSync(path.join(args[0] as string, f), 'utf8'));
    const rounds = Number(args[1] ?? 7);
    const parse: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const p0 = process.cpuUsage();
      const files = Object.fromEntries(
        DATASET_FILES.map((f, i) => [f, JSON.parse(texts[i] as string) as unknown]),
      );
      const c0 = process.cpuUsage();
      decodeDataset(files);
      const c1 = process.cpuUsage(c0);
      const p1 = process.cpuUsage(p0);
      cpu.push((c1.user + c1.system) / 1000);
      parse.push((p1.user + p1.system - c1.user - c1.system) / 1000);
    }
    extra = {
      decodeCpuRounds: cpu.map((x) => Math.round(x)).join(' '),
      parseCpuRounds: parse.map((x) => Math.round(x)).join(' '),
      decodeCpuWarmMedian: median(cpu.slice(1)),
      parseCpuWarmMedian: median(parse.slice(1)),
    };
  } else {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const reader = await conn.runAndReadAll(
      `SELECT count(*)::INTEGER AS cells, sum(f)::BIGINT AS fatalities FROM (
         SELECT CAST(floor((latitude + 90) / 0.5) * 720 + floor((longitude + 180) / 0.5) + 1 AS INTEGER) AS gid,
                year, sum(best) AS f
         FROM read_csv('${args[0]}', ignore_errors = true, types = {'latitude': 'DOUBLE', 'longitude': 'DOUBLE', 'year': 'INTEGER', 'type_of_violence': 'INTEGER', 'best': 'INTEGER'})
         WHERE type_of_violence = 3 GROUP BY ALL)`,
    );
    const [row] = reader.getRowObjectsJS() as { cells: number; fatalities: bigint }[];
    extra = { cellYears: row?.cells ?? 0, osvFatalities: Number(row?.fatalities ?? 0) };
    conn.closeSync();
    db.closeSync();
  }
  const figures: ChildFigures = {
    ms: Math.round(performance.now() - t0),
    cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    ...extra,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/**
 * Runs the benchmark; figures as a flat record. `rounds` pairs of child processes (bare, then
 * build) run alternately so that both see the same machine load; the figures are medians.
 */
export async function run(
  rows = Number(process.env.BENCH_GED_ROWS ?? 1_000_000),
  rounds = Number(process.env.BENCH_ROUNDS ?? 3),
): Promise<Record<string, number | string>> {
  const { from, csv, generatedMs } = await prepare(rows);
  const size = (await import('node:fs')).statSync(csv).size;
  const loadBefore = os.loadavg()[0] as number;
  const bares: ChildFigures[] = [];
  const builds: ChildFigures[] = [];
  for (let r = 0; r < rounds; r++) {
    bares.push(child('bare', csv));
    builds.push(child('build', from, path.join(OUT, `public-data-${rows}`)));
  }
  // Decoding the built browser data (JSON.parse + decodeDataset), in a fresh process.
  const decode = child('decode', path.join(OUT, `public-data-${rows}`), '7');
  const loadAfter = os.loadavg()[0] as number;
  const med = (xs: ChildFigures[], k: 'ms' | 'cpuMs' | 'maxRssMb'): number =>
    median(xs.map((x) => x[k]));
  const build = builds[builds.length - 1] as ChildFigures;
  const bare = bares[bares.length - 1] as ChildFigures;
  const cpu = os.cpus();
  return {
    machine: `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()}`,
    ged_rows: rows,
    ged_csv_mb: Math.round(size / 1e6),
    generated_ms: generatedMs || 'cached',
    rounds,
    load_average_1min: `${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`,
    bare_duckdb_ms: med(bares, 'ms'),
    bare_duckdb_cpu_ms: med(bares, 'cpuMs'),
    bare_duckdb_peak_rss_mb: med(bares, 'maxRssMb'),
    build_ms: med(builds, 'ms'),
    build_cpu_ms: med(builds, 'cpuMs'),
    build_peak_rss_mb: Math.max(...builds.map((b) => b.maxRssMb)),
    ratio_build_to_bare: Number((med(builds, 'ms') / med(bares, 'ms')).toFixed(2)),
    ratio_build_to_bare_cpu: Number((med(builds, 'cpuMs') / med(bares, 'cpuMs')).toFixed(2)),
    round_ratios_wall: builds
      .map((b, i) => (b.ms / (bares[i] as ChildFigures).ms).toFixed(2))
      .join(' '),
    round_ratios_cpu: builds
      .map((b, i) => (b.cpuMs / (bares[i] as ChildFigures).cpuMs).toFixed(2))
      .join(' '),
    target_ratio: 2,
    target_peak_rss_mb: 1024,
    build_cell_years: build.cellYears as number,
    build_rejected_rows: build.rejects as number,
    browser_json_gzip_kb: build.browserGzipKb as number,
    browser_gzip_bytes_per_cell_year: Math.round(
      ((build.browserGzipKb as number) * 1024) / (build.cellYears as number),
    ),
    target_browser_gzip_kb: 3 * 1024,
    // The bare query keeps invalid rows it can parse and counts duplicates twice, so its total
    // differs slightly from the validated build's.
    osv_fatalities_build: build.osvFatalities as number,
    osv_fatalities_bare: bare.osvFatalities as number,
    // Browser-side decoding of the built data in Node (typed columns), CPU ms.
    decode_cpu_ms_rounds: decode.decodeCpuRounds as string,
    decode_cpu_ms_warm_median: Math.round(decode.decodeCpuWarmMedian as number),
    json_parse_cpu_ms_warm_median: Math.round(decode.parseCpuWarmMedian as number),
    target_decode_ms: 300,
  };
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  await childMain(argv[1] as string, argv.slice(2));
} else if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href
) {
  const rows = argv[0] ? Number(argv[0]) : undefined;
  const rounds = argv[1] ? Number(argv[1]) : undefined;
  run(rows, rounds).then((r) => console.log(JSON.stringify(r, null, 2)));
}
