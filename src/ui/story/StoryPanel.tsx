/**
 * The "Case study" side-panel tab: the shipped stories with their scenes (open one to present it,
 * or jump to a scene), problems a story has with the loaded data, and the export buttons
 * (current view PNG, small multiples PNG, year-range video, story video).
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { Dataset } from '../../domain/dataset';
import { VIDEO_FPS } from '../../export/frames';
import type { VideoFormat } from '../../export/video';
import { checkStoryData } from '../../story/scene';
import { BROKEN_STORIES, STORIES, storiesForMission } from '../../story/stories';
import type { Story } from '../../story/schema';
import type { Exports } from './useExports';
import './story.css';

export interface StoryPanelProps {
  dataset: Dataset;
  mission: string;
  year: number;
  /** Years of the mission (for the video range). */
  years: readonly number[];
  onPresent: (storyId: string, scene: number) => void;
  exports: Exports;
  /** The open story, for the story video. */
  openStory: string | null;
  /** The story builder, shown after the shipped stories. */
  builder?: ReactNode;
  /** Writes a shipped story as one self-contained HTML file (absent: no such button). */
  onExportHtml?: (story: Story) => void;
  /** The HTML export's progress / result line, shown after the builder. */
  htmlStatus?: ReactNode;
  /** The World view is shown: the exports that draw one mission say so and are disabled. */
  world?: boolean;
}

/** Why the small multiples are not offered in the World view. */
export const SMALL_MULTIPLES_WORLD_REASON =
  'Small multiples show one mission over its years: choose a mission (World tab) to draw them.';

