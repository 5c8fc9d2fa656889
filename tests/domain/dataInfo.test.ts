import { describe, expect, it } from 'vitest';
import type { CellMonth } from '../../src/domain/dataset';
import { decodeDataInfo, demoInfo, demoSubset } from '../../src/domain/dataInfo';
import { base, baseYear, cellYear, coverage, dataset } from '../fixtures/factories';

const CAR = 'Central African Republic';

/** A cell-month: the demo cut reads only its cell and year. */
function cellMonth(gid: number, year: number, month: number): CellMonth {
  return { gid, year, month, osvBest: 1, osvStateBest: 0, osvNonStateBest: 1 } as CellMonth;
}

/** MINUSCA (CAR), MINURCAT (CAR and Chad), UNMISS (South Sudan); cells in CAR and Chad. */
function world() {
  const bangui = base({ location: 'Bangui', mission: 'MINUSCA' });
  const abeche = base({ location: 'Abeche', mission: 'MINURCAT', country: 'Chad', gid: 150_000 });
  const birao = base({ location: 'Birao', mission: 'MINURCAT', gid: 151_000 });
  const juba = base({ location: 'Juba', mission: 'UNMISS', country: 'South Sudan', gid: 130_000 });
  const baseYears = [
    baseYear(bangui, 2015),
    baseYear(abeche, 2009),
    baseYear(birao, 2009),
    baseYear(juba, 2015),
  ];
  const ds = dataset({
    bases: [bangui, abeche, birao, juba],
    baseYears,
    baseMonths: baseYears.map((b) => ({
      baseId: b.baseId,
      mission: b.mission,
      year: b.year,
      month: 1,
      troops: 100,
      tcc: [],
      tccCount: null,
    })),
    cellYears: [
      cellYear({ gid: 100, year: 2015, country: CAR, nonstate: 4 }),
      cellYear({ gid: 100, year: 2016, country: CAR, nonstate: 2 }),
      cellYear({ gid: 200, year: 2015, country: 'Chad', nonstate: 7 }),
    ],
    cellMonths: [cellMonth(100, 2015, 3), cellMonth(100, 2016, 5), cellMonth(200, 2015, 3)],
    coverage: coverage({ scope: 'global', countries: [CAR, 'Chad', 'South Sudan'] }),
  });
  // MINURCAT's hosts: both countries (the factory takes them from the bases).
  expect(ds.missions.find((m) => m.id === 'MINURCAT')?.countries).toEqual([CAR, 'Chad']);
  return ds;
}

describe('demoSubset', () => {
  it('keeps the missions in the CAR with all their bases, and only the CAR cells', () => {
    const sub = demoSubset(world());
    expect(sub.missions.map((m) => m.id)).toEqual(['MINURCAT', 'MINUSCA']);
    expect(sub.bases.map((b) => b.location).sort()).toEqual(['Abeche', 'Bangui', 'Birao']);
    expect(sub.baseYears.map((b) => b.baseId).sort()).toEqual([
      'MINURCAT:abeche',
      'MINURCAT:birao',
      'MINUSCA:bangui',
    ]);
    expect(sub.baseMonths).toHaveLength(3);
    expect(sub.cellYears.map((c) => `${c.gid}:${c.year}`)).toEqual(['100:2015', '100:2016']);
    // The Chad cell-month (gid 200) goes with its cell-year.
    expect(sub.cellMonths.map((c) => `${c.gid}:${c.year}:${c.month}`)).toEqual([
      '100:2015:3',
      '100:2016:5',
    ]);
    // A global release becomes coverage of the CAR only: Chad reads "not loaded", never zero.
    expect(sub.coverage).toEqual({
      gedVersions: ['23.1'],
      years: [1989, 2022],
      scope: 'countries',
      countries: [CAR],
    });
    expect(demoInfo(sub).missions).toEqual(['MINURCAT', 'MINUSCA']);
  });

  it('refuses data without a mission or violence data in the country', () => {
    expect(() => demoSubset(world(), 'Mali')).toThrow('no mission in Mali');
    const noGed = { ...world(), coverage: coverage({ scope: 'none', years: null, countries: [] }) };
    expect(() => demoSubset(noGed)).toThrow(`no UCDP GED events for ${CAR}`);
    const otherCountries = { ...world(), coverage: coverage({ countries: ['Mali'] }) };
    expect(() => demoSubset(otherCountries)).toThrow('no UCDP GED events');
  });
});

describe('decodeDataInfo', () => {
  const manifest = {
    table: 'manifest',
    sources: [{ file: 'ucdp/x.csv', dataset: 'ucdp-ged', version: '23.1', sha256: 'ab' }],
    coverage: { gedVersions: ['23.1'], years: [1989, 2022], scope: 'countries', countries: [CAR] },
  };

  it('reads a build manifest (no demo block, no credits) and a demo manifest', () => {
    const built = decodeDataInfo(manifest);
    expect(built.demo).toBeNull();
    expect(built.credits).toEqual([]);
    expect(built.sources).toEqual([{ file: 'ucdp/x.csv', dataset: 'ucdp-ged', version: '23.1' }]);
    expect(built.coverage.years).toEqual([1989, 2022]);
    const demo = {
      country: CAR,
      missions: ['MINUSCA'],
      rule: 'r',
      regenerate: 'npm run data:demo',
    };
    expect(decodeDataInfo({ ...manifest, demo }).demo).toEqual(demo);
  });

  it('names what is malformed', () => {
    expect(() => decodeDataInfo({ ...manifest, sources: 'x' })).toThrow(/manifest\.json: sources/);
    expect(() => decodeDataInfo({ ...manifest, demo: { country: CAR } })).toThrow(/demo\.missions/);
  });
});
