import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Browser (e2e) tests share one production build and one Chromium; run files one at a time
    // so that 2-core machines are not oversubscribed.
    fileParallelism: false,
  },
});
