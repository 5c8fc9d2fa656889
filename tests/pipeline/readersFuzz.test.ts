/**
 * Fuzz tests of the source readers (fast-check): CSV rows with random quoting, field counts,
 * encodings and truncation through the whole build; GeoJSON documents with random layout,
 * content and truncation through the streaming reader. Whatever the input, nothing crashes,
 * every source keeps read = kept + rejected, and a document that is cut short is an error.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/pipeline/build';
import { GeojsonSyntaxError, readGeojsonFeatures } from '../../src/pipeline/geojsonStream';
import { SourceError } from '../../src/pipeline/sources';
import {
  FRONTMAP_COLUMNS,
  GED_COLUMNS,
  csv,
  frontRow,
  gedRow,
  outDir,
  sourceDir,
} from '../fixtures/pipeline/factories';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A field value: numbers, text with CSV specials, Latin-1 and other Unicode, empty, NA. */
const fieldArb = fc.oneof(
  fc.integer({ min: -5, max: 3000 }).map(String),
  fc.double({ min: -200, max: 200, noNaN: true }).map(String),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', 'NA', 'Séléka', 'Côte d’Ivoire', 'a,b', 'say "hi"', 'two\nlines', '=1+1'),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);

/** Quotes a field (always, or only when needed, per the row's style). */
function quote(v: string, always: boolean): string {
  return always || /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

interface GedFuzzCase {
  rows: { fields: string[]; extra: number; drop: number; alwaysQuote: boolean }[];
  encoding: 'utf-8' | 'windows-1252';
  /** Cut the last row after this fraction of its text (null: the whole file). */
  cut: number | null;
  crlf: boolean;
}

const rowArb = fc.record({
  // Values for some GED columns; the others come from a valid default row.
  fields: fc.array(fieldArb, { minLength: 4, maxLength: 4 }),
  extra: fc.constantFrom(0, 0, 0, 1, 2),
  drop: fc.constantFrom(0, 0, 0, 1, 5),
  alwaysQuote: fc.boolean(),
});

const caseArb: fc.Arbitrary<GedFuzzCase> = fc.record({
  rows: fc.array(rowArb, { minLength: 1, maxLength: 12 }),
  encoding: fc.constantFrom('utf-8' as const, 'windows-1252' as const),
  cut: fc.option(fc.double({ min: 0.05, max: 0.95, noNaN: true }), { nil: null }),
  crlf: fc.boolean(),
});

/** Windows-1252 bytes (characters outside it become "?"). */
function cp1252(text: string): Buffer {
  const special: Record<string, number> = { '’': 0x92, '“': 0x93, '”': 0x94, '€': 0x80 };
  return Buffer.from(
    [...text].map((ch) => {
      const c = ch.codePointAt(0) as number;
      return special[ch] ?? (c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : 0x3f);
    }),
  );
}

/** The GED CSV of a fuzz case, and how many records it has. */
function gedFile(c: GedFuzzCase, k: number): { bytes: Buffer; records: number } {
  const nl = c.crlf ? '\r\n' : '\n';
  const lines = c.rows.map((r, i) => {
    const row = gedRow({
      id: k * 100 + i + 1,
      side_a: r.fields[0] as string,
      best: r.fields[1] as string,
      latitude: r.fields[2] as string,
      where_description: r.fields[3] as string,
    });
    let values = GED_COLUMNS.map((col) => String(row[col] ?? ''));
    if (r.drop) values = values.slice(0, values.length - r.drop);
    for (let e = 0; e < r.extra; e++) values.push('x');
    return values.map((v) => quote(v, r.alwaysQuote)).join(',');
  });
  let text = [GED_COLUMNS.join(','), ...lines].join(nl) + nl;
  if (c.cut !== null) {
    const last = lines[lines.length - 1] as string;
    const start = text.length - nl.length - last.length;
    text = text.slice(0, start + Math.max(1, Math.floor(last.length * c.cut)));
  }
  return {
    bytes: c.encoding === 'utf-8' ? Buffer.from(text) : cp1252(text),
    records: c.rows.length,
  };
}

describe('CSV reader fuzz (whole build)', () => {
  it('never crashes; read = kept + rejected; every generated record is read', async () => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        k++;
        const { bytes, records } = gedFile(c, k);
        const name = `fuzz-csv-${k % 4}`;
        let result;
        try {
          result = await buildDataset({
            from: sourceDir(name, {
              'ucdp/ged.csv': bytes,
              'geopko/FrontMap_v.2.3.csv': csv(FRONTMAP_COLUMNS, [frontRow()]),
            }),
            outDir: outDir(name),
            quiet: true,
            allowRejects: true,
          });
        } catch (e) {
          // A clear refusal is allowed (e.g. a header cut short); anything else is a crash.
          expect(e).toBeInstanceOf(SourceError);
          return;
        }
        for (const s of result.manifest.sources)
          expect(s.rowsRead, s.file).toBe(s.rowsKept + s.rowsRejected);
        const ged = result.manifest.sources.find((s) => s.file === 'ucdp/ged.csv');
        expect(ged?.encoding).toBe(
          c.encoding === 'windows-1252' && !bytes.every((b) => b < 0x80) ? 'windows-1252' : 'utf-8',
        );
        // Quoting is always balanced here, so each generated row is one record.
        expect(ged?.rowsRead).toBe(records);
        expect(result.rejects.filter((r) => r.source === 'ucdp/ged.csv')).toHaveLength(
          ged?.rowsRejected ?? -1,
        );
      }),
      { numRuns: 24, seed: 16, endOnFailure: true },
    );
  }, 240_000);
});

