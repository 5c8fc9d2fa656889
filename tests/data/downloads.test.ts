/**
 * The download builders (src/data/downloads.ts) on a small hand-made dataset: every expected
 * value below is worked out by hand from the fixture (distances by the haversine formula written
 * here), not read from the code's output.
 */
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { atlasData } from '../../src/data/atlasData';
import { buildDownload, PARQUET_PROVENANCE_KEY, type DownloadView } from '../../src/data/downloads';
import { DEFAULT_LAG_PARAMS } from '../../src/domain/lag';
import type { BuildInfo } from '../../src/domain/provenance';
import {
  base,
  baseYear,
  carCell,
  cellYear,
  coverage,
  dataset,
  estimate,
} from '../fixtures/factories';

const BANGUI = base({ location: 'Bangui', gid: carCell() });
const BRIA = base({ location: '=Bria', gid: carCell(0, 4) });
const CELL_A = carCell(); // Bangui's own cell, centre 4.25° N, 18.25° E
const CELL_B = carCell(2, 0); // two rows (1°) north: centre 5.25° N, 18.25° E

const ds = dataset({
  bases: [BANGUI, BRIA],
  baseYears: [
    baseYear(BANGUI, 2015, {
      troops: 150,
      troopsMin: 100,
      troopsMax: 150,
      units: ['Infantry', 'Medical'],
      tcc: ['Nepal (150)', 'Rwanda (50)'],
      tccCount: 2,
      hq: 3,
      unpol: true,
    }),
    baseYear(BRIA, 2015, { troops: null, troopsMin: null, troopsMax: null }),
    baseYear(BANGUI, 2016, { troops: 200, troopsMin: 200, troopsMax: 200 }),
  ],
  cellYears: [
    // 2015: 14 killed in Bangui's cell (2 by state forces, 12 by non-state groups), 1 further north.
    cellYear({
      gid: CELL_A,
      year: 2015,
      osvState: estimate(2, { low: 1, high: 3, events: 1 }),
      osvNonState: estimate(12, { low: 10, high: 20, events: 2 }),
    }),
    cellYear({ gid: CELL_B, year: 2015, nonstate: 1 }),
    // In Chad, not a host country of the mission: not among the view's cells.
    cellYear({ gid: carCell(20, 0), year: 2015, nonstate: 5, country: 'Chad' }),
  ],
});

const BUILD: BuildInfo = {
  builtAt: '2026-01-02T03:04:05.000Z',
  pipeline: '3.0.0',
  sources: [
    {
      file: 'ucdp/GEDEvent_v23_1.csv',
      dataset: 'ucdp-ged',
      version: '23.1',
      sha256: 'ab'.repeat(32),
      bytes: 10,
    },
  ],
  outputs: [],
  demo: null,
};
const CTX = { build: BUILD, appVersion: '9.9.9' };
const VIEW: DownloadView = {
  mission: 'MINUSCA',
  year: 2015,
  params: { ...DEFAULT_LAG_PARAMS, perpetrator: 'all' },
};

