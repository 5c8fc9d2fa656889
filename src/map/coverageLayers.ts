/**
 * The coverage layers (issue "Coverage planner"): translucent reach discs of X km around the
 * mission's bases with known troops > 0 (deck.gl ScatterplotLayer in metres, so a disc is X km on
 * the ground at every zoom), and the year's one-sided-violence events as points — the uncovered
 * ones (beyond X km of every such base) highlighted, the covered ones small. Plus their legend
 * section (same model as src/map/legend.ts). Pure builders: no React.
 */
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { EventDistance } from '../domain/coverage';
import type { ChosenSite } from '../domain/coverageWhatIf';
import { LABEL_FONT_FAMILY } from './basemap/labels';
import type { LegendSection } from './legend';
import { MISSION_COLOR, hexToRgba, type RGBA } from './scales';

/** Layer ids (stable: picking and tests rely on them). */
export const COVERAGE_LAYER_IDS = {
  reach: 'coverage-reach',
  covered: 'coverage-covered',
  uncovered: 'coverage-uncovered',
  siteReach: 'coverage-site-reach',
  sites: 'coverage-sites',
  siteRanks: 'coverage-site-ranks',
} as const;

/** What-if sites: Paul Tol's green, apart from the bases' blue and the events' cyan / magenta. */
export const SITE_COLOR = '#228833';
/** A what-if site's reach disc: faint green fill, green outline. */
export const SITE_REACH_FILL: RGBA = hexToRgba(SITE_COLOR, 18);
export const SITE_REACH_LINE: RGBA = hexToRgba(SITE_COLOR, 220);
/** A what-if site's marker radius and its rank number's size, px. */
export const SITE_MARKER_PX = 9;
export const SITE_RANK_PX = 12;

/** Uncovered killings: Paul Tol's vibrant magenta, apart from the YlOrRd cells and UN blue. */
export const UNCOVERED_COLOR = '#ee3377';
/** Events within reach: Tol's vibrant cyan, small. */
export const COVERED_COLOR = '#33bbee';
/** Reach disc fill and outline (the mission's blue, translucent). */
export const REACH_FILL: RGBA = hexToRgba(MISSION_COLOR, 30);
export const REACH_LINE: RGBA = hexToRgba(MISSION_COLOR, 180);

/** A disc: a troop base and the reach around it. */
export interface ReachDisc {
  baseId: string;
  name: string;
  lon: number;
  lat: number;
  troops: number;
}

/** Pixel radius of an event point: area ∝ deaths (at least 3 px, at most 16 px). */
export function eventRadiusPx(best: number, uncovered: boolean): number {
  const r = (uncovered ? 3 : 2) + Math.sqrt(Math.max(0, best)) * (uncovered ? 1.2 : 0.6);
  return Math.min(16, r);
}

/** The reach discs of X km around the troop bases. */
export function reachLayer(discs: readonly ReachDisc[], km: number, key: string) {
  return new ScatterplotLayer<ReachDisc>({
    id: COVERAGE_LAYER_IDS.reach,
    data: discs as ReachDisc[],
    getPosition: (d) => [d.lon, d.lat],
    getRadius: km * 1000,
    radiusUnits: 'meters',
    filled: true,
    stroked: true,
    getFillColor: REACH_FILL,
    getLineColor: REACH_LINE,
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
    pickable: true,
    updateTriggers: { getRadius: km, getPosition: key },
  });
}

/** The year's events: covered ones small and cyan, uncovered ones larger and magenta on top. */
export function eventLayers(
  covered: readonly EventDistance[],
  uncovered: readonly EventDistance[],
  key: string,
) {
  const common = {
    getPosition: (d: EventDistance) => [d.event.lon, d.event.lat] as [number, number],
    radiusUnits: 'pixels' as const,
    stroked: true,
    filled: true,
    lineWidthUnits: 'pixels' as const,
    pickable: true,
  };
  return [
    new ScatterplotLayer<EventDistance>({
      ...common,
      id: COVERAGE_LAYER_IDS.covered,
      data: covered as EventDistance[],
      getRadius: (d) => eventRadiusPx(d.event.best, false),
      getFillColor: hexToRgba(COVERED_COLOR, 230),
      getLineColor: [255, 255, 255, 200],
      getLineWidth: 1,
      updateTriggers: { getRadius: key, getPosition: key },
    }),
    new ScatterplotLayer<EventDistance>({
      ...common,
      id: COVERAGE_LAYER_IDS.uncovered,
      data: uncovered as EventDistance[],
      getRadius: (d) => eventRadiusPx(d.event.best, true),
      getFillColor: hexToRgba(UNCOVERED_COLOR, 245),
      getLineColor: [255, 255, 255, 255],
      getLineWidth: 2,
      updateTriggers: { getRadius: key, getPosition: key },
    }),
  ];
}

