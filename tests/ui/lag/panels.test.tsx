/**
 * Structure of the lag panels, rendered to static HTML (react-dom/server): what a reader and a
 * screen reader get. Charts are drawn in effects in the browser (see tests/e2e/lag.test.ts); here
 * their containers and the data tables beside them are checked.
 */
import * as Plot from '@observablehq/plot';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createLagSelectors } from '../../../src/data/lagSelectors';
import { DEFAULT_LAG_PARAMS, type LagParams } from '../../../src/domain/lag';
import { cellChartRows, responsivenessRows } from '../../../src/domain/lagView';
import { DEFAULT_LAG } from '../../../src/state/state';
import { CellLagDetail } from '../../../src/ui/lag/CellLagDetail';
import { SAME_YEAR_CAVEAT } from '../../../src/ui/lag/CategoryChip';
import { cellViolenceSpec, responsivenessSpec } from '../../../src/ui/lag/chartSpecs';
import { filterEpisodes, lagText, onsetDistanceText } from '../../../src/ui/lag/GapList';
import { flagsSection, type FlagsLegendInput } from '../../../src/map/legend';
import { LegendBlock } from '../../../src/ui/Legend';
import { LagPanel, missingDataNote } from '../../../src/ui/lag/LagPanel';
import { LagParamsForm } from '../../../src/ui/lag/LagParamsForm';
import { flagHoverText } from '../../../src/ui/features/lag';
import { validateParam } from '../../../src/ui/lag/paramInput';
import { coverage } from '../../fixtures/factories';
import { LAG_CELLS, lagScenarioDataset, lagScenarioPlaces } from '../../fixtures/lagScenario';

const ds = lagScenarioDataset();
const sel = createLagSelectors(ds, lagScenarioPlaces());
const P0: LagParams = { ...DEFAULT_LAG_PARAMS };
const noop = () => {};

function panel(mission: string, s = sel, params = P0, cellView: ReactNode = null) {
  return renderToStaticMarkup(
    <LagPanel
      cellView={cellView}
      mission={mission}
      result={s.result(mission, params)}
      params={DEFAULT_LAG}
      perpetrator="all"
      onParams={noop}
      onPerpetrator={noop}
      onReset={noop}
      onFocusCell={noop}
      selectedGid={LAG_CELLS.N}
      placeOf={s.placeOf}
      onDownload={noop}
    />,
  );
}

/** Text of every element matching a simple `attr="value"` marker, in order. */
function attrValues(html: string, attr: string): string[] {
  return [...html.matchAll(new RegExp(`${attr}="([^"]*)"`, 'g'))].map((m) => m[1]!);
}

describe('LagPanel names cells with their area when the data has one', () => {
  it('gap list and top cells: "<place>, <area>"; no area: the place alone', () => {
    const html = renderToStaticMarkup(
      <LagPanel
        cellView={null}
        mission="MINUSCA"
        result={sel.result('MINUSCA', P0)}
        params={DEFAULT_LAG}
        perpetrator="all"
        onParams={noop}
        onPerpetrator={noop}
        onReset={noop}
        onFocusCell={noop}
        selectedGid={null}
        placeOf={sel.placeOf}
        regionOf={(gid) => (gid === LAG_CELLS.N ? 'Bamingui-Bangoran province' : null)}
        onDownload={noop}
      />,
    );
    const gaps = html.slice(html.indexOf('data-testid="gap-list"'));
    expect(gaps).toContain('Ndele-fixture, Bamingui-Bangoran province');
    expect(gaps).toContain('Rafai-fixture<');
  });
});

