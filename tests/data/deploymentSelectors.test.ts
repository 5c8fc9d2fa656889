import { describe, expect, it } from 'vitest';
import { createDeploymentSelectors } from '../../src/data/deploymentSelectors';
import { createSelectors } from '../../src/data/selectors';
import { base, baseMonth, baseYear, carCell, cellYear, dataset } from '../fixtures/factories';

const bangui = base({ location: 'Bangui', gid: carCell(0, 0) });
const bria = base({ location: 'Bria', gid: carCell(3, 3) });
const juba = base({
  location: 'Juba',
  mission: 'UNMISS',
  country: 'South Sudan',
  gid: carCell(2, 25),
});
const ds = dataset({
  bases: [bangui, bria, juba],
  baseYears: [
    baseYear(bangui, 2015, {
      troops: 1500,
      unpol: true,
      units: ['Infantry', 'Medical'],
      tcc: ['Nepal (900)', 'Pakistan (size unknown)'],
      tccCount: 2,
    }),
    baseYear(bria, 2015, {
      troops: null,
      unmo: true,
      units: ['Medical'],
      tcc: ['Nepal (100)', 'Pakistan (600)'],
    }),
    baseYear(bangui, 2016, { troops: 1200, units: ['Infantry'], tcc: ['Nepal (1200)'] }),
    baseYear(juba, 2015, { troops: 0, unpol: true, unmo: true }),
  ],
  baseMonths: [
    baseMonth(bangui, 2015, 3, 1400, {
      tcc: ['Nepal (900)', 'Bangladesh (size unknown)'],
      tccCount: 2,
    }),
    baseMonth(bria, 2015, 3, null),
    baseMonth(bangui, 2015, 9, 1600),
  ],
});
const dep = createDeploymentSelectors(createSelectors(ds));

