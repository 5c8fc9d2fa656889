/** The production app's Content-Security-Policy and security headers (vite.config.ts). */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import viteConfig, {
  contentSecurityPolicy,
  cspDirectives,
  plotStyleTexts,
  securityHeaders,
} from '../../vite.config';
import '../../src/story/schema';

describe('Content-Security-Policy', () => {
  it('is strict: own origin only, no eval, no inline scripts, no plugins, no framing', () => {
    const d = cspDirectives();
    expect(d['default-src']).toEqual(["'self'"]);
    expect(d['script-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    const all = Object.values(d).flat();
    expect(all).not.toContain("'unsafe-eval'");
    expect(all).not.toContain("'unsafe-inline'");
    // No other origin anywhere (only keywords, data: and blob:).
    expect(all.filter((v) => !/^('self'|'none'|'sha256-[A-Za-z0-9+/=]+'|data:|blob:)$/.test(v)))
      .toEqual([]); // prettier-ignore
  });

  it('allows exactly Observable Plot’s own <style> elements by their hashes', () => {
    const [chart, ramp, swatchColumns, swatchWrap] = plotStyleTexts();
    expect(chart).toContain(':where(.plot-d6a7b5) {');
    expect(chart).toContain('white-space: pre;');
    expect(ramp).toContain(':where(.plot-d6a7b5-ramp) {');
    expect(swatchColumns).toContain(':where(.plot-d6a7b5-swatches-columns .plot-d6a7b5-swatch) {');
    expect(swatchWrap).toContain(':where(.plot-d6a7b5-swatches-wrap) {');
    for (const t of [chart, ramp, swatchColumns, swatchWrap]) expect(t).not.toContain('${');
    const hash = (t: string): string =>
      `'sha256-${createHash('sha256')
        .update(t as string)
        .digest('base64')}'`;
    expect(cspDirectives()['style-src']).toEqual([
      "'self'",
      hash(chart as string),
      hash(ramp as string),
      hash(swatchColumns as string),
      hash(swatchWrap as string),
    ]);
    // The swatches legend of the Lag tab, as Chromium reported it when it was missing.
    expect(cspDirectives()['style-src']).toContain(
      "'sha256-rCZUQsEQJf1DmnfnMZmlj08XC7qbIZySA6bEtitbQ00='",
    );
  });

  it('the meta copy leaves out frame-ancestors (only a header can carry it)', () => {
    expect(contentSecurityPolicy()).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy({ meta: true })).not.toContain('frame-ancestors');
    expect(contentSecurityPolicy({ meta: true })).toContain("object-src 'none'");
  });

  it('vite preview sends the policy with nosniff and frame protection', () => {
    const headers = viteConfig.preview?.headers as Record<string, string>;
    expect(headers).toEqual(securityHeaders());
    expect(headers['Content-Security-Policy']).toBe(contentSecurityPolicy());
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['X-Frame-Options']).toBe('DENY');
  });

  it('zod runs jitless (no new Function) once the story schema is loaded', () => {
    expect(z.config().jitless).toBe(true);
  });
});
