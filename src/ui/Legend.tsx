/**
 * The map legend: violence classes with units, the "no violence data loaded" swatch, and the
 * base key (size by troops, zero-troop, unknown troops, HQ, other missions).
 */
import type { PerpetratorFilter } from '../domain/dataset';
import {
  BASE_FIXED_RADIUS,
  BASE_SIZE_KEY,
  MISSION_COLOR,
  NO_DATA_COLOR,
  UNKNOWN_TROOPS_COLOR,
  VIOLENCE_UNITS,
  baseRadius,
  violenceLegend,
} from '../map/scales';
import type { ReactNode } from 'react';
import { fmt, fmtPeriod } from './format';
import { PERPETRATOR_LABELS } from '../domain/perpetrator';

export interface LegendProps {
  year: number;
  /** The month (1–12) the map shows in monthly mode, else null. */
  month: number | null;
  perpetrator: PerpetratorFilter;
  showViolence: boolean;
  showNoData: boolean;
  showBases: boolean;
  mission: string;
  /** Other missions with bases this year, with their colours. */
  otherMissions: { id: string; color: string }[];
  /** Extra legend blocks (e.g. the lag flags), shown last. */
  children?: ReactNode;
}

const KEY_MAX = baseRadius(BASE_SIZE_KEY[BASE_SIZE_KEY.length - 1] ?? 3000);

/** The symbol of a base drawn at the fixed size (no or unknown troops). */
function FixedSizeBase(props: { fill: string; strokeWidth: number }) {
  return (
    <svg width="16" height="16" aria-hidden>
      <circle
        cx="8"
        cy="8"
        r={BASE_FIXED_RADIUS}
        fill={props.fill}
        stroke={MISSION_COLOR}
        strokeWidth={props.strokeWidth}
      />
    </svg>
  );
}

/** The legend box. */
export function Legend(props: LegendProps) {
  const classes = violenceLegend();
  return (
    <section className="legend" aria-label="Legend" data-testid="legend">
      {props.showViolence ? (
        <div className="legend-block">
          <h2>
            Civilians killed, {fmtPeriod(props.year, props.month)}
            <span className="legend-sub">{PERPETRATOR_LABELS[props.perpetrator]}</span>
          </h2>
          <ul className="legend-scale">
            {classes.map((c) => (
              <li key={c.label}>
                <span className="swatch" style={{ background: c.color }} aria-hidden />
                <span>{c.label}</span>
              </li>
            ))}
          </ul>
          <p className="legend-units">{VIOLENCE_UNITS} per 0.5° cell (≈55 km)</p>
          <p className="legend-note">Cells with no recorded violence are not drawn.</p>
        </div>
      ) : null}
      {props.showNoData ? (
        <div className="legend-row">
          <span className="swatch nodata" style={{ background: NO_DATA_COLOR }} aria-hidden />
          <span>No violence data loaded (not zero)</span>
        </div>
      ) : null}
      {props.showBases ? (
        <div className="legend-block">
          <h2>
            {props.mission} bases
            <span className="legend-sub">circle area ∝ troops</span>
          </h2>
          <svg
            className="legend-sizes"
            width={KEY_MAX * 2 * BASE_SIZE_KEY.length + 40}
            height={KEY_MAX * 2 + 16}
            role="img"
            aria-label={`Circle sizes for ${BASE_SIZE_KEY.map(fmt).join(', ')} troops`}
          >
            {BASE_SIZE_KEY.map((t, i) => {
              const r = baseRadius(t);
              const x = 4 + i * (KEY_MAX * 2 + 10) + KEY_MAX;
              return (
                <g key={t}>
                  <circle
                    cx={x}
                    cy={KEY_MAX * 2 - r + 1}
                    r={r}
                    fill={MISSION_COLOR}
                    fillOpacity={0.65}
                    stroke="#fff"
                  />
                  <text x={x} y={KEY_MAX * 2 + 14} textAnchor="middle">
                    {fmt(t)}
                  </text>
                </g>
              );
            })}
          </svg>
          <ul className="legend-symbols">
            <li>
              <FixedSizeBase fill="#fff" strokeWidth={2} />
              No troops (police, observers or HQ only)
            </li>
            <li>
              <FixedSizeBase fill={UNKNOWN_TROOPS_COLOR} strokeWidth={1.5} />
              Troops unknown (NA)
            </li>
            <li>
              <svg width="18" height="18" aria-hidden>
                <circle cx="9" cy="9" r="4" fill={MISSION_COLOR} fillOpacity={0.65} />
                <circle cx="9" cy="9" r="7" fill="none" stroke="#0b2545" strokeWidth="2.5" />
              </svg>
              HQ (thick ring: mission HQ)
            </li>
          </ul>
          {props.otherMissions.length > 0 ? (
            <>
              <p className="legend-note">Other missions nearby:</p>
              <ul className="legend-others">
                {props.otherMissions.map((m) => (
                  <li key={m.id}>
                    <svg width="12" height="12" aria-hidden>
                      <circle cx="6" cy="6" r="5" fill={m.color} fillOpacity={0.7} />
                    </svg>
                    {m.id}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      {props.children}
    </section>
  );
}
