/**
 * The header's Download button. Its dialogs — the Download dialog (`DownloadDialog.tsx`: the
 * view's tables with their provenance, the build's full tables) and the Cite dialog — are loaded
 * on first use, so that the table builders and the Parquet writer are not in the first bundle.
 */
import { lazy, Suspense, useCallback, useRef, useState } from 'react';

const DownloadDialogs = lazy(() => import('./DownloadDialog'));

/** The Download button (header) with the Download and Cite dialogs. */
export function DownloadMenu() {
  const [open, setOpen] = useState<'download' | 'cite' | null>(null);
  // The dialogs' code is loaded when the button is first pressed, then kept.
  const [used, setUsed] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setOpen(null);
    button.current?.focus();
  }, []);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="button download-button"
        aria-haspopup="dialog"
        data-testid="download-button"
        onClick={() => {
          setUsed(true);
          setOpen('download');
        }}
      >
        Download
      </button>
      {used ? (
        <Suspense fallback={null}>
          <DownloadDialogs open={open} onClose={close} onCite={() => setOpen('cite')} />
        </Suspense>
      ) : null}
    </>
  );
}
