/**
 * A caption field with autocompletion of the live figures it may quote (`{fatalities}`): typing
 * `{` opens a list of the documented facts (`src/story/factList.ts`), filtered by what follows.
 * ARIA combobox pattern: the textarea is the combobox, the list a listbox; ↓ / ↑ move through it,
 * Enter or Tab inserts, Esc closes; a click inserts too. Below it, the caption as it will read.
 */
import { useId, useRef, useState } from 'react';
import { factQueryAt, insertFact, suggestFacts, type FactQuery } from '../../story/factList';

export interface CaptionEditorProps {
  label: string;
  value: string;
  onChange: (text: string) => void;
  /** The caption with its figures filled for the current view (the preview). */
  preview: { text: string; missing: string[] } | null;
  testId: string;
}

/** The caption field, its suggestion list and its preview. */
export function CaptionEditor(props: CaptionEditorProps) {
  const id = useId();
  const listId = `${id}-facts`;
  const ref = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<FactQuery | null>(null);
  const [active, setActive] = useState(0);
  const options = query ? suggestFacts(query.prefix).slice(0, 8) : [];
  const open = query !== null && options.length > 0;

  const update = (el: HTMLTextAreaElement): void => {
    const q =
      el.selectionStart === el.selectionEnd ? factQueryAt(el.value, el.selectionStart) : null;
    setQuery(q);
    if (q?.prefix !== query?.prefix || (q === null) !== (query === null)) setActive(0);
  };

  const choose = (index: number): void => {
    const el = ref.current;
    const opt = options[index];
    if (!el || !query || !opt) return;
    const r = insertFact(el.value, el.selectionStart, query, opt.name);
    // Write the text and the caret now, in the same task as the key press: a caret placed later
    // (after a frame) would land behind characters typed in between. React then finds the
    // field already holding the new value and leaves it (and the caret) alone.
    el.value = r.text;
    el.setSelectionRange(r.caret, r.caret);
    props.onChange(r.text);
    setQuery(null);
  };

  return (
    <div className="caption-editor">
      <label htmlFor={id}>{props.label}</label>
      <textarea
        id={id}
        ref={ref}
        rows={3}
        maxLength={600}
        value={props.value}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        aria-describedby={`${id}-hint`}
        data-testid={props.testId}
        onChange={(e) => {
          props.onChange(e.target.value);
          update(e.target);
        }}
        onSelect={(e) => update(e.currentTarget)}
        onBlur={() => setQuery(null)}
        onKeyDown={(e) => {
          if (!open) return;
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => (a + 1) % options.length);
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => (a - 1 + options.length) % options.length);
          } else if (e.key === 'Enter' || e.key === 'Tab') {
            e.preventDefault();
            choose(Math.min(active, options.length - 1));
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            setQuery(null);
          }
        }}
      />
      <p id={`${id}-hint`} className="muted caption-hint">
        Type <kbd>{'{'}</kbd> to quote a live figure (deaths, troops, bases, coverage…); it is
        recomputed from the data for each year shown.
      </p>
      <ul
        id={listId}
        role="listbox"
        aria-label="Live figures"
        className="fact-list"
        hidden={!open}
        data-testid={`${props.testId}-facts`}
      >
        {open
          ? options.map((o, i) => (
              <li
                key={o.name}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault(); // keep the focus (and the caret) in the textarea
                  choose(i);
                }}
              >
                <code>{`{${o.name}}`}</code> <span className="muted">{o.description}</span>
              </li>
            ))
          : null}
      </ul>
      {props.preview ? (
        <div className="caption-preview" data-testid={`${props.testId}-preview`}>
          <span className="muted">Preview: </span>
          {props.preview.text}
          {props.preview.missing.length > 0 ? (
            <span className="caption-missing">
              {' '}
              (not computed for this view: {props.preview.missing.join(', ')})
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
