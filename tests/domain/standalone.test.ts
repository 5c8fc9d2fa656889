import { describe, expect, it } from 'vitest';
import {
  fillStandaloneTemplate,
  missionSubset,
  scriptSafeJson,
  STANDALONE_DATA_ID,
  STANDALONE_PLACEHOLDER,
  standalonePayload,
} from '../../src/domain/standalone';
import { decodeDataset, DATASET_FILES } from '../../src/domain/encoding';
import { base, baseYear, cellYear, coverage, dataset } from '../fixtures/factories';
import { osvEvent } from '../fixtures/events';

const CAR = 'Central African Republic';
const SSD = 'South Sudan';

/** MINUSCA (CAR, 2014–2015) and UNMISS (South Sudan, 2014), violence in both and outside years. */
function twoMissions() {
  const bangui = base({ location: 'Bangui', mission: 'MINUSCA', country: CAR });
  const juba = base({ location: 'Juba', mission: 'UNMISS', country: SSD, lat: 4.85, lon: 31.6 });
  return dataset({
    bases: [bangui, juba],
    baseYears: [baseYear(bangui, 2014), baseYear(bangui, 2015), baseYear(juba, 2014)],
    cellYears: [
      cellYear({ gid: 1, year: 2013, country: CAR, state: 5 }), // before MINUSCA
      cellYear({ gid: 1, year: 2014, country: CAR, state: 3 }),
      cellYear({ gid: 2, year: 2015, country: CAR, nonstate: 4 }),
      cellYear({ gid: 1, year: 2016, country: CAR, state: 1 }), // after
      cellYear({ gid: 9, year: 2014, country: SSD, state: 7 }), // other mission's country
    ],
    coverage: coverage({ countries: [CAR, SSD] }),
  });
}

describe('missionSubset', () => {
  it("keeps one mission, its bases and its countries' violence in its years only", () => {
    const events = [
      osvEvent({ lon: 18.5, lat: 4.4, year: 2014 }),
      osvEvent({ lon: 18.5, lat: 4.4, year: 2016 }),
      osvEvent({ lon: 31.6, lat: 4.85, year: 2014, country: SSD }),
    ];
    const sub = missionSubset(twoMissions(), 'MINUSCA', events);
    expect(sub.dataset.missions.map((m) => m.id)).toEqual(['MINUSCA']);
    expect(sub.dataset.bases.map((b) => b.id)).toEqual(['MINUSCA:bangui']);
    expect(sub.dataset.baseYears.map((y) => y.year)).toEqual([2014, 2015]);
    expect(sub.dataset.cellYears.map((c) => [c.gid, c.year])).toEqual([
      [1, 2014],
      [2, 2015],
    ]);
    // Coverage narrowed: South Sudan reads "no violence data" in the file, not "no violence".
    expect(sub.dataset.coverage).toMatchObject({ scope: 'countries', countries: [CAR] });
    expect(sub.events).toHaveLength(1);
    expect(sub.events![0]).toMatchObject({ year: 2014, country: CAR });
  });

  it('keeps "events not loaded" as null, and names a mission that is not there', () => {
    expect(missionSubset(twoMissions(), 'UNMISS').events).toBeNull();
    expect(() => missionSubset(twoMissions(), 'MONUSCO')).toThrow(/MONUSCO is not in the data/);
  });

  it('gives a global coverage the mission countries, and keeps "none" as none', () => {
    const ds = { ...twoMissions(), coverage: coverage({ scope: 'global', countries: [] }) };
    expect(missionSubset(ds, 'UNMISS').dataset.coverage).toMatchObject({
      scope: 'countries',
      countries: [SSD],
    });
    const none = { ...twoMissions(), coverage: coverage({ scope: 'none', countries: [] }) };
    expect(missionSubset(none, 'MINUSCA').dataset.coverage.scope).toBe('none');
  });
});

describe('standalonePayload', () => {
  it('holds the story, dataset files that decode to the subset, and only the extras given', () => {
    const story = { mission: 'UNMISS', title: 'x' };
    const p = standalonePayload({
      story,
      dataset: twoMissions(),
      events: null,
      extras: { 'manifest.json': { ok: 1 }, 'basemap/places.json': null },
    });
    expect(p.version).toBe(1);
    expect(p.story).toBe(story);
    const ds = decodeDataset(Object.fromEntries(DATASET_FILES.map((f) => [f, p.files[f]])));
    expect(ds.missions.map((m) => m.id)).toEqual(['UNMISS']);
    expect(ds.cellYears.map((c) => c.gid)).toEqual([9]);
    expect(p.files['manifest.json']).toEqual({ ok: 1 });
    expect('basemap/places.json' in p.files).toBe(false);
    expect('osv_events.json' in p.files).toBe(false);
  });
});

describe('scriptSafeJson / fillStandaloneTemplate', () => {
  it('cannot close the script element nor start a comment, and parses back to the value', () => {
    const value = { t: '</script><!-- & \u2028 \u2029 >' };
    const s = scriptSafeJson(value);
    expect(s).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(s)).toEqual(value);
  });

  it('puts the payload in place of the placeholder and the escaped title in <title>', () => {
    // The inlined app script holds the placeholder's text too (the app's export code uses it):
    // only the data element's is replaced, so the script (and its CSP hash) stays as built.
    const script = `<script type="module">const p='${STANDALONE_PLACEHOLDER}';</script>`;
    const template = `<html><head><title>Presence Atlas</title>${script}</head><body><script type="application/json" id="${STANDALONE_DATA_ID}">${STANDALONE_PLACEHOLDER}</script></body></html>`;
    const payload = { version: 1 as const, story: { a: '</script>' }, files: {} };
    const html = fillStandaloneTemplate(template, payload, 'A <b> & C');
    expect(html).toContain('<title>A &lt;b&gt; &amp; C</title>');
    const json = /<script type="application\/json" id="atlas-standalone-data">(.*)<\/script>/.exec(
      html,
    )![1]!;
    expect(JSON.parse(json)).toEqual(payload);
    expect(html).toContain(script);
    expect(html.split(STANDALONE_PLACEHOLDER)).toHaveLength(2); // only the script's is left
  });

  it('refuses a page that is not the template, naming the fix', () => {
    expect(() =>
      fillStandaloneTemplate(
        `<html><script>'${STANDALONE_PLACEHOLDER}'</script></html>`,
        { version: 1, story: {}, files: {} },
        't',
      ),
    ).toThrow(/standalone\.html has no data placeholder: rebuild it with npm run build/);
  });
});
