/**
 * Help → About: what Presence Atlas and its data are, the data's versions and licences (from the
 * build manifest, as Help → Data reads it), how to cite, and how to add more data. A modal
 * `<dialog>` like the Data page.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { DataInfo } from '../../domain/dataInfo';
import { useDataHelp } from './DataHelp';
import './help.css';

/** The citation of the atlas itself, with the data versions shown. */
export function atlasCitation(info: DataInfo | null, accessed: string): string {
  const versions = info
    ? [
        ...new Set(
          info.sources.map(
            (s) =>
              `${s.dataset === 'geo-pko' ? 'Geo-PKO' : s.dataset === 'ucdp-ged' ? 'UCDP GED' : s.dataset} ${s.version}`,
          ),
        ),
      ].join(', ')
    : 'data versions not read';
  return `Presence Atlas: one-sided violence and UN peacekeeping deployments (${versions}). Accessed ${accessed}.`;
}

/** The About dialog. */
export function AboutDialog(props: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const { info, openData } = useDataHelp();
  const [copied, setCopied] = useState(false);
  const { open, onClose } = props;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);
  const stop = (e: KeyboardEvent): void => e.stopPropagation();
  const citation = atlasCitation(info, new Date().toISOString().slice(0, 10));
  const credits = info?.credits ?? [];
  return (
    <dialog
      ref={ref}
      className="data-help"
      aria-labelledby={`${id}-title`}
      data-testid="about-help"
      onClose={onClose}
      onKeyDown={stop}
    >
      <div className="data-help-head">
        <h2 id={`${id}-title`}>About Presence Atlas</h2>
        <button type="button" className="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
      <h3>What it is</h3>
      <p>
        A map of one-sided violence against civilians (UCDP GED, on the 0.5° PRIO-GRID) and of UN
        peacekeeping deployments (Geo-PKO), year by year. It shows everything the Geo-PKO dashboard
        shows: all missions on one map (World), troops, sites without troops, UN police, observers
        and HQs, unit types and contributing countries (Layers), troops per contributing country and
        the mission’s composition (Countries tab), and the mission maps by source map (Maps tab) —
        next to the violence, and the cells where presence lagged it.
      </p>
      <p>
        The sources’ own figures come first (Geo-PKO’s yearly troop figure per site, GED’s best
        estimate and location precision). Missing is never zero: where a source gives no figure, the
        atlas says “unknown” or “not loaded”.
      </p>
      <h3>Data versions and licences</h3>
      {credits.length > 0 ? (
        <ul className="data-help-credits" data-testid="about-credits">
          {credits.map((c) => (
            <li key={`${c.dataset}@${c.version}`}>
              <strong>
                {c.dataset}
                {c.version ? `, version ${c.version}` : ''}
              </strong>{' '}
              — licence: {c.licence}. {c.citation}
            </li>
          ))}
        </ul>
      ) : (
        <p>The build manifest lists no sources’ licences (see Help → Data).</p>
      )}
      <h3>How to cite</h3>
      <p>Cite the data sources above, and the atlas as:</p>
      <blockquote data-testid="about-citation">{citation}</blockquote>
      <button
        type="button"
        className="button"
        onClick={() => {
          void navigator.clipboard?.writeText(citation).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {copied ? 'Copied' : 'Copy citation'}
      </button>
      <h3>Adding more data</h3>
      <p>
        Newer GED releases and the Geo-PKO files (FrontMap, TTMap, TCCMap, the monthly location
        files) are read from a folder by the data build; the{' '}
        <button
          type="button"
          className="link-button"
          onClick={() => {
            onClose();
            openData();
          }}
        >
          Data page
        </button>{' '}
        says how, and the README’s “Refreshing the data” has the commands.
      </p>
    </dialog>
  );
}
