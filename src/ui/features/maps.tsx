/**
 * Source maps feature (the Geo-PKO dashboard's mission maps by source map): for a mission with
 * map-level (monthly) records, the months whose UN deployment map was coded, a month picker that
 * shows that map on the timeline (monthly mode), and the map's location table. The monthly
 * records in the browser data give each location's troops; contributors and unit types per map
 * are not in them (the year's figures are in the Countries tab and the base details).
 */
import { monthIndex } from '../../domain/timeline';
import { useData } from '../dataContext';
import { fmt, fmtTroops } from '../format';
import { useAtlas, useDispatch } from '../store';
import { NOTHING, type Feature } from './contract';
import '../deployments.css';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2016-03" → "Mar 2016". */
export function monthLabel(key: string): string {
  const [y, m] = key.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
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
          disabled={world}
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
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Choose a month to list that map’s locations.</p>
      )}
    </div>
  );
}

/** The source maps feature (a side-panel tab only). */
export const mapsFeature: Feature = {
  id: 'maps',
  useMap: () => NOTHING,
  panels: [{ id: 'maps', label: 'Maps', Component: MapsPanel }],
};
