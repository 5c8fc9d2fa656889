/**
 * Source maps feature (the Geo-PKO dashboard's mission maps by source map): for a mission with
 * map-level (monthly) records, the months whose UN deployment map was coded, a month picker that
 * shows that map on the timeline (monthly mode), and the map's location table: each location's
 * troops and contributing countries on that map. Unit types are not coded per map in the monthly
 * file (the year's, from TTMap, are in the base details and the Countries tab).
 */
import { monthIndex } from '../../domain/timeline';
import { useData } from '../dataContext';
import { fmt, fmtTroops } from '../format';
import { useAtlas, useDispatch } from '../store';
import type { MapLocation } from '../../data/deploymentSelectors';
import { NOTHING, type Feature } from './contract';
import '../deployments.css';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2016-03" → "Mar 2016". */
export function monthLabel(key: string): string {
  const [y, m] = key.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/**
 * A location's contributors on a map, in words: the countries the map names (with their troops),
 * else Geo-PKO's count alone ("none" only where that count is 0), else "not given".
 */
export function contributorsText(r: Pick<MapLocation, 'contributors' | 'tccCount'>): string {
  if (r.contributors.length > 0) return r.contributors.join(', ');
  if (r.tccCount === 0) return 'none';
  if (r.tccCount !== null)
    return `${fmt(r.tccCount)} ${r.tccCount === 1 ? 'country' : 'countries'}, not named`;
  return 'not given';
}

/** The "Maps" side-panel tab. */
function MapsPanel() {
  const { data } = useData();
  const dispatch = useDispatch();
  const mission = useAtlas((s) => s.mission);
  const year = useAtlas((s) => s.year);
  const month = useAtlas((s) => s.month);
  const world = useAtlas((s) => s.world !== null);
  const months = data.dep.mapMonths(mission);
  const current = month === null ? null : `${year}-${String(month).padStart(2, '0')}`;
  const chosen = current !== null && months.includes(current) ? current : null;
  const rows = chosen ? data.dep.mapLocations(mission, chosen) : [];
  const years = [...new Set(months.map((k) => k.slice(0, 4)))];
  if (months.length === 0)
    return (
      <div className="maps-panel" data-testid="maps-panel">
        <h2>{mission} source maps</h2>
        <p data-testid="maps-none">
          No map-level (monthly) Geo-PKO records are loaded for {mission}: its bases come from the
          yearly FrontMap file only.
        </p>
      </div>
    );
  return (
    <div className="maps-panel" data-testid="maps-panel">
      <h2>{mission} source maps</h2>
      <p className="muted">
        {fmt(months.length)} UN deployment maps coded by month ({years[0]}–{years[years.length - 1]}
        ). Picking one shows it on the map (monthly timeline).
      </p>
      <label>
        Map of{' '}
        <select
          value={chosen ?? ''}
          // A map shows its month's violence: it waits for the cell-months (loaded after the
          // first frame), as the timeline's Monthly switch does.
          disabled={world || data.monthly.pending !== null}
          title={data.monthly.pending ?? undefined}
          data-testid="maps-picker"
          onChange={(e) => {
            const [y, m] = e.target.value.split('-').map(Number);
            if (!y || !m) return;
            dispatch({ type: 'setGranularity', granularity: 'month' });
            dispatch({ type: 'setStep', value: monthIndex(y, m) });
          }}
        >
          <option value="">— choose a month —</option>
          {months.map((k) => (
            <option key={k} value={k}>
              {monthLabel(k)}
            </option>
          ))}
        </select>
      </label>
      {chosen ? (
        <table className="maps-table" data-testid="maps-table">
          <caption>
            Locations on the map of {monthLabel(chosen)} ({fmt(rows.length)})
          </caption>
          <thead>
            <tr>
              <th scope="col">Location</th>
              <th scope="col" className="num">
                Troops
              </th>
              <th scope="col">Contributing countries</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.baseId}>
                <td>
                  <button
                    type="button"
                    className="linklike"
                    onClick={() =>
                      dispatch({
                        type: 'select',
                        selection: { kind: 'base', id: r.baseId },
                        panel: 'maps',
                      })
                    }
                  >
                    {r.location}
                  </button>
                </td>
                <td className="num">{fmtTroops(r.troops)}</td>
                <td className="maps-tcc" data-testid="maps-tcc">
                  {contributorsText(r)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Choose a month to list that map’s locations.</p>
      )}
      {chosen ? (
        <p className="muted">
          Contributing countries as the map lists them, with their troops (“size unknown” where the
          map gives no figure). Unit types are not coded per map in Geo-PKO’s monthly file; the
          year’s unit types (TTMap) are in each base’s details.
        </p>
      ) : null}
    </div>
  );
}

/** The source maps feature (a side-panel tab only). */
export const mapsFeature: Feature = {
  id: 'maps',
  useMap: () => NOTHING,
  panels: [{ id: 'maps', label: 'Maps', Component: MapsPanel }],
};
