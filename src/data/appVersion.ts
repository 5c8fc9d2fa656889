/**
 * The version of Presence Atlas (package.json's `version`), written into every download's
 * provenance and the Cite dialog, the same in the app and in `npm run export`.
 */
import pkg from '../../package.json';

/** package.json's `version`, e.g. "0.1.0". */
export const APP_VERSION: string = pkg.version;
