/**
 * Mounting an Observable Plot figure into a container element, with a click mapped back to data
 * through the plot's materialized scales. Browser-only helpers (they need a DOM).
 */
import type * as Plot from '@observablehq/plot';

/** A rendered plot (what `Plot.plot` returns). */
export type PlotElement = ReturnType<typeof Plot.plot>;

/**
 * Replaces the container's content with `figure`; returns the cleanup that removes it. Used from
 * a `useEffect` so that every render of the chart is undone before the next one.
 */
export function mountPlot(container: HTMLElement, figure: PlotElement): () => void {
  container.replaceChildren(figure);
  return () => figure.remove();
}

/**
 * The click position in the plot's own pixel coordinates (the SVG may be scaled by CSS).
 */
export function plotPoint(figure: Element, e: MouseEvent): [number, number] {
  const svg = figure instanceof SVGSVGElement ? figure : figure.querySelector('svg');
  const el = svg ?? figure;
  const rect = el.getBoundingClientRect();
  const w = Number(el.getAttribute('width')) || rect.width;
  const h = Number(el.getAttribute('height')) || rect.height;
  const sx = rect.width > 0 ? w / rect.width : 1;
  const sy = rect.height > 0 ? h / rect.height : 1;
  return [(e.clientX - rect.left) * sx, (e.clientY - rect.top) * sy];
}

/** The value of a band scale at pixel `px`, or undefined outside every band. */
export function invertBand(
  scale:
    | {
        domain?: readonly unknown[];
        apply?: (v: unknown) => number;
        bandwidth?: number;
        step?: number;
      }
    | undefined,
  px: number,
): unknown {
  if (!scale?.domain || !scale.apply) return undefined;
  const bw = scale.bandwidth ?? 0;
  const pad = ((scale.step ?? bw) - bw) / 2;
  for (const d of scale.domain) {
    const start = scale.apply(d);
    if (px >= start - pad && px <= start + bw + pad) return d;
  }
  return undefined;
}

/** Adds a diagonal hatch pattern (id `id`) to a plot's SVG, for "no data" areas. */
export function addHatch(figure: Element, id: string, color = '#8a8a8a'): void {
  const svg = figure instanceof SVGSVGElement ? figure : figure.querySelector('svg');
  if (!svg) return;
  const ns = 'http://www.w3.org/2000/svg';
  const defs = document.createElementNS(ns, 'defs');
  const pattern = document.createElementNS(ns, 'pattern');
  pattern.setAttribute('id', id);
  pattern.setAttribute('patternUnits', 'userSpaceOnUse');
  pattern.setAttribute('width', '5');
  pattern.setAttribute('height', '5');
  pattern.setAttribute('patternTransform', 'rotate(45)');
  const line = document.createElementNS(ns, 'line');
  line.setAttribute('x1', '0');
  line.setAttribute('y1', '0');
  line.setAttribute('x2', '0');
  line.setAttribute('y2', '5');
  line.setAttribute('stroke', color);
  line.setAttribute('stroke-width', '1.5');
  pattern.appendChild(line);
  defs.appendChild(pattern);
  svg.insertBefore(defs, svg.firstChild);
}
