/**
 * Thin, pure deck.gl layer builders: each takes the selected data and the view state and returns
 * layers. No fetching, no React, no map instance here.
 */
import { PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import { cellPolygon, type LonLat } from '../domain/grid';
import type { BaseView, CellView } from '../data/selectors';
import {
  UNKNOWN_TROOPS_COLOR,
  baseRadius,
  hexToRgba,
  FAR_MISSION_COLOR,
  missionColor,
  violenceColor,
  worldMissionColor,
  type RGBA,
} from './scales';

/** Layer ids (stable: tests and picking rely on them). */
export const LAYER_IDS = {
  violence: 'violence-cells',
  /** The hairline outlines of the violence cells (binary attributes; not pickable). */
  violenceOutline: 'violence-cells-outline',
  selectedCell: 'selected-cell',
  bases: 'bases',
  basesHq: 'bases-hq',
  selectedBase: 'selected-base',
} as const;

/** Fill colour of a drawn cell (a cell with < 1 fatality is never in the data). */
export function cellFill(c: CellView): RGBA {
  return violenceColor(c.value) ?? [0, 0, 0, 0];
}

/** A thick outline around the selected cell. */
export function selectedCellLayer(gid: number | null): PolygonLayer<{ polygon: LonLat[] }> | null {
  if (gid === null) return null;
  return new PolygonLayer<{ polygon: LonLat[] }>({
    id: LAYER_IDS.selectedCell,
    data: [{ polygon: cellPolygon(gid) }],
    getPolygon: (d) => d.polygon,
    filled: false,
    stroked: true,
    getLineColor: [17, 17, 17, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 3,
    pickable: false,
  });
}

/** How a base is drawn. */
export interface BaseStyle {
  radius: number;
  fill: RGBA;
  line: RGBA;
  lineWidth: number;
}

/** Options of {@link basesLayers}. */
export interface BaseLayerOptions {
  /** The selected mission (drawn in UN blue; others in their own colours). */
  mission: string;
  /** Other missions near the selected one, in legend order (drawn in their colours; others grey). */
  missionIds: readonly string[];
  /** The dataset's mission colour slots (`Selectors.missionSlots`). */
  missionSlots: ReadonlyMap<string, number>;
  selectedId: string | null;
  /** HQ rings drawn (the "HQs" layer; default on). */
  hqRings?: boolean;
  /** The World view: every mission in its own colour (`worldMissionColor`). */
  world?: boolean;
}

/**
 * The style of a base: opaque filled circle with area ∝ troops in its mission's colour and a
 * white edge; a zero-troop location (police, observers, HQ staff only) is a white disc with a ring
 * in the mission's colour; a base with unknown troops is an opaque grey disc with that ring.
 */
export function baseStyle(
  v: BaseView,
  opts: Pick<BaseLayerOptions, 'mission' | 'missionIds' | 'missionSlots' | 'world'>,
): BaseStyle {
  const m = v.by.mission;
  const color = opts.world
    ? worldMissionColor(m, opts.missionSlots)
    : m === opts.mission || opts.missionIds.includes(m)
      ? missionColor(m, opts.mission, opts.missionSlots)
      : FAR_MISSION_COLOR;
  const troops = v.by.troops;
  const radius = baseRadius(troops);
  if (troops === null)
    return {
      radius,
      fill: hexToRgba(UNKNOWN_TROOPS_COLOR, 255),
      line: hexToRgba(color, 255),
      lineWidth: 1.5,
    };
  if (v.by.zeroTroops || troops === 0)
    return { radius, fill: [255, 255, 255, 255], line: hexToRgba(color, 255), lineWidth: 2 };
  // Opaque, so that a base over a coloured cell never mixes into the grey of "troops unknown".
  return { radius, fill: hexToRgba(color, 255), line: [255, 255, 255, 255], lineWidth: 1 };
}

/** Orders bases so that big circles are drawn first and small ones stay clickable on top. */
export function drawOrder(views: readonly BaseView[]): BaseView[] {
  return [...views].sort(
    (a, b) =>
      baseRadius(b.by.troops) - baseRadius(a.by.troops) ||
      (a.base.id < b.base.id ? -1 : a.base.id > b.base.id ? 1 : 0),
  );
}

/** HQ ring width (px): mission HQ 3, regional / sector HQ 1.5, else 0. */
export function hqRingWidth(hq: number): number {
  return hq >= 3 ? 3 : hq >= 1 ? 1.5 : 0;
}

/**
 * The bases of the year: circles by troops, plus HQ rings (a ring around the circle: thick for the
 * mission HQ, thin for sector HQs) and a ring around the selected base.
 */
export function basesLayers(
  views: readonly BaseView[],
  opts: BaseLayerOptions,
): (ScatterplotLayer<BaseView> | null)[] {
  const data = drawOrder(views);
  const styles = new Map(data.map((v) => [v, baseStyle(v, opts)]));
  const style = (v: BaseView): BaseStyle => styles.get(v) ?? baseStyle(v, opts);
  const hq = opts.hqRings === false ? [] : data.filter((v) => v.by.hq > 0);
  const selected = opts.selectedId ? data.filter((v) => v.base.id === opts.selectedId) : [];
  return [
    new ScatterplotLayer<BaseView>({
      id: LAYER_IDS.bases,
      data,
      getPosition: (v) => [v.by.lon, v.by.lat],
      radiusUnits: 'pixels',
      getRadius: (v) => style(v).radius,
      filled: true,
      stroked: true,
      getFillColor: (v) => style(v).fill,
      getLineColor: (v) => style(v).line,
      lineWidthUnits: 'pixels',
      getLineWidth: (v) => style(v).lineWidth,
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 90],
      updateTriggers: {
        getFillColor: [opts.mission, opts.world ?? false],
        getLineColor: [opts.mission, opts.world ?? false],
      },
    }),
    hq.length === 0
      ? null
      : new ScatterplotLayer<BaseView>({
          id: LAYER_IDS.basesHq,
          data: hq,
          getPosition: (v) => [v.by.lon, v.by.lat],
          radiusUnits: 'pixels',
          getRadius: (v) => style(v).radius + 2 + hqRingWidth(v.by.hq) / 2,
          filled: false,
          stroked: true,
          getLineColor: [11, 37, 69, 255],
          lineWidthUnits: 'pixels',
          getLineWidth: (v) => hqRingWidth(v.by.hq),
          pickable: false,
        }),
    selected.length === 0
      ? null
      : new ScatterplotLayer<BaseView>({
          id: LAYER_IDS.selectedBase,
          data: selected,
          getPosition: (v) => [v.by.lon, v.by.lat],
          radiusUnits: 'pixels',
          getRadius: (v) => style(v).radius + 6,
          filled: false,
          stroked: true,
          getLineColor: [17, 17, 17, 255],
          lineWidthUnits: 'pixels',
          getLineWidth: 2.5,
          pickable: false,
        }),
  ];
}
