import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Reads a fixture's bytes exactly as stored: signature tests sign these bytes, so they
 * must not go through a JSON round trip.
 */
export function fixture(platform: string, name: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return readFileSync(join(here, '..', platform, 'fixtures', name), 'utf8');
}

/** Collects an async iterable (tests only: production code streams). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
