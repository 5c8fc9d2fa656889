import { describe, expect, it } from 'vitest';
import { mapContent } from '../../src/export/content';
import { analyzeMission } from '../../src/domain/lag';
import { atlasData } from '../../src/data/atlasData';
import { MISSION_COLOR, worldMissionColor } from '../../src/map/scales';
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
    deployment({ location: 'Bangui', gid: carCell() }, { 2014: 1000, 2015: 1500 }),
    deployment({ location: 'Obo', gid: carCell(0, 10) }, { 2015: 0 }),
    deployment({ location: 'Far', mission: 'UNMISS', lat: 4.85, lon: 25.6 }, { 2015: 300 }),
    deployment({ location: 'Very far', mission: 'MINUSMA', lat: 16, lon: -3 }, { 2015: 300 }),
  ]);
  return dataset({
    bases,
    baseYears,
    cellYears: [
      cellYear({ gid: carCell(), year: 2015, state: 5, nonstate: 20 }),
      cellYear({ gid: carCell(1, 1), year: 2015, nonstate: 40 }),
      cellYear({ gid: carCell(2, 2), year: 2015, state: 0, nonstate: 0 }),
    ],
  });
}

describe('mapContent', () => {
  it('selects the year’s violence cells for the perpetrator filter, dropping zero cells', () => {
    const ds = fixture();
    const all = mapContent(ds, { mission: 'MINUSCA', year: 2015 });
    expect(all.cells).toEqual([
      { gid: carCell(), value: 25 },
      { gid: carCell(1, 1), value: 40 },
    ]);
    expect(all.hasData).toBe(true);
    expect(all.noData).toEqual([]);
    const state = mapContent(ds, { mission: 'MINUSCA', year: 2015, perpetrator: 'state' });
    expect(state.cells).toEqual([{ gid: carCell(), value: 5 }]);
  });

  it('marks a year without violence data as such, with no cells (never zero violence)', () => {
    const ds = { ...fixture(), coverage: coverage({ years: [1989, 2014] }) };
    const c = mapContent(ds, { mission: 'MINUSCA', year: 2015 });
    expect(c.cells).toEqual([]);
    expect(c.hasData).toBe(false);
    expect(c.noData).toEqual(['Central African Republic']);
  });

  it('draws the mission’s bases in UN blue, nearby missions in other colours, far ones not at all', () => {
    const ds = fixture();
    const c = mapContent(ds, {
      mission: 'MINUSCA',
      year: 2015,
      highlightBases: ['MINUSCA:obo'],
    });
    const byName = Object.fromEntries(c.bases.map((b) => [b.name, b]));
    expect(Object.keys(byName).sort()).toEqual(['Bangui', 'Far', 'Obo']);
    expect(byName.Bangui!.color).toBe(MISSION_COLOR);
    expect(byName.Far!.color).not.toBe(MISSION_COLOR);
    expect(byName.Obo).toMatchObject({ zeroTroops: true, highlight: true, own: true });
    expect(byName.Bangui!.highlight).toBe(false);
  });

  it('hides layers that are switched off and adds flags only when episodes are given', () => {
    const ds = fixture();
    const off = mapContent(ds, {
      mission: 'MINUSCA',
      year: 2015,
      showViolence: false,
      showBases: false,
    });
    expect(off.cells).toEqual([]);
    expect(off.bases).toEqual([]);
    expect(off.flags).toEqual([]);
    const lag = analyzeMission(ds, 'MINUSCA', {
      theta: 10,
      reach: 0,
      window: 0,
      delta: 1,
      perpetrator: 'all',
      precision: 5,
      initialDeployment: true,
    });
    const withFlags = mapContent(ds, { mission: 'MINUSCA', year: 2015, episodes: lag.episodes });
    const flagged = lag.episodes.filter(
      (e) => e.flagged && e.onsetYear <= 2015 && 2015 <= e.endYear,
    );
    expect(withFlags.flags.map((f) => f.gid).sort()).toEqual(flagged.map((e) => e.gid).sort());
    expect(withFlags.flags.length).toBeGreaterThan(0);
    // Censored starts (onset in the first analysed year) are marked for the "‹" chevron.
    const censored = mapContent(ds, {
      mission: 'MINUSCA',
      year: 2015,
      episodes: lag.episodes.map((e) => ({ ...e, censoredStart: e.gid === flagged[0]!.gid })),
    });
    expect(censored.flags.filter((f) => f.censored).map((f) => f.gid)).toEqual([flagged[0]!.gid]);
  });
});

describe('mapContent in the World view', () => {
  it('draws every chosen mission’s bases in its World colour and nothing of the kept mission', () => {
    const ds = fixture();
    const slots = atlasData(ds).sel.missionSlots;
    const c = mapContent(ds, { mission: 'MINUSCA', year: 2015, world: [] });
    // 2015: Bangui, Obo (MINUSCA), Far (UNMISS), Very far (MINUSMA) — however far they are.
    expect(c.bases.map((b) => [b.name, b.mission]).sort()).toEqual([
      ['Bangui', 'MINUSCA'],
      ['Far', 'UNMISS'],
      ['Obo', 'MINUSCA'],
      ['Very far', 'MINUSMA'],
    ]);
    for (const b of c.bases) expect(b.color).toBe(worldMissionColor(b.mission, slots));
    expect(c.world?.map((m) => m.id)).toEqual(['MINUSCA', 'MINUSMA', 'UNMISS']);
    expect(c.cells).toEqual([]);
    expect(c.noData).toEqual([]);
    expect(c.flags).toEqual([]);
    const one = mapContent(ds, { mission: 'MINUSCA', year: 2015, world: ['MINUSMA'] });
    expect(one.bases.map((b) => b.name)).toEqual(['Very far']);
    expect(one.world).toEqual([{ id: 'MINUSMA', color: worldMissionColor('MINUSMA', slots) }]);
  });
});
