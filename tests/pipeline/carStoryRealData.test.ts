/**
 * The second built-in case, "The Central African Republic before MINUSCA", checked against the
 * real files in ../shared/data like the MINUSCA story (tests/pipeline/lagRealData.test.ts): every
 * scene resolves against the built data (missions, years, highlighted bases), every caption fills
 * without a missing figure, and every figure a caption states — filled live or written in the
 * text — is recomputed here from the raw CSV files (csv-parse, independent of the build).
 * Skips, with the reason printed, when the real data is not on this machine.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/domain/dataset';
import { gidOf } from '../../src/domain/grid';
import { loadDataset } from '../../src/pipeline/cliKit';
import { checkStoryData } from '../../src/story/scene';
import { createSceneFacts } from '../../src/story/sceneFacts';
import { parseStory, sceneMission, sceneYears } from '../../src/story/schema';
import raw from '../../src/story/stories/car-before-minusca.json';
import { storiesForMission } from '../../src/story/stories';
import { buildRealDataOnce, REAL_DATA_SKIP_REASON, realDataDir } from './realData';

const rawCsv = (rel: string): Record<string, string>[] =>
  parse(readFileSync(path.join(realDataDir()!, rel), 'utf8'), {
    columns: true,
    bom: true,
  }) as Record<string, string>[];

const available = realDataDir() !== null;
if (!available) console.log(`CAR-before-MINUSCA story test ${REAL_DATA_SKIP_REASON}`);

const story = parseStory(raw);
const CAR = 'Central African Republic';
const GOV = 'Government of Central African Republic';

let cached: Dataset | null = null;
async function data(): Promise<Dataset> {
  if (!cached) cached = loadDataset((await buildRealDataOnce()).outDir);
  return cached;
}

/** Kilometres between two points (haversine, R = 6371 km). */
function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

describe('the CAR-before-MINUSCA story (schema)', () => {
  it('is valid, 8 scenes over four missions, listed in each mission’s menu', () => {
    expect(story.scenes).toHaveLength(8);
    expect([...new Set(story.scenes.map((s) => sceneMission(story, s)))]).toEqual([
      'MINURCA',
      'MONUC',
      'MINURCAT',
      'MINUSCA',
    ]);
    for (const m of ['MINURCA', 'MONUC', 'MINURCAT', 'MINUSCA'])
      expect(storiesForMission(m).map((s) => s.id)).toContain('car-before-minusca');
    expect(story.scenes.every((s) => (s.notes ?? '').length > 0 || s.id === 'minurca-leaves')).toBe(
      true,
    );
  });
});