describe('deployment explorer selectors', () => {
  it('lists the missions active in a year and their totals (unknown troops counted apart)', () => {
    expect(dep.activeMissions(2015)).toEqual(['MINUSCA', 'UNMISS']);
    expect(dep.activeMissions(2016)).toEqual(['MINUSCA']);
    const [minusca, unmiss] = dep.missionRows(2015);
    // Bangui 1500 + Bria unknown; police at Bangui, observers at Bria.
    expect(minusca).toEqual({
      id: 'MINUSCA',
      missions: 1,
      bases: 2,
      troops: 1500,
      unknownTroops: 1,
      unpolSites: 1,
      unmoSites: 1,
    });
    expect(unmiss).toMatchObject({ troops: 0, unknownTroops: 0, unpolSites: 1, unmoSites: 1 });
  });

  it('gives the World view the bases of the chosen missions (none chosen: all)', () => {
    expect(
      dep
        .worldBases(2015, [])
        .map((v) => v.base.location)
        .sort(),
    ).toEqual(['Bangui', 'Bria', 'Juba']);
    expect(dep.worldBases(2015, ['UNMISS']).map((v) => v.base.location)).toEqual(['Juba']);
  });

  it('sums troops per contributing country over the mission’s sites, by year', () => {
    // 2015: Nepal 900 + 100 = 1000 at 2 sites; Pakistan 600 known + 1 site of unknown size.
    expect(dep.countriesOf('MINUSCA', 2015)).toEqual([
      { country: 'Nepal', troops: 1000, locations: 2, unknownAt: 0 },
      { country: 'Pakistan', troops: 600, locations: 2, unknownAt: 1 },
    ]);
    expect(dep.countriesByYear('MINUSCA').map((r) => [r.year, r.country, r.troops])).toEqual([
      [2015, 'Nepal', 1000],
      [2015, 'Pakistan', 600],
      [2016, 'Nepal', 1200],
    ]);
  });

  it('sums troops by unit type per year (unknown troops are not 0)', () => {
    // 2015: Infantry at Bangui (1500); Medical at Bangui (1500) and Bria (unknown) → 1500, 2 sites.
    expect(dep.composition('MINUSCA').filter((r) => r.year === 2015)).toEqual([
      { year: 2015, unit: 'Infantry', troops: 1500, bases: 1 },
      { year: 2015, unit: 'Medical', troops: 1500, bases: 2 },
    ]);
  });

  it('lists the months with map-level records and a map’s locations', () => {
    expect(dep.mapMonths('MINUSCA')).toEqual(['2015-03', '2015-09']);
    expect(dep.mapMonths('UNMISS')).toEqual([]);
    expect(dep.mapLocations('MINUSCA', '2015-03')).toEqual([
      {
        baseId: bangui.id,
        location: 'Bangui',
        troops: 1400,
        contributors: ['Nepal (900)', 'Bangladesh (size unknown)'],
        tccCount: 2,
      },
      { baseId: bria.id, location: 'Bria', troops: null, contributors: [], tccCount: null },
    ]);
    // Per country on that map: the map's own entries (Bria names none); Nepal's 900, and
    // Bangladesh listed once without a size (unknown, not 0).
    expect(dep.countriesOfMap('MINUSCA', '2015-03')).toEqual([
      { country: 'Nepal', troops: 900, locations: 1, unknownAt: 0 },
      { country: 'Bangladesh', troops: null, locations: 1, unknownAt: 1 },
    ]);
    expect(dep.countriesOfMap('MINUSCA', '2015-09')).toEqual([]);
  });

  it('gives the World view’s year figures: violence only where loaded, each host country once', () => {
    // Two missions in the Central African Republic (data loaded) and one in South Sudan (not).
    const kaga = base({ location: 'Kaga', mission: 'MINURCAT', gid: carCell(1, 1) });
    const w = createDeploymentSelectors(
      createSelectors(
        dataset({
          bases: [bangui, bria, juba, kaga],
          baseYears: [
            baseYear(bangui, 2015, { troops: 1500, unpol: true }),
            baseYear(bria, 2015, { troops: null, unmo: true }),
            baseYear(kaga, 2015, { troops: 300 }),
            baseYear(juba, 2015, { troops: 700, unpol: true, unmo: true }),
          ],
          cellYears: [
            cellYear({ gid: carCell(0, 0), year: 2015, state: 10, nonstate: 5 }),
            cellYear({ gid: carCell(5, 5), year: 2015, state: 0, nonstate: 4 }),
            cellYear({ gid: carCell(0, 0), year: 2016, state: 99 }),
            cellYear({ gid: carCell(2, 25), year: 2015, country: 'South Sudan', state: 50 }),
          ],
        }),
      ),
    );
    // Every mission: 1500 + 300 + 700 known troops, Bria unknown; CAR counted once: 10 + 5 + 4;
    // South Sudan's cell is not loaded (coverage lists CAR only), so not in the figure, not zero.
    expect(w.worldSummary(2015, [], 'all')).toEqual({
      year: 2015,
      missions: 3,
      bases: 4,
      troops: 2500,
      unknownTroops: 1,
      unpolSites: 2,
      unmoSites: 2,
      fatalities: 19,
      cells: 2,
      covered: ['Central African Republic'],
      missing: ['South Sudan'],
    });
    expect(w.worldSummary(2015, ['MINUSCA'], 'state')).toMatchObject({
      missions: 1,
      troops: 1500,
      fatalities: 10,
      cells: 1,
    });
    // Only a mission whose host country has no violence data: "not loaded" (null), never 0.
    expect(w.worldSummary(2015, ['UNMISS'], 'all')).toMatchObject({
      missions: 1,
      bases: 1,
      troops: 700,
      fatalities: null,
      cells: 0,
      covered: [],
      missing: ['South Sudan'],
    });
    // The World chart: the same figures per year, in a mission's totals' shape.
    expect(w.worldTotals([], 'all')).toEqual([
      {
        year: 2015,
        osv: 19,
        missingCountries: ['South Sudan'],
        troops: 2500,
        bases: 4,
        unknownTroopBases: 1,
      },
    ]);
  });
});
