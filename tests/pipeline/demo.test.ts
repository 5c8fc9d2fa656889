/**
 * The committed demo dataset (geodata/demo/): small, derived only, the Central African Republic
 * only, and (when ../shared/data is present) exactly what `npm run data:demo` builds from it.
 */
import { decodeOsvEvents, OSV_EVENTS_FILE } from '../../src/domain/eventsEncoding';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BASEMAP_FILES } from '../../src/domain/basemap';
import {
  BASEMAP_CREDITS,
  DEMO_COUNTRY,
  creditsFor,
  decodeDataInfo,
  type ManifestWithInfo,
} from '../../src/domain/dataInfo';
import {
  DATA_FILES,
  DATASET_FILES,
  decodeDataset,
  decodeManifest,
} from '../../src/domain/encoding';
import {
  DEMO_DIR,
  DEMO_FILES,
  filesIn,
  DEMO_MAX_BYTES,
  buildDemo,
  demoDifferences,
  folderBytes,
  installDemo,
  type DemoBuild,
} from '../../src/pipeline/demo';
import { loadSources } from '../../src/pipeline/fetch';
import { REAL_DATA_SKIP_REASON, realDataDir } from './realData';

const temps: string[] = [];
function temp(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'atlas-demo-test-'));
  temps.push(d);
  return d;
}
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const read = (f: string): string => readFileSync(path.join(DEMO_DIR, f), 'utf8');
const committed = () =>
  decodeDataset(Object.fromEntries(DATASET_FILES.map((f) => [f, JSON.parse(read(f)) as unknown])));
const manifest = (): ManifestWithInfo => JSON.parse(read(DATA_FILES.manifest)) as ManifestWithInfo;

describe('the committed demo (geodata/demo/)', () => {
  it('is under 1 MB and holds derived files only: browser JSON, manifest, README', () => {
    expect(filesIn(DEMO_DIR).sort()).toEqual([...DEMO_FILES].sort());
    expect(filesIn(DEMO_DIR).filter((f) => /\.(csv|geojson|zip|parquet)$/i.test(f))).toEqual([]);
    const bytes = folderBytes(DEMO_DIR);
    expect(bytes).toBeGreaterThan(10_000);
    expect(bytes).toBeLessThan(DEMO_MAX_BYTES);
    expect(DEMO_MAX_BYTES).toBe(1_000_000);
  });

  it('is the Central African Republic only: its missions, its cells, its violence coverage', () => {
    const ds = committed();
    expect(ds.missions.length).toBeGreaterThan(0);
    for (const m of ds.missions) expect(m.countries).toContain(DEMO_COUNTRY);
    expect(ds.missions.map((m) => m.id)).toContain('MINUSCA');
    expect(new Set(ds.cellYears.map((c) => c.country))).toEqual(new Set([DEMO_COUNTRY]));
    expect(ds.coverage.scope).toBe('countries');
    expect(ds.coverage.countries).toEqual([DEMO_COUNTRY]);
    const missions = new Set(ds.missions.map((m) => m.id));
    for (const b of ds.bases) expect(missions.has(b.mission)).toBe(true);
  });

  it('has a valid manifest with the demo block, counts of its own tables, licences and citations', () => {
    const m = manifest();
    expect(() => decodeManifest(m)).not.toThrow();
    const info = decodeDataInfo(m);
    const ds = committed();
    expect(info.demo?.country).toBe(DEMO_COUNTRY);
    expect(info.demo?.missions).toEqual(ds.missions.map((x) => x.id).sort());
    expect(info.demo?.regenerate).toBe('npm run data:demo');
    expect(m.counts.cellYears).toBe(ds.cellYears.length);
    expect(m.counts.bases).toBe(ds.bases.length);
    expect(m.counts.baseYears).toBe(ds.baseYears.length);
    // No machine path in a committed file.
    expect(path.isAbsolute(m.sourceDir)).toBe(false);
    // The start-up JSON, the cell-years cut per country (the first frame's), then the files
    // loaded on demand: the Coverage tab's events table and the grid files of the H3 switch.
    expect(m.outputs.map((o) => o.path)).toEqual([
      ...DATASET_FILES,
      'cell_years/index.json',
      'cell_years/central-african-republic.json',
      'cell_years/democratic-republic-of-the-congo.json',
      OSV_EVENTS_FILE,
      'grid_h3r4.json',
      'grid_h3r5.json',
      'grid_h3r4/index.json',
      'grid_h3r4/central-african-republic.json',
      'grid_h3r5/index.json',
      'grid_h3r5/central-african-republic.json',
    ]);
    expect(m.counts.osvEventPoints).toBe(decodeOsvEvents(JSON.parse(read(OSV_EVENTS_FILE))).length);
    for (const o of m.outputs) expect(o.bytes).toBe(Buffer.byteLength(read(o.path)));
    const ged = info.credits.find((c) => c.dataset.startsWith('UCDP'));
    expect(ged?.licence).toBe('CC BY 4.0');
    expect(ged?.citation).toContain('Sundberg');
    expect(info.credits.some((c) => c.dataset.includes('Geo-PKO'))).toBe(true);
    const readme = read('README.md');
    for (const s of m.sources) expect(readme).toContain(s.sha256);
    expect(readme).toContain('CC BY 4.0');
  });

  it('carries the one-sided violence of GED 23.1 for the CAR: 1,076 events (../shared/data/README.md)', () => {
    const ds = committed();
    if (manifest().coverage.gedVersions.join() !== '23.1') return;
    expect(ds.cellYears.reduce((a, c) => a + c.osv.events, 0)).toBe(1076);
  });
});

