/**
 * Role and unit-type markers beside the base circles (Geo-PKO FrontMap / TTMap / TCCMap layers):
 * a lettered badge per role (UN police, military observers, HQ level), a row of lettered badges
 * per unit type under the circle, and the contributing countries (a count badge and a label with
 * each country's troops). Pure builders: deck.gl TextLayers with pixel offsets, stable ids.
 */
import { CollisionFilterExtension, type CollisionFilterExtensionProps } from '@deck.gl/extensions';
import { TextLayer } from '@deck.gl/layers';
import type { BaseView } from '../data/selectors';
import type { Layers } from '../state/state';
import { tccFigures } from '../domain/tcc';
import { LABEL_FONT_FAMILY } from './basemap/labels';
import { baseRadius, hexToRgba, type RGBA } from './scales';

/** The role markers: FrontMap's UNPOL, UNMO and hq columns. */
export const ROLE_MARKERS = {
  unpol: { letter: 'P', color: '#1b3a8c', label: 'UN police (UNPOL) present' },
  unmo: { letter: 'O', color: '#1b7a3a', label: 'UN military observers (UNMO) present' },
  hq: {
    letter: 'HQ',
    color: '#0b2545',
    label: 'Headquarters: HQ = mission, S = sector / regional',
  },
} as const;

/** Unit types of TTMap (FrontMap adds Medical and Aviation) with their badge letter and colour. */
export const UNIT_MARKERS = {
  medical: { unit: 'Medical', letter: '+', color: '#c0392b' },
  engineering: { unit: 'Engineering', letter: 'E', color: '#7f5a1e' },
  signals: { unit: 'Signals', letter: 'S', color: '#6a3d9a' },
  aviation: { unit: 'Aviation', letter: 'A', color: '#0e6f8a' },
  transport: { unit: 'Transport', letter: 'T', color: '#4d4d4d' },
  maintenance: { unit: 'Maintenance', letter: 'M', color: '#8a5a00' },
  riverine: { unit: 'Riverine', letter: 'R', color: '#1f78b4' },
} as const;
export type UnitMarker = keyof typeof UNIT_MARKERS;
/** Unit layers in badge order (left to right under a base). */
export const UNIT_MARKER_KEYS = Object.keys(UNIT_MARKERS) as UnitMarker[];

/** Colour of the contributing-countries badge and labels. */
export const TCC_COLOR = '#5b3a29';

/** Layer ids (picking and tests). */
export const ROLE_LAYER_IDS = {
  unpol: 'role-unpol',
  unmo: 'role-unmo',
  hq: 'role-hq',
  units: 'role-units',
  tccCount: 'role-tcc-count',
  tccLabel: 'role-tcc-label',
} as const;

/** Which markers are on. */
export interface RoleLayerOptions {
  unpol: boolean;
  unmo: boolean;
  hq: boolean;
  units: readonly UnitMarker[];
  contributors: boolean;
}

const WHITE: RGBA = [255, 255, 255, 255];

/** One unit badge: a base and the slot of its type in the row. */
export interface UnitBadge {
  v: BaseView;
  key: UnitMarker;
  slot: number;
}

/** The unit badges of the bases for the unit layers switched on (one per base and type). */
export function unitBadges(views: readonly BaseView[], on: readonly UnitMarker[]): UnitBadge[] {
  const out: UnitBadge[] = [];
  for (const v of views) {
    const present = on.filter((k) => v.by.units.includes(UNIT_MARKERS[k].unit));
    present.forEach((key, i) => out.push({ v, key, slot: i - (present.length - 1) / 2 }));
  }
  return out;
}

/** Number of contributing countries of a base-year: TCCMap No.TCC, else the countries listed. */
export function tccCountOf(v: BaseView): number | null {
  return v.by.tccCount ?? (v.by.tcc.length > 0 ? v.by.tcc.length : null);
}

