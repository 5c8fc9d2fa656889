/**
 * The pooled lag analysis on a synthetic *global* GED release built through the real pipeline
 * (tests/fixtures/syntheticGed.ts: official column order, GED's spellings "DR Congo (Zaire)" and
 * "Ivory Coast", events around the Geo-PKO locations of every mission), issue 14 point 2:
 * the missions counted are exactly those with a location in the years (read from the FrontMap
 * text here, not from the dataset), the pooled figures are the sum of the single-mission runs,
 * the DR Congo and Ivory Coast missions are counted under GED's spellings, and a mission whose
 * country has no violence data is EXCLUDED, not counted as zero.
 */
import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalCountry } from '../../src/domain/countries';
import type { Dataset } from '../../src/domain/dataset';
import { DATASET_FILES, decodeDataset } from '../../src/domain/encoding';
import { analyzeMission, DEFAULT_LAG_PARAMS, RESPONSIVENESS_BINS } from '../../src/domain/lag';
import { analyzePooled, wilsonInterval } from '../../src/domain/lagPooled';
import { buildDataset } from '../../src/pipeline/build';
import {
  frontMapText,
  missionLocations,
  writeSyntheticSources,
  type MissionLocation,
} from '../fixtures/syntheticGed';

let tmp: string;
let ds: Dataset;
let locations: MissionLocation[];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'atlas-pooled-'));
  locations = missionLocations(frontMapText().text);
  const src = writeSyntheticSources(path.join(tmp, 'src'), { osvEvents: 4000 });
  const out = path.join(tmp, 'out');
  await buildDataset({ from: src.dir, outDir: out, quiet: true, threads: 1 });
  ds = decodeDataset(
    Object.fromEntries(
      DATASET_FILES.map((f) => [f, JSON.parse(readFileSync(path.join(out, f), 'utf8')) as unknown]),
    ),
  );
}, 180_000);
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Missions with a location in [from, to], from the FrontMap text itself. */
function activeMissions(from: number, to: number): string[] {
  const ids = new Set<string>();
  for (const l of locations) if (l.years.some((y) => y >= from && y <= to)) ids.add(l.mission);
  return [...ids].sort();
}

describe('pooled analysis over a synthetic global GED', () => {
  it('counts every mission with a location in 2012–2022 and excludes none (global GED)', () => {
    const r = analyzePooled(ds, DEFAULT_LAG_PARAMS, { from: 2012, to: 2022 });
    const expected = activeMissions(2012, 2022);
    expect(expected.length).toBeGreaterThan(5);
    expect(r.included.map((m) => m.mission)).toEqual(expected);
    expect(r.excluded).toEqual([]);
    expect(r.analysedSpan).toEqual([2012, 2022]);
    for (const e of r.episodes) {
      expect(e.onsetYear).toBeGreaterThanOrEqual(2012);
      expect(e.onsetYear).toBeLessThanOrEqual(2022);
    }
  });

  it('counts the DR Congo and Ivory Coast missions under GED’s spellings', () => {
    const r = analyzePooled(ds, DEFAULT_LAG_PARAMS, { from: 2012, to: 2016 });
    const of = (id: string) => r.included.find((m) => m.mission === id);
    expect(canonicalCountry('DR Congo (Zaire)')).toBe(canonicalCountry('DRC'));
    // Every mission-country-year got at least one OSV event (the generator's coverage pass).
    expect(of('MONUSCO')?.totalFatalities).toBeGreaterThan(0);
    expect(of('UNOCI')?.totalFatalities).toBeGreaterThan(0);
    expect(of('MONUSCO')?.missing).toEqual([]);
  });

  it('equals the sum of the single-mission runs over all years', () => {
    const r = analyzePooled(ds, DEFAULT_LAG_PARAMS);
    const singles = r.included.map((m) => analyzeMission(ds, m.mission, DEFAULT_LAG_PARAMS));
    expect(r.episodes.length).toBe(singles.reduce((s, x) => s + x.episodes.length, 0));
    expect(new Set(r.episodes.map((e) => `${e.mission}:${e.id}`)).size).toBe(r.episodes.length);
    expect(r.figures.totalFatalities).toBe(
      singles.reduce((s, x) => s + (x.summary.totalFatalities ?? 0), 0),
    );
    for (const series of ['state', 'nonstate'] as const) {
      RESPONSIVENESS_BINS.forEach((_, i) => {
        const bin = r.responsiveness[series][i]!;
        expect(bin.cellYears).toBe(singles.reduce((s, x) => s + x.responsiveness[series][i]!.cellYears, 0)); // prettier-ignore
        expect(bin.enhanced).toBe(singles.reduce((s, x) => s + x.responsiveness[series][i]!.enhanced, 0)); // prettier-ignore
        const ci = wilsonInterval(bin.enhanced, bin.cellYears);
        if (bin.cellYears === 0) expect(ci).toBeNull();
        else {
          expect(ci!.low).toBeLessThanOrEqual(bin.share!);
          expect(ci!.high).toBeGreaterThanOrEqual(bin.share!);
        }
      });
    }
    expect(r.responsiveness.nonstate.some((b) => b.min > 0 && b.cellYears > 0)).toBe(true);
  });

  it('lists a mission whose host country has no violence data as EXCLUDED, never zero', () => {
    // Every country MONUSCO has a location in (the DR Congo, and Uganda for Entebbe) left out.
    const hosts = new Set(ds.bases.filter((b) => b.mission === 'MONUSCO').map((b) => b.country));
    expect(hosts.has(canonicalCountry('DRC'))).toBe(true);
    const covered = ds.coverage.countries.filter((c) => !hosts.has(c));
    const partial: Dataset = { ...ds, coverage: { ...ds.coverage, scope: 'countries', countries: covered } }; // prettier-ignore
    const r = analyzePooled(partial, DEFAULT_LAG_PARAMS, { from: 2012, to: 2022 });
    const monusco = r.excluded.find((m) => m.mission === 'MONUSCO');
    expect(monusco).toBeDefined();
    expect(monusco!.totalFatalities).toBeNull();
    expect(new Set(monusco!.missing.map((c) => c.country))).toEqual(hosts);
    expect(r.included.some((m) => m.mission === 'MONUSCO')).toBe(false);
    expect(r.episodes.some((e) => e.mission === 'MONUSCO')).toBe(false);
    const full = analyzePooled(ds, DEFAULT_LAG_PARAMS, { from: 2012, to: 2022 });
    // The pooled total is the included missions' totals; without those countries it is less.
    const perMission = full.included.reduce((s, m) => s + (m.totalFatalities ?? 0), 0);
    expect(full.figures.totalFatalities).toBe(perMission);
    expect(r.figures.totalFatalities!).toBeLessThan(full.figures.totalFatalities!);
  });
});
