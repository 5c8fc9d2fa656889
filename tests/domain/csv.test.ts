import { describe, expect, it } from 'vitest';
import { csvField, csvLine, FORMULA_LEADING, neutralizeFormula } from '../../src/domain/csv';
import { episodesToCsv } from '../../src/domain/lagCsv';
import type { Episode } from '../../src/domain/lagTypes';

describe('csvField (OWASP CSV injection)', () => {
  it('prefixes text that starts with a formula character with an apostrophe', () => {
    expect(FORMULA_LEADING).toEqual(['=', '+', '-', '@', '\t', '\r']);
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+33 1 23')).toBe("'+33 1 23");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    // CR needs quoting as well as the prefix.
    expect(csvField('\r=x')).toBe('"\'\r=x"');
    expect(csvField('=HYPERLINK("http://example.org","base")')).toBe(
      '"\'=HYPERLINK(""http://example.org"",""base"")"',
    );
  });

  it('leaves other text, numbers (negative too) and missing values alone', () => {
    expect(csvField('Bangui')).toBe('Bangui');
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField("'=x")).toBe("'=x");
    expect(csvField(' =x')).toBe(' =x');
    expect(csvField('Korea, "South"')).toBe('"Korea, ""South"""');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField(12)).toBe('12');
    expect(csvField(NaN)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('')).toBe('');
    expect(csvLine(['-x', -1, null, 'y'])).toBe("'-x,-1,,y");
    expect(neutralizeFormula('=x')).toBe("'=x");
  });
});

describe('episodesToCsv (npm run analyze and the app’s gap-list download)', () => {
  it('neutralises formula-leading text and keeps numbers as numbers', () => {
    const e: Episode = {
      id: '135758:2015',
      mission: '@MISSION',
      gid: 135758,
      country: '=HYPERLINK("http://example.org","c")',
      onsetYear: 2015,
      endYear: 2016,
      fatalities: 42,
      category: 'NOT_RESPONDED',
      lagYears: null,
      responseYear: null,
      troopsAtOnset: 0,
      censoredStart: false,
      flagged: true,
    };
    expect(episodesToCsv([e]).split('\n')[1]).toBe(
      '\'@MISSION,135758,"\'=HYPERLINK(""http://example.org"",""c"")",2015,2016,42,NOT_RESPONDED,,',
    );
  });
});
