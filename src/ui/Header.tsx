/**
 * The header: mission picker, place search, perpetrator toggle, layer toggles, fit button.
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { DownloadMenu } from './downloads/DownloadMenu';
import { DemoNotice, HelpMenu } from './help/HelpMenu';
import { PERPETRATOR_FILTERS, type Mission, type PerpetratorFilter } from '../domain/dataset';
import { searchEntries, type SearchEntry } from '../data/selectors';
import { LAYER_KEYS, LAYER_LABELS, type Layers, type LayerKey } from '../state/state';
import { PERPETRATOR_LABELS } from '../domain/perpetrator';

/** Short labels of the header's perpetrator switch (the full ones are read out). */
const HEADER_PERPETRATOR: Record<PerpetratorFilter, string> = {
  all: 'All',
  state: 'State',
  host: 'Host gov.',
  foreign: 'Foreign gov.',
  nonstate: 'Non-state',
};

export interface HeaderProps {
  missions: readonly Mission[];
  mission: string;
  onMission: (id: string) => void;
  perpetrator: PerpetratorFilter;
  onPerpetrator: (p: PerpetratorFilter) => void;
  layers: Layers;
  /** Layers that exist in this build (others are hidden). */
  availableLayers: readonly LayerKey[];
  onToggleLayer: (l: LayerKey) => void;
  onFit: () => void;
  /** The World view is shown (every mission on one map). */
  world?: boolean;
  /** Opens / leaves the World view (no button when absent). */
  onWorld?: () => void;
  /** The search index, built on first use (not at start-up: naming every cell takes time). */
  searchIndex: () => readonly SearchEntry[];
  onSearchPick: (e: SearchEntry) => void;
}

/**
 * The question asked before a search result of another mission switches the mission ("Birao is
 * a MINURCAT base. Switch to MINURCAT?"), or null when the result needs no switch.
 */
export function otherMissionQuestion(e: SearchEntry, mission: string): string | null {
  if (e.kind !== 'base' || e.mission === undefined || e.mission === mission) return null;
  return `${e.name} is a ${e.mission} base, not ${mission}. Switch to ${e.mission}?`;
}

function missionLabel(m: Mission): string {
  const first = m.years[0];
  const last = m.years[m.years.length - 1];
  const years = first === undefined ? '' : first === last ? ` (${first})` : ` (${first}–${last})`;
  const where = m.countries.length > 2 ? `${m.countries.length} countries` : m.countries.join(', ');
  return `${m.id} — ${where}${years}`;
}

/**
 * Place search: a combobox with a keyboard-navigable listbox of towns, bases and cells (by name
 * or cell id). A base of another mission asks before switching the mission: "Switch" opens it
 * there, "Stay" only flies to the place.
 */
