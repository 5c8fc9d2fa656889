/**
 * `vite build --config vite.standalone.config.ts`: the app as one self-contained HTML template,
 * `dist/standalone.html` (see `standalonePlugin` in vite.config.ts).
 */
export { standaloneConfig as default } from './vite.config';
