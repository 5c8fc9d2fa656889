import { describe, expect, it } from 'vitest';
import { csvField, csvLine, FORMULA_LEADING, neutralizeFormula } from '../../src/domain/csv';
import { parse as parseCsv } from 'csv-parse/sync';
import { episodesToCsv } from '../../src/domain/lagCsv';
import { DEFAULT_LAG_PARAMS } from '../../src/domain/lagTypes';
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
      initialDeployment: false,
      flagged: true,
    };
    const [header, row] = parseCsv(
      episodesToCsv([e], DEFAULT_LAG_PARAMS, () => '-12 km of Bria'),
    ) as string[][];
    const get = (name: string): string | undefined => row?.[header?.indexOf(name) ?? -1];
    expect(get('mission')).toBe("'@MISSION");
    expect(get('country')).toBe('\'=HYPERLINK("http://example.org","c")');
    expect(get('place')).toBe("'-12 km of Bria");
    // gid 135758: row 188, column 397 → centre 4.25° N, 18.75° E; numbers unprefixed.
    expect([get('gid'), get('lat'), get('lon'), get('fatalities')]).toEqual([
      '135758',
      '4.25',
      '18.75',
      '42',
    ]);
    expect(get('lag_years')).toBe('');
  });
});
