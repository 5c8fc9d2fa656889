/**
 * The legend, rendered from the one legend model (`src/map/legend.ts`): the live map's legend box
 * and the presenter's compact legend are this component; the Canvas export draws the same
 * sections (`src/export/overlay.ts`). Every entry carries `data-legend-entry` (tests compare the
 * renderers by it).
 */
import { useId, useState, type ReactNode } from 'react';
import { CATEGORY_STYLES } from '../map/flagLayers';
import type { LegendEntry, LegendSection, LegendSymbol } from '../map/legend';
import { BASE_FIXED_RADIUS, BASE_SIZE_KEY, baseRadius } from '../map/scales';
import { fmt } from './format';
import './deployments.css';
import { CategorySwatch } from './lag/CategoryChip';

const KEY_MAX = baseRadius(BASE_SIZE_KEY[BASE_SIZE_KEY.length - 1] ?? 3000);

/** The "may have begun earlier" chevron as drawn inside a flag outline. */
export function CensoredSwatch() {
  return (
    <svg width={16} height={16} viewBox="0 0 16 16" aria-hidden className="lag-swatch">
      <path d="M10 3.5 L5 8 L10 12.5" fill="none" stroke="#fff" strokeWidth={5} />
      <path d="M10 3.5 L5 8 L10 12.5" fill="none" stroke="#333" strokeWidth={2.5} />
    </svg>
  );
}

