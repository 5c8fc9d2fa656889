/**
 * A small memoizer for selectors: caches the last `size` results keyed by the arguments
 * (primitives and arrays of primitives, compared by value).
 */
type Key = string | number | boolean | null | undefined | readonly (string | number)[];

function keyOf(args: readonly Key[]): string {
  return JSON.stringify(args);
}

/** Wraps `fn` so that equal arguments return the identical cached result (LRU of `size`). */
export function memoize<A extends Key[], R>(fn: (...args: A) => R, size = 64): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args: A): R => {
    const k = keyOf(args);
    if (cache.has(k)) {
      const v = cache.get(k) as R;
      cache.delete(k);
      cache.set(k, v);
      return v;
    }
    const v = fn(...args);
    cache.set(k, v);
    if (cache.size > size) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return v;
  };
}
