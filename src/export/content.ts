/**
 * What a static or video map frame shows, selected from the dataset without the app's React
 * state: violence cells, bases (with their mission colours and highlights), the host countries
 * without violence data, and flagged cells. Pure; the Canvas-2D renderer draws it.
 */
import { atlasData } from '../data/atlasData';
import type { BaseView } from '../data/selectors';
import type { Dataset, PerpetratorFilter } from '../domain/dataset';
import type { Episode, LagCategory } from '../domain/lagTypes';
import { flaggedEpisodesInYear } from '../domain/lag';
import type { RoleLegendInput } from '../map/legend';
import { roleMarks, showsBase, type RoleMark } from '../map/roleLayers';
import { missionColor, worldMissionColor } from '../map/scales';

/** A violence cell: its gid and fatalities (best) for the filter. */
export interface CellMark {
  gid: number;
  value: number;
}

/** A base as drawn. */
export interface BaseMark {
  id: string;
  name: string;
  mission: string;
  lon: number;
  lat: number;
  /** null = unknown. */
  troops: number | null;
  zeroTroops: boolean;
  hq: number;
  /** `#rrggbb`. */
  color: string;
  own: boolean;
  highlight: boolean;
}

/** A flagged cell with the category of its episode. */
export interface FlagMark {
  gid: number;
  category: LagCategory;
  /** The episode began in the first analysed year: it may have begun earlier (drawn "‹"). */
  censored: boolean;
  /** Its onset year. */
  onsetYear: number;
}

/** Everything drawn for one mission-year. */
export interface MapContent {
  mission: string;
  year: number;
  perpetrator: PerpetratorFilter;
  cells: CellMark[];
  bases: BaseMark[];
  /** Host countries without violence data this year (drawn greyed and hatched, never as zero). */
  noData: string[];
  /** True when at least one host country has violence data this year. */
  hasData: boolean;
  highlightCells: number[];
  flags: FlagMark[];
  /** New-hotspot cells (their stars), when that layer is on; omitted otherwise. */
  hotspots?: number[];
  /** The coverage view's marks (reach discs, events), when its tab is open; omitted otherwise. */
  coverage?: CoverageMarks;
  /** Role, unit-type and contributor markers of the bases (the switches on); omitted: none. */
  roles?: RoleMark[];
  /** The World view: the missions drawn, sorted, with their colours (the legend's list). */
  world?: { id: string; color: string }[];
}

/** What the coverage view draws on the map (src/map/coverageLayers.ts), for the Canvas exports. */
export interface CoverageMarks {
  /** Reach X in km. */
  km: number;
  /** Bases with troops: the centres of the reach discs. */
  discs: readonly { lon: number; lat: number }[];
  /** The year's counted events within X km, and beyond (deaths: UCDP best). */
  covered: readonly { lon: number; lat: number; best: number }[];
  uncovered: readonly { lon: number; lat: number; best: number }[];
  /** The what-if sites shown with the view (rank 1 = chosen first), each with its X km reach. */
  sites?: readonly { lon: number; lat: number; rank: number }[];
}

/** Options of {@link mapContent}. */
export interface ContentOptions {
  mission: string;
  year: number;
  perpetrator?: PerpetratorFilter;
  showViolence?: boolean;
  showBases?: boolean;
  highlightBases?: readonly string[];
  highlightCells?: readonly number[];
  /** Episodes of the lag analysis; flagged ones open in `year` are drawn. Omit for no flags. */
  episodes?: readonly Episode[] | null;
  /**
   * The deployment role switches (`roleOptions(layers)`): which circles are drawn (troops,
   * no-troop sites) and which markers beside them. Omitted: every circle, no markers.
   */
  roles?: RoleLegendInput;
  /**
   * The World view: every listed mission's bases (empty list: every mission of the year) in its
   * World colour, and nothing of the mission the user came from (no cells, no-data countries or
   * flags, as the live World view). Omitted or null: the mission view.
   */
  world?: readonly string[] | null;
}

/**
 * The content of a mission-year, selected through the dataset's selectors (`src/data`: the same
 * cells, coverage and nearby-mission rule as the live map). Unknown missions give an empty content.
 */
export function mapContent(dataset: Dataset, opts: ContentOptions): MapContent {
  const perpetrator = opts.perpetrator ?? 'all';
  const { sel, dep } = atlasData(dataset);
  if (opts.world)
    return worldContent({ ...opts, world: opts.world }, opts.world, perpetrator, sel, dep);
  const { covered, missing } = sel.missionCoverage(opts.mission, opts.year);
  const cells =
    opts.showViolence === false
      ? []
      : sel.cellsOf(opts.year, perpetrator, covered).map((c) => ({ gid: c.gid, value: c.value }));
  const hi = new Set(opts.highlightBases ?? []);
  const roles = opts.roles;
  const views =
    opts.showBases === false
      ? []
      : sel.basesNear(opts.mission, opts.year).filter((v) => !roles || showsBase(v, roles));
  const bases = views.map((v) =>
    baseMark(
      v,
      missionColor(v.by.mission, opts.mission, sel.missionSlots),
      v.by.mission === opts.mission,
      hi,
    ),
  );
  const flags = opts.episodes
    ? flaggedEpisodesInYear(opts.episodes, opts.year).map((ep) => ({
        gid: ep.gid,
        category: ep.category,
        censored: ep.censoredStart,
        onsetYear: ep.onsetYear,
      }))
    : [];
  return {
    mission: opts.mission,
    year: opts.year,
    perpetrator,
    cells,
    bases,
    noData: [...missing],
    hasData: covered.length > 0,
    highlightCells: [...(opts.highlightCells ?? [])],
    flags,
    ...(roles ? { roles: roleMarks(views, roles) } : {}),
  };
}

/** A base as drawn in an export, in `color`; `own`: the view's own mission's. */
function baseMark(
  { base, by }: BaseView,
  color: string,
  own: boolean,
  highlighted: ReadonlySet<string>,
): BaseMark {
  return {
    id: by.baseId,
    name: base.location,
    mission: by.mission,
    lon: by.lon,
    lat: by.lat,
    troops: by.troops,
    zeroTroops: by.zeroTroops,
    hq: by.hq,
    color,
    own,
    highlight: highlighted.has(by.baseId),
  };
}

/** The World view's content: the chosen missions' bases, one colour per mission. */
function worldContent(
  opts: ContentOptions & { world: readonly string[] },
  missions: readonly string[],
  perpetrator: PerpetratorFilter,
  sel: ReturnType<typeof atlasData>['sel'],
  dep: ReturnType<typeof atlasData>['dep'],
): MapContent {
  const roles = opts.roles;
  const hi = new Set(opts.highlightBases ?? []);
  const views =
    opts.showBases === false
      ? []
      : dep.worldBases(opts.year, missions).filter((v) => !roles || showsBase(v, roles));
  return {
    mission: opts.mission,
    year: opts.year,
    perpetrator,
    cells: [],
    bases: views.map((v) =>
      baseMark(v, worldMissionColor(v.by.mission, sel.missionSlots), true, hi),
    ),
    noData: [],
    hasData: false,
    highlightCells: [],
    flags: [],
    world: [...new Set(views.map((v) => v.by.mission))]
      .sort()
      .map((id) => ({ id, color: worldMissionColor(id, sel.missionSlots) })),
    ...(roles ? { roles: roleMarks(views, roles) } : {}),
  };
}
