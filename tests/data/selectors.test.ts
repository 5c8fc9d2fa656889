import { describe, expect, it } from 'vitest';
import {
  buildSearchIndex,
  createSelectors,
  foldForSearch,
  missionSlots,
  searchEntries,
  searchMatch,
} from '../../src/data/selectors';
import { atlasData } from '../../src/data/atlasData';
import { memoize } from '../../src/data/memo';
import { cellCentroid } from '../../src/domain/grid';
import { base, baseYear, carCell, cellYear, coverage, dataset } from '../fixtures/factories';

const bangui = base({ location: 'Bangui', gid: carCell(0, 0) });
const next = base({ location: 'Bimbo', gid: carCell(1, 1) });
const far = base({ location: 'Bria', gid: carCell(5, 5) });
const juba = base({
  location: 'Juba',
  mission: 'UNMISS',
  country: 'South Sudan',
  gid: carCell(2, 25),
});
const ds = dataset({
  bases: [bangui, next, far, juba],
  baseYears: [
    baseYear(bangui, 2014, { troops: 1000 }),
    baseYear(bangui, 2015, { troops: 1500, hq: 3 }),
    baseYear(next, 2015, { troops: 200 }),
    baseYear(far, 2015, { troops: 100 }),
    baseYear(juba, 2015, { troops: 3000 }),
  ],
  cellYears: [
    cellYear({ gid: carCell(0, 0), year: 2015, state: 4, nonstate: 10 }),
    cellYear({ gid: carCell(3, 3), year: 2015, state: 0, nonstate: 7 }),
    cellYear({ gid: carCell(0, 0), year: 2014, state: 2, nonstate: 0 }),
    cellYear({ gid: carCell(2, 25), year: 2015, country: 'South Sudan', nonstate: 50 }),
  ],
  coverage: coverage({ years: [1989, 2022], countries: ['Central African Republic'] }),
});
const sel = createSelectors(ds);

describe('selectors', () => {
  it('cellsOf filters by year, perpetrator and country, and memoizes', () => {
    const car = ['Central African Republic'];
    const all = sel.cellsOf(2015, 'all', car);
    expect(all.map((c) => c.value).sort((a, b) => a - b)).toEqual([7, 14]);
    expect(sel.cellsOf(2015, 'state', car).map((c) => c.value)).toEqual([4]);
    expect(sel.cellsOf(2015, 'all', [...car])).toBe(all);
    expect(sel.cellsOf(2015, 'all', ['South Sudan']).map((c) => c.value)).toEqual([50]);
  });

  it('basesOf / basesOfYear', () => {
    expect(
      sel
        .basesOf('MINUSCA', 2015)
        .map((v) => v.base.location)
        .sort(),
    ).toEqual(['Bangui', 'Bimbo', 'Bria']);
    expect(sel.basesOfYear(2015)).toHaveLength(4);
    expect(sel.basesOf('MINUSCA', 2014)).toHaveLength(1);
  });

  it('missionCoverage separates host countries with and without violence data', () => {
    expect(sel.missionCoverage('MINUSCA', 2015)).toEqual({
      covered: ['Central African Republic'],
      missing: [],
    });
    expect(sel.missionCoverage('UNMISS', 2015)).toEqual({ covered: [], missing: ['South Sudan'] });
    expect(sel.missionCoverage('MINUSCA', 2023).missing).toEqual(['Central African Republic']);
  });

  it('cellDetails lists bases inside and within one ring', () => {
    const d = sel.cellDetails(carCell(0, 0), 2015, 'MINUSCA');
    expect(d.cell?.osv.best).toBe(14);
    expect(d.hasData).toBe(true);
    expect(d.inside.map((v) => v.base.location)).toEqual(['Bangui']);
    expect(d.near.map((v) => v.base.location)).toEqual(['Bimbo']);
    const empty = sel.cellDetails(carCell(5, 5), 2015, 'MINUSCA');
    expect(empty.cell).toBeNull();
    expect(empty.hasData).toBe(true);
    expect(empty.inside.map((v) => v.base.location)).toEqual(['Bria']);
  });

  it('cellDetails says when the country has no violence data', () => {
    const d = sel.cellDetails(carCell(2, 25), 2015, 'UNMISS');
    expect(d.country).toBe('South Sudan');
    expect(d.hasData).toBe(false);
  });

  it('baseDetails gives the change since the previous year', () => {
    const b = sel.baseDetails(bangui.id, 2015)!;
    expect(b.by?.troops).toBe(1500);
    expect(b.change).toMatchObject({
      kind: 'STRENGTHENED',
      troopsBefore: 1000,
      troopsAfter: 1500,
      delta: 500,
    });
    expect(b.years).toEqual([2014, 2015]);
    expect(sel.baseDetails(next.id, 2015)!.change?.kind).toBe('NEW');
    expect(sel.baseDetails(bangui.id, 2016)!.change?.kind).toBe('CLOSED');
    expect(sel.baseDetails('nope', 2015)).toBeNull();
  });

  it('yearSummary totals fatalities (null without data) and troops', () => {
    expect(sel.yearSummary('MINUSCA', 2015, 'all')).toEqual({
      fatalities: 21,
      cells: 2,
      bases: 3,
      troops: 1800,
      unknownTroops: 0,
    });
    expect(sel.yearSummary('UNMISS', 2015, 'all').fatalities).toBeNull();
  });
});

