import { describe, expect, it } from 'vitest';
import { freeArea, projector } from '../../src/map/camera';
import {
  applyScene,
  checkStoryData,
  REFERENCE_VIEW,
  sceneLayers,
  sceneToState,
  type SceneView,
} from '../../src/story/scene';
import { parseStory, type Story } from '../../src/story/schema';
import { BROKEN_STORIES, findStory, STORIES, storiesForMission } from '../../src/story/stories';
import { DEFAULT_LAG, defaultState } from '../../src/state/state';
import { carCell, cellYear, dataset, deployment, deployments } from '../fixtures/factories';

function fixture() {
  const { bases, baseYears } = deployments([
    deployment({ location: 'Bangui', lat: 4.37, lon: 18.56 }, { 2014: 1000, 2015: 1500 }),
    deployment({ location: 'Bria', lat: 6.54, lon: 21.99 }, { 2014: 500, 2015: 600 }),
    deployment({ location: 'Obo', lat: 5.4, lon: 26.49 }, { 2015: 0 }),
  ]);
  return dataset({
    bases,
    baseYears,
    cellYears: [cellYear({ gid: carCell(), year: 2015, nonstate: 20 })],
  });
}

function story(scenes: Record<string, unknown>[]): Story {
  return parseStory({
    id: 'test',
    title: 'Test',
    mission: 'MINUSCA',
    summary: 'A test story.',
    sources: ['UCDP GED 23.1'],
    scenes: scenes.map((s, i) => ({
      id: `s${i}`,
      title: `Scene ${i}`,
      year: 2014,
      camera: { fit: 'mission' },
      caption: 'In {year}.',
      ...s,
    })),
  });
}

const DOCKED: SceneView = {
  width: 1600,
  height: 900,
  padding: { top: 24, right: 504, bottom: 24, left: 24 },
};

describe('story registry', () => {
  it('ships a valid MINUSCA story of 8–12 scenes and no broken story', () => {
    expect(BROKEN_STORIES).toEqual([]);
    const s = findStory('minusca');
    expect(s?.mission).toBe('MINUSCA');
    expect(s!.scenes.length).toBeGreaterThanOrEqual(8);
    expect(s!.scenes.length).toBeLessThanOrEqual(12);
    expect(storiesForMission('MINUSCA')).toContain(s);
    expect(findStory('nope')).toBeUndefined();
    expect(new Set(STORIES.map((x) => x.id)).size).toBe(STORIES.length);
  });
});

