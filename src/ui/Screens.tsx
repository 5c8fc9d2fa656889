/**
 * Full-page states: loading (with progress) and error (what is wrong, how to fix it); plus the
 * notice list.
 */
import type { LoadProgress } from '../data/load';

function kb(n: number): string {
  return `${(n / 1024).toFixed(0)} KB`;
}

/** Loading screen with a progress bar. */
export function LoadingScreen(props: { progress: LoadProgress | null }) {
  const p = props.progress;
  const value = p ? (p.bytesTotal ? p.bytesLoaded / p.bytesTotal : p.filesDone / p.filesTotal) : 0;
  return (
    <main className="screen" data-testid="loading">
      <h1>Presence Atlas</h1>
      <p>Loading the data…</p>
      <progress max={1} value={Math.min(1, value)} aria-label="Loading progress" />
      {p ? (
        <p className="muted">
          {p.filesDone} of {p.filesTotal} files · {kb(p.bytesLoaded)}
          {p.bytesTotal ? ` of ${kb(p.bytesTotal)}` : ''}
        </p>
      ) : null}
    </main>
  );
}

/** Error screen: names the problem and file, and gives the command that fixes it. */
export function ErrorScreen(props: { title: string; detail: string; file?: string; fix?: string }) {
  return (
    <main className="screen error" role="alert" data-testid="error">
      <h1>{props.title}</h1>
      <p>{props.detail}</p>
      {props.file ? (
        <p>
          File: <code>{props.file}</code>
        </p>
      ) : null}
      {props.fix ? (
        <p>
          To fix it, run <code>{props.fix}</code> in the project folder, then reload this page.
        </p>
      ) : null}
    </main>
  );
}

export interface Notice {
  id: string;
  text: string;
  kind: 'info' | 'warning';
  dismissible: boolean;
  /** A button after the text (e.g. "How to add it" opening Help → Data). */
  action?: { label: string; onClick: () => void };
}

/** Notices over the map (URL fallbacks, missing violence data). */
export function Notices(props: { notices: readonly Notice[]; onDismiss: (id: string) => void }) {
  if (props.notices.length === 0) return null;
  return (
    <ul className="notices" aria-live="polite" data-testid="notices">
      {props.notices.map((n) => (
        <li key={n.id} className={`notice ${n.kind}`}>
          <span>{n.text}</span>
          {n.action ? (
            <button type="button" className="link-button notice-action" onClick={n.action.onClick}>
              {n.action.label}
            </button>
          ) : null}
          {n.dismissible ? (
            <button
              type="button"
              className="icon-button"
              aria-label="Dismiss notice"
              onClick={() => props.onDismiss(n.id)}
            >
              ×
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
