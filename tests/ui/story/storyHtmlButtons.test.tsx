import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { STORIES } from '../../../src/story/stories';
import { StoryPanel } from '../../../src/ui/story/StoryPanel';
import { StoryHtmlStatusLine } from '../../../src/ui/story/useStoryHtmlExport';
import type { Exports } from '../../../src/ui/story/useExports';
import { dataset } from '../../fixtures/factories';

const noExports: Exports = {
  busy: null,
  last: null,
  message: null,
  cancel: () => {},
  viewPng: () => Promise.resolve(),
  smallMultiplesPng: () => Promise.resolve(),
  rangeVideo: () => Promise.resolve(),
  storyVideo: () => Promise.resolve(),
};

function panel(onExportHtml?: () => void): string {
  return renderToStaticMarkup(
    <StoryPanel
      dataset={dataset()}
      mission="MINUSCA"
      year={2015}
      years={[2014, 2015]}
      onPresent={() => {}}
      exports={noExports}
      openStory={null}
      onExportHtml={onExportHtml}
      htmlStatus={<StoryHtmlStatusLine status={{ kind: 'busy', text: 'Writing the file…' }} />}
    />,
  );
}

describe('Export story buttons (Case study tab)', () => {
  it('offers one per shipped story when the app can export, none otherwise', () => {
    const withButtons = panel(() => {});
    for (const s of STORIES) expect(withButtons).toContain(`data-testid="export-html-${s.id}"`);
    expect(withButtons.match(/Export story \(HTML, works offline\)/g)).toHaveLength(STORIES.length);
    expect(panel()).not.toContain('export-html-');
  });

  it('shows progress as a status and a failure as an alert', () => {
    expect(panel(() => {})).toMatch(/role="status"[^>]*>Writing the file…<\/p>/);
    const err = renderToStaticMarkup(
      <StoryHtmlStatusLine status={{ kind: 'error', text: 'Could not export' }} />,
    );
    expect(err).toContain('role="alert"');
    expect(err).toContain('Could not export');
  });
});
