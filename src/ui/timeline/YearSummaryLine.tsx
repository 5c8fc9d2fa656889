/**
 * The year's summary under the timeline: civilians killed (or "not loaded"), bases and troops of
 * the mission.
 */
import type { YearSummary } from '../../data/selectors';
import { fmt, plural } from '../format';

/** The year's summary line: civilians killed (or "not loaded"), bases and troops. */
export function YearSummaryLine(props: { summary: YearSummary; mission: string }) {
  const s = props.summary;
  return (
    <p className="year-summary" data-testid="year-summary">
      {s.fatalities === null ? (
        <span className="nodata-text">Violence data not loaded</span>
      ) : (
        <>
          <strong>{fmt(s.fatalities)}</strong> civilians killed in {plural(s.cells, 'cell')}
        </>
      )}
      <br />
      <strong>{plural(s.bases, 'base')}</strong> of {props.mission}, {fmt(s.troops)} troops
      {s.unknownTroops > 0 ? ` (+${plural(s.unknownTroops, 'base')} with unknown troops)` : ''}
    </p>
  );
}
