/**
 * Everything the atlas needs from the timeline, in one hook: the playback over the mission's
 * years (or months), kept in step with the app state; the map layers that replace the viewer's
 * violence / bases layers while a transition runs (or in monthly mode); the change markers of the
 * year shown; and the props of the timeline bar and of the "Changes" panel.
 */
import type { Layer } from '@deck.gl/core';
import { useCallback, useMemo } from 'react';
import type { Selectors } from '../../data/selectors';
import type { TimelineSelectors } from '../../data/timelineSelectors';
import { monthIndex, monthLabel, monthOf } from '../../domain/timeline';
import { changeLayers, tweenedBasesLayers, tweenedViolenceLayer } from '../../map/changeLayers';
import type { Action } from '../../state/reduce';
import type { AppState } from '../../state/state';
import { fmt, plural } from '../format';
import type { ChangesPanelProps } from './ChangesPanel';
import type { Granularity } from './model';
import type { TimelineProps } from './Timeline';
import { useTimeline, type TimelineControl } from './useTimeline';
import { PERPETRATOR_LABELS } from '../../domain/perpetrator';

export interface AtlasTimelineInput {
  sel: Selectors;
  tsel: TimelineSelectors;
  state: Pick<
    AppState,
    'mission' | 'year' | 'month' | 'perpetrator' | 'layers' | 'selection' | 'camera'
  >;
  dispatch: (a: Action) => void;
  /** Host countries of the mission with violence data in the year shown. */
  covered: readonly string[];
  /** Other missions near the selected one (legend order, for base colours). */
  missionIds: readonly string[];
}

export interface AtlasTimeline {
  control: TimelineControl;
  granularity: Granularity;
  steps: readonly number[];
  /**
   * Replacements for the viewer's layers: undefined = draw the viewer's own; a layer (or null
   * when the layer is switched off) while tweening or in monthly mode.
   */
  violence: Layer | null | undefined;
  bases: (Layer | null)[] | undefined;
  /** Change markers: ghosts go under the bases, rings and arrows over them. */
  markersBelow: (Layer | null)[];
  markersAbove: (Layer | null)[];
  /** Suffix of the render key that says what the frame shows (month, tween). */
  renderKeySuffix: string;
  bar: Omit<TimelineProps, 'summary'>;
  changes: ChangesPanelProps;
  /** For test hooks: the frame drawn. */
  hook: { step: number; next: number; t: number; playing: boolean; granularity: Granularity };
}

/** Zoom the map flies to for a base (at least this, or the current zoom when closer). */
export const FLY_ZOOM = 7;