/** "Nepal 950 · Korea (ROK) 150 · Bangladesh ?" (at most `max` countries, then "+n"). */
export function tccLabel(tcc: readonly string[], max = 3): string {
  const f = tccFigures(tcc);
  const shown = f
    .slice(0, max)
    .map((x) => `${x.country} ${x.troops === null ? '?' : x.troops.toLocaleString('en-US')}`);
  return f.length > max ? `${shown.join(' · ')} · +${f.length - max}` : shown.join(' · ');
}

function badge<T>(
  id: string,
  data: readonly T[],
  at: (d: T) => [number, number],
  text: (d: T) => string,
  color: (d: T) => RGBA,
  offset: (d: T) => [number, number],
  size = 11,
): TextLayer<T> {
  return new TextLayer<T>({
    id,
    data: data as T[],
    getPosition: at,
    getText: text,
    getSize: size,
    sizeUnits: 'pixels',
    fontFamily: LABEL_FONT_FAMILY,
    fontWeight: 700,
    characterSet: 'auto',
    getColor: WHITE,
    background: true,
    getBackgroundColor: color,
    backgroundPadding: [2, 1],
    getPixelOffset: offset,
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    pickable: true,
  });
}

const pos = (v: BaseView): [number, number] => [v.by.lon, v.by.lat];

/** Kinds of marker around a base (where each sits: {@link ROLE_OFFSETS}). */
export type RoleMarkKind = 'unpol' | 'unmo' | 'unit' | 'tccCount' | 'tccLabel';

/**
 * Where each marker sits relative to its base's centre, in pixels (x right, y down), for a circle
 * of radius `r` (a unit badge also by its `slot` in the row). The live map and the Canvas exports
 * place markers with these.
 */
export const ROLE_OFFSETS: Record<RoleMarkKind, (r: number, slot: number) => [number, number]> = {
  unpol: (r) => [r + 6, -r - 4],
  unmo: (r) => [-r - 6, -r - 4],
  unit: (r, slot) => [slot * 13, r + 9],
  tccCount: (r) => [r + 9, 0],
  tccLabel: (r) => [r + 16, 0],
};

/** One marker as the Canvas exports draw it (the live map's TextLayers show the same). */
export interface RoleMark {
  kind: RoleMarkKind;
  lon: number;
  lat: number;
  /** The base's troops (its circle's radius); null = unknown. */
  troops: number | null;
  text: string;
  /** `#rrggbb`: the badge's fill, or a label's text colour. */
  color: string;
  /** A unit badge's place in its row (0 = centred). */
  slot: number;
}

/** The markers of the bases shown for the switches that are on, in drawing order. */
export function roleMarks(views: readonly BaseView[], opts: RoleLayerOptions): RoleMark[] {
  const out: RoleMark[] = [];
  const mark = (v: BaseView, kind: RoleMarkKind, text: string, color: string, slot = 0) =>
    out.push({ kind, lon: v.by.lon, lat: v.by.lat, troops: v.by.troops, text, color, slot });
  for (const k of ['unpol', 'unmo'] as const)
    if (opts[k])
      for (const v of views) if (v.by[k]) mark(v, k, ROLE_MARKERS[k].letter, ROLE_MARKERS[k].color);
  if (opts.units.length > 0)
    for (const b of unitBadges(views, opts.units))
      mark(b.v, 'unit', UNIT_MARKERS[b.key].letter, UNIT_MARKERS[b.key].color, b.slot);
  if (opts.contributors) {
    const listed = views.filter((v) => tccCountOf(v) !== null);
    for (const v of listed) mark(v, 'tccCount', String(tccCountOf(v)), TCC_COLOR);
    // Labels biggest site first: a Canvas export leaves out those that would overlap, as the
    // live map's collision filter does.
    const labelled = listed
      .filter((v) => v.by.tcc.length > 0)
      .sort((a, b) => (b.by.troops ?? 0) - (a.by.troops ?? 0));
    for (const v of labelled) mark(v, 'tccLabel', tccLabel(v.by.tcc), TCC_COLOR);
  }
  return out;
}

/**
 * The role, unit-type and contributor markers of the bases shown. A marker sits at a fixed place
 * around its base's circle: UNPOL upper right, UNMO upper left, HQ above, unit badges in a row
 * below, the contributors' count right and their label under the unit row.
 */
