/**
 * The category marks of the lag analysis: a swatch that repeats the map's outline (colour and
 * dash pattern), a chip (swatch + label) and the same-year caveat.
 */
import { LAG_CATEGORY_LABELS, isFlagged, type LagCategory } from '../../domain/lagTypes';
import { CATEGORY_STYLES } from '../../map/flagLayers';

/** The caveat shown wherever RESPONDED_SAME_YEAR appears. */
export const SAME_YEAR_CAVEAT =
  'Yearly data cannot order events within a year: a base opened in January counts as a response to killings in December.';

/**
 * A 16 px swatch: for flagged categories the map's outline (colour and dash pattern); for the
 * others, which are not drawn on the map, a filled square.
 */
export function CategorySwatch(props: { category: LagCategory; size?: number }) {
  const s = CATEGORY_STYLES[props.category];
  const size = props.size ?? 16;
  const inset = 2.5;
  const side = size - 2 * inset;
  const square = { x: inset, y: inset, width: side, height: side };
  const d = s.dashes > 0 ? side / (s.dashes + (s.dashes - 1) * s.gap) : 0;
  // The viewBox lets CSS size the swatch (the presenter scales it with its text).
  return (
    <svg
      width={size}
      height={size}
      viewBox={`0 0 ${size} ${size}`}
      aria-hidden
      className="lag-swatch"
    >
      {isFlagged(props.category) ? (
        <>
          <rect {...square} fill="none" stroke="#fff" strokeWidth={s.widthPx * 1.2 + 2} />
          <rect
            {...square}
            fill="none"
            stroke={s.color}
            strokeWidth={s.widthPx * 1.2}
            strokeDasharray={d > 0 ? `${d} ${d * s.gap}` : undefined}
          />
        </>
      ) : (
        <rect {...square} rx={2} fill={s.color} />
      )}
    </svg>
  );
}

/** Swatch + category label (the text carries the meaning; the colour only repeats it). */
export function CategoryChip(props: { category: LagCategory; short?: boolean }) {
  return (
    <span className="lag-chip" data-category={props.category}>
      <CategorySwatch category={props.category} />
      <span>{LAG_CATEGORY_LABELS[props.category]}</span>
    </span>
  );
}

/** The same-year caveat as a small note. */
export function SameYearCaveat() {
  return (
    <p className="lag-caveat" data-testid="same-year-caveat">
      <strong>Same year:</strong> {SAME_YEAR_CAVEAT}
    </p>
  );
}
