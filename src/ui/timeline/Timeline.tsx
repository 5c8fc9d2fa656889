/**
 * The timeline bar under the map: the current step large, play / pause, step back / forward,
 * first / last, a scrubbable slider (a real `<input type=range>`), speed, loop, the yearly /
 * monthly toggle, and the mission chart. Stateless: the playback lives in the store
 * (`src/state/timeline.ts`); `TimelineHost` binds this bar to it.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { PlaybackAction, Playback } from '../../state/playback';
import { monthIndex, monthOf, type MissionYearTotal } from '../../domain/timeline';
import type { Granularity, StepFrame } from '../../state/timeline';
import { SPEEDS, thinTicks, tickYears } from './model';
import { PlaybackIcon } from './icons';
import { TimelineChart } from './TimelineChart';
import './timeline.css';

export interface TimelineProps {
  mission: string;
  /** Step values: years, or month indices in monthly mode. */
  steps: readonly number[];
  granularity: Granularity;
  playback: Playback;
  frame: StepFrame;
  dispatch: (a: PlaybackAction) => void;
  /** Seek to the step closest to a value (slider). */
  onSeekValue: (value: number) => void;
  /** "2017", or "Mar 2017". */
  label: (value: number) => string;
  /** The year on the map (for the chart). */
  year: number;
  /** Jump to a year (chart click). */
  onYear: (year: number) => void;
  totals: readonly MissionYearTotal[];
  osvLabel: string;
  /** Whether monthly steps exist for this mission, and why not when they do not. */
  monthly: { available: boolean; note: string };
  onGranularity: (g: Granularity) => void;
  /** The year's summary (bases, troops, fatalities). */
  summary?: ReactNode;
  /** A note about the current step (e.g. which Geo-PKO map month is shown). */
  stepNote?: ReactNode;
}

