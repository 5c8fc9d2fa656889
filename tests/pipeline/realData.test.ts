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

  it("gives every base-year Geo-PKO's own yearly figure (ave.no.troops) and the spread of its maps", () => {
    // Independently from the raw FrontMap: per mission, location and year, the ave.no.troops
    // (one value on every row) and the smallest / largest NoTroops.
    const rows = (mission: string, year: string, location: string) =>
      front.filter((r) => r.mission === mission && r.year === year && r.location === location);
    const bambari = rows('MINUSCA', '2018', 'Bambari');
    expect(bambari.map((r) => Number(r.NoTroops))).toEqual([800, 1450]);
    expect(bambari.map((r) => r['ave.no.troops'])).toEqual(['1016', '1016']);
    const sake = rows('MONUSCO', '2018', 'Sake');
    expect(sake.map((r) => Number(r.NoTroops)).sort((a, b) => a - b)).toEqual([1020, 2750]);
    expect(new Set(sake.map((r) => r['ave.no.troops']))).toEqual(new Set(['2404']));
    const bangui = rows('MINUSCA', '2015', 'Bangui');
    expect(bangui.map((r) => Number(r.NoTroops))).toEqual([1750, 2985, 3285]);
    const find = (id: string, year: number) =>
      ds.baseYears.find((b) => b.baseId === id && b.year === year);
    // Bambari 2018: 1,016 (the mean of the two rows would be 1,125); Sake 2018: 2,404 (1,885).
    expect(find('MINUSCA:bambari', 2018)).toMatchObject({
      troops: 1016,
      troopsMin: 800,
      troopsMax: 1450,
      sourceRows: 2,
      troopsFromMaps: false,
    });
    expect(find('MONUSCO:sake', 2018)).toMatchObject({
      troops: 2404,
      troopsMin: 1020,
      troopsMax: 2750,
      sourceRows: 2,
    });
    expect(find('MINUSCA:bangui', 2015)).toMatchObject({
      troops: 2673,
      troopsMin: 1750,
      troopsMax: 3285,
      sourceRows: 3,
      hq: 3,
    });
    // Every MINUSCA base-year: troops = ave.no.troops of its rows, min / max of NoTroops.
    const groups = new Map<string, Record<string, string>[]>();
    for (const r of front) {
      if (r.mission !== 'MINUSCA') continue;
      const k = `${r.year}:${r.location}`;
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    const names = new Map(ds.bases.map((b) => [b.id, b.location]));
    const num = (v: string | undefined) => (v === undefined || v === 'NA' ? null : Number(v));
    let compared = 0;
    for (const by of ds.baseYears.filter((b) => b.mission === 'MINUSCA')) {
      const g = groups.get(`${by.year}:${names.get(by.baseId)}`);
      if (!g) continue;
      const known = g.map((r) => num(r.NoTroops)).filter((v): v is number => v !== null);
      expect(by.troops, `${by.baseId} ${by.year}`).toBe(num(g[0]?.['ave.no.troops']));
      expect(by.troopsMin).toBe(known.length ? Math.min(...known) : null);
      expect(by.troopsMax).toBe(known.length ? Math.max(...known) : null);
      compared++;
    }
    expect(compared).toBe(ds.baseYears.filter((b) => b.mission === 'MINUSCA').length);
    // The build says how many figures are not Geo-PKO's own (FrontMap gives one everywhere
    // NoTroops is known).
    expect(manifest.counts.baseYearsTroopsFromMaps).toBe(
      ds.baseYears.filter((b) => b.troopsFromMaps).length,
    );
    // base_years.csv carries the spread.
    const csv = parseCsv(readFileSync(path.join(outDir, DATA_FILES.exportBaseYearsCsv), 'utf8'));
    expect(csv.find((r) => r.base_id === 'MINUSCA:bambari' && r.year === '2018')).toMatchObject({
      troops: '1016',
      troops_min: '800',
      troops_max: '1450',
      source_rows: '2',
      troops_from_maps: '0',
    });
  });

  it('keeps the location precision and host / foreign government of every OSV event', () => {
    // From the raw GED: OSV events located only to the country (where_prec 6) and killings by
    // a government other than the Central African Republic's.
    const osv = ged.filter((r) => r.type_of_violence === '3');
    const prec6 = osv.filter((r) => r.where_prec === '6');
    const foreign = osv.filter(
      (r) =>
        (r.side_a ?? '').startsWith('Government of ') &&
        r.side_a !== 'Government of Central African Republic',
    );
    expect(prec6).toHaveLength(23);
    expect(osv.filter((r) => Number(r.where_prec) > 6)).toHaveLength(0);
    const sum = (rs: Record<string, string>[]) => rs.reduce((a, r) => a + Number(r.best), 0);
    const sumIn = (f: (c: Dataset['cellYears'][number]) => number) =>
      ds.cellYears.reduce((a, c) => a + f(c), 0);
    expect(sumIn((c) => c.osvImprecise[6].state.events + c.osvImprecise[6].nonState.events)).toBe(
      23,
    );
    expect(sumIn((c) => c.osvImprecise[6].state.best + c.osvImprecise[6].nonState.best)).toBe(
      sum(prec6),
    );
    expect(sumIn((c) => c.osvForeign.events)).toBe(foreign.length);
    expect(sumIn((c) => c.osvForeign.best)).toBe(sum(foreign));
    // CAR 2014 (the audit): 54 killed by governments, 52 of them by Chad's and Congo's.
    const y2014 = (rs: Record<string, string>[]) => sum(rs.filter((r) => r.year === '2014'));
    const state2014 = osv.filter(
      (r) => r.year === '2014' && (r.side_a ?? '').startsWith('Government of '),
    );
    expect([y2014(state2014), y2014(foreign)]).toEqual([54, 52]);
    const built = ds.cellYears.filter((c) => c.year === 2014);
    expect([
      built.reduce((a, c) => a + c.osvState.best, 0),
      built.reduce((a, c) => a + c.osvForeign.best, 0),
    ]).toEqual([54, 52]);
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
