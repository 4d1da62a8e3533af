import { fileURLToPath } from 'node:url';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The test settings every package shares. Besides the usual console output, each run
 * writes a JSON report that `tooling/test-summary.mjs` adds up into one closing line.
 * Timeouts are generous, as a budget is no place to measure speed: suites start PGlite and
 * real processes on a 2-core CI machine that runs two packages' tests at once, and a loaded
 * machine (a load average of 20 while others build) made 20-second suites miss 120 s.
 */
export default defineConfig({
  // Our workspaces export their sources under the `source` condition and their builds
  // otherwise: tests run the sources as they are, never a stale dist/.
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  test: {
    reporters: ['default', ['json', { outputFile: '.reports/vitest.json' }]],
    // One process runs a package's test files one after another, where vitest's default
    // starts one per file: Node, the imports and PGlite's WebAssembly start once per package
    // instead of for each of some 170 files, and database suites load the migrated snapshot
    // from memory. Files share modules, so none may count on module state another file left
    // (no suite mocks modules or stubs globals).
    isolate: false,
    // Names the run, and drops the PostgreSQL databases its database suites shared once it ends.
    globalSetup: [fileURLToPath(new URL('../packages/db/src/testing-global.ts', import.meta.url))],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
