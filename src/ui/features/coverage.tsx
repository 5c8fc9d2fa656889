/**
 * Coverage feature (issue "Coverage planner"): while the Coverage tab is open, translucent discs
 * of X km around the mission's bases with troops and the year's one-sided-violence events on the
 * map (uncovered killings highlighted), with their legend and picking; the "Coverage" tab (X,
 * perpetrators, the yearly coverage curve, the uncovered killings ranked by deaths); and, under a
 * selected cell's details, the distance from the cell to the nearest base with troops and the
 * cell's events with theirs. The events table (`osv_events.json`) is fetched on first use; the
 * figures come from `atlasData(...).coverage(events)` (src/data/coverageSelectors.ts).
 */
import { memo, useCallback, useMemo } from 'react';
import type { CoverageSelectors, UncoveredRow } from '../../data/coverageSelectors';
import type { EventDistance } from '../../domain/coverage';
import type { ChosenSite } from '../../domain/coverageWhatIf';
import { DEFAULT_COVERAGE_PARAMS, type CoverageParams } from '../../domain/coverageParams';
import type { PerpetratorFilter } from '../../domain/dataset';
import { coverageCsvFileName, coverageToCsv } from '../../domain/coverageCsv';
import { gidOf } from '../../domain/grid';
import {
  COVERAGE_LAYER_IDS,
  coverageSection,
  eventLayers,
  reachLayer,
  siteLayers,
  type ReachDisc,
} from '../../map/coverageLayers';
import { CoveragePanel, fmtKm } from '../coverage/CoveragePanel';
import { coverageView } from '../coverage/exportMarks';
import { useOsvEvents } from '../coverage/useOsvEvents';
import { WhatIfSection } from '../coverage/WhatIfSection';
import { useData } from '../dataContext';
import { fmt } from '../format';
import { downloadText } from '../lag/download';
import { useAtlas, useDispatch } from '../store';
import { FLY_ZOOM } from './actions';
import { useVisible } from './compose';
import type { Feature, FeatureContext, FeatureMap } from './contract';

/**
 * The coverage parameters of the store: X, the app's perpetrator filter and its location
 * precision (the Lag tab's `prec`, default where_prec ≤ 5: one precision rule for the app).
 */
function useCoverageParams(): CoverageParams {
  const km = useAtlas((s) => s.coverage.km);
  const perpetrator = useAtlas((s) => s.perpetrator);
  const precision = useAtlas((s) => s.lag.precision ?? DEFAULT_COVERAGE_PARAMS.precision);
  return useMemo(() => ({ km, perpetrator, precision }), [km, perpetrator, precision]);
}

/** The coverage selectors once the events are loaded (fetched when `needed`). */
function useCoverage(needed: boolean) {
  const { data, dataUrl } = useData();
  const ev = useOsvEvents(dataUrl, needed);
  const cov: CoverageSelectors | null = ev.status === 'ready' ? data.coverage(ev.events) : null;
  return { ev, cov };
}

/** Hover text of an event point. */
export function eventHoverText(d: EventDistance, place: string, baseName: string | null): string {
  const e = d.event;
  const where = d.km === null ? 'no base with troops that year' : `${fmtKm(d.km)} from ${baseName}`;
  const who =
    e.perpetrator === 'nonstate'
      ? 'non-state'
      : e.foreign
        ? 'foreign government'
        : 'host government';
  return `${place}: ${fmt(e.best)} killed (${who} perpetrator), ${where}`;
}

const NO_DISCS: ReachDisc[] = [];
const NO_EVENTS: EventDistance[] = [];
const NO_SITES: ChosenSite[] = [];

