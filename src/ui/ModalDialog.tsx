/**
 * The one modal dialog shell (Help → Data, Help → About, Download, Cite): a native `<dialog>`
 * opened with `showModal()` (focus trapped, the page inert), a heading that names it, a Close
 * button focused on open; Esc and Close both close it. Keys pressed inside stay inside, so the
 * map's shortcuts (Space plays, arrows step) do not fire behind it.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/** Props of {@link ModalDialog}. */
export interface ModalDialogProps {
  open: boolean;
  /** Called when the user closes it (Close, Esc); the owner then sets `open` to false. */
  onClose: () => void;
  title: ReactNode;
  testId: string;
  /** Extra class beside `data-help` (the dialogs' shared look). */
  className?: string;
  /** `data-*` attributes for tests and tools (e.g. `{ 'data-towns': 12 }`). */
  data?: Record<`data-${string}`, string | number>;
  children: ReactNode;
}

/** A modal dialog with its heading and Close button; the body is `children`. */
export function ModalDialog(props: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const { open, onClose } = props;
  // Closed by the browser (Esc) while open: tell the owner. A close the owner asked for (open
  // turned false) fires the same event later and must not close a dialog opened meanwhile.
  const openNow = useRef(open);
  openNow.current = open;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);
  const stop = (e: KeyboardEvent): void => e.stopPropagation();
  // Rendered at the end of <body> wherever its owner sits (the header's menus, the app), so every
  // dialog inherits the same styles and the same large-screen zoom (help.css).
  return createPortal(
    <dialog
      ref={ref}
      className={props.className ? `data-help ${props.className}` : 'data-help'}
      aria-labelledby={`${id}-title`}
      data-testid={props.testId}
      {...props.data}
      onClose={() => {
        if (openNow.current) onClose();
      }}
      onKeyDown={stop}
    >
      <div className="data-help-head">
        <h2 id={`${id}-title`}>{props.title}</h2>
        <button type="button" className="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
      {props.children}
    </dialog>,
    document.body,
  );
}
