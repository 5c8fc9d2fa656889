/**
 * Details feature: the selected cell's outline on the map and the "Details" tab (the selected
 * cell or base, or the year's most violent cells), with the other features' cell sections under a
 * selected cell.
 */
import { memo, useCallback, useMemo } from 'react';
import { selectedCellLayer } from '../../map/layers';
import type { Selection } from '../../state/state';
import { Details } from '../Details';
import { useData } from '../dataContext';
import { monthIndex } from '../../domain/timeline';
import { fmtPeriod, noViolenceDataMessage } from '../format';
import { useAtlas, useDispatch } from '../store';
import type { Feature, FeatureContext, FeatureMap } from './contract';
import { useFeatures } from './registry';

/** Cells listed in the Details tab when nothing is selected. */
export const TOP_CELLS = 10;

function useDetailsMap(ctx: FeatureContext): FeatureMap {
  const sel = ctx.view.state.selection;
  const gid = sel?.kind === 'cell' ? sel.gid : null;
  const layer = useMemo(() => selectedCellLayer(gid), [gid]);
  return useMemo(
    () => ({ layers: { selection: layer ? [layer] : [] }, legend: [], pick: {} }),
    [layer],
  );
}

/** The "Details" tab. */
const DetailsTab = memo(function DetailsTab() {
  const { data } = useData();
  const dispatch = useDispatch();
  const features = useFeatures();
  const selection = useAtlas((s) => s.selection);
  const year = useAtlas((s) => s.year);
  const month = useAtlas((s) => s.month);
  const mission = useAtlas((s) => s.mission);
  const perpetrator = useAtlas((s) => s.perpetrator);
  const { sel, dataset } = data;
  const coverage = sel.missionCoverage(mission, year);
  const onSelect = useCallback(
    (s: Selection) => dispatch({ type: 'select', selection: s }),
    [dispatch],
  );
  const gid = selection?.kind === 'cell' ? selection.gid : null;
  return (
    <Details
      selection={selection}
      year={year}
      perpetrator={perpetrator}
      coverage={dataset.coverage}
      cell={gid !== null ? sel.cellDetails(gid, year, mission) : null}
      base={selection?.kind === 'base' ? sel.baseDetails(selection.id, year) : null}
      topCells={
        month === null
          ? sel.topCells(mission, year, perpetrator, TOP_CELLS)
          : data.tsel.topCellsOfMonth(
              monthIndex(year, month),
              perpetrator,
              coverage.covered,
              TOP_CELLS,
            )
      }
      period={fmtPeriod(year, month)}
      noDataMessage={
        [
          coverage.missing.length > 0
            ? noViolenceDataMessage(coverage.missing, year, dataset.coverage)
            : null,
          month !== null ? data.monthly.pending : null,
        ]
          .filter((m) => m !== null)
          .join(' ') || null
      }
      onSelect={onSelect}
      cellName={data.cellName}
      cellExtra={
        gid === null
          ? null
          : features.map((f) => (f.CellDetail ? <f.CellDetail key={f.id} gid={gid} /> : null))
      }
      baseExtra={
        selection?.kind !== 'base'
          ? null
          : features.map((f) =>
              f.BaseDetail ? <f.BaseDetail key={f.id} id={selection.id} /> : null,
            )
      }
    />
  );
});

/** The details feature. */
export const detailsFeature: Feature = {
  id: 'details',
  useMap: useDetailsMap,
  panels: [{ id: 'details', label: 'Details', Component: DetailsTab }],
};
