/**
 * The lag-flags layer: thin, pure deck.gl layer builders that outline the cells of flagged
 * violence episodes (issue "Lag analysis"). Outlines, never fills, so they stay distinct from the
 * violence fill underneath: each flagged cell gets an inset square (adjacent flagged cells stay
 * apart) drawn as a white halo under a coloured line whose colour AND dash pattern encode the
 * category — a colour-blind reader can tell the classes apart by the pattern alone. An episode
 * whose onset is the first analysed year (`censoredStart`: the violence may have begun earlier)
 * also gets a "‹" chevron inside its outline, at the west side.
 */
import { PathLayer } from '@deck.gl/layers';
import { cellPolygon, type LonLat } from '../domain/grid';
import { flaggedEpisodesInYear } from '../domain/lag';
import type { Episode, LagCategory } from '../domain/lagTypes';
import { hexToRgba, type RGBA } from './scales';

/** Layer ids (stable: tests and picking rely on them). */
export const FLAG_LAYER_IDS = {
  halo: 'lag-flags-halo',
  outline: 'lag-flags',
} as const;

/** How a category is drawn (map outline, legend swatch and the list's colour chip). */
export interface CategoryStyle {
  /** `#rrggbb`. */
  color: string;
  /** Dashes per cell side; 0 = a solid line. */
  dashes: number;
  /** Gap length as a share of the dash length. */
  gap: number;
  /** Line width in pixels (the halo adds {@link HALO_EXTRA_PX}). */
  widthPx: number;
  /** The pattern in words, for the legend and screen readers. */
  pattern: string;
}

/**
 * Category styles. Colours from Paul Tol's colour-blind-safe palettes, all cool or purple hues so
 * that they stand apart from the YlOrRd violence fill and from the bases' UN blue (different
 * shape). The three flagged classes also differ by pattern: solid, long dashes, short dashes.
 * RESPONDED_SAME_YEAR and TOO_RECENT are not drawn on the map; their colours serve the chips.
 * Lines are thin (2 px, with a 1 px white halo each side) so that the violence colour of the cell
 * stays readable inside the outline.
 */
export const CATEGORY_STYLES: Readonly<Record<LagCategory, CategoryStyle>> = {
  NOT_RESPONDED: { color: '#332288', dashes: 0, gap: 0, widthPx: 2, pattern: 'solid line' },
  PRESENT_NOT_STRENGTHENED: {
    color: '#aa3377',
    dashes: 3,
    gap: 0.6,
    widthPx: 2,
    pattern: 'long dashes',
  },
  RESPONDED_LATE: { color: '#009988', dashes: 6, gap: 0.9, widthPx: 2, pattern: 'short dashes' },
  RESPONDED_SAME_YEAR: { color: '#117733', dashes: 0, gap: 0, widthPx: 2, pattern: 'not drawn' },
  TOO_RECENT: { color: '#999999', dashes: 0, gap: 0, widthPx: 2, pattern: 'not drawn' },
};

/** Extra width (px) of the white halo under each outline. */
export const HALO_EXTRA_PX = 2;
/** Share of the cell size the outline is inset from the cell's edges. */
export const FLAG_INSET = 0.08;

/** One drawn piece of a flag (a dash, the whole ring for a solid line, or the chevron). */
export interface FlagSegment {
  episode: Episode;
  path: LonLat[];
  /** `outline`: part of the category outline; `censored`: the "may have begun earlier" chevron. */
  kind: 'outline' | 'censored';
}

/** Half the height of the censored-start chevron, as a share of the cell size. */
export const CHEVRON_HALF = 0.1;

/** The cell's outline shrunk towards its centre by `inset` (share of the cell size), closed. */
export function insetRing(gid: number, inset = FLAG_INSET): LonLat[] {
  const ring = cellPolygon(gid);
  const [w, s] = ring[0]!;
  const [e, n] = ring[2]!;
  const dx = (e - w) * inset;
  const dy = (n - s) * inset;
  return [
    [w + dx, s + dy],
    [e - dx, s + dy],
    [e - dx, n - dy],
    [w + dx, n - dy],
    [w + dx, s + dy],
  ];
}

