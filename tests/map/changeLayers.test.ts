import type { Layer } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { createSelectors } from '../../src/data/selectors';
import { createTimelineSelectors, type BaseTween } from '../../src/data/timelineSelectors';
import { changesInYear, indexBaseYears } from '../../src/domain/changes';
import {
  CHANGE_COLORS,
  CHANGE_LAYER_IDS,
  cellTweenColor,
  changeLayers,
  changeMarkers,
  tweenBase,
  tweenedBasesLayers,
} from '../../src/map/changeLayers';
import {
  CELL_VERTICES,
  CellPickLayer,
  cellTweenBuffers,
  tweenedCellLayer,
} from '../../src/map/cellLayers';
import { LAYER_IDS, baseStyle } from '../../src/map/layers';
import { baseRadius, hexToRgba, violenceColor } from '../../src/map/scales';
import { carCell } from '../fixtures/factories';
import { tweenScenario } from '../fixtures/mapScenarios';

/**
 * Calls a layer accessor prop as deck.gl does (deck.gl accessors are functions or constants; a
 * function gets the object's index, the data and a fresh target array to fill).
 */
function acc<T>(layer: Layer, prop: string, d: T): unknown {
  const v = (layer.props as unknown as Record<string, unknown>)[prop];
  if (typeof v !== 'function') return v;
  const data = layer.props.data as T[];
  const out = (v as (x: T, ctx: { index: number; data: T[]; target: number[] }) => unknown)(d, {
    index: data.indexOf(d),
    data,
    target: [],
  });
  return Array.isArray(out) ? [...(out as number[])] : out;
}
const dataOf = <T>(layer: Layer): T[] => layer.props.data as T[];

const CAR = 'Central African Republic';
const ds = tweenScenario();
const changes2017 = changesInYear(indexBaseYears(ds.baseYears, 'MINUSCA'), 2017);
const tsel = createTimelineSelectors(createSelectors(ds));

describe('changeMarkers and changeLayers', () => {
  it('marks every change except UNCHANGED, sized by the relevant troops', () => {
    const m = changeMarkers(changes2017);
    expect(m.map((x) => [x.change.baseId, x.change.kind]).sort()).toEqual([
      ['MINUSCA:bangui', 'STRENGTHENED'],
      ['MINUSCA:bria', 'REDUCED'],
      ['MINUSCA:kaga', 'NEW'],
      ['MINUSCA:obo', 'CLOSED'],
    ]);
    const obo = m.find((x) => x.change.kind === 'CLOSED')!;
    // The ghost keeps the size the base had the year before.
    expect(obo.radius).toBe(baseRadius(300));
    expect(m.find((x) => x.change.kind === 'NEW')!.radius).toBe(baseRadius(150));
  });

  it('draws rings for NEW, arrows for STRENGTHENED / REDUCED, ghosts for CLOSED', () => {
    const layers = changeLayers(changes2017).filter((l): l is NonNullable<typeof l> => l !== null);
    const byId = new Map(layers.map((l) => [l.id, l as Layer]));
    expect([...byId.keys()].sort()).toEqual(
      [CHANGE_LAYER_IDS.arrows, CHANGE_LAYER_IDS.ghosts, CHANGE_LAYER_IDS.newRings].sort(),
    );
    const rings = byId.get(CHANGE_LAYER_IDS.newRings)!;
    type M = ReturnType<typeof changeMarkers>[number];
    expect(dataOf<M>(rings).map((x) => x.change.baseId)).toEqual(['MINUSCA:kaga']);
    expect(rings.props).toMatchObject({ filled: false, stroked: true, pickable: false });
    expect(acc(rings, 'getLineColor', dataOf(rings)[0])).toEqual(hexToRgba(CHANGE_COLORS.NEW));

    const arrows = byId.get(CHANGE_LAYER_IDS.arrows)!;
    const text = new Map(
      dataOf<M>(arrows).map((x) => [x.change.baseId, acc(arrows, 'getText', x)]),
    );
    expect(text.get('MINUSCA:bangui')).toBe('▲');
    expect(text.get('MINUSCA:bria')).toBe('▼');
    const ghosts = byId.get(CHANGE_LAYER_IDS.ghosts)!;
    expect(dataOf<M>(ghosts).map((x) => x.position)).toEqual([
      [
        changes2017.find((c) => c.kind === 'CLOSED')!.lon,
        changes2017.find((c) => c.kind === 'CLOSED')!.lat,
      ],
    ]);
  });

  it('leaves out layers without data and clamps the opacity', () => {
    const onlyUnchanged = changes2017.filter((c) => c.kind === 'UNCHANGED');
    expect(changeLayers(onlyUnchanged).every((l) => l === null)).toBe(true);
    const layers = changeLayers(changes2017, { opacity: 7 }).filter((l) => l !== null);
    expect(layers.every((l) => l!.props.opacity === 1)).toBe(true);
  });
});

