import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** The start of every scratch database's name; a run's are named `<prefix><run>_...`. */
export const SCRATCH_PREFIX = 'breachless_test_';

/**
 * Creates an empty database on the server of `baseUrl`; returns its URL and how to drop it.
 * @param run the test run it belongs to (testing-global.ts drops the run's databases at its end)
 */
export async function createScratchDatabase(
  baseUrl: string,
  run?: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${SCRATCH_PREFIX}${run ? `${run}_` : ''}${randomBytes(6).toString('hex')}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}
