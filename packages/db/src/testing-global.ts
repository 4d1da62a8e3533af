// Vitest's global set-up for every workspace (tooling/vitest.shared.ts): names the run, so
// that the PostgreSQL database its suites share (testing-shared.ts) can be dropped once the
// run ends, by the process that outlives the test workers.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { SCRATCH_PREFIX } from './testing-scratch.js';

/** Provides the run's name; returns the teardown that drops the run's databases. */
export default function setup(project: TestProject): () => Promise<void> {
  const run = `r${randomBytes(4).toString('hex')}`;
  project.provide('breachlessTestRun', run);
  return async () => {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) return;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    try {
      const left = await admin<{ datname: string }[]>`
        select datname from pg_database where datname like ${`${SCRATCH_PREFIX}${run}\\_%`}`;
      for (const { datname } of left)
        await admin.unsafe(`drop database if exists ${datname} with (force)`);
    } finally {
      await admin.end();
    }
  };
}
