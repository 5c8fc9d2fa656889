/**
 * Presenter notes, pure: what the notes window (`?story=…&notes=1`, a second window on the
 * presenter's own screen) shows for a scene, and the messages the presenter and the notes window
 * exchange over a same-origin BroadcastChannel (no network). Messages from the channel are
 * validated, never trusted.
 */
import type { Story } from './schema';

/** The BroadcastChannel both windows open. */
export const NOTES_CHANNEL = 'presence-atlas-presenter';

/** Messages between the presenter window and the notes window. */
export type NotesMessage =
  /** The presenter shows scene `index` of story `storyId` (or `null`: the presentation ended). */
  | { type: 'scene'; storyId: string | null; index: number }
  /** A notes window opened and asks where the presentation is. */
  | { type: 'hello' }
  /** The notes window asks the presenter to show scene `index`. */
  | { type: 'go'; storyId: string; index: number };

/** A message from the channel, or null when it is not one of ours (wrong shape or types). */
export function parseNotesMessage(data: unknown): NotesMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  const index = m.index;
  const okIndex = typeof index === 'number' && Number.isInteger(index) && index >= 0;
  if (m.type === 'hello') return { type: 'hello' };
  if (m.type === 'scene' && okIndex && (m.storyId === null || typeof m.storyId === 'string'))
    return { type: 'scene', storyId: m.storyId, index };
  if (m.type === 'go' && okIndex && typeof m.storyId === 'string')
    return { type: 'go', storyId: m.storyId, index };
  return null;
}

/** What the notes window shows for scene `index` of `story`. */
export interface NotesView {
  /** "Scene 3 of 12". */
  progress: string;
  title: string;
  /** The scene's notes, or null when it has none. */
  notes: string | null;
  /** The next scene's title, or null at the last scene. */
  next: string | null;
  index: number;
  count: number;
}

/** The notes view of a scene (the index is clamped to the story's scenes). */
export function notesView(story: Story, index: number): NotesView {
  const count = story.scenes.length;
  const i = Math.min(count - 1, Math.max(0, Math.round(index)));
  const scene = story.scenes[i]!;
  const next = story.scenes[i + 1];
  return {
    progress: `Scene ${i + 1} of ${count}`,
    title: scene.title,
    notes: scene.notes?.trim() ? scene.notes.trim() : null,
    next: next ? next.title : null,
    index: i,
    count,
  };
}

/** The link of the notes window for a story at a scene (same page, `notes=1`). */
export function notesUrl(base: string, storyId: string, index: number): string {
  const u = new URL(base);
  u.search = '';
  u.hash = '';
  u.searchParams.set('story', storyId);
  u.searchParams.set('scene', String(index));
  u.searchParams.set('notes', '1');
  return u.toString();
}
