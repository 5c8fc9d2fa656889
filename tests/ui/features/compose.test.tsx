/**
 * The features composed as the atlas composes them, on small fixtures: layer order and toggles
 * (moved from the old `atlasLayers` tests), the tweened layers in place of the static ones while
 * the clock runs, pick routing by layer id, and the legend the features give equal to the one
 * legend model the exports draw.
 */
import { describe, expect, it } from 'vitest';
import { CHANGE_LAYER_IDS } from '../../../src/map/changeLayers';
import { FLAG_LAYER_IDS } from '../../../src/map/flagLayers';
import { LAYER_IDS } from '../../../src/map/layers';
import { legendModel } from '../../../src/map/legend';
import { MISSION_COLOR } from '../../../src/map/scales';
import { defaultState, type AppState } from '../../../src/state/state';
import { pickHandlers, renderCounts } from '../../../src/ui/features/compose';
import { layersScenario, tweenScenario } from '../../fixtures/mapScenarios';
import { renderFeatures } from './harness';

const CAR = 'Central African Republic';

// The scenario of tests/map/layers.test.ts.
const ds = layersScenario();

function stateOf(over: Partial<AppState> = {}): AppState {
  const s = defaultState(ds.missions);
  return { ...s, mission: 'MINUSCA', year: 2015, ...over };
}

describe('feature composition', () => {
  it('orders layers and follows the layer toggles', () => {
    const quiet = { ...stateOf().layers, flags: false, changes: false };
    const plain = renderFeatures(ds, stateOf({ layers: quiet }));
    // The cells' outlines are their own layer (binary attributes), right above the cells.
    expect(plain.ids).toEqual([
      LAYER_IDS.violence,
      LAYER_IDS.violenceOutline,
      LAYER_IDS.bases,
      LAYER_IDS.basesHq,
    ]);
    // With the change markers (2015 is the mission's first year: every base is new), the rings
    // go on top of the bases.
    const marked = renderFeatures(ds, stateOf({ layers: { ...quiet, changes: true } }));
    expect(marked.ids).toEqual([
      LAYER_IDS.violence,
      LAYER_IDS.violenceOutline,
      LAYER_IDS.bases,
      LAYER_IDS.basesHq,
      CHANGE_LAYER_IDS.newRings,
    ]);
    const off = renderFeatures(
      ds,
      stateOf({
        layers: { ...stateOf().layers, violence: false, flags: false, changes: false },
        selection: { kind: 'cell', gid: 5 },
      }),
    );
    expect(off.ids).toEqual([LAYER_IDS.selectedCell, LAYER_IDS.bases, LAYER_IDS.basesHq]);
    const none = renderFeatures(
      ds,
      stateOf({ layers: { ...stateOf().layers, violence: false, bases: false, flags: false } }),
    );
    expect(none.ids).toEqual([]);
  });

  it('hides a switched-off layer with visible: false instead of dropping it', () => {
    const r = renderFeatures(
      ds,
      stateOf({ layers: { ...stateOf().layers, violence: false, flags: false } }),
    );
    const cells = r.maps.flatMap((m) => m.layers.cells ?? []);
    expect(cells.map((l) => [l.id, l.props.visible])).toEqual([
      [LAYER_IDS.violence, false],
      [LAYER_IDS.violenceOutline, false],
    ]);
  });

  it('reports the counts and the nearby missions every feature sees', () => {
    const r = renderFeatures(ds, stateOf());
    expect(renderCounts(r.maps)).toMatchObject({ cells: 2, bases: 4 });
    expect(r.view.otherIds).toEqual(['MINURCAT']);
    expect(r.view.covered).toEqual([CAR]);
  });

  it('routes a click on a base to its selection, and on an unknown layer to nothing', () => {
    const r = renderFeatures(ds, stateOf());
    const picks = pickHandlers(r.maps);
    const bases = r.maps.flatMap((m) => m.layers.bases ?? []);
    const v = (bases[0]!.props.data as { base: { id: string } }[])[0]!;
    expect(picks.get(LAYER_IDS.bases)?.click?.(v, r.view)).toEqual({
      type: 'select',
      selection: { kind: 'base', id: v.base.id },
    });
    expect(picks.get('no-such-layer')).toBeUndefined();
    expect(picks.has(FLAG_LAYER_IDS.outline)).toBe(true);
  });

  it('gives the legend of the one legend model for the same view', () => {
    const state = stateOf({ layers: { ...stateOf().layers, flags: false } });
    const r = renderFeatures(ds, state);
    const sections = r.maps.flatMap((m) => m.legend);
    expect(sections).toEqual(
      legendModel({
        period: '2015',
        perpetrator: 'all',
        layers: state.layers,
        noData: false,
        mission: 'MINUSCA',
        others: [{ id: 'MINURCAT', color: r.view.others[0]!.color }],
        flags: null,
        highlights: false,
      }),
    );
    expect(r.view.others[0]!.color).not.toBe(MISSION_COLOR);
  });
});

// The scenario of tests/map/changeLayers.test.ts.
const tds = tweenScenario();

describe('the clock drives the tweened layers', () => {
  const start = (): AppState => ({
    ...defaultState(tds.missions),
    mission: 'MINUSCA',
    year: 2016,
    layers: { ...defaultState(tds.missions).layers, flags: false },
  });

  it('draws the tweened layers in place of the static ones, at the same place in the order', () => {
    const paused = renderFeatures(tds, start());
    const staticViolence = paused.maps.flatMap((m) => m.layers.cells ?? [])[0]!;
    const { store } = paused;
    store.dispatch({ type: 'playback', action: { type: 'play' } });
    store.dispatch({ type: 'tick', dtMs: 200 }); // 1.5 s per year → t ≈ 0.13
    const moving = renderFeatures(tds, store.getState(), { store });
    expect(moving.view.frame).toMatchObject({ step: 2016, next: 2017 });
    expect(moving.view.frame.t).toBeCloseTo(0.2 / 1.5, 5);
    const violence = moving.maps.flatMap((m) => m.layers.cells ?? [])[0]!;
    expect(violence.id).toBe(LAYER_IDS.violence);
    expect(violence).not.toBe(staticViolence);
    expect(violence.props.updateTriggers).toMatchObject({ getFillColor: [moving.view.frame.t] });
    expect(moving.ids[0]).toBe(LAYER_IDS.violence);
    const bases = moving.maps.flatMap((m) => m.layers.bases ?? [])[0]!;
    expect(bases.id).toBe(LAYER_IDS.bases);
    expect(bases.props.updateTriggers).toMatchObject({ getRadius: [moving.view.frame.t] });
  });

  it('keeps a switched-off layer off while tweening', () => {
    const s = start();
    const store = renderFeatures(tds, { ...s, layers: { ...s.layers, violence: false } }).store;
    store.dispatch({ type: 'playback', action: { type: 'play' } });
    store.dispatch({ type: 'tick', dtMs: 200 });
    expect(renderFeatures(tds, store.getState(), { store }).ids).not.toContain(LAYER_IDS.violence);
  });
});
