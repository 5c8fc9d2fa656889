/**
 * Place names: basemap town and country labels (GeoNames, Natural Earth) on the static overlay,
 * culled to a box around the view and redrawn only when the zoom crosses a tenth or the centre
 * crosses a viewport-sized grid line.
 */
import { useMemo } from 'react';
import { basemapLabelLayers, labelBox } from '../../map/basemap/labels';
import { withoutReplacedPlaces, type NamedPoint } from '../../map/replacedPlaces';
import { resolveHighlights } from '../../story/scene';
import { findStory } from '../../story/stories';
import type { Feature, FeatureContext, FeatureMap } from './contract';

const NO_HIGHLIGHTS: NamedPoint[] = [];

function usePlacesMap(ctx: FeatureContext): FeatureMap {
  const { basemap, view, data } = ctx;
  const { camera, layers, year, story: position } = view.state;
  // A story scene's highlighted bases are named in bold: their towns' labels step aside.
  const storyId = position?.id ?? null;
  const sceneIndex = position?.scene ?? 0;
  const bases = data.sel.basesOfYear(year);
  const named = useMemo((): NamedPoint[] => {
    const story = storyId ? findStory(storyId) : undefined;
    const scene = story?.scenes[sceneIndex];
    if (!story || !scene?.highlight?.bases?.length) return NO_HIGHLIGHTS;
    const ids = new Set(resolveHighlights(scene, story, data.dataset).baseIds);
    return bases
      .filter((v) => ids.has(v.base.id))
      .map((v) => ({ name: v.base.location, lon: v.by.lon, lat: v.by.lat }));
  }, [storyId, sceneIndex, bases, data.dataset]);
  const shown = useMemo(
    () =>
      named.length === 0
        ? basemap
        : { ...basemap, places: withoutReplacedPlaces(basemap.places, named) },
    [basemap, named],
  );
  // Which names show is decided for 1× type (minZoom, src/domain/basemap.ts): at the large-screen
  // factor k the names are k times as large, as at log2(k) zoom levels less on a 1× screen, so
  // the names of that zoom show (a 4K screen at 2× shows what a 1080p screen shows).
  const labelZoom = Math.floor(((camera?.zoom ?? 4) - Math.log2(view.uiZoom)) * 10 + 1e-9) / 10;
  const box = camera
    ? labelBox(camera, { width: window.innerWidth, height: window.innerHeight })
    : null;
  const boxKey = box ? `${box.west},${box.south},${box.east},${box.north}` : '';
  const labels = useMemo(
    () => (layers.labels ? basemapLabelLayers(shown, labelZoom, box) : []),
    // `box` is described by `boxKey`: a new box object with the same edges keeps the layers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [shown, labelZoom, boxKey, layers.labels],
  );
  return useMemo(() => ({ layers: { static: labels }, legend: [], pick: {} }), [labels]);
}

/** The place-names feature. */
export const placesFeature: Feature = { id: 'places', useMap: usePlacesMap };