/**
 * The "‹" chevron of an episode that may have begun before the first analysed year: an open
 * angle pointing west (back in time, like the timeline's step-back arrow), inside the outline.
 */
export function censoredChevron(gid: number): LonLat[] {
  const ring = cellPolygon(gid);
  const [w, s] = ring[0]!;
  const [e, n] = ring[2]!;
  const dx = e - w;
  const dy = n - s;
  const tip = w + dx * (FLAG_INSET + 0.1);
  const back = tip + dx * CHEVRON_HALF;
  const mid = s + dy / 2;
  return [
    [back, mid + dy * CHEVRON_HALF],
    [tip, mid],
    [back, mid - dy * CHEVRON_HALF],
  ];
}

function lerp(a: LonLat, b: LonLat, t: number): LonLat {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/**
 * The dashes of a closed ring: `dashes` per side, starting and ending at the corners so that every
 * corner is drawn; `gap` is the gap length as a share of the dash length. `dashes` 0 returns the
 * ring itself (a solid line).
 */
export function dashRing(ring: readonly LonLat[], dashes: number, gap: number): LonLat[][] {
  if (dashes <= 0) return [[...ring]];
  const d = 1 / (dashes + (dashes - 1) * gap);
  const out: LonLat[][] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    for (let k = 0; k < dashes; k++) {
      const t0 = k * d * (1 + gap);
      out.push([lerp(a, b, t0), lerp(a, b, Math.min(1, t0 + d))]);
    }
  }
  return out;
}

/**
 * The segments of the flagged episodes shown in `year` (onset that year or still open), with the
 * chevron of those that may have begun before the first analysed year.
 */
export function flagSegments(episodes: readonly Episode[], year: number): FlagSegment[] {
  const out: FlagSegment[] = [];
  for (const episode of flaggedEpisodesInYear(episodes, year)) {
    const s = CATEGORY_STYLES[episode.category];
    for (const path of dashRing(insetRing(episode.gid), s.dashes, s.gap))
      out.push({ episode, path, kind: 'outline' });
    if (episode.censoredStart)
      out.push({ episode, path: censoredChevron(episode.gid), kind: 'censored' });
  }
  return out;
}

/** RGBA of a category's outline. */
export function categoryColor(category: LagCategory, alpha = 255): RGBA {
  return hexToRgba(CATEGORY_STYLES[category].color, alpha);
}

/**
 * The flags layers of a year: a white halo and the coloured outline on top (pickable: its objects
 * are {@link FlagSegment}s carrying their episode). Empty when no flagged episode is open in the
 * year. `key` should change whenever the episodes do (e.g. the analysis parameters), so that
 * deck.gl refreshes the accessors.
 */
export function flagLayers(
  episodes: readonly Episode[],
  year: number,
  key = '',
): PathLayer<FlagSegment>[] {
  const data = flagSegments(episodes, year);
  if (data.length === 0) return [];
  const common = {
    data,
    getPath: (s: FlagSegment) => s.path,
    widthUnits: 'pixels' as const,
    capRounded: false,
    jointRounded: false,
    updateTriggers: { getColor: [key, year], getWidth: [key, year], getPath: [key, year] },
  };
  return [
    new PathLayer<FlagSegment>({
      ...common,
      id: FLAG_LAYER_IDS.halo,
      getColor: [255, 255, 255, 220],
      getWidth: (s) => CATEGORY_STYLES[s.episode.category].widthPx + HALO_EXTRA_PX,
      pickable: false,
    }),
    new PathLayer<FlagSegment>({
      ...common,
      id: FLAG_LAYER_IDS.outline,
      getColor: (s) => categoryColor(s.episode.category),
      getWidth: (s) => CATEGORY_STYLES[s.episode.category].widthPx,
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 191, 71, 255],
    }),
  ];
}
