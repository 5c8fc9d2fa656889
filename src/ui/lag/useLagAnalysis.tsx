/**
 * Everything the atlas needs from the lag analysis, in one hook: the memoized selectors, the
 * flags layers of the year, the legend block, the "Lag analysis" tab, the lag view of the
 * selected cell (for the details panel), map picking / hover of the flags, and the CSV download.
 * The atlas only places these; the analysis recomputes when the mission, the lag parameters or
 * the perpetrator filter change.
 */
import type { Layer, PickingInfo } from '@deck.gl/core';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { createLagSelectors, toLagParams } from '../../data/lagSelectors';
import type { BasemapPlace } from '../../domain/basemap';
import type { Dataset } from '../../domain/dataset';
import { cellCentroid } from '../../domain/grid';
import { LAG_CATEGORY_LABELS, type Episode, type LagCategory } from '../../domain/lagTypes';
import {
  lagCsvFileName,
  missingViolenceCountries,
  violenceNotLoadedMessage,
} from '../../domain/lagView';
import { FLAG_LAYER_IDS, flagLayers, type FlagSegment } from '../../map/flagLayers';
import type { Action } from '../../state/reduce';
import { DEFAULT_LAG, type AppState } from '../../state/state';
import { fmt } from '../format';
import { CellLagDetail } from './CellLagDetail';
import { downloadText } from './download';
import { GAP_PAGE, type GapListView } from './GapList';
import { censoredText, LagLegend } from './LagLegend';
import { LagPanel } from './LagPanel';

/** Zoom the map flies to when an episode is picked (at least). */
export const FOCUS_ZOOM = 7;

export interface LagAnalysisInput {
  dataset: Dataset;
  places: readonly BasemapPlace[];
  state: AppState;
  dispatch: (a: Action) => void;
}

export interface LagAnalysis {
  /** Flags layers of the year (empty when the layer is off or nothing is flagged). */
  layers: Layer[];
  /**
   * The episodes behind the flags layer (null when it is off or cannot be computed), for
   * exports that draw the same flags.
   */
  episodes: readonly Episode[] | null;
  /** Flagged cells drawn this year (0 when the layer is off). */
  flagCount: number;
  /** Total episodes under the current parameters. */
  episodeCount: number;
  /** Part of the render key: the parameters the flags were computed with. */
  renderKey: string;
  /** The legend block (null when the flags layer is off). */
  legend: ReactNode;
  /** Content of the "Lag analysis" tab. */
  panel: ReactNode;
  /** The lag view of the selected cell for the details tab (null unless a cell is selected). */
  cellDetail: ReactNode;
  /** Handles a click on a flag outline (selects its cell); false when the pick is not a flag. */
  onClick: (info: PickingInfo) => boolean;
  /** Tooltip text of a hovered flag outline, else null. */
  hoverText: (info: PickingInfo) => string | null;
}

/** The hover text of a flagged episode. */
export function flagHoverText(e: Episode): string {
  const years = e.onsetYear === e.endYear ? `${e.onsetYear}` : `${e.onsetYear}–${e.endYear}`;
  const lag =
    e.lagYears !== null ? `, response after ${e.lagYears} y` : e.flagged ? ', no response' : '';
  const censored = e.censoredStart ? ` (${censoredText([e.onsetYear])}: first year analysed)` : '';
  return `${LAG_CATEGORY_LABELS[e.category]} · cell ${e.gid}, ${years}${censored}: ${fmt(e.fatalities)} killed${lag}`;
}

