/**
 * Compare feature: a second year, or the same year under other lag rules, on the same map, right
 * of a draggable divider (a swipe; the state is `compare` in src/state/compare.ts, the comparison
 * side's layers are composed by the map host through `compareSide.tsx`). This module draws the
 * controls over the map: the "Compare years" and "Compare rules" buttons, the divider (a slider:
 * drag it, or focus it and use the arrow keys), a label for each side (its year; in rules mode
 * the parameters that differ), the Years / Rules choice, the comparison year's picker or the
 * rules B panel (`compareRules.tsx`), and the exit button (Escape also exits once no cell or base
 * is selected).
 */
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { canCompareRules, compareYears, NO_RULES_IN_WORLD } from '../../state/compare';
import { useData } from '../dataContext';
import { fmtPeriod } from '../format';
import { useAtlas, useDispatch } from '../store';
import { NOTHING, type Feature } from './contract';
import { CompareRulesPanel, rulesLabels } from './compareRules';
import './compare.css';

/** Keyboard step of the divider (fraction of the map's width); Shift: a larger step. */
const STEP = 0.02;
const BIG_STEP = 0.1;

/** The divider's position after a key (null: a key the divider does not use). */
export function splitAfterKey(split: number, key: string, shift: boolean): number | null {
  const step = shift ? BIG_STEP : STEP;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return split - step;
    case 'ArrowRight':
    case 'ArrowUp':
      return split + step;
    case 'PageDown':
      return split - BIG_STEP;
    case 'PageUp':
      return split + BIG_STEP;
    case 'Home':
      return 0;
    case 'End':
      return 1;
    default:
      return null;
  }
}

