/**
 * Help → Data: what data the app shows (the demo or a build from the sources), how to add the
 * full sources, and the sources' licences and citations. {@link DataHelpProvider} owns the
 * dialog, so that the Help menu and the demo notice open the same one ({@link useDataHelp}).
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import type { DataInfoResult } from '../../data/dataInfo';
import type { DataInfo } from '../../domain/dataInfo';
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

/** The Data dialog (a modal `<dialog>`: Esc and the Close button close it). */
function DataDialog(props: { open: boolean; onClose: () => void; result: DataInfoResult }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const { open, onClose } = props;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);
  // Keys stay in the dialog: the map's shortcuts (Space plays, arrows step) must not fire.
  const stop = (e: KeyboardEvent): void => e.stopPropagation();
  const credits = props.result.info?.credits ?? [];
  return (
    <dialog
      ref={ref}
      className="data-help"
      aria-labelledby={`${id}-title`}
      data-testid="data-help"
      onClose={onClose}
      onKeyDown={stop}
    >
      <div className="data-help-head">
        <h2 id={`${id}-title`}>Data</h2>
        <button type="button" className="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
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
          <ul className="data-help-credits">
            {credits.map((c) => (
              <li key={`${c.dataset}@${c.version}`}>
                <strong>
                  {c.dataset}
                  {c.version ? `, version ${c.version}` : ''}
                </strong>{' '}
                ({c.licence}). {c.citation}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </dialog>
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
