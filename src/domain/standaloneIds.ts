/**
 * The names shared by the standalone template's build (`vite.config.ts`) and the code that fills
 * it (`standalone.ts`). No imports, so that the Vite config can load it without the domain's
 * module graph.
 */

/** The id of the embedded data element. */
export const STANDALONE_DATA_ID = 'atlas-standalone-data';

/** What the template holds where the data goes (inside the JSON script element). */
export const STANDALONE_PLACEHOLDER = '"__ATLAS_STANDALONE_DATA__"';

/** The template's file name in the build (`dist/standalone.html`). */
export const STANDALONE_TEMPLATE_FILE = 'standalone.html';
