/**
 * Memoized selectors of the timeline, built on the viewer's {@link Selectors}: mission totals for
 * the chart, the changes of a year with their base names, base lifetimes, the paired rows of two
 * consecutive steps for tweened drawing, and the monthly mode (map months of Geo-PKO, cell-months
 * of GED). Equal arguments return the identical object, so React and deck.gl skip work.
 */
import { countChanges, missionChanges, type BaseChange, type ChangeKind } from '../domain/changes';
import type { Base, BaseMonth, BaseYear, CellMonth, PerpetratorFilter } from '../domain/dataset';
import { cellMonthsOf, cellYearsOf } from '../domain/encoding';
import {
  baseLifetimes,
  cellMonthValue,
  mapMonthAt,
  mapMonths,
  missionTotals,
  monthIndex,
  monthOf,
  pairBy,
  type BaseLifetime,
  type MissionYearTotal,
  type Pair,
} from '../domain/timeline';
import { memoize } from './memo';
import type { BaseView, CellView, Selectors } from './selectors';

/** A change with its base (for names), as the changes list shows it. */
export interface ChangeView extends BaseChange {
  /** Location name (the base id when the base is unknown). */
  location: string;
  country: string;
}

/** A base lifetime with its location name. */
export interface LifetimeView extends BaseLifetime {
  location: string;
  lat: number;
  lon: number;
}

/**
 * A cell between two steps: `from` / `to` are the fatalities (null = not drawn in that step).
 * `gid` and `value` (the current step's value, else the next's) keep it usable wherever a
 * {@link CellView}-like object is picked.
 */
export interface CellTween {
  gid: number;
  value: number;
  from: number | null;
  to: number | null;
}

/**
 * A base between two steps. `base` and `by` (this step's row, else the next's) keep it usable
 * wherever a {@link BaseView} is picked (details, hover).
 */
export interface BaseTween extends BaseView {
  from: BaseYear | null;
  to: BaseYear | null;
}

/** A cell in one month (monthly mode). */
export interface MonthCellView {
  gid: number;
  year: number;
  month: number;
  /** OSV fatalities (best) that month for the perpetrator filter. */
  value: number;
}

/** The bases shown in one month of the monthly mode. */
export interface MonthBases {
  /** The month (index, see `monthIndex`) of the Geo-PKO map shown; null = yearly positions. */
  mapMonth: number | null;
  /** Bases with this month's troop figure (from the map month, else the year's). */
  views: BaseView[];
}

/** Steps of the monthly mode for a mission. */
export interface MonthSteps {
  /** First and last month index (January of the first year, December of the last). */
  first: number;
  last: number;
  /** Months with a Geo-PKO map of the mission. */
  mapMonths: number[];
  /** True when the source has months for this mission (a Geo-PKO monthly map or GED months). */
  available: boolean;
}

export interface TimelineSelectors {
  totals(mission: string, perpetrator: PerpetratorFilter): MissionYearTotal[];
  /** Changes of the mission in `year` against `year − 1`, with names. */
  changes(mission: string, year: number): ChangeView[];
  /** Counts of each kind in {@link changes}. */
  changeCounts(mission: string, year: number): Record<ChangeKind, number>;
  lifetimes(mission: string): LifetimeView[];
  /** Cells of two years for a fade (same filter and countries as `cellsOf`). */
  cellTweens(
    year: number,
    nextYear: number,
    perpetrator: PerpetratorFilter,
    countries: readonly string[],
  ): CellTween[];
  /** Bases of every mission in two years, paired by base id. */
  baseTweens(year: number, nextYear: number): BaseTween[];
  monthSteps(mission: string): MonthSteps;
  /** Cells with ≥ 1 OSV fatality in a month, in the given countries. */
  cellsOfMonth(
    index: number,
    perpetrator: PerpetratorFilter,
    countries: readonly string[],
  ): MonthCellView[];
  /** The month's cells with the most fatalities, largest first (ties by gid), at most `limit`. */
  topCellsOfMonth(
    index: number,
    perpetrator: PerpetratorFilter,
    countries: readonly string[],
    limit: number,
  ): MonthCellView[];
  /** Bases of every mission in a month; the mission's map month decides the troop figures. */
  basesOfMonth(mission: string, index: number): MonthBases;
  /** Bases of two months (see {@link basesOfMonth}) paired by base id. */
  monthBaseTweens(mission: string, index: number, nextIndex: number): BaseTween[];
  /** Cells of two months for a fade. */
  cellMonthTweens(
    index: number,
    nextIndex: number,
    perpetrator: PerpetratorFilter,
    countries: readonly string[],
  ): CellTween[];
}