describe('sceneToState', () => {
  it('maps year, perpetrator, layers, lag and story position, clearing the selection', () => {
    const ds = fixture();
    const st = story([
      {},
      {
        year: 2015,
        perpetrator: 'state',
        layers: { flags: true, labels: false, changes: true },
        lag: { reach: 1, window: 2 },
      },
    ]);
    const base = { ...defaultState(ds.missions), selection: { kind: 'cell' as const, gid: 5 } };
    const plan = sceneToState(st.scenes[1]!, st, base, ds);
    expect(plan.patch).toMatchObject({
      mission: 'MINUSCA',
      year: 2015,
      month: null,
      perpetrator: 'state',
      layers: { violence: true, noData: true, bases: true, flags: true, labels: false },
      lag: { ...DEFAULT_LAG, reach: 1, window: 2 },
      selection: null,
      story: { id: 'test', scene: 1 },
    });
    expect(plan.showChanges).toBe(true);
    const next = applyScene(base, plan);
    expect(next.panel).toBe(base.panel);
    expect(next.year).toBe(2015);
  });

  it('uses defaults for what a scene leaves out (all perpetrators, no flags, labels on)', () => {
    const ds = fixture();
    const st = story([{}]);
    const plan = sceneToState(st.scenes[0]!, st, defaultState(ds.missions), ds);
    expect(plan.patch.perpetrator).toBe('all');
    expect(plan.patch.layers).toEqual(sceneLayers(st.scenes[0]!));
    expect(plan.patch.layers.flags).toBe(false);
    expect(plan.patch.lag).toEqual(DEFAULT_LAG);
    expect(plan.showChanges).toBe(false);
  });

  it('resolves highlighted base names (any case) to ids and reports unknown ones', () => {
    const ds = fixture();
    const st = story([{ highlight: { bases: ['bangui', 'Atlantis'], cells: [carCell(2, 2)] } }]);
    const plan = sceneToState(st.scenes[0]!, st, defaultState(ds.missions), ds);
    expect(plan.highlightBases).toEqual(['MINUSCA:bangui']);
    expect(plan.highlightCells).toEqual([carCell(2, 2)]);
    expect(plan.problems).toEqual([
      'scene 1 "s0": highlighted base "Atlantis" is not a MINUSCA location',
    ]);
  });

  it('fits the mission into the area the dock leaves free', () => {
    const ds = fixture();
    const st = story([{}]);
    const plan = sceneToState(st.scenes[0]!, st, defaultState(ds.missions), ds, DOCKED);
    const p = projector(plan.patch.camera!, DOCKED);
    const free = freeArea(DOCKED, DOCKED.padding);
    for (const b of ds.bases) {
      const [x, y] = p(b.lon, b.lat);
      expect(x).toBeGreaterThan(free.x);
      expect(x).toBeLessThan(free.x + free.width);
      expect(y).toBeGreaterThan(free.y);
      expect(y).toBeLessThan(free.y + free.height);
    }
    expect(plan.fitted).toEqual(ds.missions[0]!.bbox);
  });

  it('fits the highlights when asked, closer than the whole mission', () => {
    const ds = fixture();
    const st = story([
      { camera: { fit: 'highlights' }, highlight: { bases: ['Bangui'] } },
      { camera: { fit: 'mission' } },
    ]);
    const near = sceneToState(st.scenes[0]!, st, defaultState(ds.missions), ds, DOCKED);
    const far = sceneToState(st.scenes[1]!, st, defaultState(ds.missions), ds, DOCKED);
    expect(near.patch.camera!.zoom).toBeGreaterThan(far.patch.camera!.zoom);
    const [x] = projector(near.patch.camera!, DOCKED)(18.56, 4.37);
    const free = freeArea(DOCKED, DOCKED.padding);
    expect(x).toBeCloseTo(free.x + free.width / 2, 0);
  });

  it('keeps an authored centre in the middle of the free area, zoom scaled from the reference view', () => {
    const ds = fixture();
    const st = story([{ camera: { center: [20.9, 5.9], zoom: 6.3 } }]);
    const view: SceneView = {
      width: 2 * REFERENCE_VIEW.width + 500,
      height: 2 * REFERENCE_VIEW.height,
      padding: { top: 0, right: 500, bottom: 0, left: 0 },
    };
    const plan = sceneToState(st.scenes[0]!, st, defaultState(ds.missions), ds, view);
    // Twice the reference free area: one zoom level more.
    expect(plan.patch.camera!.zoom).toBeCloseTo(7.3, 9);
    const [x, y] = projector(plan.patch.camera!, view)(20.9, 5.9);
    expect(x).toBeCloseTo(REFERENCE_VIEW.width, 6);
    expect(y).toBeCloseTo(REFERENCE_VIEW.height, 6);
  });

  it('zooms an authored camera out until every highlight is visible beside the dock', () => {
    const ds = fixture();
    const st = story([
      { camera: { center: [18.56, 4.37], zoom: 9 }, highlight: { bases: ['Bangui', 'Obo'] } },
    ]);
    const plan = sceneToState(st.scenes[0]!, st, defaultState(ds.missions), ds, DOCKED);
    const p = projector(plan.patch.camera!, DOCKED);
    const free = freeArea(DOCKED, DOCKED.padding);
    for (const [lon, lat] of [
      [18.56, 4.37],
      [26.49, 5.4],
    ] as const) {
      const [x, y] = p(lon, lat);
      expect(x).toBeGreaterThanOrEqual(free.x + 19);
      expect(x).toBeLessThanOrEqual(free.x + free.width - 19);
      expect(y).toBeGreaterThanOrEqual(free.y + 19);
      expect(y).toBeLessThanOrEqual(free.y + free.height - 19);
    }
  });

  it('starts a range at its first year and reports a year the mission does not have', () => {
    const ds = fixture();
    const st = story([{ year: { from: 2014, to: 2015 } }, { year: 2019 }]);
    const range = sceneToState(st.scenes[0]!, st, defaultState(ds.missions), ds);
    expect(range.patch.year).toBe(2014);
    expect(range.years).toEqual({ from: 2014, to: 2015 });
    const missing = sceneToState(st.scenes[1]!, st, defaultState(ds.missions), ds);
    expect(missing.patch.year).toBe(2015);
    expect(missing.problems[0]).toMatch(/scene 2 "s1": MINUSCA has no bases in 2019/);
  });
});

describe('checkStoryData', () => {
  it('names each scene whose bases or years the data lacks', () => {
    const ds = fixture();
    const st = story([{}, { year: 2030, highlight: { bases: ['Nowhere'] } }]);
    expect(checkStoryData(st, ds)).toEqual([
      'scene 2 "s1": highlighted base "Nowhere" is not a MINUSCA location',
      'scene 2 "s1": MINUSCA has no bases in 2030',
    ]);
    expect(checkStoryData({ ...st, mission: 'UNKNOWN' }, ds)[0]).toMatch(/not in the data/);
  });
});
