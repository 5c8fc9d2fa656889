/**
 * The year's summary under the timeline: civilians killed (or "not loaded"), bases and troops of
 * the mission.
 */
import type { YearSummary } from '../../data/selectors';
import { fmt, plural } from '../format';

/** The year's summary line: civilians killed (or "not loaded"), bases and troops. */
export function YearSummaryLine(props: {
  summary: YearSummary;
  mission: string;
  year: number;
  /** Monthly mode: the line still counts the whole year, and says so. */
  monthly?: boolean;
}) {
  const s = props.summary;
  const period = props.monthly ? `in ${props.year} (whole year)` : `in ${props.year}`;
  return (
    <p className="year-summary" data-testid="year-summary">
      {s.fatalities === null ? (
        <span className="nodata-text">Violence data not loaded for {props.year}</span>
      ) : (
        <>
          <strong>{fmt(s.fatalities)}</strong> civilians killed in {plural(s.cells, 'cell')}{' '}
          {period}
        </>
      )}
      <br />
      <strong>{plural(s.bases, 'base')}</strong> of {props.mission} {period}, {fmt(s.troops)} troops
      {s.unknownTroops > 0 ? ` (+${plural(s.unknownTroops, 'base')} with unknown troops)` : ''}
    </p>
  );
}
