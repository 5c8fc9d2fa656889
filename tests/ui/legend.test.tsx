/** The map legend as static markup: the period in the title, the base symbols. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Legend } from '../../src/ui/Legend';

function legend(month: number | null): string {
  return renderToStaticMarkup(
    <Legend
      year={2015}
      month={month}
      perpetrator="all"
      showViolence
      showNoData={false}
      showBases
      mission="MINUSCA"
      otherMissions={[]}
    />,
  );
}

describe('Legend', () => {
  it('titles the violence scale with the month the map shows in monthly mode', () => {
    expect(legend(3)).toContain('Civilians killed, March 2015');
    expect(legend(3)).not.toContain('Civilians killed, 2015<');
    expect(legend(null)).toContain('Civilians killed, 2015<');
  });

  it('keys zero-troop and unknown-troop bases with distinct fixed-size symbols', () => {
    const html = legend(null);
    expect(html).toContain('No troops (police, observers or HQ only)');
    expect(html).toContain('Troops unknown (NA)');
    const circles = [...html.matchAll(/<circle cx="8" cy="8" r="[\d.]+" fill="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(circles).toHaveLength(2);
    expect(new Set(circles).size).toBe(2);
  });
});
