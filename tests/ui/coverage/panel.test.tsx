/**
 * The Coverage tab rendered to static HTML (react-dom/server), the sentences of its summary, its
 * chart rows and specs (without a DOM) and its legend section: what a reader gets, "not
 * computed" never shown as 0 %.
 */
import * as Plot from '@observablehq/plot';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CoverageYear } from '../../../src/domain/coverage';
import { coverageSection } from '../../../src/map/coverageLayers';
import { coverageChartRows, deathsSpec, shareSpec } from '../../../src/ui/coverage/chartSpec';
import {
  CoveragePanel,
  coverageSentence,
  fmtKm,
  fmtShare,
} from '../../../src/ui/coverage/CoveragePanel';

const noop = () => {};

const withData: CoverageYear = {
  year: 2015,
  hasData: true,
  missingCountries: [],
  deaths: { best: 45, low: 33, high: 57 },
  within: { best: 10, low: 8, high: 12 },
  share: 10 / 45,
  shareLow: 8 / 33,
  shareHigh: 12 / 57,
  events: 3,
  eventsWithin: 1,
  troopBases: 1,
  unknownTroopBases: 1,
  imprecise: 1,
};
const noData: CoverageYear = {
  ...withData,
  year: 2023,
  hasData: false,
  missingCountries: ['Central African Republic'],
  deaths: null,
  within: null,
  share: null,
  shareLow: null,
  shareHigh: null,
  events: null,
  eventsWithin: null,
  imprecise: null,
};
const nobody: CoverageYear = {
  ...withData,
  year: 2016,
  deaths: { best: 0, low: 0, high: 0 },
  within: { best: 0, low: 0, high: 0 },
  share: null,
  shareLow: null,
  shareHigh: null,
};

describe('coverage sentences', () => {
  it('states the share, its range, the bases, what was left out', () => {
    // 10/45 = 22 %, 8/33 = 24 %, 12/57 = 21 %.
    expect(coverageSentence(withData, 50, 5)).toBe(
      '2015: 22 % of the 45 civilians killed (low–high estimates: 21–24 %) died within 50\u00a0km of the one base with troops. 1 event located only to the country or at sea (where_prec above 5) left out. 1 base with troops unknown (NA) not counted as reach.',
    );
  });
  it('says "not computed" without data and "nothing to cover" without deaths, never 0 %', () => {
    expect(coverageSentence(noData, 50, 5)).toBe(
      '2023: not computed — violence data not loaded for Central African Republic.',
    );
    expect(coverageSentence(nobody, 50, 5)).toMatch(
      /no civilians recorded killed.*nothing to cover/,
    );
    expect(coverageSentence({ ...withData, troopBases: 0, share: 0 }, 50, 5)).toMatch(
      /^2015: 0 % of the 45 civilians killed .*within 50\u00a0km of a base with troops: no base had a known troop figure above zero that year\./,
    );
    expect(fmtShare(null)).toBe('not computed');
    expect(fmtShare(0)).toBe('0 %');
    // A no-break space (U+00A0) between the figure and its unit: never wrapped apart at 390 px.
    expect(fmtKm(44.478)).toBe('44.5\u00a0km');
    expect(fmtKm(1234.4)).toBe('1,234\u00a0km');
  });
});

describe('CoveragePanel', () => {
  const html = (current: CoverageYear, status: 'ready' | 'loading' = 'ready') =>
    renderToStaticMarkup(
      <CoveragePanel
        mission="MINUSCA"
        year={current.year}
        km={50}
        precision={5}
        perpetrator="all"
        status={status}
        years={[withData, nobody, noData]}
        current={current}
        uncovered={[]}
        onKm={noop}
        onPerpetrator={noop}
        onYear={noop}
        onFocusEvent={noop}
        onDownload={noop}
        selectionView={null}
        whatIf={null}
      />,
    );
  it('labels the inputs, the summary with its figures, the charts and the year table', () => {
    const h = html(withData);
    expect(h).toContain('Reach X (km)');
    expect(h).toMatch(/data-testid="coverage-summary"[^>]*data-share="0.2222/);
    expect(h).toContain('data-deaths="45"');
    expect(h).toContain('role="figure"');
    // The table: 2016 "none killed", 2023 "not loaded" (never 0 %).
    expect(h).toContain('none killed');
    expect(h).toContain('not loaded');
    expect(h).not.toContain('>0 %<');
    expect(h).toContain('Every recorded killing was within reach.');
    // No kilometre figure can wrap from its unit: a no-break space (or &nbsp;) before every "km".
    expect(h).toMatch(/\d(\u00a0|&nbsp;)km/);
    expect(h).not.toMatch(/\d km/);
  });
  it('shows "not computed" for a year without data, and a loading line before the events', () => {
    const h = html(noData);
    expect(h).toContain('not computed — violence data not loaded');
    expect(h).toContain('data-share="null"');
    expect(h).not.toContain('Killings beyond');
    expect(html(withData, 'loading')).toContain('Loading the events…');
  });
});

describe('coverage charts and legend', () => {
  it('keep years without data out of the lines and mark them "not loaded"', () => {
    const rows = coverageChartRows([withData, nobody, noData]);
    expect(rows.map((r) => [r.year, r.hasData, r.share])).toEqual([
      [2015, true, 10 / 45],
      [2016, true, null],
      [2023, false, null],
    ]);
    expect(rows[0]).toMatchObject({ shareLow: 12 / 57, shareHigh: 8 / 33 });
    const share = shareSpec(Plot, rows, 320, 50);
    const deaths = deathsSpec(Plot, rows, 320);
    expect(share.y).toMatchObject({ domain: [0, 1] });
    expect((deaths.y as { domain: number[] }).domain).toEqual([0, 57]);
  });
  it('lists reach, within and beyond in the legend, "not computed" without data', () => {
    const s = coverageSection({ km: 50, year: 2023, troopBases: 14, covered: 0, uncovered: 0, notComputed: true, precision: 5, sites: 0 }); // prettier-ignore
    expect(s.entries.map((e) => [e.id, e.detail])).toEqual([
      ['coverage:reach', '14 bases'],
      ['coverage:covered', 'not computed'],
      ['coverage:uncovered', 'not computed'],
    ]);
  });
});
