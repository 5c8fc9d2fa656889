/**
 * Lag feature: the flagged cells of the year as outlines (category by colour and dash pattern),
 * their legend with counts, flag picking, the "Lag" tab (parameters, summary, gap list, CSV,
 * responsiveness) and the lag view of a selected cell. The analysis comes from the dataset's one
 * lag cache (`atlasData(...).lag`), recomputed when the mission, θ, r, W, Δ or the perpetrator
 * filter change.
 */
import { memo, useCallback, useMemo, useState } from 'react';
import { toLagParams } from '../../data/lagSelectors';
import { cellCentroid } from '../../domain/grid';
import { LAG_CATEGORY_LABELS, type Episode, type LagCategory } from '../../domain/lagTypes';
import {
  lagCsvFileName,
  pooledCsvFileName,
  missingViolenceCountries,
  violenceNotLoadedMessage,
} from '../../domain/lagView';
import { FLAG_LAYER_IDS, flagLayers, type FlagSegment } from '../../map/flagLayers';
import { censoredText, flagsSection } from '../../map/legend';
import type { GapListView } from '../../state/state';
import { useData } from '../dataContext';
import { fmt, fmtPeriod } from '../format';
import { CellLagDetail } from '../lag/CellLagDetail';
import { downloadText } from '../lag/download';
import { GridSection } from '../grid/GridSection';
import { LagPanel } from '../lag/LagPanel';
import { MonthlySeriesChart } from '../lag/MonthlySeriesChart';
import { LagResolutionSwitch, MonthlyLagPanel } from '../lag/MonthlyLagPanel';
import { BRIEF_YEARS, LagScopeSwitch, PooledPanel } from '../lag/PooledPanel';
import { useAtlas, useDispatch } from '../store';
import { FLY_ZOOM } from './actions';
import type { Feature, FeatureContext, FeatureMap } from './contract';

/** The hover text of a flagged episode (`place`: the cell's name, else its id). */
export function flagHoverText(e: Episode, place = `cell ${e.gid}`): string {
  const years = e.onsetYear === e.endYear ? `${e.onsetYear}` : `${e.onsetYear}–${e.endYear}`;
  const lag =
    e.lagYears !== null ? `, response after ${e.lagYears} y` : e.flagged ? ', no response' : '';
  const censored = e.censoredStart ? ` (${censoredText([e.onsetYear])}: first year analysed)` : '';
  return `${LAG_CATEGORY_LABELS[e.category]} · ${place}, ${years}${censored}: ${fmt(e.fatalities)} killed${lag}`;
}

/** The analysis parameters of the store (θ, r, W, Δ and the perpetrator filter), stable. */
function useLagParams() {
  const lag = useAtlas((s) => s.lag);
  const perpetrator = useAtlas((s) => s.perpetrator);
  return useMemo(() => toLagParams(lag, perpetrator), [lag, perpetrator]);
}