/** Great-circle km, haversine on the mean Earth radius (as turf). */
function km(a: [number, number], b: [number, number]): number {
  const r = Math.PI / 180;
  const h =
    Math.sin(((b[1] - a[1]) * r) / 2) ** 2 +
    Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(((b[0] - a[0]) * r) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

const text = (c: string | Uint8Array): string => (typeof c === 'string' ? c : '');

describe('cells of the view', () => {
  it('writes deaths by class, the nearest troop base and the lag category, hand-computed', () => {
    const d = buildDownload(atlasData(ds), 'cells', VIEW, 'csv', CTX);
    expect(d.fileName).toBe('cells_MINUSCA_2015_all.csv');
    expect(d.provenanceFileName).toBe('cells_MINUSCA_2015_all.provenance.json');
    // 1° of latitude north of Bangui: 6371.0088 × π / 180 = 111.195… km → 111.2.
    expect(Math.round(km([18.25, 5.25], [18.25, 4.25]) * 100) / 100).toBe(111.2);
    const lines = text(d.content).split('\n');
    expect(lines[0]).toBe(
      'mission,year,gid,place,country,lat,lon,osv_deaths_best,osv_deaths_low,osv_deaths_high,osv_events,state_deaths_best,state_deaths_low,state_deaths_high,state_events,nonstate_deaths_best,nonstate_deaths_low,nonstate_deaths_high,nonstate_events,nearest_troop_base,km_to_nearest_troop_base,lag_category,episode_onset',
    );
    // Cell A: 14 ≥ θ = 10 killed where the mission's first bases arrive (initial deployment on):
    // a response the same year. Bria's troops are unknown (NA): it is no troop base.
    expect(lines[1]).toBe(
      `MINUSCA,2015,${CELL_A},"Cell centre 4.25° N, 18.25° E",Central African Republic,4.25,18.25,14,11,23,3,2,1,3,1,12,10,20,2,Bangui,0,RESPONDED_SAME_YEAR,2015`,
    );
    // Cell B: 1 killed, below θ: analysed, no episode.
    expect(lines[2]).toBe(
      `MINUSCA,2015,${CELL_B},"Cell centre 5.25° N, 18.25° E",Central African Republic,5.25,18.25,1,1,1,1,0,0,0,0,1,1,1,1,Bangui,111.2,NO_EPISODE,`,
    );
    expect(lines.slice(3)).toEqual(['']);
    expect(CELL_A).toBeLessThan(CELL_B);
  });

  it('leaves the distance empty (not 0) in a year without a troop base, and says why cells are missing', () => {
    const noTroops = dataset({
      bases: [BANGUI],
      baseYears: [baseYear(BANGUI, 2015, { troops: null })],
      cellYears: [cellYear({ gid: CELL_B, year: 2015, nonstate: 3 })],
    });
    const row = text(buildDownload(atlasData(noTroops), 'cells', VIEW, 'csv', CTX).content).split(
      '\n',
    )[1]!;
    expect(row.endsWith(',3,3,3,1,,,NO_EPISODE,')).toBe(true);

    const noData = dataset({
      bases: [BANGUI],
      baseYears: [baseYear(BANGUI, 2015)],
      cellYears: [cellYear({ gid: CELL_B, year: 2015, nonstate: 3 })],
      coverage: coverage({ years: [1989, 2014] }),
    });
    const d = buildDownload(atlasData(noData), 'cells', VIEW, 'csv', CTX);
    expect(text(d.content).split('\n').length).toBe(2); // header and the final newline only
    expect(d.provenance.notComputed).toEqual([
      'Central African Republic 2015: violence data not loaded (no cells, not zero)',
    ]);
  });

  it('GeoJSON: the cell squares, the columns as properties, the provenance as metadata', () => {
    const d = buildDownload(atlasData(ds), 'cells', VIEW, 'geojson', CTX);
    expect(d.fileName).toBe('cells_MINUSCA_2015_all.geojson');
    const fc = JSON.parse(text(d.content)) as {
      type: string;
      metadata: unknown;
      features: {
        geometry: { type: string; coordinates: number[][][] };
        properties: Record<string, unknown>;
      }[];
    };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.metadata).toEqual(JSON.parse(d.provenanceText));
    expect(fc.features).toHaveLength(2);
    expect(fc.features[0]!.geometry).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [18, 4],
          [18.5, 4],
          [18.5, 4.5],
          [18, 4.5],
          [18, 4],
        ],
      ],
    });
    expect(fc.features[1]!.properties.km_to_nearest_troop_base).toBe(111.2);
    expect(fc.features[1]!.properties.episode_onset).toBeNull();
  });

  it('Parquet: the same rows, nulls kept, the provenance in the key-value metadata', async () => {
    const d = buildDownload(atlasData(ds), 'cells', VIEW, 'parquet', CTX);
    const bytes = d.content as Uint8Array;
    const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const meta = parquetMetadata(buf as ArrayBuffer);
    expect(Number(meta.num_rows)).toBe(2);
    expect(meta.created_by).toBe('Presence Atlas 9.9.9');
    const kv = meta.key_value_metadata?.find((x) => x.key === PARQUET_PROVENANCE_KEY);
    expect(JSON.parse(kv?.value ?? 'null')).toEqual(JSON.parse(d.provenanceText));
    const rows = await parquetReadObjects({ file: buf as ArrayBuffer });
    expect(rows[0]).toMatchObject({
      gid: CELL_A,
      osv_deaths_high: 23,
      lag_category: 'RESPONDED_SAME_YEAR',
    });
    expect(rows[1]).toMatchObject({
      gid: CELL_B,
      km_to_nearest_troop_base: 111.2,
      episode_onset: null,
    });
  });
});

describe('bases of the view', () => {
  it('writes troops, range, units and contributors; unknown troops empty; no formula start', () => {
    const d = buildDownload(atlasData(ds), 'bases', VIEW, 'csv', CTX);
    expect(d.fileName).toBe('bases_MINUSCA_2015.csv');
    const lines = text(d.content).split('\n');
    expect(lines[0]).toBe(
      'mission,year,base_id,location,country,lat,lon,gid,troops,troops_min,troops_max,troops_from_maps,units,contributors,contributor_count,hq,unpol,unmo,zero_troops',
    );
    // Base ids sort "MINUSCA:=bria" before "MINUSCA:bangui" ('=' < 'b').
    expect(lines[1]).toBe(
      `MINUSCA,2015,MINUSCA:=bria,'=Bria,Central African Republic,4.25,20.25,${BRIA.gid},,,,false,,,,0,false,false,false`,
    );
    expect(lines[2]).toBe(
      `MINUSCA,2015,MINUSCA:bangui,Bangui,Central African Republic,4.25,18.25,${CELL_A},150,100,150,false,Infantry; Medical,Nepal (150); Rwanda (50),2,3,true,false,false`,
    );
  });

  it('GeoJSON points at the base-year coordinates', () => {
    const d = buildDownload(atlasData(ds), 'bases', VIEW, 'geojson', CTX);
    const fc = JSON.parse(text(d.content)) as {
      features: { geometry: { type: string; coordinates: number[] } }[];
    };
    expect(fc.features.map((f) => f.geometry)).toEqual([
      { type: 'Point', coordinates: [20.25, 4.25] },
      { type: 'Point', coordinates: [18.25, 4.25] },
    ]);
    expect(() => buildDownload(atlasData(ds), 'bases', VIEW, 'parquet', CTX)).toThrow(
      /no parquet format/,
    );
  });
});

