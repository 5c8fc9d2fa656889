import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  changesInYear,
  countChanges,
  indexBaseYears,
  missionChanges,
  type BaseChange,
} from '../../src/domain/changes';
import type { Base, BaseYear } from '../../src/domain/dataset';
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

/** A base-year from the figures of its maps (spread as the pipeline computes it). */
function fromMaps(b: Base, year: number, maps: number[], yearly?: number): BaseYear {
  return baseYear(b, year, {
    troops: yearly ?? Math.round(maps.reduce((x, y) => x + y, 0) / maps.length),
    troopsMin: Math.min(...maps),
    troopsMax: Math.max(...maps),
    sourceRows: maps.length,
  });
}

describe('one increase counts once (highest / lowest map figures)', () => {
  const b = base({ location: 'Bouar' });

  it('counts a mid-year increase in the year it first appears, not again the next year', () => {
    // MINUSCA Bouar in FrontMap: 2015 one map 650; 2016 maps 950 and 1,100 (Geo-PKO's yearly
    // figure 1,000); 2017 one map 1,100 (1,100). Yearly figures 650 → 1,000 → 1,100 would read
    // as two strengthenings; the highest figures 650 → 1,100 → 1,100 as one.
    const index = indexBaseYears(
      [
        fromMaps(b, 2015, [650], 650),
        fromMaps(b, 2016, [950, 1100], 1000),
        fromMaps(b, 2017, [1100], 1100),
      ],
      'MINUSCA',
    );
    expect(changesInYear(index, 2016)[0]).toMatchObject({
      kind: 'STRENGTHENED',
      basis: 'highest',
      troopsBefore: 650,
      troopsAfter: 1100,
      delta: 450,
      increase: 450,
      troopsYearly: 1000,
    });
    expect(changesInYear(index, 2017)[0]).toMatchObject({
      kind: 'UNCHANGED',
      troopsBefore: 1100,
      troopsAfter: 1100,
      delta: 0,
      increase: 0,
      troopsYearly: 1100,
    });
  });

  it('is REDUCED when the lowest figure falls, and STRENGTHENED wins when both move', () => {
    const index = indexBaseYears(
      [
        fromMaps(b, 2018, [1100, 950]), // lowest 1,100 → 950 against 2017's single 1,100 map
        fromMaps(b, 2017, [1100]),
        fromMaps(b, 2019, [800, 1200]), // highest 1,100 → 1,200 and lowest 950 → 800
        fromMaps(b, 2020, [1000]), // highest 1,200 → 1,000, lowest 800 → 1,000: neither
      ],
      'MINUSCA',
    );
    expect(changesInYear(index, 2018)[0]).toMatchObject({
      kind: 'REDUCED',
      basis: 'lowest',
      troopsBefore: 1100,
      troopsAfter: 950,
      delta: -150,
      increase: 0,
    });
    expect(changesInYear(index, 2019)[0]).toMatchObject({ kind: 'STRENGTHENED', delta: 100 });
    expect(changesInYear(index, 2020)[0]).toMatchObject({
      kind: 'UNCHANGED',
      troopsUnknown: false,
      increase: -200,
    });
  });

  it('property: one step up inside a sequence of maps is counted once, whatever the maps per year', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 8 }),
        (low, step, before, after, sizes) => {
          // The maps in time order: `before` maps at `low`, then `after` maps at `low + step`,
          // cut into consecutive years of sizes[i] maps (the rest in a last year).
          const maps = [
            ...Array<number>(before).fill(low),
            ...Array<number>(after).fill(low + step),
          ];
          const years: number[][] = [];
          let at = 0;
          for (const n of sizes) {
            if (at >= maps.length) break;
            years.push(maps.slice(at, at + n));
            at += n;
          }
          if (at < maps.length) years.push(maps.slice(at));
          const index = indexBaseYears(
            years.map((m, i) => fromMaps(b, 2000 + i, m)),
            'MINUSCA',
          );
          const firstUp = 2000 + years.findIndex((m) => m.includes(low + step));
          const strengthened: number[] = [];
          for (let i = 1; i < years.length; i++) {
            for (const c of changesInYear(index, 2000 + i)) {
              expect(c.kind === 'REDUCED').toBe(false);
              if (c.kind === 'STRENGTHENED') {
                strengthened.push(c.year);
                expect(c.delta).toBe(step);
              }
            }
          }
          // Counted once, in the year the higher figure first appears (none when that is the
          // first year: the base is NEW then).
          expect(strengthened).toEqual(firstUp === 2000 ? [] : [firstUp]);
        },
      ),
    );
  });
});