describe('cell tween', () => {
  it('fades a cell in and out and blends classes in between', () => {
    const c30 = violenceColor(30)!;
    expect(cellTweenColor(30, null, 0)).toEqual(c30);
    expect(cellTweenColor(30, null, 1)[3]).toBe(0);
    expect(cellTweenColor(null, 30, 0)[3]).toBe(0);
    expect(cellTweenColor(null, 30, 1)).toEqual(c30);
    expect(cellTweenColor(null, 30, 0.5)[3]).toBe(Math.round(c30[3] * 0.5));
    const c300 = violenceColor(300)!;
    const mid = cellTweenColor(3, 300, 0.5);
    const c3 = violenceColor(3)!;
    for (let i = 0; i < 3; i++) {
      expect(mid[i]).toBeGreaterThanOrEqual(Math.min(c3[i]!, c300[i]!));
      expect(mid[i]).toBeLessThanOrEqual(Math.max(c3[i]!, c300[i]!));
    }
    expect(cellTweenColor(3, 300, 1)).toEqual(c300);
    expect(cellTweenColor(null, null, 0.5)).toEqual([0, 0, 0, 0]);
  });

  it('builds a pickable violence layer over both years with t in its update triggers', () => {
    const tweens = tsel.cellTweens(2016, 2017, 'all', [CAR]);
    expect(tweens.map((c) => [c.gid, c.from, c.to]).sort()).toEqual(
      [
        [carCell(0, 0), 3, 300],
        [carCell(5, 5), 30, null],
        [carCell(7, 7), null, 12],
      ].sort(),
    );
    // As the violence feature draws it: binary attributes (src/map/cellLayers.ts; the
    // accessor-based tweenedViolenceLayer these assertions were first written for is gone).
    const layer = tweenedCellLayer(cellTweenBuffers(tweens), 0.3);
    expect(layer.id).toBe(LAYER_IDS.violence);
    expect(layer.props.pickable).toBe(true);
    expect(layer.props.updateTriggers).toMatchObject({ getFillColor: [0.3] });
    // No per-cell outline paths while animating (the costly part of a software-rendered frame):
    // one filled polygon layer, no path layer.
    expect(layer).toBeInstanceOf(CellPickLayer);
    const leaving = tweens.find((c) => c.to === null)!;
    const data = layer.props.data as unknown as {
      cells: typeof tweens;
      attributes: { getFillColor: { value: Uint8Array } };
    };
    const k = data.cells.indexOf(leaving);
    const o = k * CELL_VERTICES * 4;
    expect([...data.attributes.getFillColor.value.subarray(o, o + 4)]).toEqual(
      cellTweenColor(30, null, 0.3),
    );
    // Picking keeps what the viewer's handlers read.
    expect(leaving).toMatchObject({ gid: carCell(5, 5), value: 30 });
  });
});