/** A GED-like feature with random properties. */
const featureArb = fc.record({
  type: fc.constant('Feature'),
  properties: fc.record({
    id: fc.integer({ min: 1, max: 1e6 }),
    side_a: fc.oneof(fc.string({ maxLength: 10 }), fc.string({ unit: 'grapheme', maxLength: 6 })),
    best: fc.oneof(
      fc.integer({ min: -3, max: 500 }),
      fc.constant(null),
      fc.string({ maxLength: 3 }),
    ),
    note: fc.constantFrom('a "}]" b', 'back\\slash', '{[', 'é\u202e', ''),
  }),
  geometry: fc.oneof(
    fc.record({
      type: fc.constant('Point'),
      coordinates: fc.tuple(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -90, max: 90, noNaN: true }),
      ),
    }),
    fc.constant(null),
  ),
});

const layoutArb = fc.constantFrom('gdal', 'one-line', 'pretty');

function geojsonText(features: unknown[], layout: string): string {
  const doc = { type: 'FeatureCollection', name: 'GEDEvent', features };
  if (layout === 'pretty') return JSON.stringify(doc, null, 2);
  if (layout === 'one-line') return JSON.stringify(doc);
  return `{\n"type": "FeatureCollection",\n"name": "GEDEvent",\n"features": [\n${features
    .map((f) => JSON.stringify(f))
    .join(',\n')}\n]\n}\n`;
}

describe('GeoJSON reader fuzz', () => {
  const dir = path.join(ROOT, 'test-artifacts', 'pipeline', 'fuzz-geojson');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'doc.geojson');

  it('reads every feature of a whole document, exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(featureArb, { maxLength: 20 }), layoutArb, async (fs, layout) => {
        writeFileSync(file, geojsonText(fs, layout));
        const got: unknown[] = [];
        const r = await readGeojsonFeatures(file, 'doc.geojson', (f) => got.push(f));
        expect(r.features).toBe(fs.length);
        expect(got).toEqual(JSON.parse(JSON.stringify(fs)));
      }),
      { numRuns: 150, seed: 16 },
    );
  });

  it('a document cut anywhere before its end is an error with an offset, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(featureArb, { maxLength: 12 }),
        layoutArb,
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        async (fs, layout, at) => {
          const text = geojsonText(fs, layout);
          const bytes = Buffer.from(text);
          const end = bytes.lastIndexOf('}'); // the document's closing brace
          const cut = bytes.subarray(0, Math.floor(end * at));
          writeFileSync(file, cut);
          const err = await readGeojsonFeatures(file, 'doc.geojson', () => {}).catch(
            (e: unknown) => e,
          );
          expect(err).toBeInstanceOf(GeojsonSyntaxError);
          const offset = (err as GeojsonSyntaxError).offset;
          expect(offset).toBeGreaterThanOrEqual(0);
          expect(offset).toBeLessThanOrEqual(cut.length);
        },
      ),
      { numRuns: 150, seed: 16 },
    );
  });

  it('random bytes replaced in a document: read whole or refused, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(featureArb, { minLength: 1, maxLength: 8 }),
        layoutArb,
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
            fc.constantFrom(...'{}[]",:\\ x0\n'),
          ),
          { minLength: 1, maxLength: 3 },
        ),
        async (fs, layout, edits) => {
          const chars = [...geojsonText(fs, layout)];
          for (const [at, ch] of edits) chars[Math.floor(at * chars.length)] = ch;
          writeFileSync(file, chars.join(''));
          let count = 0;
          try {
            const r = await readGeojsonFeatures(file, 'doc.geojson', () => count++);
            expect(r.features).toBe(count);
          } catch (e) {
            expect(e).toBeInstanceOf(GeojsonSyntaxError);
          }
        },
      ),
      { numRuns: 200, seed: 16 },
    );
  });
});
