/**
 * Finding the source folder and recognizing each input file by its header (with aliases),
 * never by its file name.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import type { SourceKind } from '../domain/encoding';

/** A clear, user-facing error of the data build (the CLI prints it and exits non-zero). */
export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceError';
  }
}

/** Project root (this file is src/pipeline/sources.ts). */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Where the build looks for sources, in order. */
export function sourceCandidates(opts: {
  from?: string;
  env?: string | undefined;
  root?: string;
}): { dir: string; reason: string; explicit: boolean }[] {
  const root = opts.root ?? PROJECT_ROOT;
  const out: { dir: string; reason: string; explicit: boolean }[] = [];
  if (opts.from) out.push({ dir: path.resolve(opts.from), reason: '--from', explicit: true });
  else if (opts.env)
    out.push({ dir: path.resolve(opts.env), reason: '$PRESENCE_ATLAS_DATA', explicit: true });
  else {
    out.push({
      dir: path.join(root, 'geodata', 'raw'),
      reason: 'geodata/raw/ (npm run data:fetch)',
      explicit: false,
    });
    out.push({
      dir: path.resolve(root, '..', 'shared', 'data'),
      reason: '../shared/data/ (default)',
      explicit: false,
    });
  }
  return out;
}

const DATA_EXT = /\.(csv|geojson|json)$/i;

