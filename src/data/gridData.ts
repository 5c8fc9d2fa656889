/**
 * The atlas on another grid (H3 resolution 4 or 5): the dataset regridded — from the grid file
 * the data build wrote (`grid_h3r4.json`: hexagon-years and the hexagon of each base
 * coordinate, `regridPrecomputed`), or from the OSV events (`regridDataset`: events summed per
 * hexagon-year, bases placed in their hexagon; the same result, computed in the browser) — its
 * own selectors and lag selectors (the same code as PRIO-GRID, on the grid's k-rings), and the
 * comparison of the cells each grid flags. Built on first use per dataset, source and grid, so
 * later switches to a grid are cache hits.
 */
import type { OsvEvent } from '../domain/coverage';
import type { Dataset } from '../domain/dataset';
import { datasetOrigin } from '../domain/cellYearTable';
import { regridDataset, regridPrecomputed } from '../domain/gridAggregate';
import type { GridPrecomputed } from '../domain/gridFile';
import { compareFlaggedCells, type GridFlagComparison } from '../domain/gridCompare';
import type { GridSystem, H3Resolution } from '../domain/gridSystem';
import { gridSystem } from '../domain/h3Grid';
import type { LagParams, LagResult } from '../domain/lagTypes';
import type { AtlasData } from './atlasData';
import { createLagSelectors, type LagSelectors } from './lagSelectors';
import { createSelectors, type Selectors } from './selectors';

/** The H3 grids of the app. */
export type H3GridId = 'h3r4' | 'h3r5';

/** Selectors of the atlas on an H3 grid. */
export interface GridData {
  grid: GridSystem;
  res: H3Resolution;
  /** The regridded dataset (cell ids are H3 keys, see gridSystem.ts). */
  dataset: Dataset;
  /** Cells of a year (`cellsOf`) and the rest of the selectors, on the grid. */
  sel: Selectors;
  /** The lag analysis on the grid (reach = k-ring). */
  lag: LagSelectors;
  /**
   * The flags of the analysis on PRIO-GRID against those on this grid (same mission and
   * parameters); null for a mission not in the dataset.
   */
  compare(mission: string, params: LagParams): GridFlagComparison | null;
}

/** Where the grid's cell-years come from: the grid file (precomputed) or the events table. */
export type GridSource = GridPrecomputed | readonly OsvEvent[];

const memo = new WeakMap<Dataset, Map<string, { source: GridSource; data: GridData }>>();

/** The atlas of `prio` on the H3 grid `id`, from the grid file or the events table. */
export function gridData(prio: AtlasData, source: GridSource, id: H3GridId): GridData {
  // Keyed by the dataset's origin: the regrid does not read the cell-months, so it survives
  // their arrival after the first frame.
  const origin = datasetOrigin(prio.dataset);
  let perGrid = memo.get(origin);
  if (!perGrid) memo.set(origin, (perGrid = new Map()));
  const hit = perGrid.get(id);
  if (hit && hit.source === source) return hit.data;
  const grid = gridSystem(id);
  const res: H3Resolution = id === 'h3r4' ? 4 : 5;
  const dataset = isEvents(source)
    ? regridDataset(prio.dataset, source, grid)
    : regridPrecomputed(prio.dataset, source, grid);
  const lag = createLagSelectors(dataset, [], grid);
  const cache = new Map<string, GridFlagComparison>();
  const cacheOwner = new Map<string, LagResult>();
  const cacheOther = new Map<string, LagResult>();
  const compare = (mission: string, params: LagParams): GridFlagComparison | null => {
    const a = prio.lag.result(mission, params);
    const b = lag.result(mission, params);
    if (!a || !b) return null;
    // Keyed by the two (memoized, identical for equal parameters) results.
    const key = `${mission}:${JSON.stringify(a.params)}`;
    let c = cache.get(key);
    if (c === undefined || cacheOwner.get(key) !== a || cacheOther.get(key) !== b) {
      c = compareFlaggedCells(
        a.summary.flaggedCells.map((f) => f.gid),
        b.summary.flaggedCells.map((f) => f.gid),
        res,
      );
      if (cache.size > 16) {
        cache.clear();
        cacheOwner.clear();
        cacheOther.clear();
      }
      cache.set(key, c);
      cacheOwner.set(key, a);
      cacheOther.set(key, b);
    }
    return c;
  };
  const data: GridData = {
    grid,
    res,
    dataset,
    sel: createSelectors(dataset),
    lag,
    compare,
  };
  perGrid.set(id, { source, data });
  return data;
}

function isEvents(s: GridSource): s is readonly OsvEvent[] {
  return Array.isArray(s);
}
