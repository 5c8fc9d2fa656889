/**
 * The Download dialog, loaded when the header's Download button is first pressed (so that the
 * table builders and the Parquet writer stay out of the first bundle): the view's tables (cells,
 * bases, responsiveness, base changes, gap list) in their formats, each with its provenance
 * sidecar, the full tables the data build wrote (`export/…`, linked where the build has them),
 * and the way to the Cite dialog. Every file comes from `buildDownload`
 * (`src/data/downloads.ts`), the function `npm run export` calls, so the two give the same bytes;
 * once the Coverage tab has loaded the events, the what-if sites come from `buildWhatIfDownload`
 * (`src/data/coverageDownloads.ts`), the rows `npm run coverage -- --whatif k --history n` prints.
 */
import { useMemo } from 'react';
import { ModalDialog } from '../ModalDialog';
import { APP_VERSION } from '../../data/appVersion';
import {
  buildDownload,
  fullTableProvenance,
  TABLE_FORMATS,
  tableTitle,
  type DownloadContext,
  type DownloadFormat,
  type DownloadView,
  type TableId,
  WORLD_TABLE_REASON,
  WORLD_TABLES,
} from '../../data/downloads';
import { buildWhatIfDownload } from '../../data/coverageDownloads';
import { toLagParams } from '../../data/lagSelectors';
import { DEFAULT_COVERAGE_PARAMS } from '../../domain/coverageParams';
import { DATA_FILES } from '../../domain/encoding';
import { NO_BUILD_INFO, provenanceFileName, provenanceJson } from '../../domain/provenance';
import { loadedOsvEvents } from '../coverage/useOsvEvents';
import { useData } from '../dataContext';
import { useDataHelp } from '../help/DataHelp';
import { downloadText } from '../lag/download';
import { useAtlas } from '../store';
import { CiteDialog } from './CiteDialog';
import './downloads.css';

const FORMAT_LABEL: Record<DownloadFormat, string> = {
  csv: 'CSV',
  geojson: 'GeoJSON',
  parquet: 'Parquet',
};

const FULL_TABLES = [
  {
    id: 'cell-years',
    title: 'All cell-years (one-sided violence per PRIO-GRID cell and year)',
    csv: DATA_FILES.exportCellYearsCsv,
    parquet: DATA_FILES.exportCellYearsParquet,
  },
  {
    id: 'base-years',
    title: 'All base-years (every Geo-PKO base in every year)',
    csv: DATA_FILES.exportBaseYearsCsv,
    parquet: DATA_FILES.exportBaseYearsParquet,
  },
] as const;

const VIEW_TABLES: readonly TableId[] = [
  'cells',
  'bases',
  'responsiveness',
  'changes',
  'episodes',
  'monthly-episodes',
];

/** "53 episodes", or why the monthly analysis has none (never a silent 0). */
function monthlyCount(
  r: { available: boolean; episodes: readonly unknown[] } | null,
  pending: string | null,
): string {
  if (pending !== null) return `not computed yet: ${pending}`;
  if (!r) return 'unknown mission';
  if (!r.available) return 'not computed: no monthly deployment maps loaded for this mission';
  return `${r.episodes.length} episodes`;
}

/** "12 cells with events", and the host countries whose violence data is not loaded (not 0). */
function cellsCount(
  cov: { covered: readonly string[]; missing: readonly string[] },
  cells: () => readonly unknown[],
): string {
  const missing = cov.missing.length
    ? `violence data not loaded for ${cov.missing.join(', ')}`
    : '';
  if (cov.covered.length === 0) return missing || 'violence data not loaded';
  return `${cells().length} cells with events${missing ? `; ${missing}` : ''}`;
}

/** The view of the store as the downloads take it. */
function useDownloadView(): DownloadView {
  const mission = useAtlas((s) => s.mission);
  const year = useAtlas((s) => s.year);
  const lag = useAtlas((s) => s.lag);
  const perpetrator = useAtlas((s) => s.perpetrator);
  const world = useAtlas((s) => s.world);
  return useMemo(
    () => ({
      mission,
      year,
      params: toLagParams(lag, perpetrator),
      world: world ? world.missions : null,
    }),
    [mission, year, lag, perpetrator, world],
  );
}