/** Data files (.csv, .geojson, .json) under a folder, recursively, sorted by relative path. */
export function listDataFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !DATA_EXT.test(entry.name) || entry.name.startsWith('.')) continue;
    out.push(path.relative(dir, path.join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

/**
 * Picks the source folder: `--from DIR`, else `$PRESENCE_ATLAS_DATA`, else `geodata/raw/` when
 * it holds data files, else `../shared/data/`. An explicit folder that is missing or empty is an
 * error (never a silent fallback).
 */
export function pickSourceDir(opts: { from?: string; env?: string | undefined; root?: string }): {
  dir: string;
  reason: string;
} {
  const tried: string[] = [];
  for (const c of sourceCandidates(opts)) {
    const found = existsSync(c.dir);
    const exists = found && statSync(c.dir).isDirectory();
    const files = exists ? listDataFiles(c.dir) : [];
    if (files.length > 0) return { dir: c.dir, reason: c.reason };
    if (c.explicit)
      throw new SourceError(
        exists
          ? `source folder ${c.dir} (${c.reason}) holds no .csv or .geojson files`
          : found
            ? `${c.dir} (${c.reason}) is a file, not a folder: give the folder that holds the source files`
            : `source folder ${c.dir} (${c.reason}) does not exist`,
      );
    tried.push(`${c.dir} (${c.reason}): ${exists ? 'no data files' : 'missing'}`);
  }
  throw new SourceError(
    `no source data found. Looked in:\n  ${tried.join('\n  ')}\n` +
      'Run `npm run data:fetch` to download the official files into geodata/raw/, or put them there by hand (see geodata/sources.json), or pass --from DIR.',
  );
}

// ---------------------------------------------------------------------------------------------
// Header recognition

/** Normalized header name: lower case, letters and digits only ("No.troops" → "notroops"). */
export function normalizeHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

interface KindSpec {
  kind: SourceKind;
  label: string;
  format: 'csv' | 'geojson';
  /** Canonical field → accepted normalized header names. */
  required: Record<string, string[]>;
  optional: Record<string, string[]>;
}

const GED_REQUIRED: Record<string, string[]> = {
  id: ['id', 'eventid'],
  year: ['year'],
  type_of_violence: ['typeofviolence'],
  side_a: ['sidea'],
  where_prec: ['whereprec'],
  country: ['country'],
  date_start: ['datestart'],
  best: ['best', 'bestest'],
  low: ['low', 'lowest'],
  high: ['high', 'highest'],
};
/** GED columns used when present: the event's first-level administrative area (names cells). */
const GED_OPTIONAL: Record<string, string[]> = {
  adm_1: ['adm1'],
};
const GED_COORDS: Record<string, string[]> = {
  latitude: ['latitude', 'lat'],
  longitude: ['longitude', 'lon', 'long', 'lng'],
};
const PKO_LOCATION: Record<string, string[]> = {
  mission: ['mission'],
  year: ['year'],
  location: ['location'],
  latitude: ['latitude', 'lat'],
  longitude: ['longitude', 'lon', 'long'],
};

/** The inputs the build understands. */
export const KINDS: readonly KindSpec[] = [
  {
    kind: 'ged-csv',
    label: 'UCDP GED events (CSV)',
    format: 'csv',
    required: { ...GED_REQUIRED, ...GED_COORDS },
    optional: GED_OPTIONAL,
  },
  {
    kind: 'ged-geojson',
    label: 'UCDP GED events (GeoJSON)',
    format: 'geojson',
    required: GED_REQUIRED,
    optional: { ...GED_COORDS, ...GED_OPTIONAL },
  },
  {
    kind: 'geopko-monthly',
    label: 'Geo-PKO monthly locations (v2.0–v2.3)',
    format: 'csv',
    required: {
      ...PKO_LOCATION,
      month: ['month'],
      country: ['country'],
      troops: ['notroops'],
      hq: ['hq'],
    },
    optional: {
      unpol: ['unpoldummy', 'unpol'],
      unmo: ['unmodummy', 'unmo'],
      tccCount: ['notcc'],
    },
  },
  {
    kind: 'geopko-frontmap',
    label: 'Geo-PKO FrontMap (yearly deployments)',
    format: 'csv',
    required: { ...PKO_LOCATION, country: ['country'], troops: ['notroops'], hq: ['hq'] },
    optional: {
      unpol: ['unpol', 'unpoldummy'],
      unmo: ['unmo', 'unmodummy'],
      infantry: ['infantry'],
      reserve: ['reserve'],
      med: ['med'],
      av: ['av'],
      aveTroops: ['avenotroops'],
    },
  },
  {
    kind: 'geopko-ttmap',
    label: 'Geo-PKO TTMap (unit types)',
    format: 'csv',
    required: {
      ...PKO_LOCATION,
      infantry: ['infantry'],
      eng: ['eng'],
      med: ['med'],
      sig: ['sig'],
      av: ['av'],
      riv: ['riv'],
      maint: ['maint'],
      trans: ['trans'],
    },
    optional: {},
  },
  {
    kind: 'geopko-tccmap',
    label: 'Geo-PKO TCCMap (contributing countries)',
    format: 'csv',
    required: { ...PKO_LOCATION, tccCount: ['notcc'], overview: ['yearoverview'] },
    optional: {},
  },
];

/** A recognized source file. */
export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the source folder (used in rejects and the manifest). */
  rel: string;
  kind: SourceKind;
  label: string;
  format: 'csv' | 'geojson';
  /** The header as written (CSV) or the first feature's property names (GeoJSON). */
  header: string[];
  /** Canonical field → header name as written, for the fields present. */
  fields: Record<string, string>;
  bytes: number;
  /** Dataset version from the file name (GED "23.1", Geo-PKO "2.3"), or "unknown". */
  version: string;
}

/**
 * Which kind a header is. Throws a {@link SourceError} naming the missing columns of the
 * closest kind when no kind matches.
 */
export function recognizeHeader(
  rel: string,
  header: string[],
  format: 'csv' | 'geojson',
): { spec: KindSpec; fields: Record<string, string> } {
  const norm = new Map<string, string>();
  for (const h of header) {
    const n = normalizeHeader(h);
    if (!norm.has(n)) norm.set(n, h.replace(/^\uFEFF/, ''));
  }
  let best: { spec: KindSpec; missing: string[]; score: number } | null = null;
  const matches: { spec: KindSpec; fields: Record<string, string> }[] = [];
  for (const spec of KINDS) {
    if (spec.format !== format) continue;
    const fields: Record<string, string> = {};
    const missing: string[] = [];
    for (const [field, aliases] of Object.entries(spec.required)) {
      const hit = aliases.find((a) => norm.has(a));
      if (hit) fields[field] = norm.get(hit) as string;
      else missing.push(field);
    }
    for (const [field, aliases] of Object.entries(spec.optional)) {
      const hit = aliases.find((a) => norm.has(a));
      if (hit) fields[field] = norm.get(hit) as string;
    }
    const total = Object.keys(spec.required).length;
    if (missing.length === 0) matches.push({ spec, fields });
    const score = (total - missing.length) / total;
    if (!best || score > best.score) best = { spec, missing, score };
  }
  if (matches.length > 0) {
    // The most specific kind (most required columns) wins: a monthly file also has every
    // FrontMap column.
    matches.sort(
      (a, b) => Object.keys(b.spec.required).length - Object.keys(a.spec.required).length,
    );
    return matches[0] as { spec: KindSpec; fields: Record<string, string> };
  }
  const shown = header.slice(0, 8).join(', ') + (header.length > 8 ? ', …' : '');
  if (best && best.score >= 0.4)
    throw new SourceError(
      `${rel}: header not recognized. It looks like ${best.spec.label} but lacks the columns: ${best.missing.join(', ')}. Header read: ${shown}`,
    );
  throw new SourceError(
    `${rel}: header not recognized as any known input (${KINDS.map((k) => k.label).join('; ')}). Header read: ${shown}`,
  );
}

/** Reads the first `max` bytes of a file as UTF-8. */
async function readHead(file: string, max = 65536): Promise<string> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(max);
    const { bytesRead } = await fh.read(buf, 0, max, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}

/** Splits one CSV header line (RFC 4180 quoting, via csv-parse). */
export function splitCsvHeader(line: string): string[] {
  const rows = parseCsv(line, { relax_quotes: true, relax_column_count: true }) as string[][];
  return rows[0] ?? [''];
}

/** Version of a source from its file name: GED "ged231" / "GEDEvent_v23_1" → "23.1". */
export function versionFromName(rel: string, kind: SourceKind): string {
  const base = path.basename(rel);
  if (kind.startsWith('ged')) {
    const m = /v?(\d{2})[._-]?(\d)(?!\d)/i.exec(base.replace(/^.*?ged/i, ''));
    return m ? `${m[1]}.${m[2]}` : 'unknown';
  }
  const m = /v\.?_?(\d)[._](\d)/i.exec(base);
  return m ? `${m[1]}.${m[2]}` : kind === 'geopko-monthly' ? 'unknown' : '2.3';
}

/**
 * Reads the header of a data file and recognizes it. Throws {@link SourceError} for an empty,
 * unreadable or unrecognized file.
 */
export async function inspectSource(dir: string, rel: string): Promise<SourceFile> {
  const file = path.join(dir, rel);
  let bytes: number;
  try {
    bytes = statSync(file).size;
  } catch (e) {
    throw new SourceError(`${rel}: cannot read (${(e as Error).message})`);
  }
  if (bytes === 0) throw new SourceError(`${rel}: the file is empty`);
  let head: string;
  try {
    head = await readHead(file);
  } catch (e) {
    throw new SourceError(`${rel}: cannot read (${(e as Error).message})`);
  }
  head = head.replace(/^\uFEFF/, '');
  if (head.trim() === '') throw new SourceError(`${rel}: the file is empty`);
  const isJson = /^\s*[{[]/.test(head);
  let header: string[];
  let format: 'csv' | 'geojson';
  if (isJson) {
    format = 'geojson';
    header = await geojsonPropertyNames(file, rel);
  } else {
    format = 'csv';
    const firstLine = (head.split(/\r?\n/)[0] ?? '').replace(/\r$/, '');
    header = splitCsvHeader(firstLine);
    const rest = head.slice(firstLine.length).trim();
    if (rest === '' && bytes <= Buffer.byteLength(head, 'utf8') + 3)
      throw new SourceError(`${rel}: the file has a header line but no data rows`);
    if (header.length === 1) {
      const delim = [';', '\t', '|'].find((d) => firstLine.includes(d));
      if (delim)
        throw new SourceError(
          `${rel}: the header uses ${delim === '\t' ? 'tabs' : `"${delim}"`} as delimiter; the build reads comma-separated files (the official format). Header read: ${firstLine.slice(0, 80)}`,
        );
    }
  }
  const { spec, fields } = recognizeHeader(rel, header, format);
  return {
    path: file,
    rel,
    kind: spec.kind,
    label: spec.label,
    format,
    header,
    fields,
    bytes,
    version: versionFromName(rel, spec.kind),
  };
}

/** Property names of the first feature of a GeoJSON FeatureCollection. */
async function geojsonPropertyNames(file: string, rel: string): Promise<string[]> {
  // Read until the first feature's properties object is complete (one feature per line in
  // GDAL-written files; a small file written on one line is parsed whole).
  const head = await readHead(file, 1 << 20);
  const features = head.indexOf('"features"');
  const at = features < 0 ? -1 : head.indexOf('"properties"', features);
  if (at < 0) {
    if (/"features"\s*:\s*\[\s*\]/.test(head))
      throw new SourceError(`${rel}: the GeoJSON FeatureCollection has no features`);
    throw new SourceError(
      `${rel}: not a GeoJSON FeatureCollection with feature properties (no "properties" found)`,
    );
  }
  const start = head.indexOf('{', at);
  let depth = 0;
  let inStr = false;
  for (let i = start; i < head.length; i++) {
    const ch = head[i];
    if (inStr) {
      if (ch === '\\') i++;
      else if (ch === '"') inStr = false;
    } else if (ch === '"') inStr = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) {
      try {
        return Object.keys(JSON.parse(head.slice(start, i + 1)) as object);
      } catch {
        break;
      }
    }
  }
  throw new SourceError(`${rel}: could not read the first feature's properties`);
}

/** Bytes per read of {@link isValidUtf8File}. */
export const UTF8_CHECK_CHUNK = 8 << 20;

/**
 * True when the file is valid UTF-8 (streamed, simdutf-fast). Any other file is converted from
 * Windows-1252 or refused before it is read (see src/pipeline/textEncoding.ts): never read
 * half, with the undecodable lines dropped. With `rejectNul`, a NUL byte (UTF-16, binary) also
 * makes it false.
 */
export async function isValidUtf8File(file: string, rejectNul = false): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    // One reused buffer; an incomplete multi-byte sequence at the end of a read is moved to the
    // front and completed by the next read.
    const buf = Buffer.allocUnsafe(UTF8_CHECK_CHUNK);
    let carry = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, carry, buf.length - carry, null);
      const filled = carry + bytesRead;
      if (bytesRead === 0) return carry === 0 || isUtf8(buf.subarray(0, carry));
      if (rejectNul && buf.subarray(carry, filled).indexOf(0) >= 0) return false;
      let end = filled;
      let back = 0;
      while (back < 3 && end - back - 1 >= 0 && ((buf[end - back - 1] as number) & 0xc0) === 0x80)
        back++;
      const lead = buf[end - back - 1];
      if (lead !== undefined && lead >= 0xc0) {
        const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
        if (back + 1 < need) end = end - back - 1;
      }
      if (!isUtf8(buf.subarray(0, end))) return false;
      buf.copyWithin(0, end, filled);
      carry = filled - end;
    }
  } finally {
    await fh.close();
  }
}

