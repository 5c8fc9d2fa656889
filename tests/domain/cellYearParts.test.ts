import { describe, expect, it } from 'vitest';
import {
  CELL_YEAR_PARTS_INDEX,
  decodeCellYearPart,
  decodeCellYearPartsIndex,
  encodeCellYearParts,
} from '../../src/domain/cellYearParts';
import {
  concatCellYearTables,
  DataFormatError,
  decodeCellYearTable,
  FORMAT_VERSION,
} from '../../src/domain/encoding';
import { cellYearColumns } from '../fixtures/cellYearColumns';
import {
  CAMEROON,
  CAR,
  DRC,
  SOUTH_SUDAN,
  partsDataset,
  partsFiles,
} from '../fixtures/partsDataset';

const parse = (text: string | undefined): unknown => JSON.parse(text ?? 'null');

describe('cell-years cut per country', () => {
  const ds = partsDataset();
  const files = partsFiles(ds);
  const index = decodeCellYearPartsIndex(parse(files[CELL_YEAR_PARTS_INDEX]));

  it('lists one part per country with cell-years, and each mission its host countries', () => {
    expect([...index.parts.keys()]).toEqual([CAMEROON, CAR, DRC, SOUTH_SUDAN]);
    expect(index.parts.get(CAR)).toBe('cell_years/central-african-republic.json');
    // MINUSCA: its own country and the country of its base in Cameroon; South Sudan is nobody's.
    expect(index.hosts.get('MINUSCA')).toEqual([CAMEROON, CAR]);
    expect(index.hosts.get('MONUSCO')).toEqual([DRC]);
    const stored = parse(files[CELL_YEAR_PARTS_INDEX]) as {
      rows: number;
      parts: { rows: number }[];
    };
    expect(stored.rows).toBe(7);
    expect(stored.parts.map((p) => p.rows)).toEqual([1, 3, 2, 1]);
  });

  it('a part holds exactly its country’s rows, and the parts together are cell_years.json', () => {
    const tables = [...index.parts].map(([country, file]) =>
      decodeCellYearPart(parse(files[file]), file, country),
    );
    for (const [k, [country]] of [...index.parts].entries())
      expect(tables[k]!.rows()).toEqual(ds.cellYears.filter((c) => c.country === country));
    const whole = decodeCellYearTable(parse(files['cell_years.json']));
    expect(concatCellYearTables(tables).rows()).toEqual(whole.rows());
  });

  it('refuses a part of another country, a part outside cell_years/ and another format version', () => {
    const file = index.parts.get(CAR)!;
    expect(() => decodeCellYearPart(parse(files[file]), file, DRC)).toThrow(
      /central-african-republic\.json: row 1 is a cell-year of "Central African Republic", not of "Democratic/,
    );
    const raw = parse(files[CELL_YEAR_PARTS_INDEX]) as Record<string, unknown>;
    const bad = (over: Record<string, unknown>) => () =>
      decodeCellYearPartsIndex({ ...raw, ...over });
    expect(bad({ parts: [{ country: CAR, file: '../manifest.json', rows: 1 }] })).toThrow(
      DataFormatError,
    );
    expect(bad({ version: FORMAT_VERSION - 1 })).toThrow(/rebuild the data/);
    expect(bad({ hosts: { MINUSCA: 'Central African Republic' } })).toThrow(/list of countries/);
    expect(() => decodeCellYearPartsIndex({ table: 'cell_years' })).toThrow(
      'cell_years/index.json: not an index of cell-year parts',
    );
  });

  it('an empty table gives an empty index, and a row without a country is an error', () => {
    const empty = encodeCellYearParts(0, cellYearColumns([]), ds);
    expect(empty.index.parts).toEqual([]);
    expect(empty.parts.size).toBe(0);
    const cols = { ...cellYearColumns(ds.cellYears), country: ds.cellYears.map(() => null) };
    expect(() => encodeCellYearParts(ds.cellYears.length, cols, ds)).toThrow(
      'row 1 has no country',
    );
  });
});
