/**
 * The wait for the rest of the cell-years: the first frame holds its mission's host countries'
 * only (`cellYearsPending`), so a view that reads others' (World, the pooled lag analysis, a
 * story, another mission) is covered by this notice until they arrive, never drawn as "no
 * violence". It says what is loading, or why it failed with "Try again", and offers the way
 * back to a mission whose data is in. While it shows, the page behind it is inert (no focus, no
 * clicks, hidden from screen readers).
 */
import { useEffect, useRef } from 'react';
import { cellYearsCover, cellYearsPendingText } from '../domain/dataset';
import { missionHostCountries } from '../domain/lagIndex';
import { viewCellYearCountries } from '../state/dataNeeds';
import { useData } from './dataContext';
import { useAtlas, useDispatch } from './store';

/** Covers the map, panel and timeline while the view needs cell-years not yet loaded. */
export function DataGate(props: { onRetry?: () => void }) {
  const dataset = useData().data.dataset;
  const dispatch = useDispatch();
  const mission = useAtlas((s) => s.mission);
  // A complete dataset costs nothing per state change.
  const covered = useAtlas(
    (s) => !dataset.cellYearsPending || cellYearsCover(dataset, viewCellYearCountries(s, dataset)),
  );
  const pending = covered ? undefined : dataset.cellYearsPending;
  const shown = pending !== undefined;
  const failed = pending?.status === 'failed';
  const root = useRef<HTMLDivElement>(null);
  const retry = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const el = root.current;
    if (!shown || !el?.parentElement) return;
    const behind = [...el.parentElement.children].filter((c) => c !== el);
    for (const c of behind) c.setAttribute('inert', '');
    return () => {
      for (const c of behind) c.removeAttribute('inert');
    };
  }, [shown]);
  useEffect(() => {
    if (failed) retry.current?.focus();
  }, [failed]);
  if (!pending) return null;
  // The current mission alone if its data is in, else the mission the first frame showed.
  const back = cellYearsCover(dataset, missionHostCountries(dataset, mission))
    ? mission
    : pending.mission;
  return (
    <div className="data-gate" data-testid="data-gate" ref={root}>
      <div className="data-gate-box" role={failed ? 'alert' : 'status'} aria-live="polite">
        <p>{cellYearsPendingText(pending)}</p>
        {failed ? null : <progress aria-label="Loading the violence data" />}
        <div className="data-gate-actions">
          {failed && props.onRetry ? (
            <button type="button" className="button primary" ref={retry} onClick={props.onRetry}>
              Try again
            </button>
          ) : null}
          <button
            type="button"
            className="button"
            onClick={() => dispatch({ type: 'showMissionOnly', mission: back })}
          >
            {back === mission ? `Show ${back} only` : `Back to ${back}`}
          </button>
        </div>
      </div>
    </div>
  );
}