/** The what-if sites: their X km reach (outline only), a marker and the rank number. */
export function siteLayers(sites: readonly ChosenSite[], km: number, key: string) {
  const data = sites as ChosenSite[];
  const at = (s: ChosenSite) => [s.lon, s.lat] as [number, number];
  return [
    new ScatterplotLayer<ChosenSite>({
      id: COVERAGE_LAYER_IDS.siteReach,
      data,
      getPosition: at,
      getRadius: km * 1000,
      radiusUnits: 'meters',
      filled: true,
      stroked: true,
      getFillColor: SITE_REACH_FILL,
      getLineColor: SITE_REACH_LINE,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      pickable: false,
      updateTriggers: { getRadius: km, getPosition: key },
    }),
    new ScatterplotLayer<ChosenSite>({
      id: COVERAGE_LAYER_IDS.sites,
      data,
      getPosition: at,
      getRadius: SITE_MARKER_PX,
      radiusUnits: 'pixels',
      filled: true,
      stroked: true,
      getFillColor: hexToRgba(SITE_COLOR, 255),
      getLineColor: [255, 255, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      pickable: true,
      updateTriggers: { getPosition: key },
    }),
    new TextLayer<ChosenSite>({
      id: COVERAGE_LAYER_IDS.siteRanks,
      data,
      getPosition: at,
      getText: (s) => String(s.rank),
      getSize: SITE_RANK_PX,
      sizeUnits: 'pixels',
      characterSet: '12345',
      fontFamily: LABEL_FONT_FAMILY,
      getColor: [255, 255, 255, 255],
      fontWeight: 700,
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
      pickable: false,
      updateTriggers: { getPosition: key, getText: key },
    }),
  ];
}

/** What the coverage legend says. */
export interface CoverageLegendInput {
  km: number;
  year: number;
  troopBases: number;
  covered: number;
  uncovered: number;
  /** The year has no violence data in any host country. */
  notComputed: boolean;
  /** Where_prec limit. */
  precision: number;
  /** What-if sites drawn (0: no entry). */
  sites: number;
}

/** The coverage key: reach discs, events within reach, uncovered killings. */
export function coverageSection(input: CoverageLegendInput): LegendSection {
  return {
    id: 'coverage',
    title: `Reach of ${input.km}\u00a0km, ${input.year}`,
    subtitle: 'bases with troops',
    layout: 'list',
    entries: [
      {
        id: 'coverage:reach',
        label: `Within ${input.km}\u00a0km of a base with troops`,
        detail: `${input.troopBases} bases`,
        symbol: { kind: 'swatch', color: `rgba(${REACH_LINE.slice(0, 3).join(',')},0.25)` },
      },
      {
        id: 'coverage:covered',
        label: 'Killing within reach',
        detail: input.notComputed ? 'not computed' : `${input.covered} events`,
        symbol: { kind: 'base', fill: COVERED_COLOR, stroke: '#ffffff', strokeWidth: 1 },
      },
      {
        id: 'coverage:uncovered',
        label: 'Killing beyond reach',
        detail: input.notComputed ? 'not computed' : `${input.uncovered} events`,
        symbol: { kind: 'base', fill: UNCOVERED_COLOR, stroke: '#ffffff', strokeWidth: 2 },
      },
      ...(input.sites > 0
        ? [
            {
              id: 'coverage:sites',
              label: `What-if site (rank) and its ${input.km}\u00a0km reach`,
              detail: `${input.sites} sites`,
              symbol: {
                kind: 'base' as const,
                fill: SITE_COLOR,
                stroke: '#ffffff',
                strokeWidth: 2,
              },
            },
          ]
        : []),
    ],
    notes: [
      input.notComputed
        ? 'Violence data not loaded for this year: coverage not computed.'
        : `Point area ∝ civilians killed (UCDP best); GED events located to where_prec ≤ ${input.precision}.`,
    ],
  };
}
