/**
 * The Lag tab's "All missions" view (static render) and its selectors, state and URL, on the
 * hand-computed pooled scenario (tests/fixtures/pooledScenario.ts; expected figures worked out
 * there and in tests/domain/lagPooled.test.ts).
 */
import * as Plot from '@observablehq/plot';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createLagSelectors } from '../../../src/data/lagSelectors';
import { DEFAULT_LAG_PARAMS } from '../../../src/domain/lag';
import type { PooledYears } from '../../../src/domain/lagPooled';
import { responsivenessRows } from '../../../src/domain/lagView';
import { reduce } from '../../../src/state/reduce';
import { DEFAULT_LAG, defaultState } from '../../../src/state/state';
import { encodeUrlState as stateToUrl, parseUrlState as parseUrl } from '../../../src/state/url';
import { responsivenessSpec } from '../../../src/ui/lag/chartSpecs';
import { PooledPanel } from '../../../src/ui/lag/PooledPanel';
import { pooledScenarioDataset } from '../../fixtures/pooledScenario';

const ds = pooledScenarioDataset();
const sel = createLagSelectors(ds);
const noop = () => {};
const ALL: PooledYears = { from: null, to: null };

function render(years = ALL) {
  return renderToStaticMarkup(
    <PooledPanel
      mission="MINUSCA"
      result={sel.pooled(DEFAULT_LAG_PARAMS, years)}
      params={DEFAULT_LAG}
      perpetrator="all"
      onParams={noop}
      onPerpetrator={noop}
      onReset={noop}
      onYears={noop}
      onScope={noop}
      placeOf={sel.placeOf}
      onDownload={noop}
      onDownloadTable={noop}
    />,
  );
}

describe('PooledPanel', () => {
  const html = render();
  it('names the counted missions and MONUSCO as excluded, not zero', () => {
    expect(html).toMatch(
      /Counted \(all years\):<\/strong> MINUSCA \(6 country-years\), UNMISS \(5 country-years\)/,
    );
    expect(html).toMatch(/Excluded — violence data not loaded \(1 mission, not counted as zero\)/);
    expect(html).toMatch(
      /data-mission="MONUSCO"><strong>MONUSCO<\/strong>: Democratic Republic of the Congo 2015–2016/,
    );
  });
  it('shows the pooled figures', () => {
    expect(html).toMatch(/data-field="killed">101/);
    expect(html).toMatch(/in 22 mission-cell-years, 2014–2019/);
    expect(html).toMatch(/data-field="response-rate">75%/);
    expect(html).toMatch(/Wilson score interval, 95 %/);
  });
  it('lists the episodes with their missions, largest first', () => {
    const missions = [...html.matchAll(/<li data-mission="([A-Z]+)" data-gid/g)].map((m) => m[1]);
    expect(missions).toEqual(['UNMISS', 'MINUSCA', 'MINUSCA', 'UNMISS']);
  });
  it('says so when no mission has violence data in the years', () => {
    const none = render({ from: 2020, to: 2022 });
    expect(none).toMatch(/no mission has violence data in these years/);
    expect(none).not.toMatch(/data-field="killed"/);
  });
});

describe('pooled selectors', () => {
  it('memoize the pooled run per parameters and years', () => {
    const a = sel.pooled(DEFAULT_LAG_PARAMS, { from: 2015, to: 2016 });
    expect(sel.pooled({ ...DEFAULT_LAG_PARAMS }, { from: 2015, to: 2016 })).toBe(a);
    expect(sel.pooled({ ...DEFAULT_LAG_PARAMS, theta: 20 }, { from: 2015, to: 2016 })).not.toBe(a);
    expect(sel.pooledCsv(DEFAULT_LAG_PARAMS, ALL).split('\n')).toHaveLength(1 + 4 + 1);
    expect(sel.pooledResponsivenessCsv(DEFAULT_LAG_PARAMS, ALL).split('\n')).toHaveLength(
      1 + 30 + 1,
    );
  });
});

describe('responsiveness chart intervals', () => {
  it('draws a Wilson 95 % whisker for every bin with cell-years', () => {
    const rows = responsivenessRows(sel.pooled(DEFAULT_LAG_PARAMS, ALL).responsiveness);
    // Non-state 10–24: 2 of 2 → [0.342, 1] (Wilson, by hand: (2 + 1.92 − 1.96·0.98) / 5.84).
    const r = rows.find((x) => x.series === 'nonstate' && x.label === '10–24')!;
    expect(r.low).toBeCloseTo(0.3424, 3);
    expect(r.high).toBe(1);
    expect(rows.find((x) => x.series === 'nonstate' && x.label === '1–4')!.low).toBeNull();
    const spec = responsivenessSpec(Plot, rows, 320);
    const marks = spec.marks as unknown as { data: unknown[] }[];
    expect(marks[2]!.data).toHaveLength(rows.filter((x) => x.share !== null).length);
  });
});

describe('lagPool state and URL', () => {
  const missions = [{ id: 'MINUSCA', years: [2014, 2015, 2016] }];
  const s0 = defaultState(missions);
  it('switches to all missions and back, refusing a reversed range', () => {
    const s1 = reduce(s0, { type: 'setLagPool', pool: { from: 2012, to: 2022 } }, missions);
    expect(s1.lagPool).toEqual({ from: 2012, to: 2022 });
    expect(reduce(s1, { type: 'setLagPool', pool: { from: 2022, to: 2012 } }, missions)).toBe(s1);
    expect(reduce(s1, { type: 'setLagPool', pool: null }, missions).lagPool).toBeNull();
  });
  it('round-trips through the URL as pool=FROM-TO or all, with a notice for a bad value', () => {
    const s1 = { ...s0, lagPool: { from: 2012, to: 2022 } };
    expect(stateToUrl(s1)).toMatch(/pool=2012-2022/);
    expect(stateToUrl({ ...s0, lagPool: ALL })).toMatch(/pool=all/);
    expect(stateToUrl({ ...s0, lagPool: { from: 2014, to: null } })).toMatch(/pool=2014-(&|$)/);
    expect(parseUrl('?pool=2012-2022', missions).state.lagPool).toEqual({ from: 2012, to: 2022 });
    expect(parseUrl('?pool=all', missions).state.lagPool).toEqual(ALL);
    const bad = parseUrl('?pool=2022-2012', missions);
    expect(bad.state.lagPool).toBeNull();
    expect(bad.notices.join(' ')).toMatch(/pool=“2022-2012”/);
  });
});