/**
 * The what-if sites of the Coverage tab (its X, perpetrators, precision, k and n), once its events
 * are loaded; before that, a line that says how to get them.
 */
function WhatIfDownload(props: { ctx: DownloadContext }) {
  const { data, dataUrl } = useData();
  const missionId = useAtlas((s) => s.mission);
  const { km, k, n } = useAtlas((s) => s.coverage);
  const perpetrator = useAtlas((s) => s.perpetrator);
  const precision = useAtlas((s) => s.lag.precision ?? DEFAULT_COVERAGE_PARAMS.precision);
  const events = loadedOsvEvents(dataUrl);
  const mission = data.sel.mission(missionId);
  const title = `What-if sites, ${k} more bases from ${n} years before, within ${km}\u00a0km`;
  if (!events || !mission)
    return (
      <li data-testid="download-whatif">
        <span className="download-name">What-if sites (Coverage tab)</span>
        <span className="muted download-none">
          Open the Coverage tab to load the events; then the ranked sites download here.
        </span>
      </li>
    );
  const save = (sidecar: boolean): void => {
    const d = buildWhatIfDownload(
      data.coverage(events),
      mission,
      { km, perpetrator, precision },
      { k, n },
      props.ctx,
    );
    if (sidecar) downloadText(d.provenanceFileName, d.provenanceText, 'application/json');
    else downloadText(d.fileName, d.content, d.mime);
  };
  return (
    <li data-testid="download-whatif">
      <span className="download-name">{title}</span>
      <span className="download-formats">
        <button
          type="button"
          className="button"
          data-testid="download-whatif-csv"
          aria-label={`${title}, CSV`}
          onClick={() => save(false)}
        >
          CSV
        </button>
        <button
          type="button"
          className="button"
          data-testid="download-whatif-provenance"
          aria-label={`${title}, provenance (JSON)`}
          onClick={() => save(true)}
        >
          Provenance
        </button>
      </span>
    </li>
  );
}

