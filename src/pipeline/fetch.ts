/**
 * `npm run data:fetch [-- --all | --only ID,ID]`: downloads the official source files listed in
 * geodata/sources.json into geodata/raw/ with a progress bar, extracts zips, and verifies each
 * file (size, header kind). Offline it fails at once and says where to put the files by hand.
 */
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createInflateRaw } from 'node:zlib';
import cliProgress from 'cli-progress';
import type { SourceKind } from '../domain/encoding';
import { inspectSource, PROJECT_ROOT, SourceError } from './sources';

/** One entry of geodata/sources.json. */
export interface SourceEntry {
  id: string;
  dataset: string;
  version: string;
  default: boolean;
  url: string;
  /** "zip" when the download is a zip holding `file`. */
  archive?: 'zip';
  /** Sub-folder of geodata/raw/. */
  dir: string;
  /** The file name in geodata/raw/<dir>/ (for a zip: the entry to extract). */
  file: string;
  kind: SourceKind;
  minBytes: number;
  licence: string;
  citation: string;
  homepage: string;
}

/** A download could not be done; the message says what to do by hand. */
export class FetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FetchError';
  }
}

/** Reads and checks geodata/sources.json. */
export function loadSources(
  file = path.join(PROJECT_ROOT, 'geodata', 'sources.json'),
): SourceEntry[] {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { sources?: unknown };
  if (!Array.isArray(json.sources)) throw new Error(`${file}: "sources" must be a list`);
  const required = ['id', 'version', 'url', 'dir', 'file', 'kind', 'licence', 'citation'] as const;
  return json.sources.map((s: Record<string, unknown>, i: number) => {
    for (const k of required)
      if (typeof s[k] !== 'string' || s[k] === '')
        throw new Error(`${file}: sources[${i}] needs a non-empty "${k}"`);
    return s as unknown as SourceEntry;
  });
}

/** Where a source goes by hand: its path under the raw folder. */
export function targetPath(rawDir: string, s: SourceEntry): string {
  return path.join(rawDir, s.dir, s.file);
}

/** The message for fetching by hand. */
export function manualInstructions(rawDir: string, sources: readonly SourceEntry[]): string {
  const lines = sources.map(
    (s) =>
      `  ${s.id}: download ${s.url}\n    → ${path.relative(process.cwd(), targetPath(rawDir, s)) || targetPath(rawDir, s)}${s.archive === 'zip' ? ` (extract ${s.file} from the zip)` : ''}`,
  );
  return (
    `Put the files there by hand (file names are a convention: the build recognizes files by header), ` +
    `or pass any folder to \`npm run data -- --from DIR\`:\n${lines.join('\n')}`
  );
}

/**
 * Downloads `url` to `dest` (via a .part file). Fails after `timeoutMs` without a response, or
 * when no data arrives for `stallMs`.
 */
