/**
 * Video encoding of frames rendered one by one into a canvas. Each frame is encoded with the
 * timestamp and duration from the frame schedule (see frames.ts), never with the wall clock, so
 * the file plays at a steady rate however long each frame took to render:
 *
 * 1. WebM (VP9, else VP8) through WebCodecs' VideoEncoder and the Mediabunny muxer — exact
 *    timestamps;
 * 2. where WebCodecs is missing, WebM through MediaRecorder on `canvas.captureStream(0)`, one
 *    `requestFrame()` per frame, paced to the frame schedule (steady unless a frame takes longer
 *    to render than its duration);
 * 3. an animated GIF (gifenc) on request — exact delays, in 1/100 s steps.
 */
import { GIFEncoder, applyPalette, quantize } from 'gifenc';

/** The container / encoder to use. */
export type VideoFormat = 'webm' | 'gif';

/** Timing of one frame, from the schedule. */
export interface FrameTime {
  timestampUs: number;
  durationUs: number;
}

/** The finished video. */
export interface VideoResult {
  blob: Blob;
  mimeType: string;
  extension: 'webm' | 'gif';
  /** How it was encoded, e.g. "WebCodecs vp9", "MediaRecorder", "gifenc". */
  encoder: string;
  frames: number;
  /** Duration in seconds from the schedule. */
  seconds: number;
  /** Frame size in pixels. */
  width: number;
  height: number;
}

/** Thrown when the user cancels an export. */
export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
    this.name = 'ExportCancelled';
  }
}

/** Options of {@link encodeFrames}. */
export interface EncodeOptions {
  format: VideoFormat;
  fps: number;
  signal?: AbortSignal;
  /** Called after each frame with (frames done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Prefer MediaRecorder even where WebCodecs exists (for tests of the fallback). */
  forceMediaRecorder?: boolean;
}

/**
 * GIF frame delays in 1/100 s whose running sum follows the schedule exactly (rounded once at
 * each frame start, so errors never accumulate): at 24 fps the delays alternate 4, 4, 5 cs.
 */
export function gifDelaysCs(frames: readonly FrameTime[]): number[] {
  return frames.map((f) => {
    const start = Math.round(f.timestampUs / 10_000);
    const end = Math.round((f.timestampUs + f.durationUs) / 10_000);
    return Math.max(1, end - start);
  });
}

/** The finished video of the scheduled frames (its duration from the schedule). */
function videoResult(
  canvas: HTMLCanvasElement,
  blob: Blob,
  extension: VideoResult['extension'],
  encoder: string,
  times: readonly FrameTime[],
): VideoResult {
  const last = times[times.length - 1];
  return {
    blob,
    mimeType: blob.type,
    extension,
    encoder,
    frames: times.length,
    seconds: last ? (last.timestampUs + last.durationUs) / 1e6 : 0,
    width: canvas.width,
    height: canvas.height,
  };
}

function check(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ExportCancelled();
}

/** Yields to the browser so that the progress bar repaints and Cancel can be clicked. */
function yieldToUi(): Promise<void> {
  return new Promise((res) => setTimeout(res, 0));
}

/** Whether WebCodecs can encode a WebM here (VP9 or VP8), and which codec. */
export async function webCodecsCodec(width: number, height: number): Promise<'vp9' | 'vp8' | null> {
  if (typeof VideoEncoder === 'undefined') return null;
  const { canEncodeVideo } = await import('mediabunny');
  for (const codec of ['vp9', 'vp8'] as const) {
    try {
      if (await canEncodeVideo(codec, { width, height })) return codec;
    } catch {
      // try the next codec
    }
  }
  return null;
}

async function encodeWebCodecs(
  canvas: HTMLCanvasElement,
  times: readonly FrameTime[],
  render: (i: number) => void | Promise<void>,
  codec: 'vp9' | 'vp8',
  opts: EncodeOptions,
): Promise<VideoResult> {
  const { Output, WebMOutputFormat, BufferTarget, CanvasSource, QUALITY_HIGH } =
    await import('mediabunny');
  const target = new BufferTarget();
  const output = new Output({ format: new WebMOutputFormat(), target });
  const source = new CanvasSource(canvas, {
    codec,
    quality: QUALITY_HIGH,
    keyFrameInterval: 2,
  });
  output.addVideoTrack(source, { frameRate: opts.fps });
  await output.start();
  try {
    for (let i = 0; i < times.length; i++) {
      check(opts.signal);
      await render(i);
      const t = times[i]!;
      await source.add(t.timestampUs / 1e6, t.durationUs / 1e6);
      opts.onProgress?.(i + 1, times.length);
      await yieldToUi();
    }
    check(opts.signal);
    await output.finalize();
  } catch (e) {
    await output.cancel().catch(() => undefined);
    throw e;
  }
  if (!target.buffer) throw new Error('the WebM muxer produced no data');
  const blob = new Blob([target.buffer], { type: 'video/webm' });
  return videoResult(canvas, blob, 'webm', `WebCodecs ${codec}`, times);
}

