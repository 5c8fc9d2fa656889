import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OsvEvent } from '../../src/domain/coverage';
import { DataFormatError, decodeManifest } from '../../src/domain/encoding';
import { decodeOsvEvents, encodeOsvEvents, OSV_EVENTS_FILE } from '../../src/domain/eventsEncoding';
import { buildDataset, type BuildResult } from '../../src/pipeline/build';
import {
  gedCsv,
  gedGeojson,
  gedRow,
  minimalFiles,
  outDir,
  sourceDir,
} from '../fixtures/pipeline/factories';

const GOV = 'Government of Central African Republic';

let result: BuildResult;
let out: string;
const read = (f: string): string => readFileSync(path.join(out, f), 'utf8');

beforeAll(async () => {
  const csvRows = [
    // Kept OSV events (by hand, in the table's order below).
    gedRow({ id: 1, year: 2015, date_start: '2015-03-10', latitude: 4.36123, longitude: 18.55549, best: 5, low: 4, high: 7, where_prec: 1 }), // prettier-ignore
    gedRow({ id: 2, year: 2014, date_start: '2014-12-31', latitude: 6.5, longitude: 21.99, best: 3, low: 3, high: 9, side_a: GOV, where_prec: 6 }), // prettier-ignore
    gedRow({ id: 3, year: 2015, date_start: '2015-03-01', latitude: -1.23456, longitude: 30.00005, best: 0, low: 0, high: 2, country: ' DR Congo (Zaire) ', where_prec: 3 }), // prettier-ignore
    gedRow({ id: 9, year: 2016, date_start: '2016-08-01', latitude: 7.0, longitude: 17.0, best: 4, low: 4, high: 4, side_a: 'Government of Chad', where_prec: 2 }), // prettier-ignore
    // Not one-sided violence: no point.
    gedRow({ id: 4, type_of_violence: 1, best: 100, low: 100, high: 100 }),
    // Rejected: where_prec must be a whole number 1–7.
    gedRow({ id: 5, where_prec: 'x' }),
    gedRow({ id: 6, where_prec: 8 }),
    gedRow({ id: 7, where_prec: '' }),
  ];
  const files = {
    ...minimalFiles(),
    'ucdp/GEDEvent_v23_1_fx.csv': gedCsv(csvRows),
    // GeoJSON: a duplicate of event 1 (left out by the duplicate rule) and one new event.
    'ucdp/GEDEvent_v23_1_fx.geojson': gedGeojson([
      gedRow({ id: 1, best: 50 }),
      gedRow({ id: 8, year: 2016, date_start: '2016-07-04', latitude: 5.76, longitude: 20.67, best: 2, low: 1, high: 2, where_prec: 2 }), // prettier-ignore
    ]),
  };
  out = outDir('osv-events');
  // The fixture rejects rows on purpose (bad where_prec, …): over the 1 % limit by design.
  result = await buildDataset({
    from: sourceDir('osv-events', files),
    outDir: out,
    quiet: true,
    allowRejects: true,
  });
});

describe('osv_events.json from the build', () => {
  it('keeps every kept OSV event as a point (4 decimals, foreign governments marked), in table order', () => {
    const events = decodeOsvEvents(JSON.parse(read(OSV_EVENTS_FILE)));
    const expected: OsvEvent[] = [
      { year: 2014, month: 12, lon: 21.99, lat: 6.5, best: 3, low: 3, high: 9, perpetrator: 'state', foreign: false, wherePrec: 6, country: 'Central African Republic' }, // prettier-ignore
      { year: 2015, month: 3, lon: 18.5555, lat: 4.3612, best: 5, low: 4, high: 7, perpetrator: 'nonstate', foreign: false, wherePrec: 1, country: 'Central African Republic' }, // prettier-ignore
      { year: 2015, month: 3, lon: 30.0001, lat: -1.2346, best: 0, low: 0, high: 2, perpetrator: 'nonstate', foreign: false, wherePrec: 3, country: 'Democratic Republic of the Congo' }, // prettier-ignore
      { year: 2016, month: 7, lon: 20.67, lat: 5.76, best: 2, low: 1, high: 2, perpetrator: 'nonstate', foreign: false, wherePrec: 2, country: 'Central African Republic' }, // prettier-ignore
      { year: 2016, month: 8, lon: 17, lat: 7, best: 4, low: 4, high: 4, perpetrator: 'state', foreign: true, wherePrec: 2, country: 'Central African Republic' }, // prettier-ignore
    ];
    expect(events).toEqual(expected);
  });

  it('rejects a bad where_prec with its reason and line', () => {
    const prec = result.rejects
      .filter((r) => r.source.endsWith('.csv') && /where_prec/.test(r.detail))
      .map((r) => [r.line, r.reason]);
    // Header is line 1; events 5, 6, 7 are on lines 7, 8, 9.
    expect(prec).toEqual([
      [7, 'BAD_NUMBER'],
      [8, 'BAD_NUMBER'],
      [9, 'MISSING_VALUE'],
    ]);
  });

  it('lists the file with its gzip size in the manifest, apart from the start-up JSON', () => {
    const m = decodeManifest(JSON.parse(read('manifest.json')));
    const o = m.outputs.find((x) => x.path === OSV_EVENTS_FILE);
    const text = read(OSV_EVENTS_FILE);
    expect(o?.bytes).toBe(Buffer.byteLength(text));
    expect(o?.gzipBytes).toBe(gzipSync(text).length);
    expect(m.counts.osvEventPoints).toBe(5);
  });
});

describe('events table encoding', () => {
  it('round-trips and refuses a bad file with the file, column and row', () => {
    const ev: OsvEvent = { year: 2020, month: 2, lon: -0.5, lat: 10.1234, best: 7, low: 5, high: 9, perpetrator: 'state', foreign: false, wherePrec: 5, country: 'Mali' }; // prettier-ignore
    const enc = encodeOsvEvents([ev, { ...ev, year: 2019 }]);
    expect(decodeOsvEvents(JSON.parse(JSON.stringify(enc)))).toEqual([{ ...ev, year: 2019 }, ev]);
    const bad = JSON.parse(JSON.stringify(enc)) as { data: unknown[][] };
    bad.data[9] = [5, 9];
    expect(() => decodeOsvEvents(bad)).toThrow(DataFormatError);
    expect(() => decodeOsvEvents(bad)).toThrow(/osv_events.json: row 2: wherePrec must be 1 to 7/);
    expect(() => decodeOsvEvents(undefined)).toThrow(/osv_events.json: file is missing/);
  });
});
