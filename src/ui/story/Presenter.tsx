/**
 * The presenter's dock: scene title, the year in large type, the caption with its live numbers,
 * a compact legend, progress (scene n of N and one dot per scene), previous / next / exit and
 * fullscreen buttons, and the source line. Docked right on landscape screens and at the bottom
 * otherwise (see layout.ts); the camera is padded so the dock never hides what the scene shows.
 */
import type { PerpetratorFilter } from '../../domain/dataset';
import { CHANGE_COLORS, CHANGE_GLYPHS } from '../../map/changeLayers';
import { CATEGORY_STYLES } from '../../map/flagLayers';
import { BASE_SIZE_KEY, MISSION_COLOR, baseRadius, violenceLegend } from '../../map/scales';

import type { StoryMode } from './useStoryMode';
import './story.css';
import { PERPETRATOR_LABELS } from '../../domain/perpetrator';

export interface PresenterProps {
  mode: StoryMode;
  year: number;
  perpetrator: PerpetratorFilter;
  layers: { violence: boolean; bases: boolean; flags: boolean };
  /** Host countries without violence data this year. */
  noData: readonly string[];
  attribution: string;
  /** Exports the current slide as a PNG (optional). */
  onExportPng?: () => void;
}

function PresenterLegend(props: {
  perpetrator: PerpetratorFilter;
  layers: PresenterProps['layers'];
  noData: boolean;
  highlights: boolean;
  changes: boolean;
  mission: string;
}) {
  const classes = violenceLegend();
  const rMax = baseRadius(BASE_SIZE_KEY[BASE_SIZE_KEY.length - 1]!);
  return (
    <div className="story-legend" aria-label="Legend">
      {props.layers.violence ? (
        <div>
          <div className="story-legend-title">
            Civilians killed per 55 km cell · {PERPETRATOR_LABELS[props.perpetrator]}
          </div>
          <div className="story-legend-scale">
            {classes.map((c) => (
              <span key={c.label} className="story-legend-class">
                <span className="story-swatch" style={{ background: c.color }} />
                {c.label}
              </span>
            ))}
          </div>
        </div>
      ) : null}
      {props.noData ? (
        <div className="story-legend-row">
          <span className="story-swatch story-swatch-nodata" /> No violence data loaded (not zero)
        </div>
      ) : null}
      {props.layers.bases ? (
        <div className="story-legend-row">
          <svg
            width={BASE_SIZE_KEY.length * (2 * rMax + 6)}
            height={2 * rMax + 4}
            aria-hidden="true"
          >
            {BASE_SIZE_KEY.map((t, i) => (
              <circle
                key={t}
                cx={i * (2 * rMax + 6) + rMax}
                cy={rMax + 2}
                r={baseRadius(t)}
                fill={MISSION_COLOR}
                fillOpacity={0.67}
                stroke="#fff"
              />
            ))}
          </svg>
          <span>
            {props.mission} bases: {BASE_SIZE_KEY.map((t) => t.toLocaleString('en-US')).join(' · ')}{' '}
            troops (area)
          </span>
        </div>
      ) : null}
      {props.layers.bases ? (
        <div className="story-legend-row">
          <span className="story-zero-ring" /> no troops (police, observers)
          {props.changes
            ? (['NEW', 'STRENGTHENED', 'REDUCED', 'CLOSED'] as const).map((k) => (
                <span key={k} style={{ color: CHANGE_COLORS[k], fontWeight: 700 }}>
                  {CHANGE_GLYPHS[k]}{' '}
                  <span style={{ color: '#111', fontWeight: 400 }}>{k.toLowerCase()}</span>
                </span>
              ))
            : null}
        </div>
      ) : null}
      {props.highlights ? (
        <div className="story-legend-row">
          <span className="story-ring" /> Highlighted in this scene
        </div>
      ) : null}
      {props.layers.flags ? (
        <div className="story-legend-row story-legend-flags">
          {(
            [
              ['NOT_RESPONDED', 'no response'],
              ['PRESENT_NOT_STRENGTHENED', 'present, not strengthened'],
              ['RESPONDED_LATE', 'late'],
            ] as const
          ).map(([k, label]) => (
            <span key={k}>
              <span
                className="story-flag"
                style={{
                  borderColor: CATEGORY_STYLES[k].color,
                  borderStyle: CATEGORY_STYLES[k].dashes > 0 ? 'dashed' : 'solid',
                }}
              />
              {label}
            </span>
          ))}
        </div>
      ) : null}
    </div>
  );
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
          {props.onExportPng ? (
            <button type="button" className="story-small-button" onClick={props.onExportPng}>
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
            title="Leave the presentation (Esc)"
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
      <PresenterLegend
        perpetrator={props.perpetrator}
        layers={props.layers}
        noData={props.noData.length > 0}
        highlights={plan.highlightBases.length + plan.highlightCells.length > 0}
        changes={plan.showChanges}
        mission={story.mission}
      />
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
