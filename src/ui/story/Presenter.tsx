/**
 * The presenter's dock: scene title, the year in large type, the caption with its live numbers,
 * a compact legend, progress (scene n of N and one dot per scene), previous / next / exit and
 * fullscreen buttons, and the source line. Docked right on landscape screens and at the bottom
 * otherwise (see layout.ts); the camera is padded so the dock never hides what the scene shows.
 */
import type { LegendSection } from '../../map/legend';
import { Legend } from '../Legend';
import type { StoryMode } from './useStoryMode';
import './story.css';

export interface PresenterProps {
  mode: StoryMode;
  year: number;
  /** The map's legend (the same sections as the live map's legend box). */
  legend: readonly LegendSection[];
  attribution: string;
  /** Exports the current slide as a PNG (optional). */
  onExportPng?: () => void;
  /** The PNG's size in words, e.g. "3840×2160" (for the button's tooltip). */
  pngSize?: string;
  /** Opens the presenter-notes window (optional). */
  onOpenNotes?: () => void;
}

/** The presenter overlay (render it over the map while `mode.active`). */
export function Presenter(props: PresenterProps) {
  const { mode } = props;
  const { story, scene, caption, plan, layout } = mode;
  if (!story || !scene || !plan) return null;
  const n = story.scenes.length;
  const i = mode.index;
  const range = plan.years.to > plan.years.from;
  const style =
    layout.dock === 'right'
      ? { width: layout.dockSize, fontSize: layout.captionPx }
      : { height: layout.dockSize, fontSize: layout.captionPx };
  return (
    <section
      className={`story-dock story-dock-${layout.dock}`}
      style={style}
      aria-label={`Case study: ${story.title}`}
      data-testid="story-dock"
    >
      <header className="story-head">
        <p className="story-progress-text" data-testid="story-progress">
          Scene {i + 1} of {n}
        </p>
        <div className="story-head-buttons">
          {props.onOpenNotes ? (
            <button
              type="button"
              className="story-small-button"
              onClick={props.onOpenNotes}
              title="Presenter notes in a second window (kept in step with this one)"
              data-testid="story-notes"
            >
              Notes
            </button>
          ) : null}
          {props.onExportPng ? (
            <button
              type="button"
              className="story-small-button"
              onClick={props.onExportPng}
              title={`Save this slide as a PNG${props.pngSize ? ` (${props.pngSize})` : ''}`}
              data-testid="story-png"
            >
              PNG
            </button>
          ) : null}
          <button
            type="button"
            className="story-small-button"
            onClick={mode.toggleFullscreen}
            aria-pressed={mode.fullscreen}
            title="Fullscreen (F)"
          >
            {mode.fullscreen ? 'Window' : 'Fullscreen'}
          </button>
          <button
            type="button"
            className="story-small-button"
            onClick={mode.exit}
            title="Leave the presentation (Esc leaves fullscreen first, then the presentation)"
            data-testid="story-exit"
          >
            Exit
          </button>
        </div>
      </header>
      <h1 className="story-title" style={{ fontSize: layout.titlePx }} data-testid="story-title">
        {scene.title}
      </h1>
      <p className="story-year" aria-live="polite" data-testid="story-year">
        {range ? (
          <>
            {props.year}
            <span className="story-year-range">
              {' '}
              ({plan.years.from}–{plan.years.to})
            </span>
          </>
        ) : (
          props.year
        )}
      </p>
      <p className="story-caption" aria-live="polite" data-testid="story-caption">
        {caption?.text}
      </p>
      {range ? (
        <button type="button" className="story-small-button" onClick={mode.togglePlay}>
          {mode.playing ? 'Pause years (Space)' : 'Play years (Space)'}
        </button>
      ) : null}
      <div className="story-spacer" />
      <Legend sections={props.legend} compact />
      <nav className="story-nav" aria-label="Scenes">
        <button
          type="button"
          className="story-nav-button"
          onClick={() => mode.go(i - 1)}
          disabled={i === 0}
          aria-label="Previous scene (←)"
        >
          ←
        </button>
        <ol className="story-dots">
          {story.scenes.map((s, k) => (
            <li key={s.id}>
              <button
                type="button"
                className="story-dot"
                aria-label={`Scene ${k + 1}: ${s.title}`}
                aria-current={k === i ? 'step' : undefined}
                onClick={() => mode.go(k)}
              />
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="story-nav-button"
          onClick={() => mode.go(i + 1)}
          disabled={i === n - 1}
          aria-label="Next scene (→)"
        >
          →
        </button>
      </nav>
      <p className="story-source">{props.attribution}</p>
    </section>
  );
}