function useCoverageMap(ctx: FeatureContext): FeatureMap {
  const { view, data } = ctx;
  const { mission, year, panel } = view.state;
  const active = panel === 'coverage';
  const params = useCoverageParams();
  const { cov } = useCoverage(active);
  const on = active && cov !== null;
  const k = view.state.coverage.k;
  const n = view.state.coverage.n;
  // One view for the layers and the Canvas exports; memoized so that its legend object (and so
  // this feature's map) stays the same between renders with the same inputs.
  const shown = useMemo(
    () => (cov && active ? coverageView(cov, mission, params, year, { k, n }) : null),
    [cov, active, mission, params, year, k, n],
  );
  const discs = shown?.discs ?? NO_DISCS;
  const uncoveredRows = shown?.uncoveredRows ?? null;
  const uncovered = useMemo(() => uncoveredRows?.map((r) => r.d) ?? NO_EVENTS, [uncoveredRows]);
  const covered = shown?.covered ?? NO_EVENTS;
  const sites = shown?.sites ?? NO_SITES;
  const legend = shown?.legend ?? null;
  const key = `${mission}:${year}:${params.km}:${params.perpetrator}`;
  const reach = useMemo(() => reachLayer(discs, params.km, key), [discs, params.km, key]);
  const points = useMemo(() => eventLayers(covered, uncovered, key), [covered, uncovered, key]);
  const siteKey = `${key}:${k}:${n}`;
  const siteMarks = useMemo(
    () => siteLayers(sites, params.km, siteKey),
    [sites, params.km, siteKey],
  );
  const below = useVisible([reach, siteMarks[0]], on);
  const above = useVisible([...points, siteMarks[1], siteMarks[2]], on);
  const byIndex = useMemo(
    () => new Map((uncoveredRows ?? []).map((r) => [r.d.index, r])),
    [uncoveredRows],
  );
  return useMemo<FeatureMap>(() => {
    const eventPick = {
      click: (o: unknown) => ({
        type: 'select' as const,
        selection: {
          kind: 'cell' as const,
          gid: gidOf((o as EventDistance).event.lat, (o as EventDistance).event.lon),
        },
        panel: 'coverage' as const,
      }),
      hover: (o: unknown) => {
        const d = o as EventDistance;
        const row = byIndex.get(d.index);
        const place = row?.place ?? cov?.placeOf(d.event.lon, d.event.lat) ?? '';
        const baseName = row?.baseName ?? (d.baseId ? data.lag.baseName(d.baseId) : null);
        return eventHoverText(d, place, baseName);
      },
    };
    return {
      layers: { aboveCells: below, top: above },
      legend: legend ? [coverageSection(legend)] : [],
      pick: {
        [COVERAGE_LAYER_IDS.reach]: {
          click: (o) => ({
            type: 'select',
            selection: { kind: 'base', id: (o as ReachDisc).baseId },
            panel: 'coverage',
          }),
          hover: (o) => {
            const b = o as ReachDisc;
            const near = cov?.nearBase(mission, params, year, b.baseId);
            const deaths =
              near === null || near === undefined
                ? 'violence data not loaded'
                : `${fmt(near.deaths.best)} killed within ${params.km}\u00a0km in ${year}`;
            return `${b.name}: ${fmt(b.troops)} troops; ${deaths}`;
          },
        },
        [COVERAGE_LAYER_IDS.uncovered]: eventPick,
        [COVERAGE_LAYER_IDS.covered]: eventPick,
        [COVERAGE_LAYER_IDS.sites]: {
          hover: (o) => {
            const s = o as ChosenSite;
            return `What-if site ${s.rank}: ${s.name} (${s.kind}) would have added ${fmt(s.addedDeaths)} killed within ${params.km}\u00a0km in ${year - n}–${year - 1}`;
          },
        },
      },
      renderKey: on ? `cov=${params.km},${params.perpetrator},${k},${n}` : undefined,
      counts: on
        ? ({
            coverageBases: discs.length,
            uncovered: legend?.uncovered ?? 0,
            sites: sites.length,
          } as Record<string, number>)
        : ({} as Record<string, number>),
    };
  }, [below, above, on, params, year, discs, legend, mission, cov, byIndex, data, sites, k, n]);
}

/** The selected cell's (or base's) coverage, shown in the Coverage tab and under a cell's details. */
function SelectionCoverage(props: { cov: CoverageSelectors; params: CoverageParams }) {
  const selection = useAtlas((s) => s.selection);
  const mission = useAtlas((s) => s.mission);
  const year = useAtlas((s) => s.year);
  const { data } = useData();
  if (selection?.kind === 'cell')
    return <CellCoverageView gid={selection.gid} cov={props.cov} params={props.params} />;
  if (selection?.kind === 'base') {
    const near = props.cov.nearBase(mission, props.params, year, selection.id);
    const name = data.lag.baseName(selection.id);
    return (
      <div className="coverage-cell" data-testid="coverage-base">
        <strong>{name}</strong>:{' '}
        {near === null
          ? `violence data not loaded for ${year}; deaths within ${props.params.km}\u00a0km not computed.`
          : `${fmt(near.deaths.best)} civilians killed in ${fmt(near.events)} events within ${props.params.km}\u00a0km of the base in ${year} (whatever other bases were nearer).`}
      </div>
    );
  }
  return null;
}

/**
 * A cell's distance to the nearest base with troops (from the deployments alone, shown at once),
 * and, once the events table is loaded, the cell's events with their distances.
 */