export function PlaceSearch(props: {
  index: () => readonly SearchEntry[];
  onPick: (e: SearchEntry) => void;
  /** The mission shown: a base of another one asks before switching. */
  mission?: string;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [confirm, setConfirm] = useState<{ e: SearchEntry; question: string } | null>(null);
  const { index, mission } = props;
  const results = useMemo(
    () => (query.trim() === '' ? [] : searchEntries(index(), query, 8, mission)),
    [index, query, mission],
  );
  const expanded = open && query.trim().length > 0;
  const pick = (e: SearchEntry | undefined): void => {
    if (!e) return;
    setQuery(e.name);
    setOpen(false);
    const question = props.mission ? otherMissionQuestion(e, props.mission) : null;
    if (question) {
      setConfirm({ e, question });
      return;
    }
    setConfirm(null);
    props.onPick(e);
  };
  const answer = (switchMission: boolean): void => {
    if (!confirm) return;
    const { e } = confirm;
    setConfirm(null);
    // Staying: the place only, as a town would be.
    props.onPick(switchMission ? e : { ...e, kind: 'town', baseId: undefined });
  };
  const onKey = (ev: KeyboardEvent<HTMLInputElement>): void => {
    if (ev.key === 'ArrowDown') {
      ev.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(results.length - 1, a + 1));
    } else if (ev.key === 'ArrowUp') {
      ev.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (ev.key === 'Enter') {
      ev.preventDefault();
      pick(results[active]);
    } else if (ev.key === 'Escape') {
      setOpen(false);
    }
  };
  return (
    <div className="search">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        Search places and bases
      </label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        placeholder="Search a town, base or cell…"
        autoComplete="off"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={expanded && results[active] ? `${id}-opt-${active}` : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKey}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onFocus={() => setOpen(true)}
      />
      <ul id={`${id}-list`} role="listbox" className="search-list" hidden={!expanded}>
        {results.length === 0 && expanded ? (
          <li className="search-empty" role="option" aria-selected={false} aria-disabled>
            No town, base or cell matches “{query}”.
          </li>
        ) : null}
        {results.map((r, i) => (
          <li
            key={r.key}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(r);
            }}
            onMouseEnter={() => setActive(i)}
          >
            <span className={`search-kind ${r.kind}`} aria-hidden>
              {r.kind === 'base' ? '●' : r.kind === 'cell' ? '▢' : '·'}
            </span>
            <span className="search-name">{r.name}</span>
            <span className="search-detail">
              {r.detail}
              {props.mission && otherMissionQuestion(r, props.mission) ? ' · other mission' : ''}
            </span>
          </li>
        ))}
      </ul>
      {confirm ? (
        <div className="search-confirm" role="alertdialog" aria-label="Switch mission?">
          <p>{confirm.question}</p>
          <button type="button" className="button" autoFocus onClick={() => answer(true)}>
            Switch to {confirm.e.mission}
          </button>
          <button type="button" className="button" onClick={() => answer(false)}>
            Stay on {props.mission}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** The header bar. */
export function Header(props: HeaderProps) {
  const id = useId();
  return (
    <header className="header">
      <div className="brand">
        <div className="brand-title">
          <h1>Presence Atlas</h1>
          <HelpMenu />
        </div>
        <p>Civilians killed and UN peacekeepers present, year by year</p>
      </div>
      <div className="control">
        <label htmlFor={`${id}-mission`}>Mission</label>
        <select
          id={`${id}-mission`}
          value={props.mission}
          onChange={(e) => props.onMission(e.target.value)}
          data-testid="mission-picker"
        >
          {props.missions.map((m) => (
            <option key={m.id} value={m.id}>
              {missionLabel(m)}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="button" onClick={props.onFit}>
        Fit to mission
      </button>
      {props.onWorld ? (
        <button
          type="button"
          className={props.world ? 'button active' : 'button'}
          aria-pressed={props.world ?? false}
          onClick={props.onWorld}
          data-testid="world-toggle"
        >
          World
        </button>
      ) : null}
      <PlaceSearch index={props.searchIndex} onPick={props.onSearchPick} mission={props.mission} />
      <fieldset className="segmented" data-testid="perpetrator">
        <legend>Perpetrator</legend>
        {PERPETRATOR_FILTERS.map((p) => (
          <label key={p} className={props.perpetrator === p ? 'checked' : undefined}>
            <input
              type="radio"
              name={`${id}-perp`}
              value={p}
              checked={props.perpetrator === p}
              onChange={() => props.onPerpetrator(p)}
            />
            {HEADER_PERPETRATOR[p]}
            <span className="visually-hidden"> ({PERPETRATOR_LABELS[p]})</span>
          </label>
        ))}
      </fieldset>
      <details className="layers">
        <summary>Layers</summary>
        <fieldset>
          <legend className="visually-hidden">Map layers</legend>
          {LAYER_KEYS.filter((k) => props.availableLayers.includes(k)).map((k) => (
            <label key={k} className={k === 'troops' ? 'layer-group-start' : undefined}>
              <input
                type="checkbox"
                checked={props.layers[k]}
                onChange={() => props.onToggleLayer(k)}
              />
              {LAYER_LABELS[k]}
            </label>
          ))}
        </fieldset>
      </details>
      <DownloadMenu />
      <DemoNotice />
    </header>
  );
}