async function encodeMediaRecorder(
  canvas: HTMLCanvasElement,
  times: readonly FrameTime[],
  render: (i: number) => void | Promise<void>,
  opts: EncodeOptions,
): Promise<VideoResult> {
  if (typeof MediaRecorder === 'undefined' || typeof canvas.captureStream !== 'function')
    throw new Error('this browser can record neither WebCodecs nor MediaRecorder video');
  const stream = canvas.captureStream(0);
  const track = stream.getVideoTracks()[0] as
    (MediaStreamTrack & { requestFrame?: () => void }) | undefined;
  if (!track?.requestFrame) throw new Error('canvas capture without requestFrame()');
  const mimeType = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((m) =>
    MediaRecorder.isTypeSupported(m),
  );
  if (!mimeType) throw new Error('MediaRecorder cannot write WebM here');
  // 8 Mbit/s at 1920×1080, in proportion to the pixels (32 Mbit/s at 3840×2160).
  const videoBitsPerSecond = Math.round((8_000_000 * canvas.width * canvas.height) / (1920 * 1080));
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  };
  const stopped = new Promise<void>((res) => (recorder.onstop = () => res()));
  recorder.start();
  const t0 = performance.now();
  try {
    for (let i = 0; i < times.length; i++) {
      check(opts.signal);
      await render(i);
      // Pace to the schedule: the recorder stamps frames with the wall clock.
      const due = t0 + times[i]!.timestampUs / 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((res) => setTimeout(res, wait));
      track.requestFrame();
      opts.onProgress?.(i + 1, times.length);
    }
    const last = times[times.length - 1];
    if (last) {
      const end = t0 + (last.timestampUs + last.durationUs) / 1000;
      const wait = end - performance.now();
      if (wait > 0) await new Promise((res) => setTimeout(res, wait));
    }
  } finally {
    recorder.stop();
    track.stop();
  }
  await stopped;
  check(opts.signal);
  return videoResult(
    canvas,
    new Blob(chunks, { type: 'video/webm' }),
    'webm',
    'MediaRecorder',
    times,
  );
}

async function encodeGif(
  canvas: HTMLCanvasElement,
  times: readonly FrameTime[],
  render: (i: number) => void | Promise<void>,
  opts: EncodeOptions,
): Promise<VideoResult> {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2D canvas available');
  const gif = GIFEncoder();
  const delays = gifDelaysCs(times);
  for (let i = 0; i < times.length; i++) {
    check(opts.signal);
    await render(i);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const palette = quantize(data, 256, { format: 'rgb444' });
    const index = applyPalette(data, palette, 'rgb444');
    gif.writeFrame(index, canvas.width, canvas.height, {
      palette,
      delay: delays[i]! * 10,
      repeat: 0,
    });
    opts.onProgress?.(i + 1, times.length);
    await yieldToUi();
  }
  gif.finish();
  const bytes = gif.bytes();
  const blob = new Blob([bytes.slice().buffer as ArrayBuffer], { type: 'image/gif' });
  return videoResult(canvas, blob, 'gif', 'gifenc', times);
}

/**
 * Renders frame i with `render(i)` into `canvas` for every scheduled frame and encodes the result.
 * Throws {@link ExportCancelled} when `opts.signal` aborts.
 */
export async function encodeFrames(
  canvas: HTMLCanvasElement,
  times: readonly FrameTime[],
  render: (i: number) => void | Promise<void>,
  opts: EncodeOptions,
): Promise<VideoResult> {
  if (times.length === 0) throw new Error('no frames to encode');
  if (opts.format === 'gif') return encodeGif(canvas, times, render, opts);
  const codec = opts.forceMediaRecorder ? null : await webCodecsCodec(canvas.width, canvas.height);
  if (codec) return encodeWebCodecs(canvas, times, render, codec, opts);
  return encodeMediaRecorder(canvas, times, render, opts);
}
