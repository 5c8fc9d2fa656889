/**
 * "Changes this year": every base of the mission that opened, was strengthened, reduced or
 * closed since the year before (troops before → after), largest changes first within a kind;
 * unchanged bases folded away. Clicking a base flies the map to it.
 */
import type { ChangeKind } from '../../domain/changes';
import type { ChangeView } from '../../data/timelineSelectors';
import { CHANGE_COLORS, CHANGE_GLYPHS } from '../../map/changeLayers';
import { CHANGE_LABELS, fmt } from '../format';

export interface ChangesListProps {
  mission: string;
  year: number;
  changes: readonly ChangeView[];
  /** Years of the mission (to say when the year before had no base). */
  years: readonly number[];
  onFlyTo: (lon: number, lat: number) => void;
  /** Select the base (details) as well as flying to it. */
  onSelect?: (baseId: string) => void;
  selectedId?: string | null;
}

const SHOWN: ChangeKind[] = ['NEW', 'STRENGTHENED', 'REDUCED', 'CLOSED'];

/** "120", or "NA" for an unknown figure, "—" for an absent base. */
export function troopsText(troops: number | null, present: boolean): string {
  if (!present) return '—';
  return troops === null ? 'NA' : fmt(troops);
}

/** "+330", "−50", "" for no figure. */
export function deltaText(delta: number | null): string {
  if (delta === null) return '';
  if (delta > 0) return `+${fmt(delta)}`;
  if (delta < 0) return `−${fmt(-delta)}`;
  return '±0';
}

/** The sentence that explains the comparison of a year. */
export function comparisonNote(mission: string, year: number, years: readonly number[]): string {
  const sorted = [...years].sort((a, b) => a - b);
  if (sorted[0] === year) return `${year} is ${mission}'s first year: every base is new.`;
  if (!years.includes(year - 1))
    return `${mission} had no recorded base in ${year - 1}: every base of ${year} counts as new.`;
  return `Compared with ${year - 1}.`;
}

function ChangeRow(props: {
  c: ChangeView;
  onFlyTo: ChangesListProps['onFlyTo'];
  onSelect?: ChangesListProps['onSelect'];
  selected: boolean;
}) {
  const { c } = props;
  const before = troopsText(c.troopsBefore, c.kind !== 'NEW');
  const after = troopsText(c.troopsAfter, c.kind !== 'CLOSED');
  // An opening or closing base's delta repeats its troops; a zero one says nothing.
  const delta = (c.kind === 'NEW' || c.kind === 'CLOSED') && !c.delta ? '' : deltaText(c.delta);
  const color = c.kind === 'UNCHANGED' ? undefined : CHANGE_COLORS[c.kind];
  return (
    <li data-testid="change-row" data-kind={c.kind} data-base-id={c.baseId}>
      <button
        type="button"
        className={`tl-change${props.selected ? ' selected' : ''}`}
        onClick={() => {
          props.onSelect?.(c.baseId);
          props.onFlyTo(c.lon, c.lat);
        }}
      >
        {/* The accessible name is the row's own text (it begins with what is seen) plus hidden
            words: "Bangui: strengthened, troops 2,000 → 2,500 (+500). Show on the map." */}
        <span className="tl-glyph" style={{ color }} aria-hidden>
          {CHANGE_GLYPHS[c.kind]}
        </span>
        <bdi className="tl-change-name">{c.location}</bdi>
        <span className="visually-hidden">: {CHANGE_LABELS[c.kind].toLowerCase()}, troops </span>
        <span className="tl-change-troops">
          {before} → {after}
          {delta ? <span className="tl-delta"> ({delta})</span> : null}
        </span>
        <span className="visually-hidden">
          {c.troopsUnknown ? ', a troop figure is unknown' : ''}. Show on the map.
        </span>
      </button>
    </li>
  );
}

/** The list of a year's changes. */
export function ChangesList(props: ChangesListProps) {
  const { changes, year, mission } = props;
  const shown = changes.filter((c) => c.kind !== 'UNCHANGED');
  const unchanged = changes.filter((c) => c.kind === 'UNCHANGED');
  const counts = Object.fromEntries(
    SHOWN.map((k) => [k, changes.filter((c) => c.kind === k).length]),
  ) as Record<ChangeKind, number>;
  const row = (c: ChangeView) => (
    <ChangeRow
      key={c.baseId}
      c={c}
      onFlyTo={props.onFlyTo}
      onSelect={props.onSelect}
      selected={props.selectedId === c.baseId}
    />
  );
  return (
    <section className="tl-changes" aria-label={`Changes of ${mission} bases in ${year}`}>
      <h2 className="tl-heading">
        Changes in {year}{' '}
        <span className="muted tl-sub">{comparisonNote(mission, year, props.years)}</span>
      </h2>
      <ul className="tl-counts" aria-label="Counts">
        {SHOWN.map((k) => (
          <li key={k} data-testid={`count-${k}`}>
            <span
              className="tl-glyph"
              style={{ color: CHANGE_COLORS[k as Exclude<ChangeKind, 'UNCHANGED'>] }}
              aria-hidden
            >
              {CHANGE_GLYPHS[k]}
            </span>{' '}
            {CHANGE_LABELS[k]} <strong>{counts[k]}</strong>
          </li>
        ))}
      </ul>
      {changes.length === 0 ? (
        <p className="muted">
          No bases of {mission} in {year} or the year before.
        </p>
      ) : shown.length === 0 ? (
        <p className="muted">No base changed in {year}.</p>
      ) : (
        <ul className="tl-change-list" data-testid="changes-list">
          {shown.map(row)}
        </ul>
      )}
      {unchanged.length > 0 ? (
        <details className="tl-unchanged">
          <summary>
            {unchanged.length} unchanged
            {unchanged.some((c) => c.troopsUnknown) ? ' (or troops unknown)' : ''}
          </summary>
          <ul className="tl-change-list">{unchanged.map(row)}</ul>
        </details>
      ) : null}
      <p className="muted tl-footnote">
        Troops before → after; NA = not given by Geo-PKO (never counted as a change). Base identity
        follows the pipeline&apos;s base ids, so coordinate jitter is not a new base.
      </p>
    </section>
  );
}
