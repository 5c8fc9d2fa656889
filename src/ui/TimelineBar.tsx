/**
 * The bar under the map: the year, large, with a slider limited to the mission's years, step
 * buttons and the year's summary. The timeline issue adds play / speed / chart here.
 */
import { useId, type ReactNode } from 'react';
import type { YearSummary } from '../data/selectors';
import { fmt, plural } from './format';

export interface TimelineBarProps {
  years: readonly number[];
  year: number;
  onYear: (y: number) => void;
  onStep: (delta: number) => void;
  summary: YearSummary;
  mission: string;
  /** Extra controls (play, speed) from later features. */
  children?: ReactNode;
}

/**
 * Years labelled under the slider: every year when there are at most 16, else the first, the last
 * and every fifth year (1995, 2000, …).
 */
export function tickYears(years: readonly number[]): number[] {
  if (years.length <= 16) return [...years];
  const first = years[0]!;
  const last = years[years.length - 1]!;
  const out = [first];
  for (let y = Math.ceil((first + 1) / 5) * 5; y < last - 1; y += 5) if (y > first + 1) out.push(y);
  out.push(last);
  return out;
}

/** The timeline bar. */
export function TimelineBar(props: TimelineBarProps) {
  const id = useId();
  const first = props.years[0] ?? props.year;
  const last = props.years[props.years.length - 1] ?? props.year;
  const i = props.years.indexOf(props.year);
  const s = props.summary;
  return (
    <section className="timeline" aria-label="Year">
      <output className="year-big" htmlFor={`${id}-slider`} aria-live="polite" data-testid="year">
        {props.year}
      </output>
      <div className="timeline-main">
        <div className="timeline-controls">
          <button
            type="button"
            className="icon-button"
            onClick={() => props.onStep(-1)}
            disabled={i <= 0}
            aria-label="Previous year"
          >
            ◀
          </button>
          <div className="slider-wrap">
            <label htmlFor={`${id}-slider`} className="visually-hidden">
              Year ({first}–{last})
            </label>
            <input
              id={`${id}-slider`}
              type="range"
              className="year-slider"
              min={first}
              max={last}
              step={1}
              value={props.year}
              onChange={(e) => props.onYear(Number(e.target.value))}
              aria-valuetext={`${props.year}`}
              data-testid="year-slider"
            />
            <div className="timeline-ticks" aria-hidden>
              {tickYears(props.years).map((y) => (
                <span
                  key={y}
                  className={y === props.year ? 'tick current' : 'tick'}
                  style={{
                    left: `calc(8px + ${last === first ? 0 : (y - first) / (last - first)} * (100% - 16px))`,
                  }}
                >
                  {y}
                </span>
              ))}
            </div>
          </div>
          <button
            type="button"
            className="icon-button"
            onClick={() => props.onStep(1)}
            disabled={i < 0 || i >= props.years.length - 1}
            aria-label="Next year"
          >
            ▶
          </button>
          {props.children}
        </div>
      </div>
      <YearSummaryLine summary={s} mission={props.mission} />
    </section>
  );
}

/** The year's summary line: civilians killed (or "not loaded"), bases and troops. */
export function YearSummaryLine(props: { summary: YearSummary; mission: string }) {
  const s = props.summary;
  return (
    <p className="year-summary" data-testid="year-summary">
      {s.fatalities === null ? (
        <span className="nodata-text">Violence data not loaded</span>
      ) : (
        <>
          <strong>{fmt(s.fatalities)}</strong> civilians killed in {plural(s.cells, 'cell')}
        </>
      )}
      <br />
      <strong>{plural(s.bases, 'base')}</strong> of {props.mission}, {fmt(s.troops)} troops
      {s.unknownTroops > 0 ? ` (+${plural(s.unknownTroops, 'base')} with unknown troops)` : ''}
    </p>
  );
}
