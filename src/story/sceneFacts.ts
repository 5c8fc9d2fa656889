/**
 * Captions of scenes with their live numbers, from the dataset's selectors (`src/data`).
 */
import type { Dataset } from '../domain/dataset';
import type { LagParams, LagResult } from '../domain/lag';
import { atlasData } from '../data/atlasData';
import { fillCaption, type CaptionFacts, type FilledCaption } from './caption';
import { captionFacts } from './facts';
import { sceneLag } from './scene';
import { sceneMission, type Scene, type Story } from './schema';

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

/**
 * Scene-caption filling over `dataset`. The lag analysis comes from the dataset's one lag cache
 * (`atlasData(dataset).lag`), shared with the map and the Lag tab; facts are cached per
 * (mission, year, parameters).
 */
export function createSceneFacts(dataset: Dataset): SceneFacts {
  const lagSel = atlasData(dataset).lag;
  const facts = new Map<string, CaptionFacts>();

  const paramsOf = (scene: Scene): LagParams => ({
    ...sceneLag(scene),
    perpetrator: scene.perpetrator ?? 'all',
  });

  const lag = (story: Story, scene: Scene): LagResult | null =>
    lagSel.result(sceneMission(story, scene), paramsOf(scene));

  return {
    lag,
    caption(story, scene, year) {
      const p = paramsOf(scene);
      const missionId = sceneMission(story, scene);
      const key = `${missionId}|${year}|${p.theta}|${p.reach}|${p.window}|${p.delta}|${p.perpetrator}|${p.precision}|${p.initialDeployment}`;
      let f = facts.get(key);
      if (!f) {
        f = captionFacts(dataset, missionId, year, lag(story, scene));
        facts.set(key, f);
      }
      return { ...fillCaption(scene.caption, f), facts: f, year };
    },
  };
}
