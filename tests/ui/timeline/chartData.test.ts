import { describe, expect, it } from 'vitest';
import type { LifetimeView } from '../../../src/data/timelineSelectors';
import type { MissionYearTotal } from '../../../src/domain/timeline';
import {
  lifetimeCells,
  lifetimeLabels,
  lifetimeSummary,
  noViolenceNote,
  noViolenceYears,
  partialViolenceYears,
  totalsDescription,
  totalsRows,
  countTick,
  yearAxis,
} from '../../../src/ui/timeline/chartData';

const total = (year: number, over: Partial<MissionYearTotal> = {}): MissionYearTotal => ({
  year,
  osv: 10,
  missingCountries: [],
  troops: 100,
  bases: 2,
  unknownTroopBases: 0,
  ...over,
});

describe('totals chart data', () => {
  const totals = [
    total(2021, { osv: 50, troops: 1200 }),
    total(2022, { osv: 0, troops: 0, bases: 2, unknownTroopBases: 2 }),
    total(2023, { osv: null, missingCountries: ['Central African Republic'] }),
    total(2024, { osv: null, troops: null, bases: 0 }),
  ];

  it('keeps no-data years as null, never zero', () => {
    expect(totalsRows(totals).map((r) => [r.year, r.osv, r.troops])).toEqual([
      [2021, 50, 1200],
      [2022, 0, null], // every troop figure unknown: not 0 troops
      [2023, null, 100],
      [2024, null, null],
    ]);
    expect(noViolenceYears(totals)).toEqual([2023, 2024]);
  });

  it('says which years are hatched and which are partial', () => {
    expect(noViolenceNote(totals)).toBe('hatched: violence data not loaded (2023–2024)');
    const partial = [total(2020, { osv: 5, missingCountries: ['Chad'] })];
    expect(partialViolenceYears(partial)).toEqual([2020]);
    expect(noViolenceNote(partial)).toContain('partial host-country coverage in 2020');
    expect(noViolenceNote([total(2020)])).toBeNull();
  });

  it('describes the chart in words', () => {
    const text = totalsDescription('MINUSCA', totals, 'Civilians killed');
    expect(text).toContain('2021–2024');
    expect(text).toContain('Troops: peak 1,200 in 2021');
    expect(text).toContain('Civilians killed: peak 50 in 2021');
    expect(text).toContain('violence data not loaded for 2023–2024');
  });
});

describe('lifetime chart data', () => {
  const lt = (
    baseId: string,
    location: string,
    years: [number, number | null][],
  ): LifetimeView => ({
    baseId,
    mission: 'MINUSCA',
    location,
    lat: 0,
    lon: 0,
    years: years.map(([year, troops]) => ({ year, troops, zeroTroops: troops === 0 })),
    spans: [],
    first: years[0]![0],
    last: years[years.length - 1]![0],
    maxTroops: null,
    gaps: 0,
  });

  it('classifies cells and leaves gaps empty', () => {
    const cells = lifetimeCells([
      lt('MINUSCA:bria', 'Bria', [
        [2014, 100],
        [2015, 0],
        [2017, null],
      ]),
    ]);
    expect(cells.map((c) => [c.year, c.kind])).toEqual([
      [2014, 'troops'],
      [2015, 'zero'],
      [2017, 'unknown'],
    ]);
  });

  it('keeps two bases of the same name on separate rows', () => {
    const labels = lifetimeLabels([
      lt('MINUSCA:bria', 'Bria', [[2014, 1]]),
      lt('MINUSCA:bria-2', 'Bria', [[2014, 1]]),
      lt('MINUSCA:obo', 'Obo', [[2014, 1]]),
    ]);
    expect([...labels.values()]).toEqual(['Bria (MINUSCA:bria)', 'Bria (MINUSCA:bria-2)', 'Obo']);
  });

  it('summarises a lifetime with its interruptions', () => {
    const l = {
      ...lt('MINUSCA:bria', 'Bria', [
        [2014, 100],
        [2015, 300],
        [2018, 50],
      ]),
      gaps: 1,
      maxTroops: 300,
    };
    expect(lifetimeSummary(l)).toBe('Bria: 2014–2015, 2018 (1 interruption), up to 300 troops');
  });
});

describe('axes', () => {
  it('labels every year when there is room, else fewer and shorter, always the last', () => {
    expect(yearAxis(2014, 2024, 600).ticks).toHaveLength(11);
    expect(yearAxis(2014, 2024, 600).format(2017)).toBe('2017');
    const narrow = yearAxis(2014, 2024, 180);
    expect(narrow.format(2017)).toBe('’17');
    expect(narrow.ticks).toEqual([2014, 2016, 2018, 2020, 2022, 2024]);
    const tiny = yearAxis(1990, 2024, 150);
    expect(tiny.ticks[tiny.ticks.length - 1]).toBe(2024);
    expect(tiny.ticks.length).toBeLessThanOrEqual(8);
  });

  it('formats counts compactly', () => {
    expect([0, 800, 1500, 12000].map(countTick)).toEqual(['0', '800', '1.5k', '12k']);
  });
});
