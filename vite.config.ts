/**
 * Vite configuration, and the Content-Security-Policy and security headers of the production app
 * (`vite build` / `vite preview`; README "Security headers" shows them for static hosts). The
 * policy is not applied to the dev server, whose hot reload needs inline scripts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The `<style>` elements Observable Plot puts in its charts and legends (with its default class
 * name): the chart's, the colour ramp legend's and the swatches legend's (two variants). Read
 * from Plot's source so that a Plot upgrade cannot silently break the hashes (the e2e suites
 * fail on any CSP violation).
 */
export function plotStyleTexts(): string[] {
  const require = createRequire(import.meta.url);
  // The package's entry is src/index.js; the other modules sit beside it.
  const dir = path.dirname(require.resolve('@observablehq/plot'));
  const read = (file: string): string => readFileSync(path.join(dir, file), 'utf8');
  const className = /if \(name === undefined\) return "([^"]+)"/.exec(read('style.js'))?.[1];
  const chart = /svg\.append\("style"\)\.text\(\s*`([^`]*)`/.exec(read('plot.js'))?.[1];
  const ramp = /svg\.append\("style"\)\.text\(\s*`([^`]*)`/.exec(read('legends/ramp.js'))?.[1];
  const swatchesSrc = read('legends/swatches.js');
  const swatches = /div\.insert\("style", "\*"\)\.text\(\s*`([^`]*)`/.exec(swatchesSrc)?.[1];
  const extras = [...swatchesSrc.matchAll(/extraStyle = `([^`]*)`/g)].map((m) => m[1] as string);
  if (!className || !chart || !ramp || !swatches || extras.length !== 2)
    throw new Error("vite.config.ts: cannot find Observable Plot's <style> texts");
  return [chart, ramp, ...extras.map((e) => swatches.replace('${extraStyle}', e))].map((t) =>
    t.replaceAll('${className}', className),
  );
}

/** CSP source expression for the sha256 of a text. */
function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The policy's directives. Everything from the app's own origin only; `blob:` workers (the
 * video encoder's) and `data:` / `blob:` images (the favicon, exported PNGs); no `eval` (zod
 * runs jitless), no plugins, no `<base>`, no forms, no framing.
 */
export function cspDirectives(): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", ...plotStyleTexts().map(sha256Source)],
    'img-src': ["'self'", 'data:', 'blob:'],
    'media-src': ["'self'", 'blob:'],
    'worker-src': ["'self'", 'blob:'],
    'connect-src': ["'self'", 'blob:', 'data:'],
    'font-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
}

/** The policy as a header value (`frame-ancestors` included) or for a `<meta>` (without). */
export function contentSecurityPolicy(opts: { meta?: boolean } = {}): string {
  return Object.entries(cspDirectives())
    .filter(([name]) => !(opts.meta && name === 'frame-ancestors'))
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** Response headers of the production app (vite preview; the same for any static host). */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  };
}

/**
 * Puts the policy into the built index.html as a `<meta>` as well, so that a static host that
 * sends no headers still enforces it (a meta policy cannot carry `frame-ancestors`: that one
 * needs the header).
 */
export function cspMetaPlugin(): Plugin {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ meta: true })}" />`;
  return {
    name: 'presence-atlas-csp-meta',
    apply: 'build',
    // Right after <meta charset>: before every script and stylesheet it governs.
    transformIndexHtml: (html) => {
      const charset = /<meta charset="[^"]*"\s*\/?>/i;
      if (!charset.test(html))
        throw new Error('index.html: no <meta charset> to put the CSP after');
      return html.replace(charset, (m) => `${m}\n    ${meta}`);
    },
  };
}

export default defineConfig({
  plugins: [react(), cspMetaPlugin()],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  // The production app is served with a strict Content-Security-Policy (see above).
  preview: { host: '127.0.0.1', headers: securityHeaders() },
  server: { host: '127.0.0.1' },
});
