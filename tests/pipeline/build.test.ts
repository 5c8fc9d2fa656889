import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/domain/dataset';
import {
  BASE_YEARS_EXPORT_COLUMNS,
  CELL_YEARS_EXPORT_COLUMNS,
  DATA_FILES,
  DATASET_FILES,
  decodeDataset,
  decodeManifest,
} from '../../src/domain/encoding';
import { gidOf } from '../../src/domain/grid';
import { REASON_CODES } from '../../src/domain/rejects';
import { buildDataset, type BuildResult } from '../../src/pipeline/build';
import {
  FRONTMAP_COLUMNS,
  GED_COLUMNS,
  MONTHLY_V20_COLUMNS,
  MONTHLY_V23_COLUMNS,
  TCCMAP_COLUMNS,
  TTMAP_COLUMNS,
  csv,
  frontRow,
  gedCsv,
  gedGeojson,
  gedRow,
  monthlyV20Row,
  monthlyV23Row,
  outDir,
  sourceDir,
  tccRow,
  ttRow,
} from '../fixtures/pipeline/factories';

const GOV = 'Government of Central African Republic';
/** 0.05° north-east of Bangui: about 7.8 km, within the base identity tolerance. */
const BANGUI_JITTER = { latitude: 4.4112, longitude: 18.605 };