function toCellTweens<T extends { gid: number; value: number }>(
  from: readonly T[],
  to: readonly T[],
): CellTween[] {
  return pairBy(from, to, (c) => c.gid).map((p: Pair<T>) => ({
    gid: p.key as number,
    value: (p.from ?? p.to)!.value,
    from: p.from?.value ?? null,
    to: p.to?.value ?? null,
  }));
}

/** Builds the timeline selectors over the viewer's selectors (one per dataset). */
export function createTimelineSelectors(sel: Selectors): TimelineSelectors {
  const { dataset } = sel;
  const basesById = new Map<string, Base>(dataset.bases.map((b) => [b.id, b]));
  const cellYears = cellYearsOf(dataset);
  const cellMonths = cellMonthsOf(dataset);
  // Cell-month rows by month, made the first time a month is drawn (typed columns until then).
  let byIndex: Map<number, number[]> | null = null;
  const cellMonthsOfIndex = (k: number): CellMonth[] => {
    if (!byIndex) {
      byIndex = new Map();
      const year = cellMonths.int('year').values;
      const month = cellMonths.int('month').values;
      for (let i = 0; i < cellMonths.length; i++) {
        const m = monthIndex(year[i]!, month[i]!);
        const list = byIndex.get(m);
        if (list) list.push(i);
        else byIndex.set(m, [i]);
      }
    }
    return cellMonths.rowsAt(byIndex.get(k) ?? []);
  };
  const baseMonthsByMission = new Map<string, BaseMonth[]>();
  for (const m of dataset.baseMonths) {
    const list = baseMonthsByMission.get(m.mission);
    if (list) list.push(m);
    else baseMonthsByMission.set(m.mission, [m]);
  }

  const totals = memoize((mission: string, perpetrator: PerpetratorFilter) => {
    const m = sel.mission(mission);
    return m
      ? missionTotals(
          { cellYears, baseYears: dataset.baseYears, coverage: dataset.coverage },
          m,
          perpetrator,
        )
      : [];
  }, 16);

  const changesByYear = memoize(
    (mission: string): Map<number, BaseChange[]> => missionChanges(dataset, mission),
    8,
  );

  const changes = memoize((mission: string, year: number): ChangeView[] =>
    (changesByYear(mission).get(year) ?? []).map((c) => {
      const b = basesById.get(c.baseId);
      return { ...c, location: b?.location ?? c.baseId, country: b?.country ?? '' };
    }),
  );

  const changeCounts = memoize((mission: string, year: number) =>
    countChanges(changes(mission, year)),
  );

  const lifetimes = memoize(
    (mission: string): LifetimeView[] =>
      baseLifetimes(dataset.baseYears, mission).map((l) => {
        const b = basesById.get(l.baseId);
        return {
          ...l,
          location: b?.location ?? l.baseId,
          lat: b?.lat ?? 0,
          lon: b?.lon ?? 0,
        };
      }),
    8,
  );

  const cellTweens = memoize(
    (
      year: number,
      nextYear: number,
      perpetrator: PerpetratorFilter,
      countries: readonly string[],
    ): CellTween[] =>
      toCellTweens<CellView>(
        sel.cellsOf(year, perpetrator, countries),
        sel.cellsOf(nextYear, perpetrator, countries),
      ),
    8,
  );

  const toBaseTweens = (from: readonly BaseView[], to: readonly BaseView[]): BaseTween[] =>
    pairBy(from, to, (v) => v.base.id).map((p) => {
      const v = (p.from ?? p.to)!;
      return { base: v.base, by: v.by, from: p.from?.by ?? null, to: p.to?.by ?? null };
    });

  const baseTweens = memoize(
    (year: number, nextYear: number): BaseTween[] =>
      toBaseTweens(sel.basesOfYear(year), sel.basesOfYear(nextYear)),
    8,
  );

  const monthSteps = memoize((mission: string): MonthSteps => {
    const m = sel.mission(mission);
    const years = m?.years ?? [];
    const first = years.length ? monthIndex(Math.min(...years), 1) : 0;
    const last = years.length ? monthIndex(Math.max(...years), 12) : 0;
    const maps = mapMonths(baseMonthsByMission.get(mission) ?? [], mission);
    const hosts = new Set(m?.countries ?? []);
    // GED months exist for the mission when one of its host countries has a one-sided event in
    // one of its years: a cell-year with osvEvents > 0 has its events' months among the
    // cell-months (both come from the same kept events), so the cell-years answer without the
    // cell-months, which a browser loads after the first frame.
    const osvEvents = cellYears.int('osvEvents').values;
    let gedMonths = false;
    for (let i = 0; i < cellYears.length && !gedMonths; i++) {
      gedMonths =
        osvEvents[i]! > 0 &&
        years.includes(cellYears.year[i]!) &&
        hosts.has(cellYears.countries[cellYears.country[i]!]!);
    }
    return { first, last, mapMonths: maps, available: maps.length > 0 || gedMonths };
  }, 16);

  const cellsOfMonth = memoize(
    (index: number, perpetrator: PerpetratorFilter, countries: readonly string[]) => {
      const set = new Set(countries);
      const out: MonthCellView[] = [];
      for (const c of cellMonthsOfIndex(index)) {
        // A cell-month's country is its cell-year's country.
        const country = sel.cellYear(c.gid, c.year)?.country;
        if (country === undefined || !set.has(country)) continue;
        const value = cellMonthValue(c, perpetrator);
        if (value >= 1) out.push({ gid: c.gid, year: c.year, month: c.month, value });
      }
      return out;
    },
    32,
  );

  const topCellsOfMonth = memoize(
    (
      index: number,
      perpetrator: PerpetratorFilter,
      countries: readonly string[],
      limit: number,
    ): MonthCellView[] =>
      [...cellsOfMonth(index, perpetrator, countries)]
        .sort((a, b) => b.value - a.value || a.gid - b.gid)
        .slice(0, limit),
    8,
  );

  const basesOfMonth = memoize((mission: string, index: number): MonthBases => {
    const { year } = monthOf(index);
    const yearly = sel.basesOfYear(year);
    const mapMonth = mapMonthAt(monthSteps(mission).mapMonths, index);
    if (mapMonth === null) return { mapMonth: null, views: yearly };
    const { year: my, month: mm } = monthOf(mapMonth);
    const rows = (baseMonthsByMission.get(mission) ?? []).filter(
      (r) => r.year === my && r.month === mm,
    );
    // The map's bases of this mission, positioned by their base-year (that of the map's year,
    // else the base's representative position); other missions keep their yearly bases.
    const byOfYear = new Map(sel.basesOf(mission, my).map((v) => [v.base.id, v.by]));
    const views: BaseView[] = yearly.filter((v) => v.by.mission !== mission);
    for (const r of rows) {
      const base = basesById.get(r.baseId);
      if (!base) continue;
      const ref = byOfYear.get(r.baseId);
      // The map's own contributing countries where it codes them; else the year's (TCCMap).
      const mapTcc = r.tcc.length > 0 || r.tccCount !== null;
      const by: BaseYear = ref
        ? {
            ...ref,
            year,
            troops: r.troops,
            troopsMin: r.troops,
            troopsMax: r.troops,
            troopsFromMaps: false,
            zeroTroops: r.troops === 0,
            ...(mapTcc ? { tcc: r.tcc, tccCount: r.tccCount } : {}),
          }
        : {
            baseId: base.id,
            mission,
            year,
            troops: r.troops,
            troopsMin: r.troops,
            troopsMax: r.troops,
            troopsFromMaps: false,
            sourceRows: 1,
            hq: 0,
            unpol: false,
            unmo: false,
            units: [],
            tcc: r.tcc,
            tccCount: r.tccCount,
            zeroTroops: r.troops === 0,
            lat: base.lat,
            lon: base.lon,
            gid: base.gid,
          };
      views.push({ base, by });
    }
    return { mapMonth, views };
  }, 32);

  const cellMonthTweens = memoize(
    (
      index: number,
      nextIndex: number,
      perpetrator: PerpetratorFilter,
      countries: readonly string[],
    ): CellTween[] =>
      toCellTweens(
        cellsOfMonth(index, perpetrator, countries),
        cellsOfMonth(nextIndex, perpetrator, countries),
      ),
    8,
  );

  const monthBaseTweens = memoize(
    (mission: string, index: number, nextIndex: number): BaseTween[] =>
      toBaseTweens(basesOfMonth(mission, index).views, basesOfMonth(mission, nextIndex).views),
    8,
  );

  return {
    totals,
    changes,
    changeCounts,
    lifetimes,
    cellTweens,
    baseTweens,
    monthSteps,
    cellsOfMonth,
    topCellsOfMonth,
    basesOfMonth,
    monthBaseTweens,
    cellMonthTweens,
  };
}
