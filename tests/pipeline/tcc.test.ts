import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/domain/dataset';
import { DATASET_FILES, decodeDataset } from '../../src/domain/encoding';
import { buildDataset, type BuildResult } from '../../src/pipeline/build';
import {
  FRONTMAP_COLUMNS,
  TCCMAP_COLUMNS,
  csv,
  frontRow,
  outDir,
  sourceDir,
  tccRow,
} from '../fixtures/pipeline/factories';

let result: BuildResult;
let ds: Dataset;

beforeAll(async () => {
  const files = {
    'geopko/FrontMap_v.2.3.csv': csv(FRONTMAP_COLUMNS, [
      frontRow({ NoTroops: 1100 }),
      frontRow({ location: 'Bria', latitude: 6.54, longitude: 21.99, NoTroops: 400 }),
    ]),
    'geopko/TCCMap_v.2.3.csv': csv(TCCMAP_COLUMNS, [
      // line 2: three contributors, one of unknown size, one with parentheses in its name
      tccRow({
        'No.TCC': 3,
        'year.overview': 'Korea (ROK) (150), Bangladesh (size unknown), Nepal (950)',
      }),
      // line 3: a figure that is not a number → BAD_NUMBER, the row is not used
      tccRow({ location: 'Bria', latitude: 6.54, longitude: 21.99, 'year.overview': 'Togo (abc)' }),
    ]),
  };
  const out = outDir('tcc');
  result = await buildDataset({
    from: sourceDir('tcc', files),
    outDir: out,
    quiet: true,
    allowRejects: true,
  });
  const read = (f: string): unknown => JSON.parse(readFileSync(path.join(out, f), 'utf8'));
  ds = decodeDataset(Object.fromEntries(DATASET_FILES.map((f) => [f, read(f)])));
});

describe('TCCMap contributors in the build', () => {
  it('keeps each country with its figure; unknown size stays unknown', () => {
    const bangui = ds.baseYears.find((b) => b.baseId === 'MINUSCA:bangui' && b.year === 2015);
    expect(bangui?.tcc).toEqual(['Korea (ROK) (150)', 'Bangladesh (size unknown)', 'Nepal (950)']);
    expect(bangui?.tccCount).toBe(3);
  });

  it('rejects a row whose figure is not a number, with its line and reason', () => {
    const r = result.rejects.filter((x) => x.source === 'geopko/TCCMap_v.2.3.csv');
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ line: 3, reason: 'BAD_NUMBER' });
    expect(r[0]?.detail).toContain('Togo (abc)');
    const bria = ds.baseYears.find((b) => b.baseId === 'MINUSCA:bria' && b.year === 2015);
    expect(bria?.tcc).toEqual([]);
    expect(bria?.tccCount).toBeNull();
  });
});
