/**
 * The header's Help menu (a menu button next to the title; Data opens the Data dialog of
 * `DataHelpProvider`) and the demo notice, shown only when the app shows the demo data.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { AboutDialog } from './About';
import { useDataHelp } from './DataHelp';

/** "Demo data: … only. Add the full sources: Help → Data", for the demo data only. */
export function DemoNotice() {
  const { info, openData } = useDataHelp();
  if (!info?.demo) return null;
  return (
    <p className="demo-notice" data-testid="demo-notice">
      Demo data: the {info.demo.country} only. Add the full sources:{' '}
      <button type="button" className="link-button" onClick={openData}>
        Help → Data
      </button>
    </p>
  );
}

/** The Help menu button and its menu. */
export function HelpMenu() {
  const { openData } = useDataHelp();
  const id = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  const [about, setAbout] = useState(false);
  const entries = [
    { label: 'Data', testId: 'help-data', run: openData },
    { label: 'About', testId: 'help-about', run: () => setAbout(true) },
  ];

  const focusItem = (i: number): void => {
    const n = entries.length;
    items.current[((i % n) + n) % n]?.focus();
  };
  const openMenu = (): void => {
    setOpen(true);
    requestAnimationFrame(() => focusItem(0));
  };
  const close = (refocus: boolean): void => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const onButtonKey = (e: KeyboardEvent<HTMLButtonElement>): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      e.stopPropagation();
      openMenu();
    }
  };
  const onMenuKey = (e: KeyboardEvent<HTMLUListElement>): void => {
    const at = items.current.indexOf(document.activeElement as HTMLButtonElement);
    // Menu keys are the menu's: the timeline's shortcuts must not see them.
    e.stopPropagation();
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusItem(at + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      focusItem(at - 1);
    } else if (e.key === 'Home') {
      e.preventDefault();
      focusItem(0);
    } else if (e.key === 'End') {
      e.preventDefault();
      focusItem(entries.length - 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
    } else if (e.key === 'Tab') close(false);
  };

  return (
    <div
      className="help-menu"
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className="help-button"
        id={`${id}-button`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        data-testid="help-button"
        onClick={() => (open ? close(false) : openMenu())}
        onKeyDown={onButtonKey}
      >
        Help
      </button>
      <ul
        id={`${id}-menu`}
        role="menu"
        aria-labelledby={`${id}-button`}
        className="help-menu-list"
        hidden={!open}
        onKeyDown={onMenuKey}
      >
        {entries.map((entry, i) => (
          <li key={entry.label} role="none">
            <button
              ref={(el) => {
                items.current[i] = el;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              data-testid={entry.testId}
              onClick={() => {
                close(true);
                entry.run();
              }}
            >
              {entry.label}
            </button>
          </li>
        ))}
      </ul>
      <AboutDialog open={about} onClose={() => setAbout(false)} />
    </div>
  );
}
