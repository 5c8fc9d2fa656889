/**
 * The one legend model. Each map feature describes its key as {@link LegendSection}s built here;
 * the live map's legend and the presenter's dock (React, `src/ui/Legend.tsx`) and the Canvas
 * export (`src/export/overlay.ts`) all render the sections of {@link legendModel}, so the three
 * list the same entries (a test checks it). Pure: no React, no Canvas.
 */
import { HOTSPOT_COLOR } from './hotspotLayers';
import type { ChangeKind } from '../domain/changes';
import type { PerpetratorFilter } from '../domain/dataset';
import { FLAGGED_CATEGORIES, LAG_CATEGORY_LABELS, type LagCategory } from '../domain/lagTypes';
import { PERPETRATOR_LABELS } from '../domain/perpetrator';
import { CHANGE_COLORS, CHANGE_GLYPHS } from './changeLayers';
import { CATEGORY_STYLES } from './flagLayers';
import {
  ROLE_MARKERS,
  TCC_COLOR,
  UNIT_MARKERS,
  UNIT_MARKER_KEYS,
  type UnitMarker,
} from './roleLayers';
import {
  BASE_SIZE_KEY,
  MISSION_COLOR,
  NO_DATA_COLOR,
  UNKNOWN_TROOPS_COLOR,
  VIOLENCE_UNITS,
  violenceLegend,
} from './scales';

/** How an entry is drawn. */
export type LegendSymbol =
  /** A filled box (a violence class). */
  | { kind: 'swatch'; color: string }
  /** The "no violence data" shading (grey; hatched in exports). */
  | { kind: 'noData'; color: string }
  /** Circles of the base size key, labelled with their troops. */
  | { kind: 'sizes'; troops: readonly number[]; color: string }
  /** A base circle drawn at the fixed size (no troops: white fill; unknown: grey fill). */
  | { kind: 'base'; fill: string; stroke: string; strokeWidth: number }
  /** A base with the HQ ring. */
  | { kind: 'hq'; color: string }
  /** Another mission's base colour. */
  | { kind: 'mission'; color: string }
  /** A change marker: a ring (new), a glyph (▲ ▼) or a grey ghost outline (closed). */
  | { kind: 'change'; change: Exclude<ChangeKind, 'UNCHANGED'>; glyph: string; color: string }
  /** The new-hotspot star (`hotspotLayers.ts`). */
  | { kind: 'hotspot'; color: string }
  /** A lag-flag outline of a category (colour and dash pattern of `CATEGORY_STYLES`). */
  | { kind: 'flag'; category: LagCategory }
  /** The "‹" chevron of episodes that may have begun before the first analysed year. */
  | { kind: 'censored' }
  /** The ring around what a story scene highlights. */
  | { kind: 'highlight' }
  /** A lettered badge (role, unit type, contributor count: `roleLayers.ts`). */
  | { kind: 'badge'; text: string; color: string };

/** One line of the legend. */
export interface LegendEntry {
  /** Stable id (tests compare renderers by it). */
  id: string;
  label: string;
  /** Muted text after the label (e.g. a count). */
  detail?: string;
  /** Longer text for assistive technology and hover (e.g. the dash pattern). */
  description?: string;
  symbol: LegendSymbol;
}

/** A block of the legend. */
export interface LegendSection {
  id: string;
  title: string;
  subtitle?: string;
  /** `scale`: entries side by side (the colour classes); `list`: one per line. */
  layout: 'scale' | 'list';
  entries: LegendEntry[];
  /** Plain sentences under the entries. */
  notes: string[];
}

/** Violence classes: "Civilians killed, 2015 · All perpetrators". */
export function violenceSection(period: string, perpetrator: PerpetratorFilter): LegendSection {
  return {
    id: 'violence',
    title: `Civilians killed, ${period}`,
    subtitle: PERPETRATOR_LABELS[perpetrator],
    layout: 'scale',
    entries: violenceLegend().map((c, i) => ({
      id: `violence:${i}`,
      label: c.label,
      symbol: { kind: 'swatch', color: c.color },
    })),
    notes: [
      `${VIOLENCE_UNITS} per 0.5° cell (≈55 km)`,
      'Cells with no recorded violence are not drawn.',
    ],
  };
}

/** The "no violence data loaded" key (never read as zero). */
export function noDataSection(): LegendSection {
  return {
    id: 'noData',
    title: 'No violence data',
    layout: 'list',
    entries: [
      {
        id: 'noData',
        label: 'No violence data loaded (not zero)',
        symbol: { kind: 'noData', color: NO_DATA_COLOR },
      },
    ],
    notes: [],
  };
}

