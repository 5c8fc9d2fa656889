import type { Layer } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { createLagSelectors } from '../../src/data/lagSelectors';
import { cellPolygon } from '../../src/domain/grid';
import { DEFAULT_LAG_PARAMS, FLAGGED_CATEGORIES, LAG_CATEGORIES } from '../../src/domain/lag';
import type { Episode } from '../../src/domain/lagTypes';
import {
  CATEGORY_STYLES,
  FLAG_INSET,
  FLAG_LAYER_IDS,
  HALO_EXTRA_PX,
  categoryColor,
  censoredChevron,
  dashRing,
  flagLayers,
  flagSegments,
  insetRing,
  type FlagSegment,
} from '../../src/map/flagLayers';
import { VIOLENCE_COLORS, MISSION_COLOR, hexToRgba } from '../../src/map/scales';
import { LAG_CELLS, lagScenarioDataset } from '../fixtures/lagScenario';

function acc<T>(layer: Layer, prop: string, d: T): unknown {
  const v = (layer.props as unknown as Record<string, unknown>)[prop];
  return typeof v === 'function' ? (v as (x: T) => unknown)(d) : v;
}

const sel = createLagSelectors(lagScenarioDataset());
const episodes = sel.result('MINUSCA', DEFAULT_LAG_PARAMS)!.episodes;
const { N, P, R } = LAG_CELLS;

describe('flag layer geometry', () => {
  it('outlines are thin: at most 2 px with a 1 px halo each side, so the cell colour shows', () => {
    for (const c of FLAGGED_CATEGORIES) {
      expect(CATEGORY_STYLES[c].widthPx).toBeLessThanOrEqual(2);
      expect(CATEGORY_STYLES[c].widthPx + HALO_EXTRA_PX).toBeLessThanOrEqual(4);
    }
  });

  it('insetRing shrinks the cell towards its centre and stays closed', () => {
    const ring = insetRing(N);
    const cell = cellPolygon(N);
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    const [w, s] = cell[0]!;
    expect(ring[0]![0]).toBeCloseTo(w + 0.5 * FLAG_INSET, 9);
    expect(ring[0]![1]).toBeCloseTo(s + 0.5 * FLAG_INSET, 9);
    expect(ring[2]![0]).toBeCloseTo(w + 0.5 - 0.5 * FLAG_INSET, 9);
  });

  it('dashRing: solid = the ring; dashes start and end at the corners', () => {
    const ring = insetRing(N);
    expect(dashRing(ring, 0, 0)).toEqual([ring]);
    const dashes = dashRing(ring, 3, 0.5);
    expect(dashes).toHaveLength(12);
    // First dash of the first side starts at the corner; last dash of that side ends at the next.
    expect(dashes[0]![0]).toEqual(ring[0]);
    expect(dashes[2]![1]![0]).toBeCloseTo(ring[1]![0], 9);
    // Dash length: 1 / (3 + 2 · 0.5) = 1/4 of the side.
    const side = ring[1]![0] - ring[0]![0];
    expect(dashes[0]![1]![0] - dashes[0]![0]![0]).toBeCloseTo(side / 4, 9);
  });
});

