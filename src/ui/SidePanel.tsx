/**
 * The side panel: tabs (Details now; Changes, Lag analysis and Story are added by later features
 * through the `tabs` prop). The tab strip follows the WAI-ARIA tabs pattern (arrow keys move).
 */
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { PanelTab } from '../state/state';

export interface SidePanelTab {
  id: PanelTab;
  label: string;
  content: ReactNode;
}

export interface SidePanelProps {
  tabs: readonly SidePanelTab[];
  active: PanelTab;
  onActivate: (id: PanelTab) => void;
}

/** Tabbed side panel; with a single tab the strip is hidden. */
export function SidePanel(props: SidePanelProps) {
  const id = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const current = props.tabs.find((t) => t.id === props.active) ?? props.tabs[0];
  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const i = props.tabs.findIndex((t) => t.id === current?.id);
    let j = i;
    if (e.key === 'ArrowRight') j = (i + 1) % props.tabs.length;
    else if (e.key === 'ArrowLeft') j = (i - 1 + props.tabs.length) % props.tabs.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = props.tabs.length - 1;
    else return;
    e.preventDefault();
    const t = props.tabs[j];
    if (t) {
      props.onActivate(t.id);
      refs.current[j]?.focus();
    }
  };
  return (
    <aside className="side-panel" aria-label="Details and analysis">
      {props.tabs.length > 1 ? (
        <div role="tablist" className="tabs" aria-label="Side panel" onKeyDown={onKey}>
          {props.tabs.map((t, i) => (
            <button
              key={t.id}
              ref={(el) => {
                refs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`${id}-tab-${t.id}`}
              aria-selected={t.id === current?.id}
              aria-controls={`${id}-panel`}
              tabIndex={t.id === current?.id ? 0 : -1}
              onClick={() => props.onActivate(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
      ) : null}
      <div
        id={`${id}-panel`}
        role={props.tabs.length > 1 ? 'tabpanel' : undefined}
        aria-labelledby={props.tabs.length > 1 ? `${id}-tab-${current?.id}` : undefined}
        className="side-panel-body"
      >
        {current?.content}
      </div>
    </aside>
  );
}
