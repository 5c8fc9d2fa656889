/**
 * Vite configuration, and the Content-Security-Policy and security headers of the production app
 * (`vite build` / `vite preview`; README "Security headers" shows them for static hosts). The
 * policy is not applied to the dev server, whose hot reload needs inline scripts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build, defineConfig, type LogLevel, type Plugin, type Rolldown } from 'vite';
import {
  STANDALONE_DATA_ID,
  STANDALONE_PLACEHOLDER,
  STANDALONE_TEMPLATE_FILE,
} from './src/domain/standaloneIds.ts';
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

/**
 * The policy of a self-contained story file: nothing may be loaded from anywhere (`default-src
 * 'none'`); the one inline script and the inline stylesheet run by hash; images, media, workers
 * and the loaders' reads only from `data:` / `blob:` URLs made inside the page.
 */
export function standaloneCsp(scripts: string[], styles: string[]): string {
  const d: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': scripts.map(sha256Source),
    'style-src': [...styles, ...plotStyleTexts()].map(sha256Source),
    'img-src': ['data:', 'blob:'],
    'media-src': ['blob:'],
    // MapLibre starts its worker from a data: URL on a file:// page (an opaque origin).
    'worker-src': ['blob:', 'data:'],
    'connect-src': ['data:', 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
  return Object.entries(d)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/**
 * `vite build --mode standalone`: the whole app in ONE file, `dist/standalone.html` (the entry
 * script and the stylesheet inlined, no other file), with an empty data element for the story
 * export to fill (`src/domain/standalone.ts`) and its own no-network policy.
 */
export function standalonePlugin(): Plugin {
  return {
    name: 'presence-atlas-standalone',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = bundle['index.html'];
      if (!html || html.type !== 'asset') throw new Error('standalone: no index.html in the build');
      const file = (ref: string): Rolldown.OutputChunk | Rolldown.OutputAsset => {
        const f = bundle[ref.replace(/^\.?\//, '')];
        if (!f) throw new Error(`standalone: ${ref} is not in the build`);
        return f;
      };
      const scripts: string[] = [];
      const styles: string[] = [];
      let text = String(html.source)
        .replace(/<link rel="modulepreload"[^>]*>\s*/g, '')
        .replace(
          /<script type="module" crossorigin src="([^"]+)"><\/script>/g,
          (_m, src: string) => {
            const f = file(src);
            if (f.type !== 'chunk') throw new Error(`standalone: ${src} is not a script`);
            // One bundle: nothing to preload (Vite leaves its marker when code is not split).
            const code = f.code
              .replaceAll('__VITE_PRELOAD__', 'void 0')
              .replace(/<\/(script)/gi, '<\\/$1');
            scripts.push(code);
            return `<script type="module">${code}</script>`;
          },
        )
        .replace(/<link rel="stylesheet" crossorigin href="([^"]+)">/g, (_m, href: string) => {
          const f = file(href);
          const css = String(f.type === 'asset' ? f.source : '').replace(/<\/(style)/gi, '<\\/$1');
          styles.push(css);
          return `<style>${css}</style>`;
        });
      const left = Object.keys(bundle).filter(
        (k) => k !== 'index.html' && !text.includes(String(k)) && bundle[k]?.type === 'chunk',
      );
      if (/<script[^>]+src=|<link[^>]+href="[^d#]/.test(text) || scripts.length !== 1)
        throw new Error(`standalone: the page still loads a file (${left.join(', ')})`);
      const meta = `<meta http-equiv="Content-Security-Policy" content="${standaloneCsp(scripts, styles)}" />`;
      text = text
        .replace(/<meta charset="[^"]*"\s*\/?>/i, (m) => `${m}\n    ${meta}`)
        .replace(
          '</body>',
          `<script type="application/json" id="${STANDALONE_DATA_ID}">${STANDALONE_PLACEHOLDER}</script>\n  </body>`,
        );
      for (const k of Object.keys(bundle)) delete bundle[k];
      this.emitFile({ type: 'asset', fileName: STANDALONE_TEMPLATE_FILE, source: text });
    },
  };
}

/**
 * The standalone build (`npm run build:standalone`, config `vite.standalone.config.ts`): one
 * file opened from disk: relative base, no public folder, every import inlined.
 */
export const standaloneConfig = defineConfig({
  base: './',
  publicDir: false,
  plugins: [react(), standalonePlugin()],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 20_000,
    emptyOutDir: false,
    assetsInlineLimit: Number.MAX_SAFE_INTEGER,
    cssCodeSplit: false,
    rolldownOptions: { output: { codeSplitting: false } },
  },
});

/**
 * Every production build of the app also writes the offline template (`standalone.html`, beside
 * `index.html`) that "Export story" fetches: once the app's bundle is written, a second build
 * with {@link standaloneConfig} into the same folder (`vite build`, `npm run build`, `npm start`
 * and the e2e harness alike). `vite build --config vite.standalone.config.ts` still builds the
 * template alone.
 */
export function standaloneTemplatePlugin(): Plugin {
  let settings: { root: string; outDir: string; mode: string; logLevel?: LogLevel } | null = null;
  return {
    name: 'presence-atlas-standalone-template',
    apply: 'build',
    configResolved(c) {
      settings = {
        root: c.root,
        outDir: path.resolve(c.root, c.build.outDir),
        mode: c.mode,
        logLevel: c.logLevel,
      };
    },
    async closeBundle(error?: Error) {
      // A failed build writes no template either (its own error is the one to read).
      if (error) return;
      if (!settings) throw new Error('standalone template: the build has no resolved config');
      const s = settings;
      await build({
        ...standaloneConfig,
        configFile: false,
        root: s.root,
        mode: s.mode,
        ...(s.logLevel ? { logLevel: s.logLevel } : {}),
        build: { ...standaloneConfig.build, outDir: s.outDir, emptyOutDir: false },
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), cspMetaPlugin(), standaloneTemplatePlugin()],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  // The production app is served with a strict Content-Security-Policy (see above).
  preview: { host: '127.0.0.1', headers: securityHeaders() },
  server: { host: '127.0.0.1' },
});
