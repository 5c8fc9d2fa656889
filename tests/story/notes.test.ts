import { describe, expect, it } from 'vitest';
import { notesUrl, notesView, parseNotesMessage } from '../../src/story/notes';
import { parseStory, sceneMission, storyMissions } from '../../src/story/schema';
import { EscapeTracker, escapeAction, ESC_FULLSCREEN_GRACE_MS } from '../../src/ui/story/keys';

const story = parseStory({
  id: 'demo',
  title: 'Demo',
  mission: 'MINUSCA',
  summary: 'A demo.',
  sources: ['GED'],
  scenes: [
    {
      id: 'a',
      title: 'First',
      year: 2014,
      camera: { fit: 'mission' },
      caption: 'A.',
      notes: ' Ask why. ',
    },
    {
      id: 'b',
      title: 'Second',
      year: 2015,
      camera: { fit: 'mission' },
      caption: 'B.',
      mission: 'MINURCAT',
    },
  ],
});

describe('presenter notes', () => {
  it('shows the scene, its notes (trimmed) and the next title; none at the end', () => {
    expect(notesView(story, 0)).toEqual({
      progress: 'Scene 1 of 2',
      title: 'First',
      notes: 'Ask why.',
      next: 'Second',
      index: 0,
      count: 2,
    });
    expect(notesView(story, 1)).toMatchObject({
      notes: null,
      next: null,
      progress: 'Scene 2 of 2',
    });
    expect(notesView(story, 9).index).toBe(1);
  });

  it('accepts only well-formed channel messages', () => {
    expect(parseNotesMessage({ type: 'hello' })).toEqual({ type: 'hello' });
    expect(parseNotesMessage({ type: 'scene', storyId: 'demo', index: 1 })).toEqual({
      type: 'scene',
      storyId: 'demo',
      index: 1,
    });
    expect(parseNotesMessage({ type: 'scene', storyId: null, index: 0 })).toMatchObject({
      storyId: null,
    });
    for (const bad of [
      null,
      'hello',
      { type: 'go', storyId: 'demo', index: -1 },
      { type: 'go', storyId: 'demo', index: 1.5 },
      { type: 'go', index: 1 },
      { type: 'run', code: 'alert(1)' },
    ])
      expect(parseNotesMessage(bad)).toBeNull();
  });

  it('links the notes window on the same page', () => {
    expect(notesUrl('http://localhost:5173/app/?mission=X#h', 'demo', 3)).toBe(
      'http://localhost:5173/app/?story=demo&scene=3&notes=1',
    );
  });

  it('rejects notes over 2,000 characters, naming the scene and field', () => {
    const raw = JSON.parse(JSON.stringify(story)) as { scenes: { notes?: string }[] };
    raw.scenes[0]!.notes = 'x'.repeat(2001);
    expect(() => parseStory(raw)).toThrow(/scene 1 "a", field notes/);
  });
});

describe('scene missions', () => {
  it('a scene shows its own mission, else the story’s', () => {
    expect(sceneMission(story, story.scenes[0]!)).toBe('MINUSCA');
    expect(sceneMission(story, story.scenes[1]!)).toBe('MINURCAT');
  });

  it('a story’s missions: each scene’s, once, in scene order', () => {
    const three = { ...story, scenes: [story.scenes[1]!, story.scenes[0]!, story.scenes[1]!] };
    expect(storyMissions(three)).toEqual(['MINURCAT', 'MINUSCA']);
  });
});

describe('Esc in the presenter', () => {
  it('leaves fullscreen first, then the presentation', () => {
    expect(escapeAction(true, Infinity)).toBe('leave-fullscreen');
    // The press that made the browser leave fullscreen does not also leave the presentation.
    expect(escapeAction(false, 50)).toBe('leave-fullscreen');
    expect(escapeAction(false, ESC_FULLSCREEN_GRACE_MS + 1)).toBe('exit');
  });
  const G = ESC_FULLSCREEN_GRACE_MS;

  it('an Esc seen in fullscreen leaves it; the next Esc leaves the presentation at once', () => {
    const t = new EscapeTracker();
    t.fullscreenChanged(true, 0);
    expect(t.escape(true, 1000)).toBe('leave-fullscreen');
    t.fullscreenChanged(false, 1010);
    expect(t.escape(false, 1020)).toBe('exit');
  });

  it('a late or repeated fullscreenchange does not swallow the next Esc', () => {
    const t = new EscapeTracker();
    t.fullscreenChanged(true, 0);
    expect(t.escape(true, 1000)).toBe('leave-fullscreen');
    t.fullscreenChanged(false, 1010);
    t.fullscreenChanged(false, 2000);
    expect(t.escape(false, 2000 + G / 4)).toBe('exit');
  });

  it('the browser left fullscreen unseen: its late Esc copy is swallowed once, then Esc exits', () => {
    const t = new EscapeTracker();
    t.fullscreenChanged(true, 0);
    t.fullscreenChanged(false, 1000);
    expect(t.escape(false, 1000 + G / 2)).toBe('leave-fullscreen');
    expect(t.escape(false, 1000 + G / 2 + 10)).toBe('exit');
  });

  it('the browser left fullscreen unseen, no late copy: Esc after the grace period exits', () => {
    const t = new EscapeTracker();
    t.fullscreenChanged(true, 0);
    t.fullscreenChanged(false, 1000);
    t.fullscreenChanged(false, 1000 + 2 * G);
    expect(t.escape(false, 1000 + 2 * G + 1)).toBe('exit');
  });

  it('an Esc between the browser leaving fullscreen and its fullscreenchange leaves fullscreen only', () => {
    const t = new EscapeTracker();
    t.fullscreenChanged(true, 0);
    // document.fullscreenElement is already null, the event has not come yet.
    expect(t.escape(false, 1000)).toBe('leave-fullscreen');
    t.fullscreenChanged(false, 1005);
    expect(t.escape(false, 1010)).toBe('exit');
  });

  it('entering fullscreen again starts afresh', () => {
    const t = new EscapeTracker();
    t.fullscreenChanged(true, 0);
    expect(t.escape(true, 10)).toBe('leave-fullscreen');
    t.fullscreenChanged(false, 20);
    t.fullscreenChanged(true, 5000);
    t.fullscreenChanged(false, 6000);
    expect(t.escape(false, 6000 + G / 2)).toBe('leave-fullscreen');
  });
});