function CompareOverlay() {
  const { data } = useData();
  const dispatch = useDispatch();
  const compare = useAtlas((s) => s.compare);
  const year = useAtlas((s) => s.year);
  const month = useAtlas((s) => s.month);
  const mission = useAtlas((s) => s.mission);
  const world = useAtlas((s) => s.world);
  const rulesAllowed = canCompareRules({ world });
  const presenting = useAtlas((s) => s.story !== null);
  const hasSelection = useAtlas((s) => s.selection !== null);
  const lag = useAtlas((s) => s.lag);
  const [rulesOpen, setRulesOpen] = useState(true);
  const years = compareYears({ mission, world }, data.sel.missions);
  const barRef = useRef<HTMLDivElement>(null);

  // Escape leaves compare once nothing is selected (the first Escape clears a selection).
  const selectedRef = useRef(hasSelection);
  useEffect(() => {
    selectedRef.current = hasSelection;
  });
  const on = compare !== null;
  useEffect(() => {
    if (!on) return;
    const onKey = (e: globalThis.KeyboardEvent): void => {
      const t = e.target as HTMLElement | null;
      if (e.key !== 'Escape' || (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) return;
      if (!selectedRef.current) dispatch({ type: 'closeCompare' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [on, dispatch]);

  const onDividerKey = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      if (!compare) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        dispatch({ type: 'closeCompare' });
        return;
      }
      const next = splitAfterKey(compare.split, e.key, e.shiftKey);
      if (next === null) return;
      e.preventDefault();
      // The map's own keyboard handler must not pan as well.
      e.stopPropagation();
      dispatch({ type: 'setCompareSplit', split: next });
    },
    [compare, dispatch],
  );

  const dragTo = useCallback(
    (e: PointerEvent<HTMLDivElement>) => {
      const area = barRef.current?.parentElement?.getBoundingClientRect();
      if (!area || area.width === 0) return;
      dispatch({ type: 'setCompareSplit', split: (e.clientX - area.left) / area.width });
    },
    [dispatch],
  );
  const onPointerDown = useCallback((e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
  }, []);
  const onPointerMove = useCallback(
    (e: PointerEvent<HTMLDivElement>) => {
      if (e.currentTarget.hasPointerCapture(e.pointerId)) dragTo(e);
    },
    [dragTo],
  );

  if (presenting) return null;
  if (!compare)
    return (
      <div className="compare-bar compare-closed" ref={barRef}>
        <button
          type="button"
          className="button"
          data-testid="compare-open"
          disabled={years.length < 2}
          title="Show another year beside this one, split by a divider you can drag"
          onClick={() => dispatch({ type: 'openCompare' })}
        >
          Compare years
        </button>
        <button
          type="button"
          className="button"
          data-testid="compare-open-rules"
          disabled={years.length === 0 || !rulesAllowed}
          title={
            rulesAllowed
              ? 'Show this year under a second set of lag parameters beside the first'
              : NO_RULES_IN_WORLD
          }
          onClick={() => {
            setRulesOpen(true);
            dispatch({ type: 'openCompare', mode: 'rules' });
          }}
        >
          Compare rules
        </button>
      </div>
    );

  const rules = compare.rules;
  const period = fmtPeriod(year, month);
  const labels = rules
    ? rulesLabels(lag, rules)
    : { left: period, right: fmtPeriod(compare.year, month) };
  const left = rules ? `${labels.left} · ${period}` : labels.left;
  const right = rules ? `${labels.right} · ${period}` : labels.right;
  const pct = `${(compare.split * 100).toFixed(3)}%`;
  return (
    <>
      {rules && rulesOpen ? <CompareRulesPanel a={lag} b={rules} period={period} /> : null}
      <div className="compare-bar" ref={barRef} role="group" aria-label="Compare">
        <div
          className="segmented compare-mode"
          role="radiogroup"
          aria-label="Compare"
          data-testid="compare-mode"
        >
          {(['years', 'rules'] as const).map((m) => (
            <label key={m} className={(rules ? 'rules' : 'years') === m ? 'checked' : undefined}>
              <input
                type="radio"
                name="compare-mode"
                value={m}
                checked={(rules ? 'rules' : 'years') === m}
                disabled={m === 'rules' && !rulesAllowed}
                title={m === 'rules' && !rulesAllowed ? NO_RULES_IN_WORLD : undefined}
                data-testid={`compare-mode-${m}`}
                onChange={() => {
                  if (m === 'rules') setRulesOpen(true);
                  dispatch({ type: 'setCompareMode', mode: m });
                }}
              />
              {m === 'years' ? 'Years' : 'Rules'}
            </label>
          ))}
        </div>
        {rules ? (
          <button
            type="button"
            className="button"
            aria-expanded={rulesOpen}
            aria-controls={rulesOpen ? 'compare-rules' : undefined}
            title={rulesOpen ? 'Hide the rules B panel' : 'Show the rules B panel'}
            data-testid="compare-rules-toggle"
            onClick={() => setRulesOpen((o) => !o)}
          >
            Rules B <span aria-hidden>{rulesOpen ? '▾' : '▴'}</span>
          </button>
        ) : (
          <label>
            <span>Compare {left} with</span>{' '}
            <select
              data-testid="compare-year"
              value={compare.year}
              onChange={(e) => dispatch({ type: 'setCompareYear', year: Number(e.target.value) })}
            >
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
        )}
        <button
          type="button"
          className="button"
          data-testid="compare-close"
          title="Leave compare (Escape)"
          onClick={() => dispatch({ type: 'closeCompare' })}
        >
          Exit compare
        </button>
      </div>
      <div className="compare-line" style={{ left: pct }} aria-hidden />
      <p
        className="compare-label compare-label-left"
        style={{ right: `calc(100% - ${pct} + 8px)` }}
        data-testid="compare-label-left"
      >
        <span aria-hidden>◀ </span>
        {left}
      </p>
      <p
        className="compare-label compare-label-right"
        style={{ left: `calc(${pct} + 8px)` }}
        data-testid="compare-label-right"
      >
        {right}
        <span aria-hidden> ▶</span>
      </p>
      <div
        className="compare-handle"
        style={{ left: pct }}
        role="slider"
        tabIndex={0}
        aria-label={`Divider: ${left} on the left, ${right} on the right`}
        aria-valuemin={5}
        aria-valuemax={95}
        aria-valuenow={Math.round(compare.split * 100)}
        aria-valuetext={`${Math.round(compare.split * 100)} % of the map shows ${left}`}
        data-testid="compare-divider"
        onKeyDown={onDividerKey}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
      >
        <span aria-hidden>⟨⟩</span>
      </div>
    </>
  );
}

/** The compare feature (its layers are the comparison side's, composed by the map host). */
export const compareFeature: Feature = {
  id: 'compare',
  useMap: () => NOTHING,
  Overlay: CompareOverlay,
};