describe('search', () => {
  const index = buildSearchIndex(
    [
      {
        name: 'Bangui',
        lon: 18.55,
        lat: 4.36,
        population: 600000,
        country: 'Central African Republic',
      },
      {
        name: 'Bambari',
        lon: 20.67,
        lat: 5.76,
        population: 40000,
        country: 'Central African Republic',
      },
      {
        name: 'Bangassou',
        lon: 22.8,
        lat: 4.74,
        population: 30000,
        country: 'Central African Republic',
      },
    ],
    ds,
  );

  it('finds towns and bases by prefix, accent- and case-insensitively', () => {
    const r = searchEntries(index, 'BANG');
    expect(r[0]).toMatchObject({ kind: 'base', name: 'Bangui' });
    expect(r.map((e) => e.name)).toEqual(['Bangui', 'Bangui', 'Bangassou']);
    expect(searchEntries(index, 'bámbari').map((e) => e.name)).toEqual(['Bambari']);
    expect(searchEntries(index, '   ')).toEqual([]);
    expect(searchEntries(index, 'a', 2)).toHaveLength(2);
  });
});

describe('search: hyphens, spaces, accents, cells', () => {
  const kaga = base({ location: 'Kaga Bandoro', gid: carCell(4, 0) });
  const birao = base({ location: 'Birao', mission: 'MINURCAT', country: 'Chad' });
  const ds2 = dataset({
    bases: [kaga, birao],
    baseYears: [baseYear(kaga, 2015, { troops: 500 }), baseYear(birao, 2009, { troops: 300 })],
    cellYears: [
      cellYear({ gid: 136487, year: 2015, state: 0, nonstate: 100 }),
      cellYear({ gid: 136487, year: 2016, state: 10, nonstate: 0 }),
      cellYear({ gid: 136488, year: 2016, state: 0, nonstate: 20 }),
    ],
  });
  const names: Record<number, string> = {
    136487: '48 km E of Bangassou',
    136488: 'Ndélé',
  };
  const index = buildSearchIndex(
    [{ name: 'Ndélé', lon: 20.65, lat: 8.41, population: 11000, country: 'CAR' }],
    ds2,
    (gid) => ({ name: names[gid] ?? `Cell ${gid}`, id: `cell ${gid}` }),
  );

  it('folds hyphens, apostrophes and runs of spaces to one space', () => {
    expect(foldForSearch('  Kaga-Bandoro ')).toBe('kaga bandoro');
    expect(foldForSearch('Kaga – Bandoro')).toBe('kaga bandoro');
    expect(foldForSearch("N'Délé")).toBe('n dele');
  });

  it('matches ignoring word separators: 2 at the start, 1 at a later word, 0 inside', () => {
    expect(searchMatch('kaga bandoro', 'kagabandoro')).toBe(2);
    expect(searchMatch('kaga bandoro', 'bando')).toBe(1);
    expect(searchMatch('kaga bandoro', 'aband')).toBe(0);
    expect(searchMatch('kaga bandoro', 'bria')).toBe(-1);
    expect(searchMatch('kaga bandoro', ' ')).toBe(-1);
  });

  it('finds "Kaga-Bandoro", "kaga bandoro" and "KagaBandoro" for the base "Kaga Bandoro"', () => {
    for (const q of ['Kaga-Bandoro', 'kaga bandoro', 'KagaBandoro', 'kaga-band'])
      expect(searchEntries(index, q).map((e) => e.key)).toEqual([`base:${kaga.id}`]);
  });

  it('finds a cell by its id and by its name; towns come before cells of the same name', () => {
    const byId = searchEntries(index, '136487');
    expect(byId).toHaveLength(1);
    expect(byId[0]).toMatchObject({
      kind: 'cell',
      gid: 136487,
      name: '48 km E of Bangassou',
      detail: 'cell 136487 · Central African Republic',
      // Civilians killed over all years: 100 (2015) + 10 (2016).
      weight: 110,
    });
    expect(searchEntries(index, 'bangassou').map((e) => e.gid)).toEqual([136487]);
    expect(searchEntries(index, 'ndele').map((e) => e.kind)).toEqual(['town', 'cell']);
    // Prefix of an id: both cells.
    expect(searchEntries(index, '13648').map((e) => e.gid)).toEqual([136487, 136488]);
  });

  it("ranks the shown mission's base first (Birao: MINUSCA's before MINURCAT's)", () => {
    const own = base({ location: 'Birao', mission: 'MINUSCA' });
    const idx = buildSearchIndex(
      [],
      dataset({
        bases: [birao, own],
        // MINURCAT's Birao had more troops: without the mission it comes first.
        baseYears: [baseYear(birao, 2009, { troops: 300 }), baseYear(own, 2017, { troops: 100 })],
      }),
    );
    expect(searchEntries(idx, 'birao').map((e) => e.mission)).toEqual(['MINURCAT', 'MINUSCA']);
    expect(searchEntries(idx, 'birao', 8, 'MINUSCA').map((e) => e.mission)).toEqual([
      'MINUSCA',
      'MINURCAT',
    ]);
  });

  it('a cell result resolves to a selection of the cell; a base to its mission and years', () => {
    const sel = createSelectors(ds2);
    const cell = searchEntries(index, '136488')[0]!;
    expect(sel.searchPick(cell)).toMatchObject({ gid: 136488 });
    const b = searchEntries(index, 'birao')[0]!;
    expect(b.mission).toBe('MINURCAT');
    expect(sel.searchPick(b)).toMatchObject({ base: { mission: 'MINURCAT', years: [2009] } });
  });
});

