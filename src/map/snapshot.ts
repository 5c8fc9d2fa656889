/**
 * Captures the live map (MapLibre canvas + deck.gl overlay canvas) at a presentation size: the
 * map container is laid out at the requested CSS size for a moment (behind an "Exporting…" cover),
 * both libraries render at the requested pixel ratio, the two canvases are composited onto one 2D
 * canvas, and the map is put back exactly as it was. Both WebGL contexts keep their drawing buffer
 * (`preserveDrawingBuffer`), so reading them after the render is safe.
 */
import type { CameraView } from '../map/camera';

/** The parts of a MapLibre map the snapshot uses (structural, so tests can pass a fake). */
export interface SnapshotMap {
  getContainer(): HTMLElement;
  getCanvas(): HTMLCanvasElement;
  getCenter(): { lng: number; lat: number };
  getZoom(): number;
  getPixelRatio(): number;
  setPixelRatio(r: number): void;
  resize(): unknown;
  jumpTo(o: { center: [number, number]; zoom: number }): unknown;
  triggerRepaint(): void;
  loaded(): boolean;
  once(type: 'idle' | 'render', listener: () => void): unknown;
}

/** The parts of deck.gl's MapboxOverlay the snapshot uses. */
export interface SnapshotOverlay {
  getCanvas(): HTMLCanvasElement | null;
  setProps(p: { useDevicePixels?: boolean | number }): void;
}

/** What to capture. */
export interface SnapshotOptions {
  /** CSS pixels. */
  width: number;
  height: number;
  /** Device pixels per CSS pixel (2 for a 2× export). */
  pixelRatio: number;
  camera: CameraView;
  /** Give up after this many ms (default 20 s). */
  timeoutMs?: number;
}

function nextFrame(): Promise<void> {
  return new Promise((res) => requestAnimationFrame(() => res()));
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error(`${what} took longer than ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        res(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        rej(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Resolves after the map has rendered a frame and gone idle (tiles, sources and fades done). */
async function settled(map: SnapshotMap): Promise<void> {
  await new Promise<void>((res) => {
    map.once('idle', () => res());
    map.triggerRepaint();
  });
}

/**
 * Renders the map at `width`×`height` CSS px × `pixelRatio` with `camera` and returns one canvas
 * holding the basemap with the data layers on top. The map's size, pixel ratio and camera are
 * restored afterwards, also when capturing fails.
 */
export async function snapshotMap(
  map: SnapshotMap,
  overlay: SnapshotOverlay,
  opts: SnapshotOptions,
): Promise<HTMLCanvasElement> {
  const timeout = opts.timeoutMs ?? 20_000;
  const container = map.getContainer();
  const before = {
    style: container.getAttribute('style'),
    center: map.getCenter(),
    zoom: map.getZoom(),
    ratio: map.getPixelRatio(),
  };
  const W = Math.round(opts.width * opts.pixelRatio);
  const H = Math.round(opts.height * opts.pixelRatio);
  try {
    Object.assign(container.style, {
      position: 'fixed',
      left: '0px',
      top: '0px',
      width: `${opts.width}px`,
      height: `${opts.height}px`,
      zIndex: '0',
    });
    map.setPixelRatio(opts.pixelRatio);
    overlay.setProps({ useDevicePixels: opts.pixelRatio });
    map.resize();
    map.jumpTo({ center: [opts.camera.lon, opts.camera.lat], zoom: opts.camera.zoom });
    // deck.gl resizes its canvas on its own animation frame: render until both canvases have
    // the requested size, then once more so both show the same, final frame.
    const deadline = Date.now() + timeout;
    for (;;) {
      await withTimeout(settled(map), timeout, 'Rendering the map');
      await nextFrame();
      const deck = overlay.getCanvas();
      const ok =
        map.getCanvas().width === W &&
        map.getCanvas().height === H &&
        (!deck || (deck.width === W && deck.height === H));
      if (ok) break;
      if (Date.now() > deadline) throw new Error('the map did not reach the export size');
      map.resize();
    }
    await withTimeout(settled(map), timeout, 'Rendering the map');
    const out = document.createElement('canvas');
    out.width = W;
    out.height = H;
    const ctx = out.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas available');
    ctx.drawImage(map.getCanvas(), 0, 0, W, H);
    const deck = overlay.getCanvas();
    if (deck) ctx.drawImage(deck, 0, 0, W, H);
    return out;
  } finally {
    if (before.style === null) container.removeAttribute('style');
    // CSSOM, not a style attribute: allowed by the Content-Security-Policy.
    else container.style.cssText = before.style;
    map.setPixelRatio(before.ratio);
    overlay.setProps({ useDevicePixels: true });
    map.resize();
    map.jumpTo({ center: [before.center.lng, before.center.lat], zoom: before.zoom });
  }
}
