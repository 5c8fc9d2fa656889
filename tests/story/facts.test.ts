import { describe, expect, it } from 'vitest';
import { atlasData } from '../../src/data/atlasData';
import { cellCentroid } from '../../src/domain/grid';
import { analyzeMission } from '../../src/domain/lag';
import { captionFacts } from '../../src/story/facts';
import { fillCaption } from '../../src/story/caption';
import { CAPTION_FACTS, parseStory } from '../../src/story/schema';
import minusca from '../../src/story/stories/minusca.json';
import {
  carCell,
  cellYear,
  coverage,
  dataset,
  deployment,
  deployments,
  estimate,
} from '../fixtures/factories';

function fixture() {
  const { bases, baseYears } = deployments([
    deployment({ location: 'Bangui', gid: carCell() }, { 2014: 1000, 2015: 1500 }),
    deployment({ location: 'Bria', gid: carCell(4, 6) }, { 2014: 500 }),
    deployment({ location: 'Obo', gid: carCell(0, 10) }, { 2015: 0 }),
  ]);
  return dataset({
    bases,
    baseYears,
    cellYears: [
      // 5 killed by governments, 2 of them by a foreign one.
      cellYear({ gid: carCell(), year: 2015, state: 5, nonstate: 20, osvForeign: estimate(2) }),
      cellYear({ gid: carCell(1, 1), year: 2015, nonstate: 40 }),
      cellYear({ gid: carCell(9, 9), year: 2015, nonstate: 7, country: 'Chad' }),
    ],
  });
}

describe('captionFacts: the deadliest cell far from any base is named by the nearest town', () => {
  it('says "<km> <dir> of <town>", else "in cell <gid>" when no town is within reach', () => {
    const { bases, baseYears } = deployments([
      deployment({ location: 'Bangui', gid: carCell() }, { 2015: 1000 }),
    ]);
    // 20 cells east of any base: beyond two rings.
    const far = carCell(0, 20);
    const ds = dataset({
      bases,
      baseYears,
      cellYears: [cellYear({ gid: far, year: 2015, nonstate: 9 })],
    });
    expect(captionFacts(ds, 'MINUSCA', 2015, null).top_cell_place).toBe(`in cell ${far}`);
    // A town 0.5° (one cell) west of the cell's centre on the same latitude: ≈ 55 km W of it, so
    // the cell lies ≈ 55 km E of the town.
    const [lon, lat] = cellCentroid(far);
    const named = dataset({ ...ds });
    atlasData(named, [{ name: 'Zemio', lon: lon - 0.5, lat, population: 1000, country: 'X' }]);
    expect(captionFacts(named, 'MINUSCA', 2015, null).top_cell_place).toMatch(
      /^5\d km E of Zemio$/,
    );
  });
});

describe('captionFacts', () => {
  it('sums violence in the mission countries and counts bases and changes', () => {
    const ds = fixture();
    const f = captionFacts(ds, 'MINUSCA', 2015, analyzeMission(ds, 'MINUSCA'));
    expect(f).toMatchObject({
      year: '2015',
      country: 'Central African Republic',
      fatalities: 65,
      fatalities_state: 5,
      fatalities_host: 3,
      fatalities_nonstate: 60,
      violent_cells: 2,
      troops: 1500,
      bases: 2,
      new_bases: 1,
      strengthened_bases: 1,
      closed_bases: 1,
      top_cell_fatalities: 40,
      top_cell_place: 'near Bangui',
    });
    // 25 of 65 deaths in a cell with troops (Bangui's); the zero-troop Obo never counts.
    expect(f.coverage_pct).toBe(38);
    // Analysed from 2014 to the last deployment year 2015; violence data 1989–2022.
    expect(f.lag_windows).toBe('responses sought 2014–2015; violence data 1989–2022');
  });

  it('gives null, never zero, for violence where no data covers the year', () => {
    const ds = { ...fixture(), coverage: coverage({ years: [1989, 2014] }) };
    const f = captionFacts(ds, 'MINUSCA', 2015, null);
    expect(f.fatalities).toBeNull();
    expect(f.violent_cells).toBeNull();
    expect(f.troops).toBe(1500);
    expect(fillCaption('{fatalities} killed', f)).toEqual({
      text: 'n/a killed',
      missing: ['fatalities'],
    });
  });
});

describe('the shipped MINUSCA story', () => {
  it('is valid and only uses known placeholders', () => {
    const story = parseStory(minusca);
    expect(story.scenes.length).toBeGreaterThanOrEqual(8);
    expect(story.scenes.length).toBeLessThanOrEqual(12);
    for (const scene of story.scenes) {
      for (const m of scene.caption.matchAll(/\{([a-z_]+)\}/g)) {
        expect(CAPTION_FACTS).toContain(m[1]);
      }
    }
  });
});
