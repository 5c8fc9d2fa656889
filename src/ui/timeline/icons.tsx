/**
 * Playback icons as inline SVG (no icon font: nothing is downloaded, and every system renders
 * them). Decorative: the buttons carry the accessible names.
 */
const PATHS = {
  first: 'M3 2h2v12H3zM14 2v12L6 8z',
  previous: 'M12 2v12L4 8z',
  play: 'M4 2v12l10-6z',
  pause: 'M3 2h4v12H3zM9 2h4v12H9z',
  next: 'M4 2v12l8-6z',
  last: 'M11 2h2v12h-2zM2 2v12l8-6z',
} as const;

/** A 16 × 16 playback icon. */
export function PlaybackIcon(props: { name: keyof typeof PATHS }) {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden focusable="false">
      <path d={PATHS[props.name]} fill="currentColor" />
    </svg>
  );
}
