/**
 * The lag view of one cell (in the Lag tab above the gap list, and in the details panel): its episodes with category and lag, a
 * chart per year of violence (bars) and troops in reach (line) with onsets and responses marked,
 * the bases in reach and their changes, and the same numbers as a table.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { CellYearDetail } from '../../domain/lag';
import type { Episode, LagParams } from '../../domain/lagTypes';
import {
  basesInReach,
  cellChartRows,
  cellName,
  cellPlaceLabel,
  episodeMarkers,
  notableChanges,
  type PlaceMatch,
} from '../../domain/lagView';
import { DataText } from '../DataText';
import { CHANGE_LABELS, fmt, fmtTroops, plural } from '../format';
import { CategoryChip, SameYearCaveat } from './CategoryChip';
import { cellTroopsSpec, cellViolenceSpec, type ColoredMarker, type Plot } from './chartSpecs';
import { lagText } from './GapList';
import { PlotFigure } from './PlotFigure';
import './lag.css';
import { TableHead } from '../TableHead';

export interface CellLagDetailProps {
  gid: number;
  mission: string;
  params: LagParams;
  detail: readonly CellYearDetail[];
  /** The cell's episodes (onset order). */
  episodes: readonly Episode[];
  place: PlaceMatch | null;
  /** The cell's first-level administrative area (GED adm_1), when known. */
  region?: string | null;
  baseName: (baseId: string) => string;
  /** Sentence to show when the cell's years have no violence data (else null). */
  noDataMessage: string | null;
  /** A navigation button in the heading (back to the gap list, or to the Lag tab). */
  nav?: { label: string; onClick: () => void };
}

function changeText(c: { kind: string; troopsBefore: number | null; troopsAfter: number | null }) {
  if (c.kind === 'NEW') return fmtTroops(c.troopsAfter);
  if (c.kind === 'CLOSED') return `had ${fmtTroops(c.troopsBefore)}`;
  if (c.troopsBefore === null || c.troopsAfter === null) return 'troop figure unknown';
  const d = c.troopsAfter - c.troopsBefore;
  return `${fmt(c.troopsBefore)} → ${fmt(c.troopsAfter)} (${d >= 0 ? '+' : ''}${fmt(d)})`;
}

