/**
 * Integration: the lag analysis on the real MINUSCA data (Geo-PKO v2.3 + GED 23.1 for the
 * Central African Republic), built from ../shared/data. Prints the summary figures and checks
 * them against invariants of the built data. Skips, with the reason printed, when the real data
 * is not on this machine.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { basesById, countChanges, missionChanges } from '../../src/domain/changes';
import type { Dataset } from '../../src/domain/dataset';
import {
  analyzeMission,
  DEFAULT_LAG_PARAMS,
  episodesToCsv,
  formatLagSummary,
  LAG_CATEGORIES,
  type LagResult,
} from '../../src/domain/lag';
import { gidOf } from '../../src/domain/grid';
import { loadDataset } from '../../src/pipeline/cliKit';
import { buildRealDataOnce, REAL_DATA_SKIP_REASON, realDataDir } from './realData';

/** A raw source file parsed independently of the build (csv-parse). */
const rawCsv = (rel: string): Record<string, string>[] =>
  parse(readFileSync(path.join(realDataDir()!, rel), 'utf8'), {
    columns: true,
    bom: true,
  }) as Record<string, string>[];
const frontMap = () => rawCsv('geopko/FrontMap_v.2.3.csv');
const gedRows = () => rawCsv('ucdp/GEDEvent_v23_1_CAR.csv');

const CAR = 'Central African Republic';
const available = realDataDir() !== null;
if (!available) console.log(`lag real-data test ${REAL_DATA_SKIP_REASON}`);

let cached: { ds: Dataset; result: LagResult } | null = null;
async function minusca() {
  if (!cached) {
    const { outDir } = await buildRealDataOnce();
    const ds = loadDataset(outDir);
    cached = { ds, result: analyzeMission(ds, 'MINUSCA', DEFAULT_LAG_PARAMS) };
  }
  return cached;
}

