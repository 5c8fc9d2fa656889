/**
 * The gap list: the mission's violence episodes ranked by fatalities, each with its category
 * (swatch + text), lag, onset–end years and place (nearest town, else the cell centre). Each row
 * is a button that flies the map to the cell; ↑ / ↓ / Home / End move between rows. "Download
 * CSV" saves all episodes as the CSV of `npm run analyze`.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Episode } from '../../domain/lagTypes';
import { LAG_CATEGORIES, LAG_CATEGORY_LABELS } from '../../domain/lagTypes';
import { cellName, type PlaceMatch } from '../../domain/lagView';
import { fmt, kmText, plural } from '../format';
import { CategoryChip } from './CategoryChip';
import { GAP_PAGE, type GapListView } from '../../state/state';

export type GapFilter = GapListView['filter'];

export interface GapListProps {
  mission: string;
  episodes: readonly Episode[];
  placeOf: (gid: number) => PlaceMatch | null;
  /** A cell's first-level administrative area (GED adm_1), appended to its place name. */
  regionOf?: (gid: number) => string | null;
  /**
   * Distance from a cell's centre to the mission's nearest base with troops in a year (null: no
   * such base that year); each row shows it for the episode's onset year.
   */
  distanceOf?: (gid: number, year: number) => { km: number; name: string } | null;
  /** Fly to the episode's cell and select it. */
  onFocusCell: (gid: number, episode: Episode) => void;
  selectedGid: number | null;
  /** Saves the CSV of all episodes. */
  onDownload: () => void;
  /** Controlled filter and page size (kept by the owner so that they survive a tab switch). */
  view?: GapListView;
  onView?: (v: GapListView) => void;
  /** Focus (and scroll to) this cell's row when it changes: the way back from a cell's view. */
  returnTo?: { gid: number } | null;
}

/** What the list shows: the filter and how many rows. */
export type { GapListView };

/** Rows shown at first and added by "Show more". */
export { GAP_PAGE };
const PAGE = GAP_PAGE;

/** Episodes kept by a filter. */
export function filterEpisodes(episodes: readonly Episode[], filter: GapFilter): Episode[] {
  if (filter === 'all') return [...episodes];
  if (filter === 'flagged') return episodes.filter((e) => e.flagged);
  return episodes.filter((e) => e.category === filter);
}

/** "lag 2 years", "same year", "no response within W", "window not over". */
export function lagText(e: Episode): string {
  if (e.initialDeployment)
    return e.lagYears === 0
      ? 'response the same year: the initial deployment'
      : `response after ${plural(e.lagYears ?? 0, 'year')} (${e.responseYear}): the initial deployment`;
  if (e.lagYears === 0) return 'response the same year';
  if (e.lagYears !== null)
    return `response after ${plural(e.lagYears, 'year')} (${e.responseYear})`;
  if (e.category === 'TOO_RECENT') return 'window not over yet';
  return 'no response in the window';
}

/** "nearest base with troops in 2014: Bria, 38.2 km" or "no base with troops in 2014". */
export function onsetDistanceText(
  e: Pick<Episode, 'onsetYear'>,
  nearest: { km: number; name: string } | null,
): string {
  if (nearest === null) return `no base with troops in ${e.onsetYear}`;
  return `nearest base with troops in ${e.onsetYear}: ${nearest.name}, ${kmText(nearest.km)}`;
}

function years(e: Episode): string {
  return e.onsetYear === e.endYear ? String(e.onsetYear) : `${e.onsetYear}–${e.endYear}`;
}

