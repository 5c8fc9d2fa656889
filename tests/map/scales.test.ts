import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASE_FIXED_RADIUS,
  BASE_MIN_RADIUS,
  MISSION_COLOR,
  VIOLENCE_BREAKS,
  VIOLENCE_COLORS,
  baseRadius,
  hexToRgba,
  missionColor,
  violenceClass,
  violenceColor,
  violenceLegend,
} from '../../src/map/scales';

describe('violence scale', () => {
  it('puts each break at the start of its class', () => {
    expect(VIOLENCE_BREAKS.map(violenceClass)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect([4, 9, 24, 49, 99, 249, 499, 10_000].map(violenceClass)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7,
    ]);
  });

  it('does not draw zero, negative or NaN', () => {
    expect(violenceClass(0)).toBe(-1);
    expect(violenceClass(0.5)).toBe(-1);
    expect(violenceClass(-3)).toBe(-1);
    expect(violenceClass(NaN)).toBe(-1);
    expect(violenceColor(0)).toBeNull();
  });

  it('is monotone: more deaths never give a lighter class', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (a, d) => {
        expect(violenceClass(a + d)).toBeGreaterThanOrEqual(violenceClass(a));
      }),
    );
  });

  it('colours get darker with each class (luminance decreases)', () => {
    const lum = (hex: string) => {
      const [r, g, b] = hexToRgba(hex);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const l = VIOLENCE_COLORS.map(lum);
    for (let i = 1; i < l.length; i++) expect(l[i]).toBeLessThan(l[i - 1]!);
    expect(violenceColor(30)).toEqual(hexToRgba(VIOLENCE_COLORS[3], 210));
  });

  it('legend labels cover the whole numbers without gaps or overlaps', () => {
    const legend = violenceLegend();
    expect(legend.map((c) => c.label)).toEqual([
      '1–4',
      '5–9',
      '10–24',
      '25–49',
      '50–99',
      '100–249',
      '250–499',
      '500+',
    ]);
    for (let i = 1; i < legend.length; i++) expect(legend[i]!.from).toBe(legend[i - 1]!.to! + 1);
    expect(legend[legend.length - 1]!.to).toBeNull();
  });
});

describe('base size', () => {
  it('area is proportional to troops above the minimum radius', () => {
    const a = baseRadius(400) ** 2;
    const b = baseRadius(1600) ** 2;
    expect(b / a).toBeCloseTo(4, 6);
  });

  it('small, zero and unknown troop figures get readable fixed sizes', () => {
    expect(baseRadius(1)).toBe(BASE_MIN_RADIUS);
    expect(baseRadius(0)).toBe(BASE_FIXED_RADIUS);
    expect(baseRadius(null)).toBe(BASE_FIXED_RADIUS);
  });
});

describe('mission colours', () => {
  it('gives the selected mission UN blue and others stable distinct colours', () => {
    const ids = ['MINURCAT', 'MINUSCA', 'UNMIS'];
    expect(missionColor('MINUSCA', 'MINUSCA', ids)).toBe(MISSION_COLOR);
    const a = missionColor('MINURCAT', 'MINUSCA', ids);
    const b = missionColor('UNMIS', 'MINUSCA', ids);
    expect(a).not.toBe(b);
    expect([a, b]).not.toContain(MISSION_COLOR);
  });

  it('rejects malformed colours', () => {
    expect(() => hexToRgba('red')).toThrow(/not a #rrggbb/);
  });
});
