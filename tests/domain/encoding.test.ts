import { describe, expect, it } from 'vitest';
import type { BaseYear, CellYear, Dataset, Estimate } from '../../src/domain/dataset';
import {
  DATA_FILES,
  DATASET_FILES,
  DataFormatError,
  FORMAT_VERSION,
  decodeDataset,
  decodeManifest,
  encodeDataset,
  parseYearRanges,
  yearRanges,
  type EncodedTable,
} from '../../src/domain/encoding';

const est = (best: number, events = 1, low = best, high = best): Estimate => ({
  best,
  low,
  high,
  events,
});
const zero = est(0, 0);

function cellYear(over: Partial<CellYear> = {}): CellYear {
  return {
    gid: 137213,
    year: 2015,
    country: 'Central African Republic',
    osv: est(10, 2, 8, 14),
    osvState: est(3, 1, 3, 4),
    osvNonState: est(7, 1, 5, 10),
    stateBased: zero,
    nonStateConflict: est(2),
    topPerpetrators: [
      { name: 'Anti-balaka', perpetrator: 'nonstate', best: 7 },
      { name: 'Government of Central African Republic', perpetrator: 'state', best: 3 },
    ],
    ...over,
  };
}

function baseYear(over: Partial<BaseYear> = {}): BaseYear {
  return {
    baseId: 'MINUSCA:bangui',
    mission: 'MINUSCA',
    year: 2015,
    troops: 2673,
    troopsMax: 3285,
    sourceRows: 3,
    hq: 3,
    unpol: true,
    unmo: false,
    units: ['Infantry', 'Medical'],
    tcc: ['Nepal (150)', 'Pakistan (size unknown)'],
    tccCount: 2,
    zeroTroops: false,
    lat: 4.3612,
    lon: 18.555,
    gid: 189038,
    ...over,
  };
}

/** A small dataset that exercises every codec, nulls, empty lists and sort order. */
function fixtureDataset(): Dataset {
  return {
    cellYears: [
      cellYear(),
      cellYear({ gid: 137214, year: 2015, topPerpetrators: [], osv: zero, osvState: zero }),
      cellYear({
        gid: 1,
        year: 2016,
        country: 'Sudan',
        topPerpetrators: [
          { name: 'A', perpetrator: 'nonstate', best: 5 },
          { name: 'B', perpetrator: 'nonstate', best: 4 },
          { name: 'C', perpetrator: 'state', best: 1 },
        ],
      }),
    ],
    cellMonths: [
      { gid: 137213, year: 2015, month: 1, osvBest: 3, osvStateBest: 3, osvNonStateBest: 0 },
      { gid: 137213, year: 2015, month: 12, osvBest: 7, osvStateBest: 0, osvNonStateBest: 7 },
      { gid: 100, year: 2016, month: 2, osvBest: 1, osvStateBest: 0, osvNonStateBest: 1 },
    ],
    bases: [
      {
        id: 'MINUSCA:bangui',
        mission: 'MINUSCA',
        location: 'Bangui',
        country: 'Central African Republic',
        lat: 4.3612,
        lon: 18.555,
        gid: 189038,
      },
      {
        id: 'MINUSCA:bria',
        mission: 'MINUSCA',
        location: 'Bria',
        country: 'Central African Republic',
        lat: 6.5423,
        lon: 21.9863,
        gid: 190000,
      },
    ],
    baseYears: [
      baseYear(),
      baseYear({
        baseId: 'MINUSCA:bria',
        troops: null,
        troopsMax: null,
        hq: 0,
        units: [],
        tcc: [],
        tccCount: null,
        unpol: false,
      }),
      baseYear({ year: 2016, troops: 0, troopsMax: 0, zeroTroops: true, hq: 1 }),
    ],
    baseMonths: [
      { baseId: 'MINUSCA:bangui', mission: 'MINUSCA', year: 2015, month: 3, troops: 2985 },
      { baseId: 'MINUSCA:bria', mission: 'MINUSCA', year: 2015, month: 3, troops: null },
    ],
    missions: [
      {
        id: 'MINUSCA',
        countries: ['Central African Republic'],
        years: [2014, 2015, 2016, 2018],
        bbox: [14.4, 2.2, 27.4, 11],
      },
    ],
    coverage: {
      gedVersions: ['23.1'],
      years: [1989, 2022],
      scope: 'countries',
      countries: ['Central African Republic'],
    },
  };
}

