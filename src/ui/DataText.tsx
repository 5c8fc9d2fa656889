/** Threshold (characters) above which a data string is clamped, with the whole text on hover. */
export const LONG_DATA_TEXT = 80;

/**
 * A string from the data (a place, perpetrator, mission or country name) inside app text: in a
 * `<bdi>`, so that right-to-left characters or a stray direction override in the name cannot
 * reorder the text around it; wrapping anywhere rather than widening the panel; a long one
 * clamped to three lines with the whole text as its tooltip (see `.data-text` in app.css).
 */
export function DataText(props: { children: string }) {
  const text = props.children;
  const long = text.length > LONG_DATA_TEXT;
  return (
    <bdi className={long ? 'data-text long' : 'data-text'} title={long ? text : undefined}>
      {text}
    </bdi>
  );
}
