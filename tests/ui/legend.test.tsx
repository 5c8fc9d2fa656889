/**
 * The legend as static markup, rendered from the one legend model: the period in the title, the
 * base symbols, the change key, and the flags key.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { legendModel, type LegendInput } from '../../src/map/legend';
import { fmtPeriod } from '../../src/ui/format';
import { Legend } from '../../src/ui/Legend';

const INPUT: LegendInput = {
  period: '2015',
  perpetrator: 'all',
  layers: { violence: true, noData: true, bases: true, changes: false, flags: false },
  noData: false,
  mission: 'MINUSCA',
  others: [],
  flags: null,
  highlights: false,
};

function legend(month: number | null, over: Partial<LegendInput> = {}): string {
  return renderToStaticMarkup(
    <Legend sections={legendModel({ ...INPUT, period: fmtPeriod(2015, month), ...over })} />,
  );
}

describe('Legend', () => {
  it('titles the violence scale with the month the map shows in monthly mode', () => {
    expect(legend(3)).toContain('Civilians killed, March 2015');
    expect(legend(3)).not.toContain('Civilians killed, 2015<');
    expect(legend(null)).toContain('Civilians killed, 2015<');
  });

  it('keys zero-troop and unknown-troop bases with distinct fixed-size symbols', () => {
    const html = legend(null);
    expect(html).toContain('No troops (police, observers or HQ only)');
    expect(html).toContain('Troops unknown (NA)');
    const circles = [...html.matchAll(/<circle cx="8" cy="8" r="[\d.]+" fill="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(circles).toHaveLength(2);
    expect(new Set(circles).size).toBe(2);
  });

  it('keys the change markers when they are on, and says no violence data is not zero', () => {
    const off = legend(null);
    expect(off).not.toContain('data-legend-entry="changes:NEW"');
    const on = legend(null, {
      layers: { ...INPUT.layers, changes: true },
      noData: true,
    });
    for (const k of ['NEW', 'STRENGTHENED', 'REDUCED', 'CLOSED'])
      expect(on).toContain(`data-legend-entry="changes:${k}"`);
    expect(on).toContain('▲');
    expect(on).toContain('▼');
    expect(on).toContain('No violence data loaded (not zero)');
  });

  it('renders every entry of the model, in order', () => {
    const input: LegendInput = {
      ...INPUT,
      layers: { violence: true, noData: true, bases: true, changes: true, flags: true },
      noData: true,
      others: [{ id: 'UNMISS', color: '#cc79a7' }],
      flags: { year: 2015, counts: { NOT_RESPONDED: 2 }, notComputed: false },
      highlights: true,
    };
    const model = legendModel(input);
    const html = renderToStaticMarkup(<Legend sections={model} />);
    const drawn = [...html.matchAll(/data-legend-entry="([^"]+)"/g)].map((m) => m[1]);
    expect(drawn).toEqual(model.flatMap((s) => s.entries.map((e) => e.id)));
    // 8 violence classes, no data, 4 base symbols + 1 other mission, 4 changes, 3 flags, highlight
    expect(drawn).toHaveLength(8 + 1 + 5 + 4 + 3 + 1);
  });
});
