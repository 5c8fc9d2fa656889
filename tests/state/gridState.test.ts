import { describe, expect, it } from 'vitest';
import { normalizeState, reduce } from '../../src/state/reduce';
import {
  defaultState,
  isValidState,
  type AppState,
  type MissionYears,
} from '../../src/state/state';
import { encodeUrlState, parseUrlState } from '../../src/state/url';

const MISSIONS: MissionYears[] = [{ id: 'MINUSCA', years: [2014, 2015, 2016] }];
const s0 = defaultState(MISSIONS);

describe('grid slice', () => {
  it('starts on PRIO-GRID and leaves it out of the link', () => {
    expect(s0.grid).toBe('prio');
    expect(encodeUrlState(s0)).not.toContain('g=');
  });

  it('setGrid is a pure update; the same grid or an unknown one returns the state itself', () => {
    const s = reduce(s0, { type: 'setGrid', grid: 'h3r4' }, MISSIONS);
    expect(s.grid).toBe('h3r4');
    expect(s0.grid).toBe('prio');
    expect(isValidState(s, MISSIONS)).toBe(true);
    expect(reduce(s, { type: 'setGrid', grid: 'h3r4' }, MISSIONS)).toBe(s);
    expect(reduce(s0, { type: 'setGrid', grid: 'h9' as AppState['grid'] }, MISSIONS)).toBe(s0);
    expect(isValidState({ ...s0, grid: 'hex' as AppState['grid'] }, MISSIONS)).toBe(false);
  });

  it('round-trips through the link (g=h3r5); a bad value is a notice and PRIO-GRID', () => {
    const s = reduce(s0, { type: 'setGrid', grid: 'h3r5' }, MISSIONS);
    const q = encodeUrlState(s);
    expect(q).toContain('g=h3r5');
    expect(parseUrlState(q, MISSIONS).state.grid).toBe('h3r5');
    const bad = parseUrlState('?m=MINUSCA&y=2015&g=h3r9', MISSIONS);
    expect(bad.state.grid).toBe('prio');
    expect(bad.notices.join(' ')).toMatch(/g=“h3r9” \(grid\)/);
  });

  it('replace (normalizeState) keeps a valid grid and repairs a missing one', () => {
    expect(normalizeState({ ...s0, grid: 'h3r4' }, s0, MISSIONS).grid).toBe('h3r4');
    const { grid: _, ...noGrid } = s0;
    expect(normalizeState(noGrid as AppState, s0, MISSIONS).grid).toBe('prio');
  });
});
