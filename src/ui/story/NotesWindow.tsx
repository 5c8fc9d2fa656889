/**
 * The presenter-notes window (`?story=…&scene=…&notes=1`): opened by the presenter's "Notes"
 * button on the presenter's own screen. Shows the scene (n of N), its title, the trainer's notes
 * and the next scene's title, in step with the presenting window over a same-origin
 * BroadcastChannel; ← / → (or its buttons) move the presentation. It loads no data and makes no
 * request: the notes are in the story file.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { notesView, parseNotesMessage, type NotesMessage } from '../../story/notes';
import { findStory } from '../../story/stories';
import { openChannel } from './notesChannel';
import './notes.css';

/** The notes window for the story named in the link. */
export function NotesWindow(props: { search: string }) {
  const params = useMemo(() => new URLSearchParams(props.search), [props.search]);
  const storyId = params.get('story') ?? '';
  const story = findStory(storyId) ?? null;
  const first = Number(params.get('scene') ?? '0');
  const [index, setIndex] = useState(Number.isInteger(first) && first >= 0 ? first : 0);
  const [ended, setEnded] = useState(false);
  const [linked, setLinked] = useState(false);
  const channel = useRef<BroadcastChannel | null>(null);

  useEffect(() => {
    const ch = openChannel();
    if (!ch) return;
    channel.current = ch;
    ch.onmessage = (e: MessageEvent) => {
      const m = parseNotesMessage(e.data);
      if (m?.type !== 'scene') return;
      if (m.storyId === null) {
        setEnded(true);
        return;
      }
      if (m.storyId !== storyId) return;
      setEnded(false);
      setLinked(true);
      setIndex(m.index);
    };
    const hello: NotesMessage = { type: 'hello' };
    ch.postMessage(hello);
    return () => {
      channel.current = null;
      ch.close();
    };
  }, [storyId]);

  const view = story ? notesView(story, index) : null;
  const go = (to: number): void => {
    if (!view) return;
    const i = Math.min(view.count - 1, Math.max(0, to));
    const msg: NotesMessage = { type: 'go', storyId, index: i };
    channel.current?.postMessage(msg);
  };
  const goRef = useRef(go);
  useEffect(() => {
    goRef.current = go;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const v = view;
      if (!v || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'ArrowRight' || e.key === 'PageDown') goRef.current(v.index + 1);
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') goRef.current(v.index - 1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view]);

  useEffect(() => {
    document.title = view ? `Notes · ${view.progress} · ${story!.title}` : 'Presenter notes';
  }, [view, story]);

  if (!story || !view)
    return (
      <main className="notes-window" data-testid="notes-window">
        <h1>Presenter notes</h1>
        <p>No story “{storyId}” in this build: open the notes from the presenter’s Notes button.</p>
      </main>
    );
  return (
    <main className="notes-window" data-testid="notes-window" aria-live="polite">
      <p className="notes-meta">
        <span data-testid="notes-progress">{view.progress}</span> · {story.title}
        {linked ? null : <span className="notes-status"> · waiting for the presenter…</span>}
        {ended ? <span className="notes-status"> · the presentation has ended</span> : null}
      </p>
      <h1 className="notes-title" data-testid="notes-title">
        {view.title}
      </h1>
      <section className="notes-text" data-testid="notes-text">
        {view.notes ?? <em>No notes for this scene.</em>}
      </section>
      <p className="notes-next" data-testid="notes-next">
        {view.next ? (
          <>
            Next: <strong>{view.next}</strong>
          </>
        ) : (
          'Last scene.'
        )}
      </p>
      <nav className="notes-nav" aria-label="Scenes">
        <button type="button" onClick={() => go(view.index - 1)} disabled={view.index === 0}>
          ← Previous
        </button>
        <button
          type="button"
          onClick={() => go(view.index + 1)}
          disabled={view.index === view.count - 1}
          data-testid="notes-next-button"
        >
          Next →
        </button>
      </nav>
    </main>
  );
}