/** A fixture that exercises every rule and every reason code. */
function fixtureFiles(): Record<string, string> {
  const kept = [
    // adm_1 of the Bangui cell in 2015: "Bangui province" 3 events (1, 2, 10), "Ombella-M'Poko
    // province" 2 (3, 5), event 4 empty.
    gedRow({ id: 1, best: 5, low: 4, high: 7, side_a: 'Anti-balaka', adm_1: 'Bangui province' }),
    gedRow({
      id: 2,
      best: 3,
      low: 3,
      high: 3,
      side_a: GOV,
      date_start: '2015-04-01 00:00:00',
      adm_1: 'Bangui province',
    }),
    gedRow({
      id: 3,
      best: 1,
      low: 1,
      high: 2,
      side_a: 'Seleka',
      date_start: '2015-05-02T00:00:00',
      adm_1: "Ombella-M'Poko province",
    }),
    // Located only to the country (where_prec 6).
    gedRow({ id: 4, best: 2, low: 2, high: 2, side_a: 'LRA', where_prec: 6 }),
    gedRow({
      id: 5,
      type_of_violence: 1,
      best: 10,
      low: 8,
      high: 12,
      side_a: GOV,
      adm_1: "Ombella-M'Poko province",
    }),
    gedRow({
      adm_1: 'Haute-Kotto province',
      id: 6,
      type_of_violence: 2,
      year: 2016,
      date_start: '2016-01-05',
      latitude: 6.5,
      longitude: 21.99,
      best: 4,
      low: 4,
      high: 4,
      country: 'Central African Republic',
    }),
    // Edge cells: exactly on cell edges, and the closed upper bounds.
    gedRow({ id: 7, latitude: 0, longitude: 0, country: 'Gabon', best: 1, low: 1, high: 1 }),
    gedRow({ id: 8, latitude: 90, longitude: 180, country: 'Russia', best: 1, low: 1, high: 1 }),
    gedRow({
      id: 9,
      latitude: -90,
      longitude: -180,
      country: 'Antarctica',
      best: 0,
      low: 0,
      high: 2,
    }),
    // A quoted field with a comma and a line break.
    gedRow({
      id: 10,
      where_description: 'Bangui, "PK5"\nmarket',
      best: 2,
      low: 2,
      high: 2,
      adm_1: ' Bangui province ',
    }),
  ];
  const rejected = [
    gedRow({ id: '', best: 1 }), // MISSING_VALUE
    gedRow({ id: 21, best: 'five' }), // BAD_NUMBER
    gedRow({ id: 22, year: 'x' }), // BAD_YEAR
    gedRow({ id: 23, date_start: '10/03/2015' }), // BAD_DATE
    gedRow({ id: 24, type_of_violence: 4 }), // UNKNOWN_VIOLENCE_TYPE
    gedRow({ id: 25, latitude: '' }), // MISSING_COORDINATES
    gedRow({ id: 26, latitude: 95 }), // COORDINATES_OUT_OF_RANGE
    gedRow({ id: 27, best: -1 }), // NEGATIVE_COUNT
    gedRow({ id: 1, best: 500 }), // DUPLICATE_EVENT (same file)
  ];
  const gedText = `${gedCsv([...kept, ...rejected])}1,2,3,too,many\n`; // MALFORMED_LINE
  // The same release as GeoJSON: a copy of event 2 and one event only here (by a foreign
  // government, located only to the country), then two bad location precisions.
  const geojson = gedGeojson([
    gedRow({ id: 2, best: 3, low: 3, high: 3, side_a: GOV }),
    gedRow({
      id: 30,
      year: 2016,
      date_start: '2016-02-01',
      best: 6,
      low: 6,
      high: 6,
      side_a: 'Government of Chad',
      where_prec: 6,
      adm_1: "Ombella-M'Poko province",
    }),
    gedRow({ id: 31, where_prec: 9 }), // BAD_NUMBER
    gedRow({ id: 32, where_prec: '' }), // MISSING_VALUE
  ]);

  const front = csv(FRONTMAP_COLUMNS, [
    // MINUSCA Bangui 2015 on three maps → one base-year, troops = mean = 2673.
    frontRow({ NoTroops: 1750, Infantry: 1750, hq: 3, UNPOL: 1, 'ave.no.troops': 2673 }),
    frontRow({ NoTroops: 2985, Infantry: 2985, hq: 3, 'ave.no.troops': 2673 }),
    frontRow({ NoTroops: 3285, Infantry: 3285, hq: 3, Med: 1, 'ave.no.troops': 2673 }),
    // 2016: coordinates shift slightly between maps → still the same base.
    frontRow({ year: 2016, ...BANGUI_JITTER, NoTroops: 4000, hq: 3 }),
    // Kaga Bandoro: troops unknown (NA) in 2015, zero troops (police only) in 2016.
    frontRow({
      location: 'Kaga-Bandoro',
      latitude: 6.98,
      longitude: 19.18,
      NoTroops: 'NA',
      Infantry: 'NA',
    }),
    frontRow({
      year: 2016,
      location: 'Kaga Bandoro',
      latitude: 6.99,
      longitude: 19.19,
      NoTroops: 0,
      Infantry: 0,
      UNPOL: 1,
    }),
    // Same name 300 km apart: a different place, a separate base.
    frontRow({ location: 'Bria', latitude: 6.54, longitude: 21.99 }),
    frontRow({ year: 2016, location: 'Bria', latitude: 4.0, longitude: 23.5 }),
    // Rejected rows.
    frontRow({ year: 'abc' }), // BAD_YEAR
    frontRow({ location: 'Bambari', NoTroops: -5 }), // NEGATIVE_COUNT
    frontRow({ location: 'Bambari', hq: 7 }), // BAD_NUMBER
    frontRow({ location: 'Bambari', latitude: 'NA' }), // MISSING_COORDINATES
  ]);
  const tt = csv(TTMAP_COLUMNS, [
    ttRow({ eng: 1, med: 2 }),
    ttRow({ location: 'Nowhere', latitude: 5, longitude: 20 }), // NO_MATCHING_BASE_YEAR
  ]);
  const tcc = csv(TCCMAP_COLUMNS, [
    tccRow({ 'No.TCC': 2, 'year.overview': 'Nepal (150), Pakistan (size unknown)' }),
  ]);
  const monthlyV20 = csv(MONTHLY_V20_COLUMNS, [
    monthlyV20Row({ month: 3, 'No.troops': 150 }), // superseded by v2.3 (same mission-month)
    monthlyV20Row({ month: 4, 'No.troops': 'NA' }),
    // UNMISS 2012 is not in FrontMap: its base-year comes from the months (mean 150).
    monthlyV20Row({
      Mission: 'UNMISS',
      year: 2012,
      month: 1,
      location: 'Juba',
      country: 'South Sudan',
      latitude: 4.85,
      longitude: 31.6,
      'No.troops': 100,
      HQ: 3,
    }),
    monthlyV20Row({
      Mission: 'UNMISS',
      year: 2012,
      month: 2,
      location: 'Juba',
      country: 'South Sudan',
      latitude: 4.85,
      longitude: 31.6,
      'No.troops': 200,
      HQ: 3,
    }),
    monthlyV20Row({ month: 13 }), // BAD_MONTH
  ]);
  const monthlyV23 = csv(MONTHLY_V23_COLUMNS, [monthlyV23Row({ month: 3, 'no.troops': 300 })]);
  return {
    'ucdp/GEDEvent_v23_1_fixture.csv': gedText,
    'ucdp/GEDEvent_v23_1_fixture.geojson': geojson,
    'geopko/FrontMap_v.2.3.csv': front,
    'geopko/TTMap_v.2.3.csv': tt,
    'geopko/TCCMap_v.2.3.csv': tcc,
    'geopko/Geo_PKO_v2.0_location_month.csv': monthlyV20,
    'geopko/Geo_PKO_v.2.3_location_map.csv': monthlyV23,
    'README.md': 'not data: ignored',
  };
}

