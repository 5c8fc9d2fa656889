/**
 * Colour and size scales of the map, shared by the layer builders and the legend. Pure.
 */

/** An RGBA colour as deck.gl takes it (0–255). */
export type RGBA = [number, number, number, number];

/**
 * Lower bounds of the fatality classes (civilians killed per cell-year, UCDP best estimate).
 * Log-like: most cell-years have a few deaths, a few have hundreds.
 */
export const VIOLENCE_BREAKS = [1, 5, 10, 25, 50, 100, 250, 500] as const;

/**
 * One colour per class, light to dark: ColorBrewer YlOrRd (9 classes, the lightest dropped),
 * a sequential scheme that ColorBrewer marks colour-blind safe and that stays distinct from the
 * blue of the bases.
 */
export const VIOLENCE_COLORS = [
  '#ffeda0',
  '#fed976',
  '#feb24c',
  '#fd8d3c',
  '#fc4e2a',
  '#e31a1c',
  '#bd0026',
  '#800026',
] as const;

/** Parses `#rrggbb` into RGBA. */
export function hexToRgba(hex: string, alpha = 255): RGBA {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16), alpha];
}

/**
 * The class index (0–7) of a fatality count, or -1 when the count is below the first break
 * (zero or not a number): such a cell is not drawn.
 */
export function violenceClass(fatalities: number): number {
  if (!(fatalities >= VIOLENCE_BREAKS[0])) return -1;
  let i = 0;
  while (i + 1 < VIOLENCE_BREAKS.length && fatalities >= VIOLENCE_BREAKS[i + 1]!) i++;
  return i;
}

/** Default alpha of a violence cell's fill. */
export const VIOLENCE_ALPHA = 210;

/** The class colours parsed once (alpha {@link VIOLENCE_ALPHA}); never mutate. */
export const VIOLENCE_RGBA: readonly Readonly<RGBA>[] = VIOLENCE_COLORS.map((c) =>
  hexToRgba(c, VIOLENCE_ALPHA),
);

/** Fill colour of a cell with `fatalities`; null when it is not drawn. */
export function violenceColor(fatalities: number, alpha = VIOLENCE_ALPHA): RGBA | null {
  const i = violenceClass(fatalities);
  if (i < 0) return null;
  const c = VIOLENCE_RGBA[i]!;
  return [c[0], c[1], c[2], alpha];
}

/** A legend entry: a class with its label. */
export interface LegendClass {
  color: string;
  /** Inclusive lower bound. */
  from: number;
  /** Inclusive upper bound; null for the open top class. */
  to: number | null;
  label: string;
}

/** The legend of the violence scale: "1–4", "5–9", …, "500+" (fatalities are whole numbers). */
export function violenceLegend(): LegendClass[] {
  return VIOLENCE_BREAKS.map((from, i) => {
    const next = VIOLENCE_BREAKS[i + 1];
    const to = next === undefined ? null : next - 1;
    const label = to === null ? `${from}+` : to === from ? `${from}` : `${from}–${to}`;
    return { color: VIOLENCE_COLORS[i]!, from, to, label };
  });
}

/** Units of the violence scale as the legend states them. */
export const VIOLENCE_UNITS = 'civilians killed (UCDP best estimate)';

/** Pixels of radius per √troop: a base of 100 troops gets 4 px, 2,500 troops 20 px. */
export const BASE_RADIUS_PER_SQRT_TROOP = 0.4;
/** Smallest drawn radius (px) so that tiny bases stay visible and clickable. */
export const BASE_MIN_RADIUS = 3;
/** Radius of zero-troop and unknown-troop locations (px). */
export const BASE_FIXED_RADIUS = 5;

/**
 * Circle radius (px) for a base: area ∝ troops (radius ∝ √troops), at least
 * {@link BASE_MIN_RADIUS}; fixed for zero-troop locations and unknown troops.
 */
export function baseRadius(troops: number | null): number {
  if (troops === null || !(troops > 0)) return BASE_FIXED_RADIUS;
  return Math.max(BASE_MIN_RADIUS, BASE_RADIUS_PER_SQRT_TROOP * Math.sqrt(troops));
}

/** Troop figures shown in the legend's size key. */
export const BASE_SIZE_KEY = [100, 500, 1000, 3000] as const;

/** The selected mission's bases: UN blue. */
export const MISSION_COLOR = '#1f5fa8';
/**
 * Other missions' bases (when several missions are drawn together): colours not used by the
 * violence scale, the UN blue of the selected mission, or the green of new-base rings
 * (`CHANGE_COLORS.NEW`). A mission's colour is its slot's (see `Selectors.missionSlots`), fixed
 * for the dataset: it does not change with the year or the mission selected.
 */
export const OTHER_MISSION_COLORS = [
  '#cc79a7',
  '#56b4e9',
  '#6a3d9a',
  '#4d4d4d',
  '#a6761d',
  '#80cdc1',
];
/** Bases whose troop figure is unknown (NA in the source). */
export const UNKNOWN_TROOPS_COLOR = '#8c8c8c';

/** Bases of missions beyond those listed (far from the selected mission's area). */
export const FAR_MISSION_COLOR = '#8a8a8a';

/**
 * The colour of a mission's bases: {@link MISSION_COLOR} for the selected mission; for the others,
 * the colour of the mission's slot in {@link OTHER_MISSION_COLORS} (`slots`: a colouring of the
 * dataset's missions in which missions that can be drawn together get different slots), else
 * {@link FAR_MISSION_COLOR}. The same mission keeps its colour in every year of the session.
 */
export function missionColor(
  id: string,
  selected: string,
  slots: ReadonlyMap<string, number>,
): string {
  if (id === selected) return MISSION_COLOR;
  const i = slots.get(id);
  if (i === undefined) return FAR_MISSION_COLOR;
  return OTHER_MISSION_COLORS[i % OTHER_MISSION_COLORS.length]!;
}

/** Grey of host countries without violence data ("no violence data loaded"). */
export const NO_DATA_COLOR = '#9a9a9a';

/**
 * The World view's mission colours (Tableau 10 plus two): a mission takes the colour of its
 * dataset slot (`Selectors.missionSlots`, where missions near each other get different slots), so
 * it keeps its colour for the session and neighbours differ.
 */
export const WORLD_MISSION_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#9c755f',
  '#e15759',
  '#ff9da7',
  '#2f4b7c',
  '#8cd17d',
  '#6b6b6b',
] as const;

/** A mission's colour in the World view (its slot's; grey for a mission without a slot). */
export function worldMissionColor(id: string, slots: ReadonlyMap<string, number>): string {
  const i = slots.get(id);
  return i === undefined
    ? FAR_MISSION_COLOR
    : WORLD_MISSION_COLORS[i % WORLD_MISSION_COLORS.length]!;
}
