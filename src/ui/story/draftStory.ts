/**
 * The story being built (`state.storyDraft`) as a story the presenter, the exports and the link
 * can show, next to the shipped ones; and its copy in localStorage, validated when read back (a
 * save that cannot be read becomes a notice, never a crash).
 */
import type { StoryDraft } from '../../state/storyDraft';
import { NEW_DRAFT_ID } from '../../state/storyDraft';
import type { Story } from '../../story/schema';
import { checkStory, readStoryFile } from '../../story/storyFile';
import { findStory } from '../../story/stories';

const asStory = new WeakMap<StoryDraft, Story | null>();

/** The draft as a valid story (null while it has no scene or does not validate). */
export function draftAsStory(draft: StoryDraft | null): Story | null {
  if (!draft || draft.scenes.length === 0) return null;
  let s = asStory.get(draft);
  if (s === undefined) {
    const r = checkStory(draft);
    s = r.ok ? r.story : null;
    asStory.set(draft, s);
  }
  return s;
}

/** The story with `id`: a shipped one, else the draft when it has that id. */
export function storyById(id: string, draft: StoryDraft | null): Story | undefined {
  const shipped = findStory(id);
  if (shipped) return shipped;
  const own = draftAsStory(draft);
  return own && own.id === id ? own : undefined;
}

/**
 * A loaded story as a draft; an id that a shipped story has gets `-own` (or `my-story`) so that
 * both can be presented.
 */
export function storyAsDraft(story: Story): StoryDraft {
  const id = findStory(story.id) ? `${story.id}-own`.slice(0, 60) : story.id;
  return {
    ...story,
    id: findStory(id) ? NEW_DRAFT_ID : id,
    sources: [...story.sources],
    scenes: story.scenes.map((s) => ({ ...s })),
  };
}

/** The localStorage key of the draft. */
export const DRAFT_STORAGE_KEY = 'presence-atlas.story-draft.v1';

/** The part of `Storage` used here (a fake in tests). */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function browserStorage(): DraftStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage blocked by the browser
  }
}

/** The saved draft, validated by the story schema; `problems` say why a save was not used. */
export function readSavedDraft(storage: DraftStorage | null = browserStorage()): {
  draft: StoryDraft | null;
  problems: string[];
} {
  let text: string | null = null;
  try {
    text = storage?.getItem(DRAFT_STORAGE_KEY) ?? null;
  } catch {
    return { draft: null, problems: [] };
  }
  if (text === null) return { draft: null, problems: [] };
  const r = readStoryFile(text);
  if (r.ok) return { draft: storyAsDraft(r.story), problems: [] };
  return { draft: null, problems: r.problems };
}

/** Saves the draft (a draft without scenes removes the save). Storage errors are ignored. */
export function saveDraft(
  draft: StoryDraft | null,
  storage: DraftStorage | null = browserStorage(),
): void {
  try {
    if (!draft || draft.scenes.length === 0) storage?.removeItem(DRAFT_STORAGE_KEY);
    else storage?.setItem(DRAFT_STORAGE_KEY, JSON.stringify(draft));
  } catch {
    // Full or blocked storage: the draft still lives in the page; saving to a file works.
  }
}
