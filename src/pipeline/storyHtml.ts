/**
 * `npm run story:html -- --story ID --out FILE`: writes a story (a shipped one by id, or a story
 * file with `--file`) as ONE self-contained HTML file that opens from disk with no server and no
 * request: the standalone app (`npm run build:standalone` → `dist/standalone.html`) filled with
 * the data of the story's mission from a built data folder (`--data`, default `public/data`).
 * Written to a temporary file and renamed, so a failed run leaves no half file.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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
import {
  CliError,
  DEFAULT_DATA_DIR,
  loadDataset,
  parseCliArgs,
  processIo,
  reportCliError,
  runIfInvoked,
  type CliIo,
} from './cliKit';

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
    throw new CliError(
      `${opts.template} is missing: run npm run build:standalone first (or pass --template)`,
      1,
    );
  const dataset = loadDataset(opts.dataDir);
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
  try {
    writeFileSync(tmp, html);
    renameSync(tmp, opts.out);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new CliError(`cannot write ${opts.out}: ${(e as Error).message}`, 1);
  }
  return Buffer.byteLength(html);
}

/** Runs the CLI with arguments (without node and the script); returns the exit code. */
export function main(argv: string[], io: CliIo = processIo): number {
  try {
    const values = parseCliArgs(
      argv,
      {
        story: { type: 'string' },
        file: { type: 'string' },
        out: { type: 'string' },
        data: { type: 'string', default: DEFAULT_DATA_DIR },
        template: { type: 'string', default: path.join('dist', STANDALONE_TEMPLATE_FILE) },
      },
      USAGE,
    );
    if (!values.out || (!values.story && !values.file) || (values.story && values.file))
      throw new CliError(USAGE, 2);
    let story: Story | undefined;
    if (values.story) {
      story = findStory(values.story);
      if (!story)
        throw new CliError(
          `there is no story "${values.story}"; shipped: ${STORIES.map((s) => s.id).join(', ')}`,
          2,
        );
    } else {
      const file = values.file!;
      if (!existsSync(file)) throw new CliError(`no story file ${file}`, 2);
      const r = readStoryFile(readFileSync(file, 'utf8'));
      if (!r.ok)
        throw new CliError(`${file} is not a valid story:\n  - ${r.problems.join('\n  - ')}`, 1);
      story = r.story;
    }
    const bytes = writeStoryHtml({
      story,
      dataDir: values.data,
      template: values.template,
      out: values.out,
    });
    io.stdout(
      `wrote ${values.out} (${(bytes / 1e6).toFixed(1)} MB): “${story.title}”, ${story.scenes.length} scenes\n`,
    );
    return 0;
  } catch (e) {
    return reportCliError('story:html', e, io);
  }
}

runIfInvoked(import.meta.url, main);