/** The gap list. */
export function GapList(props: GapListProps) {
  const id = useId();
  const [own, setOwn] = useState<GapListView>({ filter: 'all', shown: PAGE });
  const view = props.view ?? own;
  const setView = props.onView ?? setOwn;
  const { filter, shown } = view;
  const rows = useMemo(() => filterEpisodes(props.episodes, filter), [props.episodes, filter]);
  const visible = rows.slice(0, shown);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const returnTo = props.returnTo;
  useEffect(() => {
    if (returnTo) refs.current.find((b) => b?.dataset.gid === String(returnTo.gid))?.focus();
  }, [returnTo]);

  const onKey = (e: KeyboardEvent<HTMLOListElement>): void => {
    const i = refs.current.findIndex((b) => b === document.activeElement);
    if (i < 0) return;
    let j = i;
    if (e.key === 'ArrowDown') j = Math.min(visible.length - 1, i + 1);
    else if (e.key === 'ArrowUp') j = Math.max(0, i - 1);
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = visible.length - 1;
    else return;
    e.preventDefault();
    refs.current[j]?.focus();
  };

  return (
    <section className="lag-gaps" aria-labelledby={`${id}-title`} data-testid="gap-list">
      <div className="lag-section-head">
        <h3 id={`${id}-title`}>Violence episodes, by civilians killed</h3>
        <button
          type="button"
          className="button"
          onClick={props.onDownload}
          data-testid="lag-download"
          disabled={props.episodes.length === 0}
        >
          Download CSV ({plural(props.episodes.length, 'episode')})
        </button>
      </div>
      <label className="lag-filter">
        Show{' '}
        <select
          value={filter}
          onChange={(e) => {
            setView({ filter: e.target.value as GapFilter, shown: PAGE });
          }}
          data-testid="gap-filter"
        >
          <option value="all">All episodes ({props.episodes.length})</option>
          <option value="flagged">
            Flagged gaps ({props.episodes.filter((e) => e.flagged).length})
          </option>
          {LAG_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {LAG_CATEGORY_LABELS[c]} ({props.episodes.filter((e) => e.category === c).length})
            </option>
          ))}
        </select>
      </label>
      {rows.length === 0 ? (
        <p className="muted" data-testid="gap-empty">
          {props.episodes.length === 0
            ? 'No cell reached the violence threshold θ in the analysed years.'
            : 'No episode in this category.'}
        </p>
      ) : (
        <>
          <p className="muted lag-hint" id={`${id}-hint`}>
            Select an episode to fly to its cell. ↑ ↓ move through the list.
          </p>
          <ol
            aria-label={`${props.mission} violence episodes`}
            className="lag-gap-list"
            aria-describedby={`${id}-hint`}
            onKeyDown={onKey}
            data-count={rows.length}
          >
            {visible.map((e, i) => {
              const place = cellName(e.gid, props.placeOf(e.gid), props.regionOf?.(e.gid) ?? null);
              return (
                <li key={e.id}>
                  <button
                    type="button"
                    ref={(el) => {
                      refs.current[i] = el;
                    }}
                    className={`lag-gap${props.selectedGid === e.gid ? ' selected' : ''}`}
                    aria-current={props.selectedGid === e.gid ? 'true' : undefined}
                    data-gid={e.gid}
                    data-category={e.category}
                    title={`PRIO-GRID ${place.id} (the gid in the downloads)`}
                    onClick={() => props.onFocusCell(e.gid, e)}
                  >
                    <span className="lag-gap-rank" aria-hidden>
                      {i + 1}
                    </span>
                    <span className="lag-gap-body">
                      <span className="lag-gap-line">
                        <strong className="lag-gap-place">{place.name}</strong>
                        <span className="lag-gap-killed">{fmt(e.fatalities)} killed</span>
                      </span>
                      <span className="lag-gap-line">
                        <CategoryChip category={e.category} />
                        <span className="muted">{years(e)}</span>
                      </span>
                      <span className="lag-gap-line muted">
                        {lagText(e)}
                        {e.censoredStart ? ` · may have begun before ${e.onsetYear}` : ''}
                      </span>
                      {props.distanceOf ? (
                        <span className="lag-gap-line muted" data-testid="gap-distance">
                          {onsetDistanceText(e, props.distanceOf(e.gid, e.onsetYear))}
                        </span>
                      ) : null}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
          {rows.length > shown ? (
            <button
              type="button"
              className="button lag-more"
              onClick={() => setView({ filter, shown: shown + PAGE })}
            >
              Show {Math.min(PAGE, rows.length - shown)} more of {rows.length}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
