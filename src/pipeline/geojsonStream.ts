/**
 * Reading a GeoJSON FeatureCollection as one whole JSON document, streamed: the file is scanned
 * once, each member of `features` is parsed as it completes (memory stays bounded for a
 * gigabyte file), and everything around the features is parsed at the end, so that a syntax
 * error anywhere, or a document cut short, is an error naming the byte offset: never a
 * partial read.
 */
import { open } from 'node:fs/promises';
import { SourceError } from './sources';

/** A GeoJSON source that is not a complete, valid JSON document. */
export class GeojsonSyntaxError extends SourceError {
  constructor(
    rel: string,
    /** Byte offset (0-based) where the document breaks. */
    readonly offset: number,
    problem: string,
  ) {
    super(`${rel}: not a complete GeoJSON document: ${problem} at byte ${offset}`);
    this.name = 'GeojsonSyntaxError';
  }
}

/** What {@link readGeojsonFeatures} read. */
export interface GeojsonRead {
  /** Members of `features` handed to the callback. */
  features: number;
  /**
   * "physical" when every feature starts on its own line (as GDAL writes GeoJSON): `line` is
   * that file line; "index" otherwise (a document on one line): `line` is the feature number.
   */
  lines: 'physical' | 'index';
  /** The document's top-level `type`. */
  type: unknown;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NL = 0x0a;

/** Char position of a JSON.parse error message ("… at position 44 …"), if it has one. */
function errorPosition(message: string): number | null {
  const m = /position (\d+)/.exec(message);
  return m ? Number(m[1]) : null;
}

/**
 * Reads `file` (a UTF-8 GeoJSON FeatureCollection) and calls `onFeature` for each member of its
 * `features` list, in order, with the physical line it starts on. Throws
 * {@link GeojsonSyntaxError} (with the byte offset) for any syntax error, a document that ends
 * early, text after the document, or a document that is not an object with a `features` list.
 */
export async function readGeojsonFeatures(
  file: string,
  rel: string,
  onFeature: (feature: unknown, line: number) => void,
  onProgress?: (bytes: number) => void,
): Promise<GeojsonRead> {
  const fh = await open(file, 'r');
  // Everything outside the features (bytes), with `{}` in place of each feature.
  const skeleton: Buffer[] = [];
  let skeletonBytes = 0;
  const keep = (part: Buffer): void => {
    skeleton.push(part);
    skeletonBytes += part.length;
  };
  const PLACEHOLDER = Buffer.from('{}');
  // Where each placeholder sits in the skeleton (byte), and how many file bytes it stands for.
  const holes: { at: number; bytes: number }[] = [];
  const featureLines: number[] = [];
  let features = 0;
  let depth = 0;
  let inString = false;
  let escape = false;
  let line = 1;
  /** Depth inside the `features` array while it is open (its members start there), else -1. */
  let featuresDepth = -1;
  let featuresSeen = false;
  let capture: { start: number; line: number; parts: Buffer[] } | null = null;
  let base = 0;
  const chunkSize = 1 << 20;
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(chunkSize);
      const { bytesRead } = await fh.read(buf, 0, chunkSize, null);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      let from = 0; // start of the part of this chunk not yet copied to skeleton / capture
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i] as number;
        if (inString) {
          if (escape) {
            escape = false;
            continue;
          }
          // Jump to the next quote or backslash.
          const q = chunk.indexOf(QUOTE, i);
          const end = q < 0 ? chunk.length : q;
          const bs = chunk.subarray(i, end).indexOf(BACKSLASH);
          if (bs >= 0) {
            i += bs;
            escape = true;
            continue;
          }
          if (q < 0) {
            i = chunk.length - 1;
            continue;
          }
          i = q;
          inString = false;
          continue;
        }
        if (b === QUOTE) inString = true;
        else if (b === NL) line++;
        else if (b === 0x7b || b === 0x5b) {
          // { or [
          if (depth === featuresDepth && b === 0x7b && capture === null) {
            keep(chunk.subarray(from, i));
            capture = { start: base + i, line, parts: [] };
            from = i;
          } else if (depth === 1 && b === 0x5b && !featuresSeen) {
            keep(chunk.subarray(from, i));
            from = i;
            const tail = Buffer.concat(skeleton.slice(-8)).toString('utf8').slice(-200);
            if (/"features"\s*:\s*$/.test(tail)) {
              featuresDepth = 2;
              featuresSeen = true;
            }
          }
          depth++;
        } else if (b === 0x7d || b === 0x5d) {
          // } or ]
          depth--;
          if (depth < 0) throw new GeojsonSyntaxError(rel, base + i, 'a closing bracket too many');
          if (capture && depth === featuresDepth) {
            capture.parts.push(chunk.subarray(from, i + 1));
            const bytes = Buffer.concat(capture.parts);
            const text = bytes.toString('utf8');
            let value: unknown;
            try {
              value = JSON.parse(text);
            } catch (e) {
              const pos = errorPosition((e as Error).message);
              const at = capture.start + (pos === null ? 0 : Buffer.byteLength(text.slice(0, pos)));
              throw new GeojsonSyntaxError(
                rel,
                at,
                `feature ${features + 1} (line ${capture.line}) is not valid JSON (${(e as Error).message})`,
              );
            }
            holes.push({ at: skeletonBytes, bytes: bytes.length });
            keep(PLACEHOLDER);
            featureLines.push(capture.line);
            onFeature(value, capture.line);
            features++;
            capture = null;
            from = i + 1;
          } else if (depth === 1 && featuresDepth === 2 && b === 0x5d) featuresDepth = -1;
        }
      }
      // Each chunk is a fresh buffer: parts may point into it.
      if (capture) capture.parts.push(chunk.subarray(from));
      else keep(chunk.subarray(from));
      base += chunk.length;
      onProgress?.(base);
    }
  } finally {
    await fh.close();
  }
  if (capture || inString || depth > 0)
    throw new GeojsonSyntaxError(
      rel,
      base,
      `the file ends before the document does (after ${features.toLocaleString('en')} complete features${capture ? `, inside feature ${features + 1} that starts on line ${capture.line}` : ''}): it is truncated`,
    );
  const text = Buffer.concat(skeleton).toString('utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const pos = errorPosition((e as Error).message) ?? text.length;
    // Skeleton position → file byte: add what the placeholders before it stand for.
    const inSkeleton = Buffer.byteLength(text.slice(0, pos));
    let offset = inSkeleton;
    for (const h of holes) if (h.at < inSkeleton) offset += h.bytes - PLACEHOLDER.length;
    throw new GeojsonSyntaxError(rel, offset, `invalid JSON (${(e as Error).message})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new GeojsonSyntaxError(rel, 0, 'the document is not a JSON object');
  const list = (doc as { features?: unknown }).features;
  if (!Array.isArray(list) || !featuresSeen)
    throw new GeojsonSyntaxError(rel, 0, 'the document has no "features" list');
  const isHole = (v: unknown): boolean =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
  const stray = list.findIndex((v) => !isHole(v));
  if (stray >= 0 || list.length !== features)
    throw new GeojsonSyntaxError(
      rel,
      0,
      `features[${stray}] is ${JSON.stringify(list[stray])}, not a feature object`,
    );
  const distinct = new Set(featureLines).size === featureLines.length;
  return {
    features,
    lines: distinct ? 'physical' : 'index',
    type: (doc as { type?: unknown }).type,
  };
}
