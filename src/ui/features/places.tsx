/**
 * Place names: basemap town and country labels (GeoNames, Natural Earth) on the static overlay,
 * culled to a box around the view and redrawn only when the zoom crosses a tenth or the centre
 * crosses a viewport-sized grid line.
 */
import { useMemo } from 'react';
import { basemapLabelLayers, labelBox } from '../../map/basemap/labels';
import type { Feature, FeatureContext, FeatureMap } from './contract';

function usePlacesMap(ctx: FeatureContext): FeatureMap {
  const { basemap, view } = ctx;
  const { camera, layers } = view.state;
  const labelZoom = Math.floor((camera?.zoom ?? 4) * 10) / 10;
  const box = camera
    ? labelBox(camera, { width: window.innerWidth, height: window.innerHeight })
    : null;
  const boxKey = box ? `${box.west},${box.south},${box.east},${box.north}` : '';
  const labels = useMemo(
    () => (layers.labels ? basemapLabelLayers(basemap, labelZoom, box) : []),
    // `box` is described by `boxKey`: a new box object with the same edges keeps the layers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [basemap, labelZoom, boxKey, layers.labels],
  );
  return useMemo(() => ({ layers: { static: labels }, legend: [], pick: {} }), [labels]);
}

/** The place-names feature. */
export const placesFeature: Feature = { id: 'places', useMap: usePlacesMap };
