/**
 * The self-contained story file ("Export story"): the data of one mission cut out of the dataset,
 * and the standalone app template (`vite build --mode standalone`) filled with it. The data sits
 * in the page as `<script type="application/json">` (never run); the app reads it instead of
 * fetching (`src/data/embedded.ts`). Pure: used by the app (Blob download) and the CLI
 * (`npm run story:html`).
 */
import type { OsvEvent } from './coverage';
import type { Dataset } from './dataset';
import { DATASET_FILES, encodeDatasetFile } from './encoding';
import { encodeOsvEvents, OSV_EVENTS_FILE } from './eventsEncoding';
import {
  STANDALONE_DATA_ID,
  STANDALONE_PLACEHOLDER,
  STANDALONE_TEMPLATE_FILE,
} from './standaloneIds';

export { STANDALONE_DATA_ID, STANDALONE_PLACEHOLDER, STANDALONE_TEMPLATE_FILE };

/** The embedded payload: the story (validated again when the file opens) and the data files. */
export interface StandalonePayload {
  version: 1;
  story: unknown;
  /** Data files by their path under `data/` (`missions.json`, `basemap/borders.geojson`, …). */
  files: Record<string, unknown>;
}

/**
 * The data of `missionId` only: the mission, its bases, and the violence (cells, months, events)
 * in its host countries over its years. Violence data coverage is narrowed to those countries, so
 * that the rest of the world reads "no violence data" in the file, never "no violence".
 */
export function missionSubset(
  ds: Dataset,
  missionId: string,
  events: readonly OsvEvent[] | null = null,
): { dataset: Dataset; events: OsvEvent[] | null } {
  const mission = ds.missions.find((m) => m.id === missionId);
  if (!mission) throw new Error(`mission ${missionId} is not in the data`);
  const countries = new Set(mission.countries);
  const first = mission.years[0] ?? -Infinity;
  const last = mission.years[mission.years.length - 1] ?? Infinity;
  const inYears = (y: number): boolean => y >= first && y <= last;
  const cellYears = ds.cellYears.filter((c) => countries.has(c.country) && inYears(c.year));
  const gids = new Set(cellYears.map((c) => c.gid));
  const cov = ds.coverage;
  const covered =
    cov.scope === 'global' ? mission.countries : cov.countries.filter((c) => countries.has(c));
  return {
    dataset: {
      missions: [mission],
      bases: ds.bases.filter((b) => b.mission === missionId),
      baseYears: ds.baseYears.filter((b) => b.mission === missionId),
      baseMonths: ds.baseMonths.filter((b) => b.mission === missionId),
      cellYears,
      cellMonths: ds.cellMonths.filter((c) => gids.has(c.gid) && inYears(c.year)),
      coverage: {
        ...cov,
        scope: cov.scope === 'none' || covered.length === 0 ? 'none' : 'countries',
        countries: covered,
      },
    },
    events:
      events === null ? null : events.filter((e) => countries.has(e.country) && inYears(e.year)),
  };
}

/** The dataset files (and the events table, when given) as the embedded payload's files. */
export function datasetFiles(
  ds: Dataset,
  events: readonly OsvEvent[] | null,
): Record<string, unknown> {
  const files: Record<string, unknown> = {};
  for (const f of DATASET_FILES) files[f] = encodeDatasetFile(ds, f);
  if (events !== null) files[OSV_EVENTS_FILE] = encodeOsvEvents(events);
  return files;
}

/** JSON safe inside a `<script>` element (no `</script>`, no `<!--`, no line separators). */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Text safe as HTML element content. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Where the payload goes: the placeholder inside the data element, found from the end (the
 * inlined app script, which comes before the data element, may hold the same text as a string).
 * -1 when the page has no data element.
 */
function placeholderAt(template: string): number {
  const marker = `id="${STANDALONE_DATA_ID}">${STANDALONE_PLACEHOLDER}`;
  const at = template.lastIndexOf(marker);
  return at < 0 ? -1 : at + marker.length - STANDALONE_PLACEHOLDER.length;
}

/** True when `template` is the standalone build's page (it has the empty data element). */
export function isStandaloneTemplate(template: string): boolean {
  return placeholderAt(template) >= 0;
}

/**
 * The template with the payload in its data element and `title` as the page title. Throws when
 * the template is not the standalone build's (no data element with the placeholder).
 */
export function fillStandaloneTemplate(
  template: string,
  payload: StandalonePayload,
  title: string,
): string {
  const at = placeholderAt(template);
  if (at < 0)
    throw new Error(
      `${STANDALONE_TEMPLATE_FILE} has no data placeholder: rebuild it with npm run build`,
    );
  const filled =
    template.slice(0, at) +
    scriptSafeJson(payload) +
    template.slice(at + STANDALONE_PLACEHOLDER.length);
  return filled.replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(title)}</title>`);
}

/** The basemap files and the manifest, as read (raw JSON) from a built data folder. */
export const STANDALONE_EXTRA_FILES = [
  'manifest.json',
  'basemap/countries.geojson',
  'basemap/borders.geojson',
  'basemap/country-labels.json',
  'basemap/places.json',
] as const;

/**
 * The payload of a story file: the story, the data of its mission (see {@link missionSubset}),
 * the events table when known, and the basemap / manifest files that are available.
 */
export function standalonePayload(opts: {
  story: { mission: string };
  dataset: Dataset;
  events: readonly OsvEvent[] | null;
  extras: Partial<Record<(typeof STANDALONE_EXTRA_FILES)[number], unknown>>;
}): StandalonePayload {
  const sub = missionSubset(opts.dataset, opts.story.mission, opts.events);
  const files = datasetFiles(sub.dataset, sub.events);
  for (const name of STANDALONE_EXTRA_FILES) {
    const v = opts.extras[name];
    if (v !== undefined && v !== null) files[name] = v;
  }
  return { version: 1, story: opts.story, files };
}
