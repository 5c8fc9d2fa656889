/**
 * The H3 exports of the build (export/cell_years_h3r4.csv, _h3r5.csv and their Parquet copies):
 * the columns of cell_years.csv with `h3` in place of gid / lat / lon, and per year the same
 * totals as the PRIO-GRID table (every event lands in one cell of each grid). And the app's grid
 * files (grid_h3r4.json, grid_h3r5.json): the same cell-years, the same per-year totals as the
 * browser's PRIO-GRID table, equal to what the app computes from osv_events.json without them,
 * and each base's hexagon as h3-js gives it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { latLngToCell } from 'h3-js';
import type { CellYear } from '../../src/domain/dataset';
import { DATA_FILES, DATASET_FILES, decodeDataset } from '../../src/domain/encoding';
import { decodeOsvEvents, OSV_EVENTS_FILE } from '../../src/domain/eventsEncoding';
import { aggregateOsvEvents, regridDataset } from '../../src/domain/gridAggregate';
import {
  decodeGridFile,
  decodeGridIndex,
  decodeGridPart,
  GRID_BROWSER_FILES,
  GRID_PART_INDEX_FILES,
} from '../../src/domain/gridFile';
import { concatCellYearTables, decodeManifest } from '../../src/domain/encoding';
import { h3OfKey } from '../../src/domain/gridSystem';
import { h3Grid } from '../../src/domain/h3Grid';
import { atlasData } from '../../src/data/atlasData';
import { gridData } from '../../src/data/gridData';
import { toLagParams } from '../../src/data/lagSelectors';
import { DEFAULT_LAG_PARAMS } from '../../src/domain/lag';
import { buildDataset } from '../../src/pipeline/build';
import {
  FRONTMAP_COLUMNS,
  csv,
  frontRow,
  gedCsv,
  gedRow,
  outDir,
  sourceDir,
} from '../fixtures/pipeline/factories';

let out: string;
const read = (f: string): Record<string, string>[] =>
  parseCsv(readFileSync(path.join(out, f), 'utf8'), { columns: true }) as Record<string, string>[];

beforeAll(async () => {
  out = outDir('grid-exports');
  await buildDataset({
    from: sourceDir('grid-exports', {
      'ucdp/ged.csv': gedCsv([
        // 2015: Bangui (two events 1 km apart), Bria (state), a country-centroid event.
        gedRow({ year: 2015, latitude: 4.3612, longitude: 18.555, best: 5, low: 4, high: 9 }),
        gedRow({ year: 2015, latitude: 4.37, longitude: 18.56, best: 3, low: 3, high: 3 }),
        gedRow({
          year: 2015,
          latitude: 6.5333,
          longitude: 21.9833,
          best: 7,
          low: 6,
          high: 8,
          side_a: 'Government of Central African Republic',
        }),
        gedRow({
          year: 2015,
          latitude: 7,
          longitude: 21,
          best: 11,
          low: 11,
          high: 20,
          where_prec: 6,
        }),
        // 2016: one event in Bambari.
        gedRow({ year: 2016, latitude: 5.7667, longitude: 20.6833, best: 2, low: 1, high: 2 }),
      ]),
      'front.csv': csv(FRONTMAP_COLUMNS, [
        frontRow({}),
        frontRow({ location: 'Bria', latitude: 6.5333, longitude: 21.9833, year: 2016 }),
      ]),
    }),
    outDir: out,
    quiet: true,
  });
});

describe('H3 cell-year exports', () => {
  it('write the cell_years columns with h3 in place of gid, lat and lon', () => {
    const header = readFileSync(path.join(out, 'export/cell_years_h3r4.csv'), 'utf8').split(
      '\n',
    )[0];
    expect(header).toBe(
      'h3,year,country,osv_fatalities,osv_state_fatalities,osv_nonstate_fatalities,osv_events,osv_fatalities_low,osv_fatalities_high',
    );
  });

  it('r5: the two Bangui events share a hexagon; 4 cell-years, summed by hand', () => {
    const rows = read('export/cell_years_h3r5.csv');
    expect(rows.map((r) => [r.year, r.osv_fatalities, r.osv_events])).toEqual(
      expect.arrayContaining([
        ['2015', '8', '2'],
        ['2015', '7', '1'],
        ['2015', '11', '1'],
        ['2016', '2', '1'],
      ]),
    );
    expect(rows).toHaveLength(4);
    const bangui = rows.find((r) => r.osv_fatalities === '8')!;
    expect([bangui.osv_fatalities_low, bangui.osv_fatalities_high]).toEqual(['7', '12']);
    const bria = rows.find((r) => r.osv_fatalities === '7')!;
    expect([bria.osv_state_fatalities, bria.osv_nonstate_fatalities]).toEqual(['7', '0']);
    for (const r of rows) expect(r.h3).toMatch(/^85[0-9a-f]{13}$/);
  });

  it('per year, the H3 totals equal the PRIO-GRID totals (best, low, high, events)', () => {
    const totals = (rows: Record<string, string>[]) => {
      const t = new Map<string, number[]>();
      for (const r of rows) {
        const acc = t.get(r.year!) ?? [0, 0, 0, 0, 0, 0];
        [
          'osv_fatalities',
          'osv_fatalities_low',
          'osv_fatalities_high',
          'osv_events',
          'osv_state_fatalities',
          'osv_nonstate_fatalities',
        ].forEach((c, i) => (acc[i]! += Number(r[c])));
        t.set(r.year!, acc);
      }
      return t;
    };
    const prio = totals(read(DATA_FILES.exportCellYearsCsv));
    // By hand: 2015 = 5 + 3 + 7 + 11 best, 4 + 3 + 6 + 11 low, 9 + 3 + 8 + 20 high, 4 events.
    expect(prio.get('2015')).toEqual([26, 24, 40, 4, 7, 19]);
    expect(prio.get('2016')).toEqual([2, 1, 2, 1, 0, 2]);
    expect(totals(read('export/cell_years_h3r4.csv'))).toEqual(prio);
    expect(totals(read('export/cell_years_h3r5.csv'))).toEqual(prio);
  });

  it('the Parquet copies hold the same rows as the CSVs', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    for (const g of ['h3r4', 'h3r5']) {
      const reader = await conn.runAndReadAll(
        `SELECT h3, year, osv_fatalities FROM '${path.join(out, `export/cell_years_${g}.parquet`)}' ORDER BY year, h3`,
      );
      const fromCsv = read(`export/cell_years_${g}.csv`)
        .map((r) => [r.h3, Number(r.year), Number(r.osv_fatalities)])
        .sort(
          (a, b) => (a[1] as number) - (b[1] as number) || String(a[0]).localeCompare(String(b[0])),
        );
      expect(reader.getRows().map((r) => [r[0], Number(r[1]), Number(r[2])])).toEqual(fromCsv);
    }
    conn.closeSync();
  });
});

/** Per year: deaths best, low, high, events, state best, non-state best, summed over the cells. */
function yearTotals(rows: Iterable<CellYear>): Map<number, number[]> {
  const totals = new Map<number, number[]>();
  for (const c of rows) {
    const t = totals.get(c.year) ?? [0, 0, 0, 0, 0, 0];
    [c.osv.best, c.osv.low, c.osv.high, c.osv.events, c.osvState.best, c.osvNonState.best].forEach(
      (v, i) => (t[i]! += v),
    );
    totals.set(c.year, t);
  }
  return totals;
}

