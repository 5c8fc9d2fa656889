/**
 * Help → Data: what data the app shows (the demo or a build from the sources), how to add the
 * full sources, and the sources' licences and citations. {@link DataHelpProvider} owns the
 * dialog, so that the Help menu and the demo notice open the same one ({@link useDataHelp}).
 */
import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { ModalDialog } from '../ModalDialog';
import type { DataInfoResult } from '../../data/dataInfo';
import type { DataCredit, DataInfo } from '../../domain/dataInfo';
import './help.css';

/** What the help components share. */
export interface DataHelp {
  /** The data's description; null while loading or when the manifest could not be read. */
  info: DataInfo | null;
  /** Opens the Data dialog; focus returns to the active element when it closes. */
  openData(): void;
}

const Context = createContext<DataHelp>({ info: null, openData: () => {} });

/** The help state (inside a {@link DataHelpProvider}; outside, no info and a no-op). */
export function useDataHelp(): DataHelp {
  return useContext(Context);
}

const dataset = (d: string): string =>
  d === 'ucdp-ged' ? 'UCDP GED' : d === 'geo-pko' ? 'Geo-PKO' : d;

function WhatIsShown(props: { result: DataInfoResult }) {
  const r = props.result;
  if (r.info === null)
    return <p>The description of the data (manifest.json) could not be read: {r.problem}.</p>;
  const { demo, coverage, sources } = r.info;
  const ged = coverage.gedVersions.length
    ? `UCDP GED ${coverage.gedVersions.join(', ')}${coverage.years ? `, ${coverage.years.join('–')}` : ''}`
    : null;
  if (demo)
    return (
      <>
        <p data-testid="data-demo">
          <strong>Demo data: the {demo.country} only.</strong> A small dataset that comes with
          Presence Atlas: one-sided violence against civilians in the {demo.country}
          {ged ? ` (${ged})` : ''} and the deployments of the missions that served there (
          {demo.missions.join(', ')}). Elsewhere the map says “violence data not loaded”, never
          zero.
        </p>
        <p className="muted">{demo.rule}</p>
      </>
    );
  const versions = [...new Set(sources.map((s) => `${dataset(s.dataset)} ${s.version}`))];
  return (
    <p data-testid="data-built">
      Built from {sources.length} source file{sources.length === 1 ? '' : 's'} (
      {versions.join(', ')}).{' '}
      {ged
        ? `Violence data: ${ged}, for ${coverage.countries.length > 5 ? `${coverage.countries.length} countries` : coverage.countries.join(', ')}.`
        : 'No violence data is loaded.'}
    </p>
  );
}

/** The sources of the build with their versions, licences and citations (from the manifest). */
export function CreditsList(props: { credits: readonly DataCredit[]; testId?: string }) {
  return (
    <ul className="data-help-credits" data-testid={props.testId}>
      {props.credits.map((c) => (
        <li key={`${c.dataset}@${c.version}`}>
          <strong>
            {c.dataset}
            {c.version ? `, version ${c.version}` : ''}
          </strong>{' '}
          — licence: {c.licence}. {c.citation}
        </li>
      ))}
    </ul>
  );
}

/** The Data dialog (a modal `<dialog>`: Esc and the Close button close it). */
function DataDialog(props: { open: boolean; onClose: () => void; result: DataInfoResult }) {
  const { open, onClose } = props;
  const credits = props.result.info?.credits ?? [];
  return (
    <ModalDialog open={open} onClose={onClose} title="Data" testId="data-help">
      <h3>What the map shows</h3>
      <WhatIsShown result={props.result} />
      <h3>Adding the full sources</h3>
      <p>
        Presence Atlas reads the official files of UCDP GED (violence, all countries) and Geo-PKO
        (peacekeeping deployments). To download them (a few hundred MB), check them, build the data
        and open the atlas, stop the app and start it again with:
      </p>
      <pre>
        <code>npm start -- --fetch</code>
      </pre>
      <p>
        Without internet access, download the files elsewhere (their addresses are in{' '}
        <code>geodata/sources.json</code>), put them in <code>geodata/raw/</code> or any folder, and
        run <code>npm run data -- --from FOLDER</code>, then <code>npm start</code>. The README’s
        section “Refreshing the data” has the details.
      </p>
      {credits.length > 0 ? (
        <>
          <h3>Sources, licences and citations</h3>
          <CreditsList credits={credits} />
        </>
      ) : null}
    </ModalDialog>
  );
}

/**
 * Provides {@link useDataHelp} to its children and renders the Data dialog, from the served
 * manifest's description (`loadDataInfo`, loaded by `App` with the data).
 */
export function DataHelpProvider(props: { result: DataInfoResult; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const returnFocus = useRef<HTMLElement | null>(null);
  const openData = useCallback(() => {
    returnFocus.current = document.activeElement as HTMLElement | null;
    setOpen(true);
  }, []);
  const onClose = useCallback(() => {
    setOpen(false);
    returnFocus.current?.focus();
  }, []);
  const info = props.result.info;
  const value = useMemo(() => ({ info, openData }), [info, openData]);
  return (
    <Context.Provider value={value}>
      {props.children}
      <DataDialog open={open} onClose={onClose} result={props.result} />
    </Context.Provider>
  );
}