/** The atlas's timeline; see the module comment. */
export function useAtlasTimeline(input: AtlasTimelineInput): AtlasTimeline {
  const { sel, tsel, state, dispatch } = input;
  const mission = sel.mission(state.mission);
  const years = useMemo(() => mission?.years ?? [state.year], [mission, state.year]);
  const granularity: Granularity = state.month !== null ? 'month' : 'year';
  const monthSteps = tsel.monthSteps(state.mission);
  const steps = useMemo(
    () =>
      granularity === 'year'
        ? years
        : years.flatMap((y) => Array.from({ length: 12 }, (_, i) => monthIndex(y, i + 1))),
    [granularity, years],
  );
  const value = granularity === 'year' ? state.year : monthIndex(state.year, state.month ?? 1);
  const onValue = useCallback(
    (v: number) => {
      if (granularity === 'year') dispatch({ type: 'setYear', year: v });
      else {
        const { year, month } = monthOf(v);
        dispatch({ type: 'setYear', year });
        dispatch({ type: 'setMonth', month });
      }
    },
    [dispatch, granularity],
  );
  const control = useTimeline({ steps, value, onValue });
  const { frame, playback } = control;
  const t = frame.t;

  const baseOpts = useMemo(
    () => ({
      mission: state.mission,
      missionIds: input.missionIds,
      selectedId: state.selection?.kind === 'base' ? state.selection.id : null,
    }),
    [state.mission, input.missionIds, state.selection],
  );

  const { covered } = input;
  const perpetrator = state.perpetrator;
  const showViolence = state.layers.violence;
  const showBases = state.layers.bases;
  const override = useMemo(() => {
    if (granularity === 'year' && t === 0) return { violence: undefined, bases: undefined };
    const cells =
      granularity === 'year'
        ? tsel.cellTweens(frame.step, frame.next, perpetrator, covered)
        : tsel.cellMonthTweens(frame.step, frame.next, perpetrator, covered);
    const bases =
      granularity === 'year'
        ? tsel.baseTweens(frame.step, frame.next)
        : tsel.monthBaseTweens(state.mission, frame.step, frame.next);
    return {
      violence: showViolence ? tweenedViolenceLayer(cells, t) : null,
      bases: showBases ? tweenedBasesLayers(bases, t, baseOpts) : [],
    };
  }, [
    granularity,
    t,
    tsel,
    frame.step,
    frame.next,
    perpetrator,
    covered,
    showViolence,
    showBases,
    state.mission,
    baseOpts,
  ]);

  // Markers of the year shown (yearly mode), fading out in the second half of a transition.
  const markerYear = granularity === 'year' ? frame.step : null;
  const markerOpacity = t <= 0.5 ? 1 : Math.max(0, 1 - (t - 0.5) * 2);
  const markers = useMemo(() => {
    if (markerYear === null || !showBases) return { below: [], above: [] };
    const [ghosts, rings, arrows] = changeLayers(tsel.changes(state.mission, markerYear), {
      opacity: markerOpacity,
    });
    return { below: [ghosts ?? null], above: [rings ?? null, arrows ?? null] };
  }, [markerYear, showBases, tsel, state.mission, markerOpacity]);

  const label = useCallback(
    (v: number) => (granularity === 'year' ? String(v) : monthLabel(v)),
    [granularity],
  );
  const onYear = useCallback(
    (y: number) =>
      granularity === 'year'
        ? control.seekValue(y)
        : control.seekValue(monthIndex(y, state.month ?? 1)),
    [control, granularity, state.month],
  );
  const onGranularity = useCallback(
    (g: Granularity) => dispatch({ type: 'setMonth', month: g === 'month' ? 1 : null }),
    [dispatch],
  );
  const camera = state.camera;
  const onFlyTo = useCallback(
    (lon: number, lat: number) =>
      dispatch({
        type: 'focus',
        camera: { lon, lat, zoom: Math.max(FLY_ZOOM, camera?.zoom ?? 0) },
      }),
    [dispatch, camera],
  );
  // Selecting from the Changes tab keeps that tab open (select alone switches to Details).
  const onSelect = useCallback(
    (id: string) => {
      dispatch({ type: 'select', selection: { kind: 'base', id } });
      dispatch({ type: 'setPanel', panel: 'changes' });
    },
    [dispatch],
  );

  let stepNote: string | undefined;
  if (granularity === 'month') {
    const mapMonth = tsel.basesOfMonth(state.mission, frame.step).mapMonth;
    const cells = tsel.cellsOfMonth(frame.step, perpetrator, covered);
    const killed = cells.reduce((sum, c) => sum + c.value, 0);
    const violence =
      covered.length === 0
        ? 'Violence data not loaded'
        : `${fmt(killed)} civilians killed in ${plural(cells.length, 'cell')} in ${monthLabel(frame.step)}`;
    const bases =
      mapMonth === null
        ? 'bases: yearly positions (no Geo-PKO map in the past year)'
        : `bases: Geo-PKO map of ${monthLabel(mapMonth)}`;
    stepNote = `${violence}; ${bases}`;
  }

  return {
    control,
    granularity,
    steps,
    violence: override.violence,
    bases: override.bases,
    markersBelow: markers.below,
    markersAbove: markers.above,
    renderKeySuffix: `${granularity === 'month' ? `:m${monthOf(frame.step).month}` : ''}${t > 0 ? ':tween' : ''}`,
    bar: {
      mission: state.mission,
      steps,
      granularity,
      playback,
      frame,
      dispatch: control.dispatch,
      onSeekValue: control.seekValue,
      label,
      year: granularity === 'year' ? frame.step : monthOf(frame.step).year,
      onYear,
      totals: tsel.totals(state.mission, perpetrator),
      osvLabel: `Civilians killed (${PERPETRATOR_LABELS[perpetrator].toLowerCase()})`,
      monthly: {
        available: monthSteps.available,
        note: monthSteps.available
          ? `Monthly steps: GED event months; Geo-PKO maps in ${monthSteps.mapMonths.length} months`
          : `No monthly data for ${state.mission}`,
      },
      onGranularity,
      stepNote,
    },
    changes: {
      tsel,
      mission: state.mission,
      year: state.year,
      years,
      selectedId: state.selection?.kind === 'base' ? state.selection.id : null,
      onSelect,
      onFlyTo,
      onYear,
    },
    hook: {
      step: frame.step,
      next: frame.next,
      t,
      playing: playback.playing,
      granularity,
    },
  };
}