function useLagMap(ctx: FeatureContext): FeatureMap {
  const { data, view } = ctx;
  const { mission, year, month, layers, lag, perpetrator, panel, grid } = view.state;
  const params = useMemo(() => toLagParams(lag, perpetrator), [lag, perpetrator]);
  const result = data.lag.result(mission, params);
  const renderKey = `lag=${params.theta},${params.reachKm != null ? `${params.reachKm}km` : params.reach},${params.window},${params.delta}`;
  // Not computed for the year: no violence data for the mission at all, or none for its
  // countries this year (never "0 flags").
  const notComputed =
    result !== null && (!result.summary.hasViolenceData || view.covered.length === 0);
  // On an H3 grid the grid feature draws the flags as hexagons instead.
  const show = layers.flags && grid === 'prio' && result !== null && !notComputed;
  // Monthly mode: the yearly flags are drawn on the cells with violence in the month shown only
  // (a flag on an empty cell would read as "lagged violence here this month").
  const monthly = view.granularity === 'month' && month !== null;
  const monthCells = monthly
    ? data.tsel.cellsOfMonth(view.frame.step, perpetrator, view.covered)
    : null;
  const yearFlags = show ? data.lag.flagsInYear(mission, params, year) : null;
  const flagged = useMemo(() => {
    if (!yearFlags || !monthCells) return yearFlags;
    const gids = new Set(monthCells.map((c) => c.gid));
    return yearFlags.filter((e) => gids.has(e.gid));
  }, [yearFlags, monthCells]);
  const drawn = useMemo(
    () =>
      flagged
        ? flagLayers(
            flagged,
            year,
            `${mission}:${renderKey}:${params.perpetrator}:${monthly ? view.frame.step : ''}`,
          )
        : [],
    [flagged, year, mission, renderKey, params.perpetrator, monthly, view.frame.step],
  );
  return useMemo<FeatureMap>(() => {
    const counts: Partial<Record<LagCategory, number>> = {};
    const censoredYears: number[] = [];
    for (const e of flagged ?? []) {
      counts[e.category] = (counts[e.category] ?? 0) + 1;
      if (e.censoredStart) censoredYears.push(e.onsetYear);
    }
    return {
      layers: { aboveCells: drawn },
      legend:
        layers.flags && grid === 'prio'
          ? [
              flagsSection({
                year,
                counts,
                censored: { count: censoredYears.length, years: censoredYears },
                notComputed,
                ...(monthly ? { month: fmtPeriod(year, month) } : {}),
              }),
            ]
          : [],
      pick: {
        [FLAG_LAYER_IDS.outline]: {
          // From the Lag tab a flag opens the cell's lag view there; otherwise the details.
          click: (o) => ({
            type: 'select',
            selection: { kind: 'cell', gid: (o as FlagSegment).episode.gid },
            panel: panel === 'lag' ? 'lag' : 'details',
          }),
          hover: (o) => {
            const e = (o as FlagSegment).episode;
            return flagHoverText(e, data.cellName(e.gid).full);
          },
        },
      },
      renderKey,
      counts: { flags: flagged?.length ?? 0 },
    };
  }, [
    drawn,
    flagged,
    layers.flags,
    year,
    month,
    monthly,
    notComputed,
    renderKey,
    panel,
    data,
    grid,
  ]);
}

/** The selected cell's lag view with a navigation link (to the Lag tab, or back to its list). */
function CellLag(props: { gid: number; nav: { label: string; onClick: () => void } }) {
  const { data } = useData();
  const mission = useAtlas((s) => s.mission);
  const params = useLagParams();
  const result = data.lag.result(mission, params);
  const noDataText = useMemo(() => {
    const missing = result ? missingViolenceCountries(result.summary.missingViolenceData) : [];
    return missing.length > 0 ? violenceNotLoadedMessage(missing.map((m) => m.country)) : null;
  }, [result]);
  if (result === null) return null;
  return (
    <CellLagDetail
      gid={props.gid}
      mission={mission}
      params={params}
      detail={data.lag.cellDetail(mission, params, props.gid)}
      episodes={data.lag.cellEpisodes(mission, params, props.gid)}
      place={data.lag.placeOf(props.gid)}
      region={data.sel.cellRegion(props.gid)}
      baseName={data.lag.baseName}
      noDataMessage={noDataText}
      nav={props.nav}
    />
  );
}

/** Under a selected cell's details: its lag view and a link to the Lag tab. */
const CellLagSection = memo(function CellLagSection(props: { gid: number }) {
  const dispatch = useDispatch();
  const nav = useMemo(
    () => ({
      label: 'Lag analysis tab →',
      onClick: () => dispatch({ type: 'setPanel', panel: 'lag' }),
    }),
    [dispatch],
  );
  return <CellLag gid={props.gid} nav={nav} />;
});

