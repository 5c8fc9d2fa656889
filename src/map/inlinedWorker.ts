/**
 * The text of MapLibre's worker when the build inlined it as a `data:` URL (the self-contained
 * story file), made a classic script (its one trailing `export { … }` removed). Base64 is decoded
 * as UTF-8: `atob` alone gives one character per byte, which breaks the worker's non-ASCII text
 * (a syntax error in the worker: "Invalid or unexpected token").
 */
export function inlinedWorkerText(url: string): string | null {
  const m = /^data:([^,;]+)(;charset=[^,;]+)?(;base64)?,/.exec(url);
  if (!m) return null;
  const body = url.slice(m[0].length);
  const text = m[3]
    ? new TextDecoder().decode(Uint8Array.from(atob(body), (c) => c.charCodeAt(0)))
    : decodeURIComponent(body);
  return text
    .replace(/\/\/# sourceMappingURL=\S*\s*$/, '')
    .replace(/export\s*\{[^}]*\}\s*;?\s*$/, '');
}
