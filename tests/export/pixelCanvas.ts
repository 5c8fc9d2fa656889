/**
 * A coarse software rasteriser posing as CanvasRenderingContext2D, for pixel checks in Node (no
 * native canvas): an RGBA buffer with source-over blending and `globalAlpha`; fillRect, clearRect
 * and strokeRect are exact; paths (arcs, polygons) and text fill their bounding boxes in the
 * current style; `clip()` clips to the current path's bounding box. Coarse, but every pixel a draw
 * touches really changes, so "is anything of the map left under the panel?" is a real question.
 */
export interface PixelCanvas {
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  data: Uint8ClampedArray;
  /** The pixel at (x, y) as [r, g, b, a]. */
  pixel(x: number, y: number): [number, number, number, number];
}

type RGBA = [number, number, number, number];

/** Parses `#rgb`, `#rrggbb`, `rgb(…)`, `rgba(…)`; throws on anything else (a style it cannot draw). */
export function parseColor(style: unknown): RGBA {
  const s = String(style).trim().toLowerCase();
  let m = /^#([0-9a-f]{3})$/.exec(s);
  if (m) {
    const h = m[1]!;
    return [...[0, 1, 2].map((i) => parseInt(h[i]! + h[i]!, 16)), 1] as RGBA;
  }
  m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/.exec(s);
  if (m) {
    const h = m[1]!;
    const a = m[2] ? parseInt(m[2], 16) / 255 : 1;
    return [
      parseInt(h.slice(0, 2), 16),
      parseInt(h.slice(2, 4), 16),
      parseInt(h.slice(4, 6), 16),
      a,
    ];
  }
  m = /^rgba?\(([^)]+)\)$/.exec(s);
  if (m) {
    const p = m[1]!.split(',').map((x) => Number(x.trim()));
    return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
  }
  throw new Error(`pixelCanvas: cannot parse colour ${s}`);
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A pixel canvas of `width` × `height`, transparent black. */
export function pixelCanvas(width: number, height: number): PixelCanvas {
  const data = new Uint8ClampedArray(width * height * 4);
  const full: Box = { x0: 0, y0: 0, x1: width, y1: height };
  let state = {
    fillStyle: '#000' as unknown,
    strokeStyle: '#000' as unknown,
    globalAlpha: 1,
    lineWidth: 1,
    font: '10px sans-serif',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    clip: full,
    scale: 1,
  };
  const stack: (typeof state)[] = [];
  let path: Box | null = null;

  const fontPx = () => Number(/(\d+(\.\d+)?)px/.exec(state.font)?.[1] ?? 10);
  const measure = (s: string) => s.length * fontPx() * 0.55;
  const extend = (x: number, y: number, r = 0) => {
    const k = state.scale;
    const b = { x0: (x - r) * k, y0: (y - r) * k, x1: (x + r) * k, y1: (y + r) * k };
    path = path
      ? {
          x0: Math.min(path.x0, b.x0),
          y0: Math.min(path.y0, b.y0),
          x1: Math.max(path.x1, b.x1),
          y1: Math.max(path.y1, b.y1),
        }
      : b;
  };
  const paint = (box: Box, style: unknown, clear = false): void => {
    const [r, g, b, a0] = clear ? ([0, 0, 0, 0] as RGBA) : parseColor(style);
    const a = clear ? 1 : a0 * state.globalAlpha;
    const c = state.clip;
    const x0 = Math.max(Math.round(box.x0), Math.round(c.x0), 0);
    const y0 = Math.max(Math.round(box.y0), Math.round(c.y0), 0);
    const x1 = Math.min(Math.round(box.x1), Math.round(c.x1), width);
    const y1 = Math.min(Math.round(box.y1), Math.round(c.y1), height);
    for (let y = y0; y < y1; y++)
      for (let x = x0; x < x1; x++) {
        const i = (y * width + x) * 4;
        if (clear) {
          data[i] = data[i + 1] = data[i + 2] = data[i + 3] = 0;
          continue;
        }
        const da = data[i + 3]! / 255;
        const oa = a + da * (1 - a);
        const mix = (s: number, d: number) => (oa === 0 ? 0 : (s * a + d * da * (1 - a)) / oa);
        data[i] = mix(r, data[i]!);
        data[i + 1] = mix(g, data[i + 1]!);
        data[i + 2] = mix(b, data[i + 2]!);
        data[i + 3] = oa * 255;
      }
  };
  const rectBox = (x: number, y: number, w: number, h: number): Box => {
    const k = state.scale;
    return { x0: x * k, y0: y * k, x1: (x + w) * k, y1: (y + h) * k };
  };
  const textBox = (s: string, x: number, y: number, maxWidth?: number): Box => {
    const px = fontPx();
    const w = Math.min(measure(s), maxWidth ?? Infinity);
    const left = state.textAlign === 'center' ? x - w / 2 : state.textAlign === 'right' ? x - w : x;
    const top =
      state.textBaseline === 'top'
        ? y
        : state.textBaseline === 'middle'
          ? y - px / 2
          : state.textBaseline === 'bottom'
            ? y - px
            : y - px * 0.8;
    return rectBox(left, top, w, px);
  };
  const grow = (b: Box, by: number): Box => ({
    x0: b.x0 - by,
    y0: b.y0 - by,
    x1: b.x1 + by,
    y1: b.y1 + by,
  });

  const target: Record<string, unknown> = {
    save: () => stack.push({ ...state }),
    restore: () => {
      state = stack.pop() ?? state;
    },
    scale: (sx: number) => {
      state.scale *= sx;
    },
    measureText: (s: string) => ({ width: measure(s) }),
    beginPath: () => {
      path = null;
    },
    closePath: () => undefined,
    moveTo: (x: number, y: number) => extend(x, y),
    lineTo: (x: number, y: number) => extend(x, y),
    arc: (x: number, y: number, r: number) => extend(x, y, r),
    rect: (x: number, y: number, w: number, h: number) => {
      extend(x, y);
      extend(x + w, y + h);
    },
    clip: () => {
      const p = path ?? { x0: 0, y0: 0, x1: 0, y1: 0 };
      const c = state.clip;
      state.clip = {
        x0: Math.max(c.x0, p.x0),
        y0: Math.max(c.y0, p.y0),
        x1: Math.min(c.x1, p.x1),
        y1: Math.min(c.y1, p.y1),
      };
    },
    fill: () => {
      if (path) paint(path, state.fillStyle);
    },
    stroke: () => {
      if (path) paint(grow(path, (state.lineWidth * state.scale) / 2), state.strokeStyle);
    },
    fillRect: (x: number, y: number, w: number, h: number) =>
      paint(rectBox(x, y, w, h), state.fillStyle),
    clearRect: (x: number, y: number, w: number, h: number) =>
      paint(rectBox(x, y, w, h), null, true),
    strokeRect: (x: number, y: number, w: number, h: number) => {
      const lw = (state.lineWidth * state.scale) / 2;
      const b = rectBox(x, y, w, h);
      paint({ x0: b.x0 - lw, y0: b.y0 - lw, x1: b.x1 + lw, y1: b.y0 + lw }, state.strokeStyle);
      paint({ x0: b.x0 - lw, y0: b.y1 - lw, x1: b.x1 + lw, y1: b.y1 + lw }, state.strokeStyle);
      paint({ x0: b.x0 - lw, y0: b.y0 - lw, x1: b.x0 + lw, y1: b.y1 + lw }, state.strokeStyle);
      paint({ x0: b.x1 - lw, y0: b.y0 - lw, x1: b.x1 + lw, y1: b.y1 + lw }, state.strokeStyle);
    },
    fillText: (s: string, x: number, y: number, maxWidth?: number) =>
      paint(textBox(s, x, y, maxWidth), state.fillStyle),
    strokeText: (s: string, x: number, y: number, maxWidth?: number) =>
      paint(grow(textBox(s, x, y, maxWidth), state.lineWidth / 2), state.strokeStyle),
    setLineDash: () => undefined,
  };
  const ctx = new Proxy(target, {
    get(t, prop: string) {
      if (prop in t) return t[prop];
      if (prop in state) return (state as Record<string, unknown>)[prop];
      return () => undefined;
    },
    set(_t, prop: string, value) {
      (state as Record<string, unknown>)[prop] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
  return {
    ctx,
    width,
    height,
    data,
    pixel: (x, y) => {
      const i = (y * width + x) * 4;
      return [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
    },
  };
}

/**
 * Pixels inside `rect` (device pixels) where two canvases differ; returns the first few as
 * "x,y a→b" strings and the count.
 */
export function diffIn(
  a: PixelCanvas,
  b: PixelCanvas,
  rect: { x: number; y: number; width: number; height: number },
): { count: number; first: string[] } {
  let count = 0;
  const first: string[] = [];
  const x1 = Math.min(a.width, Math.round(rect.x + rect.width));
  const y1 = Math.min(a.height, Math.round(rect.y + rect.height));
  for (let y = Math.max(0, Math.round(rect.y)); y < y1; y++)
    for (let x = Math.max(0, Math.round(rect.x)); x < x1; x++) {
      const i = (y * a.width + x) * 4;
      if (
        a.data[i] !== b.data[i] ||
        a.data[i + 1] !== b.data[i + 1] ||
        a.data[i + 2] !== b.data[i + 2] ||
        a.data[i + 3] !== b.data[i + 3]
      ) {
        count++;
        if (first.length < 5) first.push(`${x},${y} ${a.pixel(x, y)}→${b.pixel(x, y)}`);
      }
    }
  return { count, first };
}
