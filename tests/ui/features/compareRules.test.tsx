import { describe, expect, it } from 'vitest';
import { DEFAULT_LAG } from '../../../src/state/state';
import { paramText, rulesLabels, rulesText } from '../../../src/ui/features/compareRules';

const A = { ...DEFAULT_LAG };

describe('compare rules labels', () => {
  it('name the parameters that differ, on both sides', () => {
    const B = { ...A, theta: 25, window: 5 };
    expect(rulesLabels(A, B)).toEqual({
      left: 'Rules A: θ 10, W 3',
      right: 'Rules B: θ 25, W 5',
    });
    expect(rulesLabels(A, { ...A, reachKm: 50, initialDeployment: false })).toEqual({
      left: 'Rules A: reach in rings, initial deployment on',
      right: 'Rules B: reach 50 km, initial deployment off',
    });
    expect(rulesLabels(A, { ...A })).toEqual({ left: 'Rules A', right: 'Rules B (same as A)' });
  });

  it('write a whole set in plain words', () => {
    expect(rulesText(A)).toBe('θ 10, r 0, W 3, Δ 1, p 5, reach in rings, initial deployment on');
    expect(paramText({ ...A, theta: 1500 }, 'theta')).toBe('θ 1,500');
  });
});