/** The "Lag" tab. */
const LagTab = memo(function LagTab() {
  const { data } = useData();
  const dispatch = useDispatch();
  const mission = useAtlas((s) => s.mission);
  const lag = useAtlas((s) => s.lag);
  const perpetrator = useAtlas((s) => s.perpetrator);
  const zoom = useAtlas((s) => s.camera?.zoom ?? 0);
  const gid = useAtlas((s) => (s.selection?.kind === 'cell' ? s.selection.gid : null));
  const gapList = useAtlas((s) => s.gapList);
  const lagPool = useAtlas((s) => s.lagPool);
  const lagMonthly = useAtlas((s) => s.lagMonthly);
  const params = useLagParams();
  const result = data.lag.result(mission, params);
  const series = data.monthly.series(mission);
  const [returnTo, setReturnTo] = useState<{ gid: number } | null>(null);

  // Picking an episode keeps the researcher in the Lag tab, with the cell's lag view on top.
  // An episode opens at its onset year.
  const focusCell = useCallback(
    (g: number, e?: Episode) => {
      const [lon, lat] = cellCentroid(g);
      dispatch({
        type: 'focus',
        camera: { lon, lat, zoom: Math.max(FLY_ZOOM, zoom) },
        selection: { kind: 'cell', gid: g },
        panel: 'lag',
        ...(e ? { year: e.onsetYear } : {}),
      });
    },
    [dispatch, zoom],
  );
  const onDownload = useCallback(
    () => downloadText(lagCsvFileName(mission, params), data.lag.csv(mission, params)),
    [data, mission, params],
  );
  const onGapView = useCallback(
    (v: GapListView) => dispatch({ type: 'setGapList', view: v }),
    [dispatch],
  );
  const back = useMemo(
    () => ({
      label: '← Back to the gap list',
      onClick: () => {
        if (gid !== null) setReturnTo({ gid });
        dispatch({ type: 'select', selection: null, panel: 'lag' });
      },
    }),
    [dispatch, gid],
  );
  const onScope = useCallback(
    (pooled: boolean) => dispatch({ type: 'setLagPool', pool: pooled ? { ...BRIEF_YEARS } : null }),
    [dispatch],
  );
  const onResolution = useCallback(
    (monthly: boolean) => dispatch({ type: 'setLagMonthly', monthly }),
    [dispatch],
  );
  const resolution = <LagResolutionSwitch monthly={lagMonthly} onChange={onResolution} />;
  if (lagPool === null && lagMonthly) {
    return (
      <MonthlyLagPanel
        mission={mission}
        result={data.monthly.lag(mission, params, perpetrator)}
        series={series}
        pending={data.monthly.pending}
        params={lag}
        perpetrator={perpetrator}
        onParams={(p) => dispatch({ type: 'setLag', params: p })}
        onPerpetrator={(p) => dispatch({ type: 'setPerpetrator', perpetrator: p })}
        onReset={() => dispatch({ type: 'resetLag' })}
        cellName={data.cellName}
        onFocusCell={(g, y) => {
          const [lon, lat] = cellCentroid(g);
          dispatch({
            type: 'focus',
            camera: { lon, lat, zoom: Math.max(FLY_ZOOM, zoom) },
            selection: { kind: 'cell', gid: g },
            panel: 'lag',
            year: y,
          });
        }}
        switches={
          <>
            <LagScopeSwitch mission={mission} pooled={false} onChange={onScope} />
            {resolution}
          </>
        }
      />
    );
  }
  if (lagPool !== null) {
    return (
      <PooledPanel
        mission={mission}
        result={data.lag.pooled(params, lagPool)}
        params={lag}
        perpetrator={perpetrator}
        onParams={(p) => dispatch({ type: 'setLag', params: p })}
        onPerpetrator={(p) => dispatch({ type: 'setPerpetrator', perpetrator: p })}
        onReset={() => dispatch({ type: 'resetLag' })}
        onYears={(y) => dispatch({ type: 'setLagPool', pool: y })}
        onScope={onScope}
        placeOf={data.lag.placeOf}
        regionOf={data.sel.cellRegion}
        onDownload={() =>
          downloadText(pooledCsvFileName(params, lagPool), data.lag.pooledCsv(params, lagPool))
        }
        onDownloadTable={() =>
          downloadText(
            pooledCsvFileName(params, lagPool, 'responsiveness'),
            data.lag.pooledResponsivenessCsv(params, lagPool),
          )
        }
      />
    );
  }
  return (
    <LagPanel
      onScope={onScope}
      mission={mission}
      result={result}
      params={lag}
      perpetrator={perpetrator}
      onParams={(p) => dispatch({ type: 'setLag', params: p })}
      onPerpetrator={(p) => dispatch({ type: 'setPerpetrator', perpetrator: p })}
      onReset={() => dispatch({ type: 'resetLag' })}
      onFocusCell={focusCell}
      selectedGid={gid}
      placeOf={data.lag.placeOf}
      regionOf={data.sel.cellRegion}
      distanceOf={(g, y) => data.troopBase.cellDistance(mission, y, g)}
      onDownload={onDownload}
      gapView={gapList}
      onGapView={onGapView}
      cellView={gid === null || result === null ? null : <CellLag gid={gid} nav={back} />}
      returnTo={returnTo}
      gridView={result === null ? null : <GridSection mission={mission} prio={result} />}
      seriesView={series ? <MonthlySeriesChart series={series} /> : null}
      resolutionView={resolution}
    />
  );
});

/** The lag feature. */
export const lagFeature: Feature = {
  id: 'lag',
  useMap: useLagMap,
  panels: [{ id: 'lag', label: 'Lag', Component: LagTab }],
  CellDetail: CellLagSection,
};
