import { describe, expect, it } from 'vitest';
import { readStoryFile, storyFileName, writeStoryFile } from '../../src/story/storyFile';

const scene = (over: Record<string, unknown> = {}) => ({
  id: 'a',
  title: 'Bangui',
  year: 2015,
  camera: { fit: 'mission' },
  caption: 'In {year}, {fatalities} deaths.',
  ...over,
});
const story = (scenes: unknown[], over: Record<string, unknown> = {}) => ({
  id: 'mine',
  title: 'Mine',
  mission: 'MINUSCA',
  summary: 'A story.',
  sources: ['UCDP GED'],
  scenes,
  ...over,
});

describe('story files (save and load)', () => {
  it('reads back what it writes', () => {
    const s = story([scene(), scene({ id: 'b', title: 'Bria', year: { from: 2015, to: 2017 } })]);
    const first = readStoryFile(JSON.stringify(s));
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const again = readStoryFile(writeStoryFile(first.story));
    expect(again).toEqual(first);
    expect(storyFileName(first.story)).toBe('mine.story.json');
  });

  it('names the scene (number and title) and the field of each problem', () => {
    const s = story([
      scene(),
      scene({ id: 'b', title: 'Bria' }),
      scene({ id: 'c', title: 'Bangassou', year: { from: 2017, to: 2015 } }),
      scene({ id: 'd', title: 'Obo', caption: 'Deaths: {deaths_total}' }),
      scene({ id: 'e', title: 'Zemio', camera: { center: [18, 4], zoom: 40 } }),
    ]);
    const r = readStoryFile(JSON.stringify(s));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(3);
    expect(r.problems[0]).toBe('Scene 3 (“Bangassou”): year — from must not be after to');
    expect(r.problems[1]).toMatch(
      /^Scene 4 \(“Obo”\): caption — unknown placeholder \{deaths_total\}/,
    );
    expect(r.problems[2]).toMatch(/^Scene 5 \(“Zemio”\): camera/);
  });

  it('falls back to the scene id, then the number alone, when a scene has no title', () => {
    const r = readStoryFile(
      JSON.stringify(story([scene({ title: '' }), { caption: 'x' }], { title: undefined })),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toContain(
      'Story: title — Invalid input: expected string, received undefined',
    );
    expect(r.problems.some((p) => p.startsWith('Scene 1 (“a”): title — '))).toBe(true);
    expect(r.problems.some((p) => p.startsWith('Scene 2: id — '))).toBe(true);
  });

  it('reports duplicate scene ids, unknown fields and files that are not JSON', () => {
    const dup = readStoryFile(JSON.stringify(story([scene(), scene({ title: 'Again' })])));
    expect(dup).toEqual({
      ok: false,
      problems: ['Scene 2 (“Again”): id — duplicate scene id "a"'],
    });
    const extra = readStoryFile(JSON.stringify(story([scene({ script: 'alert(1)' })])));
    expect(extra.ok).toBe(false);
    if (!extra.ok) expect(extra.problems[0]).toMatch(/^Scene 1 \(“Bangui”\): scene — .*script/);
    const bad = readStoryFile('{"id": ');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]).toMatch(/^Story: file — not JSON/);
  });
});