/** The Download dialog. */
export function DownloadDialog(props: { open: boolean; onClose: () => void; onCite: () => void }) {
  const { data, dataUrl, basemap } = useData();
  const { info } = useDataHelp();
  const view = useDownloadView();
  const { open, onClose } = props;
  const ctx: DownloadContext = useMemo(
    () => ({ build: info?.build ?? NO_BUILD_INFO, appVersion: APP_VERSION }),
    [info],
  );
  const save = (table: TableId, format: DownloadFormat, sidecar: boolean): void => {
    const d = buildDownload(data, table, view, format, ctx);
    if (sidecar) downloadText(d.provenanceFileName, d.provenanceText, 'application/json');
    else downloadText(d.fileName, d.content, d.mime);
  };
  const p = view.params;
  const inWorld = view.world != null;
  const counts: Partial<Record<TableId, string>> = !open
    ? {}
    : inWorld
      ? {
          bases: `${data.dep.worldBases(view.year, view.world ?? []).length} bases of ${
            view.world?.length ? view.world.join(', ') : 'every mission'
          }`,
        }
      : {
          cells: cellsCount(data.sel.missionCoverage(view.mission, view.year), () =>
            data.sel.osvCellYears(view.mission, view.year),
          ),
          bases: `${data.sel.basesOf(view.mission, view.year).length} bases`,
          changes: `${data.tsel.changes(view.mission, view.year).length} changes`,
          episodes: `${data.lag.result(view.mission, p)?.episodes.length ?? 0} episodes`,
          'monthly-episodes': monthlyCount(
            data.monthly.lag(view.mission, p, p.perpetrator),
            data.monthly.pending,
          ),
        };
  const outputs = new Set(ctx.build.outputs);
  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      title="Download"
      testId="download-dialog"
      className="download-dialog"
      data={{ 'data-towns': basemap.places.length }}
    >
      {inWorld ? (
        <p className="muted download-view" data-testid="download-view">
          World view {view.year}:{' '}
          {view.world?.length ? view.world.join(', ') : 'every mission with bases'}. Only the bases
          apply here; the other tables are computed for one mission.
        </p>
      ) : (
        <p className="muted download-view" data-testid="download-view">
          {view.mission} {view.year}, perpetrator {p.perpetrator}; lag θ = {p.theta}, reach{' '}
          {p.reachKm != null ? `${p.reachKm} km` : `r = ${p.reach}`}, W = {p.window}, Δ = {p.delta},
          precision ≤ {p.precision}, initial deployment {p.initialDeployment ? 'on' : 'off'}.
        </p>
      )}
      <p className="muted">
        Each file has its provenance — the sources with version and SHA-256, the parameters, the app
        version and the data build date — as a <code>.provenance.json</code> sidecar (and inside
        GeoJSON and Parquet files). Empty values mean not computed, never zero. The same files from
        the command line: <code>npm run export</code>.
      </p>
      <h3>This view</h3>
      <ul className="download-list">
        {VIEW_TABLES.map((t) => (
          <li key={t}>
            <span className="download-name">
              {tableTitle(t)}
              {counts[t] ? <span className="muted"> ({counts[t]})</span> : null}
            </span>
            {inWorld && !WORLD_TABLES.includes(t) ? (
              <span className="muted download-none" data-testid={`download-${t}-world`}>
                Not in the World view: {WORLD_TABLE_REASON}.
              </span>
            ) : (
              <span className="download-formats">
                {TABLE_FORMATS[t].map((f) => (
                  <button
                    key={f}
                    type="button"
                    className="button"
                    data-testid={`download-${t}-${f}`}
                    aria-label={`${tableTitle(t)}, ${FORMAT_LABEL[f]}`}
                    onClick={() => save(t, f, false)}
                  >
                    {FORMAT_LABEL[f]}
                  </button>
                ))}
                <button
                  type="button"
                  className="button"
                  data-testid={`download-${t}-provenance`}
                  aria-label={`${tableTitle(t)}, provenance (JSON)`}
                  onClick={() => save(t, TABLE_FORMATS[t][0]!, true)}
                >
                  Provenance
                </button>
              </span>
            )}
          </li>
        ))}
        {open && !inWorld ? <WhatIfDownload ctx={ctx} /> : null}
      </ul>
      <h3>Full tables of the data build</h3>
      <ul className="download-list">
        {FULL_TABLES.map((t) => {
          const has = outputs.has(t.csv);
          return (
            <li key={t.id} data-testid={`download-full-${t.id}`}>
              <span className="download-name">{t.title}</span>
              {has ? (
                <span className="download-formats">
                  <a className="button" href={`${dataUrl}${t.csv}`} download>
                    CSV
                  </a>
                  {outputs.has(t.parquet) ? (
                    <a className="button" href={`${dataUrl}${t.parquet}`} download>
                      Parquet
                    </a>
                  ) : null}
                  <button
                    type="button"
                    className="button"
                    aria-label={`${t.title}, provenance (JSON)`}
                    onClick={() => {
                      const name = t.csv.split('/').pop()!;
                      downloadText(
                        provenanceFileName(name),
                        provenanceJson(fullTableProvenance(t.csv, ctx)),
                        'application/json',
                      );
                    }}
                  >
                    Provenance
                  </button>
                </span>
              ) : (
                <span className="muted download-none">
                  Not in this data{ctx.build.demo ? ' (the demo)' : ''}: <code>npm run data</code>{' '}
                  writes them.
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <div className="download-cite">
        <button type="button" className="button" data-testid="cite-button" onClick={props.onCite}>
          Cite…
        </button>
        <span className="muted">BibTeX and text for UCDP GED, Geo-PKO and Presence Atlas.</span>
      </div>
    </ModalDialog>
  );
}

/** Both dialogs of the Download button: what the button loads on first use. */
export default function DownloadDialogs(props: {
  open: 'download' | 'cite' | null;
  onClose: () => void;
  onCite: () => void;
}) {
  return (
    <>
      <DownloadDialog
        open={props.open === 'download'}
        onClose={props.onClose}
        onCite={props.onCite}
      />
      <CiteDialog open={props.open === 'cite'} onClose={props.onClose} />
    </>
  );
}
