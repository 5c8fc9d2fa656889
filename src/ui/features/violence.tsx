/**
 * Violence feature: the cells coloured by civilians killed (UCDP GED one-sided violence, best
 * estimate) for the perpetrator filter, faded between steps while the clock runs (and by month in
 * monthly mode), the host countries without violence data greyed, the legend of both, and cell
 * picking.
 */
import { useMemo } from 'react';
import type { CellView } from '../../data/selectors';
import {
  cellBuffers,
  cellTweenBuffers,
  tweenedCellLayer,
  violenceCellLayers,
} from '../../map/cellLayers';
import { noDataSection, violenceSection } from '../../map/legend';
import { LAYER_IDS } from '../../map/layers';
import { fmt, fmtPeriod } from '../format';
import { useVisible } from './compose';
import type { Feature, FeatureContext, FeatureMap } from './contract';

function useViolenceMap(ctx: FeatureContext): FeatureMap {
  const { data, view } = ctx;
  const { state, frame, granularity, covered, missing } = view;
  const { year, month, perpetrator, layers } = state;
  const cells = data.sel.cellsOf(year, perpetrator, covered);
  const tweening = granularity === 'month' || frame.t > 0;

  // Binary attributes (src/map/cellLayers.ts): the year's squares and class colours written once
  // per cell list, the tween's per pair; a frame only writes colours into a preallocated buffer.
  const buffers = useMemo(() => cellBuffers(cells), [cells]);
  // A new static layer after each tween: the tween replaced it under the same id, and deck.gl
  // must not see the finalized instance again.
  const staticLayers = useMemo(
    () => (tweening ? null : violenceCellLayers(buffers)),
    [buffers, tweening],
  );
  const cellPairs =
    granularity === 'year'
      ? data.tsel.cellTweens(frame.step, frame.next, perpetrator, covered)
      : data.tsel.cellMonthTweens(frame.step, frame.next, perpetrator, covered);
  const tweenBuffers = useMemo(
    () => (tweening ? cellTweenBuffers(cellPairs) : null),
    [tweening, cellPairs],
  );
  const tweenLayer = useMemo(
    () => (tweenBuffers ? tweenedCellLayer(tweenBuffers, frame.t) : null),
    [tweenBuffers, frame.t],
  );

  // On an H3 grid the grid feature draws the cells as hexagons instead.
  const onPrio = state.grid === 'prio';
  const cellLayers = useVisible(
    [tweenLayer ?? staticLayers?.[0], staticLayers?.[1]],
    layers.violence && onPrio,
  );

  return useMemo<FeatureMap>(() => {
    return {
      // The countries without data are shaded by the basemap (`noDataCountries` of AtlasMap).
      layers: { cells: cellLayers },
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
  }, [layers, cellLayers, year, month, perpetrator, missing, cells, data, onPrio]);
}

/** The violence feature. */
export const violenceFeature: Feature = { id: 'violence', useMap: useViolenceMap };
