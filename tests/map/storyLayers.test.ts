import { describe, expect, it } from 'vitest';
import type { BaseView } from '../../src/data/selectors';
import { highlightedBases, STORY_LAYER_IDS, storyHighlightLayers } from '../../src/map/storyLayers';
import { baseRadius } from '../../src/map/scales';
import { base, baseYear, carCell } from '../fixtures/factories';

function view(location: string, troops: number | null, dCol = 0): BaseView {
  const b = base({ location, gid: carCell(0, dCol) });
  return { base: b, by: baseYear(b, 2017, { troops }) };
}

describe('storyHighlightLayers', () => {
  const bases = [view('Bangui', 2500), view('Bria', 400, 4), view('Obo', 0, 9)];

  it('draws nothing when nothing is highlighted', () => {
    expect(storyHighlightLayers(bases, [], [])).toEqual([]);
  });

  it('rings and names only the highlighted bases present this year', () => {
    const layers = storyHighlightLayers(bases, ['MINUSCA:bria', 'MINUSCA:gone'], []);
    expect(layers.map((l) => l.id)).toEqual([
      STORY_LAYER_IDS.halo,
      STORY_LAYER_IDS.ring,
      STORY_LAYER_IDS.names,
    ]);
    const ring = layers[1]!.props as unknown as {
      data: BaseView[];
      getRadius: (v: BaseView) => number;
    };
    expect(ring.data.map((v) => v.base.location)).toEqual(['Bria']);
    expect(ring.getRadius(ring.data[0]!)).toBe(baseRadius(400) + 5);
    const names = layers[2]!.props as unknown as { getText: (v: BaseView) => string };
    expect(names.getText(ring.data[0]!)).toBe('Bria');
  });

  it('outlines highlighted cells', () => {
    const layers = storyHighlightLayers(bases, [], [carCell()]);
    expect(layers.map((l) => l.id)).toEqual([STORY_LAYER_IDS.cells]);
    expect(highlightedBases(bases, ['MINUSCA:obo']).map((v) => v.base.location)).toEqual(['Obo']);
  });
});
