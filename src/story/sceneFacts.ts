/**
 * Captions of scenes with their live numbers, memoized per dataset: the lag index of a mission is
 * prepared once, the analysis runs once per parameter set, and the facts once per
 * (mission, year, parameters).
 */
import type { Dataset } from '../domain/dataset';
import {
  prepareLagIndex,
  runLagAnalysis,
  type LagIndex,
  type LagParams,
  type LagResult,
} from '../domain/lag';
import { fillCaption, type CaptionFacts, type FilledCaption } from './caption';
import { captionFacts } from './facts';
import { sceneLag } from './scene';
import type { Scene, Story } from './schema';

/** A scene's caption filled for a year. */
export interface SceneCaption extends FilledCaption {
  facts: CaptionFacts;
  year: number;
}

/** Fills scene captions from one dataset. */
export interface SceneFacts {
  /** The caption of `scene` of `story` as shown in `year` (a year of the scene's range). */
  caption(story: Story, scene: Scene, year: number): SceneCaption;
  /** The lag analysis a scene's parameters give (null when the mission is unknown). */
  lag(story: Story, scene: Scene): LagResult | null;
}

/** Scene-caption filling over `dataset`, with caches. */
export function createSceneFacts(dataset: Dataset): SceneFacts {
  const indexes = new Map<string, LagIndex | null>();
  const results = new Map<string, LagResult | null>();
  const facts = new Map<string, CaptionFacts>();

  const indexOf = (mission: string): LagIndex | null => {
    if (!indexes.has(mission)) {
      let ix: LagIndex | null = null;
      try {
        ix = prepareLagIndex(dataset, mission);
      } catch {
        ix = null; // unknown mission: facts without lag figures (shown as n/a)
      }
      indexes.set(mission, ix);
    }
    return indexes.get(mission) ?? null;
  };

  const paramsOf = (scene: Scene): LagParams => ({
    ...sceneLag(scene),
    perpetrator: scene.perpetrator ?? 'all',
  });

  const lag = (story: Story, scene: Scene): LagResult | null => {
    const p = paramsOf(scene);
    const key = `${story.mission}|${p.theta}|${p.reach}|${p.window}|${p.delta}|${p.perpetrator}|${p.precision}|${p.initialDeployment}`;
    if (!results.has(key)) {
      const ix = indexOf(story.mission);
      results.set(key, ix ? runLagAnalysis(ix, p) : null);
    }
    return results.get(key) ?? null;
  };

  return {
    lag,
    caption(story, scene, year) {
      const p = paramsOf(scene);
      const key = `${story.mission}|${year}|${p.theta}|${p.reach}|${p.window}|${p.delta}|${p.perpetrator}|${p.precision}|${p.initialDeployment}`;
      let f = facts.get(key);
      if (!f) {
        f = captionFacts(dataset, story.mission, year, lag(story, scene));
        facts.set(key, f);
      }
      return { ...fillCaption(scene.caption, f), facts: f, year };
    },
  };
}