/** The lag analysis wired to the atlas state. */
export function useLagAnalysis(input: LagAnalysisInput): LagAnalysis {
  const { dataset, places, state, dispatch } = input;
  const sel = useMemo(() => createLagSelectors(dataset, places), [dataset, places]);
  const params = useMemo(
    () => toLagParams(state.lag, state.perpetrator),
    [state.lag, state.perpetrator],
  );
  const result = sel.result(state.mission, params);
  const [gapView, setGapView] = useState<GapListView>({ filter: 'all', shown: GAP_PAGE });
  const [returnTo, setReturnTo] = useState<{ gid: number } | null>(null);

  const renderKey = `lag=${params.theta},${params.reach},${params.window},${params.delta}`;
  const showFlags = state.layers.flags && result !== null && result.summary.hasViolenceData;
  const flagged = useMemo(
    () => (showFlags ? sel.flagsInYear(state.mission, params, state.year) : []),
    [showFlags, sel, state.mission, params, state.year],
  );
  const layers = useMemo<Layer[]>(
    () =>
      showFlags
        ? (flagLayers(
            result?.episodes ?? [],
            state.year,
            `${state.mission}:${renderKey}:${params.perpetrator}`,
          ) as Layer[])
        : [],
    [showFlags, result, state.year, state.mission, renderKey, params.perpetrator],
  );

  const counts = useMemo(() => {
    const c: Partial<Record<LagCategory, number>> = {};
    for (const e of flagged) c[e.category] = (c[e.category] ?? 0) + 1;
    return c;
  }, [flagged]);
  const censored = useMemo(() => {
    const c = flagged.filter((e) => e.censoredStart);
    return { count: c.length, years: c.map((e) => e.onsetYear) };
  }, [flagged]);

  const noDataText = useMemo(() => {
    const missing = result ? missingViolenceCountries(result.summary.missingViolenceData) : [];
    return missing.length > 0 ? violenceNotLoadedMessage(missing.map((m) => m.country)) : null;
  }, [result]);

  // Picking an episode keeps the researcher in the Lag tab, with the cell's lag view on top.
  const currentZoom = state.camera?.zoom ?? 0;
  const focusCell = useCallback(
    (gid: number) => {
      const [lon, lat] = cellCentroid(gid);
      dispatch({
        type: 'focus',
        camera: { lon, lat, zoom: Math.max(FOCUS_ZOOM, currentZoom) },
        selection: { kind: 'cell', gid },
        panel: 'lag',
      });
    },
    [dispatch, currentZoom],
  );

  const onDownload = useCallback(() => {
    downloadText(lagCsvFileName(state.mission, params), sel.csv(state.mission, params));
  }, [sel, state.mission, params]);

  const gid = state.selection?.kind === 'cell' ? state.selection.gid : null;
  const cellView = (nav: { label: string; onClick: () => void }) =>
    gid === null || result === null ? null : (
      <CellLagDetail
        gid={gid}
        mission={state.mission}
        params={params}
        detail={sel.cellDetail(state.mission, params, gid)}
        episodes={sel.cellEpisodes(state.mission, params, gid)}
        place={sel.placeOf(gid)}
        baseName={sel.baseName}
        noDataMessage={noDataText}
        nav={nav}
      />
    );
  // In the details tab: a link to the Lag tab (which shows the same cell on top of the gap list).
  const cellDetail = cellView({
    label: 'Lag analysis tab →',
    onClick: () => dispatch({ type: 'setPanel', panel: 'lag' }),
  });

  const panel = (
    <LagPanel
      mission={state.mission}
      result={result}
      params={state.lag}
      perpetrator={state.perpetrator}
      onParams={(p) => dispatch({ type: 'setLag', params: p })}
      onPerpetrator={(p) => dispatch({ type: 'setPerpetrator', perpetrator: p })}
      onReset={() => {
        dispatch({ type: 'setLag', params: { ...DEFAULT_LAG } });
        dispatch({ type: 'setPerpetrator', perpetrator: 'all' });
      }}
      onFocusCell={focusCell}
      selectedGid={state.selection?.kind === 'cell' ? state.selection.gid : null}
      placeOf={sel.placeOf}
      onDownload={onDownload}
      gapView={gapView}
      onGapView={setGapView}
      cellView={cellView({
        label: '← Back to the gap list',
        onClick: () => {
          if (gid !== null) setReturnTo({ gid });
          dispatch({ type: 'select', selection: null, panel: 'lag' });
        },
      })}
      returnTo={returnTo}
    />
  );

  const legend = state.layers.flags ? (
    <LagLegend
      year={state.year}
      counts={counts}
      censored={censored}
      noData={result !== null && !result.summary.hasViolenceData}
    />
  ) : null;

  const panelOpen = state.panel;
  const onClick = useCallback(
    (info: PickingInfo): boolean => {
      if (info.layer?.id !== FLAG_LAYER_IDS.outline || !info.object) return false;
      const seg = info.object as FlagSegment;
      // From the Lag tab a flag opens the cell's lag view there; otherwise the details.
      dispatch({
        type: 'select',
        selection: { kind: 'cell', gid: seg.episode.gid },
        panel: panelOpen === 'lag' ? 'lag' : 'details',
      });
      return true;
    },
    [dispatch, panelOpen],
  );
  const hoverText = useCallback((info: PickingInfo): string | null => {
    if (info.layer?.id !== FLAG_LAYER_IDS.outline || !info.object) return null;
    return flagHoverText((info.object as FlagSegment).episode);
  }, []);

  return {
    layers,
    episodes: showFlags ? (result?.episodes ?? null) : null,
    flagCount: flagged.length,
    episodeCount: result?.episodes.length ?? 0,
    renderKey,
    legend,
    panel,
    cellDetail,
    onClick,
    hoverText,
  };
}
