/**
 * The story builder (Case study tab): "Add this view as a scene" captures the whole view
 * (`stateToScene`) with a title and a caption that may quote live figures; the scenes can be
 * presented, reordered (buttons; the focus stays on the moved scene), edited and deleted; the
 * story saves to a JSON file and loads from one (validated by the story schema, problems named by
 * scene and field). The story lives in the store (`state.storyDraft`) and in localStorage.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Dataset } from '../../domain/dataset';
import type { AppState } from '../../state/state';
import { MAX_DRAFT_SCENES, type DraftScene } from '../../state/storyDraft';
import { sceneIdFor, stateToScene } from '../../story/capture';
import { fillCaption } from '../../story/caption';
import { createSceneFacts } from '../../story/sceneFacts';
import { sceneSchema, sceneYears, type Scene, type Story } from '../../story/schema';
import { readStoryFile, storyFileName, writeStoryFile } from '../../story/storyFile';
import { useAtlas, useDispatch } from '../store';
import { CaptionEditor } from './CaptionEditor';
import { draftAsStory, storyAsDraft } from './draftStory';

export interface StoryBuilderProps {
  dataset: Dataset;
  /** Years of the current mission (for a scene's "play to" year). */
  years: readonly number[];
  onPresent: (storyId: string, scene: number) => void;
  /** Writes the story as one self-contained HTML file (absent: no such button). */
  onExportHtml?: (story: Story) => void;
}

/** The fields of the state a scene captures (read together, so the preview follows the view). */
function useView(): AppState {
  const mission = useAtlas((s) => s.mission);
  const year = useAtlas((s) => s.year);
  const perpetrator = useAtlas((s) => s.perpetrator);
  const layers = useAtlas((s) => s.layers);
  const lag = useAtlas((s) => s.lag);
  const camera = useAtlas((s) => s.camera);
  const selection = useAtlas((s) => s.selection);
  const playRange = useAtlas((s) => s.playRange);
  const rest = useAtlas((s) => s.playback);
  return useMemo(
    () =>
      ({
        mission,
        year,
        perpetrator,
        layers,
        lag,
        camera,
        selection,
        playRange,
        playback: rest,
        month: null,
      }) as AppState,
    [mission, year, perpetrator, layers, lag, camera, selection, playRange, rest],
  );
}

/** The size of the map the view was captured on. */
function mapSize(): { width: number; height: number } {
  const el = document.querySelector('.atlas-map');
  return {
    width: el?.clientWidth || window.innerWidth,
    height: el?.clientHeight || window.innerHeight,
  };
}

/** Problems of one scene, as "field — message". */
function sceneProblems(scene: Scene): string[] {
  const r = sceneSchema.safeParse(scene);
  if (r.success) return [];
  return r.error.issues.map((i) => `${i.path.map(String).join('.') || 'scene'} — ${i.message}`);
}

