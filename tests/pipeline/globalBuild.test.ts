/**
 * The global path through the real pipeline: a small synthetic *global* GED release (a few
 * thousand events, GED's own country spellings, placed around the Geo-PKO locations; see
 * tests/fixtures/syntheticGed.ts) built with buildDataset. Checks that the release is taken as
 * global and that every mission has violence data in every year it deployed. Runs without
 * ../shared/data too (the generator then uses its built-in mission locations).
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasViolenceData, type Dataset } from '../../src/domain/dataset';
import {
  DATASET_FILES,
  cellYearTableFromRows,
  concatCellYearTables,
  decodeDataset,
  withCellYears,
  type Manifest,
} from '../../src/domain/encoding';
import { cellCentroid } from '../../src/domain/grid';
import {
  CELL_YEAR_PARTS_INDEX,
  decodeCellYearPart,
  decodeCellYearPartsIndex,
} from '../../src/domain/cellYearParts';
import { missionHostCountries } from '../../src/domain/lagIndex';
import { analyzeMission } from '../../src/domain/lag';
import { buildDataset } from '../../src/pipeline/build';
import {
  SHARED_GEOPKO,
  frontMapText,
  generateSyntheticGed,
  missionLocations,
  writeSyntheticSources,
  type MissionLocation,
  type SyntheticSources,
} from '../fixtures/syntheticGed';

const OSV_EVENTS = 3000;

/** Mission locations from the shared FrontMap (when present), and from the built-in list. */
const VARIANTS: [string, string][] = [
  ['the shared Geo-PKO FrontMap', SHARED_GEOPKO],
  ['the built-in mission locations', path.join(tmpdir(), 'atlas-no-such-geopko-folder')],
];