/** The timeline bar. */
export function Timeline(props: TimelineProps) {
  const id = useId();
  const { steps, frame, playback, dispatch, granularity } = props;
  const unit = granularity === 'month' ? 'month' : 'year';
  const first = steps[0] ?? frame.step;
  const last = steps[steps.length - 1] ?? frame.step;
  const atFirst = frame.index <= 0;
  const atLast = frame.index >= steps.length - 1;
  const current = props.label(frame.step);
  // The slider's width: its year labels are thinned so that they never run together.
  const sliderRef = useRef<HTMLDivElement | null>(null);
  const [sliderPx, setSliderPx] = useState(0);
  useEffect(() => {
    const el = sliderRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setSliderPx(Math.round(el.clientWidth)));
    ro.observe(el);
    setSliderPx(Math.round(el.clientWidth));
    return () => ro.disconnect();
  }, []);
  // Yearly: the viewer's tick years; monthly: January of those years.
  const allTicks =
    granularity === 'month'
      ? tickYears([...new Set(steps.map((m) => monthOf(m).year))]).map((y) => monthIndex(y, 1))
      : tickYears(steps);
  const ticks = thinTicks(allTicks, sliderPx);
  const tickCurrent =
    granularity === 'month' ? monthIndex(monthOf(frame.step).year, 1) : frame.step;
  return (
    <section
      className={`timeline tl-bar${playback.playing ? ' playing' : ''}`}
      aria-label="Timeline"
      data-testid="timeline"
    >
      <output
        className={`year-big tl-year${granularity === 'month' ? ' tl-month' : ''}`}
        htmlFor={`${id}-slider`}
        aria-live={playback.playing ? 'off' : 'polite'}
        data-testid="year"
      >
        {current}
      </output>
      <div className="timeline-main tl-main">
        <div className="timeline-controls tl-controls">
          <button
            type="button"
            className="icon-button"
            onClick={() => dispatch({ type: 'first' })}
            disabled={atFirst}
            aria-label={`First ${unit}`}
            title={`First ${unit} (Home)`}
          >
            <PlaybackIcon name="first" />
          </button>
          <button
            type="button"
            className="icon-button"
            onClick={() => dispatch({ type: 'step', by: -1 })}
            disabled={atFirst}
            aria-label={`Previous ${unit}`}
            title={`Previous ${unit} (←)`}
          >
            <PlaybackIcon name="previous" />
          </button>
          <button
            type="button"
            className="icon-button tl-play"
            onClick={() => dispatch({ type: 'toggle' })}
            aria-label={playback.playing ? 'Pause' : 'Play'}
            title={`${playback.playing ? 'Pause' : 'Play'} (Space)`}
            data-testid="play"
            disabled={steps.length < 2}
          >
            <PlaybackIcon name={playback.playing ? 'pause' : 'play'} />
          </button>
          <button
            type="button"
            className="icon-button"
            onClick={() => dispatch({ type: 'step', by: 1 })}
            disabled={atLast}
            aria-label={`Next ${unit}`}
            title={`Next ${unit} (→)`}
          >
            <PlaybackIcon name="next" />
          </button>
          <button
            type="button"
            className="icon-button"
            onClick={() => dispatch({ type: 'last' })}
            disabled={atLast}
            aria-label={`Last ${unit}`}
            title={`Last ${unit} (End)`}
          >
            <PlaybackIcon name="last" />
          </button>
          <div className="slider-wrap tl-slider-wrap" ref={sliderRef}>
            <label htmlFor={`${id}-slider`} className="visually-hidden">
              {granularity === 'month' ? 'Month' : 'Year'} ({props.label(first)}–{props.label(last)}
              )
            </label>
            <input
              id={`${id}-slider`}
              type="range"
              className="year-slider tl-slider"
              min={first}
              max={last}
              step={1}
              value={frame.step}
              aria-valuetext={current}
              onPointerDown={() => dispatch({ type: 'pause' })}
              onChange={(e) => props.onSeekValue(Number(e.target.value))}
              data-testid="year-slider"
            />
            <div className="timeline-ticks" aria-hidden>
              {ticks.map((s) => (
                <span
                  key={s}
                  className={`tick${s === tickCurrent ? ' current' : ''}`}
                  style={{
                    left: `calc(8px + ${last === first ? 0 : (s - first) / (last - first)} * (100% - 16px))`,
                  }}
                >
                  {granularity === 'month' ? monthOf(s).year : s}
                </span>
              ))}
            </div>
          </div>
        </div>
        <div className="tl-options">
          <label className="tl-option">
            Speed{' '}
            <select
              value={String(playback.secondsPerYear)}
              onChange={(e) => dispatch({ type: 'speed', secondsPerYear: Number(e.target.value) })}
              data-testid="speed"
            >
              {SPEEDS.map((s) => (
                <option key={s} value={String(s)}>
                  {s} s / {unit}
                </option>
              ))}
            </select>
          </label>
          <label className="tl-option">
            <input
              type="checkbox"
              checked={playback.loop}
              onChange={(e) => dispatch({ type: 'loop', loop: e.target.checked })}
              data-testid="loop"
            />{' '}
            Loop
          </label>
          <fieldset className="tl-option tl-granularity">
            <legend className="visually-hidden">Steps</legend>
            <label>
              <input
                type="radio"
                name={`${id}-granularity`}
                checked={granularity === 'year'}
                onChange={() => props.onGranularity('year')}
              />{' '}
              Yearly
            </label>
            <label title={props.monthly.note}>
              <input
                type="radio"
                name={`${id}-granularity`}
                checked={granularity === 'month'}
                disabled={!props.monthly.available}
                onChange={() => props.onGranularity('month')}
                data-testid="monthly"
              />{' '}
              Monthly
            </label>
          </fieldset>
          {playback.reducedMotion ? (
            <span className="muted tl-option" title="prefers-reduced-motion is on">
              Reduced motion: steps without transitions
            </span>
          ) : null}
          {props.stepNote ? (
            <span className="tl-option tl-step-note" data-testid="step-note">
              {props.stepNote}
            </span>
          ) : null}
        </div>
      </div>
      <TimelineChart
        mission={props.mission}
        totals={props.totals}
        year={props.year}
        onYear={props.onYear}
        osvLabel={props.osvLabel}
      />
      {props.summary}
    </section>
  );
}
