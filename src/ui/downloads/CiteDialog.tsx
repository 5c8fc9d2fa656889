/**
 * The Cite dialog: how to cite UCDP GED (its two reference articles), Geo-PKO and Presence Atlas
 * (this version), as plain text and BibTeX (`src/domain/citation.ts`), with copy buttons.
 */
import { useEffect, useState } from 'react';
import { ModalDialog } from '../ModalDialog';
import { APP_VERSION } from '../../data/appVersion';
import { bibtexAll, citations, plainAll } from '../../domain/citation';

/** Copies text to the clipboard; resolves false when the browser refuses. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** The Cite dialog (a modal `<dialog>`: Esc and Close close it). */
export function CiteDialog(props: { open: boolean; onClose: () => void }) {
  const [status, setStatus] = useState('');
  const { open, onClose } = props;
  useEffect(() => {
    if (open) setStatus('');
  }, [open]);
  const copy = (what: string, text: string): void => {
    void copyText(text).then((ok) =>
      setStatus(ok ? `Copied: ${what}` : `Copying was refused: select the text and copy it`),
    );
  };
  const list = citations(APP_VERSION);
  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      title="Cite"
      testId="cite-dialog"
      className="cite-dialog"
    >
      <p>
        Work with these data cites UCDP GED (both articles), Geo-PKO and Presence Atlas{' '}
        {APP_VERSION}.
      </p>
      <div className="cite-all">
        <button
          type="button"
          className="button"
          data-testid="cite-copy-plain"
          onClick={() => copy('all references, plain text', plainAll(APP_VERSION))}
        >
          Copy all as text
        </button>
        <button
          type="button"
          className="button"
          data-testid="cite-copy-bibtex"
          onClick={() => copy('all references, BibTeX', bibtexAll(APP_VERSION))}
        >
          Copy all as BibTeX
        </button>
        <span role="status" aria-live="polite" className="cite-status" data-testid="cite-status">
          {status}
        </span>
      </div>
      {list.map((c) => (
        <section key={c.key} className="cite-entry" aria-label={`${c.source}: ${c.key}`}>
          <h3>{c.source}</h3>
          <p className="cite-plain">{c.plain}</p>
          <details>
            <summary>BibTeX</summary>
            <pre>
              <code>{c.bibtex}</code>
            </pre>
          </details>
          <div className="cite-buttons">
            <button type="button" className="button" onClick={() => copy(c.key, c.plain)}>
              Copy text
            </button>
            <button
              type="button"
              className="button"
              onClick={() => copy(`${c.key} BibTeX`, c.bibtex)}
            >
              Copy BibTeX
            </button>
          </div>
        </section>
      ))}
    </ModalDialog>
  );
}
