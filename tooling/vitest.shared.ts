import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The test settings every package shares. Besides the usual console output, each run
 * writes a JSON report that `tooling/test-summary.mjs` adds up into one closing line.
 * Timeouts are generous: suites start PGlite and real processes on a 2-core CI machine
 * that runs two packages' tests at once.
 */
export default defineConfig({
  // Our workspaces export their sources under the `source` condition and their builds
  // otherwise: tests run the sources as they are, never a stale dist/.
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  test: {
    reporters: ['default', ['json', { outputFile: '.reports/vitest.json' }]],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