/** The cell's lag view. */
export function CellLagDetail(props: CellLagDetailProps) {
  const { detail, episodes, params } = props;
  const rows = useMemo(() => cellChartRows(detail), [detail]);
  const markers = useMemo<ColoredMarker[]>(() => {
    const cat = new Map(episodes.map((e) => [e.id, e.category]));
    return episodeMarkers(episodes).map((m) => ({ ...m, category: cat.get(m.episodeId)! }));
  }, [episodes]);
  const input = useMemo(
    () => ({ rows, markers, theta: params.theta }),
    [rows, markers, params.theta],
  );
  const violenceSpec = useCallback(
    (P: Plot, width: number) => cellViolenceSpec(P, { ...input, width }),
    [input],
  );
  const troopsSpec = useCallback(
    (P: Plot, width: number) => cellTroopsSpec(P, { ...input, width }),
    [input],
  );
  const changes = useMemo(() => notableChanges(detail, props.baseName), [detail, props.baseName]);
  const bases = useMemo(() => basesInReach(detail, props.baseName), [detail, props.baseName]);
  const place = {
    ...cellPlaceLabel(props.gid, props.place),
    name: cellName(props.gid, props.place, props.region ?? null).name,
  };
  // A new cell starts at the top of the (scrolling) side panel, where its details begin.
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.closest('.side-panel')?.scrollTo({ top: 0 });
  }, [props.gid]);
  const analysed = rows.some((r) => r.analysed);
  const ringText =
    params.reachKm != null
      ? `within ${params.reachKm} km of the cell centre`
      : params.reach === 0
        ? 'in the cell'
        : `within ${plural(params.reach, 'ring')} of cells`;

  return (
    <section ref={ref} className="lag-cell" data-testid="cell-lag" data-gid={props.gid}>
      <div className="lag-section-head">
        <h3>Lag analysis of this cell</h3>
        {props.nav ? (
          <button
            type="button"
            className="link-button lag-cell-nav"
            onClick={props.nav.onClick}
            data-testid="cell-lag-nav"
          >
            {props.nav.label}
          </button>
        ) : null}
      </div>
      <p className="muted">
        <DataText>{place.name}</DataText>
        {place.detail ? ` (${place.detail})` : ''} · {props.mission} · θ {params.theta},{' '}
        {params.reachKm != null ? `reach ${params.reachKm} km` : `r ${params.reach}`}, W{' '}
        {params.window}, Δ {params.delta}
      </p>
      {detail.length === 0 ? (
        <p className="muted">This cell is outside {props.mission}’s host countries.</p>
      ) : !analysed ? (
        <p className="nodata-text" data-testid="cell-lag-nodata">
          {props.noDataMessage ?? 'Violence data not loaded for this cell’s years.'}
        </p>
      ) : (
        <>
          {episodes.length === 0 ? (
            <p>No violence episode (no year with at least θ = {params.theta} killed).</p>
          ) : (
            <ul className="plain-list lag-cell-episodes">
              {episodes.map((e) => (
                <li key={e.id} data-category={e.category}>
                  <CategoryChip category={e.category} />{' '}
                  <span>
                    {e.onsetYear === e.endYear ? e.onsetYear : `${e.onsetYear}–${e.endYear}`} ·{' '}
                    {fmt(e.fatalities)} killed · {lagText(e)}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {episodes.some((e) => e.category === 'RESPONDED_SAME_YEAR') ? <SameYearCaveat /> : null}
          <PlotFigure
            spec={violenceSpec}
            label={`Civilians killed per year in ${place.name} (cell ${props.gid})`}
            testId="cell-violence-chart"
          />
          <PlotFigure
            spec={troopsSpec}
            label={`Troops of ${props.mission} ${ringText} per year`}
            testId="cell-troops-chart"
          />
          <p className="muted lag-note">
            Bars: civilians killed (dark from θ on; “no data” where the year is not analysed). Line:
            troops {ringText}; ▲ enhanced presence. Dashed rule: onset; solid: response.
          </p>
        </>
      )}
      {detail.length > 0 ? (
        <>
          <h4>
            Bases of {props.mission} {ringText}
          </h4>
          {bases.length === 0 ? (
            <p className="muted" data-testid="cell-lag-bases">
              None in any year.
            </p>
          ) : (
            <ul className="plain-list" data-testid="cell-lag-bases">
              {bases.map((b) => (
                <li key={b.baseId}>
                  <DataText>{b.name}</DataText> <span className="muted">({b.years})</span>
                </li>
              ))}
            </ul>
          )}
          <h4>Their changes ({plural(changes.length, 'change')})</h4>
          {changes.length === 0 ? (
            <p className="muted">No base opened, closed or changed its troops here.</p>
          ) : (
            <table className="details-table lag-changes" data-testid="cell-lag-changes">
              <TableHead columns={['Year', 'Base', 'Change']} />
              <tbody>
                {changes.map((c) => (
                  <tr key={`${c.year}:${c.baseId}`} data-kind={c.kind}>
                    <td>{c.year}</td>
                    <th scope="row">
                      <DataText>{c.name}</DataText>
                    </th>
                    <td>
                      <strong>{CHANGE_LABELS[c.kind]}</strong> {changeText(c)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <details className="lag-year-table">
            <summary>Year by year (table)</summary>
            <table className="details-table" data-testid="cell-lag-years">
              <TableHead columns={['Year', 'Killed', 'Troops in reach', 'Enhanced']} />
              <tbody>
                {rows.map((r) => (
                  <tr key={r.year} data-year={r.year}>
                    <th scope="row">{r.year}</th>
                    <td data-field="killed">
                      {r.fatalities === null ? 'no data' : fmt(r.fatalities)}
                    </td>
                    <td data-field="troops">{fmt(r.troops)}</td>
                    <td data-field="enhanced">{r.enhanced ? 'yes' : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      ) : null}
    </section>
  );
}
