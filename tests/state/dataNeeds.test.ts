import { describe, expect, it } from 'vitest';
import { cellYearsCover } from '../../src/domain/dataset';
import { cellYearsOf, withCellYears } from '../../src/domain/encoding';
import { linkFirstView, viewCellYearCountries } from '../../src/state/dataNeeds';
import { reduce } from '../../src/state/reduce';
import { defaultState, type AppState } from '../../src/state/state';
import { carCell } from '../fixtures/factories';
import { CAMEROON, CAR, DRC, SOUTH_SUDAN, partsDataset } from '../fixtures/partsDataset';
import { gidOf } from '../../src/domain/grid';

const full = partsDataset();
/**
 * The dataset as the first frame of MINUSCA has it: the parts of Cameroon and the CAR, every
 * cell-year but those of Goma's cell and South Sudan's own.
 */
const elsewhere = [gidOf(-1.7, 29.2), gidOf(7.1, 29.9)];
const minuscaRows = full.cellYears.filter((c) => !elsewhere.includes(c.gid));
const partial = withCellYears(full, cellYearsOf({ cellYears: minuscaRows }), {
  status: 'loading',
  mission: 'MINUSCA',
  missing: [DRC, SOUTH_SUDAN],
});
const s0: AppState = { ...defaultState(full.missions), mission: 'MINUSCA' };

describe('the cell-years a view reads', () => {
  it('the mission view: its host countries (its own and its bases’), covered by the first frame', () => {
    expect(viewCellYearCountries(s0, partial)).toEqual([CAMEROON, CAR]);
    expect(cellYearsCover(partial, viewCellYearCountries(s0, partial))).toBe(true);
    const monusco = { ...s0, mission: 'MONUSCO' };
    expect(viewCellYearCountries(monusco, partial)).toEqual([DRC]);
    expect(cellYearsCover(partial, viewCellYearCountries(monusco, partial))).toBe(false);
  });

  it('World, the pooled lag analysis and a story read every mission’s', () => {
    const world = reduce(s0, { type: 'openWorld' }, full.missions);
    expect(viewCellYearCountries(world, partial)).toBe('all');
    expect(viewCellYearCountries({ ...s0, lagPool: { from: null, to: null } }, partial)).toBe(
      'all',
    );
    expect(viewCellYearCountries({ ...s0, story: { id: 'x', scene: 0 } }, partial)).toBe('all');
  });

  it('a selected cell that the first frame does not have may be another country’s', () => {
    const drcCell = { ...s0, selection: { kind: 'cell' as const, gid: gidOf(-1.7, 29.2) } };
    expect(viewCellYearCountries(drcCell, partial)).toBe('all');
    const carSel = { ...s0, selection: { kind: 'cell' as const, gid: carCell() } };
    expect(viewCellYearCountries(carSel, partial)).toEqual([CAMEROON, CAR]);
    // On a complete dataset the selection changes nothing.
    expect(viewCellYearCountries(drcCell, full)).toEqual([CAMEROON, CAR]);
  });

  it('a link opens on its mission, or on every mission for World, pooled, story or a cell', () => {
    expect(linkFirstView('', full.missions)).toBe(defaultState(full.missions).mission);
    expect(linkFirstView('?m=MONUSCO&y=2015', full.missions)).toBe('MONUSCO');
    expect(linkFirstView('?w=all&y=2015', full.missions)).toBe('all');
    expect(linkFirstView('?m=MINUSCA&pool=all', full.missions)).toBe('all');
    expect(linkFirstView(`?m=MINUSCA&sel=cell:${carCell()}`, full.missions)).toBe('all');
  });

  it('"Show the mission only" leaves World, pooled and story views and a selected cell in one action', () => {
    let s = reduce(s0, { type: 'openWorld' }, full.missions);
    s = { ...s, lagPool: { from: null, to: null }, selection: { kind: 'cell', gid: carCell() } };
    const back = reduce(s, { type: 'showMissionOnly' }, full.missions);
    expect(back.world).toBeNull();
    expect(back.lagPool).toBeNull();
    expect(back.selection).toBeNull();
    expect(back.mission).toBe('MINUSCA');
    expect(cellYearsCover(partial, viewCellYearCountries(back, partial))).toBe(true);
    // From another mission whose data is not in: back to the one given, in the same action.
    const monusco = reduce(s, { type: 'showMissionOnly', mission: 'MONUSCO' }, full.missions);
    expect(monusco.mission).toBe('MONUSCO');
    expect(monusco.world).toBeNull();
    // A base stays selected; nothing to leave is no change.
    const base = { ...s0, selection: { kind: 'base' as const, id: 'MINUSCA:bangui' } };
    expect(reduce(base, { type: 'showMissionOnly' }, full.missions)).toBe(base);
  });
});
