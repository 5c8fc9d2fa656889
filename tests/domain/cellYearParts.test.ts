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
import { gidOf } from '../../src/domain/grid';
import { carCell } from '../fixtures/factories';
import {
  BORDER,
  CAMEROON,
  CAR,
  DRC,
  OBO,
  SOUTH_SUDAN,
  partsDataset,
  partsFiles,
} from '../fixtures/partsDataset';

const GOMA = gidOf(-1.7, 29.2);
const SS = gidOf(7.1, 29.9);
const CAM = gidOf(5.9, 14.5);
const byYearGid = (a: string, b: string): number => {
  const [ga, ya] = a.split(':').map(Number);
  const [gb, yb] = b.split(':').map(Number);
  return ya! - yb! || ga! - gb!;
};

const parse = (text: string | undefined): unknown => JSON.parse(text ?? 'null');

describe('cell-years cut per country', () => {
  const ds = partsDataset();
  const files = partsFiles(ds);
  const index = decodeCellYearPartsIndex(parse(files[CELL_YEAR_PARTS_INDEX]));

  it('lists one part per country with cell-years, and each mission its host countries', () => {
    expect([...index.parts.keys()]).toEqual([CAMEROON, CAR, DRC, SOUTH_SUDAN]);
    expect(index.parts.get(CAR)?.file).toBe('cell_years/central-african-republic.json');
    // MINUSCA: its own country and the country of its base in Cameroon; South Sudan is nobody's.
    expect(index.hosts.get('MINUSCA')).toEqual([CAMEROON, CAR]);
    expect(index.hosts.get('MONUSCO')).toEqual([DRC]);
    const stored = parse(files[CELL_YEAR_PARTS_INDEX]) as {
      rows: number;
      parts: { rows: number; own: number }[];
    };
    expect(stored.rows).toBe(10);
    // Rows in each part, and the country's own among them (written out from the fixture).
    expect(stored.parts.map((p) => [p.rows, p.own])).toEqual([
      [1, 1],
      [6, 4],
      [4, 3],
      [2, 2],
    ]);
  });

  it('a part holds every year of its cells, whatever their country: border cells and base cells', () => {
    const key = (c: { gid: number; year: number }) => `${c.gid}:${c.year}`;
    const partRows = (country: string): string[] => {
      const { file, rows } = index.parts.get(country)!;
      return decodeCellYearPart(parse(files[file]), file, rows).rows().map(key);
    };
    // Written out from the fixture: the CAR's three cells, the border cell's DR Congo year, and
    // the Obo base's cell (South Sudan's violence only).
    const rowsOf = (...pairs: [number, number][]) =>
      pairs.map(([gid, year]) => `${gid}:${year}`).sort(byYearGid);
    expect(partRows(CAR)).toEqual(
      rowsOf(
        [carCell(), 2014],
        [carCell(0, 1), 2014],
        [BORDER, 2014],
        [carCell(), 2015],
        [BORDER, 2015],
        [OBO, 2015],
      ),
    );
    expect(partRows(DRC)).toEqual(
      rowsOf([BORDER, 2014], [GOMA, 2014], [BORDER, 2015], [GOMA, 2015]),
    );
    expect(partRows(SOUTH_SUDAN)).toEqual(rowsOf([SS, 2014], [OBO, 2015]));
    expect(partRows(CAMEROON)).toEqual(rowsOf([CAM, 2015]));
    // Together (each cell-year once) they are cell_years.json.
    const tables = [...index.parts.values()].map(({ file, rows }) =>
      decodeCellYearPart(parse(files[file]), file, rows),
    );
    const whole = decodeCellYearTable(parse(files['cell_years.json']));
    expect(concatCellYearTables(tables).rows()).toEqual(whole.rows());
  });

  it('refuses a part of another length, a part outside cell_years/ and another format version', () => {
    const { file } = index.parts.get(CAR)!;
    expect(() => decodeCellYearPart(parse(files[file]), file, 5)).toThrow(
      'cell_years/central-african-republic.json: 6 rows where cell_years/index.json lists 5',
    );
    const raw = parse(files[CELL_YEAR_PARTS_INDEX]) as Record<string, unknown>;
    const bad = (over: Record<string, unknown>) => () =>
      decodeCellYearPartsIndex({ ...raw, ...over });
    expect(bad({ parts: [{ country: CAR, file: '../manifest.json', rows: 1 }] })).toThrow(
      DataFormatError,
    );
    expect(bad({ version: FORMAT_VERSION - 1 })).toThrow(/rebuild the data/);
    const car = { country: CAR, file: 'cell_years/central-african-republic.json', rows: 6 };
    expect(bad({ parts: [{ ...car, own: 7 }] })).toThrow(/its own rows/);
    expect(bad({ parts: [car] })).toThrow(/its own rows/);
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
