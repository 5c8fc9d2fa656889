/**
 * The wait for the rest of the cell-years: the first frame holds its mission's countries only
 * (`cellYearsPending`), so a view that reads others' (World, the pooled lag analysis, a story)
 * is covered by this notice until they arrive, never drawn as "no violence". It says what is
 * loading, or why it failed with "Try again", and offers the way back to the mission alone.
 */
import { useEffect, useRef } from 'react';
import { cellYearsCover, cellYearsPendingText } from '../domain/dataset';
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
  const retry = useRef<HTMLButtonElement>(null);
  const failed = pending?.status === 'failed';
  useEffect(() => {
    if (failed) retry.current?.focus();
  }, [failed]);
  if (!pending) return null;
  return (
    <div className="data-gate" data-testid="data-gate">
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
            onClick={() => dispatch({ type: 'showMissionOnly' })}
          >
            Show {mission} only
          </button>
        </div>
      </div>
    </div>
  );
}