/** JSON round trip, as the files are written and read. */
const viaJson = (files: Record<string, unknown>): Record<string, unknown> =>
  JSON.parse(JSON.stringify(files)) as Record<string, unknown>;

describe('encodeDataset / decodeDataset', () => {
  it('round-trips a dataset exactly through JSON', () => {
    const ds = fixtureDataset();
    const back = decodeDataset(viaJson(encodeDataset(ds)));
    expect(back).toEqual(ds);
  });

  it('writes every dataset file and only those', () => {
    expect(Object.keys(encodeDataset(fixtureDataset())).sort()).toEqual([...DATASET_FILES].sort());
  });

  it('sorts rows canonically so that output does not depend on input order', () => {
    const ds = fixtureDataset();
    const shuffled = { ...ds, cellYears: [...ds.cellYears].reverse() };
    expect(JSON.stringify(encodeDataset(shuffled))).toBe(JSON.stringify(encodeDataset(ds)));
  });

  it('dictionary-encodes strings and delta-encodes sorted ids', () => {
    const enc = encodeDataset(fixtureDataset())[DATA_FILES.cellYears] as EncodedTable;
    expect(enc.codecs.gid).toBe('delta');
    expect(enc.dicts.country).toEqual(['Central African Republic', 'Sudan']);
    const yearCol = enc.data[enc.columns.indexOf('year')];
    expect(yearCol).toEqual([2015, 0, 1]);
  });

  it('stores low / high and the osv total as offsets (zeros), exactly reversible', () => {
    const enc = encodeDataset(fixtureDataset())[DATA_FILES.cellYears] as EncodedTable;
    expect(enc.codecs.osvBest).toBe('offset');
    expect(enc.bases?.osvBest).toEqual(['osvStateBest', 'osvNonStateBest']);
    // Row 1: osv = state + non-state, so the stored osvBest is 0.
    expect((enc.data[enc.columns.indexOf('osvBest')] as number[])[0]).toBe(0);
    // Row 2 is inconsistent on purpose (osv 0, non-state 7): still decoded exactly.
    const back = decodeDataset(viaJson(encodeDataset(fixtureDataset())));
    expect(back.cellYears[1]?.osv.best).toBe(0);
    expect(back.cellYears[1]?.osvNonState.best).toBe(7);
  });

  it('keeps unknown troops (null) apart from zero troops', () => {
    const back = decodeDataset(viaJson(encodeDataset(fixtureDataset())));
    const bria = back.baseYears.find((b) => b.baseId === 'MINUSCA:bria');
    expect(bria?.troops).toBeNull();
    expect(back.baseYears.find((b) => b.year === 2016)?.troops).toBe(0);
  });
});