describe('the grid files of the app (grid_h3r4.json, grid_h3r5.json)', () => {
  const json = (f: string): unknown => JSON.parse(readFileSync(path.join(out, f), 'utf8'));
  const prioDataset = () =>
    decodeDataset(Object.fromEntries(DATASET_FILES.map((f) => [f, json(f)])));

  it('hold the rows of the CSV export, and per year the PRIO-GRID totals of cell_years.json', () => {
    const prio = yearTotals(prioDataset().cellYears);
    expect(prio.get(2015)).toEqual([26, 24, 40, 4, 7, 19]);
    for (const id of ['h3r4', 'h3r5'] as const) {
      const file = decodeGridFile(json(GRID_BROWSER_FILES[id]), id);
      const rows = file.cellYears.rows();
      expect(yearTotals(rows)).toEqual(prio);
      expect(
        rows.map((c) => [h3OfKey(c.gid), String(c.year), String(c.osv.best), String(c.osv.events)]),
      ).toEqual(
        read(`export/cell_years_${id}.csv`).map((r) => [
          r.h3,
          r.year,
          r.osv_fatalities,
          r.osv_events,
        ]),
      );
    }
  });

  it('equal what the app computes from the events without them (cell-years, bases, lag, comparison)', () => {
    const events = decodeOsvEvents(json(OSV_EVENTS_FILE));
    for (const [id, res] of [
      ['h3r4', 4],
      ['h3r5', 5],
    ] as const) {
      const file = decodeGridFile(json(GRID_BROWSER_FILES[id]), id);
      const onTheFly = aggregateOsvEvents(events, h3Grid(res));
      expect(onTheFly.length).toBeGreaterThan(0);
      expect(file.cellYears.rows()).toEqual(onTheFly);
      // Every base coordinate's hexagon, by h3-js directly.
      const ds = prioDataset();
      for (const b of [...ds.bases, ...ds.baseYears])
        expect(h3OfKey(file.pointCells.get(`${b.lat},${b.lon}`)!)).toBe(
          latLngToCell(b.lat, b.lon, res),
        );
      // The whole switch: two independent datasets, one from the file, one from the events.
      const params = toLagParams({ ...DEFAULT_LAG_PARAMS, theta: 1 }, 'all');
      const a = gridData(atlasData(prioDataset()), file, id);
      const b = gridData(atlasData(prioDataset()), events, id);
      expect(a.dataset.bases.map((x) => x.gid)).toEqual(
        regridDataset(ds, events, h3Grid(res)).bases.map((x) => x.gid),
      );
      expect(a.dataset.baseYears).toEqual(b.dataset.baseYears);
      expect(a.sel.cellsOf(2015, 'all', ['Central African Republic'])).toEqual(
        b.sel.cellsOf(2015, 'all', ['Central African Republic']),
      );
      const ra = a.lag.result('MINUSCA', params)!;
      expect(ra.episodes.length).toBeGreaterThan(0);
      expect(ra.episodes).toEqual(b.lag.result('MINUSCA', params)!.episodes);
      expect(a.compare('MINUSCA', params)).toEqual(b.compare('MINUSCA', params));
    }
  });

  it('are cut per country too (grid_h3r4/index.json and a part per country), listed in the manifest', () => {
    const m = decodeManifest(json(DATA_FILES.manifest));
    for (const id of ['h3r4', 'h3r5'] as const) {
      const whole = decodeGridFile(json(GRID_BROWSER_FILES[id]), id);
      const index = decodeGridIndex(json(GRID_PART_INDEX_FILES[id]), id);
      expect([...index.parts]).toEqual([
        ['Central African Republic', `grid_${id}/central-african-republic.json`],
      ]);
      expect(index.pointCells).toEqual(whole.pointCells);
      const parts = [...index.parts].map(([country, file]) =>
        decodeGridPart(json(file), id, file, country),
      );
      expect(concatCellYearTables(parts).rows()).toEqual(whole.cellYears.rows());
      for (const f of [GRID_PART_INDEX_FILES[id], ...index.parts.values()]) {
        const o = m.outputs.find((x) => x.path === f);
        expect(o?.bytes).toBe(readFileSync(path.join(out, f)).length);
      }
    }
  });
});
