/** mulberry32: a small seeded PRNG, so that every benchmark run generates the same input. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A picker of indices 0 … n − 1 with probability proportional to `weights[i]` (one `rnd()` per
 * pick; binary search over the cumulative weights, summed in index order).
 */
export function weightedPicker(weights: ArrayLike<number>, rnd: () => number): () => number {
  const cum = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < cum.length; i++) cum[i] = total += weights[i] as number;
  return () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cum[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
