/**
 * The deployments explorer in real headless Chromium against the production build (issue 17):
 * the World view (every mission of the year on one map, totals, a mission pick opens its mission
 * view) and the role layers (switches in the link, their legend entries). Expected figures are
 * computed here from the served base_years, independently of src/data.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { atlasHooks, e2eSuite, settle } from './suite';

const suite = e2eSuite();
/** The World view draws every mission's bases: generous on a shared, software-rendered machine. */
const SETTLE_MS = 90_000;
const TEST_MS = 240_000;

interface Hooks {
  rendered: { key: string; counts: Record<string, number> };
  state: { mission: string; year: number; world: { missions: string[] } | null };
}

describe('World view', () => {
  it(
    'draws every mission of the year and totals their troops, police and observer sites',
    async () => {
      const { page } = await suite.open('world 2015', '?w=all&y=2015');
      await settle(page, '', SETTLE_MS);
      const rows = suite.data.baseYears.filter((b) => b.year === 2015);
      const missions = [...new Set(rows.map((b) => b.mission))].sort();
      const troops = rows.reduce((a, b) => a + (b.troops ?? 0), 0);
      const h = await atlasHooks<Hooks>(page);
      expect(h.state.world).toEqual({ missions: [] });
      expect(h.rendered.key).toContain(`world:${missions.join(',')}`);
      expect(h.rendered.counts.bases).toBe(rows.length);
      const num = async (id: string) =>
        Number((await page.textContent(`[data-testid=${id}]`))?.replace(/,/g, ''));
      expect(await num('world-troops')).toBe(troops);
      expect(await num('world-unpol')).toBe(rows.filter((b) => b.unpol).length);
      expect(await num('world-unmo')).toBe(rows.filter((b) => b.unmo).length);
      // Every mission of the year is in the legend with its colour.
      const legend = await page.$$eval('[data-legend-entry^="world:"]', (els) =>
        els.map((e) => e.getAttribute('data-legend-entry')),
      );
      expect(legend).toEqual(missions.map((m) => `world:${m}`));
      // The timeline footer gives the World view's own figures, not the kept mission's.
      const footer = page.locator('[data-testid=year-summary]');
      expect(await footer.getAttribute('data-view')).toBe('world');
      expect(await num('world-summary-troops')).toBe(troops);
      expect(await page.textContent('[data-testid=world-summary-missions]')).toBe(
        `${missions.length} missions`,
      );
      // Violence: every host country of the year's missions once, only where it is loaded.
      const cov = suite.data.coverage;
      const loaded = (c: string) =>
        cov.scope !== 'none' &&
        cov.years !== null &&
        2015 >= cov.years[0] &&
        2015 <= cov.years[1] &&
        (cov.scope === 'global' || cov.countries.includes(c));
      const hosts = new Set(
        suite.data.missions.filter((m) => missions.includes(m.id)).flatMap((m) => m.countries),
      );
      const withData = [...hosts].filter(loaded);
      const text = (await footer.textContent()) ?? '';
      if (withData.length === 0) expect(text).toContain('Violence data not loaded for 2015');
      else {
        const killed = suite.data.cellYears
          .filter((c) => c.year === 2015 && withData.includes(c.country) && c.osv.best >= 1)
          .reduce((a, c) => a + c.osv.best, 0);
        expect(await num('world-summary-killed')).toBe(killed);
      }
      if (withData.length < hosts.size) expect(text).toContain('not loaded');
      expect(text).not.toContain('of MINUSCA');

      // Narrow to one mission: totals follow; then open its mission view.
      const one = missions.find((m) => m !== 'MINUSCA') ?? missions[0]!;
      for (const m of missions) if (m !== one) await page.click(`input[aria-label="Show ${m}"]`);
      await page.waitForFunction(
        (m) =>
          (window as unknown as { __atlas: Hooks }).__atlas.state.world?.missions.join(',') === m,
        one,
      );
      const oneTroops = rows
        .filter((b) => b.mission === one)
        .reduce((a, b) => a + (b.troops ?? 0), 0);
      expect(await num('world-troops')).toBe(oneTroops);
      expect(await num('world-summary-troops')).toBe(oneTroops);
      // The link follows the store after its short debounce: wait for it, not for time.
      await page.waitForFunction((m) => window.location.search.includes(`w=${m}`), one);
      // Open a mission view from the list (MINUSCA: the mission the view keeps, already analysed).
      await page.click('[data-testid=world-missions] button:text-is("MINUSCA")', {
        timeout: SETTLE_MS,
      });
      await page.waitForFunction(() => {
        const s = (window as unknown as { __atlas: Hooks }).__atlas.state;
        return s.world === null && s.mission === 'MINUSCA';
      });
      await settle(page, 'MINUSCA:', SETTLE_MS);
      await page.waitForFunction(() => !window.location.search.includes('w='));
    },
    TEST_MS,
  );

  it(
    'returns from the World view to a mission whose host countries have no violence data',
    async () => {
      // Issue 17: this switch blocked the page for about half a minute (the no-data shading's
      // programs compiled on first use). It must complete: the new mission's frame is drawn.
      const { page } = await suite.open('world to other mission', '?m=MINUSCA&y=2015');
      await settle(page, 'MINUSCA:', SETTLE_MS);
      await page.click('[role=tab]:text-is("World")');
      await page.click('[data-testid=open-world]');
      await settle(page, '', SETTLE_MS);
      const rows = suite.data.baseYears.filter((b) => b.year === 2015);
      const other = [...new Set(rows.map((b) => b.mission))].sort().find((m) => m !== 'MINUSCA')!;
      await page.click(`[data-testid=world-missions] button:text-is("${other}")`, {
        timeout: SETTLE_MS,
      });
      await settle(page, `${other}:`, SETTLE_MS);
      const h = await atlasHooks<Hooks>(page);
      expect(h.state.world).toBeNull();
      expect(h.state.mission).toBe(other);
      suite.expectCleanPages();
    },
    TEST_MS,
  );

  it(
    'exports what the World view shows: the PNG, the CSV of every mission’s bases; not one mission’s tables',
    async () => {
      const { page } = await suite.open('world exports', '?w=all&y=2015');
      await settle(page, '', SETTLE_MS);
      const rows = suite.data.baseYears.filter((b) => b.year === 2015);
      // The Download dialog: the bases of every mission of the year; a mission's tables say why not.
      await page.getByTestId('download-button').click();
      await page.getByTestId('download-dialog').waitFor({ state: 'visible' });
      expect(await page.textContent('[data-testid=download-cells-world]')).toContain(
        'computed for one mission',
      );
      expect(await page.$$('[data-testid=download-cells-csv]')).toHaveLength(0);
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('download-bases-csv').click(),
      ]);
      expect(csv.suggestedFilename()).toBe('bases_world_2015.csv');
      const lines = readFileSync((await csv.path())!, 'utf8')
        .trim()
        .split('\n')
        .slice(1);
      expect(lines).toHaveLength(rows.length);
      expect([...new Set(lines.map((l) => l.split(',')[0]))].sort()).toEqual(
        [...new Set(rows.map((b) => b.mission))].sort(),
      );
      await page.keyboard.press('Escape');
      await page.getByTestId('download-dialog').waitFor({ state: 'hidden' });

      // The Case study tab: the view PNG is the World view's; small multiples say why not.
      await page.click('[role=tab]:text-is("Case study")');
      expect(await page.getByTestId('export-small-multiples').isDisabled()).toBe(true);
      expect(await page.textContent('[data-testid=export-small-multiples-why]')).toContain(
        'one mission',
      );
      await page.getByTestId('export-png').click();
      await page.waitForFunction(
        () =>
          ((window as unknown as { __atlasExports?: { kind: string }[] }).__atlasExports ?? [])
            .length > 0,
        null,
        { timeout: TEST_MS },
      );
      const rec = await page.evaluate(
        () =>
          (window as unknown as { __atlasExports: { kind: string; filename: string }[] })
            .__atlasExports[0]!,
      );
      expect(rec.kind).toBe('view-png');
      expect(rec.filename).toMatch(/^presence-atlas_world_2015_1920x1080\.png$/);
      suite.expectCleanPages();
    },
    TEST_MS,
  );

  it(
    'plays over every mission’s years',
    async () => {
      const { page } = await suite.open('world play', '?w=all&y=2015');
      await settle(page, '', SETTLE_MS);
      await page.click('[data-testid=timeline] button[aria-label="Next year"]');
      const years = [...new Set(suite.data.baseYears.map((b) => b.year))].sort((a, b) => a - b);
      const next = years[years.indexOf(2015) + 1]!;
      await page.waitForFunction(
        (y) => (window as unknown as { __atlas: Hooks }).__atlas.state.year === y,
        next,
      );
      await settle(page, '', SETTLE_MS);
      suite.expectCleanPages();
    },
    TEST_MS,
  );
});

