/**
 * The side panel's "Changes" tab: the changes of the year shown (list) and the mission's base
 * lifetimes (chart), both linked to the map (select + fly) and to the current year.
 */
import type { TimelineSelectors } from '../../data/timelineSelectors';
import { BaseLifetimes } from './BaseLifetimes';
import { ChangesList } from './ChangesList';

export interface ChangesPanelProps {
  tsel: TimelineSelectors;
  mission: string;
  year: number;
  /** The mission's years. */
  years: readonly number[];
  selectedId: string | null;
  onSelect: (baseId: string) => void;
  onFlyTo: (lon: number, lat: number) => void;
  onYear: (year: number) => void;
}

/** Changes list + base lifetimes. */
export function ChangesPanel(props: ChangesPanelProps) {
  const { tsel, mission, year, years } = props;
  const first = years.length ? Math.min(...years) : year;
  const last = years.length ? Math.max(...years) : year;
  return (
    <div className="tl-panel" data-testid="changes-panel">
      <ChangesList
        mission={mission}
        year={year}
        years={years}
        changes={tsel.changes(mission, year)}
        onFlyTo={props.onFlyTo}
        onSelect={props.onSelect}
        selectedId={props.selectedId}
      />
      <BaseLifetimes
        mission={mission}
        lifetimes={tsel.lifetimes(mission)}
        firstYear={first}
        lastYear={last}
        year={year}
        selectedId={props.selectedId}
        onSelect={props.onSelect}
        onFlyTo={props.onFlyTo}
        onYear={props.onYear}
      />
    </div>
  );
}