describe('LagPanel (MINUSCA scenario)', () => {
  const html = panel('MINUSCA');

  it('lists the episodes ranked by fatalities with category and place', () => {
    const gaps = html.slice(html.indexOf('data-testid="gap-list"'));
    expect(attrValues(gaps, 'data-gid')).toEqual(
      [LAG_CELLS.N, LAG_CELLS.T, LAG_CELLS.A, LAG_CELLS.R, LAG_CELLS.P].map(String),
    );
    expect(attrValues(gaps, 'data-category').filter((_, i) => i % 2 === 0)).toEqual([
      'NOT_RESPONDED',
      'TOO_RECENT',
      'RESPONDED_SAME_YEAR',
      'RESPONDED_LATE',
      'PRESENT_NOT_STRENGTHENED',
    ]);
    expect(gaps).toContain('Ndele-fixture');
    expect(gaps).toContain('may have begun before 2014'); // A: onset in the first analysed year
    expect(gaps).toContain('Rafai-fixture');
    expect(gaps).toContain('Cell centre'); // T has no town nearby
    expect(gaps).toContain('2015–2016');
    expect(gaps).toContain('response after 2 years (2017)');
    expect(gaps).toContain('Download CSV (5 episodes)');
    expect(gaps).toMatch(/aria-current="true"[^>]*data-gid="135763"/);
  });

  it('shows the summary with the same-year caveat', () => {
    const summary = html.slice(html.indexOf('data-testid="lag-summary"'));
    expect(summary).toMatch(/data-field="total">170</);
    expect(summary).toMatch(/data-field="coverage">21%/);
    expect(summary).toMatch(/data-field="response-rate">50%/);
    expect(summary).toMatch(/data-field="median-lag">1 year</);
    expect(html).toContain(SAME_YEAR_CAVEAT.replace(/’/g, '’'));
    expect(html).toContain('Most affected flagged cells');
    // The windows: analysed from 2014, deployment data to 2020; GED coverage 1989–2022.
    expect(summary).toContain('Responses sought 2014–2020; violence data 1989–2022.');
    // Nothing located only to the country in the scenario, but the card says what is left out.
    expect(summary).toContain('left out: 0 events located only to the country or at sea, 0 killed');
  });

  it('has labelled parameter inputs, the perpetrator choice and a responsiveness table', () => {
    for (const k of ['theta', 'reach', 'window', 'delta', 'precision']) {
      const id = new RegExp(`<input id="([^"]+)"[^>]*name="${k}"`).exec(html)?.[1];
      expect(id, k).toBeDefined();
      expect(html).toContain(`for="${id}"`);
    }
    expect(html).toContain('Perpetrator type');
    for (const p of ['all', 'state', 'host', 'foreign', 'nonstate'])
      expect(html).toMatch(new RegExp(`type="radio"[^>]*value="${p}"`));
    expect(html).toMatch(/type="checkbox"[^>]*name="initialDeployment"[^>]*checked=""/);
    expect(html).toContain('Initial deployment counts');
    expect(html).toContain('data-testid="responsiveness-split"');
    expect(html).toContain('data-testid="responsiveness-table"');
    // 10–24 killed, non-state: A 2014 (20, base NEW), P 2016 (12, no change), R 2015 (15, R NEW
    // 2017 is two years later) → 1 of 3; Wilson 95 %: centre 2.921 / 6.841 = 0.427, half-width
    // 1.96 · √(2/3 + 0.960) / 6.841 = 0.365 → 6–79 %.
    expect(html).toMatch(
      /data-bin="10–24".*?data-series="nonstate">1 \/ 3 \(33%\)<br\/><span class="lag-ci">95%: 6–79%<\/span>/,
    );
    expect(html).not.toContain('data-testid="lag-nodata"');
  });
});

describe('LagPanel with a selected cell', () => {
  it("shows the cell's lag view first, with the way back to the gap list, and keeps the list", () => {
    const gid = LAG_CELLS.R;
    const view = (
      <CellLagDetail
        gid={gid}
        mission="MINUSCA"
        params={P0}
        detail={sel.cellDetail('MINUSCA', P0, gid)}
        episodes={sel.cellEpisodes('MINUSCA', P0, gid)}
        place={sel.placeOf(gid)}
        baseName={sel.baseName}
        noDataMessage={null}
        nav={{ label: '← Back to the gap list', onClick: noop }}
      />
    );
    const html = panel('MINUSCA', sel, P0, view);
    const cell = html.indexOf(`data-testid="cell-lag" data-gid="${gid}"`);
    expect(cell).toBeGreaterThan(-1);
    expect(cell).toBeLessThan(html.indexOf('Did presence follow violence?'));
    expect(cell).toBeLessThan(html.indexOf('data-testid="gap-list"'));
    expect(html).toMatch(/data-testid="cell-lag-nav">← Back to the gap list</);
    expect(panel('MINUSCA')).not.toContain('data-testid="cell-lag"');
  });
});

