/**
 * The details panel: a cell-year or a base-year, readable by screen readers (aria-live) and
 * reachable by keyboard (every base and cell mentioned is a button).
 */
import type { ReactNode } from 'react';
import {
  osvFor,
  precisionMix,
  type BaseYear,
  type Coverage,
  type PerpetratorFilter,
} from '../domain/dataset';
import { cellCentroid } from '../domain/grid';
import type { BaseDetails, BaseView, CellDetails, CellView } from '../data/selectors';
import type { CellName } from '../domain/lagView';
import type { Selection } from '../state/state';
import { DataText } from './DataText';
import {
  CHANGE_LABELS,
  HQ_LABELS,
  fmt,
  fmtEstimate,
  fmtTroops,
  fmtYearRanges,
  noViolenceDataMessage,
  plural,
} from './format';
import { TableHead } from './TableHead';
import { PERPETRATOR_LABELS } from '../domain/perpetrator';

export interface DetailsProps {
  selection: Selection;
  year: number;
  perpetrator: PerpetratorFilter;
  coverage: Coverage;
  cell: CellDetails | null;
  base: BaseDetails | null;
  /** The most violent cells of the period shown (the year, or the month in monthly mode). */
  topCells: readonly Pick<CellView, 'gid' | 'value'>[];
  /** The period of the top list ("2017", or "June 2017" in monthly mode); default the year. */
  period?: string;
  /** Set when violence data is missing for the mission's countries this year. */
  noDataMessage: string | null;
  onSelect: (s: Selection) => void;
  /** Extra content under a selected cell's details (the cell's lag analysis). */
  cellExtra?: ReactNode;
  /** Extra content under a selected base's details (e.g. the deaths within reach). */
  baseExtra?: ReactNode;
  /** A cell's name (nearest town, area, cell id). */
  cellName: (gid: number) => CellName;
}

function BaseButton(props: { v: BaseView; onSelect: DetailsProps['onSelect'] }) {
  const { v } = props;
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => props.onSelect({ kind: 'base', id: v.base.id })}
    >
      <DataText>{v.base.location}</DataText>
      <span className="muted">
        {' '}
        · {v.by.mission} · {fmtTroops(v.by.troops)}
        {v.by.hq > 0 ? ` · ${HQ_LABELS[v.by.hq]}` : ''}
      </span>
    </button>
  );
}

/**
 * The change in civilians killed since the year before (best estimate, the perpetrator shown):
 * "+35 since 2016 (40 → 75)"; not computed when the year before has no violence data.
 */
export function changeSinceText(d: CellDetails, perpetrator: PerpetratorFilter): string {
  const prev = d.previous;
  if (!prev.hasData)
    return `Change since ${prev.year}: not computed (violence data not loaded for ${prev.year}).`;
  const now = d.cell ? osvFor(d.cell, perpetrator).best : 0;
  const before = prev.cell ? osvFor(prev.cell, perpetrator).best : 0;
  const delta = now - before;
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  return `Change since ${prev.year}: ${sign}${fmt(Math.abs(delta))} killed (${fmt(before)} in ${prev.year} → ${fmt(now)} in ${d.year}).`;
}

function ChangeSince(props: { d: CellDetails; perpetrator: PerpetratorFilter }) {
  return (
    <p className="muted" data-field="change-since">
      {changeSinceText(props.d, props.perpetrator)}
    </p>
  );
}