describe('base tween', () => {
  const tweens = tsel.baseTweens(2016, 2017);
  const byId = new Map(tweens.map((b) => [b.base.id, b]));

  it('pairs the bases of two years', () => {
    expect(byId.get('MINUSCA:obo')).toMatchObject({ to: null });
    expect(byId.get('MINUSCA:kaga')).toMatchObject({ from: null });
    expect(byId.get('MINUSCA:kaga')!.by.year).toBe(2017);
    expect(byId.get('MINUSCA:bangui')!.by.year).toBe(2016);
  });

  it('grows, shrinks, opens and closes', () => {
    const bangui = byId.get('MINUSCA:bangui')!;
    expect(tweenBase(bangui, 0).radius).toBeCloseTo(baseRadius(2000));
    expect(tweenBase(bangui, 1).radius).toBeCloseTo(baseRadius(2500));
    const mid = tweenBase(bangui, 0.5).radius;
    expect(mid).toBeGreaterThan(baseRadius(2000));
    expect(mid).toBeLessThan(baseRadius(2500));
    const kaga = byId.get('MINUSCA:kaga')!;
    expect(tweenBase(kaga, 0)).toMatchObject({ radius: 0, alpha: 0 });
    expect(tweenBase(kaga, 1)).toMatchObject({ radius: baseRadius(150), alpha: 1 });
    const obo = byId.get('MINUSCA:obo')!;
    expect(tweenBase(obo, 0)).toMatchObject({ radius: baseRadius(300), alpha: 1 });
    expect(tweenBase(obo, 1)).toMatchObject({ radius: baseRadius(300), alpha: 0 });
  });

  it('slides a base whose coordinates jitter between years', () => {
    const b = byId.get('MINUSCA:sibut')!;
    const moved: BaseTween = { ...b, to: { ...b.to!, lon: b.to!.lon + 0.02 } };
    const [lon] = tweenBase(moved, 0.5).position;
    expect(lon).toBeCloseTo(b.from!.lon + 0.01);
  });

  it('builds pickable base layers coloured as the viewer colours them', () => {
    const opts = { mission: 'MINUSCA', missionIds: [], missionSlots: new Map(), selectedId: null };
    const [circles] = tweenedBasesLayers(tweens, 0.5, opts);
    expect(circles!.id).toBe(LAYER_IDS.bases);
    expect(circles!.props.pickable).toBe(true);
    const obo = byId.get('MINUSCA:obo')!;
    const fill = acc(circles!, 'getFillColor', obo) as number[];
    const full = baseStyle(obo, opts).fill;
    expect(fill.slice(0, 3)).toEqual(full.slice(0, 3));
    expect(fill[3]).toBe(Math.round(full[3] * 0.5));
    // Largest first so that small bases stay on top.
    const radii = dataOf<BaseTween>(circles!).map((b) =>
      Math.max(baseRadius(b.from?.troops ?? null), baseRadius(b.to?.troops ?? null)),
    );
    expect([...radii].sort((a, b) => b - a)).toEqual(radii);
    expect(circles!.props.updateTriggers).toMatchObject({ getRadius: [0.5] });
  });
});

describe('tweened layers allocate nothing per frame', () => {
  it('keeps data stable across frames and writes colours into deck.gl target arrays', () => {
    const cells = tsel.cellTweens(2016, 2017, 'all', [CAR]);
    // The violence cells as drawn (binary attributes): one data object per step pair, colours
    // written into one of two preallocated frame buffers.
    const buffers = cellTweenBuffers(cells);
    const a = tweenedCellLayer(buffers, 0.25);
    const b = tweenedCellLayer(buffers, 0.75);
    expect(b.props.data).toBe(a.props.data);
    const frame = (
      b.props.data as unknown as { attributes: { getFillColor: { value: Uint8Array } } }
    ).attributes.getFillColor.value;
    expect(buffers.frames.map((f) => f.value)).toContain(frame);
    expect([...frame.subarray(0, 4)]).toEqual(cellTweenColor(cells[0]!.from, cells[0]!.to, 0.75));

    // The change markers keep their data while they fade (a new opacity each frame).
    const changes = changes2017;
    const faded = changeLayers(changes, { opacity: 0.4 });
    expect(faded.filter((l) => l !== null).length).toBeGreaterThan(0);
    changeLayers(changes, { opacity: 0.8 }).forEach((l, i) =>
      expect(l?.props.data).toBe(faded[i]?.props.data),
    );

    const opts = { mission: 'MINUSCA', missionIds: [], missionSlots: new Map(), selectedId: null };
    const pairs = tsel.baseTweens(2016, 2017);
    const [c1] = tweenedBasesLayers(pairs, 0.25, opts);
    const [c2] = tweenedBasesLayers(pairs, 0.75, opts);
    expect(c2!.props.data).toBe(c1!.props.data); // sorted once per step pair and options
    const pos = [0, 0];
    const getPos = c2!.props.getPosition as unknown as (
      x: unknown,
      ctx: { target: number[] },
    ) => number[];
    expect(getPos((c2!.props.data as unknown[])[0], { target: pos })).toBe(pos);
  });
});
