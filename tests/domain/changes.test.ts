import { describe, expect, it } from 'vitest';
import {
  changesInYear,
  countChanges,
  indexBaseYears,
  missionChanges,
  type BaseChange,
} from '../../src/domain/changes';
import { gidOf } from '../../src/domain/grid';
import { base, baseYear, carCell, deployment, deployments } from '../fixtures/factories';

function byBase(list: BaseChange[] | undefined): Record<string, BaseChange> {
  return Object.fromEntries((list ?? []).map((c) => [c.baseId, c]));
}

describe('missionChanges', () => {
  const { baseYears } = deployments([
    deployment({ location: 'Bangui', gid: carCell(0, 0) }, { 2014: 500, 2015: 800, 2016: 800 }),
    deployment({ location: 'Bria', gid: carCell(2, 1) }, { 2014: 300, 2015: 150, 2016: 150 }),
    deployment({ location: 'Kaga', gid: carCell(-1, 3) }, { 2015: 120, 2016: 0 }),
    deployment({ location: 'Ndele', gid: carCell(3, 3) }, { 2014: 200 }),
  ]);
  const changes = missionChanges({ baseYears }, 'MINUSCA');

  it('lists every base of the mission’s first year as NEW with its troops as delta', () => {
    const first = byBase(changes.get(2014));
    expect(Object.keys(first).sort()).toEqual(['MINUSCA:bangui', 'MINUSCA:bria', 'MINUSCA:ndele']);
    for (const c of Object.values(first)) expect(c.kind).toBe('NEW');
    expect(first['MINUSCA:bangui']).toMatchObject({
      troopsBefore: null,
      troopsAfter: 500,
      delta: 500,
    });
  });

  it('classifies strengthened, reduced, new, closed and unchanged with before → after', () => {
    const y = byBase(changes.get(2015));
    expect(y['MINUSCA:bangui']).toMatchObject({
      kind: 'STRENGTHENED',
      troopsBefore: 500,
      troopsAfter: 800,
      delta: 300,
      troopsUnknown: false,
    });
    expect(y['MINUSCA:bria']).toMatchObject({
      kind: 'REDUCED',
      troopsBefore: 300,
      troopsAfter: 150,
      delta: -150,
    });
    expect(y['MINUSCA:kaga']).toMatchObject({ kind: 'NEW', troopsAfter: 120, delta: 120 });
    expect(y['MINUSCA:ndele']).toMatchObject({
      kind: 'CLOSED',
      troopsBefore: 200,
      troopsAfter: null,
      delta: -200,
      gid: carCell(3, 3),
    });
    expect(countChanges(changes.get(2016)!)).toEqual({
      NEW: 0,
      STRENGTHENED: 0,
      REDUCED: 1, // Kaga 120 → 0 (a zero-troop location now)
      CLOSED: 0,
      UNCHANGED: 2,
    });
  });

  it('sorts by kind, then by the size of the change', () => {
    expect(changes.get(2015)!.map((c) => c.kind)).toEqual([
      'NEW',
      'STRENGTHENED',
      'REDUCED',
      'CLOSED',
    ]);
  });

  it('covers every year from the first to the last and no year outside', () => {
    expect([...changes.keys()]).toEqual([2014, 2015, 2016]);
    expect(missionChanges({ baseYears }, 'MONUSCO').size).toBe(0);
  });
});

describe('close and reopen', () => {
  const { baseYears } = deployments([
    deployment({ location: 'Obo', gid: carCell(1, 8) }, { 2014: 100, 2016: 150 }),
    deployment({ location: 'Bangui' }, { 2014: 500, 2015: 500, 2016: 500 }),
  ]);
  const changes = missionChanges({ baseYears }, 'MINUSCA');
  it('is CLOSED in the gap year and NEW when it reopens', () => {
    expect(byBase(changes.get(2015))['MINUSCA:obo']).toMatchObject({
      kind: 'CLOSED',
      troopsBefore: 100,
    });
    expect(byBase(changes.get(2016))['MINUSCA:obo']).toMatchObject({
      kind: 'NEW',
      troopsBefore: null,
      troopsAfter: 150,
    });
  });

  it('treats a whole-mission gap year as every base CLOSED, then NEW', () => {
    const gap = deployments([deployment({ location: 'A' }, { 2000: 10, 2002: 10 })]);
    const c = missionChanges(gap, 'MINUSCA');
    expect(c.get(2001)!.map((x) => x.kind)).toEqual(['CLOSED']);
    expect(c.get(2002)!.map((x) => x.kind)).toEqual(['NEW']);
  });
});

describe('identity across years', () => {
  it('does not count a base with the same id and jittered coordinates as NEW', () => {
    const b = base({ location: 'Bambari', lat: 5.76, lon: 20.67 });
    // Next year the source gives coordinates across a cell edge (jitter of 0.3°).
    const jittered = { ...b, lat: 5.76, lon: 20.37, gid: gidOf(5.76, 20.37) };
    expect(jittered.gid).not.toBe(b.gid);
    const index = indexBaseYears(
      [baseYear(b, 2016, { troops: 400 }), baseYear(jittered, 2017, { troops: 600 })],
      'MINUSCA',
    );
    const c = changesInYear(index, 2017);
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ kind: 'STRENGTHENED', delta: 200, gid: jittered.gid });
  });

  it('rejects two base-years of one base in one year', () => {
    const b = base({ location: 'X' });
    expect(() => indexBaseYears([baseYear(b, 2015), baseYear(b, 2015)], 'MINUSCA')).toThrow(
      /duplicate base-year: MINUSCA:x appears twice in 2015/,
    );
  });
});

describe('unknown troops', () => {
  const { baseYears } = deployments([
    deployment({ location: 'A' }, { 2014: 100, 2015: null, 2016: 300 }),
    deployment({ location: 'B' }, { 2015: null }),
  ]);
  const changes = missionChanges({ baseYears }, 'MINUSCA');

  it('is UNCHANGED with troopsUnknown and no delta, never a strengthening', () => {
    expect(byBase(changes.get(2015))['MINUSCA:a']).toMatchObject({
      kind: 'UNCHANGED',
      troopsBefore: 100,
      troopsAfter: null,
      delta: null,
      troopsUnknown: true,
    });
    // null → 300 cannot be read as +300 either.
    expect(byBase(changes.get(2016))['MINUSCA:a']).toMatchObject({
      kind: 'UNCHANGED',
      troopsBefore: null,
      troopsAfter: 300,
      delta: null,
      troopsUnknown: true,
    });
  });

  it('keeps NEW and CLOSED for bases with unknown troops, with an unknown delta', () => {
    expect(byBase(changes.get(2015))['MINUSCA:b']).toMatchObject({
      kind: 'NEW',
      delta: null,
      troopsUnknown: true,
    });
    expect(byBase(changes.get(2016))['MINUSCA:b']).toMatchObject({
      kind: 'CLOSED',
      delta: null,
      troopsUnknown: true,
    });
  });
});
