/**
 * Which cell-years a view reads, so that a dataset holding some countries' only (the first frame
 * loads its mission's, `cellYearsPending`) is never drawn as "no violence" elsewhere: a view
 * whose countries are not all loaded waits for the rest (`cellYearsCover`).
 */
import { cellYearsOf } from '../domain/encoding';
import type { Dataset } from '../domain/dataset';
import { missionHostCountries } from '../domain/lagIndex';
import type { AppState, MissionYears } from './state';
import { parseUrlState } from './url';

/** Views that read every mission's cell-years: World, the pooled lag analysis, a story. */
function readsEveryMission(state: Pick<AppState, 'world' | 'lagPool' | 'story'>): boolean {
  return state.world !== null || state.lagPool !== null || state.story !== null;
}

/**
 * The countries whose cell-years the view of `state` reads: 'all' for the World view, the
 * pooled lag analysis and a story; else the mission's host countries (`missionHostCountries`,
 * the rule of its lag index, which holds those its map, timeline and panels read). A selected
 * cell that has no row among the loaded cell-years may be another country's, so it needs them
 * all while the dataset is partial.
 */
export function viewCellYearCountries(
  state: Pick<AppState, 'world' | 'lagPool' | 'story' | 'mission' | 'selection'>,
  dataset: Dataset,
): readonly string[] | 'all' {
  if (readsEveryMission(state)) return 'all';
  const sel = state.selection;
  const c = facts(dataset);
  if (
    sel?.kind === 'cell' &&
    dataset.cellYearsPending &&
    !(c.cells ??= cellsOf(dataset)).has(sel.gid)
  )
    return 'all';
  let hosts = c.hosts.get(state.mission);
  if (!hosts) c.hosts.set(state.mission, (hosts = missionHostCountries(dataset, state.mission)));
  return hosts;
}

/**
 * Per dataset, what {@link viewCellYearCountries} reads, made once: it runs on every state
 * change (the clock's frames included) while the dataset is partial.
 */
const FACTS = new WeakMap<Dataset, { hosts: Map<string, string[]>; cells?: Set<number> }>();

function facts(dataset: Dataset): { hosts: Map<string, string[]>; cells?: Set<number> } {
  let f = FACTS.get(dataset);
  if (!f) FACTS.set(dataset, (f = { hosts: new Map() }));
  return f;
}

/** The cells with a row among the dataset's cell-years. */
function cellsOf(dataset: Dataset): Set<number> {
  return new Set(cellYearsOf(dataset).gid);
}

/**
 * The view a link (`search`) opens on, for the first frame's cell-years (`firstView` of
 * `loadDataset`): its mission, or 'all' for a view that reads every mission's.
 */
export function linkFirstView(search: string, missions: readonly MissionYears[]): string | 'all' {
  const { state } = parseUrlState(search, missions);
  return readsEveryMission(state) || state.selection?.kind === 'cell' ? 'all' : state.mission;
}