describe('decodeDataset rejects corrupt input with DataFormatError', () => {
  const good = (): Record<string, unknown> => viaJson(encodeDataset(fixtureDataset()));
  const table = (files: Record<string, unknown>, name: string): EncodedTable =>
    files[name] as EncodedTable;

  const cases: [string, (f: Record<string, unknown>) => void, RegExp][] = [
    ['a missing file', (f) => delete f[DATA_FILES.cellYears], /cell_years\.json: file is missing/],
    [
      'a file that is not an object',
      (f) => (f[DATA_FILES.bases] = [1, 2]),
      /bases\.json: expected a JSON object/,
    ],
    [
      'another format version',
      (f) => (table(f, DATA_FILES.bases).version = FORMAT_VERSION + 1),
      /bases\.json: format version 2/,
    ],
    [
      'a missing column',
      (f) => {
        const t = table(f, DATA_FILES.baseYears);
        t.columns = t.columns.map((c) => (c === 'troops' ? 'troopz' : c));
      },
      /base_years\.json: column "troops" is missing/,
    ],
    [
      'a column of the wrong length',
      (f) => table(f, DATA_FILES.cellMonths).data[3]?.pop(),
      /cell_months\.json: column "osvBest" has 2 values, expected 3/,
    ],
    [
      'a string where a number belongs',
      (f) => {
        const t = table(f, DATA_FILES.cellYears);
        (t.data[t.columns.indexOf('osvStateBest')] as unknown[])[1] = 'ten';
      },
      /cell_years\.json: column "osvStateBest" row 2: expected a whole number, found "ten"/,
    ],
    [
      'a bad offset value',
      (f) => {
        const t = table(f, DATA_FILES.cellYears);
        (t.data[t.columns.indexOf('osvLow')] as unknown[])[0] = 'x';
      },
      /cell_years\.json: column "osvLow" row 1: expected a number \(offset\)/,
    ],
    [
      'a null in a non-null column',
      (f) => {
        const t = table(f, DATA_FILES.bases);
        (t.data[t.columns.indexOf('lat')] as unknown[])[0] = null;
      },
      /bases\.json: column "lat" row 1/,
    ],
    [
      'a dictionary index out of range',
      (f) => {
        const t = table(f, DATA_FILES.cellYears);
        (t.data[t.columns.indexOf('country')] as unknown[])[0] = 9;
      },
      /cell_years\.json: column "country" row 1: expected an index into the dictionary/,
    ],
    [
      'a bad hq level',
      (f) => {
        const t = table(f, DATA_FILES.baseYears);
        (t.data[t.columns.indexOf('hq')] as unknown[])[0] = 7;
      },
      /base_years\.json: row 1: hq must be 0, 1, 2 or 3/,
    ],
    [
      'a base-year of an unknown base',
      (f) => {
        const t = table(f, DATA_FILES.baseYears);
        t.dicts.baseId = t.dicts.baseId!.map(() => 'X:nowhere');
      },
      /base_years\.json: row 1: base "X:nowhere" is not in bases\.json/,
    ],
    [
      'a bad coverage scope',
      (f) => ((f[DATA_FILES.coverage] as Record<string, unknown>).scope = 'some'),
      /coverage\.json: "scope" must be/,
    ],
    [
      'a bad year range',
      (f) => {
        const t = table(f, DATA_FILES.missions);
        (t.data[t.columns.indexOf('years')] as unknown[])[0] = ['2016-2014'];
      },
      /missions\.json: row 1: malformed year range/,
    ],
  ];

  it.each(cases)('%s', (_name, corrupt, message) => {
    const files = good();
    corrupt(files);
    expect(() => decodeDataset(files)).toThrow(DataFormatError);
    expect(() => decodeDataset(files)).toThrow(message);
  });
});

describe('year ranges', () => {
  it('round-trips gaps and single years', () => {
    const years = [1999, 2001, 2002, 2003, 2007];
    expect(yearRanges(years)).toEqual(['1999', '2001-2003', '2007']);
    expect(parseYearRanges(yearRanges(years))).toEqual(years);
    expect(yearRanges([])).toEqual([]);
  });
});

describe('decodeManifest', () => {
  const manifest = () => ({
    table: 'manifest',
    version: FORMAT_VERSION,
    builtAt: '2025-01-01T00:00:00.000Z',
    buildMs: 1234,
    sourceDir: '../shared/data',
    sourceDirReason: 'default',
    sources: [
      {
        file: 'ucdp/x.csv',
        kind: 'ged-csv',
        dataset: 'ucdp-ged',
        version: '23.1',
        bytes: 10,
        sha256: 'ab',
        rowsRead: 3,
        rowsKept: 2,
        rowsRejected: 1,
        rejectedByReason: { BAD_YEAR: 1 },
      },
    ],
    versions: { ged: ['23.1'], geopko: ['2.3'], duckdb: 'v1', pipeline: '1' },
    rules: { duplicates: 'first copy wins' },
    totals: { rowsRead: 3, rowsKept: 2, rowsRejected: 1 },
    rejectedByReason: { BAD_YEAR: 1 },
    counts: { cellYears: 1 },
    outputs: [{ path: 'cell_years.json', bytes: 100, gzipBytes: 50 }],
    browserGzipBytes: 50,
    coverage: { gedVersions: ['23.1'], years: [1989, 2022], scope: 'countries', countries: [] },
  });

  it('accepts a well-formed manifest', () => {
    expect(decodeManifest(manifest()).sources[0]?.sha256).toBe('ab');
  });

  it('names what is wrong', () => {
    expect(() => decodeManifest({ ...manifest(), sources: 'x' })).toThrow(
      /manifest\.json: "sources" must be a list/,
    );
    expect(() => decodeManifest({ ...manifest(), outputs: [{ path: 1 }] })).toThrow(
      /manifest\.json: outputs\[0\] must have path and bytes/,
    );
    expect(() => decodeManifest(undefined)).toThrow(DataFormatError);
  });
});