describe.each(VARIANTS)(
  'synthetic global GED around %s, through the pipeline',
  (_what, geopkoDir) => {
    let tmp: string;
    let src: SyntheticSources;
    let manifest: Manifest;
    let ds: Dataset;
    let locations: MissionLocation[];
    let out: string;

    beforeAll(async () => {
      tmp = await mkdtemp(path.join(tmpdir(), 'atlas-global-'));
      const front = frontMapText(geopkoDir);
      console.info(`global build test: mission locations from ${front.source}`);
      locations = missionLocations(front.text);
      src = writeSyntheticSources(path.join(tmp, 'src'), { osvEvents: OSV_EVENTS, geopkoDir });
      out = path.join(tmp, 'out');
      const result = await buildDataset({ from: src.dir, outDir: out, quiet: true, threads: 1 });
      manifest = result.manifest;
      ds = decodeDataset(
        Object.fromEntries(
          DATASET_FILES.map((f) => [
            f,
            JSON.parse(readFileSync(path.join(out, f), 'utf8')) as unknown,
          ]),
        ),
      );
    });

    afterAll(() => {
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    it('keeps every event and takes the release as global, 1989–2024', () => {
      const ged = manifest.sources.find((s) => s.dataset === 'ucdp-ged');
      expect(ged?.version).toBe('25.1');
      expect(ged?.rowsRead).toBe(src.rows);
      expect(ged?.rowsRejected).toBe(0);
      // 3,000 one-sided events plus 10 % type 1 and 10 % type 2.
      expect(src.rows).toBe(3600);
      expect(ds.cellYears.reduce((s, c) => s + c.osv.events, 0)).toBe(OSV_EVENTS);
      expect(ds.coverage.scope).toBe('global');
      expect(ds.coverage.years).toEqual([1989, 2024]);
      expect(ds.coverage.gedVersions).toEqual(['25.1']);
    });

    it("maps GED's country spellings to the canonical names", () => {
      const covered = new Set(ds.coverage.countries);
      // Written by hand from GED's and Geo-PKO's spellings (both DRC missions and UNOCI exist in
      // the real FrontMap and in the built-in list).
      expect(covered.has('Democratic Republic of the Congo')).toBe(true);
      expect(covered.has("Côte d'Ivoire")).toBe(true);
      expect(covered.has('Bosnia and Herzegovina')).toBe(true);
      for (const ged of ['DR Congo (Zaire)', 'Ivory Coast', 'Bosnia-Herzegovina', 'DRC'])
        expect(covered.has(ged)).toBe(false);
      // A GED country without a mission keeps its own name.
      expect(covered.has('Myanmar (Burma)')).toBe(true);
    });

    it('has violence data for every mission country in every mission year', () => {
      const missing: string[] = [];
      for (const m of ds.missions)
        for (const country of m.countries)
          for (const year of m.years)
            if (!hasViolenceData(ds.coverage, country, year))
              missing.push(`${m.id} ${country} ${year}`);
      expect(ds.missions.length).toBeGreaterThan(10);
      expect(missing).toEqual([]);
      // Every host country (the joint Ethiopia/Eritrea entry aside) is named by the release itself.
      const covered = new Set(ds.coverage.countries);
      const hosts = [...new Set(ds.missions.flatMap((m) => m.countries))];
      expect(hosts.filter((c) => c !== 'Ethiopia/Eritrea' && !covered.has(c))).toEqual([]);
    });

    it('gives every mission one-sided violence near its own locations in every year it deployed', () => {
      // Expected from the FrontMap itself: mission → year → its locations that year.
      const expected = new Map<string, Map<number, MissionLocation[]>>();
      for (const l of locations) {
        const years = expected.get(l.mission) ?? new Map<number, MissionLocation[]>();
        expected.set(l.mission, years);
        for (const y of l.years) years.set(y, [...(years.get(y) ?? []), l]);
      }
      const osvCells = new Map<number, [lon: number, lat: number][]>();
      for (const c of ds.cellYears)
        if (c.osv.events > 0) {
          const list = osvCells.get(c.year) ?? [];
          list.push(cellCentroid(c.gid));
          osvCells.set(c.year, list);
        }
      const without: string[] = [];
      for (const [mission, years] of expected)
        for (const [year, locs] of years) {
          // Within 1° of one of the mission's locations of that year.
          const near = (osvCells.get(year) ?? []).some((p) =>
            locs.some((l) => Math.abs(p[1] - l.lat) <= 1 && Math.abs(p[0] - l.lon) <= 1),
          );
          if (!near) without.push(`${mission} ${year}`);
        }
      expect(expected.size).toBeGreaterThan(10);
      expect(without).toEqual([]);
    });

    it('has cell-months exactly for the cell-years with one-sided events', () => {
      // The timeline decides whether a mission has GED months from the cell-years alone (the
      // browser loads the cell-months after the first frame); this is the invariant it uses.
      const withOsv = new Set(ds.cellYears.filter((c) => c.osv.events > 0).map(keyOf));
      const withMonths = new Set(ds.cellMonths.map(keyOf));
      // Types 1 and 2 make cell-years without one-sided events: the test can tell the two apart.
      expect(ds.cellYears.length).toBeGreaterThan(withOsv.size);
      expect([...withMonths].filter((k) => !withOsv.has(k))).toEqual([]);
      expect([...withOsv].filter((k) => !withMonths.has(k))).toEqual([]);
    });

    it("cuts the cell-years per country: a mission's host countries' parts give its whole analysis", () => {
      const read = (f: string): unknown => JSON.parse(readFileSync(path.join(out, f), 'utf8'));
      const index = decodeCellYearPartsIndex(read(CELL_YEAR_PARTS_INDEX));
      const parts = new Map(
        [...index.parts].map(([c, p]) => [c, decodeCellYearPart(read(p.file), p.file, p.rows)]),
      );
      expect(parts.size).toBeGreaterThan(10);
      // Together, each cell-year once, they are cell_years.json.
      expect(concatCellYearTables([...parts.values()]).rows()).toEqual(ds.cellYears);
      let borderCells = 0;
      for (const m of ds.missions) {
        const hosts = missionHostCountries(ds, m.id);
        expect(index.hosts.get(m.id)).toEqual(hosts);
        const tables = hosts.flatMap((c) => parts.get(c) ?? []);
        const table = tables.length ? concatCellYearTables(tables) : cellYearTableFromRows([]);
        const partial = withCellYears(ds, table, {
          status: 'loading',
          mission: m.id,
          missing: [...parts.keys()].filter((c) => !hosts.includes(c)),
        });
        // What the first frame computes from the parts is what the whole file gives.
        expect(analyzeMission(partial, m.id), m.id).toEqual(analyzeMission(ds, m.id));
        borderCells += table.rows().filter((c) => !hosts.includes(c.country)).length;
      }
      // The parts carry other countries' years of shared cells (the reason for the cell rule).
      expect(borderCells).toBeGreaterThan(0);
    });

    it('is deterministic: the same seed writes the same bytes, another seed other bytes', () => {
      const hash = (seed: number): string => {
        const f = path.join(tmp, `det-${seed}.csv`);
        generateSyntheticGed(f, { osvEvents: 500, seed, locations });
        return createHash('sha256').update(readFileSync(f)).digest('hex');
      };
      expect(hash(7)).toBe(hash(7));
      expect(hash(7)).not.toBe(hash(8));
    });

    it('writes the official GED columns, in order, with geom_wkt', () => {
      const csv = readFileSync(path.join(src.dir, 'ucdp', 'GEDEvent_v25_1_synthetic.csv'), 'utf8');
      const header = csv.slice(0, csv.indexOf('\n')).split(',');
      expect(header.slice(0, 6)).toEqual([
        'id',
        'relid',
        'year',
        'active_year',
        'code_status',
        'type_of_violence',
      ]);
      expect(header.indexOf('geom_wkt')).toBe(header.indexOf('longitude') + 1);
      expect(header).toHaveLength(49);
      expect(header.at(-1)).toBe('gwnob');
    });
  },
);

/** A cell-year's key. */
function keyOf(c: { gid: number; year: number }): string {
  return `${c.gid}:${c.year}`;
}
