/**
 * The coverage view's what-if download (issue "Coverage planner", item 5): the ranked what-if sites
 * of every mission year as `year,rank,site,lat,lon,added_deaths`, with its provenance sidecar.
 * `npm run coverage -- --whatif k --history n` and the app's Download dialog both take their rows
 * from {@link whatIfRows} and their text from `whatIfToCsv`, so the two give the same bytes.
 */
import type { CoverageParams } from '../domain/coverageParams';
import { whatIfToCsv, type WhatIf } from '../domain/coverageWhatIf';
import type { Mission } from '../domain/dataset';
import { makeProvenance, provenanceFileName, provenanceJson } from '../domain/provenance';
import type { CoverageSelectors } from './coverageSelectors';
import type { Download, DownloadContext } from './downloads';

/** The what-if's k (sites) and n (history years). */
export interface WhatIfChoice {
  k: number;
  n: number;
}

/**
 * The what-if of each mission year (or of `onlyYear` alone) in year order, leaving out the years
 * whose history has no violence data (not computed, never "no site").
 */
export function whatIfRows(
  cov: CoverageSelectors,
  mission: Pick<Mission, 'id' | 'years'>,
  p: CoverageParams,
  w: WhatIfChoice,
  onlyYear: number | null = null,
): WhatIf[] {
  return mission.years
    .filter((y) => onlyYear === null || y === onlyYear)
    .map((y) => cov.whatIf(mission.id, p, y, w.k, w.n))
    .filter((x): x is WhatIf => x !== null);
}

/** The download's file name: `whatif_MINUSCA_k3_n3_50km_all_prec5.csv`. */
export function whatIfCsvFileName(mission: string, p: CoverageParams, w: WhatIfChoice): string {
  const m = mission.replace(/[^A-Za-z0-9_-]+/g, '_');
  return `whatif_${m}_k${w.k}_n${w.n}_${p.km}km_${p.perpetrator}_prec${p.precision}.csv`;
}

const COLUMNS = [
  { name: 'year', description: 'Year t: the k sites are opened at its start.' },
  { name: 'rank', description: 'Order of the greedy choice (1 = chosen first).' },
  {
    name: 'site',
    description:
      'A basemap town (GeoNames, ≥ 5,000 inhabitants) of the host countries, or a former base site of the mission there.',
  },
  { name: 'lat', description: 'Latitude of the site, WGS 84, 4 decimals.' },
  { name: 'lon', description: 'Longitude of the site, WGS 84, 4 decimals.' },
  {
    name: 'added_deaths',
    description:
      'Civilians killed (UCDP best) in years t − n … t − 1 within X km of the site and not already within X km of the bases at the start of t or of the sites ranked before it.',
  },
];

/** The what-if CSV of the mission under `p`, k and n, with its provenance. */
export function buildWhatIfDownload(
  cov: CoverageSelectors,
  mission: Pick<Mission, 'id' | 'years'>,
  p: CoverageParams,
  w: WhatIfChoice,
  ctx: DownloadContext,
): Download {
  const rows = whatIfRows(cov, mission, p, w);
  const fileName = whatIfCsvFileName(mission.id, p, w);
  const done = new Set(rows.map((r) => r.year));
  const provenance = makeProvenance(
    {
      table: 'What-if sites',
      description: `Where ${w.k} more bases of ${mission.id} opened at the start of each year would have covered most of the deaths of the ${w.n} years before (greedy maximum coverage within ${p.km} km, the bases already there counted first). A hindsight exercise, not a forecast: violence moves and bases change violence. The same as \`npm run coverage -- --mission ${mission.id} --km ${p.km} --perpetrator ${p.perpetrator} --precision ${p.precision} --whatif ${w.k} --history ${w.n}\`.`,
      files: [fileName],
      parameters: {
        mission: mission.id,
        km: p.km,
        perpetrator: p.perpetrator,
        precision: p.precision,
        k: w.k,
        n: w.n,
      },
      columns: COLUMNS,
      notComputed: mission.years
        .filter((y) => !done.has(y))
        .map((y) => `${y}: no violence data in ${y - w.n}–${y - 1} (not computed, not zero)`),
    },
    ctx.build,
    ctx.appVersion,
  );
  return {
    fileName,
    mime: 'text/csv',
    content: whatIfToCsv(rows),
    provenance,
    provenanceFileName: provenanceFileName(fileName),
    provenanceText: provenanceJson(provenance),
  };
}
