import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_PADDING } from '../../src/map/camera';
import { referenceZoom, sceneIdFor, stateToScene } from '../../src/story/capture';
import { sceneToState, applyScene } from '../../src/story/scene';
import { parseStory, sceneSchema, type Story } from '../../src/story/schema';
import { defaultState, type AppState } from '../../src/state/state';
import { dataset, deployment, deployments } from '../fixtures/factories';

function fixture() {
  const { bases, baseYears } = deployments([
    deployment({ location: 'Bangui', lat: 4.37, lon: 18.56 }, { 2014: 1000, 2015: 1500 }),
    deployment({ location: 'Bria', lat: 6.54, lon: 21.99 }, { 2015: 600, 2016: 600 }),
  ]);
  return dataset({ bases, baseYears });
}

const TEXT = { id: 'bria', title: 'Bria', caption: 'In {year}, {troops} troops.' };

function storyOf(scene: unknown): Story {
  return parseStory({
    id: 'built',
    title: 'Built',
    mission: 'MINUSCA',
    summary: 'A story built in the app.',
    sources: ['UCDP GED'],
    scenes: [scene],
  });
}

/** The view fields a scene sets, from a state. */
function view(s: AppState) {
  return {
    mission: s.mission,
    year: s.year,
    month: s.month,
    perpetrator: s.perpetrator,
    layers: s.layers,
    lag: s.lag,
    camera: s.camera,
    selection: s.selection,
  };
}

describe('stateToScene (the builder captures the whole view)', () => {
  const ds = fixture();
  const base = defaultState(ds.missions);

  it('captures a hand-made view into a valid scene with every field', () => {
    const state: AppState = {
      ...base,
      year: 2015,
      perpetrator: 'nonstate',
      layers: { ...base.layers, flags: false, hotspots: true },
      lag: { ...base.lag, theta: 40, reach: 2, window: 3, delta: 50, precision: 6 },
      camera: { lon: 21.5, lat: 6.25, zoom: 7 },
      selection: { kind: 'base', id: 'x' },
    };
    const scene = stateToScene(state, TEXT);
    expect(sceneSchema.safeParse(scene).success).toBe(true);
    expect(scene.year).toBe(2015);
    expect(scene.camera).toEqual({ center: [21.5, 6.25], zoom: 7 });
    expect(scene.perpetrator).toBe('nonstate');
    expect(scene.lag).toMatchObject({ theta: 40, reach: 2, window: 3, delta: 50, precision: 6 });
    expect(scene.layers).toMatchObject({ flags: false, hotspots: true, violence: true });
    expect(scene.selection).toEqual({ kind: 'base', id: 'x' });
  });

  it('stores the zoom for the 1280×720 reference map: one zoom level less on a 2560×1440 map', () => {
    expect(referenceZoom(7, { width: 2560, height: 1440 })).toBeCloseTo(6, 10);
    expect(referenceZoom(7, { width: 640, height: 720 })).toBeCloseTo(8, 10);
  });

  it('a fitted view (no camera) becomes a mission fit; a played range becomes a year range', () => {
    const state: AppState = {
      ...base,
      year: 2014,
      camera: null,
      playRange: { from: 2014, to: 2016, resume: { secondsPerYear: 1, loop: false } },
    };
    const scene = stateToScene(state, TEXT);
    expect(scene.camera).toEqual({ fit: 'mission' });
    expect(scene.year).toEqual({ from: 2014, to: 2016 });
    expect(stateToScene({ ...base, year: 2014 }, TEXT, undefined, { to: 2015 }).year).toEqual({
      from: 2014,
      to: 2015,
    });
  });

  it('round trip: state → scene → state gives the same view (any view, any map size)', () => {
    const arb = fc.record({
      year: fc.constantFrom(2014, 2015, 2016),
      perpetrator: fc.constantFrom('all', 'state', 'host', 'foreign', 'nonstate' as const),
      layers: fc.record({
        violence: fc.boolean(),
        noData: fc.boolean(),
        bases: fc.boolean(),
        changes: fc.boolean(),
        flags: fc.boolean(),
        hotspots: fc.boolean(),
        labels: fc.boolean(),
      }),
      theta: fc.integer({ min: 1, max: 100_000 }),
      reach: fc.integer({ min: 0, max: 3 }),
      window: fc.integer({ min: 0, max: 10 }),
      delta: fc.integer({ min: 1, max: 100_000 }),
      precision: fc.integer({ min: 5, max: 7 }),
      initialDeployment: fc.boolean(),
      reachKm: fc.option(fc.integer({ min: 10, max: 200 }), { nil: undefined }),
      camera: fc.option(
        fc.record({
          lon: fc.integer({ min: -17_000, max: 17_000 }).map((v) => v / 100),
          lat: fc.integer({ min: -6_000, max: 6_000 }).map((v) => v / 100),
          zoom: fc.integer({ min: 200, max: 1000 }).map((v) => v / 100),
        }),
        { nil: null },
      ),
      selection: fc.oneof(
        fc.constant(null),
        fc.integer({ min: 1, max: 259_200 }).map((gid) => ({ kind: 'cell' as const, gid })),
        fc.constant({ kind: 'base' as const, id: 'MINUSCA-bria' }),
      ),
      width: fc.integer({ min: 320, max: 3840 }),
      height: fc.integer({ min: 320, max: 2160 }),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const state: AppState = {
          ...base,
          year: a.year,
          perpetrator: a.perpetrator,
          layers: { ...base.layers, ...a.layers },
          lag: {
            theta: a.theta,
            reach: a.reach,
            window: a.window,
            delta: a.delta,
            precision: a.precision,
            initialDeployment: a.initialDeployment,
            ...(a.reachKm !== undefined ? { reachKm: a.reachKm } : {}),
          },
          camera: a.camera,
          selection: a.selection,
        };
        const map = { width: a.width, height: a.height };
        const scene = stateToScene(state, TEXT, map);
        const story = storyOf(scene); // validated by the schema
        const plan = sceneToState(story.scenes[0]!, story, base, ds, {
          ...map,
          padding: NO_PADDING,
        });
        const back = view(applyScene(base, plan));
        const want = view(state);
        if (a.camera === null) expect(back.camera).not.toBeNull();
        else {
          expect(back.camera!.lon).toBeCloseTo(a.camera.lon, 4);
          expect(back.camera!.lat).toBeCloseTo(a.camera.lat, 4);
          // The story file keeps 4 decimals of zoom and 5 of degrees.
          expect(back.camera!.zoom).toBeCloseTo(a.camera.zoom, 3);
        }
        expect({ ...back, camera: null }).toEqual({ ...want, camera: null });
        expect(plan.problems).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('sceneIdFor', () => {
  it('makes a dashed lower-case id from a title, unique among the taken ones', () => {
    expect(sceneIdFor('Bangassou, May 2017', [])).toBe('bangassou-may-2017');
    expect(sceneIdFor('Bambari', ['bambari'])).toBe('bambari-2');
    expect(sceneIdFor('Bambari', ['bambari', 'bambari-2'])).toBe('bambari-3');
    expect(sceneIdFor('Ndélé', [])).toBe('ndele');
    expect(sceneIdFor('«»', [])).toBe('scene');
  });
});