/** Bases: size key, no troops, unknown troops, HQ, other missions nearby. */
export function basesSection(
  mission: string,
  others: readonly { id: string; color: string }[],
  roles: Pick<RoleLegendInput, 'troops' | 'noTroops' | 'hq'> = ALL_BASE_ROLES,
): LegendSection {
  const entries: LegendEntry[] = [
    {
      id: 'bases:sizes',
      label: `${BASE_SIZE_KEY.map((t) => t.toLocaleString('en-US')).join(' · ')} troops`,
      symbol: { kind: 'sizes', troops: BASE_SIZE_KEY, color: MISSION_COLOR },
    },
    {
      id: 'bases:zero',
      label: 'No troops (police, observers or HQ only)',
      symbol: { kind: 'base', fill: '#ffffff', stroke: MISSION_COLOR, strokeWidth: 2 },
    },
    {
      id: 'bases:unknown',
      label: 'Troops unknown (NA)',
      symbol: {
        kind: 'base',
        fill: UNKNOWN_TROOPS_COLOR,
        stroke: MISSION_COLOR,
        strokeWidth: 1.5,
      },
    },
    {
      id: 'bases:hq',
      label: 'HQ (thick ring: mission HQ)',
      symbol: { kind: 'hq', color: MISSION_COLOR },
    },
    ...others.map((m) => ({
      id: `bases:mission:${m.id}`,
      label: `${m.id} (other mission nearby)`,
      symbol: { kind: 'mission' as const, color: m.color },
    })),
  ];
  const hidden = (id: string): boolean =>
    (!roles.troops && (id === 'bases:sizes' || id === 'bases:unknown')) ||
    (!roles.noTroops && id === 'bases:zero') ||
    (!roles.hq && id === 'bases:hq');
  return {
    id: 'bases',
    title: `${mission} bases`,
    subtitle: 'circle area ∝ troops',
    layout: 'list',
    entries: entries.filter((e) => !hidden(e.id)),
    notes: [],
  };
}

/** Which deployment role, unit and contributor layers are on (`AppState.layers`). */
export interface RoleLegendInput {
  troops: boolean;
  noTroops: boolean;
  hq: boolean;
  unpol: boolean;
  unmo: boolean;
  units: readonly UnitMarker[];
  contributors: boolean;
}

const ALL_BASE_ROLES = { troops: true, noTroops: true, hq: true } as const;

/**
 * The role markers (UN police, observers, HQ level), unit-type badges (TTMap) and contributing
 * countries (TCCMap) switched on; null when none is.
 */
export function rolesSection(roles: RoleLegendInput): LegendSection | null {
  const entries: LegendEntry[] = [];
  for (const k of ['unpol', 'unmo'] as const)
    if (roles[k])
      entries.push({
        id: `roles:${k}`,
        label: ROLE_MARKERS[k].label,
        symbol: { kind: 'badge', text: ROLE_MARKERS[k].letter, color: ROLE_MARKERS[k].color },
      });
  for (const k of UNIT_MARKER_KEYS)
    if (roles.units.includes(k))
      entries.push({
        id: `roles:unit:${k}`,
        label: `${UNIT_MARKERS[k].unit} unit`,
        symbol: { kind: 'badge', text: UNIT_MARKERS[k].letter, color: UNIT_MARKERS[k].color },
      });
  if (roles.contributors)
    entries.push({
      id: 'roles:tcc',
      label: 'Contributing countries (count; troops each, ? = size unknown)',
      symbol: { kind: 'badge', text: '3', color: TCC_COLOR },
    });
  if (entries.length === 0) return null;
  return {
    id: 'roles',
    title: 'Deployment roles and units',
    subtitle: 'Geo-PKO FrontMap, TTMap, TCCMap',
    layout: 'list',
    entries,
    notes: [],
  };
}

const CHANGE_LABELS: Record<Exclude<ChangeKind, 'UNCHANGED'>, string> = {
  NEW: 'New base (ring)',
  STRENGTHENED: 'Strengthened (more troops)',
  REDUCED: 'Reduced (fewer troops)',
  CLOSED: 'Closed (last year’s outline)',
};

/** Base changes since the year before: new ring, ▲, ▼, closed ghost. */
export function changesSection(): LegendSection {
  return {
    id: 'changes',
    title: 'Changes since the year before',
    layout: 'list',
    entries: (['NEW', 'STRENGTHENED', 'REDUCED', 'CLOSED'] as const).map((k) => ({
      id: `changes:${k}`,
      label: CHANGE_LABELS[k],
      symbol: { kind: 'change', change: k, glyph: CHANGE_GLYPHS[k], color: CHANGE_COLORS[k] },
    })),
    notes: [],
  };
}

/** What the flags key needs to know about the year's flags. */
export interface FlagsLegendInput {
  year: number;
  /** Flagged cells drawn this year by category (shown as counts); omit to leave counts out. */
  counts?: Partial<Record<LagCategory, number>>;
  /** Drawn flags whose episode may have begun before the first analysed year. */
  censored?: { count: number; years: readonly number[] };
  /** The flags cannot be computed: no violence data for the mission or for its countries in the year. */
  notComputed: boolean;
  /** Monthly mode: the month shown ("June 2017"); the yearly flags are drawn on its violent cells. */
  month?: string;
}

/** "may have begun before 2014", or "… before 2014 / 2016" for several countries' first years. */
export function censoredText(years: readonly number[]): string {
  return `may have begun before ${[...new Set(years)].sort((a, b) => a - b).join(' / ')}`;
}