describe('demoDifferences', () => {
  const asBuild = (): DemoBuild =>
    ({ files: Object.fromEntries(DEMO_FILES.map((f) => [f, read(f)])) }) as DemoBuild;

  it('ignores the build time, duration and source folder; reports changed, missing and extra files', () => {
    const dir = path.join(temp(), 'demo');
    cpSync(DEMO_DIR, dir, { recursive: true });
    expect(demoDifferences(asBuild(), dir)).toEqual([]);
    const m = JSON.parse(readFileSync(path.join(dir, DATA_FILES.manifest), 'utf8')) as Record<
      string,
      unknown
    >;
    writeFileSync(
      path.join(dir, DATA_FILES.manifest),
      JSON.stringify({ ...m, builtAt: '2000-01-01T00:00:00.000Z', buildMs: 1, sourceDir: '/x' }),
    );
    expect(demoDifferences(asBuild(), dir)).toEqual([]);
    writeFileSync(path.join(dir, DATA_FILES.manifest), JSON.stringify({ ...m, counts: {} }));
    writeFileSync(
      path.join(dir, DATA_FILES.cellYears),
      read(DATA_FILES.cellYears).replace('1', '2'),
    );
    rmSync(path.join(dir, DATA_FILES.coverage));
    writeFileSync(path.join(dir, 'GEDEvent_v23_1_CAR.csv'), 'id\n1\n');
    const diff = demoDifferences(asBuild(), dir);
    expect(diff).toHaveLength(4);
    expect(diff.join('\n')).toMatch(/GEDEvent_v23_1_CAR\.csv: not a demo file/);
    expect(diff.join('\n')).toMatch(/manifest\.json: differs in counts/);
    expect(diff.join('\n')).toMatch(/cell_years\.json: differs/);
    expect(diff.join('\n')).toMatch(/coverage\.json: missing/);
  });
});

describe('installDemo', () => {
  it('replaces a served data folder with the demo and its basemap', async () => {
    const out = path.join(temp(), 'public', 'data');
    cpSync(DEMO_DIR, out, { recursive: true });
    writeFileSync(path.join(out, 'rejects.csv'), 'stale from an earlier build\n');
    // Left by an interrupted run (a process that is gone): Vite would serve it from public/.
    const stale = path.join(path.dirname(out), '.data.building-999999999-x');
    cpSync(DEMO_DIR, stale, { recursive: true });
    const { hosts, missions } = await installDemo(out);
    for (const f of [...DATASET_FILES, DATA_FILES.manifest])
      expect(readFileSync(path.join(out, f), 'utf8')).toBe(read(f));
    for (const f of Object.values(BASEMAP_FILES))
      expect(existsSync(path.join(out, 'basemap', f))).toBe(true);
    expect(existsSync(path.join(out, 'rejects.csv'))).toBe(false);
    expect(readdirSync(path.dirname(out))).toEqual(['data']);
    expect(hosts).toContain(DEMO_COUNTRY);
    expect(missions).toEqual(committed().missions.map((m) => m.id));
  });
});

describe('creditsFor', () => {
  it('gives one credit per dataset and version, from geodata/sources.json, then the basemap', () => {
    const credits = creditsFor(
      [
        { dataset: 'ucdp-ged', version: '23.1' },
        { dataset: 'geo-pko', version: '2.3' },
        { dataset: 'geo-pko', version: '2.3' },
        { dataset: 'ucdp-ged', version: '99.9' },
      ],
      loadSources(),
    );
    expect(credits.map((c) => `${c.dataset.split(' ')[0]} ${c.version}`)).toEqual([
      'UCDP 23.1',
      'Geocoded 2.3',
      'UCDP 99.9',
      'Natural ',
      'GeoNames ',
    ]);
    expect(credits[0]?.licence).toBe('CC BY 4.0');
    expect(credits[1]?.citation).toContain('Cil, Deniz');
    // An unknown release still gets its dataset's licence.
    expect(credits[2]?.licence).toBe('CC BY 4.0');
    expect(credits.slice(3)).toEqual(BASEMAP_CREDITS);
  });
});

const shared = realDataDir();
if (!shared)
  console.warn(`tests/pipeline/demo.test.ts: the drift check is ${REAL_DATA_SKIP_REASON}`);
describe('no drift: the committed demo is what npm run data:demo builds from ../shared/data', () => {
  it.skipIf(!shared)(
    'rebuilds the demo and compares (npm run data:demo regenerates it)',
    async () => {
      const build = await buildDemo({ from: shared!, quiet: true });
      expect(demoDifferences(build)).toEqual([]);
    },
  );
});