describe('LagPanel without violence data', () => {
  it('says that violence data is not loaded, and shows no figures or charts', () => {
    const html = panel('UNMISS');
    expect(html).toContain('data-testid="lag-nodata"');
    expect(html).toContain(
      'Violence data not loaded for South Sudan: the lag analysis needs it, so it is not computed there (never counted as zero). How to add the full data',
    );
    expect(html).not.toContain('npm run');
    expect(html).not.toContain('data-testid="gap-list"');
    expect(html).not.toContain('data-testid="lag-summary"');
    expect(html).not.toContain('data-testid="responsiveness"');
    expect(html).not.toContain('>0<');
  });

  it('names the missing country-years when coverage is partial', () => {
    const partial = { ...ds, coverage: coverage({ years: [1989, 2018] }) };
    const s = createLagSelectors(partial);
    const note = missingDataNote(s.result('MINUSCA', P0)!);
    expect(note?.full).toBe(false);
    expect(note?.text).toContain('Violence data not loaded for Central African Republic 2019–2020');
    expect(panel('MINUSCA', s)).toContain('left out of every figure');
  });

  it('an unknown mission says so', () => {
    expect(panel('NOPE')).toContain('No mission “NOPE” in the data.');
  });
});

describe('parameter validation', () => {
  it('accepts values within the limits and explains bad ones', () => {
    expect(validateParam('theta', '25')).toEqual({ ok: true, value: 25 });
    expect(validateParam('theta', ' 2.5 ')).toEqual({ ok: true, value: 2.5 });
    expect(validateParam('reach', '1.5')).toMatchObject({ ok: false });
    expect(validateParam('reach', '4')).toEqual({
      ok: false,
      message: 'r (reach) must be a whole number from 0 to 3.',
    });
    expect(validateParam('theta', '')).toMatchObject({ ok: false });
    expect(validateParam('theta', 'abc')).toMatchObject({ ok: false });
    expect(validateParam('window', '-1')).toMatchObject({ ok: false });
    expect(validateParam('delta', '0')).toMatchObject({ ok: false });
  });

  it('the reset button is disabled at the defaults, enabled otherwise', () => {
    const at = (params: typeof DEFAULT_LAG) =>
      renderToStaticMarkup(
        <LagParamsForm
          params={params}
          perpetrator="all"
          onParams={noop}
          onPerpetrator={noop}
          onReset={noop}
        />,
      );
    expect(at(DEFAULT_LAG)).toMatch(/<button[^>]*disabled=""[^>]*data-testid="lag-reset"/);
    const changed = at({ ...DEFAULT_LAG, theta: 25 });
    expect(changed).not.toMatch(/<button[^>]*disabled=""[^>]*data-testid="lag-reset"/);
    expect(changed).toMatch(/value="25"/);
  });
});

