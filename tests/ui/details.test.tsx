import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { cellName } from '../../src/domain/lagView';
import { Details, changeSinceText, troopSpread } from '../../src/ui/Details';
import { otherMissionQuestion } from '../../src/ui/Header';
import { coverage, cellYear } from '../fixtures/factories';

describe('troopSpread (base details)', () => {
  it("shows Geo-PKO's yearly figure with the spread of the year's maps", () => {
    // MINUSCA Bambari 2018: FrontMap rows 800 and 1,450, ave.no.troops 1,016.
    const bambari = {
      troops: 1016,
      troopsMin: 800,
      troopsMax: 1450,
      sourceRows: 2,
      troopsFromMaps: false,
    };
    expect(`1,016${troopSpread(bambari)}`).toBe(
      "1,016 (800–1,450: 2 figures on the year's maps) · Geo-PKO's yearly figure",
    );
  });

  it('says when the figure is the mean of the maps, and adds nothing for one figure', () => {
    expect(
      troopSpread({
        troops: 150,
        troopsMin: 100,
        troopsMax: 200,
        sourceRows: 2,
        troopsFromMaps: true,
      }),
    ).toBe(
      " (100–200: 2 figures on the year's maps) · mean of the maps (Geo-PKO gives no yearly figure)",
    );
    expect(
      troopSpread({
        troops: 650,
        troopsMin: 650,
        troopsMax: 650,
        sourceRows: 1,
        troopsFromMaps: false,
      }),
    ).toBe('');
    expect(
      troopSpread({
        troops: null,
        troopsMin: null,
        troopsMax: null,
        sourceRows: 1,
        troopsFromMaps: false,
      }),
    ).toBe('');
  });
});

describe('Details names cells by place, with the id as secondary text', () => {
  const names = (gid: number) =>
    cellName(gid, {
      name: 'Bangassou',
      country: 'Central African Republic',
      population: 1,
      km: 48,
      bearing: 90,
      inCell: false,
    });
  const base = {
    year: 2017,
    perpetrator: 'all' as const,
    coverage: coverage({ years: [1989, 2022], countries: ['Central African Republic'] }),
    cell: null,
    base: null,
    noDataMessage: null,
    onSelect: () => {},
    cellName: names,
  };

  it('the most violent cells list names each cell', () => {
    const html = renderToStaticMarkup(
      <Details {...base} selection={null} topCells={[{ gid: 136487, value: 110 }]} />,
    );
    expect(html).toContain('Most violent cells, 2017');
    expect(html).toContain('48 km E of Bangassou');
    expect(html).toContain('110 civilians killed');
    // Places, not ids: the PRIO-GRID id is the row's tooltip, not its text.
    expect(html).toContain('title="PRIO-GRID cell 136487"');
    expect(html).not.toContain('killed · cell 136487');
    expect(html).not.toContain('Cell 136487');
  });

  it('in monthly mode the top list is titled with the month', () => {
    const html = renderToStaticMarkup(
      <Details {...base} selection={null} topCells={[]} period="June 2017" />,
    );
    expect(html).toContain('Most violent cells, June 2017');
    expect(html).toContain('No one-sided violence recorded in June 2017.');
  });

  it('the cell header is the place and the year; the id follows in small print', () => {
    const c = cellYear({ gid: 136487, year: 2017, nonstate: 110 });
    const html = renderToStaticMarkup(
      <Details
        {...base}
        selection={{ kind: 'cell', gid: 136487 }}
        topCells={[]}
        cell={{
          gid: 136487,
          year: 2017,
          country: 'Central African Republic',
          hasData: true,
          cell: c,
          inside: [],
          near: [],
          previous: { year: 2016, cell: null, hasData: true },
        }}
      />,
    );
    expect(html).toMatch(/<h2>48 km E of Bangassou · 2017<\/h2>/);
    expect(html).toContain('PRIO-GRID cell 136487');
    // Nothing recorded in 2016 (data loaded): a true zero before.
    expect(html).toContain('Change since 2016: +110 killed (0 in 2016 → 110 in 2017).');
  });

  it('the change since the year before: signed, by the perpetrator shown, or not computed', () => {
    const now = cellYear({ gid: 1, year: 2017, state: 10, nonstate: 30 });
    const before = cellYear({ gid: 1, year: 2016, state: 25, nonstate: 5 });
    const d = {
      gid: 1,
      year: 2017,
      country: 'Central African Republic',
      hasData: true,
      cell: now,
      inside: [],
      near: [],
      previous: { year: 2016, cell: before, hasData: true },
    };
    // All: 30 → 40 (+10); state: 25 → 10 (−15); non-state: 5 → 30 (+25).
    expect(changeSinceText(d, 'all')).toBe(
      'Change since 2016: +10 killed (30 in 2016 → 40 in 2017).',
    );
    expect(changeSinceText(d, 'state')).toBe(
      'Change since 2016: −15 killed (25 in 2016 → 10 in 2017).',
    );
    expect(changeSinceText({ ...d, cell: null }, 'nonstate')).toBe(
      'Change since 2016: −5 killed (5 in 2016 → 0 in 2017).',
    );
    expect(
      changeSinceText({ ...d, previous: { year: 2016, cell: null, hasData: false } }, 'all'),
    ).toBe('Change since 2016: not computed (violence data not loaded for 2016).');
  });
});

describe('search results of another mission ask before switching', () => {
  const birao = {
    kind: 'base' as const,
    key: 'base:MINURCAT:birao',
    name: 'Birao',
    detail: 'MINURCAT base · Chad',
    lon: 22.78,
    lat: 10.28,
    weight: 300,
    baseId: 'MINURCAT:birao',
    mission: 'MINURCAT',
  };
  it('asks for a base of another mission, not for its own mission, a town or a cell', () => {
    expect(otherMissionQuestion(birao, 'MINUSCA')).toBe(
      'Birao is a MINURCAT base, not MINUSCA. Switch to MINURCAT?',
    );
    expect(otherMissionQuestion(birao, 'MINURCAT')).toBeNull();
    expect(
      otherMissionQuestion({ ...birao, kind: 'town', mission: undefined }, 'MINUSCA'),
    ).toBeNull();
  });
});