export async function download(
  url: string,
  dest: string,
  opts: { timeoutMs: number; stallMs?: number; onProgress?: (done: number, total: number) => void },
): Promise<number> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new Error(`no response within ${opts.timeoutMs / 1000} s`)),
    opts.timeoutMs,
  );
  let res: Response;
  try {
    res = await fetch(url, { signal: controller.signal, redirect: 'follow' });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new FetchError(`${url}: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
  if (!res.ok || !res.body) throw new FetchError(`${url}: HTTP ${res.status} ${res.statusText}`);
  const total = Number(res.headers.get('content-length') ?? 0);
  mkdirSync(path.dirname(dest), { recursive: true });
  const part = `${dest}.part`;
  let done = 0;
  let stall: NodeJS.Timeout | undefined;
  const stallMs = opts.stallMs ?? 30_000;
  const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream);
  const arm = (): void => {
    clearTimeout(stall);
    stall = setTimeout(
      () => body.destroy(new FetchError(`${url}: no data for ${stallMs / 1000} s`)),
      stallMs,
    );
  };
  arm();
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      done += chunk.length;
      arm();
      opts.onProgress?.(done, total);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(body, counter, createWriteStream(part));
  } catch (e) {
    rmSync(part, { force: true });
    throw e instanceof FetchError ? e : new FetchError(`${url}: ${(e as Error).message}`);
  } finally {
    clearTimeout(stall);
  }
  renameSync(part, dest);
  return done;
}

/**
 * Extracts one entry (by base name) from a zip file by streaming it through inflate. Supports
 * stored and deflated entries (what the UCDP zips use).
 */
export async function extractZipEntry(
  zipPath: string,
  name: string,
  dest: string,
): Promise<number> {
  const fh = await open(zipPath, 'r');
  try {
    const size = (await fh.stat()).size;
    const tailLen = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw new FetchError(`${zipPath}: not a zip file (no end of central directory)`);
    const entries = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    let p = 0;
    const names: string[] = [];
    for (let i = 0; i < entries; i++) {
      if (cd.readUInt32LE(p) !== 0x02014b50)
        throw new FetchError(`${zipPath}: corrupt central directory`);
      const method = cd.readUInt16LE(p + 10);
      const compSize = cd.readUInt32LE(p + 20);
      const fullSize = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const localOffset = cd.readUInt32LE(p + 42);
      const entryName = cd.toString('utf8', p + 46, p + 46 + nameLen);
      names.push(entryName);
      p += 46 + nameLen + extraLen + commentLen;
      if (path.basename(entryName) !== name) continue;
      const local = Buffer.alloc(30);
      await fh.read(local, 0, 30, localOffset);
      const dataStart = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      const input = createReadStream(zipPath, { start: dataStart, end: dataStart + compSize - 1 });
      mkdirSync(path.dirname(dest), { recursive: true });
      // Extracted beside the target and renamed only when complete: an interrupted or short
      // extraction never leaves a truncated source behind.
      const part = `${dest}.part`;
      try {
        if (method === 8) await pipeline(input, createInflateRaw(), createWriteStream(part));
        else if (method === 0) await pipeline(input, createWriteStream(part));
        else
          throw new FetchError(`${zipPath}: ${entryName} uses unsupported compression ${method}`);
        const size = statSync(part).size;
        // 0xFFFFFFFF: a ZIP64 entry, whose size is elsewhere.
        if (fullSize !== 0xffffffff && size !== fullSize)
          throw new FetchError(
            `${zipPath}: ${entryName} extracted to ${size} bytes, the zip says ${fullSize}`,
          );
      } catch (e) {
        rmSync(part, { force: true });
        throw e;
      }
      renameSync(part, dest);
      return statSync(dest).size;
    }
    throw new FetchError(`${zipPath}: has no entry ${name} (entries: ${names.join(', ')})`);
  } finally {
    await fh.close();
  }
}

/** Checks a fetched file: size and what its header says it is. */
export async function verify(s: SourceEntry, file: string): Promise<void> {
  const bytes = statSync(file).size;
  if (bytes < s.minBytes)
    throw new FetchError(`${s.id}: ${file} has ${bytes} bytes, expected at least ${s.minBytes}`);
  let kind: SourceKind;
  try {
    kind = (await inspectSource(path.dirname(file), path.basename(file))).kind;
  } catch (e) {
    if (e instanceof SourceError) throw new FetchError(`${s.id}: ${e.message}`);
    throw e;
  }
  if (kind !== s.kind) throw new FetchError(`${s.id}: ${file} is ${kind}, expected ${s.kind}`);
}

/**
 * Fetches sources into `rawDir`; files already there and valid are kept. Throws a
 * {@link FetchError} with manual instructions at the first network failure.
 */
export async function fetchSources(opts: {
  sources: readonly SourceEntry[];
  rawDir: string;
  timeoutMs?: number;
  quiet?: boolean;
}): Promise<{ fetched: string[]; kept: string[] }> {
  const log = (m: string): void => {
    if (!opts.quiet) process.stderr.write(`${m}\n`);
  };
  const fetched: string[] = [];
  const kept: string[] = [];
  for (const [i, s] of opts.sources.entries()) {
    const target = targetPath(opts.rawDir, s);
    if (existsSync(target)) {
      try {
        await verify(s, target);
        log(`✓ ${s.id}: already in ${target}`);
        kept.push(s.id);
        continue;
      } catch {
        log(`! ${s.id}: ${target} does not verify; downloading again`);
      }
    }
    const download$ = s.archive === 'zip' ? `${target}.zip` : target;
    const bar =
      !opts.quiet && process.stderr.isTTY
        ? new cliProgress.SingleBar(
            {
              format: `  ${s.id} [{bar}] {percentage}% | {value}/{total} MB`,
              stream: process.stderr,
            },
            cliProgress.Presets.shades_classic,
          )
        : null;
    log(`↓ ${s.id}: ${s.url}`);
    try {
      let started = false;
      await download(s.url, download$, {
        timeoutMs: opts.timeoutMs ?? 10_000,
        onProgress: (done, total) => {
          if (!bar || !total) return;
          if (!started) bar.start(Math.round(total / 1e6), 0);
          started = true;
          bar.update(Math.round(done / 1e6));
        },
      });
      bar?.stop();
    } catch (e) {
      bar?.stop();
      throw new FetchError(
        `could not download ${s.id} (${(e as Error).message}).\n${manualInstructions(opts.rawDir, opts.sources.slice(i))}`,
      );
    }
    if (s.archive === 'zip') {
      log(`  extracting ${s.file}`);
      await extractZipEntry(download$, s.file, target);
      rmSync(download$, { force: true });
    }
    await verify(s, target);
    log(`✓ ${s.id}: ${target} (${(statSync(target).size / 1e6).toFixed(1)} MB)`);
    fetched.push(s.id);
  }
  return { fetched, kept };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      all: { type: 'boolean', default: false },
      only: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  const all = loadSources();
  const ids = values.only?.split(',').map((x) => x.trim());
  const chosen = all.filter((s) => (ids ? ids.includes(s.id) : values.all || s.default));
  if (ids && chosen.length !== ids.length) {
    process.stderr.write(`unknown source id; known: ${all.map((s) => s.id).join(', ')}\n`);
    return 2;
  }
  const rawDir = path.join(PROJECT_ROOT, 'geodata', 'raw');
  try {
    const r = await fetchSources({
      sources: chosen,
      rawDir,
      timeoutMs: values.timeout ? Number(values.timeout) * 1000 : 10_000,
    });
    process.stderr.write(
      `\nDone: ${r.fetched.length} downloaded, ${r.kept.length} already present in ${rawDir}. Now run \`npm run data\`.\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof FetchError) {
      process.stderr.write(`npm run data:fetch: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
