import { describe, expect, it } from 'vitest';
import { cellYearColumns } from '../fixtures/cellYearColumns';
import type { BaseYear, CellYear, Dataset, Estimate } from '../../src/domain/dataset';
import {
  CELL_MONTH_COLUMNS,
  CELL_YEAR_COLUMNS,
  DATA_FILES,
  DATASET_FILES,
  DataFormatError,
  FORMAT_VERSION,
  datasetDecoder,
  decodeDataset,
  decodeManifest,
  encodeCellMonthColumns,
  encodeCellMonthColumnsJson,
  encodeCellYearColumns,
  encodeCellYearColumnsJson,
  encodeDataset,
  encodeDatasetFile,
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
    region: 'Ouaka province',
    osv: est(10, 2, 8, 14),
    osvState: est(3, 1, 3, 4),
    osvNonState: est(7, 1, 5, 10),
    osvForeign: est(1, 1, 1, 1),
    osvImprecise: {
      6: {
        state: { events: 1, best: 2 },
        foreign: { events: 0, best: 0 },
        nonState: { events: 0, best: 0 },
      },
      7: {
        state: { events: 0, best: 0 },
        foreign: { events: 0, best: 0 },
        nonState: { events: 1, best: 0 },
      },
    },
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
    troopsMin: 1750,
    troopsMax: 3285,
    troopsFromMaps: false,
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
        region: null,
        topPerpetrators: [
          { name: 'A', perpetrator: 'nonstate', best: 5 },
          { name: 'B', perpetrator: 'nonstate', best: 4 },
          { name: 'C', perpetrator: 'state', best: 1 },
        ],
      }),
    ],
    cellMonths: [
      {
        gid: 137213,
        year: 2015,
        month: 1,
        osvBest: 3,
        osvStateBest: 3,
        osvNonStateBest: 0,
        osvForeignBest: 0,
        osvStateLow: 2,
        osvStateHigh: 4,
        osvNonStateLow: 0,
        osvNonStateHigh: 0,
      },
      {
        gid: 137213,
        year: 2015,
        month: 12,
        osvBest: 7,
        osvStateBest: 0,
        osvNonStateBest: 7,
        osvForeignBest: 0,
        osvStateLow: 0,
        osvStateHigh: 0,
        osvNonStateLow: 5,
        osvNonStateHigh: 12,
      },
      {
        gid: 100,
        year: 2016,
        month: 2,
        osvBest: 1,
        osvStateBest: 0,
        osvNonStateBest: 1,
        osvForeignBest: 0,
        osvStateLow: 0,
        osvStateHigh: 0,
        osvNonStateLow: 1,
        osvNonStateHigh: 2,
      },
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
      {
        baseId: 'MINUSCA:bangui',
        mission: 'MINUSCA',
        year: 2015,
        month: 3,
        troops: 2985,
        tcc: [],
        tccCount: null,
      },
      {
        baseId: 'MINUSCA:bria',
        mission: 'MINUSCA',
        year: 2015,
        month: 3,
        troops: null,
        tcc: [],
        tccCount: null,
      },
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

const sortedCellYears = (ds: Dataset): CellYear[] =>
  [...ds.cellYears].sort((a, b) => a.year - b.year || a.gid - b.gid);

const enc = (ds: Dataset, file: string): EncodedTable =>
  encodeDataset(ds)[file as (typeof DATASET_FILES)[number]] as EncodedTable;

const column = (t: EncodedTable, name: string): unknown[] =>
  t.data[t.columns.indexOf(name)] as unknown[];

describe('compact columns (sparse masks, offsets, perpetrator classes)', () => {
  it('stores best / low / high only where the category has events', () => {
    const ds = fixtureDataset();
    const t = enc(ds, DATA_FILES.cellYears);
    // Sorted rows: (2015, 137213) with state OSV, (2015, 137214) without, (2016, 1) with.
    expect(t.masks?.osvStateBest).toBe('osvStateEvents');
    expect(column(t, 'osvStateEvents')).toEqual([1, 0, 1]);
    expect(column(t, 'osvStateBest')).toEqual([3, 3]);
    expect(column(t, 'osvStateLow')).toEqual([0, 0]); // low − best
    expect(column(t, 'osvStateHigh')).toEqual([1, 1]); // high − best
    const back = decodeDataset(viaJson(encodeDataset(ds)));
    expect(back.cellYears[1]?.osvState).toEqual({ best: 0, low: 0, high: 0, events: 0 });
  });

  it('keeps a column whole when its mask would lose a value (no events, yet fatalities)', () => {
    const ds = fixtureDataset();
    const odd = { ...ds, cellYears: [cellYear({ stateBased: est(5, 0) })] };
    const t = enc(odd, DATA_FILES.cellYears);
    expect(t.masks?.stateBasedBest).toBeUndefined();
    expect(t.masks?.osvStateBest).toBe('osvStateEvents');
    expect(decodeDataset(viaJson(encodeDataset(odd))).cellYears[0]?.stateBased).toEqual(est(5, 0));
  });

  it('stores perpetrator classes relative to the perpetrator rule, exceptions kept', () => {
    const t = enc(fixtureDataset(), DATA_FILES.cellYears);
    // Row 1: Anti-balaka (non-state) and Government of … (state), both as the rule says.
    // Row 3: "C" is marked state although its name does not say "Government of": code 1.
    expect(column(t, 'top1Class')).toEqual([0, 0]);
    expect(column(t, 'top2Class')).toEqual([0, 0]);
    expect(column(t, 'top3Class')).toEqual([1]);
    expect(t.masks?.top3Class).toBe('top3Name');
    const back = decodeDataset(viaJson(encodeDataset(fixtureDataset())));
    expect(back.cellYears[2]?.topPerpetrators.map((p) => p.perpetrator)).toEqual([
      'nonstate',
      'nonstate',
      'state',
    ]);
  });

  it('stores top1Best relative to osvBest − top2Best − top3Best (0 when they add up)', () => {
    const t = enc(fixtureDataset(), DATA_FILES.cellYears);
    expect(t.bases?.top1Best).toEqual(['osvBest', '-top2Best', '-top3Best']);
    // Row 1: 7 + 3 = 10 = osv best; row 3: 5 + 4 + 1 = 10 = osv best.
    expect(column(t, 'top1Best')).toEqual([0, 0]);
    // A cell-year with more than three perpetrators keeps the difference.
    const more = cellYear({
      topPerpetrators: [{ name: 'Anti-balaka', perpetrator: 'nonstate', best: 4 }],
    });
    const t2 = enc({ ...fixtureDataset(), cellYears: [more] }, DATA_FILES.cellYears);
    expect(column(t2, 'top1Best')).toEqual([-6]);
    expect(
      decodeDataset(viaJson(encodeDataset({ ...fixtureDataset(), cellYears: [more] }))).cellYears[0]
        ?.topPerpetrators,
    ).toEqual(more.topPerpetrators);
  });

  it('encodes columns (as the data build hands them over) exactly like row objects', () => {
    const ds = fixtureDataset();
    const cys = sortedCellYears(ds);
    // Numbers come as Float64Arrays from DuckDB; nullable ones and strings as arrays.
    const cols = cellYearColumns(cys);
    expect(encodeCellYearColumns(cys.length, cols)).toEqual(
      encodeDatasetFile(ds, DATA_FILES.cellYears),
    );
    // The piecewise JSON (written while compressing) is exactly JSON.stringify's text.
    expect([...encodeCellYearColumnsJson(cys.length, cols)].join('')).toBe(
      JSON.stringify(encodeDatasetFile(ds, DATA_FILES.cellYears)),
    );
    expect([...encodeCellYearColumnsJson(cys.length, cols)].length).toBe(
      CELL_YEAR_COLUMNS.length + 2,
    );
    const cms = [...ds.cellMonths].sort(
      (a, b) => a.year - b.year || a.month - b.month || a.gid - b.gid,
    );
    const monthCols = Object.fromEntries(
      CELL_MONTH_COLUMNS.map((name) => [
        name,
        Float64Array.from(cms, (m) => m[name as keyof typeof m]),
      ]),
    );
    expect(encodeCellMonthColumns(cms.length, monthCols)).toEqual(
      encodeDatasetFile(ds, DATA_FILES.cellMonths),
    );
    expect([...encodeCellMonthColumnsJson(cms.length, monthCols)].join('')).toBe(
      JSON.stringify(encodeDatasetFile(ds, DATA_FILES.cellMonths)),
    );
  });

  it('the column encoders refuse rows out of order and missing columns', () => {
    const cols = {
      year: [2016, 2015],
      month: [1, 1],
      gid: [1, 1],
      osvStateBest: [0, 0],
      osvNonStateBest: [0, 0],
      osvBest: [0, 0],
    };
    expect(() => encodeCellMonthColumns(2, cols)).toThrow(/sorted/);
    const { osvBest: _, ...missing } = cols;
    expect(() => encodeCellMonthColumns(2, { ...missing, year: [2015, 2016] })).toThrow(
      /no column "osvBest"/,
    );
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
      new RegExp(
        `bases\\.json: format version ${FORMAT_VERSION + 1}, this app reads version ${FORMAT_VERSION}`,
      ),
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
      (f) => {
        const t = table(f, DATA_FILES.cellMonths);
        t.data[t.columns.indexOf('osvBest')]?.pop();
      },
      /cell_months\.json: column "osvBest" has 2 values, expected 3/,
    ],
    [
      'a string where a number belongs',
      (f) => {
        const t = table(f, DATA_FILES.cellYears);
        (t.data[t.columns.indexOf('stateBasedEvents')] as unknown[])[1] = 'ten';
      },
      /cell_years\.json: column "stateBasedEvents" row 2: expected a whole number, found "ten"/,
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
      'a fractional delta in a whole-number column',
      (f) => (column(table(f, DATA_FILES.cellYears), 'gid')[0] = 0.5),
      /cell_years\.json: column "gid" row 1: expected a whole number/,
    ],
    [
      'an offset that gives a fraction in a whole-number column',
      (f) => (column(table(f, DATA_FILES.cellYears), 'osvLow')[0] = 0.5),
      /cell_years\.json: column "osvLow" row 1: expected a whole number/,
    ],
    [
      'a mask that names no earlier column',
      (f) =>
        ((table(f, DATA_FILES.cellYears).masks as Record<string, string>).osvStateBest = 'nope'),
      /cell_years\.json: column "osvStateBest" has no valid mask column/,
    ],
    [
      'a sparse column with a value too many',
      (f) => column(table(f, DATA_FILES.cellYears), 'osvStateBest').push(1),
      /cell_years\.json: column "osvStateBest" has 3 values, expected 2/,
    ],
    [
      'a bad perpetrator class code',
      (f) => (column(table(f, DATA_FILES.cellYears), 'top1Class')[1] = 7),
      /cell_years\.json: column "top1Class" row 3: expected a perpetrator code 0, 1 or 2, found 7/,
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

  /** The files added to a {@link datasetDecoder} one by one, last file first. */
  const stepwise = (files: Record<string, unknown>): Dataset => {
    const decoder = datasetDecoder();
    for (const f of [...DATASET_FILES].reverse()) if (f in files) decoder.add(f, files[f]);
    return decoder.finish();
  };

  it.each(cases)('file by file as they arrive: %s', (_name, corrupt, message) => {
    const files = good();
    corrupt(files);
    expect(() => stepwise(files)).toThrow(DataFormatError);
    expect(() => stepwise(files)).toThrow(message);
  });

  it('file by file: the first failing file in decodeDataset order wins, whatever the arrival order', () => {
    const files = good();
    (files[DATA_FILES.coverage] as Record<string, unknown>).scope = 'some';
    const t = table(files, DATA_FILES.cellYears);
    (t.data[t.columns.indexOf('country')] as unknown[])[0] = 9;
    expect(() => decodeDataset(files)).toThrow(/cell_years\.json/);
    expect(() => stepwise(files)).toThrow(/cell_years\.json/);
  });

  it('file by file gives the same dataset as decodeDataset', () => {
    expect(stepwise(good())).toEqual(decodeDataset(good()));
    expect(stepwise(good())).toEqual(fixtureDataset());
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

describe('decodeDataset and its input', () => {
  it('leaves the parsed files as they were, so that decoding them twice gives the same dataset', () => {
    const files = viaJson(encodeDataset(fixtureDataset()));
    const before = viaJson(files);
    const first = decodeDataset(files);
    expect(files).toEqual(before);
    const second = decodeDataset(files);
    expect(second).toEqual(first);
    expect(second).toEqual(fixtureDataset());
  });
});