function CellCoverageView(props: {
  gid: number;
  cov: CoverageSelectors | null;
  params: CoverageParams;
  /** The events table failed to load: say so instead of "loading". */
  failed?: boolean;
}) {
  const mission = useAtlas((s) => s.mission);
  const year = useAtlas((s) => s.year);
  const { data } = useData();
  const { cov, params, gid } = props;
  const nearest = data.troopBase.cellDistance(mission, year, gid);
  const events = cov ? cov.cellEvents(mission, params, year, gid) : [];
  return (
    <div className="coverage-cell" data-testid="coverage-cell">
      <p data-testid="coverage-cell-nearest">
        <strong>
          Nearest {mission} base with troops in {year}:
        </strong>{' '}
        {nearest === null
          ? 'none (no base with a known troop figure above zero that year).'
          : `${nearest.name}, ${fmtKm(nearest.km)} from the cell centre${nearest.km <= params.km ? ` (within ${params.km}\u00a0km)` : ` (beyond ${params.km}\u00a0km)`}.`}
      </p>
      {cov === null ? (
        <p className="muted">
          {props.failed
            ? 'Events not loaded: their distances are not computed.'
            : 'Loading the events’ distances…'}
        </p>
      ) : events.length > 0 ? (
        <ul data-testid="coverage-cell-events">
          {events.map((d) => (
            <li key={d.index}>
              {fmt(d.event.best)} killed at {cov.placeOf(d.event.lon, d.event.lat)} —{' '}
              {d.km === null
                ? 'no base with troops'
                : `${fmtKm(d.km)} from ${d.baseId === null ? '' : data.lag.baseName(d.baseId)}${d.km <= params.km ? ' (within reach)' : ` (beyond ${params.km}\u00a0km)`}`}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Under a selected cell's details: its coverage view (loads the events on first use). */
const CellCoverageSection = memo(function CellCoverageSection(props: { gid: number }) {
  const params = useCoverageParams();
  const { ev, cov } = useCoverage(true);
  return (
    <section aria-label="Distance to the nearest base with troops">
      <h3>Coverage</h3>
      <CellCoverageView gid={props.gid} cov={cov} params={params} failed={ev.status === 'error'} />
    </section>
  );
});

/** Under a selected base's details: the deaths within X km of it that year. */
const BaseCoverageSection = memo(function BaseCoverageSection(props: { id: string }) {
  const params = useCoverageParams();
  const mission = useAtlas((s) => s.mission);
  const year = useAtlas((s) => s.year);
  const { ev, cov } = useCoverage(true);
  if (ev.status === 'error') return null;
  if (!cov) return <p className="muted">Loading the distances…</p>;
  const near = cov.nearBase(mission, params, year, props.id);
  return (
    <section aria-label="Killings within reach of the base" data-testid="base-coverage">
      <h3>Within {params.km}&nbsp;km</h3>
      <p>
        {near === null
          ? `Not computed: violence data not loaded for ${year}.`
          : `${fmt(near.deaths.best)} civilians killed in ${fmt(near.events)} events within ${params.km}\u00a0km of this base in ${year}${near.deaths.low !== near.deaths.best || near.deaths.high !== near.deaths.best ? ` (${fmt(near.deaths.low)}–${fmt(near.deaths.high)})` : ''}, whatever other bases were nearer.`}
      </p>
    </section>
  );
});

/** The "Coverage" tab. */
const CoverageTab = memo(function CoverageTab() {
  const dispatch = useDispatch();
  const mission = useAtlas((s) => s.mission);
  const year = useAtlas((s) => s.year);
  const zoom = useAtlas((s) => s.camera?.zoom ?? 0);
  const params = useCoverageParams();
  const { ev, cov } = useCoverage(true);
  const years = cov ? cov.years(mission, params) : [];
  const current = cov ? cov.year(mission, params, year) : null;
  const uncovered = cov ? cov.uncovered(mission, params, year) : [];
  const { k, n } = useAtlas((s) => s.coverage);
  const whatIf = cov ? cov.whatIf(mission, params, year, k, n) : null;
  const backtest = cov ? cov.backtest(mission, params, k, n) : [];
  const onFocusSite = useCallback(
    (s: ChosenSite) =>
      dispatch({
        type: 'focus',
        camera: { lon: s.lon, lat: s.lat, zoom: Math.max(FLY_ZOOM, zoom) },
      }),
    [dispatch, zoom],
  );
  const onFocusEvent = useCallback(
    (r: UncoveredRow) =>
      dispatch({
        type: 'focus',
        camera: { lon: r.d.event.lon, lat: r.d.event.lat, zoom: Math.max(FLY_ZOOM, zoom) },
        selection: { kind: 'cell', gid: gidOf(r.d.event.lat, r.d.event.lon) },
        panel: 'coverage',
      }),
    [dispatch, zoom],
  );
  return (
    <CoveragePanel
      mission={mission}
      year={year}
      km={params.km}
      precision={params.precision}
      perpetrator={params.perpetrator}
      status={ev.status}
      error={ev.status === 'error' ? ev.message : undefined}
      years={years}
      current={current}
      uncovered={uncovered}
      onKm={(km) => dispatch({ type: 'setCoverage', km })}
      onPerpetrator={(p: PerpetratorFilter) => dispatch({ type: 'setPerpetrator', perpetrator: p })}
      onYear={(y) => dispatch({ type: 'setYear', year: y })}
      onFocusEvent={onFocusEvent}
      onDownload={() =>
        downloadText(coverageCsvFileName(mission, params), coverageToCsv(mission, years))
      }
      selectionView={cov ? <SelectionCoverage cov={cov} params={params} /> : null}
      whatIf={
        <WhatIfSection
          year={year}
          km={params.km}
          k={k}
          n={n}
          whatIf={whatIf}
          backtest={backtest}
          onParams={(p) => dispatch({ type: 'setCoverage', ...p })}
          onFocusSite={onFocusSite}
        />
      }
    />
  );
});

/** The coverage feature. */
export const coverageFeature: Feature = {
  id: 'coverage',
  useMap: useCoverageMap,
  panels: [{ id: 'coverage', label: 'Coverage', Component: CoverageTab }],
  CellDetail: CellCoverageSection,
  BaseDetail: BaseCoverageSection,
};
