import { defineConfig } from 'vitest/config';

/**
 * The test settings every package shares. Besides the usual console output, each run
 * writes a JSON report that `tooling/test-summary.mjs` adds up into one closing line.
 */
export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: '.reports/vitest.json' }]],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
