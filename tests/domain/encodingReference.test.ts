/**
 * The typed-column decoder against a straightforward reference decoder written here from the
 * format's description (src/domain/encoding.ts: plain, delta, dict, dictList, offset and
 * perpetrator codecs; sparse columns under a mask), on a seeded random dataset that exercises
 * every codec, masks, nulls and perpetrator-class exceptions.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/prng';
import { columnValue } from '../../src/domain/columns';
import type {
  CellMonth,
  CellYear,
  Estimate,
  NamedPerpetrator,
  ClassCount,
} from '../../src/domain/dataset';
import {
  cellMonthsOf,
  cellYearsOf,
  DATA_FILES,
  decodeDataset,
  encodeDataset,
  type ColumnValue,
  type EncodedTable,
} from '../../src/domain/encoding';
import { perpetratorOf } from '../../src/domain/perpetrator';
import { dataset } from '../fixtures/factories';

const NAMES = [
  'Government of Sudan',
  'Government of Mali',
  'Anti-balaka',
  'LRA',
  'Séléka',
  'ADF',
  'Government of DR Congo (Zaire)',
];
const COUNTRIES = ['Central African Republic', 'Sudan', 'Mali', 'DR Congo (Zaire)'];

/** A seeded dataset of `n` cell-years and about as many cell-months. */
function randomDataset(seed: number, n: number) {
  const rnd = mulberry32(seed);
  const int = (k: number): number => Math.floor(rnd() * k);
  const est = (): Estimate => {
    // Mostly no events (and then, mostly, no fatalities): the masks have rows to leave out.
    if (rnd() < 0.55) return { events: 0, best: rnd() < 0.03 ? 1 + int(5) : 0, low: 0, high: 0 };
    const best = int(120);
    const low = Math.max(0, best - int(10));
    return { events: 1 + int(6), best, low, high: best + int(30) };
  };
  const part = (): ClassCount =>
    rnd() < 0.7 ? { events: 0, best: 0 } : { events: 1 + int(3), best: int(20) };
  const cellYears: CellYear[] = [];
  const seen = new Set<string>();
  while (cellYears.length < n) {
    const year = 1989 + int(36);
    const gid = 1 + int(259200);
    if (seen.has(`${year}:${gid}`)) continue;
    seen.add(`${year}:${gid}`);
    const osvState = est();
    const osvNonState = est();
    const top: NamedPerpetrator[] = [];
    for (let k = int(4); k > 0; k--) {
      const name = NAMES[int(NAMES.length)]!;
      if (top.some((t) => t.name === name)) continue;
      const byRule = perpetratorOf(name);
      // Now and then a class that is not the rule's (stored as an exception).
      const perpetrator = rnd() < 0.1 ? (byRule === 'state' ? 'nonstate' : 'state') : byRule;
      top.push({ name, perpetrator, best: int(50) });
    }
    top.sort((a, b) => b.best - a.best);
    cellYears.push({
      gid,
      year,
      country: COUNTRIES[int(COUNTRIES.length)]!,
      region: rnd() < 0.2 ? null : `Region ${int(30)}`,
      osv: {
        events: osvState.events + osvNonState.events,
        best: osvState.best + osvNonState.best + (rnd() < 0.05 ? 1 : 0),
        low: osvState.low + osvNonState.low,
        high: osvState.high + osvNonState.high,
      },
      osvState,
      osvNonState,
      osvForeign: rnd() < 0.9 ? { events: 0, best: 0, low: 0, high: 0 } : est(),
      osvImprecise: {
        6: { state: part(), foreign: part(), nonState: part() },
        7: { state: part(), foreign: part(), nonState: part() },
      },
      stateBased: est(),
      nonStateConflict: est(),
      topPerpetrators: top,
    });
  }
  const cellMonths: CellMonth[] = cellYears.slice(0, Math.floor(n / 2)).map((c, i) => {
    const s = int(40);
    const ns = rnd() < 0.5 ? 0 : int(40);
    return {
      gid: c.gid,
      year: c.year,
      month: 1 + (i % 12),
      osvBest: s + ns,
      osvStateBest: s,
      osvNonStateBest: ns,
      osvForeignBest: s > 0 && rnd() < 0.3 ? int(s + 1) : 0,
      osvStateLow: Math.max(0, s - int(5)),
      osvStateHigh: s + int(9),
      osvNonStateLow: Math.max(0, ns - int(5)),
      osvNonStateHigh: ns + int(9),
    };
  });
  return dataset({ cellYears, cellMonths });
}

