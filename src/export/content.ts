/**
 * What a static or video map frame shows, selected from the dataset without the app's React
 * state: violence cells, bases (with their mission colours and highlights), the host countries
 * without violence data, and flagged cells. Pure; the Canvas-2D renderer draws it.
 */
import { hasViolenceData, osvFor, type Dataset, type PerpetratorFilter } from '../domain/dataset';
import type { Episode, LagCategory } from '../domain/lagTypes';
import { flaggedEpisodesInYear } from '../domain/lag';
import { missionColor } from '../map/scales';

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
  /** Degrees around the mission's box in which other missions' bases are drawn (default 3). */
  nearDeg?: number;
}

/** The content of a mission-year. Unknown missions give an empty content. */
export function mapContent(dataset: Dataset, opts: ContentOptions): MapContent {
  const perpetrator = opts.perpetrator ?? 'all';
  const mission = dataset.missions.find((m) => m.id === opts.mission);
  const countries = mission?.countries ?? [];
  const covered = countries.filter((c) => hasViolenceData(dataset.coverage, c, opts.year));
  const noData = countries.filter((c) => !covered.includes(c));
  const cells =
    opts.showViolence === false
      ? []
      : dataset.cellYears
          .filter((c) => c.year === opts.year && covered.includes(c.country))
          .map((c) => ({ gid: c.gid, value: osvFor(c, perpetrator).best }))
          .filter((c) => c.value >= 1);

  const byId = new Map(dataset.bases.map((b) => [b.id, b]));
  const [w, s, e, n] = mission?.bbox ?? [-180, -90, 180, 90];
  const m = opts.nearDeg ?? 3;
  const years = dataset.baseYears.filter(
    (y) =>
      y.year === opts.year &&
      (y.mission === opts.mission ||
        (y.lon >= w - m && y.lon <= e + m && y.lat >= s - m && y.lat <= n + m)),
  );
  const others = [...new Set(years.map((y) => y.mission).filter((x) => x !== opts.mission))].sort();
  const hi = new Set(opts.highlightBases ?? []);
  const bases: BaseMark[] =
    opts.showBases === false
      ? []
      : years.map((y) => ({
          id: y.baseId,
          name: byId.get(y.baseId)?.location ?? y.baseId,
          mission: y.mission,
          lon: y.lon,
          lat: y.lat,
          troops: y.troops,
          zeroTroops: y.zeroTroops,
          hq: y.hq,
          color: missionColor(y.mission, opts.mission, others),
          own: y.mission === opts.mission,
          highlight: hi.has(y.baseId),
        }));
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
    noData,
    hasData: covered.length > 0,
    highlightCells: [...(opts.highlightCells ?? [])],
    flags,
  };
}
