import { describe, expect, it } from 'vitest';
import { DEFAULT_COVERAGE_PARAMS, missionEventDistances } from '../../src/domain/coverage';
import {
  backtest,
  parseWhatIf,
  WhatIfParamError,
  whatIfPlacement,
  whatIfToCsv,
  WHATIF_CSV_HEADER,
  type WhatIfInput,
} from '../../src/domain/coverageWhatIf';
import { base, baseYear, coverage, mission } from '../fixtures/factories';
import { osvEvent } from '../fixtures/events';

// On the equator (1° = 111.195 km). Mission M in country A; violence data for A 1989–2016.
// B1 (20, 0): troops 2012–2015.  F (25, 0): troops in 2012 only → a former base site in 2015.
// N (30, 0): opened in 2015.
const A = 'A';
const b1 = base({ location: 'B1', mission: 'M', country: A, lon: 20, lat: 0 });
const f = base({ location: 'F', mission: 'M', country: A, lon: 25, lat: 0 });
const nb = base({ location: 'N', mission: 'M', country: A, lon: 30, lat: 0 });
const at = (b: typeof b1) => ({ ...b, lon: b.lon, lat: b.lat });
const baseYears = [
  ...[2012, 2013, 2014, 2015].map((y) => baseYear(at(b1), y, { troops: 500 })),
  baseYear(at(f), 2012, { troops: 100 }),
  baseYear(at(f), 2013, { troops: 0 }),
  baseYear(at(nb), 2015, { troops: 200 }),
];
// Bases carry the fixture's cell-centre coordinates unless given: use the ones above.
const bases = [
  { ...b1, lon: 20, lat: 0 },
  { ...f, lon: 25, lat: 0 },
  { ...nb, lon: 30, lat: 0 },
];
const m = mission('M', bases, baseYears);
const towns = [
  { name: 'Small', lon: 22.2, lat: 0, population: 5000, country: A },
  { name: 'Big', lon: 22, lat: 0, population: 100000, country: A },
  { name: 'Far', lon: 30, lat: 0, population: 6000, country: A },
  { name: 'Other', lon: 25, lat: 0, population: 1_000_000, country: 'B' },
];
const events = [
  osvEvent({ year: 2014, lon: 20.1, lat: 0, best: 50, country: A }), // B1: 11 km (covered)
  osvEvent({ year: 2014, lon: 22.1, lat: 0, best: 10, country: A }), // Big 11 km, Small 11 km
  osvEvent({ year: 2013, lon: 22.5, lat: 0, best: 8, country: A }), // Small 33 km (Big 56 km)
  osvEvent({ year: 2013, lon: 25.2, lat: 0, best: 20, country: A }), // F 22 km
  osvEvent({ year: 2014, lon: 30.3, lat: 0, best: 6, country: A }), // Far 33 km
  osvEvent({ year: 2015, lon: 30.2, lat: 0, best: 7, country: A }), // Far / N 22 km
  osvEvent({ year: 2015, lon: 25.1, lat: 0, best: 4, country: A }), // F 11 km
  osvEvent({ year: 2015, lon: 20, lat: 0, best: 1, country: A }), // B1
];
const input: WhatIfInput = {
  distances: missionEventDistances(events, baseYears, m),
  bases,
  baseYears,
  mission: m,
  coverage: coverage({ countries: [A], years: [1989, 2016] }),
  towns,
};
const p = DEFAULT_COVERAGE_PARAMS;

describe('what-if placement (greedy, bases at the start of t counted first)', () => {
  it('picks F (20), then Small (18: 10 + 8), then Far (6) for 2015 from 2013–2014', () => {
    const w = whatIfPlacement(input, 2015, 3, 2, p)!;
    expect(w.historyYears).toEqual([2013, 2014]);
    expect(w.historyDeaths).toBe(94);
    expect(w.coveredByExisting).toBe(50);
    expect(w.existingBases).toBe(1);
    expect(w.candidates).toBe(4); // Big, Far, Small (not Other: country B), former base F
    expect(w.sites.map((s) => [s.rank, s.name, s.kind, s.addedDeaths])).toEqual([
      [1, 'F', 'former base', 20],
      [2, 'Small', 'town', 18],
      [3, 'Far', 'town', 6],
    ]);
  });

  it('stops when nothing is left to cover, and needs violence data in the history', () => {
    expect(whatIfPlacement(input, 2015, 5, 2, p)!.sites).toHaveLength(3);
    expect(whatIfPlacement(input, 2015, 1, 2, { ...p, km: 10 })!.sites).toEqual([]);
    const noData = { ...input, coverage: coverage({ countries: [A], years: [2015, 2016] }) };
    expect(whatIfPlacement(noData, 2015, 3, 2, p)).toBeNull();
  });

  it('writes the ranked sites as CSV', () => {
    expect(whatIfToCsv([whatIfPlacement(input, 2015, 2, 2, p)!])).toBe(
      `${WHATIF_CSV_HEADER}\n2015,1,F,0.0000,25.0000,20\n2015,2,Small,0.0000,22.2000,18\n`,
    );
  });
});

describe('whatIfToCsv', () => {
  it('keeps negative coordinates as numbers and makes formula-like names inert (shared csvField)', () => {
    const site = {
      name: '=Kisangani, "east"',
      lon: -0.5,
      lat: -4.32109,
      kind: 'town' as const,
      rank: 1,
      addedDeaths: 7,
      addedEvents: 2,
    };
    const w = {
      year: 2019,
      historyYears: [2018],
      historyDeaths: 7,
      coveredByExisting: 0,
      sites: [site],
      existingBases: 0,
      candidates: 1,
    };
    expect(whatIfToCsv([w])).toBe(
      `${WHATIF_CSV_HEADER}\n2019,1,"'=Kisangani, ""east""",-4.3211,-0.5000,7\n`,
    );
  });
});

describe('backtest', () => {
  it('compares the chosen sites with the bases actually opened (2015: 12 of 12 against 8)', () => {
    const row = backtest(input, 3, 2, p).find((r) => r.year === 2015)!;
    expect(row).toMatchObject({ deaths: 12, byExisting: 1, withChosen: 12, withOpened: 8 });
    expect(row.opened.map((b) => b.baseId)).toEqual(['M:n']);
  });
});

describe('parseWhatIf', () => {
  it('takes k 1–5 and n 1–10 and names bad values', () => {
    expect(parseWhatIf({ k: '5', n: 10 })).toEqual({ k: 5, n: 10 });
    expect(() => parseWhatIf({ k: 0, n: '2.5' })).toThrow(WhatIfParamError);
    try {
      parseWhatIf({ k: 6, n: 'x' });
    } catch (e) {
      expect((e as WhatIfParamError).issues).toEqual([
        'k must be a whole number from 1 to 5, got 6',
        'n must be a whole number from 1 to 10, got "x"',
      ]);
    }
  });
});