/** Absent: a row a sparse column's mask leaves out (the decoder holds null or 0 there). */
const ABSENT = Symbol('absent');
type RefValue = ColumnValue | typeof ABSENT;

/** A mask column's value marks a row present unless it is null, 0, false or absent. */
const presentRef = (v: RefValue): boolean => v !== null && v !== 0 && v !== false && v !== ABSENT;

/** Reference decoding of a table file: column name → one value per row, row by row. */
function referenceDecode(t: EncodedTable): Map<string, RefValue[]> {
  const out = new Map<string, RefValue[]>();
  const num = (v: RefValue): number => (typeof v === 'number' ? v : 0);
  t.columns.forEach((name, c) => {
    const stored = t.data[c]!;
    const codec = t.codecs[name] ?? 'plain';
    const maskName = t.masks?.[name];
    const values: RefValue[] = [];
    let k = 0;
    let acc = 0;
    for (let i = 0; i < t.length; i++) {
      if (maskName !== undefined && !presentRef(out.get(maskName)![i]!)) {
        values.push(ABSENT);
        continue;
      }
      const v = stored[k++] as number | number[] | null;
      if (codec === 'plain') values.push(v as ColumnValue);
      else if (codec === 'delta') values.push((acc += v as number));
      else if (codec === 'dict') values.push(v === null ? null : t.dicts[name]![v as number]!);
      else if (codec === 'dictList')
        values.push(v === null ? null : (v as number[]).map((d) => t.dicts[name]![d]!));
      else if (codec === 'offset') {
        if (v === null) values.push(null);
        else {
          let s = v as number;
          for (const b of t.bases![name]!) {
            const base = out.get(b.replace(/^-/, ''))![i]!;
            s += (b.startsWith('-') ? -1 : 1) * num(base);
          }
          values.push(s);
        }
      } else if (codec === 'perpetrator') {
        const names = out.get(t.bases![name]![0]!)![i]!;
        if (v === null) values.push(null);
        else if (v === 0) values.push(perpetratorOf(names as string));
        else values.push(v === 1 ? 'state' : 'nonstate');
      } else throw new Error(`unknown codec ${codec}`);
    }
    expect(k, `${t.table}.${name}: every stored value used`).toBe(stored.length);
    out.set(name, values);
  });
  return out;
}

describe('typed-column decoding against a reference decoder', () => {
  for (const seed of [1, 20240601, 987654321]) {
    it(`decodes the same values, column by column (seed ${seed})`, () => {
      const ds = randomDataset(seed, 1500);
      const files = JSON.parse(JSON.stringify(encodeDataset(ds))) as Record<string, unknown>;
      const decoded = decodeDataset(JSON.parse(JSON.stringify(files)) as Record<string, unknown>);
      const tables = [
        [files[DATA_FILES.cellYears] as EncodedTable, cellYearsOf(decoded)],
        [files[DATA_FILES.cellMonths] as EncodedTable, cellMonthsOf(decoded)],
      ] as const;
      let sparse = 0;
      for (const [encoded, table] of tables) {
        if (encoded.masks) sparse += Object.keys(encoded.masks).length;
        const ref = referenceDecode(encoded);
        expect(table.length).toBe(encoded.length);
        expect([...table.columns.keys()].sort()).toEqual([...ref.keys()].sort());
        for (const [name, values] of ref) {
          const col = table.columns.get(name)!;
          for (let i = 0; i < values.length; i++) {
            const want = values[i]!;
            const got = columnValue(col, i);
            if (want === ABSENT) {
              if (got !== null && got !== 0)
                expect.fail(`${encoded.table}.${name} row ${i + 1}: absent, decoded ${got}`);
            } else if (got !== want && JSON.stringify(got) !== JSON.stringify(want))
              expect.fail(`${encoded.table}.${name} row ${i + 1}: ${got}, expected ${want}`);
          }
        }
      }
      // The fixture exercises sparse columns, and the rows come back as they went in.
      expect(sparse).toBeGreaterThan(10);
      const byKey = (a: { year: number; gid: number }, b: { year: number; gid: number }) =>
        a.year - b.year || a.gid - b.gid;
      expect(decoded.cellYears).toEqual([...ds.cellYears].sort(byKey));
    });
  }
});
