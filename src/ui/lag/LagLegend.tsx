/**
 * Legend entries of the lag-flags layer: the three flagged categories with their outline swatch
 * and pattern, for the map legend, and the "‹" key of episodes that may have begun before the
 * first analysed year (when such an episode is drawn).
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
  /**
   * Flagged episodes drawn this year whose onset is the first analysed year (they may have begun
   * earlier), and those onset years; omit or count 0 to leave the key out.
   */
  censored?: { count: number; years: readonly number[] };
}

/** The "may have begun earlier" chevron as drawn inside a flag outline. */
export function CensoredSwatch() {
  return (
    <svg width={16} height={16} aria-hidden className="lag-swatch">
      <path d="M10 3.5 L5 8 L10 12.5" fill="none" stroke="#fff" strokeWidth={5} />
      <path d="M10 3.5 L5 8 L10 12.5" fill="none" stroke="#333" strokeWidth={2.5} />
    </svg>
  );
}

/** "may have begun before 2014", or "… before 2014 / 2016" for several countries' first years. */
export function censoredText(years: readonly number[]): string {
  return `may have begun before ${[...new Set(years)].sort((a, b) => a - b).join(' / ')}`;
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
          {props.censored && props.censored.count > 0 ? (
            <li data-testid="lag-legend-censored">
              <CensoredSwatch />
              <span>
                ‹ inside: {censoredText(props.censored.years)} (the first year analysed)
                {props.counts ? <span className="muted"> · {props.censored.count}</span> : null}
              </span>
            </li>
          ) : null}
        </ul>
      )}
    </div>
  );
}
