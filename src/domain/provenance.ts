/**
 * Provenance of a download: what it was made from (the source files with version and sha256,
 * from the build's `manifest.json`), under which parameters, by which version of Presence Atlas,
 * and how to cite it. The app's downloads and `npm run export` write the same object, as a JSON
 * sidecar (`<name>.provenance.json`), as a GeoJSON's `metadata` member and as Parquet key-value
 * metadata. Pure: no I/O, no clock (the date is the data build's, so that two exports of one
 * build are identical byte for byte).
 */
import { citations } from './citation';

/** A source file of the build as the provenance names it. */
export interface ProvenanceSource {
  /** Path relative to the source folder, e.g. `ucdp/GEDEvent_v23_1_CAR.csv`. */
  file: string;
  dataset: string;
  version: string;
  /** SHA-256 of the file as read; null when the manifest does not say. */
  sha256: string | null;
  bytes: number | null;
}

/** What the build's manifest says about where the data came from. */
export interface BuildInfo {
  /** ISO time the data build finished; null when unknown. */
  builtAt: string | null;
  /** Pipeline version of the build; null when unknown. */
  pipeline: string | null;
  sources: ProvenanceSource[];
  /** Paths (relative to the data folder) of the files the build wrote, e.g. `export/cell_years.csv`. */
  outputs: string[];
  /** The demo's cut rule when the data is the demo, else null. */
  demo: string | null;
}

/** An empty build description (no manifest). */
export const NO_BUILD_INFO: BuildInfo = Object.freeze({
  builtAt: null,
  pipeline: null,
  sources: [],
  outputs: [],
  demo: null,
}) as BuildInfo;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The provenance parts of a parsed `manifest.json`. Lenient: what is missing is null or empty
 * (a provenance then says "not recorded"), never invented.
 */
export function decodeBuildInfo(raw: unknown): BuildInfo {
  if (!isRecord(raw)) return NO_BUILD_INFO;
  const sources = Array.isArray(raw.sources) ? raw.sources.filter(isRecord) : [];
  const outputs = Array.isArray(raw.outputs) ? raw.outputs.filter(isRecord) : [];
  const versions = isRecord(raw.versions) ? raw.versions : {};
  const demo = isRecord(raw.demo) ? str(raw.demo.rule) : null;
  return {
    builtAt: str(raw.builtAt),
    pipeline: str(versions.pipeline),
    sources: sources.map((s) => ({
      file: str(s.file) ?? '',
      dataset: str(s.dataset) ?? '',
      version: str(s.version) ?? '',
      sha256: str(s.sha256),
      bytes: num(s.bytes),
    })),
    outputs: outputs.map((o) => str(o.path)).filter((p): p is string => p !== null),
    demo,
  };
}

/** A column of a table and what it holds. */
export interface ColumnDoc {
  name: string;
  description: string;
}

/** The provenance of one download. */
export interface Provenance {
  /** What the table is, e.g. "cells of the view". */
  table: string;
  /** What the rows are and which rule selected them, in words. */
  description: string;
  /** The files this provenance describes (all formats of the table). */
  files: string[];
  generator: { name: 'Presence Atlas'; version: string };
  data: {
    builtAt: string | null;
    pipeline: string | null;
    /** The demo's cut rule, or null for a build from the sources. */
    demo: string | null;
  };
  sources: ProvenanceSource[];
  /** The parameters of the view: mission, year, perpetrator filter, lag parameters, … */
  parameters: Record<string, string | number | boolean | null>;
  columns: ColumnDoc[];
  /** How missing values are written. */
  missing: string;
  /** What could not be computed for this view (e.g. countries without violence data). */
  notComputed: string[];
  citations: { source: string; plain: string; bibtex: string }[];
}

/** The inputs of {@link makeProvenance} that describe the table. */
export interface ProvenanceInput {
  table: string;
  description: string;
  files: string[];
  parameters: Provenance['parameters'];
  columns: ColumnDoc[];
  notComputed?: string[];
}

/** The rule every download follows for missing values. */
export const MISSING_RULE =
  'An empty value means not computed or not known (no data, no troop base that year, a source that says NA); it is never zero. A zero is a recorded zero.';

/** The provenance of a table built from `build` by Presence Atlas `appVersion`. */
export function makeProvenance(
  input: ProvenanceInput,
  build: BuildInfo,
  appVersion: string,
): Provenance {
  return {
    table: input.table,
    description: input.description,
    files: input.files,
    generator: { name: 'Presence Atlas', version: appVersion },
    data: { builtAt: build.builtAt, pipeline: build.pipeline, demo: build.demo },
    sources: build.sources,
    parameters: input.parameters,
    columns: input.columns,
    missing: MISSING_RULE,
    notComputed: input.notComputed ?? [],
    citations: citations(appVersion).map((c) => ({
      source: c.source,
      plain: c.plain,
      bibtex: c.bibtex,
    })),
  };
}

/** The sidecar text: pretty JSON (2 spaces) with a trailing newline. */
export function provenanceJson(p: Provenance): string {
  return `${JSON.stringify(p, null, 2)}\n`;
}

/** The sidecar's file name: `cells_MINUSCA_2017.csv` → `cells_MINUSCA_2017.provenance.json`. */
export function provenanceFileName(fileName: string): string {
  return `${fileName.replace(/\.[A-Za-z0-9]+$/, '')}.provenance.json`;
}