describe('role layers', () => {
  it(
    'switches roles from the link and lists their symbols in the legend',
    async () => {
      const { page } = await suite.open(
        'roles',
        '?m=MINUSCA&y=2016&r=troops,unpol,unmo,medical,engineering,contributors',
      );
      await settle(page, '', SETTLE_MS);
      const ids = await page.$$eval('[data-legend-entry]', (els) =>
        els.map((e) => e.getAttribute('data-legend-entry')),
      );
      expect(ids).toContain('bases:sizes');
      expect(ids).not.toContain('bases:zero'); // no-troop sites switched off
      expect(ids).not.toContain('bases:hq'); // HQ rings switched off
      expect(ids.filter((i) => i?.startsWith('roles:'))).toEqual([
        'roles:unpol',
        'roles:unmo',
        'roles:unit:medical',
        'roles:unit:engineering',
        'roles:tcc',
      ]);
      const h = await atlasHooks<Hooks>(page);
      // Circles: every 2016 base with troops (or troops unknown), no zero-troop site.
      const shown = suite.data.baseYears.filter(
        (b) => b.year === 2016 && !(b.zeroTroops || b.troops === 0),
      );
      expect(h.rendered.counts.bases).toBe(shown.length);
      expect(h.rendered.key).toContain('roles:');
      // The Countries tab lists MINUSCA's contributors for 2016.
      await page.click('[role=tab]:text-is("Countries")');
      await page.waitForSelector('[data-testid=countries-table] tbody tr');
      await page.fill('[data-testid=countries-search]', 'zzzz');
      expect(await page.$$('[data-testid=countries-table] tbody tr')).toHaveLength(0);
      suite.expectCleanPages();
    },
    TEST_MS,
  );
});

