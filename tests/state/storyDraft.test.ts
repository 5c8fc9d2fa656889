import { describe, expect, it } from 'vitest';
import { reduce } from '../../src/state/reduce';
import { defaultState } from '../../src/state/state';
import { MAX_DRAFT_SCENES, newDraft, type DraftScene } from '../../src/state/storyDraft';

const MISSIONS = [
  { id: 'MINUSCA', years: [2014, 2015, 2016] },
  { id: 'MONUSCO', years: [2010, 2011] },
];
const sc = (id: string): DraftScene => ({ id, title: id.toUpperCase(), caption: `In {year}.` });
const ids = (s: { storyDraft: { scenes: DraftScene[] } | null }) =>
  s.storyDraft?.scenes.map((x) => x.id);

function withScenes(...names: string[]) {
  let s = defaultState(MISSIONS);
  for (const n of names)
    s = reduce(s, { type: 'draftAddScene', scene: sc(n), mission: 'MINUSCA' }, MISSIONS);
  return s;
}

describe('story draft reducers', () => {
  it('the first scene starts a draft about its mission; scenes are appended', () => {
    const s = withScenes('a', 'b', 'c');
    expect(s.storyDraft?.mission).toBe('MINUSCA');
    expect(s.storyDraft?.id).toBe('my-story');
    expect(ids(s)).toEqual(['a', 'b', 'c']);
    expect(defaultState(MISSIONS).storyDraft).toBeNull();
  });

  it('ignores a scene of another mission and a 31st scene', () => {
    const s = withScenes('a');
    const other = reduce(
      s,
      { type: 'draftAddScene', scene: sc('x'), mission: 'MONUSCO' },
      MISSIONS,
    );
    expect(other).toBe(s);
    const full = withScenes(...Array.from({ length: MAX_DRAFT_SCENES }, (_, i) => `s${i}`));
    expect(full.storyDraft?.scenes).toHaveLength(30);
    expect(
      reduce(full, { type: 'draftAddScene', scene: sc('y'), mission: 'MINUSCA' }, MISSIONS),
    ).toBe(full);
  });

  it('moves a scene up, down, to the ends; out-of-range moves change nothing', () => {
    const s = withScenes('a', 'b', 'c', 'd');
    const move = (from: number, to: number) =>
      ids(reduce(s, { type: 'draftMoveScene', from, to }, MISSIONS));
    expect(move(2, 1)).toEqual(['a', 'c', 'b', 'd']);
    expect(move(0, 1)).toEqual(['b', 'a', 'c', 'd']);
    expect(move(3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(move(0, 99)).toEqual(['b', 'c', 'd', 'a']);
    expect(reduce(s, { type: 'draftMoveScene', from: 0, to: -1 }, MISSIONS)).toBe(s);
    expect(reduce(s, { type: 'draftMoveScene', from: 4, to: 0 }, MISSIONS)).toBe(s);
    expect(ids(s)).toEqual(['a', 'b', 'c', 'd']); // not mutated
  });

  it('deletes and edits one scene', () => {
    const s = withScenes('a', 'b', 'c');
    expect(ids(reduce(s, { type: 'draftDeleteScene', index: 1 }, MISSIONS))).toEqual(['a', 'c']);
    expect(reduce(s, { type: 'draftDeleteScene', index: 3 }, MISSIONS)).toBe(s);
    const edited = reduce(
      s,
      { type: 'draftUpdateScene', index: 2, scene: { ...sc('c'), title: 'Bria' } },
      MISSIONS,
    );
    expect(edited.storyDraft?.scenes[2]?.title).toBe('Bria');
    expect(edited.storyDraft?.scenes[0]).toBe(s.storyDraft?.scenes[0]);
  });

  it('sets the title, replaces and clears the draft, and keeps it through replace', () => {
    const s = withScenes('a');
    const titled = reduce(s, { type: 'draftSetInfo', title: 'Bangassou 2017' }, MISSIONS);
    expect(titled.storyDraft?.title).toBe('Bangassou 2017');
    const loaded = reduce(s, { type: 'draftReplace', draft: newDraft('MONUSCO') }, MISSIONS);
    expect(loaded.storyDraft?.mission).toBe('MONUSCO');
    expect(reduce(s, { type: 'draftReplace', draft: null }, MISSIONS).storyDraft).toBeNull();
    // The view's other slices are untouched.
    expect(titled.year).toBe(s.year);
    expect(titled.playback).toBe(s.playback);
    const replaced = reduce(s, { type: 'replace', state: { ...s, year: 2016 } }, MISSIONS);
    expect(replaced.storyDraft).toBe(s.storyDraft);
  });
});
