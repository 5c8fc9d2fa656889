/**
 * "Export story" in the app: the standalone template the build emits (`standalone.html`, beside
 * `index.html`) fetched from the app's own origin, filled with the data of the story's mission
 * (`standalonePayload` + `fillStandaloneTemplate`, the same code as `npm run story:html`), and
 * saved as one HTML file that opens from disk with no server and no network.
 */
import type { Dataset } from '../../domain/dataset';
import {
  fillStandaloneTemplate,
  STANDALONE_EXTRA_FILES,
  isStandaloneTemplate,
  STANDALONE_TEMPLATE_FILE,
  standalonePayload,
} from '../../domain/standalone';
import { completeDataset, loadCellMonths, loadCellYearTable, loadOsvEvents } from '../../data/load';
import { cellYearsCover } from '../../domain/dataset';
import { missionHostCountries } from '../../domain/lagIndex';
import type { Story } from '../../story/schema';

/** A fetch (the browser's, or a fake in tests). */
export type FetchFn = (url: string) => Promise<Response>;

/** Why the story file could not be made, in words for the trainer. */
export class StoryHtmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoryHtmlError';
  }
}

/** Where the app fetches the template: next to the app's `index.html`. */
export function standaloneTemplateUrl(base: string = import.meta.env.BASE_URL): string {
  return `${base}${STANDALONE_TEMPLATE_FILE}`;
}

/** The file name of a story's HTML file. */
export function storyHtmlFileName(story: Pick<Story, 'id'>): string {
  return `${story.id}.story.html`;
}

const NO_TEMPLATE =
  `this app was not built with its offline template (${STANDALONE_TEMPLATE_FILE}). ` +
  'Build it with npm run build (npm run dev does not make the template), ' +
  'or write the file on the command line with npm run story:html';

/**
 * The story as one self-contained HTML file. `onStep` is told what is being done (for the
 * progress text). Rejects with a {@link StoryHtmlError} when the template is missing (a 404, or
 * a page that is not the template, as a dev server's fallback `index.html`) or unreadable. The
 * events table and the basemap files are included when the server has them, left out when not
 * (the file then says "not loaded" for them, like the app).
 */
export async function buildStoryHtml(opts: {
  story: Story;
  dataset: Dataset;
  /** The data folder's URL (ending in `/`). */
  dataUrl: string;
  templateUrl: string;
  fetch: FetchFn;
  onStep?: (text: string) => void;
}): Promise<string> {
  const step = opts.onStep ?? (() => {});
  step('Reading the offline app…');
  let res: Response;
  try {
    res = await opts.fetch(opts.templateUrl);
  } catch (e) {
    throw new StoryHtmlError(
      `Cannot read ${opts.templateUrl} (${e instanceof Error ? e.message : String(e)}): ${NO_TEMPLATE}`,
    );
  }
  if (!res.ok)
    throw new StoryHtmlError(`Missing ${opts.templateUrl} (HTTP ${res.status}): ${NO_TEMPLATE}`);
  const template = await res.text();
  if (!isStandaloneTemplate(template))
    throw new StoryHtmlError(`${opts.templateUrl} is not the offline template: ${NO_TEMPLATE}`);

  step('Reading the events and the basemap…');
  const events = await loadOsvEvents(opts.dataUrl, opts.fetch).catch(() => null);
  const extras: Record<string, unknown> = {};
  await Promise.all(
    STANDALONE_EXTRA_FILES.map(async (f) => {
      try {
        const r = await opts.fetch(`${opts.dataUrl}${f}`);
        if (r.ok) extras[f] = (await r.json()) as unknown;
      } catch {
        // Not on this server: the file goes without it (the app shows it as not loaded).
      }
    }),
  );

  // The app loads the other countries' cell-years after its first frame: the file needs all of
  // the story mission's.
  let dataset = opts.dataset;
  if (!cellYearsCover(dataset, missionHostCountries(dataset, opts.story.mission))) {
    step('Reading the violence data…');
    try {
      dataset = completeDataset(dataset, {
        cellYears: await loadCellYearTable(opts.dataUrl, opts.fetch),
      });
    } catch (e) {
      throw new StoryHtmlError(
        `The violence data could not be read (${e instanceof Error ? e.message : String(e)}), so the file would miss it.`,
      );
    }
  }
  // The app loads the cell-months after its first frame; the file needs them all.
  if (dataset.cellMonthsPending) {
    step('Reading the monthly data…');
    dataset = await loadCellMonths(opts.dataUrl, dataset, opts.fetch);
    if (dataset.cellMonthsPending?.status === 'failed')
      throw new StoryHtmlError(
        `The monthly data could not be read (${dataset.cellMonthsPending.detail}), so the file would miss it.`,
      );
  }
  step(`Cutting out the data of ${opts.story.mission}…`);
  const payload = standalonePayload({ story: opts.story, dataset, events, extras });
  step('Writing the file…');
  return fillStandaloneTemplate(template, payload, `${opts.story.title} · Presence Atlas`);
}
