import { describe, expect, it } from 'vitest';
import { greatCircleKm } from '../../src/domain/distance';
import { cellCentroid } from '../../src/domain/grid';
import { analyzeMission, DEFAULT_LAG_PARAMS, type LagParams } from '../../src/domain/lag';
import { LagParamError, parseLagParams } from '../../src/domain/lagTypes';
import { carCell, cellYear, dataset, deployment, deployments } from '../fixtures/factories';

// A base at the centre of cell A (central CAR, 2015–2016, 300 troops: its first year is the
// initial deployment, which counts as enhanced presence); 20 killed in 2015 in cell B, the cell
// east of A. Centre to centre: 0.5° of longitude at 4.25° N ≈ 55.4 km.
const A = carCell(0, 0);
const B = carCell(0, 1);
const d = deployments([deployment({ location: 'Alpha', gid: A }, { 2015: 300, 2016: 300 })]);
const ds = dataset({ ...d, cellYears: [cellYear({ gid: B, year: 2015, nonstate: 20 })] });
const category = (p: Partial<LagParams>) =>
  analyzeMission(ds, 'MINUSCA', { ...DEFAULT_LAG_PARAMS, window: 0, ...p }).episodes.find(
    (e) => e.gid === B,
  )?.category;

describe('lag reach in kilometres (reachKm)', () => {
  it('puts the base in reach of B from 56 km, not at 50 km; rings as before', () => {
    const km = greatCircleKm(cellCentroid(B), cellCentroid(A));
    expect(km).toBeGreaterThan(55);
    expect(km).toBeLessThan(56);
    expect(category({ reachKm: 50 })).toBe('NOT_RESPONDED');
    expect(category({ reachKm: 56 })).toBe('RESPONDED_SAME_YEAR');
    expect(category({ reach: 0 })).toBe('NOT_RESPONDED');
    expect(category({ reach: 1 })).toBe('RESPONDED_SAME_YEAR');
    expect(category({ reach: 1, reachKm: 50 })).toBe('NOT_RESPONDED'); // km replaces rings
  });

  it('is validated like the other parameters, and can be switched off', () => {
    expect(parseLagParams({ reachKm: '75' }).reachKm).toBe(75);
    expect(parseLagParams({ reachKm: 'off' }).reachKm).toBeNull();
    expect(() => parseLagParams({ reachKm: 5 })).toThrow(LagParamError);
    expect(() => parseLagParams({ reachKm: 'far' })).toThrow(
      /reachKm must be a number of km from 10 to 200 \(or off\), got "far"/,
    );
  });
});
