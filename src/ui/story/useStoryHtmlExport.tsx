/**
 * The "Export story" buttons' state: builds the story's self-contained HTML file
 * ({@link buildStoryHtml}) and saves it as a download, with progress text and a clear error.
 */
import { useCallback, useRef, useState } from 'react';
import { pagePayload } from '../../data/embedded';
import type { Dataset } from '../../domain/dataset';
import { downloadBlob } from '../../export/exports';
import type { Story } from '../../story/schema';
import { buildStoryHtml, standaloneTemplateUrl, storyHtmlFileName } from './storyHtmlExport';

/** What the export is doing, or how it ended. */
export type StoryHtmlStatus =
  { kind: 'busy'; text: string } | { kind: 'done'; text: string } | { kind: 'error'; text: string };

/** The export action (null on a story file itself: it has no template to fill) and its status. */
export function useStoryHtmlExport(
  dataset: Dataset,
  dataUrl: string,
): { exportHtml: ((story: Story) => void) | null; status: StoryHtmlStatus | null } {
  const [status, setStatus] = useState<StoryHtmlStatus | null>(null);
  const running = useRef(false);
  const exportHtml = useCallback(
    (story: Story) => {
      if (running.current) return;
      running.current = true;
      const name = storyHtmlFileName(story);
      buildStoryHtml({
        story,
        dataset,
        dataUrl,
        templateUrl: standaloneTemplateUrl(),
        fetch: (u) => fetch(u),
        onStep: (text) => setStatus({ kind: 'busy', text: `“${story.title}”: ${text}` }),
      })
        .then((html) => {
          const blob = new Blob([html], { type: 'text/html' });
          downloadBlob(blob, name);
          setStatus({
            kind: 'done',
            text: `Saved ${name} (${(blob.size / 1e6).toFixed(1)} MB): open it in Chrome or Edge, no network needed.`,
          });
        })
        .catch((e: unknown) => {
          setStatus({
            kind: 'error',
            text: `Could not export “${story.title}”: ${e instanceof Error ? e.message : String(e)}`,
          });
        })
        .finally(() => {
          running.current = false;
        });
    },
    [dataset, dataUrl],
  );
  return { exportHtml: pagePayload() === null ? exportHtml : null, status };
}

/** The status line under the export buttons. */
export function StoryHtmlStatusLine(props: { status: StoryHtmlStatus | null }) {
  const s = props.status;
  return (
    <p
      className={s?.kind === 'error' ? 'story-problems' : 'muted'}
      role={s?.kind === 'error' ? 'alert' : 'status'}
      data-testid="story-html-status"
    >
      {s?.text ?? ''}
    </p>
  );
}
