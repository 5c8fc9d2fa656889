/**
 * One-sided violence on another grid: the OSV events (`osv_events.json`, the same events as the
 * PRIO-GRID cell-years) summed per cell and year of a {@link GridSystem}, and a dataset whose
 * cells and bases are on that grid, so that the lag analysis runs on it unchanged.
 *
 * Rules (the PRIO-GRID cell-year rules, restricted to what the events carry):
 * - a cell-year exists when the cell has at least one OSV event that year;
 * - `osv`, `osvState`, `osvNonState`, `osvForeign`: sums of GED best / low / high and event counts
 *   by the perpetrator rule (`perpetrator`, `foreign`);
 * - `osvImprecise`: the events with `where_prec` 6 or 7, by class;
 * - `country`: the event country with the most OSV fatalities (best) in the cell-year, then the
 *   most events, then alphabetical. (PRIO-GRID cell-years weigh all GED event types; the events
 *   table holds one-sided violence only.)
 * - the context figures (state-based and non-state conflict) and the top perpetrators are not in
 *   the events table: they are left empty and never shown for a hexagon.
 *
 * Per year, the totals of any grid equal those of PRIO-GRID: every event lands in exactly one
 * cell of each grid.
 */
import type { OsvEvent } from './coverage';
import { csvField } from './csv';
import { noImpreciseEvents, type CellYear, type Dataset, type Estimate } from './dataset';
import { attachCellYearTable, CELL_YEARS_EXPORT_COLUMNS } from './encoding';
import type { GridPrecomputed } from './gridFile';
import type { GridSystem } from './gridSystem';
import { cellIdText } from './h3Grid';

const zero = (): Estimate => ({ best: 0, low: 0, high: 0, events: 0 });

function addTo(e: Estimate, ev: OsvEvent): void {
  e.best += ev.best;
  e.low += ev.low;
  e.high += ev.high;
  e.events += 1;
}

/**
 * The OSV events summed per cell-year of `grid` (`CellYear.gid` is the grid's cell id), sorted
 * by year, then cell. Events with coordinates outside the globe are an error (the pipeline never
 * writes them).
 */
export function aggregateOsvEvents(events: readonly OsvEvent[], grid: GridSystem): CellYear[] {
  const byKey = new Map<string, { cy: CellYear; countries: Map<string, [number, number]> }>();
  const cellCache = new Map<string, number>();
  for (const ev of events) {
    const at = `${ev.lat},${ev.lon}`;
    let cell = cellCache.get(at);
    if (cell === undefined) cellCache.set(at, (cell = grid.cellOf(ev.lat, ev.lon)));
    const key = `${ev.year}:${cell}`;
    let acc = byKey.get(key);
    if (!acc) {
      acc = {
        cy: {
          gid: cell,
          year: ev.year,
          country: '',
          region: null,
          osv: zero(),
          osvState: zero(),
          osvNonState: zero(),
          osvForeign: zero(),
          osvImprecise: noImpreciseEvents(),
          stateBased: zero(),
          nonStateConflict: zero(),
          topPerpetrators: [],
        },
        countries: new Map(),
      };
      byKey.set(key, acc);
    }
    const cy = acc.cy;
    addTo(cy.osv, ev);
    if (ev.perpetrator === 'state') {
      addTo(cy.osvState, ev);
      if (ev.foreign) addTo(cy.osvForeign, ev);
    } else addTo(cy.osvNonState, ev);
    if (ev.wherePrec === 6 || ev.wherePrec === 7) {
      const part = (cy.osvImprecise as Record<6 | 7, CellYear['osvImprecise'][6]>)[ev.wherePrec];
      const c = ev.perpetrator === 'state' ? part.state : part.nonState;
      c.events += 1;
      c.best += ev.best;
      if (ev.perpetrator === 'state' && ev.foreign) {
        part.foreign.events += 1;
        part.foreign.best += ev.best;
      }
    }
    const tally = acc.countries.get(ev.country);
    if (tally) {
      tally[0] += ev.best;
      tally[1] += 1;
    } else acc.countries.set(ev.country, [ev.best, 1]);
  }
  const out: CellYear[] = [];
  for (const { cy, countries } of byKey.values()) {
    let best: [string, number, number] | null = null;
    for (const [name, [b, n]] of countries)
      if (
        best === null ||
        b > best[1] ||
        (b === best[1] && (n > best[2] || (n === best[2] && name < best[0])))
      )
        best = [name, b, n];
    cy.country = best![0];
    out.push(cy);
  }
  return out.sort((a, b) => a.year - b.year || a.gid - b.gid);
}

const regridMemo = new WeakMap<Dataset, Map<string, { source: object; ds: Dataset }>>();

