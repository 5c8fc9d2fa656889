/**
 * Legend entries of the lag-flags layer: the three flagged categories with their outline swatch
 * and pattern, for the map legend.
 */
import { FLAGGED_CATEGORIES, LAG_CATEGORY_LABELS } from '../../domain/lagTypes';
import { CATEGORY_STYLES } from '../../map/flagLayers';
import { CategorySwatch } from './CategoryChip';
import './lag.css';

export interface LagLegendProps {
  year: number;
  /** Flagged cells drawn this year, by category (for the counts); omit to hide the counts. */
  counts?: Partial<Record<string, number>>;
  /** Set when the mission has no violence data: the flags cannot be computed. */
  noData?: boolean;
}

/** The flags block of the legend. */
export function LagLegend(props: LagLegendProps) {
  return (
    <div className="legend-block lag-legend" data-testid="lag-legend">
      <h2>
        Lag flags, {props.year}
        <span className="legend-sub">outlined: episode began or still open</span>
      </h2>
      {props.noData ? (
        <p className="legend-note">Not computed: violence data not loaded.</p>
      ) : (
        <ul className="legend-symbols">
          {FLAGGED_CATEGORIES.map((c) => (
            <li key={c} data-category={c}>
              <CategorySwatch category={c} />
              <span title={CATEGORY_STYLES[c].pattern}>
                {LAG_CATEGORY_LABELS[c]}
                <span className="visually-hidden"> ({CATEGORY_STYLES[c].pattern})</span>
                {props.counts ? <span className="muted"> · {props.counts[c] ?? 0}</span> : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
