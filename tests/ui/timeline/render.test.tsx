/**
 * Structure of the timeline components as static markup (react-dom/server). Behaviour in a real
 * browser (playing, keyboard, Plot charts) is covered by tests/e2e/timeline.test.ts.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createSelectors } from '../../../src/data/selectors';
import { createTimelineSelectors } from '../../../src/data/timelineSelectors';
import { createPlayback } from '../../../src/state/playback';
import { BaseLifetimes } from '../../../src/ui/timeline/BaseLifetimes';
import {
  ChangesList,
  comparisonNote,
  deltaText,
  troopsText,
} from '../../../src/ui/timeline/ChangesList';
import { stepFrame } from '../../../src/state/timeline';
import { Timeline } from '../../../src/ui/timeline/Timeline';
import { WorldSummaryLine } from '../../../src/ui/timeline/WorldSummaryLine';
import { YearSummaryLine } from '../../../src/ui/timeline/YearSummaryLine';
import { carCell, dataset, deployment, deployments } from '../../fixtures/factories';

const d = deployments([
  deployment({ location: 'Bangui', gid: carCell(0, 0) }, { 2014: 1000, 2015: 1500, 2016: 1500 }),
  deployment({ location: 'Bria', gid: carCell(4, 6) }, { 2014: 300, 2015: 200 }),
  deployment({ location: 'Kaga', gid: carCell(3, 2) }, { 2015: 150, 2017: 90 }),
  deployment({ location: 'Sibut', gid: carCell(2, 3) }, { 2014: 80, 2015: null }),
]);
const tsel = createTimelineSelectors(createSelectors(dataset(d)));
const YEARS = [2014, 2015, 2016, 2017];
const noop = () => {};

function timeline(over: Partial<Parameters<typeof Timeline>[0]> = {}): string {
  const playback = createPlayback(0, YEARS.length - 1, 1);
  return renderToStaticMarkup(
    <Timeline
      mission="MINUSCA"
      steps={YEARS}
      granularity="year"
      playback={playback}
      frame={stepFrame(playback, YEARS)}
      dispatch={noop}
      onSeekValue={noop}
      label={String}
      year={2015}
      onYear={noop}
      totals={tsel.totals('MINUSCA', 'all')}
      osvLabel="Civilians killed"
      monthly={{ available: false, note: 'No monthly data' }}
      onGranularity={noop}
      {...over}
    />,
  );
}

describe('Timeline', () => {
  it('shows the year large, the controls and a real range slider over the years', () => {
    const html = timeline();
    expect(html).toMatch(/<output[^>]*data-testid="year"[^>]*>2015<\/output>/);
    expect(html).toMatch(/<input[^>]*type="range"[^>]*min="2014"[^>]*max="2017"/);
    expect(html).toMatch(/data-testid="year-slider"/);
    expect(html).toMatch(/aria-valuetext="2015"/);
    for (const label of ['First year', 'Previous year', 'Play', 'Next year', 'Last year'])
      expect(html).toContain(`aria-label="${label}"`);
    expect(html).toContain('0.5 s / year');
    expect(html).toContain('4 s / year');
    expect(html).toMatch(
      /data-testid="monthly"[^>]*disabled|disabled=""[^>]*data-testid="monthly"/,
    );
    expect(html).toContain('data-testid="timeline-chart"');
  });

  it('shows Pause while playing and says when motion is reduced', () => {
    const playback = { ...createPlayback(0, 3, 0), playing: true, reducedMotion: true };
    const html = timeline({ playback, frame: stepFrame(playback, YEARS) });
    expect(html).toContain('aria-label="Pause"');
    expect(html).toContain('Reduced motion');
  });

  it('labels months in monthly mode', () => {
    const steps = [24168, 24169, 24170];
    const playback = createPlayback(0, 2, 1);
    const html = timeline({
      steps,
      granularity: 'month',
      playback,
      frame: stepFrame(playback, steps),
      label: (v) => `M${v}`,
      monthly: { available: true, note: '' },
    });
    expect(html).toContain('>M24169</output>');
    expect(html).toContain('aria-label="Next month"');
    expect(html).toContain('s / month');
  });
});

describe('ChangesList', () => {
  const html = renderToStaticMarkup(
    <ChangesList
      mission="MINUSCA"
      year={2015}
      years={YEARS}
      changes={tsel.changes('MINUSCA', 2015)}
      onFlyTo={noop}
    />,
  );

  it('lists the changed bases with troops before → after, unchanged folded away', () => {
    const rows = [...html.matchAll(/data-kind="(\w+)" data-base-id="([^"]+)"/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(rows).toEqual([
      ['NEW', 'MINUSCA:kaga'],
      ['STRENGTHENED', 'MINUSCA:bangui'],
      ['REDUCED', 'MINUSCA:bria'],
      ['UNCHANGED', 'MINUSCA:sibut'],
    ]);
    expect(html).toContain('1,000 → 1,500');
    expect(html).toContain('(+500)');
    expect(html).toContain('300 → 200');
    expect(html).toMatch(/<details[^>]*><summary>1 unchanged \(or troops unknown\)/);
    expect(html).toContain('Compared with 2014.');
  });

  it('names each row by the text it shows first (no aria-label that hides it)', () => {
    const row = /<li data-testid="change-row" data-kind="STRENGTHENED"[\s\S]*?<\/li>/.exec(
      html,
    )![0];
    expect(row).not.toContain('aria-label');
    const text = row.replace(/<[^>]+>/g, '').replace('&gt;', '>');
    expect(text).toContain('Bangui: strengthened, troops 1,000 → 1,500 (+500). Show on the map.');
  });

  it('formats troops and deltas honestly', () => {
    expect(troopsText(null, true)).toBe('NA');
    expect(troopsText(5, false)).toBe('—');
    expect(deltaText(-50)).toBe('−50');
    expect(deltaText(null)).toBe('');
    expect(deltaText(0)).toBe('±0');
  });

  it('explains first years and years after a gap', () => {
    expect(comparisonNote('MINUSCA', 2014, YEARS)).toContain('first year');
    expect(comparisonNote('X', 2020, [2014, 2015, 2020])).toContain('no recorded base in 2019');
  });
});

describe('BaseLifetimes', () => {
  it('renders a container for the chart and a list of bases with their years', () => {
    const html = renderToStaticMarkup(
      <BaseLifetimes
        mission="MINUSCA"
        lifetimes={tsel.lifetimes('MINUSCA')}
        firstYear={2014}
        lastYear={2017}
        year={2015}
        onSelect={noop}
        onFlyTo={noop}
      />,
    );
    expect(html).toContain('data-testid="lifetimes-plot"');
    expect(html).toContain('4 bases, 1 with interruptions (gaps)');
    expect(html).toContain('Kaga: 2015, 2017 (1 interruption), up to 150 troops');
  });
});

describe('YearSummaryLine', () => {
  it('says "not loaded" instead of zero when the year has no violence data', () => {
    const base = { cells: 0, bases: 2, troops: 1200, unknownTroops: 1 };
    const none = renderToStaticMarkup(
      <YearSummaryLine summary={{ ...base, fatalities: null }} mission="MINUSCA" year={2023} />,
    );
    expect(none).toContain('Violence data not loaded for 2023');
    expect(none).not.toContain('civilians killed');
    expect(none).toContain(
      '2 bases</strong> of MINUSCA in 2023, 1,200 troops (+1 base with unknown troops)',
    );
    const some = renderToStaticMarkup(
      <YearSummaryLine
        summary={{ ...base, fatalities: 35, cells: 3 }}
        mission="MINUSCA"
        year={2017}
      />,
    );
    expect(some).toContain('<strong>35</strong> civilians killed in 3 cells in 2017');
  });

  it('in monthly mode says the line counts the whole year', () => {
    const html = renderToStaticMarkup(
      <YearSummaryLine
        summary={{ fatalities: 708, cells: 45, bases: 17, troops: 10535, unknownTroops: 0 }}
        mission="MINUSCA"
        year={2017}
        monthly
      />,
    );
    expect(html).toContain('708</strong> civilians killed in 45 cells in 2017 (whole year)');
    expect(html).toContain('17 bases</strong> of MINUSCA in 2017 (whole year), 10,535 troops');
  });
});

describe('WorldSummaryLine', () => {
  const base = {
    year: 2015,
    missions: 3,
    bases: 40,
    troops: 12345,
    unknownTroops: 2,
    unpolSites: 7,
    unmoSites: 1,
    cells: 0,
  };
  it('gives the selection’s figures; violence "not loaded" (never 0) when no host has data', () => {
    const html = renderToStaticMarkup(
      <WorldSummaryLine
        summary={{ ...base, fatalities: null, covered: [], missing: ['Mali', 'South Sudan'] }}
      />,
    );
    expect(html).toContain('Violence data not loaded for 2015 in the host countries');
    expect(html).not.toContain('civilians killed');
    expect(html).toContain('3 missions</strong>, 40 bases in 2015');
    expect(html).toContain('12,345</strong> troops (+2 bases with unknown troops), UN police at 7');
    expect(html).toContain('observers at 1 site<');
    expect(html).not.toContain('MINUSCA');
  });

  it('counts violence where loaded and names the countries where it is not', () => {
    const html = renderToStaticMarkup(
      <WorldSummaryLine
        summary={{
          ...base,
          fatalities: 708,
          cells: 45,
          covered: ['Central African Republic'],
          missing: ['Mali'],
        }}
      />,
    );
    expect(html).toContain(
      '708</strong> civilians killed in 45 cells in 2015, in 1 host country with data',
    );
    expect(html).toContain('(not loaded for Mali)');
    // Many missing countries are counted, listed in the tooltip.
    const many = renderToStaticMarkup(
      <WorldSummaryLine
        summary={{ ...base, fatalities: 0, covered: ['Mali'], missing: ['A', 'B', 'C', 'D'] }}
      />,
    );
    expect(many).toContain('<strong data-testid="world-summary-killed">0</strong>');
    expect(many).toContain('title="A, B, C, D"');
    expect(many).toContain('(not loaded for 4 countries)');
  });
});