function CellView_(
  props: Omit<DetailsProps, 'base' | 'selection' | 'topCells' | 'noDataMessage'> & {
    cell: CellDetails;
  },
) {
  const d = props.cell;
  const [lon, lat] = cellCentroid(d.gid);
  // Host and foreign governments only where a foreign government killed here.
  const foreign = (d.cell?.osvForeign.events ?? 0) > 0;
  const rows: [PerpetratorFilter, string][] = [
    ['all', 'All'],
    ['state', 'State forces'],
    ...(foreign
      ? ([
          ['host', '… host government'],
          ['foreign', '… foreign governments'],
        ] as [PerpetratorFilter, string][])
      : []),
    ['nonstate', 'Non-state groups'],
  ];
  const mix = d.cell ? precisionMix(d.cell) : null;
  const name = props.cellName(d.gid);
  return (
    <article data-testid="cell-details" data-gid={d.gid}>
      <h2>
        {name.name} · {d.year}
      </h2>
      <p className="muted" data-field="cell-id">
        {d.country ? <DataText>{d.country}</DataText> : 'Country unknown'} · PRIO-GRID {name.id} ·
        centre {lat.toFixed(2)}°, {lon.toFixed(2)}°
      </p>
      {!d.hasData ? (
        <p className="nodata-text">
          {noViolenceDataMessage([d.country ?? 'this country'], d.year, props.coverage)}
        </p>
      ) : d.cell === null ? (
        <>
          <p>No one-sided violence recorded in this cell in {d.year} (UCDP GED).</p>
          <ChangeSince d={d} perpetrator={props.perpetrator} />
        </>
      ) : (
        <>
          <table className="details-table" data-testid="cell-osv">
            <caption>Civilians killed (one-sided violence), best estimate (low–high)</caption>
            <TableHead columns={['Perpetrator', 'Killed', 'Events']} />
            <tbody>
              {rows.map(([k, label]) => {
                const e = osvFor(d.cell!, k);
                return (
                  <tr
                    key={k}
                    className={k === props.perpetrator ? 'current' : undefined}
                    data-perp={k}
                  >
                    <th scope="row">{label}</th>
                    <td data-field="best">{fmtEstimate(e)}</td>
                    <td data-field="events">{fmt(e.events)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <ChangeSince d={d} perpetrator={props.perpetrator} />
          {mix && mix.country.events + mix.sea.events > 0 ? (
            <p className="muted" data-field="precision-mix">
              Location precision: {plural(mix.precise.events, 'event')} placed at or near a named
              place or area (GED where_prec 1–5)
              {mix.country.events > 0
                ? `, ${plural(mix.country.events, 'event')} (${fmt(mix.country.best)} killed) located only to the country, on its centroid`
                : ''}
              {mix.sea.events > 0
                ? `, ${plural(mix.sea.events, 'event')} (${fmt(mix.sea.best)} killed) at sea`
                : ''}
              . The lag analysis leaves the imprecise ones out by default.
            </p>
          ) : mix ? (
            <p className="muted" data-field="precision-mix">
              Location precision: every event placed at or near a named place or area (GED
              where_prec 1–5).
            </p>
          ) : null}
          {d.cell.topPerpetrators.length > 0 ? (
            <>
              <h3>Top perpetrators</h3>
              <ol className="plain-list">
                {d.cell.topPerpetrators.map((p) => (
                  <li key={p.name}>
                    <DataText>{p.name}</DataText>{' '}
                    <span className="muted">
                      ({p.perpetrator === 'state' ? 'state' : 'non-state'})
                    </span>
                    : {plural(p.best, 'death')}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
          <p className="muted">
            Context: state-based conflict {fmt(d.cell.stateBased.best)}, non-state conflict{' '}
            {fmt(d.cell.nonStateConflict.best)} deaths.
          </p>
        </>
      )}
      <BaseList
        title="Bases in this cell"
        bases={d.inside}
        year={d.year}
        onSelect={props.onSelect}
      />
      <BaseList
        title="Bases within one ring (the 8 neighbouring cells)"
        bases={d.near}
        year={d.year}
        onSelect={props.onSelect}
      />
    </article>
  );
}

/** A titled list of bases (each a button that selects it), or "None in <year>". */
function BaseList(props: {
  title: string;
  bases: readonly BaseView[];
  year: number;
  onSelect: DetailsProps['onSelect'];
}) {
  return (
    <>
      <h3>{props.title}</h3>
      {props.bases.length === 0 ? (
        <p className="muted">None in {props.year}.</p>
      ) : (
        <ul className="plain-list">
          {props.bases.map((v) => (
            <li key={v.base.id}>
              <BaseButton v={v} onSelect={props.onSelect} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * The spread of a base-year's maps after its troop figure: " (800–1,450: 2 figures on the year's
 * maps)" (FrontMap keeps each distinct figure once), plus whether
 * the figure is Geo-PKO's yearly figure or the mean of the maps.
 */
export function troopSpread(
  by: Pick<BaseYear, 'troops' | 'troopsMin' | 'troopsMax' | 'sourceRows' | 'troopsFromMaps'>,
): string {
  if (by.troops === null) return '';
  const spread =
    by.troopsMin !== null && by.troopsMax !== null && by.troopsMin !== by.troopsMax
      ? ` (${fmt(by.troopsMin)}–${fmt(by.troopsMax)}: ${plural(by.sourceRows, 'figure')} on the year's maps)`
      : '';
  return `${spread}${by.troopsFromMaps ? ' · mean of the maps (Geo-PKO gives no yearly figure)' : spread ? " · Geo-PKO's yearly figure" : ''}`;
}

function BaseView_(props: {
  base: BaseDetails;
  year: number;
  onSelect: DetailsProps['onSelect'];
  cellName: DetailsProps['cellName'];
}) {
  const { base, by, change, years } = props.base;
  return (
    <article data-testid="base-details" data-base={base.id}>
      <h2>
        <DataText>{base.location}</DataText> · {props.year}
      </h2>
      <p className="muted">
        <DataText>{base.mission}</DataText> · <DataText>{base.country}</DataText>
      </p>
      {by === null ? (
        <p>
          Not a {base.mission} location in {props.year}.
        </p>
      ) : (
        <dl className="details-list">
          <dt>Troops</dt>
          <dd data-field="troops">
            {fmtTroops(by.troops)}
            {by.zeroTroops ? ' (police, observers or HQ staff only)' : ''}
            {troopSpread(by)}
          </dd>
          <dt>HQ</dt>
          <dd>{HQ_LABELS[by.hq]}</dd>
          <dt>Units</dt>
          <dd>
            {by.units.length > 0 ? by.units.join(', ') : 'none recorded'}
            {by.unpol ? ' · UN police' : ''}
            {by.unmo ? ' · UN military observers' : ''}
          </dd>
          <dt>Contributing countries</dt>
          <dd>
            {by.tcc.length > 0
              ? by.tcc.join(', ')
              : by.tccCount !== null
                ? plural(by.tccCount, 'country', 'countries')
                : 'unknown'}
          </dd>
        </dl>
      )}
      <h3>Change since {props.year - 1}</h3>
      {change === null ? (
        <p className="muted">
          Not present in {props.year - 1} or {props.year}.
        </p>
      ) : (
        <p data-testid="base-change">
          <strong>{CHANGE_LABELS[change.kind]}</strong>
          {change.troopsUnknown
            ? ': a troop figure is unknown, so the change cannot be measured'
            : change.kind === 'NEW'
              ? `: ${fmtTroops(change.troopsAfter)} (not present in ${props.year - 1})`
              : change.kind === 'CLOSED'
                ? `: had ${fmtTroops(change.troopsBefore)} in ${props.year - 1}`
                : `: ${fmt(change.troopsBefore ?? 0)} → ${fmt(change.troopsAfter ?? 0)} troops (${(change.delta ?? 0) >= 0 ? '+' : ''}${fmt(change.delta ?? 0)})${change.basis === 'highest' ? ', highest figure on a map' : change.basis === 'lowest' ? ', lowest figure on a map' : ''}`}
        </p>
      )}
      <p className="muted">Present in {fmtYearRanges(years)}.</p>
      <button
        type="button"
        className="link-button"
        title={`PRIO-GRID ${props.cellName(by?.gid ?? base.gid).id}`}
        onClick={() => props.onSelect({ kind: 'cell', gid: by?.gid ?? base.gid })}
      >
        Show its cell ({props.cellName(by?.gid ?? base.gid).name})
      </button>
    </article>
  );
}

/** The details panel content. */
export function Details(props: DetailsProps) {
  const s = props.selection;
  return (
    <div className="details" aria-live="polite" data-testid="details">
      {s === null ? (
        <div>
          <p className="hint">
            Click a cell or a base on the map, or search a place, to see its details here.
          </p>
          <h2>Most violent cells, {props.period ?? props.year}</h2>
          <p className="muted">{PERPETRATOR_LABELS[props.perpetrator]}</p>
          {props.noDataMessage ? <p className="nodata-text">{props.noDataMessage}</p> : null}
          {props.topCells.length === 0 ? (
            props.noDataMessage ? null : (
              <p className="muted">
                No one-sided violence recorded in {props.period ?? props.year}.
              </p>
            )
          ) : (
            <ol className="plain-list top-cells">
              {props.topCells.map((c) => (
                <li key={c.gid}>
                  <button
                    type="button"
                    className="link-button"
                    title={`PRIO-GRID ${props.cellName(c.gid).id}`}
                    onClick={() => props.onSelect({ kind: 'cell', gid: c.gid })}
                  >
                    {props.cellName(c.gid).name}
                    <span className="muted"> · {plural(c.value, 'civilian')} killed</span>
                  </button>
                </li>
              ))}
            </ol>
          )}
        </div>
      ) : s.kind === 'cell' && props.cell ? (
        <>
          <CellView_ {...props} cell={props.cell} />
          {props.cellExtra}
        </>
      ) : s.kind === 'base' && props.base ? (
        <>
          <BaseView_
            base={props.base}
            year={props.year}
            onSelect={props.onSelect}
            cellName={props.cellName}
          />
          {props.baseExtra}
        </>
      ) : (
        <p>Nothing to show for this selection.</p>
      )}
      {s !== null ? (
        <button type="button" className="button close" onClick={() => props.onSelect(null)}>
          Clear selection
        </button>
      ) : null}
    </div>
  );
}
