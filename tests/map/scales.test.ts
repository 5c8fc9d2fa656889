import fc from 'fast-check';
import { CHANGE_COLORS } from '../../src/map/changeLayers';
import { describe, expect, it } from 'vitest';
import {
  BASE_FIXED_RADIUS,
  BASE_MIN_RADIUS,
  FAR_MISSION_COLOR,
  MISSION_COLOR,
  OTHER_MISSION_COLORS,
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
  it('gives the selected mission UN blue and the others the colour of their slot', () => {
    const slots = new Map([
      ['MINURCAT', 0],
      ['UNMIS', 1],
      ['MINUSCA', 2],
    ]);
    expect(missionColor('MINUSCA', 'MINUSCA', slots)).toBe(MISSION_COLOR);
    expect(missionColor('MINURCAT', 'MINUSCA', slots)).toBe(OTHER_MISSION_COLORS[0]);
    expect(missionColor('UNMIS', 'MINUSCA', slots)).toBe(OTHER_MISSION_COLORS[1]);
    // Selecting another mission changes nothing for the rest.
    expect(missionColor('UNMIS', 'MINURCAT', slots)).toBe(OTHER_MISSION_COLORS[1]);
    expect(missionColor('NOPE', 'MINUSCA', slots)).toBe(FAR_MISSION_COLOR);
  });

  it('no other-mission colour is UN blue, the new-base green, or close to either', () => {
    const dist = (a: string, b: string) => {
      const [r1, g1, b1] = hexToRgba(a);
      const [r2, g2, b2] = hexToRgba(b);
      return Math.hypot(r1! - r2!, g1! - g2!, b1! - b2!);
    };
    for (const c of OTHER_MISSION_COLORS) {
      expect(dist(c, MISSION_COLOR)).toBeGreaterThan(80);
      expect(dist(c, CHANGE_COLORS.NEW)).toBeGreaterThan(80);
    }
  });

  it('rejects malformed colours', () => {
    expect(() => hexToRgba('red')).toThrow(/not a #rrggbb/);
  });
});
