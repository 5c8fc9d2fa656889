/**
 * A story as a file a trainer saves and loads: JSON text validated by the one story schema
 * (`schema.ts`). Errors name the scene (number and title) and the field:
 * `Scene 3 (“Bangassou”): year — must be …`. A story file is data only: its captions are text
 * (never HTML), and nothing in it is fetched or run.
 */
import { storySchema, type Story } from './schema';

/** A story file read: the story, or the problems that keep it from being used. */
export type StoryFileResult = { ok: true; story: Story } | { ok: false; problems: string[] };

/** Largest story file read (a story of 30 scenes is a few kilobytes). */
export const MAX_STORY_FILE_BYTES = 1_000_000;

function sceneLabel(raw: unknown, index: number): string {
  const scenes = (raw as { scenes?: unknown } | null)?.scenes;
  const scene = Array.isArray(scenes) ? (scenes[index] as Record<string, unknown> | null) : null;
  const title = typeof scene?.title === 'string' && scene.title.trim() !== '' ? scene.title : null;
  const id = typeof scene?.id === 'string' && scene.id !== '' ? scene.id : null;
  const name = title ?? id;
  return `Scene ${index + 1}${name ? ` (“${name}”)` : ''}`;
}

/** One problem in words: where (story or scene, and field) — what. */
function describe(path: readonly PropertyKey[], message: string, raw: unknown): string {
  if (path[0] === 'scenes' && typeof path[1] === 'number') {
    const field = path.slice(2).map(String).join('.');
    return `${sceneLabel(raw, path[1])}: ${field || 'scene'} — ${message}`;
  }
  const field = path.map(String).join('.');
  return `Story: ${field || 'file'} — ${message}`;
}

/** Validates a parsed story value; problems name the scene and the field. */
export function checkStory(raw: unknown): StoryFileResult {
  const result = storySchema.safeParse(raw);
  if (result.success) return { ok: true, story: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((i) => describe(i.path, i.message, raw)),
  };
}

/** Reads a story file's text (JSON), validated by the schema. */
export function readStoryFile(text: string): StoryFileResult {
  if (text.length > MAX_STORY_FILE_BYTES)
    return {
      ok: false,
      problems: [`Story: file — larger than ${MAX_STORY_FILE_BYTES / 1_000_000} MB`],
    };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      problems: [`Story: file — not JSON (${e instanceof Error ? e.message : String(e)})`],
    };
  }
  return checkStory(raw);
}

/** The story as file text (indented JSON, one trailing newline). */
export function writeStoryFile(story: Story): string {
  return `${JSON.stringify(story, null, 2)}\n`;
}

/** A file name for the story: its id and `.story.json`. */
export function storyFileName(story: Pick<Story, 'id'>): string {
  return `${story.id}.story.json`;
}
