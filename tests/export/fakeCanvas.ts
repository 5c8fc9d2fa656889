/**
 * A recording fake of CanvasRenderingContext2D for Node tests of the Canvas-2D renderers: every
 * method call is logged with its arguments and the style in effect; `measureText` assumes glyphs
 * half as wide as the font size. No pixels: tests assert on what was drawn where.
 */
export interface DrawCall {
  name: string;
  args: unknown[];
  fillStyle: unknown;
  strokeStyle: unknown;
  font: string;
  globalAlpha: number;
}

export interface FakeContext {
  ctx: CanvasRenderingContext2D;
  calls: DrawCall[];
  /** Texts drawn with fillText, in order. */
  texts(): string[];
  count(name: string): number;
}

export function fakeContext(): FakeContext {
  const calls: DrawCall[] = [];
  const state: Record<string, unknown> = {
    fillStyle: '#000',
    strokeStyle: '#000',
    font: '10px sans-serif',
    globalAlpha: 1,
    lineWidth: 1,
  };
  const stack: Record<string, unknown>[] = [];
  const fontPx = () => Number(/(\d+(\.\d+)?)px/.exec(String(state.font))?.[1] ?? 10);
  const target: Record<string, unknown> = {
    save: () => stack.push({ ...state }),
    restore: () => Object.assign(state, stack.pop() ?? {}),
    measureText: (s: string) => ({ width: s.length * fontPx() * 0.5 }),
  };
  const proxy = new Proxy(target, {
    get(t, prop: string) {
      if (prop in t) {
        const v = t[prop];
        if (typeof v === 'function')
          return (...args: unknown[]) => {
            calls.push(record(prop, args));
            return (v as (...a: unknown[]) => unknown)(...args);
          };
        return v;
      }
      if (prop in state) return state[prop];
      return (...args: unknown[]) => {
        calls.push(record(prop, args));
      };
    },
    set(_t, prop: string, value) {
      state[prop] = value;
      return true;
    },
  });
  function record(name: string, args: unknown[]): DrawCall {
    return {
      name,
      args,
      fillStyle: state.fillStyle,
      strokeStyle: state.strokeStyle,
      font: String(state.font),
      globalAlpha: Number(state.globalAlpha),
    };
  }
  return {
    ctx: proxy as unknown as CanvasRenderingContext2D,
    calls,
    texts: () => calls.filter((c) => c.name === 'fillText').map((c) => String(c.args[0])),
    count: (name) => calls.filter((c) => c.name === name).length,
  };
}
