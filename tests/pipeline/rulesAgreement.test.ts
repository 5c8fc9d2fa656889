/**
 * The domain rules are defined once and used in TypeScript and in DuckDB SQL: these tests run
 * both over the same inputs (edges included) and require identical answers.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellCentroid, gidOf } from '../../src/domain/grid';
import { centroidSql, gidSql } from '../../src/domain/gridSql';
import { perpetratorOf, perpetratorSql } from '../../src/domain/perpetrator';
import { Duck, lit } from '../../src/pipeline/duck';

let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open({ tempDir: 'test-artifacts/duckdb-rules', memoryLimit: '256MB' });
});
afterAll(() => duck.close());

async function sqlGids(points: [number, number][]): Promise<number[]> {
  const values = points.map(([lat, lon]) => `(${lat}::DOUBLE, ${lon}::DOUBLE)`).join(', ');
  const rows = await duck.rows(
    `SELECT ${gidSql('lat', 'lon')} FROM (VALUES ${values}) AS t(lat, lon)`,
  );
  return rows.map((r) => r[0] as number);
}

describe('gid: SQL and TypeScript agree', () => {
  it('on edges, poles, the antimeridian and exact 0.5° boundaries', async () => {
    const points: [number, number][] = [
      [0, 0],
      [-0.0000001, -0.0000001],
      [0.5, 0.5],
      [-0.5, -0.5],
      [4.5, 18.5],
      [4.499999999, 18.499999999],
      [90, 180],
      [90, -180],
      [-90, 180],
      [-90, -180],
      [89.75, 179.75],
      [89.5, 179.5],
      [-89.5, -179.5],
      [5.399784, 26.486881],
      [45.25, -0.25],
      [0.1 + 0.2, 0.3],
    ];
    const ts = points.map(([lat, lon]) => gidOf(lat, lon));
    expect(await sqlGids(points)).toEqual(ts);
    expect(ts[6]).toBe(259200);
    expect(ts[9]).toBe(1);
  });

  it('on 2,000 random points, half of them on the 0.5° lattice', async () => {
    const lattice = fc.tuple(
      fc.integer({ min: -180, max: 180 }),
      fc.integer({ min: -360, max: 360 }),
    );
    const anywhere = fc.tuple(
      fc.double({ min: -90, max: 90, noNaN: true }),
      fc.double({ min: -180, max: 180, noNaN: true }),
    );
    const points = [
      ...fc
        .sample(lattice, { numRuns: 1000, seed: 42 })
        .map(([a, b]): [number, number] => [a / 2, b / 2]),
      ...fc.sample(anywhere, { numRuns: 1000, seed: 7 }),
    ].map(([lat, lon]): [number, number] => [lat === 0 ? 0 : lat, lon === 0 ? 0 : lon]);
    expect(await sqlGids(points)).toEqual(points.map(([lat, lon]) => gidOf(lat, lon)));
  });
});

describe('cell centroid: SQL and TypeScript agree', () => {
  it('on the corners and random cells', async () => {
    const gids = [1, 2, 720, 721, 129961, 135758, 259200, 259199, 258481];
    const c = centroidSql('gid');
    const rows = await duck.rows(
      `SELECT ${c.lon}, ${c.lat} FROM (VALUES ${gids.map((g) => `(${g})`).join(', ')}) AS t(gid)`,
    );
    expect(rows).toEqual(gids.map((g) => cellCentroid(g)));
  });
});

describe('perpetrator class: SQL and TypeScript agree', () => {
  it('on governments, look-alikes, whitespace and empty values', async () => {
    const names = [
      'Government of Central African Republic',
      'Government of Sudan',
      '  Government of Chad',
      '\tGovernment of Chad',
      'Government of',
      'Government ofChad',
      'government of Chad',
      'Former Government of Rwanda',
      'Anti-balaka',
      'LRA',
      "Government of Cote d'Ivoire",
      '',
    ];
    const values = names.map((n) => `(${lit(n)})`).join(', ');
    const rows = await duck.rows(
      `SELECT ${perpetratorSql('side_a')} FROM (VALUES ${values}) AS t(side_a)`,
    );
    expect(rows.map((r) => r[0])).toEqual(names.map((n) => perpetratorOf(n)));
    const nul = await duck.value(`SELECT ${perpetratorSql('NULL::VARCHAR')}`);
    expect(nul).toBe(perpetratorOf(null));
  });
});