let result: BuildResult;
let ds: Dataset;
let out: string;
const read = (f: string): string => readFileSync(path.join(out, f), 'utf8');

beforeAll(async () => {
  out = outDir('fixture');
  result = await buildDataset({
    from: sourceDir('fixture', fixtureFiles()),
    outDir: out,
    quiet: true,
    // The fixture exercises every reason code: far above the 1 % rejected-row limit.
    allowRejects: true,
  });
  ds = decodeDataset(
    Object.fromEntries(DATASET_FILES.map((f) => [f, JSON.parse(read(f)) as unknown])),
  );
});

describe('fixture build', () => {
  it('matches the output snapshot (deterministic part)', async () => {
    const m = decodeManifest(JSON.parse(read(DATA_FILES.manifest)));
    const stable = {
      sources: m.sources,
      totals: m.totals,
      rejectedByReason: m.rejectedByReason,
      counts: m.counts,
      coverage: m.coverage,
      outputs: m.outputs.map((o) => o.path),
    };
    const parts = [
      ...DATASET_FILES.map((f) => `=== ${f}\n${read(f)}`),
      `=== ${DATA_FILES.exportCellYearsCsv}\n${read(DATA_FILES.exportCellYearsCsv)}`,
      `=== ${DATA_FILES.exportBaseYearsCsv}\n${read(DATA_FILES.exportBaseYearsCsv)}`,
      `=== ${DATA_FILES.rejects}\n${read(DATA_FILES.rejects)}`,
      `=== manifest.json (without time, paths and rule texts)\n${JSON.stringify(stable, null, 1)}`,
    ];
    await expect(`${parts.join('\n')}\n`).toMatchFileSnapshot(
      '../fixtures/pipeline/fixture-build.snapshot.txt',
    );
  });

  it('gives every reason code at least one rejected row, with its line', () => {
    const seen = new Set(result.rejects.map((r) => r.reason));
    expect([...seen].sort()).toEqual([...REASON_CODES].sort());
    const lines = read(DATA_FILES.rejects).trim().split('\n');
    expect(lines[0]).toBe('source,line,reason,detail');
    expect(lines.length - 1).toBe(result.rejects.length);
    const m = decodeManifest(JSON.parse(read(DATA_FILES.manifest)));
    expect(m.totals.rowsRejected).toBe(result.rejects.length);
    expect(Object.values(m.rejectedByReason).reduce((a, b) => a + b, 0)).toBe(
      result.rejects.length,
    );
  });

  it('reports GED reject lines as file lines (header = 1, a quoted line break = one record)', () => {
    const ged = result.rejects.filter(
      (r) => r.source.endsWith('.csv') && r.source.startsWith('ucdp'),
    );
    const at = (reason: string): number | undefined => ged.find((r) => r.reason === reason)?.line;
    // 10 kept events on lines 2–11, then the rejected rows in order from line 12.
    expect(at('MISSING_VALUE')).toBe(12);
    expect(at('BAD_NUMBER')).toBe(13);
    expect(at('NEGATIVE_COUNT')).toBe(19);
    expect(at('DUPLICATE_EVENT')).toBe(20);
    expect(at('MALFORMED_LINE')).toBe(21);
    const geo = result.rejects.find((r) => r.source.endsWith('.geojson'));
    expect(geo).toMatchObject({ reason: 'DUPLICATE_EVENT', line: 5 });
    expect(geo?.detail).toContain('ucdp/GEDEvent_v23_1_fixture.csv');
  });

  it('keeps the location precision per event and rejects a bad one with its line', () => {
    const bangui = ds.cellYears.find((c) => c.gid === gidOf(4.3612, 18.555) && c.year === 2015);
    // Event 4 (LRA, 2 killed) is located only to the country; the others precisely.
    expect(bangui?.osvImprecise[6].nonState).toEqual({ events: 1, best: 2 });
    expect(bangui?.osvImprecise[6].state).toEqual({ events: 0, best: 0 });
    expect(bangui?.osvImprecise[7].nonState).toEqual({ events: 0, best: 0 });
    expect(bangui?.osvForeign.events).toBe(0);
    const geo = result.rejects.filter((r) => r.source.endsWith('.geojson'));
    expect(geo.map((r) => [r.reason, r.detail])).toEqual([
      ['DUPLICATE_EVENT', 'id 2 already read from ucdp/GEDEvent_v23_1_fixture.csv'],
      ['BAD_NUMBER', 'where_prec "9" (expected 1 to 7)'],
      ['MISSING_VALUE', 'where_prec is empty'],
    ]);
    const month = ds.cellMonths.find((m) => m.year === 2016 && m.month === 2);
    expect(month).toMatchObject({ osvStateBest: 6, osvForeignBest: 6 });
  });

  it("names a cell-year's area by the GED adm_1 of most of its events (CSV and GeoJSON)", () => {
    const bangui = gidOf(4.3612, 18.555);
    const region = (gid: number, year: number) =>
      ds.cellYears.find((c) => c.gid === gid && c.year === year)?.region;
    // 3 events say Bangui province (one with spaces around), 2 Ombella-M'Poko, 1 nothing.
    expect(region(bangui, 2015)).toBe('Bangui province');
    expect(region(gidOf(6.5, 21.99), 2016)).toBe('Haute-Kotto province');
    // Only in the GeoJSON file.
    expect(region(bangui, 2016)).toBe("Ombella-M'Poko province");
    // No event with an adm_1: null, never an empty name.
    expect(region(gidOf(0, 0), 2015)).toBeNull();
  });

  it('counts a GED event in CSV and GeoJSON once (the duplicate rule)', () => {
    const bangui = ds.cellYears.find((c) => c.gid === gidOf(4.3612, 18.555) && c.year === 2015);
    // Events 1, 2, 3, 4 and 10 (OSV): 5 + 3 + 1 + 2 + 2; the duplicate id 1 (best 500) and the
    // GeoJSON copy of event 2 are not counted.
    expect(bangui?.osv).toEqual({ best: 13, low: 12, high: 16, events: 5 });
    expect(bangui?.osvState).toEqual({ best: 3, low: 3, high: 3, events: 1 });
    expect(bangui?.osvNonState).toEqual({ best: 10, low: 9, high: 13, events: 4 });
    expect(bangui?.stateBased).toEqual({ best: 10, low: 8, high: 12, events: 1 });
    expect(bangui?.topPerpetrators).toEqual([
      { name: 'Anti-balaka', perpetrator: 'nonstate', best: 7 },
      { name: GOV, perpetrator: 'state', best: 3 },
      { name: 'LRA', perpetrator: 'nonstate', best: 2 },
    ]);
    // The event only in GeoJSON is kept.
    const y2016 = ds.cellYears.find((c) => c.gid === gidOf(4.3612, 18.555) && c.year === 2016);
    expect(y2016?.osvState.best).toBe(6);
    // …by the government of Chad in the Central African Republic: foreign, and located only to
    // the country.
    expect(y2016?.osvForeign).toEqual({ best: 6, low: 6, high: 6, events: 1 });
    expect(y2016?.osvImprecise[6]).toEqual({
      state: { events: 1, best: 6 },
      foreign: { events: 1, best: 6 },
      nonState: { events: 0, best: 0 },
    });
  });

  it('puts edge points into the documented cells', () => {
    const gids = new Set(ds.cellYears.map((c) => c.gid));
    expect(gids.has(180 * 720 + 360 + 1)).toBe(true); // (0, 0): cell north-east of the corner
    expect(gids.has(259200)).toBe(true); // (90, 180): last row, last column
    expect(gids.has(1)).toBe(true); // (-90, -180)
    const pole = ds.cellYears.find((c) => c.gid === 1);
    expect(pole?.osv).toEqual({ best: 0, low: 0, high: 2, events: 1 });
  });

  it('splits cell-months by date_start whatever its time format', () => {
    const gid = gidOf(4.3612, 18.555);
    const months = ds.cellMonths.filter((c) => c.gid === gid && c.year === 2015);
    expect(months.map((m) => [m.month, m.osvBest, m.osvStateBest])).toEqual([
      [3, 9, 0],
      [4, 3, 3],
      [5, 1, 0],
    ]);
    // GED low / high per class, summed by hand: March = events 1 (4–7), 4 (2–2) and 10 (2–2),
    // all non-state; April = event 2 (state, 3–3); May = event 3 (non-state, 1–2).
    expect(
      months.map((m) => [m.osvStateLow, m.osvStateHigh, m.osvNonStateLow, m.osvNonStateHigh]),
    ).toEqual([
      [0, 0, 8, 11],
      [3, 3, 0, 0],
      [0, 0, 1, 2],
    ]);
  });

  it('applies the duplicate-row rule: one troop figure per base-year, never the sum', () => {
    const by = ds.baseYears.find((b) => b.baseId === 'MINUSCA:bangui' && b.year === 2015);
    expect(by).toMatchObject({
      troops: 2673,
      troopsMax: 3285,
      sourceRows: 3,
      hq: 3,
      unpol: true,
    });
    expect(by?.units).toEqual(['Infantry', 'Engineering', 'Medical']);
    expect(by?.tcc).toEqual(['Nepal (150)', 'Pakistan (size unknown)']);
    expect(by?.tccCount).toBe(2);
  });

  it('keeps a base identity across years despite coordinate jitter and spelling', () => {
    const bangui = ds.baseYears.filter((b) => b.baseId === 'MINUSCA:bangui').map((b) => b.year);
    expect(bangui).toEqual([2015, 2016]);
    const kaga = ds.baseYears.filter((b) => b.baseId === 'MINUSCA:kaga-bandoro');
    expect(kaga.map((b) => [b.year, b.troops, b.zeroTroops])).toEqual([
      [2015, null, false],
      [2016, 0, true],
    ]);
    // Same name, 300 km apart: two bases.
    expect(ds.bases.filter((b) => b.location === 'Bria').map((b) => b.id)).toEqual([
      'MINUSCA:bria',
      'MINUSCA:bria~2',
    ]);
  });

  it('derives base-months and monthly-only base-years', () => {
    const months = ds.baseMonths.filter((b) => b.baseId === 'MINUSCA:bangui');
    // March from Geo-PKO 2.3 (supersedes 2.0), April unknown.
    expect(months.map((m) => [m.month, m.troops])).toEqual([
      [3, 300],
      [4, null],
    ]);
    const juba = ds.baseYears.find((b) => b.baseId === 'UNMISS:juba');
    expect(juba).toMatchObject({ year: 2012, troops: 150, troopsMax: 200, hq: 3 });
    expect(juba?.tcc).toEqual(['Nepal (150)']);
  });

  it('lists missions with canonical countries, years and bbox', () => {
    const minusca = ds.missions.find((m) => m.id === 'MINUSCA');
    expect(minusca?.countries).toEqual(['Central African Republic']);
    expect(minusca?.years).toEqual([2015, 2016]);
    expect(minusca?.bbox).toEqual([18.555, 4.0, 23.5, 6.99]);
  });

  it('records coverage for the countries of a country-level GED extract', () => {
    expect(ds.coverage).toEqual({
      gedVersions: ['23.1'],
      years: [1989, 2022],
      scope: 'countries',
      countries: ['Antarctica', 'Central African Republic', 'Gabon', 'Russia'],
    });
  });

  it('writes the export tables with exactly the documented columns', () => {
    const cy = read(DATA_FILES.exportCellYearsCsv).trim().split('\n');
    expect(cy[0]).toBe(CELL_YEARS_EXPORT_COLUMNS.join(','));
    // One row per cell-year with at least one OSV event (the state-based-only 2016 cell has none).
    expect(cy.length - 1).toBe(ds.cellYears.filter((c) => c.osv.events > 0).length);
    expect(cy).toContain(
      `${gidOf(4.3612, 18.555)},2015,4.25,18.75,Central African Republic,13,3,10,5,12,16`,
    );
    const by = read(DATA_FILES.exportBaseYearsCsv).trim().split('\n');
    expect(by[0]).toBe(BASE_YEARS_EXPORT_COLUMNS.join(','));
    expect(by).toContain(
      `MINUSCA,MINUSCA:kaga-bandoro,Kaga-Bandoro,Central African Republic,2015,6.98,19.18,${gidOf(6.98, 19.18)},,,,1,0,0,0`,
    );
    // Bangui 2015: Geo-PKO's yearly figure 2,673 and its three maps 1,750–3,285.
    expect(by).toContain(
      `MINUSCA,MINUSCA:bangui,Bangui,Central African Republic,2015,4.3612,18.555,${gidOf(4.3612, 18.555)},2673,1750,3285,3,0,3,0`,
    );
    expect(by.length - 1).toBe(ds.baseYears.length);
  });

  it('writes the export tables as Parquet too', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const reader = await conn.runAndReadAll(
      `SELECT CAST(sum(osv_fatalities) AS INTEGER) AS f, CAST(count(*) AS INTEGER) AS n
       FROM read_parquet('${path.join(out, DATA_FILES.exportCellYearsParquet)}')`,
    );
    const [row] = reader.getRowObjectsJS();
    const exported = ds.cellYears.filter((c) => c.osv.events > 0);
    expect(row).toEqual({ f: exported.reduce((a, c) => a + c.osv.best, 0), n: exported.length });
    conn.closeSync();
    db.closeSync();
  });

  it('keeps read = kept + rejected for every source', () => {
    for (const s of result.manifest.sources) expect(s.rowsRead).toBe(s.rowsKept + s.rowsRejected);
    expect(result.manifest.sources.map((s) => s.kind).sort()).toEqual([
      'ged-csv',
      'ged-geojson',
      'geopko-frontmap',
      'geopko-monthly',
      'geopko-monthly',
      'geopko-tccmap',
      'geopko-ttmap',
    ]);
    expect(result.manifest.sources.every((s) => /^[0-9a-f]{64}$/.test(s.sha256))).toBe(true);
  });

  it('uses the official GED column set in the fixture', () => {
    expect(GED_COLUMNS).toContain('type_of_violence');
  });
});