describe('flagLayers', () => {
  it('draws only flagged episodes open in the year, one outline per cell', () => {
    const segs = flagSegments(episodes, 2016);
    expect(new Set(segs.map((s) => s.episode.gid))).toEqual(new Set([N, P]));
    // N is NOT_RESPONDED (solid: one ring), P is PRESENT_NOT_STRENGTHENED (dashed).
    expect(segs.filter((s) => s.episode.gid === N)).toHaveLength(1);
    expect(segs.filter((s) => s.episode.gid === P)).toHaveLength(
      4 * CATEGORY_STYLES.PRESENT_NOT_STRENGTHENED.dashes,
    );
    expect(new Set(flagSegments(episodes, 2015).map((s) => s.episode.gid))).toEqual(
      new Set([N, R]),
    );
    expect(flagSegments(episodes, 2014)).toEqual([]);
  });

  it('halo under a coloured, pickable outline with category colour and width', () => {
    const layers = flagLayers(episodes, 2016, 'k');
    expect(layers.map((l) => l.id)).toEqual([FLAG_LAYER_IDS.halo, FLAG_LAYER_IDS.outline]);
    const [halo, outline] = layers as unknown as [Layer, Layer];
    expect(halo.props.pickable).toBe(false);
    expect(outline.props.pickable).toBe(true);
    const data = outline.props.data as FlagSegment[];
    const n = data.find((s) => s.episode.gid === N)!;
    const p = data.find((s) => s.episode.gid === P)!;
    expect(acc(outline, 'getColor', n)).toEqual(hexToRgba(CATEGORY_STYLES.NOT_RESPONDED.color));
    expect(acc(outline, 'getColor', p)).toEqual(
      hexToRgba(CATEGORY_STYLES.PRESENT_NOT_STRENGTHENED.color),
    );
    expect(acc(outline, 'getWidth', n)).toBe(CATEGORY_STYLES.NOT_RESPONDED.widthPx);
    expect(acc(halo, 'getWidth', n)).toBe(CATEGORY_STYLES.NOT_RESPONDED.widthPx + HALO_EXTRA_PX);
    expect(acc(outline, 'getPath', n)).toEqual(insetRing(N));
    expect((outline.props as unknown as { widthUnits: string }).widthUnits).toBe('pixels');
  });

  it('episodes that may have begun before the first analysed year get a "‹" chevron', () => {
    const marked = episodes.map((e) => ({ ...e, censoredStart: e.gid === N }));
    const segs = flagSegments(marked, 2016);
    const chevrons = segs.filter((s) => s.kind === 'censored');
    expect(chevrons.map((s) => s.episode.gid)).toEqual([N]);
    expect(chevrons[0]!.path).toEqual(censoredChevron(N));
    // Inside the outline, pointing west (the tip is the westmost point).
    const ring = insetRing(N);
    const [tip, ...ends] = [chevrons[0]!.path[1]!, chevrons[0]!.path[0]!, chevrons[0]!.path[2]!];
    for (const p of [tip, ...ends]) {
      expect(p[0]).toBeGreaterThan(ring[0]![0]);
      expect(p[0]).toBeLessThan(ring[2]![0]);
      expect(p[1]).toBeGreaterThan(ring[0]![1]);
      expect(p[1]).toBeLessThan(ring[2]![1]);
    }
    for (const p of ends) expect(p[0]).toBeGreaterThan(tip[0]);
    // Drawn (and picked) like the outline, in the episode's colour.
    const outline = flagLayers(marked, 2016, 'k')[1]!;
    expect(acc(outline, 'getColor', chevrons[0]!)).toEqual(
      hexToRgba(CATEGORY_STYLES.NOT_RESPONDED.color),
    );
    expect(flagSegments(episodes, 2016).some((s) => s.kind === 'censored')).toBe(false);
  });

  it('no layers when nothing is flagged in the year', () => {
    expect(flagLayers(episodes, 2014)).toEqual([]);
    expect(flagLayers([], 2016)).toEqual([]);
  });

  it('updates when the parameters change (θ 20 drops P)', () => {
    const e20 = sel.result('MINUSCA', { ...DEFAULT_LAG_PARAMS, theta: 20 })!.episodes;
    const data = flagLayers(e20, 2016, 'theta20')[1]!.props.data as FlagSegment[];
    expect(new Set(data.map((s) => s.episode.gid))).toEqual(new Set([N]));
  });
});

describe('category styles', () => {
  it('flagged classes differ by colour AND pattern', () => {
    const flagged = FLAGGED_CATEGORIES.map((c) => CATEGORY_STYLES[c]);
    expect(new Set(flagged.map((s) => s.color)).size).toBe(3);
    expect(new Set(flagged.map((s) => s.dashes)).size).toBe(3);
    expect(new Set(flagged.map((s) => s.pattern)).size).toBe(3);
  });

  it('every category has a colour distinct from the violence scale and the bases', () => {
    const taken = new Set([...VIOLENCE_COLORS, MISSION_COLOR].map((c) => c.toLowerCase()));
    for (const c of LAG_CATEGORIES) {
      expect(taken.has(CATEGORY_STYLES[c].color)).toBe(false);
      expect(categoryColor(c)).toHaveLength(4);
    }
    // Outline colours are far from every violence fill (sum of RGB differences).
    for (const c of FLAGGED_CATEGORIES) {
      const [r, g, b] = categoryColor(c);
      for (const v of VIOLENCE_COLORS) {
        const [R, G, B] = hexToRgba(v);
        expect(Math.abs(r - R) + Math.abs(g - G) + Math.abs(b - B)).toBeGreaterThan(150);
      }
    }
  });

  it('episodes of unflagged categories are never drawn', () => {
    const fake: Episode[] = episodes.map((e) => ({ ...e, flagged: false }));
    expect(flagSegments(fake, 2016)).toEqual([]);
  });
});
