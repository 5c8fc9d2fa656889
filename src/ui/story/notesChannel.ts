/**
 * The presenter's side of the notes window: opens it (`?story=…&scene=…&notes=1`, a second
 * window on the same origin) and keeps it in sync over a BroadcastChannel (no network, no
 * server): every scene change is announced, a notes window that opens asks where the
 * presentation is, and its ← / → ask the presenter to change scene.
 */
import { useEffect, useRef } from 'react';
import { NOTES_CHANNEL, notesUrl, parseNotesMessage, type NotesMessage } from '../../story/notes';

/** A channel, or null where the browser has no BroadcastChannel. */
export function openChannel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'function' ? new BroadcastChannel(NOTES_CHANNEL) : null;
}

/** Opens (or focuses) the notes window for a story at a scene. */
export function openNotesWindow(storyId: string, index: number): void {
  const w = window.open(
    notesUrl(window.location.href, storyId, index),
    'presence-atlas-notes',
    'popup,width=720,height=640',
  );
  w?.focus();
}

/**
 * Keeps notes windows in sync with the presenter while a story is open: announces the scene,
 * answers a notes window's hello, follows its scene requests for this story, and says when the
 * presentation ends.
 */
export function usePresenterChannel(
  storyId: string | null,
  index: number,
  go: (index: number) => void,
): void {
  const channel = useRef<BroadcastChannel | null>(null);
  const latest = useRef({ storyId, index, go });
  useEffect(() => {
    latest.current = { storyId, index, go };
  });
  useEffect(() => {
    const ch = openChannel();
    if (!ch) return;
    channel.current = ch;
    ch.onmessage = (e: MessageEvent) => {
      const m = parseNotesMessage(e.data);
      const now = latest.current;
      if (m?.type === 'hello' && now.storyId) {
        const reply: NotesMessage = { type: 'scene', storyId: now.storyId, index: now.index };
        ch.postMessage(reply);
      } else if (m?.type === 'go' && m.storyId === now.storyId) now.go(m.index);
    };
    return () => {
      channel.current = null;
      ch.close();
    };
  }, []);
  useEffect(() => {
    const msg: NotesMessage = { type: 'scene', storyId, index };
    channel.current?.postMessage(msg);
  }, [storyId, index]);
}
