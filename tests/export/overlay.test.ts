import { describe, expect, it } from 'vitest';
import { attributionText } from '../../src/export/attribution';
import {
  drawLegend,
  drawOverlay,
  exportLayout,
  legendClassRows,
  legendHeight,
  legendSections,
  wrapText,
  type LegendSpec,
} from '../../src/export/overlay';
import { fakeContext } from './fakeCanvas';

const measure = (s: string) => s.length * 10;

describe('wrapText', () => {
  it('breaks at spaces so that no line is wider than allowed', () => {
    const lines = wrapText('one two three four five six', 100, measure);
    expect(lines).toEqual(['one two', 'three four', 'five six']);
    expect(lines.every((l) => measure(l) <= 100)).toBe(true);
  });

  it('keeps an over-long word on its own line and honours newlines', () => {
    expect(wrapText('a extraordinarily b\nc', 50, measure)).toEqual([
      'a',
      'extraordinarily',
      'b',
      'c',
    ]);
  });

  it('loses no word', () => {
    const text = 'In 2014, its first year, MINUSCA deployed 6,750 troops to 8 bases.';
    expect(wrapText(text, 120, measure).join(' ')).toBe(text);
  });
});

describe('attributionText', () => {
  it('credits all four sources and the GED version', () => {
    const t = attributionText({ gedVersions: ['23.1'] });
    for (const s of ['UCDP GED 23.1', 'Geo-PKO', 'Natural Earth', 'GeoNames'])
      expect(t).toContain(s);
  });
});

describe('exportLayout', () => {
  it('docks on the right at 1920×1080 and pads the camera for the dock and the strip', () => {
    const l = exportLayout({ width: 1920, height: 1080 });
    expect(l.dockSide).toBe('right');
    expect(l.unit).toBe(1);
    expect(l.dock.x + l.dock.width).toBe(1920);
    expect(l.padding.right).toBeGreaterThan(l.dock.width);
    expect(l.padding.bottom).toBeGreaterThan(l.strip.height);
    expect(l.strip.y + l.strip.height).toBe(1080);
  });

  it('docks at the bottom for a portrait frame', () => {
    const l = exportLayout({ width: 1080, height: 1920 });
    expect(l.dockSide).toBe('bottom');
    expect(l.padding.bottom).toBeGreaterThan(l.dock.height);
  });
});

describe('drawLegend / drawOverlay', () => {
  const spec: LegendSpec = {
    perpetrator: 'nonstate',
    violence: true,
    noData: true,
    bases: true,
    highlights: true,
    flags: true,
    mission: 'MINUSCA',
  };

  it('uses exactly the height legendHeight reports', () => {
    const { ctx } = fakeContext();
    for (const s of [
      spec,
      { ...spec, flags: false, noData: false },
      { ...spec, violence: false, baseScale: 0.5 },
      { ...spec, censored: true },
    ])
      for (const width of [500, 300])
        expect(drawLegend(ctx, s, 0, 100, width, 1.5)).toBeCloseTo(legendHeight(s, width, 1.5), 9);
    expect(legendClassRows(300, 1)).toBe(2);
    expect(legendClassRows(520, 1)).toBe(1);
  });

  it('draws every class label and the no-data note', () => {
    const f = fakeContext();
    drawLegend(f.ctx, spec, 0, 0, 500, 1);
    const t = f.texts();
    for (const label of [
      '1–4',
      '5–9',
      '500+',
      'No violence data loaded (not zero)',
      'Not responded',
    ])
      expect(t).toContain(label);
    expect(t.some((s) => s.includes('Non-state groups'))).toBe(true);
    expect(t.some((s) => s.includes('may have begun before'))).toBe(false);
    const c = fakeContext();
    drawLegend(c.ctx, { ...spec, censored: true }, 0, 0, 500, 1);
    expect(c.texts()).toContain('‹ inside: may have begun before the first year analysed');
  });

  it('stamps title, year, caption and attribution; cuts a caption that does not fit', () => {
    const layout = exportLayout({ width: 1920, height: 1080 });
    const f = fakeContext();
    drawOverlay(
      f.ctx,
      layout,
      {
        title: 'MINUSCA 2017',
        year: '2017',
        caption: 'word '.repeat(2000),
        attribution: attributionText({ gedVersions: ['23.1'] }),
      },
      spec,
    );
    const t = f.texts();
    expect(t).toContain('MINUSCA 2017');
    expect(t).toContain('2017');
    expect(t.some((s) => s.startsWith('Data: UCDP GED 23.1'))).toBe(true);
    const captionLines = f.calls.filter(
      (c) => c.name === 'fillText' && String(c.args[0]).startsWith('word'),
    );
    expect(captionLines.length).toBeGreaterThan(3);
    expect(String(captionLines[captionLines.length - 1]!.args[0])).toMatch(/…$/);
    // No caption line is drawn below the top of the legend.
    const legendTop =
      layout.dock.y + layout.dock.height - 28 - legendHeight(spec, layout.dock.width - 56, 1);
    for (const c of captionLines) expect(Number(c.args[2])).toBeLessThan(legendTop);
  });
});

describe('the World view export legend', () => {
  it('lists the missions drawn with their colours after the bases key, nothing of violence', () => {
    const world = [
      { id: 'MINUSCA', color: '#aa0000' },
      { id: 'UNMISS', color: '#00aa00' },
    ];
    const spec: LegendSpec = {
      perpetrator: 'all',
      violence: false,
      noData: false,
      bases: true,
      highlights: false,
      flags: false,
      mission: 'Peacekeeping',
      year: 2015,
      period: '2015',
      world,
    };
    const sections = legendSections(spec);
    expect(sections.map((s) => s.id)).not.toContain('violence');
    const last = sections[sections.length - 1]!;
    expect(last.title).toBe('Missions, 2015');
    expect(last.entries.map((e) => [e.label, e.symbol])).toEqual([
      ['MINUSCA', { kind: 'mission', color: '#aa0000' }],
      ['UNMISS', { kind: 'mission', color: '#00aa00' }],
    ]);
    const { ctx } = fakeContext();
    expect(drawLegend(ctx, spec, 0, 100, 400, 1)).toBeCloseTo(legendHeight(spec, 400, 1), 9);
  });
});