describe('gap list helpers', () => {
  const eps = sel.result('MINUSCA', P0)!.episodes;
  it('filters by flagged / category', () => {
    expect(filterEpisodes(eps, 'all')).toHaveLength(5);
    expect(filterEpisodes(eps, 'flagged').map((e) => e.gid)).toEqual([
      LAG_CELLS.N,
      LAG_CELLS.R,
      LAG_CELLS.P,
    ]);
    expect(filterEpisodes(eps, 'TOO_RECENT').map((e) => e.gid)).toEqual([LAG_CELLS.T]);
  });
  it('describes the lag', () => {
    const by = (gid: number) => eps.find((e) => e.gid === gid)!;
    // A's base opened in 2014, the mission's first year: its initial deployment.
    expect(lagText(by(LAG_CELLS.A))).toBe('response the same year: the initial deployment');
    // R (2015): Romeo opened in 2017, a redeployment.
    expect(lagText(by(LAG_CELLS.R))).toBe('response after 2 years (2017)');
    expect(lagText(by(LAG_CELLS.T))).toBe('window not over yet');
    expect(lagText(by(LAG_CELLS.N))).toBe('no response in the window');
  });
  it('states the distance to the nearest base with troops at onset', () => {
    expect(onsetDistanceText({ onsetYear: 2015 }, { km: 38.24, name: 'Bria' })).toBe(
      'nearest base with troops in 2015: Bria, 38.2\u00a0km',
    );
    expect(onsetDistanceText({ onsetYear: 2015 }, { km: 1234.4, name: 'Bria' })).toBe(
      'nearest base with troops in 2015: Bria, 1,234\u00a0km',
    );
    expect(onsetDistanceText({ onsetYear: 2013 }, null)).toBe('no base with troops in 2013');
  });
  it('shows that distance on every row, for the row’s cell and onset year', () => {
    const asked: string[] = [];
    const html = renderToStaticMarkup(
      <LagPanel
        mission="MINUSCA"
        result={sel.result('MINUSCA', P0)}
        params={DEFAULT_LAG}
        perpetrator="all"
        onParams={noop}
        onPerpetrator={noop}
        onReset={noop}
        onFocusCell={noop}
        selectedGid={null}
        placeOf={sel.placeOf}
        distanceOf={(gid, year) => {
          asked.push(`${gid}:${year}`);
          return gid === LAG_CELLS.N ? null : { km: 12.34, name: `Base of ${gid}` };
        }}
        onDownload={noop}
      />,
    );
    expect(asked.sort()).toEqual(eps.map((e) => `${e.gid}:${e.onsetYear}`).sort());
    const rows = [...html.matchAll(/data-testid="gap-distance">([^<]*)</g)].map((m) => m[1]);
    expect(rows).toHaveLength(5);
    const n = eps.find((e) => e.gid === LAG_CELLS.N)!;
    expect(rows).toContain(`no base with troops in ${n.onsetYear}`);
    const r = eps.find((e) => e.gid === LAG_CELLS.R)!;
    expect(rows).toContain(
      `nearest base with troops in ${r.onsetYear}: Base of ${LAG_CELLS.R}, 12.3\u00a0km`,
    );
  });
});

describe('CellLagDetail', () => {
  const render = (mission: string, gid: number) =>
    renderToStaticMarkup(
      <CellLagDetail
        gid={gid}
        mission={mission}
        params={P0}
        detail={sel.cellDetail(mission, P0, gid)}
        episodes={sel.cellEpisodes(mission, P0, gid)}
        place={sel.placeOf(gid)}
        baseName={sel.baseName}
        noDataMessage="Violence data not loaded for South Sudan"
      />,
    );

  it('shows the episode, the bases involved and their changes', () => {
    const html = render('MINUSCA', LAG_CELLS.R);
    expect(html).toContain('data-category="RESPONDED_LATE"');
    // Base names in a <bdi> (isolated for bidirectional text).
    expect(html).toContain(
      '<bdi class="data-text">Romeo</bdi> <span class="muted">(2017–2020)</span>',
    );
    expect(html).toMatch(
      /data-kind="NEW"><td>2017<\/td><th scope="row"><bdi class="data-text">Romeo<\/bdi><\/th>/,
    );
    expect(html).toContain('data-testid="cell-violence-chart"');
    expect(html).toContain('data-testid="cell-troops-chart"');
    expect(html).toMatch(/data-year="2015">.*?data-field="killed">15</);
  });

  it('says "no data" for a cell without violence data', () => {
    const juba = ds.bases.find((b) => b.mission === 'UNMISS')!.gid;
    const html = render('UNMISS', juba);
    expect(html).toContain('data-testid="cell-lag-nodata"');
    expect(html).not.toContain('cell-violence-chart');
    expect(html).toMatch(/data-field="killed">no data</);
  });
});

