/**
 * The Grid switch and the PRIO-GRID / H3 comparison (Lag tab): which grid the map and the
 * analysis use, the cell sizes, and — on H3 — how many flags of each grid the other grid
 * confirms, side by side with the main figures of both runs, so that a researcher sees which
 * findings depend on the grid (the modifiable areal unit problem).
 */
import { useId, useMemo } from 'react';
import type { GridData } from '../../data/gridData';
import { toLagParams } from '../../data/lagSelectors';
import { GRID_IDS, PRIO_GRID, meanAreaKm2, type GridId } from '../../domain/gridSystem';
import type { LagResult } from '../../domain/lagTypes';
import { runFigures } from '../lag/runFigures';
import { useData } from '../dataContext';
import { fmt, fmtList } from '../format';
import { useAtlas, useDispatch } from '../store';
import { useGridData } from './useGridData';
import './grid.css';

/** Short labels of the switch. */
export const GRID_LABELS: Readonly<Record<GridId, string>> = {
  prio: 'PRIO-GRID 0.5°',
  h3r4: 'H3 r4',
  h3r5: 'H3 r5',
};

const area = (id: GridId): string => `${fmt(Math.round(meanAreaKm2(id) / 10) * 10)} km²`;

function Comparison(props: { gd: GridData; prio: LagResult; mission: string }) {
  const { data } = useData();
  const lag = useAtlas((s) => s.lag);
  const perpetrator = useAtlas((s) => s.perpetrator);
  const params = useMemo(() => toLagParams(lag, perpetrator), [lag, perpetrator]);
  const h3 = props.gd.lag.result(props.mission, params);
  const c = props.gd.compare(props.mission, params);
  if (!h3 || !c) return null;
  const label = GRID_LABELS[props.gd.grid.id];
  const a = runFigures(props.prio);
  const b = runFigures(h3);
  const hexName = (key: number): string => {
    const [lon, lat] = props.gd.grid.centroid(key);
    return data.cellName(PRIO_GRID.cellOf(lat, lon)).name;
  };
  const few = (names: string[]): string =>
    names.length > 4
      ? `${fmtList(names.slice(0, 4))} and ${names.length - 4} more`
      : fmtList(names);
  return (
    <div data-testid="grid-compare">
      <p className="grid-compare-lead" role="status">
        <strong data-testid="grid-compare-prio">
          {fmt(c.prioConfirmed)} of {fmt(c.prioFlagged)}
        </strong>{' '}
        flagged PRIO-GRID cells have a flagged {label} hexagon over them;{' '}
        <strong data-testid="grid-compare-h3">
          {fmt(c.h3Confirmed)} of {fmt(c.h3Flagged)}
        </strong>{' '}
        flagged {label} hexagons have a flagged PRIO-GRID cell under them.
      </p>
      {c.prioOnly.length > 0 ? (
        <p className="muted">
          Flagged on PRIO-GRID only: {few(c.prioOnly.map((g) => data.cellName(g).name))}.
        </p>
      ) : null}
      {c.h3Only.length > 0 ? (
        <p className="muted">
          Flagged on {label} only: hexagons near {few(c.h3Only.map(hexName))}.
        </p>
      ) : null}
      <table className="grid-compare-table">
        <caption className="visually-hidden">
          The lag analysis on PRIO-GRID and on {label}, same parameters
        </caption>
        <thead>
          <tr>
            <th scope="col">Whole mission</th>
            <th scope="col">PRIO-GRID</th>
            <th scope="col">{label}</th>
          </tr>
        </thead>
        <tbody>
          {a.map(([k, v], i) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{v}</td>
              <td>{b[i]![1]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Same θ, W, Δ and perpetrator filter; reach r counts rings of hexagons (k-ring) on H3, and
        each base counts in the hexagon it stands in. A hexagon overlaps a PRIO-GRID cell when it
        covers part of the 0.5° square. The summary and gap list below are on PRIO-GRID.
      </p>
    </div>
  );
}

/** The Grid switch and, on H3, the comparison. */
export function GridSection(props: { mission: string; prio: LagResult }) {
  const grid = useAtlas((s) => s.grid);
  const dispatch = useDispatch();
  const id = useId();
  const g = useGridData(grid);
  return (
    <section className="grid-section" data-testid="grid-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Grid</h3>
      <fieldset className="segmented" data-testid="grid-switch">
        <legend className="visually-hidden">Grid of the map and the analysis</legend>
        {GRID_IDS.map((gid) => (
          <label key={gid} className={grid === gid ? 'checked' : undefined}>
            <input
              type="radio"
              name={`${id}-grid`}
              value={gid}
              checked={grid === gid}
              onChange={() => dispatch({ type: 'setGrid', grid: gid })}
            />
            {GRID_LABELS[gid]}
          </label>
        ))}
      </fieldset>
      <p className="muted grid-sizes">
        Mean cell areas: PRIO-GRID ≈ {area('prio')} at the equator, H3 r4 ≈ {area('h3r4')}, H3 r5 ≈{' '}
        {area('h3r5')} (h3-js).
      </p>
      {grid === 'prio' ? null : g.events.status === 'error' || g.runtimeError !== null ? (
        <p className="nodata-text" role="alert">
          The {g.runtimeError !== null ? 'H3 code' : 'hexagon data'} could not be loaded, so the
          hexagons are not shown: {g.events.status === 'error' ? g.events.message : g.runtimeError}
        </p>
      ) : g.data === null ? (
        <p className="muted" role="status">
          Loading the hexagons…
        </p>
      ) : (
        <Comparison gd={g.data} prio={props.prio} mission={props.mission} />
      )}
    </section>
  );
}
