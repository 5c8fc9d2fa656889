/** Data strings in the UI: bidi isolation and long-name clamping (DataText). */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataText, LONG_DATA_TEXT } from '../../src/ui/DataText';

describe('DataText', () => {
  it('isolates a name with a direction override from the text around it', () => {
    const name = 'Bangui \u202eesaB';
    const html = renderToStaticMarkup(
      <h2>
        <DataText>{name}</DataText> · 2015
      </h2>,
    );
    // The override stays inside its <bdi>: " · 2015" is outside the isolate.
    expect(html).toBe(`<h2><bdi class="data-text">${name}</bdi> · 2015</h2>`);
  });

  it('clamps a long name and puts the whole of it in the tooltip', () => {
    const name = 'x'.repeat(20_000);
    const html = renderToStaticMarkup(<DataText>{name}</DataText>);
    expect(html).toBe(`<bdi class="data-text long" title="${name}">${name}</bdi>`);
    const edge = 'y'.repeat(LONG_DATA_TEXT);
    expect(renderToStaticMarkup(<DataText>{edge}</DataText>)).toBe(
      `<bdi class="data-text">${edge}</bdi>`,
    );
  });
});
