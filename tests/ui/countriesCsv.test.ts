import { describe, expect, it } from 'vitest';
import { countriesCsv } from '../../src/ui/features/countries';

describe('Countries CSV', () => {
  it('writes one row per country and year; unknown troops empty, never 0; formula-safe', () => {
    const csv = countriesCsv('MINUSCA', [
      { year: 2015, country: 'Nepal', troops: 1000, locations: 2, unknownAt: 0 },
      { year: 2015, country: '=HYPERLINK("x")', troops: null, locations: 1, unknownAt: 1 },
    ]);
    const lines = csv.split('\n');
    expect(lines[1]).toBe('mission,year,country,troops,locations,locations_size_unknown');
    expect(lines[2]).toBe('MINUSCA,2015,Nepal,1000,2,0');
    // The formula-looking name is neutralized (leading apostrophe) and quoted; troops empty.
    expect(lines[3]).toBe(`MINUSCA,2015,"'=HYPERLINK(""x"")",,1,1`);
  });

  it("names a deployment map's month in its rule line and in a map column", () => {
    const csv = countriesCsv(
      'MINUSCA',
      [{ year: 2015, country: 'Nepal', troops: 900, locations: 1, unknownAt: 0 }],
      '2015-03',
    );
    const lines = csv.split('\n');
    expect(lines[0]).toContain('deployment map of 2015-03');
    expect(lines[1]).toBe('mission,year,map,country,troops,locations,locations_size_unknown');
    expect(lines[2]).toBe('MINUSCA,2015,2015-03,Nepal,900,1,0');
  });
});
