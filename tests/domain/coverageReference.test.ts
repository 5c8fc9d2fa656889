/**
 * The fast coverage path (event groups per year, batched k-d tree queries, typed-array results)
 * against a straightforward reference written here from the definitions alone: for each event, a
 * scan of that year's troop bases with turf's `distance`, and the yearly sums by hand. Seeded
 * random fixture: ~2,000 events over two host countries and one other, a mission with years of
 * few bases (a single leaf) and of many (a tree), moved bases, unknown and zero troop figures,
 * bases sharing a site (exact ties), events on a base and in the what-if's history years.
 */
import { distance, point } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/prng';
import {
  coverageByYear,
  missionEventDistances,
  type CoverageParams,
  type OsvEvent,
} from '../../src/domain/coverage';
import type { BaseYear, Coverage, PerpetratorFilter } from '../../src/domain/dataset';
import { base, baseYear, mission } from '../fixtures/factories';
import { osvEvent } from '../fixtures/events';

const rand = mulberry32(20261202);
const between = (lo: number, hi: number): number => lo + rand() * (hi - lo);
const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

const HOSTS = ['Atlantis', 'Borduria'];
const FIRST = 2010;
const LAST = 2016;
const HISTORY = 5;

// Bases: 150 sites (every tenth shares the previous site: exact ties); in each year a random
// subset has troops (few in 2011 and 2014, so that the index is one leaf), some move, some have an
// unknown (NA) or zero figure.
const sites = Array.from({ length: 150 }, (_, i) =>
  base({
    location: `site${i}`,
    mission: 'M',
    lon: round4(between(10, 30)),
    lat: round4(between(-8, 12)),
  }),
);
for (let i = 10; i < sites.length; i += 10)
  sites[i] = { ...sites[i]!, lon: sites[i - 1]!.lon, lat: sites[i - 1]!.lat };
const baseYears: BaseYear[] = [];
for (let year = FIRST; year <= LAST; year++) {
  const share = year === 2011 || year === 2014 ? 0.04 : 0.7;
  for (const s of sites) {
    if (rand() > share) continue;
    const r = rand();
    const troops = r < 0.08 ? null : r < 0.15 ? 0 : 1 + Math.floor(rand() * 800);
    const moved = rand() < 0.2;
    baseYears.push(
      baseYear(s, year, {
        troops,
        lon: moved ? round4(s.lon + between(-0.5, 0.5)) : s.lon,
        lat: moved ? round4(s.lat + between(-0.5, 0.5)) : s.lat,
      }),
    );
  }
}
const m = mission('M', sites, baseYears, { countries: HOSTS });

// Events: from before the history to after the mission, in the hosts and elsewhere; one in twenty
// stands on a base of its year.
const events: OsvEvent[] = Array.from({ length: 2000 }, () => {
  const year = FIRST - HISTORY - 1 + Math.floor(rand() * (LAST - FIRST + HISTORY + 3));
  const onBase = baseYears.filter((b) => b.year === year);
  const at =
    rand() < 0.05 && onBase.length > 0
      ? onBase[Math.floor(rand() * onBase.length)]!
      : { lon: round4(between(8, 32)), lat: round4(between(-10, 14)) };
  const best = Math.floor(rand() * 40);
  return osvEvent({
    year,
    lon: at.lon,
    lat: at.lat,
    best,
    low: Math.floor(best * rand()),
    high: best + Math.floor(rand() * 20),
    perpetrator: rand() < 0.5 ? 'state' : 'nonstate',
    foreign: rand() < 0.2,
    wherePrec: 1 + Math.floor(rand() * 7),
    country: rand() < 0.1 ? 'Elsewhere' : HOSTS[Math.floor(rand() * HOSTS.length)]!,
  });
});

// Violence data for Atlantis only, 2008–2015: Borduria is missing, 2016 has none at all.
const cov: Coverage = {
  gedVersions: ['test'],
  years: [2008, 2015],
  scope: 'countries',
  countries: ['Atlantis'],
};

/** The reference distances: every base of the year scanned with turf; ties to the first listed. */
function referenceDistances() {
  const out: { index: number; km: number | null; baseId: string | null }[] = [];
  events.forEach((e, index) => {
    if (!HOSTS.includes(e.country) || e.year < FIRST - HISTORY || e.year > LAST) return;
    let km: number | null = null;
    let baseId: string | null = null;
    for (const b of baseYears) {
      if (b.mission !== 'M' || b.year !== e.year || b.troops === null || b.troops <= 0) continue;
      const d = distance(point([e.lon, e.lat]), point([b.lon, b.lat]), { units: 'kilometers' });
      if (km === null || d < km) {
        km = d;
        baseId = b.baseId;
      }
    }
    out.push({ index, km, baseId });
  });
  return out;
}

