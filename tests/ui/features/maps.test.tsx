/**
 * The Maps tab (issue 17 point 4, the Geo-PKO dashboard's mission maps by source map): a map's
 * location table with each location's troops and the contributing countries that map names.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { atlasData } from '../../../src/data/atlasData';
import { EMPTY_BASEMAP } from '../../../src/data/load';
import { defaultState } from '../../../src/state/state';
import { createStore } from '../../../src/state/store';
import { DataProvider } from '../../../src/ui/dataContext';
import { contributorsText, mapsFeature } from '../../../src/ui/features/maps';
import { StoreProvider } from '../../../src/ui/store';
import { base, baseYear, dataset } from '../../fixtures/factories';

const bangui = base({ location: 'Bangui' });
const bria = base({ location: 'Bria', lat: 6.54, lon: 21.99 });
const kaga = base({ location: 'Kaga-Bandoro', lat: 6.99, lon: 19.18 });
const month = { mission: 'MINUSCA', year: 2015, month: 3 };
const ds = dataset({
  bases: [bangui, bria, kaga],
  baseYears: [bangui, bria, kaga].map((b) => baseYear(b, 2015, { troops: 100 })),
  baseMonths: [
    {
      ...month,
      baseId: bangui.id,
      troops: 1400,
      tcc: ['Nepal (900)', 'Rwanda (500)'],
      tccCount: 2,
    },
    { ...month, baseId: bria.id, troops: 300, tcc: [], tccCount: 3 },
    { ...month, baseId: kaga.id, troops: null, tcc: [], tccCount: null },
  ],
});

/** The Maps tab's markup for a state. */
function renderMaps(over: Partial<ReturnType<typeof defaultState>>): string {
  const data = atlasData(ds);
  const store = createStore({ ...defaultState(data.sel.missions), ...over }, data.sel.missions);
  const Panel = mapsFeature.panels![0]!.Component;
  return renderToStaticMarkup(
    <DataProvider value={{ data, basemap: EMPTY_BASEMAP, dataUrl: '/' }}>
      <StoreProvider store={store}>
        <Panel />
      </StoreProvider>
    </DataProvider>,
  );
}

describe('Maps tab', () => {
  it("lists the map's locations with their troops and contributing countries, largest first", () => {
    const html = renderMaps({ mission: 'MINUSCA', year: 2015, month: 3 });
    const rows = [...html.matchAll(/<tr>(.*?)<\/tr>/g)]
      .slice(1)
      .map((m) =>
        [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '')),
      );
    expect(rows).toEqual([
      ['Bangui', '1,400 troops', 'Nepal (900), Rwanda (500)'],
      ['Bria', '300 troops', '3 countries, not named'],
      ['Kaga-Bandoro', 'unknown (NA in Geo-PKO)', 'not given'],
    ]);
    expect(html).toContain('Locations on the map of Mar 2015 (3)');
    expect(html).toContain('Unit types are not coded per map');
  });

  it('says in words what a map gives for a location, never an empty cell', () => {
    expect(contributorsText({ contributors: ['Togo (size unknown)'], tccCount: 1 })).toBe(
      'Togo (size unknown)',
    );
    expect(contributorsText({ contributors: [], tccCount: 1 })).toBe('1 country, not named');
    expect(contributorsText({ contributors: [], tccCount: 0 })).toBe('none');
    expect(contributorsText({ contributors: [], tccCount: null })).toBe('not given');
  });
});