describe('memoize', () => {
  it('returns the cached value for equal arguments and evicts the oldest', () => {
    let calls = 0;
    const f = memoize((a: number, b: string) => ({ v: `${a}${b}`, n: ++calls }), 2);
    const x = f(1, 'a');
    expect(f(1, 'a')).toBe(x);
    f(2, 'a');
    f(3, 'a');
    expect(f(1, 'a')).not.toBe(x);
    expect(calls).toBe(4);
  });
});

describe('cellDetails: the year before', () => {
  const sel = createSelectors(ds);
  it('carries the cell-year of the year before and whether its violence data is loaded', () => {
    const d = sel.cellDetails(carCell(0, 0), 2015, 'MINUSCA');
    expect(d.previous.year).toBe(2014);
    expect(d.previous.cell?.osv.best).toBe(2);
    expect(d.previous.hasData).toBe(true);
    // Nothing recorded in 2014 in this cell: null with data loaded (a true zero).
    expect(sel.cellDetails(carCell(3, 3), 2015, 'MINUSCA').previous).toEqual({
      year: 2014,
      cell: null,
      hasData: true,
    });
    // 1988 is before the GED coverage (1989–2022): not loaded.
    expect(sel.cellDetails(carCell(0, 0), 1989, 'MINUSCA').previous.hasData).toBe(false);
  });
});

describe('mission colour slots', () => {
  const m = (id: string, bbox: [number, number, number, number]) => ({ id, bbox });
  it('gives missions that can be drawn together different slots, fixed for the dataset', () => {
    // A and B overlap; C is 5° from B (within 3 + 3 of widening) but 15° from A; D is far away.
    // A–C share neighbour B, so they conflict too.
    const slots = missionSlots([
      m('C', [20, 0, 22, 2]),
      m('A', [0, 0, 10, 2]),
      m('B', [9, 0, 15, 2]),
      m('D', [100, 50, 101, 51]),
    ]);
    // Greedy in id order: A 0, B 1 (conflicts A), C 2 (conflicts B and, via B, A), D 0.
    expect(Object.fromEntries(slots)).toEqual({ A: 0, B: 1, C: 2, D: 0 });
  });
});

describe('cell areas (GED adm_1) name cells', () => {
  const g = 136487;
  const ds3 = dataset({
    cellYears: [
      cellYear({ gid: g, year: 2014, nonstate: 1, region: 'Mbomou province' }),
      cellYear({ gid: g, year: 2015, nonstate: 1, region: 'Basse-Kotto province' }),
      cellYear({ gid: g, year: 2016, nonstate: 1, region: 'Mbomou province' }),
      cellYear({ gid: g, year: 2017, nonstate: 1, region: null }),
      cellYear({ gid: g + 1, year: 2017, nonstate: 1, region: 'Ouaka province' }),
      cellYear({ gid: g + 1, year: 2018, nonstate: 1, region: 'Kémo province' }),
    ],
  });
  const sel = createSelectors(ds3);

  it("a cell's area is the one most of its cell-years name; a tie goes to the later year", () => {
    // Mbomou 2 cell-years, Basse-Kotto 1.
    expect(sel.cellRegion(g)).toBe('Mbomou province');
    // Ouaka 2017 and Kémo 2018: one each, the later year's wins.
    expect(sel.cellRegion(g + 1)).toBe('Kémo province');
    expect(sel.cellRegion(g + 2)).toBeNull();
  });

  it('the app names the cell by its nearest town and its area, the id after', () => {
    const [lon, lat] = cellCentroid(g);
    const data = atlasData(ds3, [
      { name: 'Bangassou', lon: lon - 0.5, lat, population: 30000, country: 'CAR' },
    ]);
    const n = data.cellName(g);
    expect(n.region).toBe('Mbomou province');
    expect(n.full).toMatch(/^5\d km E of Bangassou, Mbomou province — cell 136487$/);
    // Searching the area finds the cell.
    expect(searchEntries(data.searchIndex(), 'mbomou').map((e) => e.gid)).toEqual([g]);
  });
});