/** The tab's content. */
export function StoryPanel(props: StoryPanelProps) {
  const { exports: ex } = props;
  const problems = useMemo(
    () => new Map(STORIES.map((s) => [s.id, checkStoryData(s, props.dataset)])),
    [props.dataset],
  );
  const years = props.years;
  const [from, setFrom] = useState<number>(() => years[0] ?? props.year);
  const [to, setTo] = useState<number>(() =>
    Math.min(years[years.length - 1] ?? props.year, (years[0] ?? props.year) + 4),
  );
  const [fps, setFps] = useState<number>(15);
  const [spy, setSpy] = useState<number>(1.5);
  const [format, setFormat] = useState<VideoFormat>('webm');
  const [videoScale, setVideoScale] = useState<1 | 2>(1);
  // GIF is written at 1920×1080 only.
  const scale = format === 'gif' ? 1 : videoScale;
  const storyForVideo = props.openStory ?? storiesForMission(props.mission)[0]?.id ?? null;
  const busy = ex.busy !== null;

  return (
    <div className="story-panel" data-testid="story-panel">
      <h2>Case studies</h2>
      {STORIES.length === 0 ? <p>No story is available.</p> : null}
      {STORIES.map((s) => (
        <section key={s.id} aria-label={s.title}>
          <p>
            <strong>{s.title}</strong>
          </p>
          <p className="muted">{s.summary}</p>
          <div className="story-row">
            <button
              type="button"
              className="button"
              onClick={() => props.onPresent(s.id, 0)}
              data-testid={`present-${s.id}`}
            >
              ▶ Present ({s.scenes.length} scenes)
            </button>
            {props.onExportHtml ? (
              <button
                type="button"
                className="button"
                onClick={() => props.onExportHtml!(s)}
                data-testid={`export-html-${s.id}`}
              >
                Export story (HTML, works offline)
              </button>
            ) : null}
          </div>
          <ol>
            {s.scenes.map((sc, i) => (
              <li key={sc.id}>
                <button
                  type="button"
                  className="story-scene-link"
                  onClick={() => props.onPresent(s.id, i)}
                >
                  {sc.title}
                </button>
              </li>
            ))}
          </ol>
          {(problems.get(s.id) ?? []).length > 0 ? (
            <ul className="story-problems">
              {problems.get(s.id)!.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
      {BROKEN_STORIES.map((b) => (
        <section key={b.id} className="story-problems" role="alert">
          <p>Story “{b.id}” cannot be shown:</p>
          <ul>
            {b.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </section>
      ))}
      <p className="muted">
        Presenter keys: → / PageDown next, ← / PageUp previous, Home / End first / last, F
        fullscreen, Space plays a year range, Esc leaves fullscreen first, then the presentation.
      </p>
      {props.builder}
      {props.htmlStatus}

      <h2>Export</h2>
      <fieldset disabled={busy}>
        <legend>Images</legend>
        <ScaledExport
          label="View PNG 1920×1080"
          label2x="2× (3840×2160)"
          onExport={(scale) => void ex.viewPng(scale)}
          testId="export-png"
        />
        <ScaledExport
          label="Small multiples PNG"
          label2x="2×"
          onExport={(scale) => void ex.smallMultiplesPng(scale)}
          testId="export-small-multiples"
          disabledReason={props.world ? SMALL_MULTIPLES_WORLD_REASON : undefined}
        />
      </fieldset>
      <fieldset disabled={busy}>
        <legend>Video (rendered frame by frame)</legend>
        <div className="story-row">
          <YearSelect
            label="From"
            years={years}
            value={from}
            onChange={setFrom}
            testId="video-from"
          />
          <YearSelect label="to" years={years} value={to} onChange={setTo} testId="video-to" />
        </div>
        <div className="story-row">
          <label>
            Seconds per year{' '}
            <input
              type="number"
              min={0.5}
              max={4}
              step={0.5}
              value={spy}
              onChange={(e) => setSpy(Math.min(4, Math.max(0.5, Number(e.target.value) || 1.5)))}
              data-testid="video-spy"
            />
          </label>
          <label>
            fps{' '}
            <select
              value={fps}
              onChange={(e) => setFps(Number(e.target.value))}
              data-testid="video-fps"
            >
              {VIDEO_FPS.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </label>
          <label>
            Format{' '}
            <select
              value={format}
              onChange={(e) => setFormat(e.target.value as VideoFormat)}
              data-testid="video-format"
            >
              <option value="webm">WebM video</option>
              <option value="gif">Animated GIF</option>
            </select>
          </label>
          <label>
            Size{' '}
            <select
              value={scale}
              onChange={(e) => setVideoScale(e.target.value === '2' ? 2 : 1)}
              data-testid="video-size"
              title={format === 'gif' ? 'Animated GIFs are written at 1920×1080 only' : undefined}
            >
              <option value="1">1920×1080</option>
              <option value="2" disabled={format === 'gif'}>
                3840×2160{format === 'gif' ? ' (WebM only)' : ''}
              </option>
            </select>
          </label>
        </div>
        <div className="story-row">
          <button
            type="button"
            className="button"
            onClick={() =>
              void ex.rangeVideo({
                from: Math.min(from, to),
                to: Math.max(from, to),
                fps,
                secondsPerYear: spy,
                format,
                scale,
              })
            }
            data-testid="export-video"
          >
            Export {Math.min(from, to)}–{Math.max(from, to)}
          </button>
          {storyForVideo ? (
            <button
              type="button"
              className="button"
              onClick={() => void ex.storyVideo({ storyId: storyForVideo, fps, format, scale })}
              data-testid="export-story-video"
            >
              Export the story “{storyForVideo}”
            </button>
          ) : null}
        </div>
      </fieldset>
      {ex.message ? (
        <p role="status" data-testid="export-message">
          {ex.message}
        </p>
      ) : null}
    </div>
  );
}

/** A year picker of the video range. */
function YearSelect(props: {
  label: string;
  years: readonly number[];
  value: number;
  onChange: (year: number) => void;
  testId: string;
}) {
  return (
    <label>
      {props.label}{' '}
      <select
        value={props.value}
        onChange={(e) => props.onChange(Number(e.target.value))}
        data-testid={props.testId}
      >
        {props.years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </label>
  );
}

/** An image export at presentation size and at 2× scale. */
function ScaledExport(props: {
  label: string;
  label2x: string;
  onExport: (scale: 1 | 2) => void;
  testId: string;
  /** When set, the buttons are disabled and this says why, in plain words. */
  disabledReason?: string;
}) {
  const off = props.disabledReason !== undefined;
  return (
    <div className="story-row">
      <button
        type="button"
        className="button"
        onClick={() => props.onExport(1)}
        data-testid={props.testId}
        disabled={off}
        aria-describedby={off ? `${props.testId}-why` : undefined}
      >
        {props.label}
      </button>
      <button
        type="button"
        className="button"
        onClick={() => props.onExport(2)}
        disabled={off}
        aria-describedby={off ? `${props.testId}-why` : undefined}
      >
        {props.label2x}
      </button>
      {off ? (
        <span className="muted" id={`${props.testId}-why`} data-testid={`${props.testId}-why`}>
          {props.disabledReason}
        </span>
      ) : null}
    </div>
  );
}