/** The dataset's bases and base-years placed in the cells of `cellOf` (one call per coordinate). */
function placeBases(
  dataset: Dataset,
  cellOf: (lat: number, lon: number) => number,
): Pick<Dataset, 'bases' | 'baseYears'> {
  // Bases keep their coordinates over most years: one cell look-up per coordinate pair.
  const cells = new Map<string, number>();
  const cached = (lat: number, lon: number): number => {
    const at = `${lat},${lon}`;
    let c = cells.get(at);
    if (c === undefined) cells.set(at, (c = cellOf(lat, lon)));
    return c;
  };
  return {
    bases: dataset.bases.map((b) => ({ ...b, gid: cached(b.lat, b.lon) })),
    baseYears: dataset.baseYears.map((by) => ({ ...by, gid: cached(by.lat, by.lon) })),
  };
}

function regridded(
  dataset: Dataset,
  grid: GridSystem,
  source: object,
  make: () => Dataset,
): Dataset {
  let perGrid = regridMemo.get(dataset);
  if (!perGrid) regridMemo.set(dataset, (perGrid = new Map()));
  const hit = perGrid.get(grid.id);
  if (hit && hit.source === source) return hit.ds;
  const ds = make();
  perGrid.set(grid.id, { source, ds });
  return ds;
}

/**
 * The dataset on another grid: cell-years aggregated from the events
 * ({@link aggregateOsvEvents}), every base and base-year placed in the grid cell of its
 * coordinates, no cell-months (the monthly view stays on PRIO-GRID); missions, coverage and
 * troops unchanged. Memoized per dataset, grid and events array.
 */
export function regridDataset(
  dataset: Dataset,
  events: readonly OsvEvent[],
  grid: GridSystem,
): Dataset {
  return regridded(dataset, grid, events, () => ({
    cellYears: aggregateOsvEvents(events, grid),
    cellMonths: [],
    ...placeBases(dataset, (lat, lon) => grid.cellOf(lat, lon)),
    baseMonths: dataset.baseMonths,
    missions: dataset.missions,
    coverage: dataset.coverage,
  }));
}

/**
 * The same dataset as {@link regridDataset}, from a grid file the data build wrote
 * ({@link decodeGridFile}): its cell-years (typed columns, attached, so the selectors and the
 * lag index read them without row objects) and the cells of the base coordinates; a coordinate
 * the file lacks (data folders out of step) is placed by `grid.cellOf`. Memoized per dataset,
 * grid and decoded file.
 */
export function regridPrecomputed(
  dataset: Dataset,
  pre: GridPrecomputed,
  grid: GridSystem,
): Dataset {
  if (pre.grid !== grid.id)
    throw new Error(`grid file of ${pre.grid} given for the grid ${grid.id}`);
  return regridded(dataset, grid, pre, () => {
    const ds = {
      cellMonths: [],
      ...placeBases(
        dataset,
        (lat, lon) => pre.pointCells.get(`${lat},${lon}`) ?? grid.cellOf(lat, lon),
      ),
      baseMonths: dataset.baseMonths,
      missions: dataset.missions,
      coverage: dataset.coverage,
    } as Omit<Dataset, 'cellYears'> as Dataset;
    attachCellYearTable(ds, pre.cellYears);
    return ds;
  });
}

/** The grid exports under the data folder (CSV and Parquet). */
export const GRID_EXPORT_FILES = {
  h3r4: { csv: 'export/cell_years_h3r4.csv', parquet: 'export/cell_years_h3r4.parquet' },
  h3r5: { csv: 'export/cell_years_h3r5.csv', parquet: 'export/cell_years_h3r5.parquet' },
} as const;

/**
 * Column order of the grid export (`export/cell_years_h3r4.csv`): the columns of
 * `cell_years.csv` with `h3` in place of `gid`, `lat` and `lon`.
 */
export const GRID_CELL_YEARS_EXPORT_COLUMNS = [
  'h3',
  ...CELL_YEARS_EXPORT_COLUMNS.filter((c) => c !== 'gid' && c !== 'lat' && c !== 'lon'),
] as const;

/** One row of the grid export, in column order. */
export function gridCellYearRow(grid: GridSystem, cy: CellYear): (string | number)[] {
  return [
    cellIdText(grid, cy.gid),
    cy.year,
    cy.country,
    cy.osv.best,
    cy.osvState.best,
    cy.osvNonState.best,
    cy.osv.events,
    cy.osv.low,
    cy.osv.high,
  ];
}

/**
 * The grid export as CSV (header, one row per cell-year in year, cell order, LF line ends,
 * trailing newline); `field` quotes a text field (default: `csvField`, which neutralises
 * formula characters for spreadsheets).
 */
export function gridCellYearsCsv(
  grid: GridSystem,
  cellYears: readonly CellYear[],
  field: (s: string) => string = csvField,
): string {
  const lines = [GRID_CELL_YEARS_EXPORT_COLUMNS.join(',')];
  for (const cy of cellYears)
    lines.push(
      gridCellYearRow(grid, cy)
        .map((v) => (typeof v === 'string' ? field(v) : String(v)))
        .join(','),
    );
  return `${lines.join('\n')}\n`;
}