describe.skipIf(!available)('lag analysis on the real MINUSCA data', () => {
  it('analyses 2014–2022 and prints the summary', async () => {
    const { result } = await minusca();
    const s = result.summary;
    console.log(formatLagSummary(s));
    console.log('year  fatalities  with-presence  coverage  episodes  ' + LAG_CATEGORIES.join(' '));
    for (const y of result.years) {
      console.log(
        [
          y.year,
          y.totalFatalities ?? 'n/a',
          y.fatalitiesWithPresence ?? 'n/a',
          y.coverageShare === null ? 'n/a' : y.coverageShare.toFixed(3),
          y.episodes,
          ...LAG_CATEGORIES.map((c) => y.byCategory[c]),
        ].join('  '),
      );
    }
    expect(s.hasViolenceData).toBe(true);
    expect(s.analysedYears).toEqual([2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022]);
    expect(s.episodes).toBeGreaterThan(0);
    for (const e of result.episodes) {
      expect(e.onsetYear).toBeGreaterThanOrEqual(2014);
      expect(e.endYear).toBeLessThanOrEqual(2022);
      expect(e.country).toBe(CAR);
    }
    // Years after GED 23.1 (2023–) are active but not analysed: excluded, not zero.
    for (const m of s.missingViolenceData) expect(m.year).toBeGreaterThan(2022);
    for (const y of result.years.filter((x) => x.year > 2022)) expect(y.totalFatalities).toBeNull();
  });

  it('summary fatalities equal the OSV fatalities of the built CAR cell-years 2014–2022', async () => {
    const { ds, result } = await minusca();
    const inScope = ds.cellYears.filter(
      (c) => c.country === CAR && c.year >= 2014 && c.year <= 2022,
    );
    const total = inScope.reduce((s, c) => s + c.osv.best, 0);
    // Every location precision kept (7): the built totals; by default (5) less the
    // country-level events.
    const every = { ...DEFAULT_LAG_PARAMS, precision: 7 };
    const all = analyzeMission(ds, 'MINUSCA', every);
    expect(all.summary.totalFatalities).toBe(total);
    expect(result.summary.totalFatalities).toBe(total - result.summary.leftOut.fatalities);
    for (const y of all.years.filter((x) => x.year <= 2022)) {
      const perYear = inScope.filter((c) => c.year === y.year).reduce((s, c) => s + c.osv.best, 0);
      expect(y.totalFatalities).toBe(perYear);
    }
    const state = analyzeMission(ds, 'MINUSCA', { ...every, perpetrator: 'state' });
    const nonstate = analyzeMission(ds, 'MINUSCA', { ...every, perpetrator: 'nonstate' });
    expect(state.summary.totalFatalities).toBe(inScope.reduce((s, c) => s + c.osvState.best, 0));
    expect(nonstate.summary.totalFatalities).toBe(
      inScope.reduce((s, c) => s + c.osvNonState.best, 0),
    );
    console.log(
      `MINUSCA OSV 2014–2022: all ${total}, state ${state.summary.totalFatalities}, non-state ${nonstate.summary.totalFatalities}; ` +
        `episodes state ${state.summary.episodes}, non-state ${nonstate.summary.episodes}`,
    );
  });

  it('keeps the category, window and coverage invariants', async () => {
    const { result } = await minusca();
    const s = result.summary;
    const counts = LAG_CATEGORIES.map((c) => s.byCategory[c]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(s.episodes);
    expect(result.years.reduce((a, y) => a + y.episodes, 0)).toBe(s.episodes);
    const episodeFatalities = result.episodes.reduce((a, e) => a + e.fatalities, 0);
    expect(episodeFatalities).toBeLessThanOrEqual(s.totalFatalities!);
    expect(s.fatalitiesWithPresence!).toBeLessThanOrEqual(s.totalFatalities!);
    expect(s.coverageShare!).toBeGreaterThanOrEqual(0);
    expect(s.coverageShare!).toBeLessThanOrEqual(1);
    for (const e of result.episodes) {
      expect(e.fatalities).toBeGreaterThanOrEqual(DEFAULT_LAG_PARAMS.theta);
      if (e.category === 'TOO_RECENT') {
        expect(e.onsetYear + DEFAULT_LAG_PARAMS.window).toBeGreaterThan(s.lastDataYear!);
      }
      if (e.lagYears !== null) expect(e.lagYears).toBeLessThanOrEqual(DEFAULT_LAG_PARAMS.window);
    }
    const flagged = result.episodes.filter((e) => e.flagged);
    expect(s.flaggedCells.reduce((a, c) => a + c.episodes, 0)).toBe(flagged.length);
    const csv = episodesToCsv(result.episodes, result.params, () => 'x')
      .trimEnd()
      .split('\n');
    expect(csv).toHaveLength(s.episodes + 1);
    const bins = result.responsiveness.nonstate.reduce((a, b) => a + b.cellYears, 0);
    expect(result.responsiveness.state.reduce((a, b) => a + b.cellYears, 0)).toBe(bins);
    console.log(
      'responsiveness (share of cell-years followed by enhanced presence, same or next year):\n' +
        (['nonstate', 'state'] as const)
          .map(
            (k) =>
              `  ${k.padEnd(8)} ` +
              result.responsiveness[k]
                .map((b) => `${b.label}: ${b.enhanced}/${b.cellYears}`)
                .join('  '),
          )
          .join('\n'),
    );
  });

  it('classifies MINUSCA base changes: first year all NEW, every base once per year', async () => {
    const { ds } = await minusca();
    const changes = missionChanges(ds, 'MINUSCA');
    const names = basesById(ds.bases);
    expect([...changes.keys()][0]).toBe(2014);
    expect(changes.get(2014)!.every((c) => c.kind === 'NEW')).toBe(true);
    for (const [year, list] of changes) {
      const present = ds.baseYears.filter((b) => b.mission === 'MINUSCA' && b.year === year);
      const before = ds.baseYears.filter((b) => b.mission === 'MINUSCA' && b.year === year - 1);
      const open = list.filter((c) => c.kind !== 'CLOSED').map((c) => c.baseId);
      expect(open.sort()).toEqual(present.map((b) => b.baseId).sort());
      const closed = list.filter((c) => c.kind === 'CLOSED').map((c) => c.baseId);
      const gone = before.filter((b) => !present.some((p) => p.baseId === b.baseId));
      expect(closed.sort()).toEqual(gone.map((b) => b.baseId).sort());
      for (const c of list) {
        if (c.kind === 'STRENGTHENED') expect(c.troopsAfter!).toBeGreaterThan(c.troopsBefore!);
        if (c.kind === 'REDUCED') expect(c.troopsAfter!).toBeLessThan(c.troopsBefore!);
      }
    }
    const y2017 = changes.get(2017)!;
    console.log(
      `MINUSCA 2017 changes ${JSON.stringify(countChanges(y2017))}; strengthened: ` +
        y2017
          .filter((c) => c.kind === 'STRENGTHENED')
          .map((c) => `${names.get(c.baseId)?.location} ${c.troopsBefore} → ${c.troopsAfter}`)
          .join(', '),
    );
    expect(y2017.some((c) => c.kind === 'STRENGTHENED')).toBe(true);
  });

  it('counts an increase once: Bouar strengthened in 2016 (maps 950, 1,100), not in 2017', async () => {
    const { ds } = await minusca();
    const front = frontMap();
    const bouar = (year: string) =>
      front
        .filter((r) => r.mission === 'MINUSCA' && r.location === 'Bouar' && r.year === year)
        .map((r) => Number(r.NoTroops));
    expect([bouar('2015'), bouar('2016'), bouar('2017')]).toEqual([[650], [950, 1100], [1100]]);
    const changes = missionChanges(ds, 'MINUSCA');
    const of = (year: number) => changes.get(year)!.find((c) => c.baseId === 'MINUSCA:bouar');
    expect(of(2016)).toMatchObject({ kind: 'STRENGTHENED', troopsBefore: 650, troopsAfter: 1100 });
    expect(of(2017)?.kind).toBe('UNCHANGED');
    // Every MINUSCA strengthening, independently from the raw rows: a location whose highest
    // NoTroops of year t exceeds its highest of t − 1.
    const highest = new Map<string, number>();
    for (const r of front) {
      if (r.mission !== 'MINUSCA' || r.NoTroops === 'NA') continue;
      const k = `${r.location}:${r.year}`;
      highest.set(k, Math.max(highest.get(k) ?? -1, Number(r.NoTroops)));
    }
    const expected: string[] = [];
    for (const [k, hi] of highest) {
      const [loc, y] = k.split(':') as [string, string];
      const before = highest.get(`${loc}:${Number(y) - 1}`);
      if (before !== undefined && hi > before) expected.push(`${y} ${loc}`);
    }
    const names = basesById(ds.bases);
    const actual = [...changes.values()]
      .flat()
      .filter((c) => c.kind === 'STRENGTHENED')
      .map((c) => `${c.year} ${names.get(c.baseId)?.location}`);
    expect(actual.sort()).toEqual(expected.sort());
    console.log(`MINUSCA strengthenings (highest map figure up): ${actual.length}`);
  });

  it('leaves out the country-level events by default (3 events, 121 killed, 2014–2015)', async () => {
    const { ds, result } = await minusca();
    // From the raw GED: CAR OSV events with where_prec 6 in the analysed years 2014–2022.
    const raw = gedRows().filter(
      (r) =>
        r.type_of_violence === '3' &&
        r.where_prec === '6' &&
        Number(r.year) >= 2014 &&
        Number(r.year) <= 2022,
    );
    const killed = raw.reduce((a, r) => a + Number(r.best), 0);
    expect([raw.length, killed]).toEqual([3, 121]);
    expect(result.summary.leftOut).toEqual({ events: raw.length, fatalities: killed });
    // With every precision kept, they form a NOT_RESPONDED episode on the country centroid
    // (7° N, 21° E), 8th by fatalities; by default it is gone.
    const centroid = gidOf(7, 21);
    const all = analyzeMission(ds, 'MINUSCA', { ...DEFAULT_LAG_PARAMS, precision: 7 });
    const at = all.episodes.findIndex((e) => e.gid === centroid && e.onsetYear === 2014);
    expect(at + 1).toBe(8);
    expect(all.episodes[at]).toMatchObject({ fatalities: 121, category: 'NOT_RESPONDED' });
    expect(result.episodes.some((e) => e.gid === centroid && e.onsetYear === 2014)).toBe(false);
    expect(all.summary.episodes).toBe(83);
    expect(result.summary.windows.text).toBe('responses sought 2014–2024; violence data 1989–2022');
  });

  it("the MINUSCA story's claims hold under these rules (computed from the raw files)", async () => {
    await minusca();
    const front = frontMap().filter((r) => r.mission === 'MINUSCA');
    const osv = gedRows().filter((r) => r.type_of_violence === '3');
    // 2014: the ten deadliest cells, and the cells of the first bases.
    const byCell = new Map<number, number>();
    for (const r of osv.filter((x) => x.year === '2014')) {
      const g = gidOf(Number(r.latitude), Number(r.longitude));
      byCell.set(g, (byCell.get(g) ?? 0) + Number(r.best));
    }
    const top10 = new Set(
      [...byCell.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([g]) => g),
    );
    const cellOf = (loc: string) => {
      const r = front.find((x) => x.year === '2014' && x.location === loc)!;
      return gidOf(Number(r.latitude), Number(r.longitude));
    };
    expect(['Bangui', 'Bambari', 'Bouar'].every((b) => top10.has(cellOf(b)))).toBe(true);
    expect(['Bossangoa', 'Kaga Bandoro'].some((b) => top10.has(cellOf(b)))).toBe(false);
    // Strengthenings (highest map figure up): 2017 only Bambari (650 → 800); 2018 Bambari,
    // Bangassou and Bangui.
    const highest = (loc: string, year: number) =>
      Math.max(
        ...front
          .filter((r) => r.location === loc && r.year === String(year) && r.NoTroops !== 'NA')
          .map((r) => Number(r.NoTroops)),
      );
    const strengthened = (year: number) =>
      [...new Set(front.filter((r) => r.year === String(year)).map((r) => r.location ?? ''))]
        .filter((loc) => highest(loc, year) > highest(loc, year - 1))
        .sort();
    expect(strengthened(2017)).toEqual(['Bambari']);
    expect([highest('Bambari', 2016), highest('Bambari', 2017)]).toEqual([650, 800]);
    expect(strengthened(2018)).toEqual(['Bambari', 'Bangassou', 'Bangui']);
    // 2021: killings by the host government, the most of the mission's years with data.
    const host = (year: number) =>
      osv
        .filter(
          (r) => r.year === String(year) && r.side_a === 'Government of Central African Republic',
        )
        .reduce((a, r) => a + Number(r.best), 0);
    const years = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022];
    expect(host(2021)).toBe(45);
    expect(Math.max(...years.map(host))).toBe(45);
  });
});
