/** A modal progress bar with Cancel while an export renders (covers the map while it resizes). */
import { useEffect, useRef } from 'react';
import type { ExportBusy } from './useExports';
import './story.css';

export function ExportProgress(props: { busy: ExportBusy | null; onCancel: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  const open = props.busy !== null;
  useEffect(() => {
    if (open) button.current?.focus();
  }, [open]);
  if (!props.busy) return null;
  const { label, done, total } = props.busy;
  return (
    <div className="export-progress" role="dialog" aria-modal="true" aria-label="Export progress">
      <div className="export-progress-box" data-testid="export-progress">
        <p>
          <strong>{label}</strong>
        </p>
        <progress max={total || 1} value={total ? done : undefined} aria-label="Export progress" />
        <p aria-live="polite">{total ? `Frame ${done} of ${total}` : 'Working…'}</p>
        <button type="button" className="button" ref={button} onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
