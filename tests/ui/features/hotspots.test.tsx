/**
 * New hotspots (issue 12, "what changed since last year"): the rule, hand-computed on a small
 * fixture, and the feature (layer, legend, not judged without the year before's data).
 */
import { describe, expect, it } from 'vitest';
import { createSelectors } from '../../../src/data/selectors';
import { HOTSPOT_LAYER_ID, hotspotStar } from '../../../src/map/hotspotLayers';
import { cellPolygon } from '../../../src/domain/grid';
import { defaultState, type AppState } from '../../../src/state/state';
import { base, baseYear, carCell, cellYear, coverage, dataset } from '../../fixtures/factories';
import { renderFeatures } from './harness';

const [A, B, C, D, E] = [0, 1, 2, 3, 4].map((k) => carCell(k, k)) as [
  number,
  number,
  number,
  number,
  number,
];
const bangui = base({ location: 'Bangui', gid: carCell(0, 0) });
const ds = dataset({
  bases: [bangui],
  baseYears: [1989, 2014, 2015].map((y) => baseYear(bangui, y, { troops: 100 })),
  cellYears: [
    // A: 4 → 12 (new at θ 10). B: 15 → 20 (was already above). C: nothing → 10 (new: 0 < 10 ≤ 10).
    // D: 9 (below). E: state 12 → non-state 11 (all: 12 → 11 not new; non-state: 0 → 11 new).
    cellYear({ gid: A, year: 2014, nonstate: 4 }),
    cellYear({ gid: B, year: 2014, nonstate: 15 }),
    cellYear({ gid: E, year: 2014, state: 12 }),
    cellYear({ gid: A, year: 2015, nonstate: 12 }),
    cellYear({ gid: B, year: 2015, nonstate: 20 }),
    cellYear({ gid: C, year: 2015, nonstate: 10 }),
    cellYear({ gid: D, year: 2015, nonstate: 9 }),
    cellYear({ gid: E, year: 2015, nonstate: 11 }),
    cellYear({ gid: A, year: 1989, nonstate: 30 }),
  ],
  coverage: coverage({ years: [1989, 2022] }),
});
const sel = createSelectors(ds);
const gids = (cells: { gid: number }[]) => cells.map((c) => c.gid).sort((x, y) => x - y);

describe('new hotspots', () => {
  it('≥ θ this year, < θ the year before (none recorded = 0 where data is loaded)', () => {
    expect(gids(sel.newHotspots('MINUSCA', 2015, 'all', 10))).toEqual([A, C].sort((x, y) => x - y));
    expect(gids(sel.newHotspots('MINUSCA', 2015, 'nonstate', 10))).toEqual(
      [A, C, E].sort((x, y) => x - y),
    );
    expect(gids(sel.newHotspots('MINUSCA', 2015, 'state', 10))).toEqual([]);
    // θ 5: B and E were already ≥ 5; D (9, nothing before) is new now.
    expect(gids(sel.newHotspots('MINUSCA', 2015, 'all', 5))).toEqual(
      [A, C, D].sort((x, y) => x - y),
    );
  });

  it('is not judged when the year before has no violence data (1988: before GED)', () => {
    expect(sel.newHotspots('MINUSCA', 1989, 'all', 10)).toEqual([]);
  });

  it('the star sits in the cell, in its north-east quarter', () => {
    const ring = cellPolygon(A);
    const [w, s] = ring[0]!;
    const [e, n] = ring[2]!;
    for (const [x, y] of hotspotStar(A)) {
      expect(x).toBeGreaterThan(w + (e - w) / 2);
      expect(x).toBeLessThan(e);
      expect(y).toBeGreaterThan(s + (n - s) / 2);
      expect(y).toBeLessThan(n);
    }
  });

  const stateOf = (over: Partial<AppState>): AppState => ({
    ...defaultState(ds.missions),
    mission: 'MINUSCA',
    year: 2015,
    ...over,
  });

  it('the feature draws the stars and keys them with the count only when switched on', () => {
    const layers = defaultState(ds.missions).layers;
    expect(layers.hotspots).toBe(false);
    const off = renderFeatures(ds, stateOf({}));
    expect(off.ids).not.toContain(HOTSPOT_LAYER_ID);
    expect(off.maps.flatMap((m) => m.legend).map((s) => s.id)).not.toContain('hotspots');
    const on = renderFeatures(ds, stateOf({ layers: { ...layers, hotspots: true } }));
    expect(on.ids).toContain(HOTSPOT_LAYER_ID);
    const section = on.maps.flatMap((m) => m.legend).find((s) => s.id === 'hotspots')!;
    expect(section.title).toBe('New hotspots, 2015');
    expect(section.subtitle).toBe('≥ 10 killed, fewer than 10 in 2014');
    expect(section.entries[0]!.detail).toBe('2');
    const early = renderFeatures(
      ds,
      stateOf({ year: 1989, layers: { ...layers, hotspots: true } }),
    );
    const notJudged = early.maps.flatMap((m) => m.legend).find((s) => s.id === 'hotspots')!;
    expect(notJudged.notes).toEqual(['Not computed for 1989: violence data not loaded.']);
    expect(notJudged.entries[0]!.detail).toBeUndefined();
  });
});
