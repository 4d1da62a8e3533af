import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repo's copy of the conformance cases (a user's clone has no ../shared). */
export const CONFORMANCE_DIR = resolve(fileURLToPath(import.meta.url), '../../../../conformance');
/** The decided cases beside the repo, where a developer's or CI's machine has them. */
export const SHARED_CONFORMANCE_DIR = resolve(CONFORMANCE_DIR, '../../shared/conformance');

export interface CalendarCase {
  id: string;
  calendar: string;
  from: string;
  to?: string;
  duration?: string;
  expect: { due?: string; seconds?: number };
  why: string;
}

export interface Scenario {
  name: string;
  eventsText: string;
  expected: { why: string; at: string; expect: ExplainDocument };
}

export interface ExplainDocument {
  at: string;
  tickets: { ticket: string; policy: string | null; cycles: Record<string, unknown>[] }[];
}

export function readCalendarCases(): CalendarCase[] {
  const text = readFileSync(join(CONFORMANCE_DIR, 'calendar-cases.ndjson'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CalendarCase);
}

export function readJson(name: string): unknown {
  return JSON.parse(readFileSync(join(CONFORMANCE_DIR, name), 'utf8'));
}

export function readScenarios(): Scenario[] {
  const dir = join(CONFORMANCE_DIR, 'scenarios');
  return readdirSync(dir)
    .sort()
    .map((name) => ({
      name,
      eventsText: readFileSync(join(dir, name, 'events.ndjson'), 'utf8'),
      expected: JSON.parse(readFileSync(join(dir, name, 'expected.json'), 'utf8')),
    }));
}

/**
 * Cycles keyed by `(metric, cycle)`, as the conformance README says to compare them.
 * @throws when a key comes twice: a map would keep the last, and a duplicated cycle pass
 */
export function cyclesByKey(doc: ExplainDocument): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const t of doc.tickets)
    for (const c of t.cycles) {
      const key = `${t.ticket}/${c.metric}/${c.cycle}`;
      if (out.has(key)) throw new Error(`cycle ${key} appears twice`);
      out.set(key, c);
    }
  return out;
}