describe('chart specifications (Observable Plot options)', () => {
  it('violence bars only for analysed years; "no data" text for the others', () => {
    const rows = cellChartRows(sel.cellDetail('MINUSCA', P0, LAG_CELLS.R));
    rows[0] = { ...rows[0]!, fatalities: null, analysed: false };
    const spec = cellViolenceSpec(Plot, { rows, markers: [], theta: 10, width: 300 });
    const marks = spec.marks as unknown as { data: unknown[] }[];
    expect(marks[0]!.data).toHaveLength(rows.length - 1);
    expect(marks[1]!.data).toHaveLength(1);
    expect(spec.width).toBe(300);
  });

  it('responsiveness bars skip empty bins', () => {
    const rows = responsivenessRows(sel.result('MINUSCA', P0)!.responsiveness);
    expect(rows).toHaveLength(12);
    const spec = responsivenessSpec(Plot, rows, 320);
    const bars = (spec.marks as unknown as { data: { share: number | null }[] }[])[0]!;
    expect(bars.data.every((r) => r.share !== null)).toBe(true);
    expect(bars.data.length).toBeLessThan(rows.length);
  });
});

describe('flag hover text', () => {
  it('says when an episode may have begun before the first analysed year', () => {
    const e = sel.result('MINUSCA', P0)!.episodes.find((x) => x.gid === LAG_CELLS.N)!;
    expect(flagHoverText(e)).not.toContain('may have begun');
    expect(flagHoverText({ ...e, censoredStart: true })).toContain(
      `cell ${e.gid}, ${e.onsetYear}–${e.endYear} (may have begun before ${e.onsetYear}: first year analysed)`,
    );
  });
});

/** The flags block of the legend as the map draws it. */
function LagLegend(props: Partial<FlagsLegendInput> & { year: number; noData?: boolean }) {
  const { noData, ...rest } = props;
  return <LegendBlock section={flagsSection({ notComputed: noData === true, ...rest })} />;
}

describe('LagLegend', () => {
  it('has one entry per flagged category with its pattern', () => {
    const html = renderToStaticMarkup(<LagLegend year={2016} counts={{ NOT_RESPONDED: 2 }} />);
    expect(attrValues(html, 'data-category')).toEqual([
      'NOT_RESPONDED',
      'PRESENT_NOT_STRENGTHENED',
      'RESPONDED_LATE',
    ]);
    expect(html).toContain('solid line');
    expect(html).toContain('long dashes');
    expect(html).toContain('Lag flags, 2016');
    expect(renderToStaticMarkup(<LagLegend year={2016} noData />)).toContain(
      'violence data not loaded',
    );
    expect(html).not.toContain('lag-legend-censored');
  });

  it('a year without violence data says "not computed" and shows no count, never 0', () => {
    const html = renderToStaticMarkup(<LagLegend year={2023} counts={{}} noData />);
    expect(html).toContain('Not computed for 2023: violence data not loaded.');
    expect(attrValues(html, 'data-category')).toEqual([]);
    expect(html).not.toMatch(/· 0</);
  });

  it("in monthly mode says the flags are yearly, drawn on the month's violent cells", () => {
    const html = renderToStaticMarkup(
      <LagLegend year={2017} month="June 2017" counts={{ NOT_RESPONDED: 1 }} />,
    );
    expect(html).toContain('Lag flags, 2017');
    expect(html).toContain('yearly analysis, outlined on cells with violence in June 2017');
  });

  it('keys the "‹" of episodes that may have begun before the first analysed year', () => {
    const html = renderToStaticMarkup(
      <LagLegend year={2014} counts={{}} censored={{ count: 3, years: [2014, 2014, 2016] }} />,
    );
    expect(html).toContain('data-testid="lag-legend-censored"');
    expect(html).toContain('may have begun before 2014 / 2016 (the first year analysed)');
    expect(html).toMatch(/lag-legend-censored.*· 3</);
  });
});
