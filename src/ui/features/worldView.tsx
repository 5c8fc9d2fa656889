/**
 * World view feature (the Geo-PKO dashboard's FrontMap overview): every mission active in the
 * year on one map, one colour per mission (its dataset colour slot, stable for the session), a
 * mission multi-select and the totals of the selection (troops, sites with UN police, sites with
 * observers). Choosing a mission opens its mission view. The bases feature draws the circles; this
 * module adds the legend of mission colours and the "World" side-panel tab.
 */
import { useMemo } from 'react';
import type { MissionYearRow } from '../../data/deploymentSelectors';
import { worldSection } from '../../map/legend';
import { worldMissionColor } from '../../map/scales';
import type { AppState, WorldView } from '../../state/state';
import { useData } from '../dataContext';
import { fmt, fmtTroops } from '../format';
import { useAtlas, useDispatch } from '../store';
import type { Feature, FeatureContext, FeatureMap } from './contract';
import '../deployments.css';

const filters = new WeakMap<WorldView, (mission: string) => boolean>();

/**
 * The World view's mission filter: null in the mission view; in the World view a predicate that
 * is the same function for the same selection (usable as a memo dependency).
 */
export function worldFilter(state: Pick<AppState, 'world'>): ((mission: string) => boolean) | null {
  const w = state.world;
  if (!w) return null;
  let f = filters.get(w);
  if (!f) {
    const set = new Set(w.missions);
    f = set.size === 0 ? () => true : (m: string) => set.has(m);
    filters.set(w, f);
  }
  return f;
}

function useWorldMap(ctx: FeatureContext): FeatureMap {
  const { data, view } = ctx;
  const { world, year, layers } = view.state;
  const shown = world
    ? world.missions.length > 0
      ? world.missions.filter((m) => data.dep.activeMissions(year).includes(m))
      : data.dep.activeMissions(year)
    : null;
  const key = shown?.join(',') ?? '';
  return useMemo<FeatureMap>(() => {
    if (!shown || !layers.bases) return { layers: {}, legend: [], pick: {} };
    const colors = shown.map((id) => ({ id, color: worldMissionColor(id, data.sel.missionSlots) }));
    return {
      layers: {},
      legend: [worldSection(year, colors)],
      pick: {},
      renderKey: `world:${key}`,
      counts: { worldMissions: shown.length },
    };
    // `shown` is described by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, year, layers.bases, data.sel.missionSlots]);
}

function Totals(props: { rows: readonly MissionYearRow[] }) {
  const t = props.rows.reduce(
    (a, r) => ({
      bases: a.bases + r.bases,
      troops: a.troops + r.troops,
      unknown: a.unknown + r.unknownTroops,
      unpol: a.unpol + r.unpolSites,
      unmo: a.unmo + r.unmoSites,
    }),
    { bases: 0, troops: 0, unknown: 0, unpol: 0, unmo: 0 },
  );
  return (
    <dl className="world-totals" data-testid="world-totals">
      <div>
        <dt>Troops</dt>
        <dd data-testid="world-troops">{fmt(t.troops)}</dd>
      </div>
      <div>
        <dt>Sites with UN police</dt>
        <dd data-testid="world-unpol">{fmt(t.unpol)}</dd>
      </div>
      <div>
        <dt>Sites with observers</dt>
        <dd data-testid="world-unmo">{fmt(t.unmo)}</dd>
      </div>
      <div>
        <dt>Sites</dt>
        <dd>{fmt(t.bases)}</dd>
      </div>
      {t.unknown > 0 ? (
        <p className="muted">
          {fmt(t.unknown)} site{t.unknown === 1 ? '' : 's'} with troops unknown (NA) not counted.
        </p>
      ) : null}
    </dl>
  );
}

/** The "World" side-panel tab. */
function WorldPanel() {
  const { data } = useData();
  const dispatch = useDispatch();
  const world = useAtlas((s) => s.world);
  const year = useAtlas((s) => s.year);
  const mission = useAtlas((s) => s.mission);
  const rows = data.dep.missionRows(year);
  if (!world)
    return (
      <div className="world-panel">
        <h2>World view</h2>
        <p>
          Every peacekeeping mission with bases in the year on one map, with the totals of the
          missions you choose (as the Geo-PKO dashboard’s overview map).
        </p>
        <button
          type="button"
          className="button"
          data-testid="open-world"
          onClick={() => dispatch({ type: 'openWorld' })}
        >
          Show all missions
        </button>
      </div>
    );
  const chosen = new Set(world.missions);
  const all = world.missions.length === 0;
  const selected = all ? rows : rows.filter((r) => chosen.has(r.id));
  const toggle = (id: string): void => {
    const base = all ? rows.map((r) => r.id) : world.missions;
    const next = base.includes(id) ? base.filter((m) => m !== id) : [...base, id];
    dispatch({
      type: 'setWorldMissions',
      missions: next.length === rows.length ? [] : next,
    });
  };
  return (
    <div className="world-panel" data-testid="world-panel">
      <h2>All missions, {year}</h2>
      <p className="muted">
        Geo-PKO: troops = the source’s yearly figure per site; UN police and observers are recorded
        as present at a site, not as headcounts.
      </p>
      <Totals rows={selected} />
      <div className="world-actions">
        <button
          type="button"
          className="button"
          onClick={() => dispatch({ type: 'setWorldMissions', missions: [] })}
          disabled={all}
        >
          All
        </button>
        <button
          type="button"
          className="button"
          onClick={() => dispatch({ type: 'closeWorld' })}
          data-testid="close-world"
        >
          Back to {mission}
        </button>
      </div>
      <table className="world-missions" data-testid="world-missions">
        <caption className="visually-hidden">Missions with bases in {year}</caption>
        <thead>
          <tr>
            <th scope="col">Show</th>
            <th scope="col">Mission</th>
            <th scope="col" className="num">
              Troops
            </th>
            <th scope="col" className="num">
              Sites
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Show ${r.id}`}
                  checked={all || chosen.has(r.id)}
                  onChange={() => toggle(r.id)}
                />
              </td>
              <td>
                <span
                  className="world-swatch"
                  style={{ background: worldMissionColor(r.id, data.sel.missionSlots) }}
                  aria-hidden
                />
                <button
                  type="button"
                  className="linklike"
                  onClick={() => dispatch({ type: 'setMission', mission: r.id })}
                  title={`Open the ${r.id} mission view`}
                >
                  {r.id}
                </button>
              </td>
              <td className="num">
                {fmtTroops(r.troops)}
                {r.unknownTroops > 0 ? ` + ${r.unknownTroops} NA` : ''}
              </td>
              <td className="num">{fmt(r.bases)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The World view feature. */
export const worldFeature: Feature = {
  id: 'world',
  useMap: useWorldMap,
  panels: [{ id: 'world', label: 'World', Component: WorldPanel }],
};
