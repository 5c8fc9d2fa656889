/**
 * A story file a trainer loads is data, never code: markup in its texts is shown as text (the
 * presenter's title, caption and notes render no element of it), it cannot name anything to
 * fetch (unknown fields, URLs in place of ids, placeholders outside the documented list are
 * rejected with the scene and the field named), and reading, planning and captioning it make no
 * request.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sceneToState } from '../../src/story/scene';
import { createSceneFacts } from '../../src/story/sceneFacts';
import { readStoryFile } from '../../src/story/storyFile';
import { defaultState } from '../../src/state/state';
import { presenterLayout } from '../../src/ui/story/layout';
import { Presenter } from '../../src/ui/story/Presenter';
import type { StoryMode } from '../../src/ui/story/useStoryMode';
import { carCell, cellYear, dataset, deployment, deployments } from '../fixtures/factories';

/** Markup short enough for a scene title (80 characters at most). */
const SHORT = '<img src="https://evil.example/x.png" onerror="alert(1)">';
const MARKUP = '<img src="https://evil.example/x.png" onerror="alert(1)"><script>alert(2)</script>';

function hostileStory(over: Record<string, unknown> = {}, sceneOver: Record<string, unknown> = {}) {
  return {
    id: 'hostile',
    title: `Title ${MARKUP}`,
    mission: 'MINUSCA',
    summary: `Summary ${MARKUP}`,
    sources: ['javascript:alert(3)'],
    scenes: [
      {
        id: 'one',
        title: `Bria ${SHORT}`,
        year: 2017,
        camera: { fit: 'mission' },
        caption: `In {year}: {troops} troops. ${MARKUP} <a href="https://evil.example">link</a>`,
        notes: `Say this ${MARKUP}`,
        ...sceneOver,
      },
    ],
    ...over,
  };
}

function data() {
  const { bases, baseYears } = deployments([
    deployment({ location: 'Bangui', gid: carCell() }, { 2017: 1000 }),
  ]);
  return dataset({ bases, baseYears, cellYears: [cellYear({ gid: carCell(1, 1), year: 2017 })] });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a loaded story file is data, never code', () => {
  it('reads, plans and captions a story with markup in every text without one request', () => {
    const fetchSpy = vi.fn(() => Promise.reject(new Error('no network')));
    vi.stubGlobal('fetch', fetchSpy);
    const read = readStoryFile(JSON.stringify(hostileStory()));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const story = read.story;
    const scene = story.scenes[0]!;
    const ds = data();
    const plan = sceneToState(scene, story, defaultState(ds.missions), ds);
    const caption = createSceneFacts(ds).caption(story, scene, 2017);
    // The markup stays in the text as it was typed; the figures are filled around it.
    expect(caption.text).toBe(
      `In 2017: 1,000 troops. ${MARKUP} <a href="https://evil.example">link</a>`,
    );
    const mode: StoryMode = {
      active: true,
      story,
      scene,
      index: 0,
      plan,
      caption,
      layout: presenterLayout({ width: 1920, height: 1080 }),
      playing: false,
      reducedMotion: true,
      fullscreen: false,
      motion: 'jump',
      go: () => {},
      start: () => {},
      exit: () => {},
      toggleFullscreen: () => {},
      togglePlay: () => {},
    };
    const html = renderToStaticMarkup(
      <Presenter mode={mode} year={2017} legend={[]} attribution="UCDP GED · Geo-PKO" />,
    );
    // No element of the file's markup exists: only escaped text.
    expect(html).not.toMatch(/<img|<script|<a\s/i);
    expect(html).not.toMatch(/\sonerror="/i);
    expect(html).toContain('Bria &lt;img src=&quot;https://evil.example/x.png&quot;');
    expect(html).toContain('In 2017: 1,000 troops. &lt;img');
    // Presenter notes are for the notes window only, never on the shared screen.
    expect(html).not.toContain('Say this');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('rejects fields that could name something to load, with the scene and the field', () => {
    const withUrl = readStoryFile(
      JSON.stringify(hostileStory({}, { image: 'https://evil.example/x.png' })),
    );
    expect(withUrl).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^Scene 1 \(“Bria <img[^”]*”\): scene — .*"image"/)],
    });
    const styleUrl = readStoryFile(
      JSON.stringify(hostileStory({ style: 'https://evil.example/style.json' })),
    );
    expect(styleUrl).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^Story: file — .*"style"/)],
    });
    // A selection names a base by its id or a cell by its number, never by a URL-shaped object.
    const sel = readStoryFile(
      JSON.stringify(
        hostileStory({}, { selection: { kind: 'url', href: 'https://evil.example/' } }),
      ),
    );
    expect(sel.ok).toBe(false);
    if (!sel.ok)
      expect(sel.problems[0]).toMatch(/^Scene 1 \(“Bria [^”]*”\): selection(\.kind)? — /);
  });

  it('rejects placeholders outside the documented list (no property lookups by name)', () => {
    for (const name of ['__proto__', 'constructor', 'to_string']) {
      const r = readStoryFile(JSON.stringify(hostileStory({}, { caption: `x {${name}} y` })));
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.problems).toEqual([
          expect.stringMatching(
            new RegExp(`^Scene 1 \\(“Bria [^”]*”\\): caption — unknown placeholder \\{${name}\\}`),
          ),
        ]);
    }
  });
});
