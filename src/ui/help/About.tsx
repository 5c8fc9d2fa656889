/**
 * Help → About: what Presence Atlas and its data are, the data's versions and licences (from the
 * build manifest, as Help → Data reads it), how to cite, and how to add more data. A modal
 * `<dialog>` like the Data page.
 */
import { useState } from 'react';
import { ModalDialog } from '../ModalDialog';
import { APP_VERSION } from '../../data/appVersion';
import { plainAll } from '../../domain/citation';
import { CreditsList, useDataHelp } from './DataHelp';
import './help.css';

/** The About dialog. */
export function AboutDialog(props: { open: boolean; onClose: () => void }) {
  const { info, openData } = useDataHelp();
  const [copied, setCopied] = useState(false);
  const { open, onClose } = props;
  const citation = plainAll(APP_VERSION);
  const credits = info?.credits ?? [];
  return (
    <ModalDialog open={open} onClose={onClose} title="About Presence Atlas" testId="about-help">
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
        <CreditsList credits={credits} testId="about-credits" />
      ) : (
        <p>The build manifest lists no sources’ licences (see Help → Data).</p>
      )}
      <h3>How to cite</h3>
      <p>
        Cite UCDP GED (both articles), Geo-PKO and this version of the atlas; the Download dialog’s
        Cite button gives the same references as BibTeX.
      </p>
      <blockquote data-testid="about-citation" className="about-citation">
        {citation}
      </blockquote>
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
        {copied ? 'Copied' : 'Copy the references'}
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
    </ModalDialog>
  );
}