describe('bases of the World view', () => {
  const juba = base({
    location: 'Juba',
    mission: 'UNMISS',
    country: 'South Sudan',
    gid: carCell(2, 25),
  });
  const world = dataset({
    bases: [BANGUI, juba],
    baseYears: [
      baseYear(BANGUI, 2015, { troops: 150 }),
      baseYear(juba, 2015, { troops: 700, unpol: true }),
      baseYear(juba, 2016, { troops: 800 }),
    ],
  });
  const W: DownloadView = { ...VIEW, world: [] };

  it('writes every chosen mission’s bases of the year (none chosen: all), mission by mission', () => {
    const d = buildDownload(atlasData(world), 'bases', W, 'csv', CTX);
    expect(d.fileName).toBe('bases_world_2015.csv');
    const rows = text(d.content)
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',').slice(0, 4));
    expect(rows).toEqual([
      ['MINUSCA', '2015', 'MINUSCA:bangui', 'Bangui'],
      ['UNMISS', '2015', 'UNMISS:juba', 'Juba'],
    ]);
    expect(d.provenance.parameters).toEqual({ view: 'world', missions: 'all', year: 2015 });
    const one = buildDownload(atlasData(world), 'bases', { ...W, world: ['UNMISS'] }, 'csv', CTX);
    expect(text(one.content).trim().split('\n').length).toBe(2); // header and Juba
  });

  it('refuses the tables of one mission, with the reason', () => {
    expect(() => buildDownload(atlasData(world), 'cells', W, 'csv', CTX)).toThrow(
      /computed for one mission/,
    );
  });
});

describe('changes, responsiveness, gap list', () => {
  it('base changes of 2016: Bangui strengthened by 50, Bria closed with troops unknown', () => {
    const d = buildDownload(atlasData(ds), 'changes', { ...VIEW, year: 2016 }, 'csv', CTX);
    const rows = text(d.content)
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const byBase = Object.fromEntries(rows.map((r) => [r[2], r]));
    expect(byBase['MINUSCA:bangui']!.slice(5, 9)).toEqual(['STRENGTHENED', '150', '200', '50']);
    expect(byBase['MINUSCA:=bria']!.slice(3, 9)).toEqual([
      "'=Bria",
      'Central African Republic',
      'CLOSED',
      '',
      '',
      '',
    ]);
  });

  it('responsiveness: five series × six bins; the open top bin has no upper bound (empty, not 0)', () => {
    const d = buildDownload(atlasData(ds), 'responsiveness', VIEW, 'csv', CTX);
    const lines = text(d.content).trim().split('\n');
    expect(lines[0]).toBe('mission,series,bin,deaths_min,deaths_max,cell_years,enhanced,share');
    expect(lines).toHaveLength(1 + 5 * 6);
    expect(lines[6]).toMatch(/^MINUSCA,all,100\+,100,,/);
    // Cell A (14 killed, 10–24) was followed by enhanced presence (Bangui, the same year).
    expect(lines[4]).toBe('MINUSCA,all,10–24,10,24,1,1,1');
  });

  it('the gap list is the Lag tab download, with a provenance', () => {
    const data = atlasData(ds);
    const d = buildDownload(data, 'episodes', VIEW, 'csv', CTX);
    expect(d.content).toBe(data.lag.csv('MINUSCA', VIEW.params));
    expect(d.provenance.parameters.theta).toBe(10);
  });
});

describe('provenance', () => {
  it('names the sources with sha256, the parameters, the versions and the citations', () => {
    const p = buildDownload(atlasData(ds), 'cells', VIEW, 'csv', CTX).provenance;
    expect(p.sources[0]).toEqual(BUILD.sources[0]);
    expect(p.data.builtAt).toBe('2026-01-02T03:04:05.000Z');
    expect(p.generator).toEqual({ name: 'Presence Atlas', version: '9.9.9' });
    expect(p.parameters).toMatchObject({
      mission: 'MINUSCA',
      year: 2015,
      perpetrator: 'all',
      theta: 10,
    });
    expect(p.files).toEqual([
      'cells_MINUSCA_2015_all.csv',
      'cells_MINUSCA_2015_all.geojson',
      'cells_MINUSCA_2015_all.parquet',
    ]);
    expect(p.columns.map((c) => c.name)).toContain('km_to_nearest_troop_base');
    expect(p.citations.map((c) => c.source)).toEqual([
      'UCDP GED',
      'UCDP GED',
      'Geo-PKO',
      'Presence Atlas',
    ]);
    expect(p.citations[3]!.plain).toContain('version 9.9.9');
    expect(p.missing).toMatch(/never zero/);
  });
});
