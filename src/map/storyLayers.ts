/**
 * Case-study highlights as thin deck.gl layer builders: the bases a scene names get a thick
 * black ring over a white halo and their name in bold under it (replacing the town's label, see
 * `replacedPlaces.ts`); highlighted cells a thick outline. Pure
 * functions of (bases of the year, highlighted ids / gids).
 */
import { PolygonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { cellPolygon, type LonLat } from '../domain/grid';
import type { BaseView } from '../data/selectors';
import { LABEL_FONT_FAMILY } from './basemap/labels';
import { baseRadius, type RGBA } from './scales';

/** Layer ids. */
export const STORY_LAYER_IDS = {
  cells: 'story-highlight-cells',
  halo: 'story-highlight-halo',
  ring: 'story-highlight-ring',
  names: 'story-highlight-names',
} as const;

const FONT_SETTINGS = { sdf: true, fontSize: 64, buffer: 8, radius: 16, cutoff: 0.22 };

/**
 * Where a highlighted base's name goes relative to the base (pixels, y down): centred under its
 * ring, clear of the change markers at the upper right and of the ring's halo.
 */
export function highlightNameOffset(v: BaseView): [number, number] {
  return [0, baseRadius(v.by.troops) + 5 + 6];
}

/** The highlighted bases among the year's bases (a base absent that year is not drawn). */
export function highlightedBases(bases: readonly BaseView[], ids: readonly string[]): BaseView[] {
  const set = new Set(ids);
  return bases.filter((b) => set.has(b.base.id));
}

/**
 * Layers for a scene's highlights, to draw on top of the bases: cell outlines, base rings and
 * base names. Empty when nothing is highlighted.
 */
export function storyHighlightLayers(
  bases: readonly BaseView[],
  baseIds: readonly string[],
  gids: readonly number[],
): Layer[] {
  const hi = highlightedBases(bases, baseIds);
  const layers: Layer[] = [];
  if (gids.length > 0)
    layers.push(
      new PolygonLayer<{ polygon: LonLat[] }>({
        id: STORY_LAYER_IDS.cells,
        data: gids.map((g) => ({ polygon: cellPolygon(g) })),
        getPolygon: (d) => d.polygon,
        filled: false,
        stroked: true,
        getLineColor: [17, 17, 17, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 4,
        pickable: false,
      }),
    );
  if (hi.length === 0) return layers;
  const ring = (v: BaseView) => baseRadius(v.by.troops) + 5;
  const ringLayer = (id: string, color: RGBA, width: number) =>
    new ScatterplotLayer<BaseView>({
      id,
      data: hi,
      getPosition: (v) => [v.by.lon, v.by.lat],
      radiusUnits: 'pixels',
      getRadius: ring,
      filled: false,
      stroked: true,
      getLineColor: color,
      lineWidthUnits: 'pixels',
      getLineWidth: width,
      pickable: false,
    });
  layers.push(
    // A white halo under a black ring: visible on light land and dark violence cells alike.
    ringLayer(STORY_LAYER_IDS.halo, [255, 255, 255, 240], 7),
    ringLayer(STORY_LAYER_IDS.ring, [17, 17, 17, 255], 3.5),
    new TextLayer<BaseView>({
      id: STORY_LAYER_IDS.names,
      data: hi,
      getPosition: (v) => [v.by.lon, v.by.lat],
      getText: (v) => v.base.location,
      getSize: 17,
      sizeUnits: 'pixels',
      getColor: [17, 17, 17, 255],
      // Below the ring: the change markers (▲ ▼) sit at the circle's upper right and stay
      // visible; the town's own label beside the base is left out (it would repeat the name).
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'top',
      getPixelOffset: highlightNameOffset,
      fontFamily: LABEL_FONT_FAMILY,
      fontWeight: 700,
      characterSet: 'auto',
      fontSettings: FONT_SETTINGS,
      outlineWidth: 4,
      outlineColor: [255, 255, 255, 240],
      pickable: false,
    }),
  );
  return layers;
}
