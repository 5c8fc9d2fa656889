/** The production app's Content-Security-Policy and security headers (vite.config.ts). */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import viteConfig, {
  contentSecurityPolicy,
  cspDirectives,
  plotStyleText,
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

  it('allows exactly Observable Plot’s own <style> element by its hash', () => {
    const text = plotStyleText();
    expect(text).toContain(':where(.plot-d6a7b5) {');
    expect(text).toContain('white-space: pre;');
    const hash = createHash('sha256').update(text).digest('base64');
    expect(cspDirectives()['style-src']).toEqual(["'self'", `'sha256-${hash}'`]);
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
