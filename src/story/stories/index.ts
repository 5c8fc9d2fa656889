/**
 * The registry of shipped stories. Each story file is validated with the schema when this module
 * loads, so a broken story fails the build's tests (and the app says which scene and field) instead
 * of misbehaving in front of a room.
 */
import { parseStory, StoryValidationError, type Story } from '../schema';
import carBeforeMinusca from './car-before-minusca.json';
import minusca from './minusca.json';

/** Story files by id, as shipped. Add a new story by importing its JSON here. */
const RAW: readonly unknown[] = [minusca, carBeforeMinusca];

/** A story that failed validation, with its problems (the app lists them). */
export interface BrokenStory {
  id: string;
  problems: string[];
}

function load(raw: readonly unknown[]): { stories: Story[]; broken: BrokenStory[] } {
  const stories: Story[] = [];
  const broken: BrokenStory[] = [];
  for (const r of raw) {
    try {
      stories.push(parseStory(r));
    } catch (e) {
      if (e instanceof StoryValidationError) broken.push({ id: e.storyId, problems: e.problems });
      else throw e;
    }
  }
  return { stories, broken };
}

const loaded = load(RAW);

/** The valid shipped stories, in menu order. */
export const STORIES: readonly Story[] = loaded.stories;
/** Shipped stories that failed validation (empty in a healthy build). */
export const BROKEN_STORIES: readonly BrokenStory[] = loaded.broken;

/** The story with `id`, or undefined. */
export function findStory(id: string): Story | undefined {
  return STORIES.find((s) => s.id === id);
}

/**
 * Stories about a mission (for the mission's "Case study" menu): those of the mission and those
 * with a scene that shows it.
 */
export function storiesForMission(missionId: string): Story[] {
  return STORIES.filter(
    (s) => s.mission === missionId || s.scenes.some((scene) => scene.mission === missionId),
  );
}
