import { describe, expect, it } from 'vitest';
import { parseTccOverview } from '../../src/domain/deployments';
import {
  mergeContributors,
  parseTccEntry,
  tccEntryText,
  tccFigures,
  tccTotals,
} from '../../src/domain/tcc';

describe('troops per contributing country (TCCMap entries)', () => {
  it('reads the number in the last parentheses; "size unknown" is null, never 0', () => {
    expect(parseTccEntry('Bangladesh (750)')).toEqual({ country: 'Bangladesh', troops: 750 });
    expect(parseTccEntry('Nepal (size unknown)')).toEqual({ country: 'Nepal', troops: null });
    expect(parseTccEntry('Korea (ROK) (150)')).toEqual({ country: 'Korea (ROK)', troops: 150 });
    expect(parseTccEntry('Togo')).toEqual({ country: 'Togo', troops: null });
    expect(parseTccEntry('Ghana (0)')).toEqual({ country: 'Ghana', troops: 0 });
  });

  it('rejects a figure that is not a whole number, or an entry without a name', () => {
    expect(() => parseTccEntry('Togo (abc)')).toThrow(/"abc" is not a whole number/);
    expect(() => parseTccEntry('Togo (1.5)')).toThrow(/not a whole number/);
    expect(() => parseTccEntry('Togo (-5)')).toThrow(/not a whole number/);
    expect(() => parseTccEntry('(150)')).toThrow(/no country name/);
  });

  it('splits an overview whose entries carry their own parentheses', () => {
    expect(parseTccOverview('Korea (ROK) (150), Sri Lanka (950)')).toEqual([
      'Korea (ROK) (150)',
      'Sri Lanka (950)',
    ]);
    expect(parseTccOverview('Bangladesh (size unknown), Jordan (150), Pakistan (800)')).toEqual([
      'Bangladesh (size unknown)',
      'Jordan (150)',
      'Pakistan (800)',
    ]);
  });

  it('writes the canonical text back', () => {
    expect(tccEntryText({ country: 'Nepal', troops: null })).toBe('Nepal (size unknown)');
    expect(tccEntryText({ country: 'Nepal', troops: 150 })).toBe('Nepal (150)');
    expect(tccFigures(['Nepal (150)', 'Chad'])).toEqual([
      { country: 'Nepal', troops: 150 },
      { country: 'Chad', troops: null },
    ]);
  });

  it('sums known figures per country over locations and counts unknown sizes apart', () => {
    // Bangui: Nepal 150, Pakistan unknown; Bria: Nepal 50, Pakistan 800; Kaga: Chad unknown.
    const t = tccTotals([
      ['Nepal (150)', 'Pakistan (size unknown)'],
      ['Nepal (50)', 'Pakistan (800)'],
      ['Chad (size unknown)'],
    ]);
    expect(t).toEqual([
      { country: 'Pakistan', troops: 800, locations: 2, unknownAt: 1 },
      { country: 'Nepal', troops: 200, locations: 2, unknownAt: 0 },
      { country: 'Chad', troops: null, locations: 1, unknownAt: 1 },
    ]);
  });
});

describe('mergeContributors (several rows of one location)', () => {
  it('lists each country once, with the rounded mean of the figures given for it', () => {
    expect(
      mergeContributors([
        'Nepal (150)',
        'Togo (35)',
        'Nepal (200)',
        'Benin (size unknown)',
        'Togo (size unknown)',
        'Benin (10)',
        'Nepal (201)',
      ]),
    ).toEqual([
      // Nepal (150 + 200 + 201) / 3 = 183.67 → 184; Togo: only 35 known; Benin: only 10 known.
      'Nepal (184)',
      'Togo (35)',
      'Benin (10)',
    ]);
    expect(mergeContributors(['Chad (size unknown)', 'Chad (size unknown)'])).toEqual([
      'Chad (size unknown)',
    ]);
    expect(mergeContributors([])).toEqual([]);
  });
});