/** Offers `text` as a file download (nothing leaves the browser). */
function download(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function yearsText(scene: DraftScene): string {
  const { from, to } = sceneYears(scene as unknown as Scene);
  return from === to ? String(from) : `${from}–${to}`;
}

/** The builder. */
export function StoryBuilder(props: StoryBuilderProps) {
  const dispatch = useDispatch();
  const draft = useAtlas((s) => s.storyDraft);
  const view = useView();
  const facts = useMemo(() => createSceneFacts(props.dataset), [props.dataset]);
  const [title, setTitle] = useState('');
  const [caption, setCaption] = useState('');
  const [playTo, setPlayTo] = useState<number | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [editing, setEditing] = useState<{
    index: number;
    title: string;
    caption: string;
    recapture: boolean;
  } | null>(null);
  const focusAfter = useRef<{ id: string; what: string } | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  const otherMission = draft !== null && draft.mission !== view.mission;
  const full = (draft?.scenes.length ?? 0) >= MAX_DRAFT_SCENES;
  const story = draftAsStory(draft);
  const laterYears = props.years.filter((y) => y > view.year);

  // Keep the focus on the moved scene's button (keyboard reordering).
  useEffect(() => {
    const f = focusAfter.current;
    if (!f || !listRef.current) return;
    focusAfter.current = null;
    const el = listRef.current.querySelector<HTMLElement>(
      `[data-scene="${CSS.escape(f.id)}"] [data-act="${f.what}"]`,
    );
    (el && !(el as HTMLButtonElement).disabled
      ? el
      : listRef.current.querySelector<HTMLElement>(`[data-scene="${CSS.escape(f.id)}"] button`)
    )?.focus();
  });

  /** The caption filled for the current view (the preview). */
  const previewOf = (text: string): { text: string; missing: string[] } | null => {
    if (text.trim() === '') return null;
    const scene = stateToScene(view, { id: 'preview', title: 'Preview', caption: text });
    const s: Story = {
      id: 'preview',
      title: 'Preview',
      mission: view.mission,
      summary: 'Preview',
      sources: ['-'],
      scenes: [scene],
    };
    const c = facts.caption(s, scene, view.year);
    return fillCaption(text, c.facts);
  };

  const capture = (t: string, c: string, id: string, to?: number): Scene =>
    stateToScene(view, { id, title: t.trim(), caption: c.trim() }, mapSize(), {
      ...(to !== undefined ? { to } : {}),
    });

  const add = (): void => {
    const taken = draft?.scenes.map((s) => s.id) ?? [];
    const scene = capture(
      title,
      caption,
      sceneIdFor(title, taken),
      playTo !== null && playTo > view.year ? playTo : undefined,
    );
    const p = sceneProblems(scene);
    setProblems(p.map((x) => `New scene (“${title.trim() || 'untitled'}”): ${x}`));
    if (p.length > 0) return;
    dispatch({ type: 'draftAddScene', scene, mission: view.mission });
    setTitle('');
    setCaption('');
    setPlayTo(null);
    setMessage(`Added scene ${(draft?.scenes.length ?? 0) + 1}: “${scene.title}”.`);
  };

  const saveEdit = (): void => {
    if (!editing || !draft) return;
    const old = draft.scenes[editing.index];
    if (!old) return;
    const next: Scene = editing.recapture
      ? capture(editing.title, editing.caption, old.id)
      : ({
          ...(old as unknown as Scene),
          title: editing.title.trim(),
          caption: editing.caption.trim(),
        } as Scene);
    const p = sceneProblems(next);
    setProblems(p.map((x) => `Scene ${editing.index + 1} (“${editing.title}”): ${x}`));
    if (p.length > 0) return;
    dispatch({ type: 'draftUpdateScene', index: editing.index, scene: next });
    focusAfter.current = { id: old.id, what: 'edit' };
    setEditing(null);
  };

  const move = (index: number, to: number, what: string): void => {
    const id = draft?.scenes[index]?.id;
    if (!id) return;
    focusAfter.current = { id, what };
    dispatch({ type: 'draftMoveScene', from: index, to });
    setMessage(`Moved “${draft!.scenes[index]!.title}” to position ${to + 1}.`);
  };

  const remove = (index: number): void => {
    const sc = draft?.scenes[index];
    if (!sc) return;
    const neighbour = draft!.scenes[index + 1] ?? draft!.scenes[index - 1];
    if (neighbour) focusAfter.current = { id: neighbour.id, what: 'edit' };
    dispatch({ type: 'draftDeleteScene', index });
    setMessage(`Deleted scene “${sc.title}”.`);
  };

  const load = async (file: File): Promise<void> => {
    const r = readStoryFile(await file.text());
    if (!r.ok) {
      setProblems([`${file.name} was not loaded:`, ...r.problems]);
      return;
    }
    const d = storyAsDraft(r.story);
    dispatch({ type: 'draftReplace', draft: d });
    setProblems([]);
    setMessage(`Loaded “${d.title}” (${d.scenes.length} scenes, ${d.mission}).`);
  };

  return (
    <section
      className="story-builder"
      aria-labelledby="story-builder-h"
      data-testid="story-builder"
    >
      <h2 id="story-builder-h">Build your own story</h2>
      {draft ? (
        <div className="story-builder-info">
          <label>
            Story title{' '}
            <input
              type="text"
              maxLength={120}
              value={draft.title}
              onChange={(e) => dispatch({ type: 'draftSetInfo', title: e.target.value })}
              data-testid="builder-story-title"
            />
          </label>
          <p className="muted">
            About {draft.mission} · {draft.scenes.length} of {MAX_DRAFT_SCENES} scenes · kept in
            this browser
          </p>
        </div>
      ) : (
        <p className="muted">
          Set up the map (mission, year, layers, filters, parameters, a selected place), then add it
          as a scene. The story is kept in this browser until you save it to a file.
        </p>
      )}

      <fieldset className="story-builder-add" disabled={otherMission || full}>
        <legend>Add this view as a scene</legend>
        {otherMission ? (
          <p className="story-problems">
            This story is about {draft!.mission}; the map shows {view.mission}. Go back to{' '}
            {draft!.mission} to add scenes, or discard the story to start one about {view.mission}.
          </p>
        ) : null}
        <label>
          Scene title{' '}
          <input
            type="text"
            maxLength={80}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            data-testid="builder-title"
          />
        </label>
        <CaptionEditor
          label="Caption"
          value={caption}
          onChange={setCaption}
          preview={previewOf(caption)}
          testId="builder-caption"
        />
        <label>
          Years{' '}
          <select
            value={playTo ?? ''}
            onChange={(e) => setPlayTo(e.target.value === '' ? null : Number(e.target.value))}
            data-testid="builder-play-to"
          >
            <option value="">{view.year} only</option>
            {laterYears.map((y) => (
              <option key={y} value={y}>
                {view.year}–{y} (played)
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button primary"
          onClick={add}
          disabled={title.trim() === '' || caption.trim() === ''}
          data-testid="builder-add"
        >
          + Add this view as a scene
        </button>
      </fieldset>

      {problems.length > 0 ? (
        <ul className="story-problems" role="alert" data-testid="builder-problems">
          {problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      ) : null}
      <p role="status" className="muted" data-testid="builder-status">
        {message ?? ''}
      </p>

      {draft && draft.scenes.length > 0 ? (
        <ol className="builder-scenes" ref={listRef} data-testid="builder-scenes">
          {draft.scenes.map((sc, i) => (
            <li key={sc.id} data-scene={sc.id}>
              {editing?.index === i ? (
                <div className="builder-edit">
                  <label>
                    Scene title{' '}
                    <input
                      type="text"
                      maxLength={80}
                      value={editing.title}
                      onChange={(e) => setEditing({ ...editing, title: e.target.value })}
                      data-testid="builder-edit-title"
                    />
                  </label>
                  <CaptionEditor
                    label="Caption"
                    value={editing.caption}
                    onChange={(c) => setEditing({ ...editing, caption: c })}
                    preview={previewOf(editing.caption)}
                    testId="builder-edit-caption"
                  />
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={editing.recapture}
                      disabled={otherMission}
                      onChange={(e) => setEditing({ ...editing, recapture: e.target.checked })}
                    />{' '}
                    Use the map as it is now for this scene
                  </label>
                  <div className="story-row">
                    <button type="button" className="button primary" onClick={saveEdit}>
                      Save scene
                    </button>
                    <button
                      type="button"
                      className="button"
                      onClick={() => {
                        focusAfter.current = { id: sc.id, what: 'edit' };
                        setEditing(null);
                      }}
                    >
                      Cancel
                    </button>
                  </div>
                </div>
              ) : (
                <>
                  <p className="builder-scene-title">
                    <strong>{sc.title}</strong> <span className="muted">{yearsText(sc)}</span>
                  </p>
                  <p className="builder-scene-caption">{sc.caption}</p>
                  <div className="story-row builder-scene-actions">
                    <button
                      type="button"
                      className="button"
                      data-act="show"
                      disabled={!story}
                      onClick={() => story && props.onPresent(story.id, i)}
                    >
                      ▶ Show
                    </button>
                    <button
                      type="button"
                      className="button"
                      data-act="up"
                      aria-label={`Move “${sc.title}” up`}
                      disabled={i === 0}
                      onClick={() => move(i, i - 1, 'up')}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button"
                      data-act="down"
                      aria-label={`Move “${sc.title}” down`}
                      disabled={i === draft.scenes.length - 1}
                      onClick={() => move(i, i + 1, 'down')}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="button"
                      data-act="edit"
                      aria-label={`Edit “${sc.title}”`}
                      onClick={() =>
                        setEditing({
                          index: i,
                          title: sc.title,
                          caption: sc.caption,
                          recapture: false,
                        })
                      }
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button"
                      data-act="delete"
                      aria-label={`Delete “${sc.title}”`}
                      onClick={() => remove(i)}
                    >
                      Delete
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ol>
      ) : null}

      <div className="story-row builder-file">
        <button
          type="button"
          className="button primary"
          disabled={!story}
          onClick={() => story && props.onPresent(story.id, 0)}
          data-testid="builder-present"
        >
          ▶ Present my story
        </button>
        <button
          type="button"
          className="button"
          disabled={!story}
          onClick={() =>
            story && download(writeStoryFile(story), storyFileName(story), 'application/json')
          }
          data-testid="builder-save"
        >
          Save story file
        </button>
        <label className="button file-button">
          Load story file
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            data-testid="builder-load"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void load(f);
            }}
          />
        </label>
        {props.onExportHtml ? (
          <button
            type="button"
            className="button"
            disabled={!story}
            onClick={() => story && props.onExportHtml!(story)}
            data-testid="builder-export-html"
          >
            Export story (HTML, works offline)
          </button>
        ) : null}
        {draft ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              if (window.confirm(`Discard “${draft.title}”? Save it to a file first to keep it.`))
                dispatch({ type: 'draftReplace', draft: null });
            }}
            data-testid="builder-discard"
          >
            Discard story
          </button>
        ) : null}
      </div>
    </section>
  );
}