export function roleLayers(views: readonly BaseView[], opts: RoleLayerOptions): TextLayer[] {
  const r = (v: BaseView): number => baseRadius(v.by.troops);
  const out: TextLayer[] = [];
  if (opts.unpol)
    out.push(
      badge(
        ROLE_LAYER_IDS.unpol,
        views.filter((v) => v.by.unpol),
        pos,
        () => ROLE_MARKERS.unpol.letter,
        () => hexToRgba(ROLE_MARKERS.unpol.color),
        (v) => ROLE_OFFSETS.unpol(r(v), 0),
      ),
    );
  if (opts.unmo)
    out.push(
      badge(
        ROLE_LAYER_IDS.unmo,
        views.filter((v) => v.by.unmo),
        pos,
        () => ROLE_MARKERS.unmo.letter,
        () => hexToRgba(ROLE_MARKERS.unmo.color),
        (v) => ROLE_OFFSETS.unmo(r(v), 0),
      ),
    );
  if (opts.units.length > 0)
    out.push(
      badge(
        ROLE_LAYER_IDS.units,
        unitBadges(views, opts.units),
        (b) => pos(b.v),
        (b) => UNIT_MARKERS[b.key].letter,
        (b) => hexToRgba(UNIT_MARKERS[b.key].color),
        (b) => ROLE_OFFSETS.unit(r(b.v), b.slot),
        10,
      ),
    );
  if (opts.contributors) {
    const listed = views.filter((v) => tccCountOf(v) !== null);
    out.push(
      badge(
        ROLE_LAYER_IDS.tccCount,
        listed,
        pos,
        (v) => String(tccCountOf(v)),
        () => hexToRgba(TCC_COLOR),
        (v) => ROLE_OFFSETS.tccCount(r(v), 0),
      ),
      new TextLayer<BaseView, CollisionFilterExtensionProps<BaseView>>({
        id: ROLE_LAYER_IDS.tccLabel,
        data: listed.filter((v) => v.by.tcc.length > 0),
        getPosition: pos,
        getText: (v) => tccLabel(v.by.tcc),
        getSize: 11,
        sizeUnits: 'pixels',
        fontFamily: LABEL_FONT_FAMILY,
        fontWeight: 600,
        characterSet: 'auto',
        getColor: hexToRgba(TCC_COLOR),
        outlineWidth: 3,
        outlineColor: [255, 255, 255, 230],
        fontSettings: { sdf: true },
        getPixelOffset: (v) => ROLE_OFFSETS.tccLabel(r(v), 0),
        getTextAnchor: 'start',
        getAlignmentBaseline: 'center',
        pickable: true,
        // Labels that would overlap are left out (bigger sites first), so that they do not crowd
        // at low zoom; zooming in shows the others.
        extensions: [COLLISION],
        collisionEnabled: true,
        getCollisionPriority: (v: BaseView) => Math.min(v.by.troops ?? 0, 1_000_000),
        collisionTestProps: { sizeScale: 1.2 },
      }),
    );
  }
  return out;
}

/** One collision filter for the contributor labels (an extension instance can be shared). */
const COLLISION = new CollisionFilterExtension();

/** The role legend / marker options of the state's layer switches. */
export function roleOptions(layers: Layers): RoleLayerOptions & {
  troops: boolean;
  noTroops: boolean;
} {
  return {
    troops: layers.troops,
    noTroops: layers.noTroops,
    hq: layers.hq,
    unpol: layers.unpol,
    unmo: layers.unmo,
    units: UNIT_MARKER_KEYS.filter((k) => layers[k]),
    contributors: layers.contributors,
  };
}

/**
 * Whether a base's circle is drawn under the role switches: sites with troops (or troops
 * unknown) under "troops", zero-troop sites (police, observers or HQ only) under "no troops".
 */
export function showsBase(
  v: Pick<BaseView, 'by'>,
  roles: { troops: boolean; noTroops: boolean },
): boolean {
  return v.by.zeroTroops || v.by.troops === 0 ? roles.noTroops : roles.troops;
}