describe.skipIf(!available)('the CAR-before-MINUSCA story against ../shared/data', () => {
  it('every scene resolves: missions, years and highlighted bases exist', async () => {
    expect(checkStoryData(story, await data())).toEqual([]);
  });

  it('every caption fills with no missing figure', async () => {
    const facts = createSceneFacts(await data());
    for (const scene of story.scenes) {
      const c = facts.caption(story, scene, sceneYears(scene).from);
      expect(c.missing, scene.id).toEqual([]);
      expect(c.text, scene.id).not.toContain('{');
    }
  });

  it('states the raw files’ figures', async () => {
    const ds = await data();
    const facts = createSceneFacts(ds);
    const front = rawCsv('geopko/FrontMap_v.2.3.csv');
    const osv = rawCsv('ucdp/GEDEvent_v23_1_CAR.csv').filter((r) => r.type_of_violence === '3');
    const killed = (year: number, f: (r: Record<string, string>) => boolean = () => true) =>
      osv.filter((r) => r.year === String(year) && f(r)).reduce((a, r) => a + Number(r.best), 0);
    const rows = (mission: string, year: number) =>
      front.filter((r) => r.mission === mission && r.year === String(year));
    /** Troops of a mission-year: the sum over its locations of the yearly average (each once). */
    const troops = (mission: string, year: number) => {
      const byLoc = new Map<string, number>();
      for (const r of rows(mission, year))
        if (r['ave.no.troops'] !== 'NA') byLoc.set(r.location!, Number(r['ave.no.troops']));
      return [...byLoc.values()].reduce((a, b) => a + b, 0);
    };
    const locations = (mission: string, year: number) =>
      [...new Set(rows(mission, year).map((r) => r.location))].sort();
    const fill = (id: string, year?: number) => {
      const scene = story.scenes.find((s) => s.id === id)!;
      return facts.caption(story, scene, year ?? sceneYears(scene).from);
    };
    const cellOf = (lat: string, lon: string) => gidOf(Number(lat), Number(lon));

    // Violence data covers the CAR only: every figure below is the CAR's.
    expect(ds.coverage.countries).toEqual([CAR]);

    // 1998: one location (Bangui), 1,385 troops; no one-sided killing recorded in the CAR.
    expect(locations('MINURCA', 1998)).toEqual(['Bangui']);
    const s1 = fill('minurca-arrives').facts;
    expect([s1.bases, s1.troops, s1.fatalities]).toEqual([1, troops('MINURCA', 1998), 0]);
    expect(troops('MINURCA', 1998)).toBe(1385);
    expect(killed(1998)).toBe(0);
    expect(s1.country).toBe(CAR);

    // 1999: 1,485 troops, MINURCA's most; 5 killed, all by the government, in Bangui's cell.
    const s2 = fill('minurca-1999').facts;
    expect(troops('MINURCA', 1999)).toBe(1485);
    expect(s2.troops).toBe(1485);
    expect(Math.max(...[1998, 1999, 2000].map((y) => troops('MINURCA', y)))).toBe(1485);
    expect([s2.fatalities, s2.fatalities_host]).toEqual([killed(1999), killed(1999)]);
    expect(killed(1999)).toBe(5);
    expect(killed(1999, (r) => r.side_a === GOV)).toBe(5);
    const bangui = rows('MINURCA', 1999)[0]!;
    const cells1999 = osv
      .filter((r) => r.year === '1999')
      .map((r) => cellOf(r.latitude!, r.longitude!));
    expect(new Set(cells1999)).toEqual(new Set([cellOf(bangui.latitude!, bangui.longitude!)]));
    expect(s2.top_cell_place).toBe('at Bangui');

    // 2000: Bangui listed with 0 troops (drawn empty); 6 killed, by government forces.
    const s3 = fill('minurca-leaves').facts;
    expect(troops('MINURCA', 2000)).toBe(0);
    expect([s3.troops, s3.bases]).toEqual([0, 1]);
    expect(ds.baseYears.find((b) => b.mission === 'MINURCA' && b.year === 2000)?.zeroTroops).toBe(
      true,
    );
    expect([s3.fatalities, s3.fatalities_host]).toEqual([6, 6]);
    expect(killed(2000)).toBe(6);
    expect(killed(2000, (r) => r.side_a === GOV)).toBe(6);

    // 2001: MONUC's Bangui office without a troop figure; 21 killed in the CAR, all by government.
    const monuc = rows('MONUC', 2001).filter((r) => r.country === CAR);
    expect(monuc.map((r) => [r.location, r.NoTroops, r['ave.no.troops']])).toEqual([
      ['Bangui', 'NA', 'NA'],
    ]);
    expect(ds.baseYears.find((b) => b.baseId === 'MONUC:bangui' && b.year === 2001)?.troops).toBe(
      null,
    );
    expect(killed(2001)).toBe(21);
    expect(killed(2001, (r) => r.side_a === GOV)).toBe(21);
    expect(fill('monuc-office').text).toContain('21 civilians killed');

    // 2006 and 2007 without a mission in the CAR: 144 and 128 killed.
    expect([killed(2006), killed(2007)]).toEqual([144, 128]);
    for (const y of [2002, 2003, 2004, 2005, 2006, 2007])
      expect(front.filter((r) => r.year === String(y) && r.country === CAR)).toEqual([]);

    // 2008: MINURCAT in Chad and at Birao: 9 locations, 7,035 troops, 650 at Birao.
    const s5 = fill('minurcat-birao').facts;
    expect(locations('MINURCAT', 2008)).toHaveLength(9);
    expect([s5.bases, s5.troops]).toEqual([9, troops('MINURCAT', 2008)]);
    expect(troops('MINURCAT', 2008)).toBe(7035);
    expect(rows('MINURCAT', 2008).find((r) => r.location === 'Birao')?.['ave.no.troops']).toBe(
      '650',
    );
    expect(
      locations('MINURCAT', 2008)
        .filter((l) => l !== 'Birao')
        .every((l) =>
          rows('MINURCAT', 2008)
            .filter((r) => r.location === l)
            .every((r) => r.country === 'Chad'),
        ),
    ).toBe(true);

    // 2009: 156 killed, 135 by non-state groups, all of those by the LRA, > 500 km from Birao;
    // none in a cell with a MINURCAT base.
    const s6 = fill('lra-2009').facts;
    expect([s6.fatalities, s6.fatalities_nonstate]).toEqual([156, 135]);
    expect(killed(2009)).toBe(156);
    expect(killed(2009, (r) => r.side_a === 'LRA')).toBe(135);
    expect(killed(2009, (r) => !r.side_a!.startsWith('Government of'))).toBe(135);
    const birao = rows('MINURCAT', 2009).find((r) => r.location === 'Birao')!;
    const [bLat, bLon] = [Number(birao.latitude), Number(birao.longitude)];
    const lra = osv.filter((r) => r.year === '2009' && r.side_a === 'LRA');
    expect(
      Math.min(...lra.map((r) => km(bLat, bLon, Number(r.latitude), Number(r.longitude)))),
    ).toBeGreaterThan(500);
    const baseCells = new Set(rows('MINURCAT', 2009).map((r) => cellOf(r.latitude!, r.longitude!)));
    expect(
      osv.filter((r) => r.year === '2009' && baseCells.has(cellOf(r.latitude!, r.longitude!))),
    ).toEqual([]);
    expect(s6.coverage_pct).toBe(0);

    // 2010 flags: no MINURCAT base in the CAR but Birao, none after 2010, and Birao's cell never
    // had 10 killed in a year: no episode can be answered.
    const s7 = fill('minurcat-flags').facts;
    expect(s7.episodes).toBeGreaterThan(0);
    expect(s7.flagged_episodes).toBe(s7.episodes);
    expect(s7.response_rate_pct).toBe(0);
    expect(front.filter((r) => r.mission === 'MINURCAT' && Number(r.year) > 2010)).toEqual([]);
    expect([
      ...new Set(
        front.filter((r) => r.mission === 'MINURCAT' && r.country === CAR).map((r) => r.location),
      ),
    ]).toEqual(['Birao']);
    const biraoCell = cellOf(birao.latitude!, birao.longitude!);
    for (let y = 2008; y <= 2022; y++)
      expect(killed(y, (r) => cellOf(r.latitude!, r.longitude!) === biraoCell)).toBeLessThan(10);
    expect(rows('MINURCAT', 2010).find((r) => r.location === 'Birao')?.['ave.no.troops']).toBe(
      '150',
    );

    // 2013: 2,690 killed, the most of any year in the data; MINUSCA in 2014.
    const years = [...new Set(osv.map((r) => Number(r.year)))];
    expect(killed(2013)).toBe(2690);
    expect(Math.max(...years.map((y) => killed(y)))).toBe(2690);
    const s8 = fill('minusca-returns').facts;
    expect([s8.troops, s8.bases]).toEqual([
      troops('MINUSCA', 2014),
      locations('MINUSCA', 2014).length,
    ]);
  });
});
