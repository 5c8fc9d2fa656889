import { describe, expect, it } from 'vitest';
import { overlayText } from '../../src/export/exports';
import { sheetCaption, viewCaption, worldCaption } from '../../src/export/viewCaption';
import {
  carCell,
  cellYear,
  coverage,
  dataset,
  deployment,
  deployments,
} from '../fixtures/factories';

function fixture() {
  const { bases, baseYears } = deployments([
    deployment({ location: 'Bangui', gid: carCell() }, { 2015: 1000 }),
    deployment({ location: 'Bria', gid: carCell(4, 6) }, { 2015: 500 }),
    deployment({ location: 'Obo', gid: carCell(0, 10) }, { 2015: null }),
  ]);
  return dataset({
    bases,
    baseYears,
    cellYears: [
      cellYear({ gid: carCell(), year: 2015, state: 5, nonstate: 20 }),
      cellYear({ gid: carCell(1, 1), year: 2015, nonstate: 1200 }),
    ],
  });
}

describe('viewCaption: the key figures of a view outside a story', () => {
  it('states deaths with the rule, cells, bases and troops', () => {
    // 25 + 1,200 = 1,225 killed in 2 cells; 3 bases, 1,000 + 500 = 1,500 known troops, Obo unknown.
    expect(viewCaption(fixture(), { mission: 'MINUSCA', year: 2015, perpetrator: 'all' })).toBe(
      'In 2015, UCDP GED recorded 1,225 civilians killed in one-sided violence (best estimate, all perpetrators) in Central African Republic, in 2 grid cells. MINUSCA had 3 bases with 1,500 troops (Geo-PKO yearly averages; 1 base without a troop figure).',
    );
  });

  it('follows the perpetrator filter', () => {
    const text = viewCaption(fixture(), { mission: 'MINUSCA', year: 2015, perpetrator: 'state' });
    // Only the 5 killed by state forces, in one cell.
    expect(text).toContain('recorded 5 civilians killed');
    expect(text).toContain('state forces');
    expect(text).toContain('in 1 grid cell.');
  });

  it('says "not loaded", never zero, where no violence data covers the year', () => {
    const ds = { ...fixture(), coverage: coverage({ years: [1989, 2014] }) };
    const text = viewCaption(ds, { mission: 'MINUSCA', year: 2015, perpetrator: 'all' });
    expect(text).toMatch(/^2015: violence data not loaded for Central African Republic/);
    expect(text).toContain('not computed (not zero)');
    expect(text).not.toMatch(/\b0 civilians/);
  });

  it('is the caption of every export without a story caption', () => {
    const ds = fixture();
    const view = { title: 'MINUSCA 2015', mission: 'MINUSCA', perpetrator: 'all' as const };
    expect(overlayText(ds, view, 2015).caption).toBe(
      viewCaption(ds, { mission: 'MINUSCA', year: 2015, perpetrator: 'all' }),
    );
    expect(overlayText(ds, { ...view, caption: 'A scene.' }, 2015).caption).toBe('A scene.');
  });
});

describe('worldCaption: the World view export’s figures', () => {
  function twoMissions() {
    const { bases, baseYears } = deployments([
      deployment({ location: 'Bangui', gid: carCell() }, { 2015: 1000 }),
      deployment({ location: 'Obo', gid: carCell(0, 10) }, { 2015: null }),
      deployment(
        { location: 'Juba', mission: 'UNMISS', country: 'South Sudan', gid: carCell(2, 25) },
        { 2015: 700 },
      ),
    ]);
    return dataset({
      bases,
      baseYears,
      cellYears: [cellYear({ gid: carCell(), year: 2015, state: 5, nonstate: 20 })],
    });
  }

  it('gives the missions, bases, troops and violence where loaded (South Sudan: not loaded)', () => {
    const view = { year: 2015, perpetrator: 'all' as const, missions: [] };
    // 2 missions, 3 bases, 1,000 + 700 known troops, Obo unknown; 25 killed in the CAR.
    expect(worldCaption(twoMissions(), view)).toBe(
      '2 missions, 3 bases, 1,700 troops (+1 base unknown); 25 civilians killed (GED best) where loaded: 1 of 2 host countries.',
    );
    const onlySouthSudan = worldCaption(twoMissions(), { ...view, missions: ['UNMISS'] });
    expect(onlySouthSudan).toBe(
      '1 mission, 1 base, 700 troops; violence data not loaded for their host countries (not zero).',
    );
    expect(onlySouthSudan).not.toMatch(/\b0 civilians/);
    // The export caption in the World view is this one.
    expect(
      overlayText(
        twoMissions(),
        {
          title: 'World view 2015',
          mission: 'MINUSCA',
          perpetrator: 'all',
          world: { missions: [] },
        },
        2015,
      ).caption,
    ).toBe(worldCaption(twoMissions(), view));
  });
});

describe('sheetCaption', () => {
  it('sums the years with data and names those without', () => {
    const text = sheetCaption('MINUSCA', 'all', [
      { year: 2021, fatalities: 100, troops: 12_000 },
      { year: 2022, fatalities: 50, troops: 13_000 },
      { year: 2023, fatalities: null, troops: 14_000 },
      { year: 2024, fatalities: null, troops: 14_500 },
    ]);
    expect(text).toBe(
      '150 civilians killed in one-sided violence in 2021–2022 (UCDP GED best estimates, all perpetrators). No violence data for 2023–2024 (not zero). MINUSCA troops (Geo-PKO yearly averages): 12,000 to 14,500.',
    );
  });
});
