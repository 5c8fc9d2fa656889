/**
 * Loading what Help → Data shows (sources, licences, citations, whether the data is the demo)
 * from the served `manifest.json`. Optional like the basemap: a missing or broken manifest gives
 * null and a reason, never a failed app. A manifest without credits (a build's) gets them from
 * `geodata/sources.json` (bundled) for the sources it lists.
 */
import sourcesJson from '../../geodata/sources.json';
import { creditsFor, decodeDataInfo, type DataInfo } from '../domain/dataInfo';
import { DATA_FILES } from '../domain/encoding';

type Fetch = (url: string) => Promise<Response>;

/** The data's description, or null with the reason it could not be read. */
export type DataInfoResult = { info: DataInfo; problem: null } | { info: null; problem: string };

/** Fetches and reads `${baseUrl}manifest.json` (baseUrl ends in `/`). */
export async function loadDataInfo(
  baseUrl: string,
  fetchFn: Fetch = (u) => fetch(u),
): Promise<DataInfoResult> {
  const file = DATA_FILES.manifest;
  try {
    const res = await fetchFn(`${baseUrl}${file}`);
    if (!res.ok) return { info: null, problem: `${file}: HTTP ${res.status}` };
    const text = await res.text();
    // Vite's servers answer unknown paths with index.html.
    if (/^\s*</.test(text)) return { info: null, problem: `${file} was not found` };
    const info = decodeDataInfo(JSON.parse(text) as unknown);
    if (info.credits.length === 0) info.credits = creditsFor(info.sources, sourcesJson.sources);
    return { info, problem: null };
  } catch (e) {
    return { info: null, problem: e instanceof Error ? e.message : String(e) };
  }
}
