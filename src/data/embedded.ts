/**
 * The data of a self-contained story file (`src/domain/standalone.ts`): when the page carries a
 * `<script type="application/json" id="atlas-standalone-data">`, the loaders read the data files
 * from it instead of fetching them, so that the file opens from disk with no request at all.
 */
import { STANDALONE_DATA_ID, type StandalonePayload } from '../domain/standalone';

/** The embedded payload, or null on a normal page (or when the element holds no valid payload). */
export function embeddedPayload(
  doc: Document | null = globalThis.document ?? null,
): StandalonePayload | null {
  const el = doc?.getElementById(STANDALONE_DATA_ID);
  if (!el || el.getAttribute('type') !== 'application/json') return null;
  try {
    const v = JSON.parse(el.textContent ?? '') as Partial<StandalonePayload> | null;
    if (v?.version !== 1 || typeof v.files !== 'object' || v.files === null) return null;
    return v as StandalonePayload;
  } catch {
    return null;
  }
}

let cached: StandalonePayload | null | undefined;

/** The page's embedded payload, read once. */
export function pagePayload(): StandalonePayload | null {
  if (cached === undefined) cached = embeddedPayload();
  return cached;
}

/**
 * A fetch over the embedded files: `…/data/<path>` answers the file's JSON (404 for a file the
 * payload does not have); nothing goes to the network.
 */
export function embeddedFetch(payload: StandalonePayload): (url: string) => Promise<Response> {
  return (url) => {
    const path = url.replace(/^.*?\bdata\//, '');
    const value = Object.prototype.hasOwnProperty.call(payload.files, path)
      ? payload.files[path]
      : undefined;
    return Promise.resolve(
      value === undefined
        ? new Response('not in this story file', { status: 404 })
        : new Response(JSON.stringify(value), {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          }),
    );
  };
}

/** The fetch the loaders use on this page: the embedded files, or the network (same origin). */
export function dataFetch(): (url: string) => Promise<Response> {
  const p = pagePayload();
  return p ? embeddedFetch(p) : (u) => fetch(u);
}
