/**
 * One legend model, three renderers: the live map's legend box, the presenter's compact legend and
 * the Canvas export list the same entries, in the same order, for the same view.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { drawLegend, legendSections, type LegendSpec } from '../../src/export/overlay';
import { Legend } from '../../src/ui/Legend';
import { fakeContext } from './fakeCanvas';

const SPECS: LegendSpec[] = [
  {
    perpetrator: 'nonstate',
    violence: true,
    noData: true,
    bases: true,
    highlights: true,
    flags: true,
    censored: true,
    censoredYears: [2014],
    period: '2014',
    year: 2014,
    others: [{ id: 'UNMISS', color: '#cc79a7' }],
    mission: 'MINUSCA',
  },
  {
    perpetrator: 'all',
    violence: false,
    noData: false,
    bases: true,
    highlights: false,
    flags: false,
    changes: true,
    period: 'March 2017',
    mission: 'MONUSCO',
  },
  {
    // The Coverage tab open with its what-if sites, and the new-hotspots layer on.
    perpetrator: 'all',
    violence: true,
    noData: false,
    bases: true,
    highlights: false,
    flags: true,
    period: '2017',
    year: 2017,
    mission: 'MINUSCA',
    coverage: {
      km: 50,
      year: 2017,
      troopBases: 12,
      covered: 30,
      uncovered: 8,
      notComputed: false,
      precision: 5,
      sites: 3,
    },
    hotspots: { year: 2017, theta: 25, count: 3 },
  },
  {
    // Deployment role layers: no-troop sites and HQ rings off, badges for police, observers,
    // three unit types and the contributing countries.
    perpetrator: 'all',
    violence: false,
    noData: false,
    bases: true,
    highlights: false,
    flags: false,
    period: '2016',
    mission: 'MINUSMA',
    roles: {
      troops: true,
      noTroops: false,
      hq: false,
      unpol: true,
      unmo: true,
      units: ['medical', 'aviation', 'riverine'],
      contributors: true,
    },
  },
];

const entries = (html: string): string[] =>
  [...html.matchAll(/data-legend-entry="([^"]+)"/g)].map((m) => m[1]!);

describe('legend parity', () => {
  for (const spec of SPECS)
    it(`live, presenter and Canvas list the same entries (${spec.mission})`, () => {
      const sections = legendSections(spec);
      const ids = sections.flatMap((s) => s.entries.map((e) => e.id));
      if (spec.roles) {
        expect(ids).not.toContain('bases:zero');
        expect(ids).not.toContain('bases:hq');
        expect(ids.filter((i) => i.startsWith('roles:'))).toEqual([
          'roles:unpol',
          'roles:unmo',
          'roles:unit:medical',
          'roles:unit:aviation',
          'roles:unit:riverine',
          'roles:tcc',
        ]);
      }
      expect(ids.length).toBeGreaterThan(4);
      if (spec.coverage)
        // The live map's order: … flags, coverage, new hotspots.
        expect(sections.map((s) => s.id).slice(-3)).toEqual(['flags', 'coverage', 'hotspots']);
      expect(entries(renderToStaticMarkup(<Legend sections={sections} />))).toEqual(ids);
      expect(entries(renderToStaticMarkup(<Legend sections={sections} compact />))).toEqual(ids);
      // The Canvas draws each entry's label (the size key draws its troop figures), in order.
      const f = fakeContext();
      drawLegend(f.ctx, spec, 0, 0, 520, 1);
      const texts = f.texts();
      let at = -1;
      for (const s of sections)
        for (const e of s.entries) {
          const label = e.detail !== undefined ? `${e.label} · ${e.detail}` : e.label;
          const i = texts.indexOf(label, at + 1);
          expect(i, `${e.id} "${label}" drawn after the previous entry`).toBeGreaterThan(at);
          at = i;
        }
    });
});
