/**
 * Source text encodings: every source is read as UTF-8. A file that is not valid UTF-8 is
 * either a Latin-1 / Windows-1252 file (converted to UTF-8 before reading, and recorded in the
 * manifest) or refused with the first line that cannot be read: never half-read.
 */
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { isValidUtf8File } from './sources';

/** What {@link detectEncoding} found. */
export type EncodingVerdict =
  | { encoding: 'utf-8' }
  | { encoding: 'windows-1252' }
  | {
      encoding: 'unreadable';
      /** Physical line (1 = the first line) and byte offset of the first byte that is wrong. */
      line: number;
      offset: number;
      /** Why, in words. */
      problem: string;
    };

/** Bytes that Windows-1252 leaves undefined. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Length of the well-formed UTF-8 sequence starting at `buf[i]` (a byte ≥ 0x80), 0 when it is
 * not one, or -1 when the buffer ends before the sequence could be judged.
 */
function utf8SequenceLength(buf: Uint8Array, i: number): number {
  const b = buf[i] as number;
  let need: number;
  let min: number;
  if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
  else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
  else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
  else return 0;
  let cp = b & (0x3f >> need);
  for (let k = 1; k <= need; k++) {
    if (i + k >= buf.length) return -1;
    const c = buf[i + k] as number;
    if ((c & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (c & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return need + 1;
}

/**
 * The encoding of a text source. Valid UTF-8 without NUL bytes (checked at simdutf speed) is
 * UTF-8. Otherwise the
 * file is scanned byte by byte: it is Windows-1252 (which includes Latin-1's printable range)
 * when it holds no well-formed UTF-8 sequence at all, no byte that Windows-1252 leaves
 * undefined and no control byte other than tab, line feed and carriage return; anything else
 * (UTF-8 mixed with other bytes, UTF-16, binary) is unreadable, with the first bad line.
 */
export async function detectEncoding(file: string): Promise<EncodingVerdict> {
  if (await isValidUtf8File(file, true)) return { encoding: 'utf-8' };
  const fh = await open(file, 'r');
  try {
    const chunk = 8 << 20;
    let buf: Uint8Array = new Uint8Array(0);
    let base = 0; // file offset of buf[0]
    let line = 1;
    let firstInvalid: { line: number; offset: number; byte: number } | null = null;
    let firstUtf8: { line: number; offset: number } | null = null;
    for (let eof = false; !eof;) {
      const next = Buffer.allocUnsafe(chunk);
      const { bytesRead } = await fh.read(next, 0, chunk, null);
      eof = bytesRead === 0;
      const joined = new Uint8Array(buf.length + bytesRead);
      joined.set(buf);
      joined.set(next.subarray(0, bytesRead), buf.length);
      buf = joined;
      let i = 0;
      for (; i < buf.length; i++) {
        const b = buf[i] as number;
        if (b === 0x0a) {
          line++;
          continue;
        }
        if (b < 0x80) {
          if (b < 0x20 && b !== 0x09 && b !== 0x0d)
            return {
              encoding: 'unreadable',
              line,
              offset: base + i,
              problem: `control byte 0x${b.toString(16).padStart(2, '0')} (a binary or UTF-16 file?)`,
            };
          continue;
        }
        const n = utf8SequenceLength(buf, i);
        if (n === -1 && !eof) break; // judged with the next chunk
        if (n > 0) {
          firstUtf8 ??= { line, offset: base + i };
          i += n - 1;
          continue;
        }
        firstInvalid ??= { line, offset: base + i, byte: b };
        if (CP1252_UNDEFINED.has(b))
          return {
            encoding: 'unreadable',
            line,
            offset: base + i,
            problem: `byte 0x${b.toString(16)}, which is neither UTF-8 nor Windows-1252 / Latin-1`,
          };
        if (firstUtf8) break;
      }
      if (firstUtf8 && firstInvalid) {
        return {
          encoding: 'unreadable',
          line: firstInvalid.line,
          offset: firstInvalid.offset,
          problem: `byte 0x${firstInvalid.byte.toString(16)} is not UTF-8, but line ${firstUtf8.line} is UTF-8: the file mixes encodings`,
        };
      }
      base += i;
      buf = buf.subarray(i);
    }
    return firstInvalid ? { encoding: 'windows-1252' } : { encoding: 'utf-8' };
  } finally {
    await fh.close();
  }
}

/** Converts a Windows-1252 (or Latin-1) file to UTF-8 at `dest`, streamed. */
export async function convertWindows1252(file: string, dest: string): Promise<void> {
  mkdirSync(path.dirname(dest), { recursive: true });
  const decoder = new TextDecoder('windows-1252');
  await pipeline(
    createReadStream(file, { highWaterMark: 1 << 20 }),
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        // A single-byte encoding: every chunk decodes on its own.
        done(null, Buffer.from(decoder.decode(chunk), 'utf8'));
      },
    }),
    createWriteStream(dest),
  );
}
