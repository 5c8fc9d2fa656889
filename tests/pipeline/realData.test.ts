/**
 * Integration: builds the real files in ../shared/data/ and checks the output against the raw
 * files, computed independently here (a plain CSV parse, no DuckDB).
 */
import { parse } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/domain/dataset';
import { DATA_FILES, DATASET_FILES, decodeDataset, type Manifest } from '../../src/domain/encoding';
import { gidOf } from '../../src/domain/grid';
import { buildRealDataOnce, REAL_DATA_SKIP_REASON, realDataDir } from './realData';

const dataDir = realDataDir();
if (!dataDir) console.warn(`tests/pipeline/realData.test.ts ${REAL_DATA_SKIP_REASON}`);

/** The raw file as records keyed by header, parsed independently of DuckDB (csv-parse). */
function parseCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true }) as Record<string, string>[];
}

describe.skipIf(!dataDir)('real data build (../shared/data)', () => {
  let ds: Dataset;
  let manifest: Manifest;
  let outDir: string;
  let ged: Record<string, string>[];
  let front: Record<string, string>[];

  beforeAll(async () => {
    ({ outDir, manifest } = await buildRealDataOnce());
    ds = decodeDataset(
      Object.fromEntries(
        DATASET_FILES.map((f) => [f, JSON.parse(readFileSync(path.join(outDir, f), 'utf8'))]),
      ),
    );
    const dir = dataDir as string;
    ged = parseCsv(readFileSync(path.join(dir, 'ucdp/GEDEvent_v23_1_CAR.csv'), 'utf8'));
    front = parseCsv(readFileSync(path.join(dir, 'geopko/FrontMap_v.2.3.csv'), 'utf8'));
  });

  it('keeps the 1,076 one-sided violence events of the CAR GED, each once', () => {
    const osv = ged.filter((r) => r.type_of_violence === '3');
    expect(osv).toHaveLength(1076);
    expect(ds.cellYears.reduce((a, c) => a + c.osv.events, 0)).toBe(1076);
    expect(manifest.counts.osvEvents).toBe(1076);
    // The GeoJSON holds the same release: every feature is a DUPLICATE_EVENT.
    const geo = manifest.sources.find((s) => s.kind === 'ged-geojson');
    expect(geo).toMatchObject({
      rowsRead: 1848,
      rowsKept: 0,
      rejectedByReason: { DUPLICATE_EVENT: 1848 },
    });
  });

  it('OSV fatalities (best, low, high, by perpetrator) per cell-year = the kept source rows', () => {
    const expected = new Map<string, { best: number; low: number; high: number; state: number }>();
    for (const r of ged) {
      if (r.type_of_violence !== '3') continue;
      const key = `${gidOf(Number(r.latitude), Number(r.longitude))}:${r.year}`;
      const e = expected.get(key) ?? { best: 0, low: 0, high: 0, state: 0 };
      e.best += Number(r.best);
      e.low += Number(r.low);
      e.high += Number(r.high);
      if ((r.side_a ?? '').startsWith('Government of ')) e.state += Number(r.best);
      expected.set(key, e);
    }
    const actual = new Map(
      ds.cellYears
        .filter((c) => c.osv.events > 0)
        .map((c) => [
          `${c.gid}:${c.year}`,
          { best: c.osv.best, low: c.osv.low, high: c.osv.high, state: c.osvState.best },
        ]),
    );
    expect(actual).toEqual(expected);
    const total = [...expected.values()].reduce((a, e) => a + e.best, 0);
    expect(manifest.counts.osvFatalities).toBe(total);
    // The export table carries the same total.
    const csv = parseCsv(readFileSync(path.join(outDir, DATA_FILES.exportCellYearsCsv), 'utf8'));
    expect(csv.reduce((a, r) => a + Number(r.osv_fatalities), 0)).toBe(total);
    expect(csv).toHaveLength(expected.size);
  });

  it('has every MINUSCA year 2014–2024', () => {
    const minusca = ds.missions.find((m) => m.id === 'MINUSCA');
    expect(minusca?.years).toEqual(Array.from({ length: 11 }, (_, i) => 2014 + i));
    expect(minusca?.countries).toEqual(['Central African Republic']);
  });

  it('has as many MINUSCA bases per year as FrontMap has distinct locations', () => {
    const expected = new Map<number, Set<string>>();
    for (const r of front) {
      if (r.mission !== 'MINUSCA') continue;
      const y = Number(r.year);
      expected.set(y, (expected.get(y) ?? new Set<string>()).add(r.location ?? ''));
    }
    const actual = new Map<number, number>();
    for (const by of ds.baseYears)
      if (by.mission === 'MINUSCA') actual.set(by.year, (actual.get(by.year) ?? 0) + 1);
    const table = [...expected.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([y, s]) => [y, s.size] as const);
    expect([...actual.entries()].sort((a, b) => a[0] - b[0])).toEqual(table);
    expect(table.length).toBe(11);
  });

  it('gives MINUSCA Bangui 2015 one troop figure: the mean of its three rows', () => {
    const rows = front.filter(
      (r) => r.mission === 'MINUSCA' && r.year === '2015' && r.location === 'Bangui',
    );
    expect(rows.map((r) => Number(r.NoTroops))).toEqual([1750, 2985, 3285]);
    const by = ds.baseYears.find((b) => b.baseId === 'MINUSCA:bangui' && b.year === 2015);
    expect(by).toMatchObject({ troops: 2673, troopsMax: 3285, sourceRows: 3, hq: 3 });
    expect(by?.troops).toBe(Number(rows[0]?.['ave.no.troops']));
  });

  it('keeps NA troops as unknown and zero-troop locations as marked', () => {
    const naRows = front.filter((r) => r.NoTroops === 'NA').length;
    expect(naRows).toBe(250);
    expect(ds.baseYears.filter((b) => b.troops === null).length).toBeGreaterThan(0);
    expect(ds.baseYears.filter((b) => b.troops === null).length).toBeLessThanOrEqual(naRows);
    expect(ds.baseYears.some((b) => b.zeroTroops && b.troops === 0)).toBe(true);
  });

  it('records sources with sha256 and coverage for the CAR only', () => {
    const file = path.join(dataDir as string, 'geopko/FrontMap_v.2.3.csv');
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(manifest.sources.find((s) => s.file === 'geopko/FrontMap_v.2.3.csv')?.sha256).toBe(sha);
    expect(ds.coverage).toEqual({
      gedVersions: ['23.1'],
      years: [1989, 2022],
      scope: 'countries',
      countries: ['Central African Republic'],
    });
    for (const s of manifest.sources) expect(s.rowsRead).toBe(s.rowsKept + s.rowsRejected);
  });

  it('keeps the browser files small', () => {
    expect(manifest.browserGzipBytes).toBeLessThan(3 * 1024 * 1024);
  });
});
