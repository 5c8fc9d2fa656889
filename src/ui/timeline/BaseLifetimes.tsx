/**
 * Base lifetimes of a mission (Observable Plot): one row per base, one cell per year it existed,
 * shaded by troops (zero-troop locations hollow, unknown figures hatched grey), interruptions left
 * as gaps (the official Geo-PKO dashboard bridges them), the current year highlighted. Clicking a
 * row selects the base and flies the map to it (clicking a year it existed in also jumps there).
 * A list of the bases (folded) offers the same as buttons for keyboard and screen-reader users.
 */
import { useEffect, useId, useMemo, useRef } from 'react';
import type { LifetimeView } from '../../data/timelineSelectors';
import { fmt } from '../format';
import { lifetimeCells, lifetimeLabels, lifetimeSummary, yearAxis } from './chartData';
import { usePlot } from '../plot';
import { addHatch, invertBand, mountPlot, plotPoint } from './plotMount';

export interface BaseLifetimesProps {
  mission: string;
  lifetimes: readonly LifetimeView[];
  /** Years of the x axis (the mission's first to last year). */
  firstYear: number;
  lastYear: number;
  year: number;
  selectedId?: string | null;
  onSelect: (baseId: string) => void;
  onFlyTo: (lon: number, lat: number) => void;
  onYear?: (year: number) => void;
  width?: number;
}

const ROW_PX = 13;

function truncate(s: string, n = 18): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** The lifetimes chart with its accessible list. */
export function BaseLifetimes(props: BaseLifetimesProps) {
  const { lifetimes, firstYear, lastYear, year, selectedId } = props;
  const width = props.width ?? 320;
  const ref = useRef<HTMLDivElement>(null);
  const Plot = usePlot();
  const hatchId = `lt-hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const handlers = useRef(props);
  useEffect(() => {
    handlers.current = props;
  });
  const labels = useMemo(() => lifetimeLabels(lifetimes), [lifetimes]);
  const cells = useMemo(() => lifetimeCells(lifetimes), [lifetimes]);

  useEffect(() => {
    const el = ref.current;
    if (!Plot || !el || lifetimes.length === 0) return;
    const years: number[] = [];
    for (let y = firstYear; y <= lastYear; y++) years.push(y);
    const rowsDomain = lifetimes.map((l) => labels.get(l.baseId)!);
    const label = (d: { baseId: string }) => labels.get(d.baseId)!;
    const maxTroops = Math.max(1, ...cells.map((c) => (c.kind === 'troops' ? c.troops! : 0)));
    const axis = yearAxis(firstYear, lastYear, width - 112 - 6);
    const figure = Plot.plot({
      width,
      height: 40 + ROW_PX * lifetimes.length,
      marginLeft: 112,
      marginRight: 6,
      marginTop: 26,
      marginBottom: 4,
      x: {
        type: 'band',
        domain: years,
        axis: 'top',
        ticks: axis.ticks,
        tickFormat: axis.format,
        label: null,
        padding: 0.08,
      },
      y: { domain: rowsDomain, label: null, tickFormat: (d: string) => truncate(d), padding: 0.12 },
      color: {
        type: 'sqrt',
        domain: [0, maxTroops],
        range: ['#c6dbef', '#08306b'],
        legend: false,
      },
      marks: [
        // Current year column.
        Plot.cell(rowsDomain, {
          x: () => year,
          y: (d: string) => d,
          fill: '#ffbf47',
          fillOpacity: 0.4,
          inset: -1,
        }),
        // Selected base row.
        Plot.cell(
          selectedId && labels.has(selectedId)
            ? years.map((y) => ({ y, row: labels.get(selectedId)! }))
            : [],
          { x: 'y', y: 'row', fill: '#ffbf47', fillOpacity: 0.25 },
        ),
        Plot.cell(
          cells.filter((c) => c.kind === 'troops'),
          {
            x: 'year',
            y: label,
            fill: 'troops',
            title: (c) => `${c.location} ${c.year}: ${fmt(c.troops ?? 0)} troops`,
          },
        ),
        Plot.cell(
          cells.filter((c) => c.kind === 'zero'),
          {
            x: 'year',
            y: label,
            fill: 'white',
            stroke: '#1f5fa8',
            title: (c) => `${c.location} ${c.year}: no troops (police / observers / HQ)`,
          },
        ),
        Plot.cell(
          cells.filter((c) => c.kind === 'unknown'),
          {
            x: 'year',
            y: label,
            fill: `url(#${hatchId})`,
            stroke: '#8a8a8a',
            title: (c) => `${c.location} ${c.year}: troops unknown (NA)`,
          },
        ),
        // Current year: outlined on top, so it shows on present bases too.
        Plot.cell(rowsDomain, {
          x: () => year,
          y: (d: string) => d,
          fill: 'none',
          stroke: '#b07400',
          strokeWidth: 1.5,
          inset: -1,
        }),
      ],
    });
    addHatch(figure, hatchId, '#6b6b6b');
    const onClick = (e: MouseEvent): void => {
      const [px, py] = plotPoint(figure, e);
      const row = invertBand(figure.scale('y') as Parameters<typeof invertBand>[0], py);
      const l = lifetimes.find((x) => labels.get(x.baseId) === row);
      if (!l) return;
      const h = handlers.current;
      h.onSelect(l.baseId);
      const y = invertBand(figure.scale('x') as Parameters<typeof invertBand>[0], px);
      const at = l.years.find((r) => r.year === y);
      if (at && typeof y === 'number' && h.onYear) h.onYear(y);
      h.onFlyTo(l.lon, l.lat);
    };
    figure.addEventListener('click', onClick as EventListener);
    const unmount = mountPlot(el, figure);
    return () => {
      figure.removeEventListener('click', onClick as EventListener);
      unmount();
    };
  }, [Plot, lifetimes, labels, cells, firstYear, lastYear, year, selectedId, width, hatchId]);

  if (lifetimes.length === 0)
    return <p className="muted">No bases recorded for {props.mission}.</p>;
  const interrupted = lifetimes.filter((l) => l.gaps > 0).length;
  return (
    <section className="tl-lifetimes" aria-label={`Base lifetimes of ${props.mission}`}>
      <h2 className="tl-heading">
        Base lifetimes{' '}
        <span className="muted tl-sub">
          {lifetimes.length} bases
          {interrupted > 0 ? `, ${interrupted} with interruptions (gaps)` : ''}
        </span>
      </h2>
      <div className="tl-lifetimes-key muted" aria-hidden>
        <span className="tl-key-swatch troops" /> troops (darker = more)
        <span className="tl-key-swatch zero" /> no troops
        <span className="tl-key-swatch unknown" /> unknown
      </div>
      <div ref={ref} className="tl-lifetimes-plot" aria-hidden data-testid="lifetimes-plot" />
      <details>
        <summary>List of bases</summary>
        <ul className="tl-change-list" aria-label="Bases">
          {lifetimes.map((l) => (
            <li key={l.baseId}>
              <button
                type="button"
                className={`tl-change tl-lifetime-row${selectedId === l.baseId ? ' selected' : ''}`}
                onClick={() => {
                  props.onSelect(l.baseId);
                  props.onFlyTo(l.lon, l.lat);
                }}
              >
                <span className="tl-change-name">{lifetimeSummary(l)}</span>
              </button>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
