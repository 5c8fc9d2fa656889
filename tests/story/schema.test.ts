import { describe, expect, it } from 'vitest';
import { parseStory, sceneYears, StoryValidationError, type Story } from '../../src/story/schema';
import { fillCaption } from '../../src/story/caption';

function scene(overrides: Record<string, unknown> = {}) {
  return {
    id: 'opening',
    title: 'Opening',
    year: 2014,
    camera: { fit: 'mission' },
    caption: '{fatalities} civilians were killed in {year}.',
    ...overrides,
  };
}

function story(overrides: Record<string, unknown> = {}) {
  return {
    id: 'test-story',
    title: 'A test story',
    mission: 'MINUSCA',
    summary: 'For tests.',
    sources: ['UCDP GED 23.1'],
    scenes: [scene()],
    ...overrides,
  };
}

function problemsOf(raw: unknown): string[] {
  try {
    parseStory(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(StoryValidationError);
    return (e as StoryValidationError).problems;
  }
  throw new Error('expected the story to be rejected');
}

describe('parseStory', () => {
  it('accepts a valid story and types it', () => {
    const s: Story = parseStory(
      story({ scenes: [scene(), scene({ id: 'later', year: { from: 2015, to: 2017 } })] }),
    );
    expect(s.scenes).toHaveLength(2);
    expect(sceneYears(s.scenes[1]!)).toEqual({ from: 2015, to: 2017 });
    expect(sceneYears(s.scenes[0]!)).toEqual({ from: 2014, to: 2014 });
  });

  it('names the scene number, scene id and field of a bad value', () => {
    const problems = problemsOf(
      story({ scenes: [scene(), scene({ id: 'bambari', camera: { center: [200, 5], zoom: 6 } })] }),
    );
    expect(problems.some((p) => p.startsWith('scene 2 "bambari", field camera'))).toBe(true);
  });

  it('rejects an unknown caption placeholder, naming it', () => {
    const problems = problemsOf(
      story({ scenes: [scene({ caption: 'In {yeer} there were {fatalities}.' })] }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/scene 1 "opening", field caption: unknown placeholder \{yeer\}/);
  });

  it('rejects a reversed year range, a missing caption and an unknown field', () => {
    const problems = problemsOf(
      story({
        scenes: [
          scene({ year: { from: 2018, to: 2016 } }),
          { ...scene({ id: 'two' }), caption: undefined },
          scene({ id: 'three', zoomm: 3 }),
        ],
      }),
    );
    expect(problems.join('\n')).toMatch(/scene 1 "opening", field year/);
    expect(problems.join('\n')).toMatch(/scene 2 "two", field caption/);
    expect(problems.join('\n')).toMatch(/scene 3 "three"/);
  });

  it('rejects duplicate scene ids and an empty scene list', () => {
    expect(problemsOf(story({ scenes: [scene(), scene()] })).join()).toMatch(
      /duplicate scene id "opening"/,
    );
    expect(problemsOf(story({ scenes: [] })).join()).toMatch(/field scenes/);
  });

  it('rejects something that is not a story at all', () => {
    expect(problemsOf(null).length).toBeGreaterThan(0);
    expect(problemsOf([1, 2, 3]).length).toBeGreaterThan(0);
  });
});

describe('fillCaption', () => {
  it('fills placeholders with formatted numbers', () => {
    expect(
      fillCaption('{fatalities} killed in {year}', { fatalities: 1234, year: '2014' }),
    ).toEqual({
      text: '1,234 killed in 2014',
      missing: [],
    });
  });

  it('reports placeholders without a value instead of leaving braces', () => {
    const filled = fillCaption('{troops} troops, {coverage_pct}%', { troops: null });
    expect(filled.text).toBe('n/a troops, n/a%');
    expect(filled.missing).toEqual(['troops', 'coverage_pct']);
  });
});
