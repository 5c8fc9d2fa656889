/**
 * The "Lag analysis" tab of the side panel: the selected cell's lag view (on top, when a cell is
 * selected: picking an episode keeps the researcher here), parameters (live), mission summary,
 * gap list with CSV download, and the responsiveness chart. Where the mission has no violence data at all it says
 * so and shows no figures or charts (never zero violence).
 */
import type { ReactNode } from 'react';
import { ADD_VIOLENCE_DATA_HINT, type PerpetratorFilter } from '../../domain/dataset';
import type { Episode, LagResult } from '../../domain/lagTypes';
import {
  hasResponsivenessData,
  missingViolenceCountries,
  violenceNotLoadedMessage,
  type PlaceMatch,
} from '../../domain/lagView';
import type { LagParams } from '../../state/state';
import { GapList, type GapListProps, type GapListView } from './GapList';
import { LagParamsForm } from './LagParamsForm';
import { LagScopeSwitch } from './PooledPanel';
import { ResponsivenessChart } from './ResponsivenessChart';
import { SummaryCard } from './SummaryCard';
import './lag.css';

export interface LagPanelProps {
  mission: string;
  /** The analysis under the current parameters; null for a mission not in the data. */
  result: LagResult | null;
  params: LagParams;
  perpetrator: PerpetratorFilter;
  onParams: (p: Partial<LagParams>) => void;
  onPerpetrator: (p: PerpetratorFilter) => void;
  onReset: () => void;
  /** Fly the map to a cell and select it. */
  onFocusCell: (gid: number, episode?: Episode) => void;
  selectedGid: number | null;
  placeOf: (gid: number) => PlaceMatch | null;
  /** A cell's first-level administrative area (GED adm_1), appended to its place name. */
  regionOf?: (gid: number) => string | null;
  /** Distance from a cell to the mission's nearest base with troops in a year (gap list). */
  distanceOf?: GapListProps['distanceOf'];
  /** Saves the episode CSV of the current result. */
  onDownload: () => void;
  /** The gap list's filter and length, kept by the owner (optional). */
  gapView?: GapListView;
  onGapView?: (v: GapListView) => void;
  /** The selected cell's lag view, shown above the overview (null: none selected). */
  cellView?: ReactNode;
  /** A gap-list row to give the focus back to (after leaving a cell's view). */
  returnTo?: { gid: number } | null;
  /** Switch to the pooled "All missions" view (shows the scope switch when given). */
  onScope?: (pooled: boolean) => void;
  /** The Grid switch and comparison (src/ui/grid), shown above the parameters. */
  gridView?: ReactNode;
  /** The Yearly | Monthly switch, shown under the scope switch. */
  resolutionView?: ReactNode;
  /** The monthly series chart (research brief, figure 4), shown under the mission summary. */
  seriesView?: ReactNode;
}

/** What the panel says about missing violence data, or null when every country-year has it. */
export function missingDataNote(result: LagResult): { full: boolean; text: string } | null {
  const missing = missingViolenceCountries(result.summary.missingViolenceData);
  if (missing.length === 0) return null;
  if (!result.summary.hasViolenceData)
    return { full: true, text: violenceNotLoadedMessage(missing.map((m) => m.country)) };
  return {
    full: false,
    text: `Violence data not loaded for ${missing
      .map((m) => `${m.country} ${m.years}`)
      .join(', ')}: left out of every figure below, not counted as zero. ${ADD_VIOLENCE_DATA_HINT}`,
  };
}

/** The lag-analysis tab. */
export function LagPanel(props: LagPanelProps) {
  const r = props.result;
  if (r === null)
    return (
      <div className="lag-panel" data-testid="lag-panel">
        <p className="nodata-text">No mission “{props.mission}” in the data.</p>
      </div>
    );
  const note = missingDataNote(r);
  return (
    <div className="lag-panel" data-testid="lag-panel" data-mission={props.mission}>
      {props.cellView}
      <h2>Did presence follow violence?</h2>
      {props.onScope ? (
        <LagScopeSwitch mission={props.mission} pooled={false} onChange={props.onScope} />
      ) : null}
      {props.resolutionView}
      <p className="muted lag-intro">
        Episodes of violence against civilians in {props.mission}’s area and whether the mission
        strengthened its presence there, how fast, or never.
      </p>
      {note ? (
        <p
          className={note.full ? 'lag-nodata' : 'nodata-text'}
          data-testid="lag-nodata"
          role={note.full ? 'status' : undefined}
        >
          {note.text}
        </p>
      ) : null}
      {note?.full ? null : (
        <>
          {props.gridView}
          <LagParamsForm
            params={props.params}
            perpetrator={props.perpetrator}
            onParams={props.onParams}
            onPerpetrator={props.onPerpetrator}
            onReset={props.onReset}
          />
          <SummaryCard
            summary={r.summary}
            perpetrator={props.perpetrator}
            placeOf={props.placeOf}
            {...(props.regionOf ? { regionOf: props.regionOf } : {})}
            {...(props.distanceOf ? { distanceOf: props.distanceOf } : {})}
            onFocusCell={(gid) => props.onFocusCell(gid)}
          />
          {props.seriesView}
          <GapList
            mission={props.mission}
            episodes={r.episodes}
            placeOf={props.placeOf}
            {...(props.regionOf ? { regionOf: props.regionOf } : {})}
            {...(props.distanceOf ? { distanceOf: props.distanceOf } : {})}
            onFocusCell={props.onFocusCell}
            selectedGid={props.selectedGid}
            onDownload={props.onDownload}
            view={props.gapView}
            onView={props.onGapView}
            returnTo={props.returnTo}
          />
          {hasResponsivenessData(r.responsiveness) ? (
            <ResponsivenessChart
              responsiveness={r.responsiveness}
              reach={props.params.reach}
              delta={props.params.delta}
            />
          ) : null}
        </>
      )}
    </div>
  );
}
