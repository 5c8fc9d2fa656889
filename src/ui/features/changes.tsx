/**
 * Changes feature: the year's base changes on the map (new: ring; strengthened ▲; reduced ▼;
 * closed: last year's outline), fading out in the second half of a transition, their legend, and
 * the "Changes" tab (the year's changes and the mission's base lifetimes).
 */
import { memo, useCallback, useMemo } from 'react';
import { changeLayers } from '../../map/changeLayers';
import { changesSection } from '../../map/legend';
import { useAtlas, useDispatch } from '../store';
import { useData } from '../dataContext';
import { ChangesPanel } from '../timeline/ChangesPanel';
import { FLY_ZOOM, yearStep } from './actions';
import type { Feature, FeatureContext, FeatureMap } from './contract';

function useChangesMap(ctx: FeatureContext): FeatureMap {
  const { data, view } = ctx;
  const { state, frame, granularity } = view;
  const show = state.layers.bases && state.layers.changes && granularity === 'year';
  const t = frame.t;
  const opacity = t <= 0.5 ? 1 : Math.max(0, 1 - (t - 0.5) * 2);
  const changes = data.tsel.changes(state.mission, frame.step);
  const layers = useMemo(
    () => (show ? changeLayers(changes, { opacity }) : []),
    [show, changes, opacity],
  );
  return useMemo<FeatureMap>(() => {
    const [ghosts, rings, arrows] = layers;
    return {
      layers: {
        aboveCells: ghosts ? [ghosts] : [],
        top: [rings, arrows].filter((l): l is NonNullable<typeof l> => l != null),
      },
      legend: state.layers.bases && state.layers.changes ? [changesSection()] : [],
      pick: {},
    };
  }, [layers, state.layers.bases, state.layers.changes]);
}

/** The "Changes" tab. */
const ChangesTab = memo(function ChangesTab() {
  const { data } = useData();
  const dispatch = useDispatch();
  const mission = useAtlas((s) => s.mission);
  const year = useAtlas((s) => s.year);
  const month = useAtlas((s) => s.month);
  const zoom = useAtlas((s) => s.camera?.zoom ?? 0);
  const selectedId = useAtlas((s) => (s.selection?.kind === 'base' ? s.selection.id : null));
  const years = data.sel.mission(mission)?.years ?? [year];
  const onSelect = useCallback(
    (id: string) => dispatch({ type: 'select', selection: { kind: 'base', id }, panel: 'changes' }),
    [dispatch],
  );
  const onFlyTo = useCallback(
    (lon: number, lat: number) =>
      dispatch({ type: 'focus', camera: { lon, lat, zoom: Math.max(FLY_ZOOM, zoom) } }),
    [dispatch, zoom],
  );
  const onYear = useCallback(
    (y: number) => dispatch({ type: 'setStep', value: yearStep(y, month) }),
    [dispatch, month],
  );
  return (
    <ChangesPanel
      tsel={data.tsel}
      mission={mission}
      year={year}
      years={years}
      selectedId={selectedId}
      onSelect={onSelect}
      onFlyTo={onFlyTo}
      onYear={onYear}
    />
  );
});

/** The changes feature. */
export const changesFeature: Feature = {
  id: 'changes',
  useMap: useChangesMap,
  panels: [{ id: 'changes', label: 'Changes', Component: ChangesTab }],
};
