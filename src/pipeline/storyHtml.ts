/**
 * `npm run story:html -- --story ID --out FILE`: writes a story (a shipped one by id, or a story
 * file with `--file`) as ONE self-contained HTML file that opens from disk with no server and no
 * request: the standalone app (`npm run build:standalone` → `dist/standalone.html`) filled with
 * the data of the story's mission from a built data folder (`--data`, default `public/data`).
 * Written to a temporary file and renamed, so a failed run leaves no half file.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { decodeDataset, DATASET_FILES } from '../domain/encoding';
import { decodeOsvEvents, OSV_EVENTS_FILE } from '../domain/eventsEncoding';
import {
  fillStandaloneTemplate,
  STANDALONE_EXTRA_FILES,
  STANDALONE_TEMPLATE_FILE,
  standalonePayload,
} from '../domain/standalone';
import { findStory, STORIES } from '../story/stories';
import { readStoryFile } from '../story/storyFile';
import type { Story } from '../story/schema';

const USAGE =
  'usage: npm run story:html -- (--story ID | --file STORY.json) --out FILE.html [--data DIR] [--template FILE]';

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

/** Writes the story file; returns its size in bytes. Throws with a clear message on bad input. */
export function writeStoryHtml(opts: {
  story: Story;
  dataDir: string;
  template: string;
  out: string;
}): number {
  if (!existsSync(opts.template))
    throw new Error(
      `${opts.template} is missing: run npm run build:standalone first (or pass --template)`,
    );
  const missing = DATASET_FILES.filter((f) => !existsSync(path.join(opts.dataDir, f)));
  if (missing.length > 0)
    throw new Error(
      `no built dataset in ${opts.dataDir} (missing ${missing.join(', ')}): run npm run data, or pass --data DIR`,
    );
  const raw: Record<string, unknown> = {};
  for (const f of DATASET_FILES) raw[f] = readJson(path.join(opts.dataDir, f));
  const dataset = decodeDataset(raw);
  const eventsFile = path.join(opts.dataDir, OSV_EVENTS_FILE);
  const events = existsSync(eventsFile) ? decodeOsvEvents(readJson(eventsFile)) : null;
  const extras: Record<string, unknown> = {};
  for (const f of STANDALONE_EXTRA_FILES) {
    const p = path.join(opts.dataDir, f);
    if (existsSync(p)) extras[f] = readJson(p);
  }
  const payload = standalonePayload({ story: opts.story, dataset, events, extras });
  const html = fillStandaloneTemplate(
    readFileSync(opts.template, 'utf8'),
    payload,
    `${opts.story.title} · Presence Atlas`,
  );
  const tmp = `${opts.out}.tmp-${process.pid}`;
  writeFileSync(tmp, html);
  renameSync(tmp, opts.out);
  return Buffer.byteLength(html);
}

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      story: { type: 'string' },
      file: { type: 'string' },
      out: { type: 'string' },
      data: { type: 'string', default: 'public/data' },
      template: { type: 'string', default: path.join('dist', STANDALONE_TEMPLATE_FILE) },
    },
  });
  if (!values.out || (!values.story && !values.file) || (values.story && values.file)) {
    console.error(USAGE);
    return 2;
  }
  let story: Story | undefined;
  if (values.story) {
    story = findStory(values.story);
    if (!story) {
      console.error(
        `there is no story "${values.story}"; shipped: ${STORIES.map((s) => s.id).join(', ')}`,
      );
      return 2;
    }
  } else {
    const r = readStoryFile(readFileSync(values.file!, 'utf8'));
    if (!r.ok) {
      console.error(`${values.file} is not a valid story:\n  - ${r.problems.join('\n  - ')}`);
      return 1;
    }
    story = r.story;
  }
  try {
    const bytes = writeStoryHtml({
      story,
      dataDir: values.data!,
      template: values.template!,
      out: values.out,
    });
    console.log(
      `wrote ${values.out} (${(bytes / 1e6).toFixed(1)} MB): “${story.title}”, ${story.scenes.length} scenes`,
    );
    return 0;
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
