/**
 * The mission summary card of the lag analysis: OSV fatalities, coverage share, episodes by
 * category (with the same-year caveat), response rate, median lag and the top flagged cells.
 */
import type { PerpetratorFilter } from '../../domain/dataset';
import { LAG_CATEGORIES, type FlaggedCell, type LagSummary } from '../../domain/lagTypes';
import { cellName, type PlaceMatch } from '../../domain/lagView';
import { DataText } from '../DataText';
import { fmt, plural } from '../format';
import { CategoryChip, SameYearCaveat } from './CategoryChip';
import { PERPETRATOR_LABELS } from '../../domain/perpetrator';

export interface SummaryCardProps {
  summary: LagSummary;
  perpetrator: PerpetratorFilter;
  placeOf: (gid: number) => PlaceMatch | null;
  /** A cell's first-level administrative area (GED adm_1), appended to its place name. */
  regionOf?: (gid: number) => string | null;
  onFocusCell: (gid: number) => void;
}

/** "42%" (null → "n/a"). */
export function pct(x: number | null): string {
  return x === null ? 'n/a' : `${Math.round(x * 100)}%`;
}

function yearSpan(years: readonly number[]): string {
  if (years.length === 0) return '';
  const first = years[0]!;
  const last = years[years.length - 1]!;
  return first === last ? String(first) : `${first}–${last}`;
}

function TopCell(props: {
  cell: FlaggedCell;
  place: PlaceMatch | null;
  region: string | null;
  onFocus: () => void;
}) {
  const label = cellName(props.cell.gid, props.place, props.region);
  return (
    <li>
      <button type="button" className="link-button" onClick={props.onFocus}>
        <DataText>{label.name}</DataText>
      </button>{' '}
      <span className="muted">
        · {fmt(props.cell.fatalities)} killed · since {props.cell.firstOnset}
      </span>
      <br />
      <CategoryChip category={props.cell.worstCategory} />
    </li>
  );
}

/** The episode figures a summary and the pooled view both show. */
type EpisodeFigures = Pick<
  LagSummary,
  | 'coverageShare'
  | 'fatalitiesWithPresence'
  | 'episodes'
  | 'responseRate'
  | 'medianLag'
  | 'byCategory'
>;

/** Coverage, episodes, response rate and median lag, as rows of the caller's `<dl>`. */
export function EpisodeFigureRows({ figures: f }: { figures: EpisodeFigures }) {
  const judged = f.episodes - f.byCategory.TOO_RECENT;
  const responded = f.byCategory.RESPONDED_LATE + f.byCategory.RESPONDED_SAME_YEAR;
  return (
    <>
      <dt>With troops in reach</dt>
      <dd data-field="coverage">
        {pct(f.coverageShare)}
        <span className="muted"> ({fmt(f.fatalitiesWithPresence ?? 0)} killed)</span>
      </dd>
      <dt>Episodes</dt>
      <dd data-field="episodes">{fmt(f.episodes)}</dd>
      <dt>Response rate</dt>
      <dd data-field="response-rate">
        {pct(f.responseRate)}
        <span className="muted">
          {' '}
          ({fmt(responded)} of {plural(judged, 'episode')} that can be judged)
        </span>
      </dd>
      <dt>Median lag</dt>
      <dd data-field="median-lag">
        {f.medianLag === null ? 'n/a (no response)' : plural(f.medianLag, 'year')}
      </dd>
    </>
  );
}

/** The episodes by lag category (and the same-year caveat when any responded that year). */
export function EpisodeCategories({ figures: f }: { figures: EpisodeFigures }) {
  return (
    <>
      <table className="details-table lag-categories">
        <caption>Episodes by category</caption>
        <tbody>
          {LAG_CATEGORIES.map((c) => (
            <tr key={c} data-category={c}>
              <th scope="row">
                <CategoryChip category={c} />
              </th>
              <td>{fmt(f.byCategory[c])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {f.byCategory.RESPONDED_SAME_YEAR > 0 ? <SameYearCaveat /> : null}
    </>
  );
}

/** The summary card. */
export function SummaryCard(props: SummaryCardProps) {
  const s = props.summary;
  return (
    <section className="lag-summary" data-testid="lag-summary" aria-label="Mission summary">
      <h3>
        {s.mission}, {yearSpan(s.analysedYears)}
        <span className="legend-sub"> {PERPETRATOR_LABELS[props.perpetrator]}</span>
      </h3>
      <p className="muted lag-windows" data-testid="lag-windows">
        {s.windows.text.charAt(0).toUpperCase() + s.windows.text.slice(1)}.
      </p>
      <dl className="details-list lag-figures">
        <dt>Civilians killed</dt>
        <dd data-field="total">
          {fmt(s.totalFatalities ?? 0)}
          {s.params.precision < 7 ? (
            <span className="muted" data-field="left-out">
              {' '}
              (left out: {plural(s.leftOut.events, 'event')}{' '}
              {s.params.precision < 6 ? 'located only to the country or at sea' : 'located at sea'},{' '}
              {fmt(s.leftOut.fatalities)} killed)
            </span>
          ) : null}
        </dd>
        <EpisodeFigureRows figures={s} />
      </dl>
      <EpisodeCategories figures={s} />
      {s.flaggedCells.length > 0 ? (
        <>
          <h4>Most affected flagged cells</h4>
          <ol className="plain-list lag-top-cells">
            {s.flaggedCells.slice(0, 5).map((c) => (
              <TopCell
                key={c.gid}
                cell={c}
                place={props.placeOf(c.gid)}
                region={props.regionOf?.(c.gid) ?? null}
                onFocus={() => props.onFocusCell(c.gid)}
              />
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
