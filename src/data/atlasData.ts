/**
 * The one way in to derived data for the UI, the story and the exports: every selector bundle of
 * a dataset, built once per dataset object and shared (one lag cache, one set of indexes). The
 * app builds it with the basemap's towns; an export or caption given only the dataset gets the
 * same bundle.
 */
import type { BasemapPlace } from '../domain/basemap';
import type { OsvEvent } from '../domain/coverage';
import type { Dataset } from '../domain/dataset';
import { createCoverageSelectors, type CoverageSelectors } from './coverageSelectors';
import { cellName as nameCell, type CellName } from '../domain/lagView';
import { createDeploymentSelectors, type DeploymentSelectors } from './deploymentSelectors';
import { createLagSelectors, type LagSelectors } from './lagSelectors';
import { createMonthlySelectors, type MonthlySelectors } from './monthlySelectors';
import {
  buildSearchIndex,
  createSelectors,
  type PlaceInput,
  type SearchEntry,
  type Selectors,
} from './selectors';
import { createTimelineSelectors, type TimelineSelectors } from './timelineSelectors';
import { createTroopBaseDistances, type TroopBaseDistances } from './troopBaseDistance';

/** Towns that name cells and feed the search (the basemap's places). */
export type Places = readonly (Pick<BasemapPlace, 'name' | 'lon' | 'lat' | 'population'> &
  PlaceInput)[];

/** Every selector of one dataset. */
export interface AtlasData {
  dataset: Dataset;
  /** Cells, bases, details, coverage, summaries, nearby missions, search picks. */
  sel: Selectors;
  /** Timeline: changes, lifetimes, totals, tweens, months. */
  tsel: TimelineSelectors;
  /** Lag analysis: the one cache of indexes and results per parameter set. */
  lag: LagSelectors;
  /** Deployment explorer: World view totals, contributing countries, composition, maps. */
  dep: DeploymentSelectors;
  /**
   * A cell's name wherever the UI shows a cell: the town in it or where it lies from the nearest
   * town (the basemap's GeoNames towns), the first-level administrative area of its GED events
   * (`sel.cellRegion`) when known, and the cell id as secondary text.
   */
  cellName(gid: number): CellName;
  /** The search index (bases, towns and cells with violence, by name or id), built on first use. */
  searchIndex(): readonly SearchEntry[];
  /**
   * Coverage analysis over the events table (`osv_events.json`, loaded on demand): one set of
   * selectors per events array, built on first use.
   */
  coverage(events: readonly OsvEvent[]): CoverageSelectors;
  /** Distance from a cell to the nearest base with troops in a year (no events needed). */
  troopBase: TroopBaseDistances;
  /** Monthly resolution: the monthly series of a mission (figure 4), map months. */
  monthly: MonthlySelectors;
}

const bundles = new WeakMap<Dataset, { places: Places; data: AtlasData }>();

/**
 * The selector bundle of `dataset`. Called again with the same dataset it returns the same
 * bundle — unless new, non-empty `places` are given, which rebuilds it with those towns.
 */
export function atlasData(dataset: Dataset, places: Places = []): AtlasData {
  const cached = bundles.get(dataset);
  if (cached && (places.length === 0 || cached.places === places)) return cached.data;
  const sel = createSelectors(dataset);
  let index: SearchEntry[] | null = null;
  let cov: { events: readonly OsvEvent[]; sel: CoverageSelectors } | null = null;
  const lag = createLagSelectors(dataset, places);
  const names = new Map<number, CellName>();
  const cellName = (gid: number): CellName => {
    let n = names.get(gid);
    if (!n) names.set(gid, (n = nameCell(gid, lag.placeOf(gid), sel.cellRegion(gid))));
    return n;
  };
  const data: AtlasData = {
    dataset,
    sel,
    tsel: createTimelineSelectors(sel),
    lag,
    dep: createDeploymentSelectors(sel),
    cellName,
    searchIndex: () => (index ??= buildSearchIndex(places, dataset, cellName)),
    coverage: (events) => {
      if (cov?.events !== events)
        cov = { events, sel: createCoverageSelectors(dataset, events, places) };
      return cov.sel;
    },
    troopBase: createTroopBaseDistances(dataset),
    monthly: createMonthlySelectors(dataset),
  };
  bundles.set(dataset, { places, data });
  return data;
}
