import { describe, expect, it } from 'vitest';
import {
  fmtEstimate,
  fmtList,
  fmtPeriod,
  fmtTroops,
  fmtYearRanges,
  isolate,
  noViolenceDataMessage,
} from '../../src/ui/format';
import { coverage } from '../fixtures/factories';

describe('format', () => {
  it('isolates a data string for bidirectional text in plain text', () => {
    const evil = 'Base\u202E';
    expect(isolate(evil)).toBe('\u2068Base\u202E\u2069');
    expect(`${isolate(evil)} (MINUSCA)`.endsWith('\u2069 (MINUSCA)')).toBe(true);
  });

  it('shows the best estimate with its range only when it differs', () => {
    expect(fmtEstimate({ best: 1200, low: 1000, high: 1500, events: 3 })).toBe(
      '1,200 (1,000–1,500)',
    );
    expect(fmtEstimate({ best: 7, low: 7, high: 7, events: 1 })).toBe('7');
  });

  it('never shows unknown troops as zero', () => {
    expect(fmtTroops(null)).toMatch(/unknown/);
    expect(fmtTroops(0)).toBe('no troops');
    expect(fmtTroops(1)).toBe('1 troop');
    expect(fmtTroops(2500)).toBe('2,500 troops');
  });

  it('collapses consecutive years into ranges', () => {
    expect(fmtYearRanges([2014, 2015, 2016, 2018, 2020, 2021])).toBe('2014–2016, 2018, 2020–2021');
    expect(fmtYearRanges([])).toBe('');
    expect(fmtList(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('says why violence data is missing and how to get it', () => {
    const car = coverage();
    expect(noViolenceDataMessage(['South Sudan'], 2015, car)).toBe(
      'Violence data is not loaded for South Sudan in 2015: this copy of the atlas has violence data for Central African Republic only. How to add the full data: Help → Data.',
    );
    expect(noViolenceDataMessage(['Central African Republic'], 2023, car)).toMatch(
      /covers 1989–2022 only\. How to add the full data/,
    );
    // Plain language: no command lines in what the map shows.
    for (const [c, y] of [
      [['South Sudan'], 2015],
      [['Central African Republic'], 2023],
    ] as const)
      expect(noViolenceDataMessage(c, y, car)).not.toMatch(/npm|run /);
    expect(
      noViolenceDataMessage(
        ['Mali'],
        2015,
        coverage({ scope: 'none', years: null, gedVersions: [] }),
      ),
    ).toMatch(/has no violence data \(UCDP GED\) at all/);
  });
});

describe('fmtPeriod', () => {
  it('names the month in monthly mode and the year alone otherwise', () => {
    expect(fmtPeriod(2015, 3)).toBe('March 2015');
    expect(fmtPeriod(2015, 12)).toBe('December 2015');
    expect(fmtPeriod(2015, null)).toBe('2015');
  });
});
