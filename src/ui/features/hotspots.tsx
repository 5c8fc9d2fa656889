/**
 * New-hotspots feature: a star in each cell whose civilians killed reached the lag threshold θ
 * this year after being below it the year before (`sel.newHotspots`, the perpetrator filter
 * shown), its legend section with the count, and picking. Off by default (layer `hotspots`);
 * not judged (and said so) where the year or the year before has no violence data. Yearly: in
 * monthly mode the marks are the year's.
 */
import { useMemo } from 'react';
import type { CellView } from '../../data/selectors';
import { HOTSPOT_LAYER_ID, hotspotLayer } from '../../map/hotspotLayers';
import { hotspotsSection } from '../../map/legend';
import { fmt } from '../format';
import { useVisible } from './compose';
import type { Feature, FeatureContext, FeatureMap } from './contract';

function useHotspotsMap(ctx: FeatureContext): FeatureMap {
  const { data, view } = ctx;
  const { mission, year, perpetrator, layers, lag } = view.state;
  const on = layers.hotspots;
  const judged =
    view.covered.length > 0 &&
    data.sel.mission(mission)?.countries.some((c) => data.sel.hasViolence(c, year - 1)) === true;
  const cells = useMemo(
    () => (on && judged ? data.sel.newHotspots(mission, year, perpetrator, lag.theta) : []),
    [on, judged, data, mission, year, perpetrator, lag.theta],
  );
  const layer = useMemo(() => hotspotLayer(cells), [cells]);
  const shown = useVisible([layer], on);
  return useMemo<FeatureMap>(
    () => ({
      layers: { top: shown },
      legend: on ? [hotspotsSection(year, lag.theta, judged ? cells.length : null)] : [],
      pick: {
        [HOTSPOT_LAYER_ID]: {
          click: (o) => ({ type: 'select', selection: { kind: 'cell', gid: (o as CellView).gid } }),
          hover: (o) => {
            const c = o as CellView;
            return `New hotspot · ${data.cellName(c.gid).full}: ${fmt(c.value)} killed in ${year}, fewer than ${lag.theta} in ${year - 1}`;
          },
        },
      },
      counts: { hotspots: cells.length },
    }),
    [shown, on, year, lag.theta, judged, cells, data],
  );
}

/** The new-hotspots feature. */
export const hotspotsFeature: Feature = { id: 'hotspots', useMap: useHotspotsMap };
