/**
 * The story a trainer is building (the Case study tab's builder): part of the one store, changed
 * only by the pure updaters here (dispatched through `reduce.ts`). The scenes are the story
 * schema's (`src/story/schema.ts`, validated where a draft is read from a file or from
 * localStorage); this layer only orders, replaces and removes them.
 */

/** A scene of the draft: the story schema's scene (id, title and caption at least). */
export type DraftScene = Readonly<{ id: string; title: string; caption: string }> &
  Readonly<Record<string, unknown>>;

/** The story being built: the story schema's fields, its scenes possibly still none. */
export interface StoryDraft {
  id: string;
  title: string;
  /** Geo-PKO acronym: every scene shows this mission. */
  mission: string;
  summary: string;
  sources: string[];
  scenes: DraftScene[];
}

/** Most scenes a story may have (the schema's limit). */
export const MAX_DRAFT_SCENES = 30;

/** The id a new draft gets (a file loaded keeps its own). */
export const NEW_DRAFT_ID = 'my-story';

/** The sources a new draft names (the data the app shows). */
export const DRAFT_SOURCES = ['UCDP GED (one-sided violence)', 'Geo-PKO (peacekeeping bases)'];

/** An empty draft about `mission`. */
export function newDraft(mission: string): StoryDraft {
  return {
    id: NEW_DRAFT_ID,
    title: `My ${mission} story`,
    mission,
    summary: `A case study of ${mission}.`,
    sources: [...DRAFT_SOURCES],
    scenes: [],
  };
}

/** Changes to the draft, one per builder intent. */
export type DraftAction =
  /** Adds a scene at the end (a new draft about `mission` when there is none yet). */
  | { type: 'draftAddScene'; scene: DraftScene; mission: string }
  /** Replaces scene `index` (edited title, caption, or the view captured again). */
  | { type: 'draftUpdateScene'; index: number; scene: DraftScene }
  /** Moves scene `from` to position `to` (the others keep their order). */
  | { type: 'draftMoveScene'; from: number; to: number }
  | { type: 'draftDeleteScene'; index: number }
  /** The story's own title and summary. */
  | { type: 'draftSetInfo'; title?: string; summary?: string }
  /** A whole draft (a story file or the saved one, validated by the caller), or none. */
  | { type: 'draftReplace'; draft: StoryDraft | null };

const isIndex = (i: number, length: number): boolean => Number.isInteger(i) && i >= 0 && i < length;

/**
 * The draft after `action` (the same object when nothing changes): a scene of another mission
 * than the draft's, an index out of range or a 31st scene is ignored.
 */
export function reduceDraft(draft: StoryDraft | null, action: DraftAction): StoryDraft | null {
  switch (action.type) {
    case 'draftAddScene': {
      const d = draft ?? newDraft(action.mission);
      if (d.mission !== action.mission || d.scenes.length >= MAX_DRAFT_SCENES) return draft;
      return { ...d, scenes: [...d.scenes, action.scene] };
    }
    case 'draftUpdateScene': {
      if (!draft || !isIndex(action.index, draft.scenes.length)) return draft;
      const scenes = draft.scenes.slice();
      scenes[action.index] = action.scene;
      return { ...draft, scenes };
    }
    case 'draftMoveScene': {
      if (!draft || !isIndex(action.from, draft.scenes.length)) return draft;
      const to = Math.min(draft.scenes.length - 1, Math.max(0, Math.round(action.to)));
      if (!Number.isFinite(to) || to === action.from) return draft;
      const scenes = draft.scenes.slice();
      const [moved] = scenes.splice(action.from, 1);
      scenes.splice(to, 0, moved!);
      return { ...draft, scenes };
    }
    case 'draftDeleteScene': {
      if (!draft || !isIndex(action.index, draft.scenes.length)) return draft;
      return { ...draft, scenes: draft.scenes.filter((_, i) => i !== action.index) };
    }
    case 'draftSetInfo': {
      if (!draft) return draft;
      const title = action.title ?? draft.title;
      const summary = action.summary ?? draft.summary;
      return title === draft.title && summary === draft.summary
        ? draft
        : { ...draft, title, summary };
    }
    case 'draftReplace':
      return action.draft;
  }
}

/** True for the builder's actions (dispatched through the app's one `reduce`). */
export function isDraftAction(a: { type: string }): a is DraftAction {
  return (
    a.type === 'draftAddScene' ||
    a.type === 'draftUpdateScene' ||
    a.type === 'draftMoveScene' ||
    a.type === 'draftDeleteScene' ||
    a.type === 'draftSetInfo' ||
    a.type === 'draftReplace'
  );
}
