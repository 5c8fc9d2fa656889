import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { MonthlySeries } from '../../../src/domain/monthlySeries';
import { monthIndex } from '../../../src/domain/timeline';
import { mapMonthsText, MonthlySeriesChart } from '../../../src/ui/lag/MonthlySeriesChart';

const row = (year: number, month: number, data: boolean) => ({
  index: monthIndex(year, month),
  year,
  month,
  state: data ? { best: 1, low: 1, high: 2 } : null,
  nonstate: data ? { best: 3, low: 2, high: 5 } : null,
  partial: false,
});

const series: MonthlySeries = {
  mission: 'M',
  countries: ['Aland'],
  rows: [row(2015, 1, true), row(2015, 2, false)],
  missionMonths: {
    first: monthIndex(2015, 1),
    last: monthIndex(2015, 2),
    firstRule: 'map',
    lastRule: 'map',
    text: 'Mission months: first deployment map Jan 2015; last deployment map Feb 2015 (Geo-PKO).',
  },
  mapMonths: [monthIndex(2015, 1), monthIndex(2015, 2)],
  missing: [{ country: 'Aland', years: '2016' }],
  hasData: true,
  totals: { state: 1, nonstate: 3 },
  unplaced: 0,
};

describe('MonthlySeriesChart', () => {
  it('says its rules, the map months and the months without data', () => {
    const html = renderToStaticMarkup(<MonthlySeriesChart series={series} />);
    expect(html).toContain('first deployment map Jan 2015');
    expect(html).toContain('2 months: Jan 2015, Feb 2015');
    expect(html).toContain('No violence data for Aland 2016: drawn as gaps, not 0.');
    expect(html).toContain('State perpetrators: 1');
    expect(html).toContain('Non-state perpetrators: 3');
  });

  it('says "not computed" without violence data, never a chart of zeros', () => {
    const html = renderToStaticMarkup(
      <MonthlySeriesChart series={{ ...series, hasData: false, rows: [row(2015, 1, false)] }} />,
    );
    expect(html).toContain('Not computed: violence data not loaded for Aland');
    expect(html).not.toContain('monthly-series-chart');
  });

  it('shortens a long list of map months', () => {
    const months = Array.from({ length: 10 }, (_, i) => monthIndex(2014, 1) + i * 3);
    expect(mapMonthsText(months)).toBe(
      'Deployment maps (Geo-PKO monthly file), 10 months: Jan 2014, Apr 2014, Jul 2014, Oct 2014 … Oct 2015, Jan 2016, Apr 2016.',
    );
    expect(mapMonthsText([])).toBe('No Geo-PKO deployment map (monthly file) for this mission.');
  });
});
