/**
 * The hexagon-years a switch to an H3 grid loads for a mission: the grid's part index
 * (`grid_h3r5/index.json`), then the part files of the mission's host countries
 * (`missionHostCountries`: every hexagon-year its lag index, its year's hexagons and the grid
 * comparison read, see gridFile.ts), merged; each file fetched once per data folder. A data folder
 * built before the part files gives the whole grid file (`grid_h3r5.json`); one without grid
 * files, or with one this app cannot read (console.warn), is 'absent': the caller aggregates the
 * events table instead. A network failure is an error, and a later call tries again.
 */
import type { CellYearTable } from '../domain/cellYearTable';
import type { Dataset } from '../domain/dataset';
import { mergeGridParts, type GridPartIndex, type GridPrecomputed } from '../domain/gridFile';
import { missionHostCountries } from '../domain/lagIndex';
import { DataLoadError, loadGridFile, loadGridIndex, loadGridPart } from './load';

/** The H3 grids with grid files. */
type GridFileId = 'h3r4' | 'h3r5';

/** Where a grid's rows for a mission stand: loaded, absent (use the events), or failed. */
export type GridRowsState =
  | { status: 'ready'; file: GridPrecomputed }
  | { status: 'absent' }
  | { status: 'error'; message: string };

/** Loads grid rows, each file and each set of countries once (see the module comment). */
export interface GridRowsLoader {
  /** The rows of `countries` on grid `id` under `dataUrl` (the same object for the same set). */
  load(dataUrl: string, id: GridFileId, countries: readonly string[]): Promise<GridRowsState>;
  /** The settled state of a set already loaded ('ready' or 'absent'), else undefined. */
  loaded(dataUrl: string, id: GridFileId, countries: readonly string[]): GridRowsState | undefined;
}

/** The countries whose part files a switch to H3 loads for `mission`. */
export function gridRowsCountries(
  dataset: Pick<Dataset, 'missions' | 'bases' | 'baseYears'>,
  mission: string,
): string[] {
  return missionHostCountries(dataset, mission);
}

const keyOf = (dataUrl: string, id: GridFileId, countries: readonly string[]): string =>
  `${id}:${dataUrl}:${countries.join('|')}`;

/** A loader fetching with `fetchFn()` (called per file, so an embedded page's fetch is used). */
export function createGridRowsLoader(
  fetchFn: () => (url: string) => Promise<Response>,
): GridRowsLoader {
  const files = new Map<string, Promise<unknown>>();
  const sets = new Map<string, Promise<GridRowsState>>();
  const settled = new Map<string, GridRowsState>();

  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let p = files.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      files.set(key, p);
      p.catch((e: unknown) => {
        // A missing or unreadable file stays so; a network failure may be retried.
        if (!(e instanceof DataLoadError && (e.problem === 'missing' || e.problem === 'corrupt')))
          files.delete(key);
      });
    }
    return p;
  };

  const rows = async (
    dataUrl: string,
    id: GridFileId,
    countries: readonly string[],
  ): Promise<GridPrecomputed> => {
    let index: GridPartIndex;
    try {
      index = await once(`${id}:index:${dataUrl}`, () => loadGridIndex(dataUrl, id, fetchFn()));
    } catch (e) {
      if (!(e instanceof DataLoadError && e.problem === 'missing')) throw e;
      return once(`${id}:whole:${dataUrl}`, () => loadGridFile(dataUrl, id, fetchFn()));
    }
    const parts = await Promise.all(
      countries.map((c) =>
        once(`${id}:part:${c}:${dataUrl}`, () => loadGridPart(dataUrl, index, c, fetchFn())),
      ),
    );
    return mergeGridParts(
      index,
      parts.filter((t): t is CellYearTable => t !== null),
    );
  };

  return {
    load(dataUrl, id, countries) {
      const key = keyOf(dataUrl, id, countries);
      let p = sets.get(key);
      if (!p) {
        p = rows(dataUrl, id, countries).then(
          (file): GridRowsState => ({ status: 'ready', file }),
          (e: unknown): GridRowsState => {
            if (
              e instanceof DataLoadError &&
              (e.problem === 'missing' || e.problem === 'corrupt')
            ) {
              if (e.problem === 'corrupt')
                console.warn(`Grid file not used (${e.message}); hexagons from the events table.`);
              return { status: 'absent' };
            }
            return { status: 'error', message: e instanceof Error ? e.message : String(e) };
          },
        );
        void p.then((s) => {
          if (s.status === 'error')
            sets.delete(key); // a later switch may try again
          else settled.set(key, s);
        });
        sets.set(key, p);
      }
      return p;
    },
    loaded: (dataUrl, id, countries) => settled.get(keyOf(dataUrl, id, countries)),
  };
}