function SizeKey(props: { troops: readonly number[]; color: string; compact: boolean }) {
  const gap = props.compact ? 6 : 10;
  const width = KEY_MAX * 2 * props.troops.length + gap * props.troops.length + 4;
  const height = KEY_MAX * 2 + (props.compact ? 4 : 16);
  // The viewBox lets CSS size the key (the presenter scales it with its text) without clipping.
  return (
    <svg
      className="legend-sizes"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Circle sizes for ${props.troops.map(fmt).join(', ')} troops`}
    >
      {props.troops.map((t, i) => {
        const r = baseRadius(t);
        const x = 4 + i * (KEY_MAX * 2 + gap) + KEY_MAX;
        return (
          <g key={t}>
            <circle cx={x} cy={KEY_MAX * 2 - r + 1} r={r} fill={props.color} stroke="#fff" />
            {props.compact ? null : (
              <text x={x} y={KEY_MAX * 2 + 14} textAnchor="middle">
                {fmt(t)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

function Symbol_(props: { symbol: LegendSymbol; compact: boolean }): ReactNode {
  const s = props.symbol;
  switch (s.kind) {
    case 'swatch':
      return <span className="swatch" style={{ background: s.color }} aria-hidden />;
    case 'noData':
      return <span className="swatch nodata" style={{ background: s.color }} aria-hidden />;
    case 'sizes':
      return <SizeKey troops={s.troops} color={s.color} compact={props.compact} />;
    case 'base':
      return (
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden>
          <circle
            cx="8"
            cy="8"
            r={BASE_FIXED_RADIUS}
            fill={s.fill}
            stroke={s.stroke}
            strokeWidth={s.strokeWidth}
          />
        </svg>
      );
    case 'hq':
      return (
        <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden>
          <circle cx="9" cy="9" r="4" fill={s.color} />
          <circle cx="9" cy="9" r="7" fill="none" stroke="#0b2545" strokeWidth="2.5" />
        </svg>
      );
    case 'mission':
      return (
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden>
          <circle cx="7" cy="7" r="5" fill={s.color} stroke="#fff" />
        </svg>
      );
    case 'change':
      if (s.change === 'NEW' || s.change === 'CLOSED')
        return (
          <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden>
            <circle
              cx="9"
              cy="9"
              r="6.5"
              fill="none"
              stroke={s.color}
              strokeWidth={s.change === 'NEW' ? 2.5 : 1.5}
              strokeDasharray={s.change === 'CLOSED' ? '2 2' : undefined}
            />
          </svg>
        );
      return (
        <span className="legend-glyph" style={{ color: s.color }} aria-hidden>
          {s.glyph}
        </span>
      );
    case 'flag':
      return <CategorySwatch category={s.category} />;
    case 'censored':
      return <CensoredSwatch />;
    case 'hotspot':
      return (
        <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden>
          <polygon
            points="9,1 11,7 17,9 11,11 9,17 7,11 1,9 7,7"
            fill={s.color}
            stroke="#fff"
            strokeWidth="1"
          />
        </svg>
      );
    case 'highlight':
      return (
        <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden>
          <circle cx="9" cy="9" r="6.5" fill="none" stroke="#111" strokeWidth="3" />
        </svg>
      );
    case 'badge':
      return (
        <span className="legend-badge" style={{ background: s.color }} aria-hidden>
          {s.text}
        </span>
      );
  }
}

function Entry(props: { entry: LegendEntry; compact: boolean; scale: boolean }) {
  const e = props.entry;
  const flag = e.symbol.kind === 'flag' ? e.symbol.category : undefined;
  const hideLabel = e.symbol.kind === 'sizes' && !props.compact;
  return (
    <li
      data-legend-entry={e.id}
      data-category={flag}
      data-testid={e.id === 'flags:censored' ? 'lag-legend-censored' : undefined}
    >
      <Symbol_ symbol={e.symbol} compact={props.compact} />
      {hideLabel ? null : (
        <span title={flag ? CATEGORY_STYLES[flag].pattern : undefined}>
          {e.label}
          {e.description ? <span className="visually-hidden"> ({e.description})</span> : null}
          {e.detail !== undefined ? <span className="muted"> · {e.detail}</span> : null}
        </span>
      )}
    </li>
  );
}

/** One legend section. */
export function LegendBlock(props: { section: LegendSection; compact?: boolean }) {
  const { section } = props;
  const compact = props.compact ?? false;
  const scale = section.layout === 'scale';
  const single = section.entries.length === 1 && section.notes.length === 0 && !section.subtitle;
  return (
    <div
      className={`legend-block legend-${section.id}${section.id === 'flags' ? ' lag-legend' : ''}`}
      data-legend-section={section.id}
      data-testid={section.id === 'flags' ? 'lag-legend' : undefined}
    >
      {single && !compact ? null : (
        <h2>
          {section.title}
          {section.subtitle ? <span className="legend-sub">{section.subtitle}</span> : null}
        </h2>
      )}
      {section.entries.length > 0 ? (
        <ul className={scale ? 'legend-scale' : 'legend-symbols'}>
          {section.entries.map((e) => (
            <Entry key={e.id} entry={e} compact={compact} scale={scale} />
          ))}
        </ul>
      ) : null}
      {compact
        ? null
        : section.notes.map((n, i) => (
            <p key={i} className={i === 0 && scale ? 'legend-units' : 'legend-note'}>
              {n}
            </p>
          ))}
      {compact && section.entries.length === 0
        ? section.notes.map((n, i) => (
            <p key={i} className="legend-note">
              {n}
            </p>
          ))
        : null}
    </div>
  );
}

/** Screens narrower than this open with the map's legend folded (it would cover the map). */
export const FOLD_LEGEND_BELOW_PX = 600;

/**
 * The legend box (the live map), which the user can fold to a button, or, `compact`, the
 * presenter's legend.
 */
export function Legend(props: { sections: readonly LegendSection[]; compact?: boolean }) {
  const [open, setOpen] = useState(
    () => typeof window === 'undefined' || window.innerWidth >= FOLD_LEGEND_BELOW_PX,
  );
  const id = useId();
  if (props.sections.length === 0) return null;
  if (props.compact)
    return (
      <section className="story-legend" aria-label="Legend" data-testid="story-legend">
        {props.sections.map((s) => (
          <LegendBlock key={s.id} section={s} compact />
        ))}
      </section>
    );
  return (
    <section
      className={open ? 'legend' : 'legend legend-folded'}
      aria-label="Legend"
      data-testid="legend"
    >
      <button
        type="button"
        className="legend-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        data-testid="legend-toggle"
      >
        {open ? 'Hide legend' : 'Legend'}
      </button>
      <div id={id} hidden={!open}>
        {props.sections.map((s) => (
          <LegendBlock key={s.id} section={s} />
        ))}
      </div>
    </section>
  );
}
