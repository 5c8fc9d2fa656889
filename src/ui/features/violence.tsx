/**
 * Violence feature: the cells coloured by civilians killed (UCDP GED one-sided violence, best
 * estimate) for the perpetrator filter, faded between steps while the clock runs (and by month in
 * monthly mode), the host countries without violence data greyed, the legend of both, and cell
 * picking.
 */
import { useMemo } from 'react';
import type { CellView } from '../../data/selectors';
import { tweenedViolenceLayer } from '../../map/changeLayers';
import { noDataSection, violenceSection } from '../../map/legend';
import { LAYER_IDS, noDataLayer, violenceLayer } from '../../map/layers';
import { fmt, fmtPeriod } from '../format';
import { useVisible } from './compose';
import type { Feature, FeatureContext, FeatureMap } from './contract';

function useViolenceMap(ctx: FeatureContext): FeatureMap {
  const { data, basemap, view } = ctx;
  const { state, frame, granularity, covered, missing } = view;
  const { year, month, perpetrator, layers } = state;
  const cells = data.sel.cellsOf(year, perpetrator, covered);
  const tweening = granularity === 'month' || frame.t > 0;

  // A new static layer after each tween: the tween replaced it under the same id, and deck.gl
  // must not see the finalized instance again.
  const staticLayer = useMemo(() => (tweening ? null : violenceLayer(cells)), [cells, tweening]);
  const cellPairs =
    granularity === 'year'
      ? data.tsel.cellTweens(frame.step, frame.next, perpetrator, covered)
      : data.tsel.cellMonthTweens(frame.step, frame.next, perpetrator, covered);
  const tweenLayer = useMemo(
    () => (tweening ? tweenedViolenceLayer(cellPairs, frame.t) : null),
    [tweening, cellPairs, frame.t],
  );
  const ground = useMemo(
    () => noDataLayer(basemap.countries, missing),
    [basemap.countries, missing],
  );

  // On an H3 grid the grid feature draws the cells as hexagons instead.
  const onPrio = state.grid === 'prio';
  const cellLayers = useVisible([tweenLayer ?? staticLayer], layers.violence && onPrio);
  const groundLayers = useVisible([ground], layers.noData);

  return useMemo<FeatureMap>(() => {
    return {
      layers: { ground: groundLayers, cells: cellLayers },
      legend: [
        ...(layers.violence && onPrio
          ? [violenceSection(fmtPeriod(year, month), perpetrator)]
          : []),
        ...(layers.noData && missing.length > 0 ? [noDataSection()] : []),
      ],
      pick: {
        [LAYER_IDS.violence]: {
          click: (o) => ({
            type: 'select',
            selection: { kind: 'cell', gid: (o as CellView).gid },
          }),
          hover: (o) => {
            const c = o as CellView;
            const n = data.cellName(c.gid);
            return `${n.name}: ${fmt(c.value)} civilians killed in ${fmtPeriod(year, month)} (${n.id})`;
          },
        },
      },
      counts: { cells: layers.violence && onPrio ? cells.length : 0 },
    };
  }, [layers, cellLayers, groundLayers, year, month, perpetrator, missing, cells, data, onPrio]);
}

/** The violence feature. */
export const violenceFeature: Feature = { id: 'violence', useMap: useViolenceMap };
