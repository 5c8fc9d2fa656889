import { describe, expect, it } from 'vitest';
import { troopSpread } from '../../src/ui/Details';

describe('troopSpread (base details)', () => {
  it("shows Geo-PKO's yearly figure with the spread of the year's maps", () => {
    // MINUSCA Bambari 2018: FrontMap rows 800 and 1,450, ave.no.troops 1,016.
    const bambari = {
      troops: 1016,
      troopsMin: 800,
      troopsMax: 1450,
      sourceRows: 2,
      troopsFromMaps: false,
    };
    expect(`1,016${troopSpread(bambari)}`).toBe(
      "1,016 (800–1,450: 2 figures on the year's maps) · Geo-PKO's yearly figure",
    );
  });

  it('says when the figure is the mean of the maps, and adds nothing for one figure', () => {
    expect(
      troopSpread({
        troops: 150,
        troopsMin: 100,
        troopsMax: 200,
        sourceRows: 2,
        troopsFromMaps: true,
      }),
    ).toBe(
      " (100–200: 2 figures on the year's maps) · mean of the maps (Geo-PKO gives no yearly figure)",
    );
    expect(
      troopSpread({
        troops: 650,
        troopsMin: 650,
        troopsMax: 650,
        sourceRows: 1,
        troopsFromMaps: false,
      }),
    ).toBe('');
    expect(
      troopSpread({
        troops: null,
        troopsMin: null,
        troopsMax: null,
        sourceRows: 1,
        troopsFromMaps: false,
      }),
    ).toBe('');
  });
});