/** Lag flags: the three flagged categories and the "‹" key. */
export function flagsSection(input: FlagsLegendInput): LegendSection {
  const base = {
    id: 'flags',
    title: `Lag flags, ${input.year}`,
    subtitle: input.month
      ? `yearly analysis, outlined on cells with violence in ${input.month}`
      : 'outlined: episode began or still open',
    layout: 'list' as const,
  };
  if (input.notComputed)
    return {
      ...base,
      entries: [],
      notes: [`Not computed for ${input.year}: violence data not loaded.`],
    };
  const entries: LegendEntry[] = FLAGGED_CATEGORIES.map((c) => ({
    id: `flags:${c}`,
    label: LAG_CATEGORY_LABELS[c],
    description: CATEGORY_STYLES[c].pattern,
    ...(input.counts ? { detail: String(input.counts[c] ?? 0) } : {}),
    symbol: { kind: 'flag', category: c },
  }));
  if (input.censored && input.censored.count > 0)
    entries.push({
      id: 'flags:censored',
      label:
        input.censored.years.length > 0
          ? `‹ inside: ${censoredText(input.censored.years)} (the first year analysed)`
          : '‹ inside: may have begun before the first year analysed',
      ...(input.counts ? { detail: String(input.censored.count) } : {}),
      symbol: { kind: 'censored' },
    });
  return { ...base, entries, notes: [] };
}

/** New hotspots: the star and its rule (θ, the year before). */
export function hotspotsSection(year: number, theta: number, count: number | null): LegendSection {
  return {
    id: 'hotspots',
    title: `New hotspots, ${year}`,
    subtitle: `≥ ${theta} killed, fewer than ${theta} in ${year - 1}`,
    layout: 'list',
    entries: [
      {
        id: 'hotspots:new',
        label: 'New hotspot (★ in the cell)',
        ...(count !== null ? { detail: String(count) } : {}),
        symbol: { kind: 'hotspot', color: HOTSPOT_COLOR },
      },
    ],
    notes: count === null ? [`Not computed for ${year}: violence data not loaded.`] : [],
  };
}

/** The story scene's highlight ring. */
export function highlightSection(): LegendSection {
  return {
    id: 'highlight',
    title: 'This scene',
    layout: 'list',
    entries: [
      { id: 'highlight', label: 'Highlighted in this scene', symbol: { kind: 'highlight' } },
    ],
    notes: [],
  };
}

/** The World view's missions and their colours (their dataset colour slots). */
export function worldSection(
  year: number,
  missions: readonly { id: string; color: string }[],
): LegendSection {
  return {
    id: 'world',
    title: `Missions, ${year}`,
    subtitle: 'one colour per mission',
    layout: 'list',
    entries: missions.map((m) => ({
      id: `world:${m.id}`,
      label: m.id,
      symbol: { kind: 'mission' as const, color: m.color },
    })),
    notes: [],
  };
}

/** Everything the legend of a view depends on. */
export interface LegendInput {
  /** "2015", or "March 2015" in monthly mode. */
  period: string;
  perpetrator: PerpetratorFilter;
  layers: { violence: boolean; noData: boolean; bases: boolean; changes: boolean; flags: boolean };
  /** Some host country of the mission has no violence data in the period. */
  noData: boolean;
  mission: string;
  /** Other missions drawn beside it, with their colours. */
  others: readonly { id: string; color: string }[];
  /** The flags key (null: flags not drawn). */
  flags: FlagsLegendInput | null;
  /** A story scene highlights bases or cells. */
  highlights: boolean;
  /**
   * The coverage key while the Coverage tab draws its marks (`coverageSection` of
   * src/map/coverageLayers.ts, built by the caller); null or omitted: none.
   */
  coverage?: LegendSection | null;
  /** The new-hotspots key while that layer is on ({@link hotspotsSection}'s arguments). */
  hotspots?: { year: number; theta: number; count: number | null } | null;
  /** Deployment role / unit / contributor layers (omitted: circles, no-troop sites, HQ rings). */
  roles?: RoleLegendInput;
}

/**
 * The legend of a view, in drawing order: violence, no data, bases, changes, flags, coverage,
 * new hotspots, highlight.
 * The features of the live map contribute exactly these sections (each through the builder
 * above), and the exports draw this list.
 */
export function legendModel(input: LegendInput): LegendSection[] {
  const out: LegendSection[] = [];
  if (input.layers.violence) out.push(violenceSection(input.period, input.perpetrator));
  if (input.layers.noData && input.noData) out.push(noDataSection());
  if (input.layers.bases) out.push(basesSection(input.mission, input.others, input.roles));
  const roles = input.layers.bases && input.roles ? rolesSection(input.roles) : null;
  if (roles) out.push(roles);
  if (input.layers.bases && input.layers.changes) out.push(changesSection());
  if (input.layers.flags && input.flags) out.push(flagsSection(input.flags));
  if (input.coverage) out.push(input.coverage);
  if (input.hotspots)
    out.push(hotspotsSection(input.hotspots.year, input.hotspots.theta, input.hotspots.count));
  if (input.highlights) out.push(highlightSection());
  return out;
}
