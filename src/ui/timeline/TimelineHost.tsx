/**
 * The timeline bar bound to the store: the clock's step (not its tween: the bar re-renders once
 * per step, not per frame), the controls as store actions, the keyboard (Space, ←/→, Home/End),
 * the mission chart and the year's summary.
 */
import { memo, useCallback, useEffect, useMemo } from 'react';
import { monthLabel, monthOf } from '../../domain/timeline';
import { PERPETRATOR_LABELS } from '../../domain/perpetrator';
import type { Playback, PlaybackAction } from '../../state/playback';
import { clockOf, stepsOf, type Granularity, type StepFrame } from '../../state/timeline';
import { useData } from '../dataContext';
import { fmt, plural } from '../format';
import { yearStep } from '../features/actions';
import { useAtlas, useDispatch } from '../store';
import { describeTarget, keyAction } from './model';
import { Timeline } from './Timeline';
import { WorldSummaryLine } from './WorldSummaryLine';
import { YearSummaryLine } from './YearSummaryLine';

/** The timeline bar. */
export const TimelineHost = memo(function TimelineHost() {
  const { data } = useData();
  const { sel, tsel } = data;
  const dispatch = useDispatch();
  const mission = useAtlas((s) => s.mission);
  const world = useAtlas((s) => s.world);
  const year = useAtlas((s) => s.year);
  const month = useAtlas((s) => s.month);
  const perpetrator = useAtlas((s) => s.perpetrator);
  const playing = useAtlas((s) => s.playback.playing);
  const secondsPerYear = useAtlas((s) => s.playback.secondsPerYear);
  const loop = useAtlas((s) => s.playback.loop);
  const reducedMotion = useAtlas((s) => s.playback.reducedMotion);
  const first = useAtlas((s) => s.playback.first);
  const last = useAtlas((s) => s.playback.last);
  const index = useAtlas((s) =>
    Math.min(s.playback.last, Math.max(s.playback.first, Math.floor(s.playback.position))),
  );
  const granularity: Granularity = month !== null ? 'month' : 'year';
  // The World view's clock runs over every mission's years (src/state/timeline.ts, clockOf).
  const clock = useAtlas((s) => clockOf(s));
  const steps = stepsOf(sel.missions, clock, granularity);

  const playback = useMemo<Playback>(
    () => ({ playing, position: index, first, last, secondsPerYear, loop, reducedMotion }),
    [playing, index, first, last, secondsPerYear, loop, reducedMotion],
  );
  const step = steps[index] ?? (granularity === 'year' ? year : year * 12);
  const frame = useMemo<StepFrame>(
    () => ({ index, step, next: steps[index + 1] ?? step, t: 0 }),
    [index, step, steps],
  );
  const control = useCallback(
    (a: PlaybackAction) => dispatch({ type: 'playback', action: a }),
    [dispatch],
  );

  // Space play / pause, ← / → step, Home / End — never while typing or on controls that use them.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented) return;
      const action = keyAction(e, describeTarget(e.target));
      if (!action) return;
      e.preventDefault();
      dispatch({ type: 'playback', action });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch]);

  const monthSteps = tsel.monthSteps(mission);
  // The cell-months load after the first frame: monthly steps wait for them.
  const monthsPending = data.monthly.pending;
  const covered = sel.missionCoverage(mission, year).covered;
  let stepNote: string | undefined;
  if (granularity === 'month') {
    const mapMonth = tsel.basesOfMonth(mission, step).mapMonth;
    const cells = tsel.cellsOfMonth(step, perpetrator, covered);
    const killed = cells.reduce((sum, c) => sum + c.value, 0);
    const violence =
      covered.length === 0
        ? 'Violence data not loaded'
        : monthsPending !== null
          ? monthsPending
          : `${fmt(killed)} civilians killed in ${plural(cells.length, 'cell')} in ${monthLabel(step)}`;
    const bases =
      mapMonth === null
        ? 'bases: yearly positions (no Geo-PKO map in the past year)'
        : `bases: Geo-PKO map of ${monthLabel(mapMonth)}`;
    stepNote = `${violence}; ${bases}`;
  }

  // The World view's footer: its own figures (the selected missions), never the kept mission's.
  const worldMissions = world ? world.missions : null;
  const label = useCallback(
    (v: number) => (granularity === 'year' ? String(v) : monthLabel(v)),
    [granularity],
  );
  return (
    <Timeline
      mission={worldMissions ? worldLabel(worldMissions) : mission}
      steps={steps}
      granularity={granularity}
      playback={playback}
      frame={frame}
      dispatch={control}
      onSeekValue={(v) => dispatch({ type: 'setStep', value: v })}
      label={label}
      year={granularity === 'year' ? step : monthOf(step).year}
      onYear={(y) => dispatch({ type: 'setStep', value: yearStep(y, month) })}
      totals={
        worldMissions
          ? data.dep.worldTotals(worldMissions, perpetrator)
          : tsel.totals(mission, perpetrator)
      }
      osvLabel={`Civilians killed (${PERPETRATOR_LABELS[perpetrator].toLowerCase()})`}
      monthly={{
        available: !worldMissions && monthSteps.available && monthsPending === null,
        note: worldMissions
          ? 'The World view steps by year'
          : !monthSteps.available
            ? `No monthly data for ${mission}`
            : monthsPending !== null
              ? monthsPending
              : `Monthly steps: GED event months; Geo-PKO maps in ${monthSteps.mapMonths.length} months`,
      }}
      onGranularity={(g) => dispatch({ type: 'setGranularity', granularity: g })}
      stepNote={stepNote}
      summary={
        worldMissions ? (
          <WorldSummaryLine summary={data.dep.worldSummary(year, worldMissions, perpetrator)} />
        ) : (
          <YearSummaryLine
            summary={sel.yearSummary(mission, year, perpetrator)}
            mission={mission}
            year={year}
            monthly={granularity === 'month'}
          />
        )
      }
    />
  );
});

/** The World view's chart title: every mission, or the chosen ones. */
function worldLabel(missions: readonly string[]): string {
  if (missions.length === 0) return 'all missions';
  return missions.length <= 3 ? missions.join(', ') : `${missions.length} missions`;
}