describe('source maps', () => {
  it(
    "lists a map's locations with the troops and contributing countries that map codes",
    async () => {
      // The first MINUSCA map month with contributors named, from the served base_months.
      const months = suite.data.baseMonths.filter((b) => b.mission === 'MINUSCA');
      const first = months.find((b) => b.tcc.length > 0);
      if (!first) return; // no map-level data in this build: the tab says so (unit-tested)
      const onMap = months.filter((b) => b.year === first.year && b.month === first.month);
      const name = new Map(suite.data.bases.map((b) => [b.id, b.location]));
      const mo = `${first.year}-${String(first.month).padStart(2, '0')}`;
      const { page } = await suite.open(
        'maps',
        `?m=MINUSCA&y=${first.year}&mo=${first.month}&tab=maps`,
      );
      await settle(page, '', SETTLE_MS);
      await page.waitForSelector('[data-testid=maps-table] tbody tr');
      expect(await page.inputValue('[data-testid=maps-picker]')).toBe(mo);
      const rows = await page.$$eval('[data-testid=maps-table] tbody tr', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
      // Every row as "location | contributors", against the served rows in words.
      const words = (b: (typeof onMap)[number]): string =>
        b.tcc.length > 0
          ? b.tcc.join(', ')
          : b.tccCount === 0
            ? 'none'
            : b.tccCount !== null
              ? `${b.tccCount} ${b.tccCount === 1 ? 'country' : 'countries'}, not named`
              : 'not given';
      expect(rows.map((r) => `${r[0]} | ${r[2]}`).sort()).toEqual(
        onMap.map((b) => `${name.get(b.baseId)} | ${words(b)}`).sort(),
      );
      suite.expectCleanPages();
    },
    TEST_MS,
  );
});
