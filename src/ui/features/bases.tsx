/**
 * Bases feature: every mission's bases of the year (circle area ∝ Geo-PKO troops; hollow: no
 * troops; grey: troops unknown; HQ rings; the selected base ringed), tweened between steps and by
 * Geo-PKO map month in monthly mode, with their legend and picking.
 */
import { useMemo } from 'react';
import type { BaseView } from '../../data/selectors';
import { tweenedBasesLayers } from '../../map/changeLayers';
import { basesSection } from '../../map/legend';
import { LAYER_IDS, basesLayers } from '../../map/layers';
import { showsBase } from '../../map/roleLayers';
import { fmtTroops, isolate } from '../format';
import { useVisible } from './compose';
import type { Feature, FeatureContext, FeatureMap } from './contract';
import { worldFilter } from './worldView';

function useBasesMap(ctx: FeatureContext): FeatureMap {
  const { data, view } = ctx;
  const { state, frame, granularity, otherIds, others } = view;
  const { mission, year, selection, layers } = state;
  const selectedId = selection?.kind === 'base' ? selection.id : null;
  const { troops, noTroops, hq } = layers;
  const world = state.world;
  const allBases = world ? data.dep.worldBases(year, world.missions) : data.sel.basesOfYear(year);
  // Role switches (troops / no-troop sites) filter the circles; both on keeps the selector's array.
  const bases = useMemo(
    () =>
      troops && noTroops ? allBases : allBases.filter((v) => showsBase(v, { troops, noTroops })),
    [allBases, troops, noTroops],
  );
  const opts = useMemo(
    () => ({
      // The World view colours every mission by its slot (stable for the dataset).
      mission: world ? '' : mission,
      missionIds: world ? data.dep.activeMissions(year) : otherIds,
      missionSlots: data.sel.missionSlots,
      selectedId,
      hqRings: hq,
      world: world !== null,
    }),
    [mission, otherIds, selectedId, data.sel.missionSlots, hq, world, data.dep, year],
  );
  const tweening = granularity === 'month' || frame.t > 0;

  // New static layers after each tween (see violence.tsx).
  const staticLayers = useMemo(
    () => (tweening ? [] : basesLayers(bases, opts)),
    [bases, opts, tweening],
  );
  const allPairs =
    granularity === 'year'
      ? data.tsel.baseTweens(frame.step, frame.next)
      : data.tsel.monthBaseTweens(mission, frame.step, frame.next);
  const inWorld = worldFilter(state);
  const pairs = useMemo(
    () =>
      troops && noTroops && inWorld === null
        ? allPairs
        : allPairs.filter(
            (v) =>
              showsBase(v, { troops, noTroops }) && (inWorld === null || inWorld(v.by.mission)),
          ),
    [allPairs, troops, noTroops, inWorld],
  );
  const tweenLayers = useMemo(
    () => (tweening ? tweenedBasesLayers(pairs, frame.t, opts) : null),
    [tweening, pairs, frame.t, opts],
  );

  const shown = useVisible(tweenLayers ?? staticLayers, layers.bases);
  return useMemo<FeatureMap>(
    () => ({
      layers: { bases: shown },
      legend: layers.bases
        ? [
            basesSection(world ? 'Peacekeeping' : mission, world ? [] : others, {
              troops,
              noTroops,
              hq,
            }),
          ]
        : [],
      pick: {
        [LAYER_IDS.bases]: {
          click: (o) => ({
            type: 'select',
            selection: { kind: 'base', id: (o as BaseView).base.id },
          }),
          hover: (o) => {
            const b = o as BaseView;
            return `${isolate(b.base.location)} (${b.by.mission}): ${fmtTroops(b.by.troops)}`;
          },
        },
      },
      counts: { bases: layers.bases ? bases.length : 0 },
    }),
    [shown, layers.bases, mission, others, bases, troops, noTroops, hq, world],
  );
}

/** The bases feature. */
export const basesFeature: Feature = { id: 'bases', useMap: useBasesMap };
