/**
 * The World view's year summary under the timeline: civilians killed in the shown missions' host
 * countries where violence data is loaded ("not loaded" otherwise, never 0), then the missions,
 * bases, troops and the sites with UN police and observers.
 */
import type { WorldYearSummary } from '../../data/deploymentSelectors';
import { fmt, fmtList, plural } from '../format';

/** Up to this many country names are listed; more are counted (the full list in the tooltip). */
const LISTED = 3;

function countries(names: readonly string[]): string {
  return names.length <= LISTED ? fmtList(names) : plural(names.length, 'country', 'countries');
}

/**
 * The World view's summary line for a year.
 * @param props.summary the selector's figures (`DeploymentSelectors.worldSummary`).
 */
export function WorldSummaryLine(props: { summary: WorldYearSummary }) {
  const s = props.summary;
  const hosts = s.covered.length + s.missing.length;
  return (
    <p className="year-summary" data-testid="year-summary" data-view="world">
      {s.fatalities === null ? (
        <span className="nodata-text" title={s.missing.join(', ')}>
          Violence data not loaded for {s.year} in the host {hosts === 1 ? 'country' : 'countries'}{' '}
          of these missions
        </span>
      ) : (
        <>
          <strong data-testid="world-summary-killed">{fmt(s.fatalities)}</strong> civilians killed
          in {plural(s.cells, 'cell')} in {s.year}, in{' '}
          {plural(s.covered.length, 'host country', 'host countries')} with data
          {s.missing.length > 0 ? (
            <span className="nodata-text" title={s.missing.join(', ')}>
              {' '}
              (not loaded for {countries(s.missing)})
            </span>
          ) : null}
        </>
      )}
      <br />
      <strong data-testid="world-summary-missions">{plural(s.missions, 'mission')}</strong>,{' '}
      {plural(s.bases, 'base')} in {s.year}:{' '}
      <strong data-testid="world-summary-troops">{fmt(s.troops)}</strong> troops
      {s.unknownTroops > 0 ? ` (+${plural(s.unknownTroops, 'base')} with unknown troops)` : ''}, UN
      police at {plural(s.unpolSites, 'site')}, observers at {plural(s.unmoSites, 'site')}
    </p>
  );
}