/** The reference yearly figures, summed by hand from the reference distances. */
function referenceYears(p: CoverageParams) {
  const dist = referenceDistances();
  const rows = [];
  for (let year = FIRST; year <= LAST; year++) {
    const data = (c: string) => year >= 2008 && year <= 2015 && c === 'Atlantis';
    const hasData = HOSTS.some(data);
    const sum = { best: 0, low: 0, high: 0, bestIn: 0, lowIn: 0, highIn: 0, n: 0, nIn: 0, imp: 0 };
    for (const d of dist) {
      const e = events[d.index]!;
      if (e.year !== year || !data(e.country)) continue;
      const perp: Record<PerpetratorFilter, boolean> = {
        all: true,
        state: e.perpetrator === 'state',
        nonstate: e.perpetrator === 'nonstate',
        host: e.perpetrator === 'state' && !e.foreign,
        foreign: e.perpetrator === 'state' && e.foreign,
      };
      if (!perp[p.perpetrator]) continue;
      if (e.wherePrec > p.precision) {
        sum.imp++;
        continue;
      }
      sum.best += e.best;
      sum.low += e.low;
      sum.high += e.high;
      sum.n++;
      if (d.km !== null && d.km <= p.km) {
        sum.bestIn += e.best;
        sum.lowIn += e.low;
        sum.highIn += e.high;
        sum.nIn++;
      }
    }
    const share = (a: number, b: number) => (hasData && b > 0 ? a / b : null);
    const ofYear = baseYears.filter((b) => b.year === year);
    rows.push({
      year,
      hasData,
      missingCountries: HOSTS.filter((c) => !data(c)),
      deaths: hasData ? { best: sum.best, low: sum.low, high: sum.high } : null,
      within: hasData ? { best: sum.bestIn, low: sum.lowIn, high: sum.highIn } : null,
      share: share(sum.bestIn, sum.best),
      shareLow: share(sum.lowIn, sum.low),
      shareHigh: share(sum.highIn, sum.high),
      events: hasData ? sum.n : null,
      eventsWithin: hasData ? sum.nIn : null,
      troopBases: ofYear.filter((b) => b.troops !== null && b.troops > 0).length,
      unknownTroopBases: ofYear.filter((b) => b.troops === null).length,
      imprecise: hasData ? sum.imp : null,
    });
  }
  return rows;
}

describe('coverage fast path against a turf reference (seeded random fixture)', () => {
  const fast = missionEventDistances(events, baseYears, m, HISTORY);

  it('the fixture has what it is meant to test', () => {
    const ref = referenceDistances();
    expect(ref.filter((d) => d.km === 0).length).toBeGreaterThan(10);
    expect(ref.filter((d) => d.km === null).length).toBeGreaterThan(100);
    const perYear = (y: number) => baseYears.filter((b) => b.year === y && (b.troops ?? 0) > 0);
    expect(perYear(2011).length).toBeLessThanOrEqual(8);
    expect(perYear(2012).length).toBeGreaterThan(60);
  });

  it('gives every event the reference’s nearest troop base and turf distance, bit for bit', () => {
    expect(fast.map((d) => ({ index: d.index, km: d.km, baseId: d.baseId }))).toEqual(
      referenceDistances(),
    );
    expect(fast.every((d) => d.event === events[d.index])).toBe(true);
  });

  it('gives the reference’s deaths, counts and shares for every year', () => {
    // X at a counted event's exact distance too (the boundary counts as within).
    const edge = fast.find(
      ({ km, event: e }) =>
        km !== null &&
        km > 20 &&
        e.year === 2013 &&
        e.country === 'Atlantis' &&
        e.perpetrator === 'nonstate' &&
        e.wherePrec <= 5,
    )!.km!;
    for (const p of [
      { km: 50, perpetrator: 'all', precision: 5 },
      { km: 10, perpetrator: 'state', precision: 3 },
      { km: 200, perpetrator: 'host', precision: 7 },
      { km: edge, perpetrator: 'nonstate', precision: 5 },
    ] as CoverageParams[]) {
      expect(coverageByYear(fast, baseYears, m, cov, p)).toEqual(referenceYears(p));
    }
  });
});
