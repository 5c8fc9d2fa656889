import { CollisionFilterExtension } from '@deck.gl/extensions';
import { describe, expect, it } from 'vitest';
import type { BaseView } from '../../src/data/selectors';
import { ROLE_LAYER_IDS, roleLayers } from '../../src/map/roleLayers';

/** A base of the year with the fields the contributor layers read. */
function site(id: string, troops: number | null, tcc: string[]): BaseView {
  return {
    base: { id, location: id },
    by: { baseId: id, mission: 'MINUSCA', lon: 20, lat: 5, troops, tcc, hq: 0, unpol: false },
  } as unknown as BaseView;
}

describe('contributor labels (issue 17.5)', () => {
  const opts = { unpol: false, unmo: false, hq: false, units: [], contributors: true };
  const views = [
    site('a', 150, ['Nepal (150)']),
    site('b', 900, ['Egypt (900)']),
    site('c', null, ['Peru (size unknown)']),
  ];
  const label = roleLayers(views, opts).find((l) => l.id === ROLE_LAYER_IDS.tccLabel)!;

  it('leave out labels that would overlap, the biggest sites first', () => {
    expect(label.props.extensions.some((e) => e instanceof CollisionFilterExtension)).toBe(true);
    const p = label.props as unknown as {
      collisionEnabled: boolean;
      getCollisionPriority: (v: BaseView) => number;
    };
    expect(p.collisionEnabled).toBe(true);
    // 900 troops outrank 150; troops unknown rank last (0), never above a known figure.
    expect(p.getCollisionPriority(views[1]!)).toBeGreaterThan(p.getCollisionPriority(views[0]!));
    expect(p.getCollisionPriority(views[2]!)).toBeLessThan(p.getCollisionPriority(views[0]!));
  });
});