/** The hashing loop, run in a worker thread (plain CommonJS: no TypeScript loader needed). */
const HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const buf = Buffer.allocUnsafe(4 << 20);
for (const file of workerData) {
  try {
    const hash = createHash('sha256');
    const fd = openSync(file, 'r');
    try {
      for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n));
    } finally {
      closeSync(fd);
    }
    parentPort.postMessage({ file, sha256: hash.digest('hex') });
  } catch (e) {
    parentPort.postMessage({ file, error: String((e && e.message) || e) });
  }
}
`;

/**
 * sha256 of each file, computed in a worker thread (one pass per file through a reused buffer)
 * so that hashing runs alongside DuckDB and the build's JavaScript.
 */
export function sha256Files(files: readonly string[]): Map<string, Promise<string>> {
  const pending = new Map<string, { resolve: (h: string) => void; reject: (e: Error) => void }>();
  const out = new Map<string, Promise<string>>();
  for (const f of files)
    out.set(f, new Promise<string>((resolve, reject) => pending.set(f, { resolve, reject })));
  if (files.length === 0) return out;
  const worker = new Worker(HASH_WORKER, { eval: true, workerData: [...new Set(files)] });
  worker.on('message', (m: { file: string; sha256?: string; error?: string }) => {
    const p = pending.get(m.file);
    pending.delete(m.file);
    if (m.sha256) p?.resolve(m.sha256);
    else p?.reject(new Error(`cannot hash ${m.file}: ${m.error}`));
  });
  const fail = (e: Error): void => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', () => fail(new Error('the hashing worker stopped early')));
  // A rejected hash that nobody awaits yet must not crash the process.
  for (const p of out.values()) p.catch(() => undefined);
  return out;
}
