/**
 * Runs the atlas's real feature hooks outside a browser: the store, the data bundle and the
 * feature list as the app wires them, rendered to static markup (hooks run, effects do not), and
 * what the features gave back.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { atlasData } from '../../../src/data/atlasData';
import { EMPTY_BASEMAP, type BasemapData } from '../../../src/data/load';
import type { Dataset } from '../../../src/domain/dataset';
import type { AppState } from '../../../src/state/state';
import { createStore, type Store } from '../../../src/state/store';
import { DataProvider } from '../../../src/ui/dataContext';
import { FEATURES } from '../../../src/ui/features';
import { stackLayers, useFeatureMaps, useMapView } from '../../../src/ui/features/compose';
import type { FeatureMap, MapView } from '../../../src/ui/features/contract';
import { FeaturesProvider } from '../../../src/ui/features/registry';
import { StoreProvider, useAtlas, useDispatch } from '../../../src/ui/store';

/** What one render of the features produced. */
export interface FeatureRender {
  maps: FeatureMap[];
  view: MapView;
  store: Store;
  /** The map's visible layer ids, bottom to top (static overlay excluded). */
  ids: string[];
}

/** Renders the features for `state` over `dataset` (a store is created unless given). */
export function renderFeatures(
  dataset: Dataset,
  state: AppState,
  opts: { basemap?: BasemapData; store?: Store } = {},
): FeatureRender {
  const data = atlasData(dataset);
  const store = opts.store ?? createStore(state, data.sel.missions);
  const out: { maps: FeatureMap[]; view: MapView | null } = { maps: [], view: null };
  function Probe() {
    const s = useAtlas((x) => x);
    const dispatch = useDispatch();
    const view = useMapView(s);
    const basemap = opts.basemap ?? EMPTY_BASEMAP;
    out.maps = useFeatureMaps(FEATURES, { data, basemap, view, dispatch });
    out.view = view;
    return null;
  }
  renderToStaticMarkup(
    <DataProvider value={{ data, basemap: opts.basemap ?? EMPTY_BASEMAP, dataUrl: '/' }}>
      <StoreProvider store={store}>
        <FeaturesProvider features={FEATURES}>
          <Probe />
        </FeaturesProvider>
      </StoreProvider>
    </DataProvider>,
  );
  return {
    maps: out.maps,
    view: out.view!,
    store,
    ids: stackLayers(out.maps)
      .filter((l) => l.props.visible !== false)
      .map((l) => l.id),
  };
}
